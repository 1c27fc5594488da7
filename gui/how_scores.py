"""The "How scores are computed" page: the exact scoring model, in the interface language."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gui.i18n import current_language
from questionnaires.scale import PROVISIONAL_BELOW, READINESS, SCALE


class HowScoresDialog(QDialog):
    """Explains questionnaires/scoring.py in words; numbers come from the code's constants."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 680)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("How scores are computed"))
        self.browser.setAccessibleName(self.tr("How scores are computed"))
        self.browser.setHtml(self.page_html())

    def page_html(self) -> str:
        lang = current_language()
        e = html.escape

        def li(text: str) -> str:
            return f"<li>{e(text)}</li>"

        def heading(level: int, text: str) -> str:
            return f"<h{level}>{e(text)}</h{level}>"

        scale = "".join(f"<li>{level} {e(SCALE[level].get(lang))}</li>" for level in range(6))
        bands = []
        for index, band in enumerate(READINESS):
            upper = READINESS[index + 1].lower if index + 1 < len(READINESS) else None
            if upper is None:
                span = self.tr("%1 or more").replace("%1", f"{band.lower:g}")
            elif band.lower == 0:
                span = self.tr("below %1").replace("%1", f"{upper:g}")
            else:
                span = self.tr("%1 to below %2").replace("%1", f"{band.lower:g}").replace("%2", f"{upper:g}")
            bands.append(f"<li>{band.level} {e(band.name.get(lang))}: {e(span)}</li>")
        provisional = f"{PROVISIONAL_BELOW:.0%}"
        parts = [
            heading(2, self.tr("How scores are computed")),
            "<p>"
            + e(
                self.tr(
                    "Every item is answered on the same scale from 0 to 5, "
                    "or marked not applicable (N/A) with a reason:"
                )
            )
            + "</p>",
            f"<ul>{scale}</ul>",
            heading(3, self.tr("Scores")),
            "<ol>",
            li(self.tr("Item score = level × 20, so 0 to 100.")),
            li(self.tr("N/A and unanswered items are left out of every average.")),
            li(
                self.tr(
                    "Policy score = Σ(weight × item score) ÷ Σ(weight) over the policy's scored items. "
                    "A policy with no scored item has no score (not assessed)."
                )
            ),
            li(
                self.tr(
                    "Principle score = the same weighted mean over the items tagged with that principle; "
                    "an item with two principles counts fully in both."
                )
            ),
            li(
                self.tr(
                    "Overall score = the plain mean of the policy scores that exist: the four policies weigh the same."
                )
            ),
            li(self.tr("Scores are shown to one decimal; levels are decided on the unrounded value.")),
            "</ol>",
            heading(3, self.tr("Readiness level from the overall score")),
            f"<ul>{''.join(bands)}</ul>",
            heading(3, self.tr("Coverage and provisional results")),
            "<ul>",
            li(self.tr("Coverage = (answered items + N/A items) ÷ all items.")),
            li(
                self.tr(
                    "With coverage below %1 the result is provisional and marked as such wherever it appears."
                ).replace("%1", provisional)
            ),
            "</ul>",
            heading(3, self.tr("Targets and recommendations")),
            "<ul>",
            li(self.tr("An answer may carry a target level. Gap = max(0, target − level).")),
            li(
                self.tr(
                    "Priority = gap × weight. Recommendations list items by priority; "
                    "ties by policy order, then item id."
                )
            ),
            li(self.tr("The next step of a recommendation is the descriptor of the next level up.")),
            li(self.tr("The target shape in the radar chart is the same weighted mean, taken over the targets.")),
            "</ul>",
        ]
        return "".join(parts)
