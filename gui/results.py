"""The results of an assessment: overall score and level (provisional marked 暫定), the radar
of the four policies with targets, principle scores, coverage and the top recommendations."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.data import DataAccess
from gui.i18n import current_language
from gui.texts import fmt, percent, score_text, short_policy_name
from models import assessments, modules
from questionnaires.model import Questionnaire
from questionnaires.scale import PROVISIONAL_BELOW, SCALE, readiness_band
from questionnaires.scoring import ScoreResult

if TYPE_CHECKING:
    from gui.radar import RadarView

TOP_RECOMMENDATIONS = 8


def _label(parent: QWidget, rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


class ResultsPage(QWidget):
    """Signals:
    export_requested(): the user asked for the scorecard PDF.
    how_requested(): the user asked how scores are computed.
    """

    export_requested = Signal()
    how_requested = Signal()

    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.assessment_id: int | None = None
        self.result: ScoreResult | None = None
        self.questionnaire: Questionnaire | None = None
        self.radar: RadarView | None = None
        self.modules: dict[str, Questionnaire] = {}
        self.module_results: dict[str, ScoreResult] = {}

        content = QWidget(self)
        self.overall_caption = _label(content)
        self.overall_value = QLabel(content)
        big = self.overall_value.font()
        big.setPointSizeF(big.pointSizeF() * 3.0)
        big.setBold(True)
        self.overall_value.setFont(big)
        self.level_label = _label(content)
        level_font = self.level_label.font()
        level_font.setPointSizeF(level_font.pointSizeF() * 1.4)
        self.level_label.setFont(level_font)
        self.provisional = _label(content)
        self.provisional.setStyleSheet(
            "QLabel { background: #fde2c8; color: #6b2f00; border: 1px solid #e8a46a; border-radius: 4px;"
            " padding: 6px; font-weight: bold; }"
        )
        self.coverage = _label(content)
        self.export_button = QPushButton(content)
        self.export_button.clicked.connect(self.export_requested)
        self.open_when_done = QCheckBox(content)
        self.how_button = QPushButton(content)
        self.how_button.clicked.connect(self.how_requested)
        summary = QVBoxLayout()
        summary.addWidget(self.overall_caption)
        summary.addWidget(self.overall_value)
        summary.addWidget(self.level_label)
        summary.addWidget(self.provisional)
        summary.addWidget(self.coverage)
        summary.addSpacing(12)
        summary.addWidget(self.export_button)
        summary.addWidget(self.open_when_done)
        summary.addWidget(self.how_button)
        summary.addStretch(1)
        self.radar_box = QVBoxLayout()
        top = QHBoxLayout()
        top.addLayout(summary, 2)
        top.addLayout(self.radar_box, 3)

        self.policies_box = QGroupBox(content)
        self.policies_grid = QGridLayout(self.policies_box)
        self.principles_box = QGroupBox(content)
        self.principles_grid = QGridLayout(self.principles_box)
        tables = QHBoxLayout()
        tables.addWidget(self.policies_box, 3)
        tables.addWidget(self.principles_box, 2)

        self.modules_box = QGroupBox(content)
        self.modules_grid = QGridLayout(self.modules_box)
        self.modules_box.hide()

        self.recommendations_box = QGroupBox(content)
        self.recommendations = _label(self.recommendations_box, rich=True)
        self.recommendations.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rec_layout = QVBoxLayout(self.recommendations_box)
        rec_layout.addWidget(self.recommendations)

        column = QVBoxLayout(content)
        column.addLayout(top)
        column.addLayout(tables)
        column.addWidget(self.modules_box)
        column.addWidget(self.recommendations_box)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.overall_caption.setText(self.tr("Overall score"))
        self.export_button.setText(self.tr("&Export scorecard (PDF)…"))
        self.export_button.setAccessibleName(self.tr("Export scorecard"))
        self.open_when_done.setText(self.tr("Open the PDF when done"))
        self.open_when_done.setAccessibleName(self.tr("Open the PDF when done"))
        self.how_button.setText(self.tr("&How scores are computed"))
        self.how_button.setAccessibleName(self.tr("How scores are computed"))
        self.policies_box.setTitle(self.tr("Basic policies"))
        self.principles_box.setTitle(self.tr("Principles"))
        self.recommendations_box.setTitle(self.tr("Top recommendations"))
        self.modules_box.setTitle(self.tr("Supplementary modules (scored apart from the plan)"))
        self.overall_value.setAccessibleName(self.tr("Overall score"))
        if self.result is not None:
            self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, assessment_id: int) -> None:
        def fetch(s):  # type: ignore[no-untyped-def]
            return (
                assessments.score_assessment(session=s, assessment_id=assessment_id),
                assessments.questionnaire_of(session=s, assessment_id=assessment_id),
                modules.modules_of(session=s, assessment_id=assessment_id),
                modules.score_modules(session=s, assessment_id=assessment_id),
            )

        self.result, self.questionnaire, self.modules, self.module_results = self.data.call(fetch)
        self.assessment_id = assessment_id
        self.render()

    def render(self) -> None:
        result, questionnaire = self.result, self.questionnaire
        assert result is not None and questionnaire is not None
        lang = current_language()
        e = html.escape
        if result.overall is None:
            self.overall_value.setText("—")
            self.level_label.setText(self.tr("Not assessed yet: answer at least one item."))
        else:
            band = readiness_band(result.overall)
            self.overall_value.setText(f"{result.overall:.1f}")
            self.level_label.setText(fmt(self.tr("Readiness level %1 %2"), band.level, band.name.get(lang)))
        self.provisional.setVisible(result.provisional)
        self.provisional.setText(
            fmt(self.tr("Provisional (暫定): fewer than %1 of the items are answered."), f"{PROVISIONAL_BELOW:.0%}")
        )
        self.coverage.setText(
            fmt(
                self.tr("Coverage %1: %2 answered, %3 N/A, of %4 items."),
                percent(result.coverage),
                result.answered,
                result.not_applicable,
                result.total,
            )
        )

        self._fill_grid(
            self.policies_grid,
            [self.tr("Policy"), self.tr("Score"), self.tr("Target")],
            [
                [
                    f"{p.id}. {p.name.get(lang)}",
                    score_text(result.policies.get(p.id)),
                    score_text(result.policy_targets.get(p.id)),
                ]
                for p in questionnaire.policies
            ],
        )
        self._fill_grid(
            self.principles_grid,
            [self.tr("Principle"), self.tr("Score")],
            [[f"{p.id} {p.name.get(lang)}", score_text(result.principles.get(p.id))] for p in questionnaire.principles],
        )

        self.modules_box.setVisible(bool(self.modules))
        if self.modules:
            rows = []
            for module_id, module in self.modules.items():
                module_result = self.module_results.get(module_id)
                if module_result is None:
                    continue
                level = "—"
                if module_result.overall is not None:
                    band = readiness_band(module_result.overall)
                    level = f"{band.level} {band.name.get(lang)}"
                coverage = percent(module_result.coverage)
                if module_result.provisional:
                    coverage += " " + self.tr("(provisional)")
                rows.append([module.data.title.get(lang), score_text(module_result.overall), level, coverage])
            self._fill_grid(
                self.modules_grid, [self.tr("Module"), self.tr("Score"), self.tr("Level"), self.tr("Answered")], rows
            )

        top = result.recommendations[:TOP_RECOMMENDATIONS]
        if not top:
            self.recommendations.setText(
                e(self.tr("No recommendations yet: set a target level above the current level on some items."))
            )
        else:
            entries = []
            for rank, rec in enumerate(top, 1):
                next_level = rec.level + 1
                entries.append(
                    f"<p><b>{rank}. {e(rec.item.id)}</b> {e(rec.item.question.get(lang))}<br>"
                    + e(
                        fmt(
                            self.tr("Now %1 → target %2 · gap %3 × weight %4 = priority %5"),
                            f"{rec.level} {SCALE[rec.level].get(lang)}",
                            f"{rec.target} {SCALE[rec.target].get(lang)}",
                            rec.gap,
                            rec.item.weight,
                            rec.priority,
                        )
                    )
                    + "<br><i>"
                    + e(fmt(self.tr("Next step (level %1):"), next_level))
                    + "</i> "
                    + e(rec.next_step.get(lang))
                    + "</p>"
                )
            self.recommendations.setText("".join(entries))
        self._render_radar()

    def _render_radar(self) -> None:
        result, questionnaire = self.result, self.questionnaire
        assert result is not None and questionnaire is not None
        if self.radar is None:
            from gui.radar import RadarView  # QtCharts loads only now

            self.radar = RadarView(self)
            self.radar.setAccessibleName(self.tr("Radar chart of the policy scores"))
            self.radar_box.addWidget(self.radar)
        lang = current_language()
        labels = []
        not_assessed = self.tr("not assessed")
        for p in questionnaire.policies:
            score = result.policies.get(p.id)
            label = f"{p.id}. {short_policy_name(p.name, lang)}"
            labels.append(label if score is not None else f"{label} ({not_assessed})")
        self.radar.set_data(
            labels,
            [result.policies.get(p.id) for p in questionnaire.policies],
            [result.policy_targets.get(p.id) for p in questionnaire.policies],
            self.tr("Score"),
            self.tr("Target"),
        )

    def _fill_grid(self, grid: QGridLayout, headers: list[str], rows: list[list[str]]) -> None:
        while grid.count():
            taken = grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        parent = grid.parentWidget()
        for column, header in enumerate(headers):
            label = _label(parent)
            label.setText(header)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, 0, column)
        for r, row in enumerate(rows, 1):
            for column, text in enumerate(row):
                label = _label(parent)
                label.setText(text)
                if column:
                    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                    label.setWordWrap(False)
                grid.addWidget(label, r, column)
        grid.setColumnStretch(0, 1)
