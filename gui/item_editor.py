"""One questionnaire item: question, guidance, source, the six levels as choices, N/A, target,
review mark and comment. It shows data and emits what the user changed; the walkthrough saves."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import current_language
from gui.level_choice import LevelChoice
from gui.texts import confidence_name, fmt, short_policy_name
from models.assessments import AnswerRead
from questionnaires.model import Questionnaire
from questionnaires.scale import SCALE
from questionnaires.schema import Item

#: A comment is saved this long after the last keystroke (and at once on leaving the field).
COMMENT_DEBOUNCE_MS = 1200


class ItemEditor(QWidget):
    """Signals:
    level_chosen(int): a level was chosen.
    na_requested(): the user asked to mark the item not applicable.
    clear_requested(): the user asked to clear the answer.
    target_chosen(object): a target level (int) or None was chosen.
    review_toggled(bool): the review mark was switched.
    comment_edited(str, str): (item id, text) after typing stopped or the field lost focus.
    """

    level_chosen = Signal(int)
    na_requested = Signal()
    clear_requested = Signal()
    target_chosen = Signal(object)
    review_toggled = Signal(bool)
    comment_edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.item: Item | None = None
        self.key: str | None = None
        self.questionnaire: Questionnaire | None = None
        self.answer: AnswerRead | None = None
        self.read_only = False
        self._comment_dirty = False

        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setStyleSheet("color: palette(dark);")
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.question.setFont(font)
        self.guidance = QLabel(self)
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kpi = QLabel(self)
        self.kpi.setWordWrap(True)
        self.kpi.setTextFormat(Qt.TextFormat.RichText)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.RichText)
        self.source.setStyleSheet("color: palette(dark);")

        self.na_state = QLabel(self)
        self.na_state.setWordWrap(True)
        self.na_state.setTextFormat(Qt.TextFormat.PlainText)
        self.na_state.setStyleSheet(
            "background: palette(alternate-base); border: 1px solid palette(mid); border-radius: 4px; padding: 6px;"
        )
        self.na_state.hide()

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.choices: list[LevelChoice] = []
        choices_box = QVBoxLayout()
        choices_box.setSpacing(4)
        for level in range(6):
            choice = LevelChoice(level, self)
            self.group.addButton(choice, level)
            self.choices.append(choice)
            choices_box.addWidget(choice)
        self.group.idClicked.connect(self._on_level_clicked)

        self.na_button = QPushButton(self)
        self.na_button.clicked.connect(self.na_requested)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.clear_requested)
        self.target_label = QLabel(self)
        self.target_combo = QComboBox(self)
        self.target_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.target_combo.activated.connect(self._on_target_activated)
        self.target_label.setBuddy(self.target_combo)
        self.review_check = QCheckBox(self)
        self.review_check.clicked.connect(self.review_toggled)

        answer_row = QHBoxLayout()
        answer_row.addWidget(self.na_button)
        answer_row.addWidget(self.clear_button)
        answer_row.addStretch(1)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target_combo)
        target_row.addSpacing(24)
        target_row.addWidget(self.review_check)
        target_row.addStretch(1)

        self.comment_label = QLabel(self)
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(84)
        self.comment.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.comment_label.setBuddy(self.comment)
        self.comment.textChanged.connect(self._on_comment_changed)
        self.comment.installEventFilter(self)
        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(COMMENT_DEBOUNCE_MS)
        self._comment_timer.timeout.connect(self.flush_comment)

        self.extra = QVBoxLayout()  # the evidence panel goes here

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.question)
        layout.addWidget(self.guidance)
        layout.addWidget(self.kpi)
        layout.addWidget(self.source)
        layout.addWidget(self.na_state)
        layout.addLayout(choices_box)
        layout.addLayout(answer_row)
        layout.addLayout(target_row)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.comment)
        layout.addLayout(self.extra)
        layout.addStretch(1)
        self.retranslate()

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.na_button.setText(self.tr("Not applicable… (N)"))
        self.na_button.setAccessibleName(self.tr("Not applicable"))
        self.clear_button.setText(self.tr("Clear answer"))
        self.clear_button.setAccessibleName(self.tr("Clear answer"))
        self.target_label.setText(self.tr("&Target level:"))
        self.target_combo.setAccessibleName(self.tr("Target level"))
        self.review_check.setText(self.tr("Mark for review (R)"))
        self.review_check.setAccessibleName(self.tr("Mark for review"))
        self.comment_label.setText(self.tr("&Comment:"))
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("What supports this level? Notes for the approver."))
        self.question.setAccessibleName(self.tr("Question"))
        self.guidance.setAccessibleName(self.tr("Guidance"))
        self.source.setAccessibleName(self.tr("Source"))
        lang = current_language()
        current = self.target_combo.currentIndex()
        self.target_combo.clear()
        self.target_combo.addItem(self.tr("— none —"), None)
        for level in range(6):
            self.target_combo.addItem(f"{level}  {SCALE[level].get(lang)}", level)
        self.target_combo.setCurrentIndex(max(0, current))
        if self.item is not None and self.questionnaire is not None:
            self.show_item(self.questionnaire, self.item, self.answer, self.key)

    def show_item(
        self, questionnaire: Questionnaire, item: Item, answer: AnswerRead | None, key: str | None = None
    ) -> None:
        """Show ``item`` (answered under ``key``, by default its id) with its stored answer
        (None = unanswered). A pending comment of the previous item is handed over first."""
        key = key or item.id
        if self.key is not None and self.key != key:
            self.flush_comment()
        self.questionnaire = questionnaire
        self.item = item
        self.key = key
        lang = current_language()
        policy = questionnaire.policy_by_id[item.policy]
        principles = ", ".join(item.principles)
        self.header.setText(
            fmt(
                self.tr("Item %1 · Policy %2 %3 · Principles %4 · Weight %5"),
                item.id,
                policy.id,
                short_policy_name(policy.name, lang),
                principles,
                item.weight,
            )
        )
        self.question.setText(item.question.get(lang))
        guidance = html.escape(item.guidance.get(lang)).replace("\n", "<br>")
        guidance_title = self.tr("Guidance")
        self.guidance.setText(f"<b>{html.escape(guidance_title)}</b>: {guidance}")
        if item.kpi is not None:
            kpi_title = self.tr("KPI hint")
            self.kpi.setText(f"<b>{html.escape(kpi_title)}</b>: {html.escape(item.kpi.get(lang))}")
            self.kpi.show()
        else:
            self.kpi.hide()
        confidence = item.source.confidence
        source_title = self.tr("Source")
        self.source.setText(
            f"<b>{html.escape(source_title)}</b>: {html.escape(item.source.ref.get(lang))} "
            f"&nbsp;<span style='border:1px solid gray'>&nbsp;{html.escape(confidence)}&nbsp;</span> "
            f"<i>{html.escape(confidence_name(confidence))}</i>"
        )
        for choice in self.choices:
            choice.set_texts(
                SCALE[choice.level].get(lang),
                item.levels[choice.level].get(lang),
                fmt(self.tr("Press %1 to choose this level"), choice.level),
            )
        self.set_answer(answer)

    def set_answer(self, answer: AnswerRead | None) -> None:
        """Show a stored answer without emitting anything (the comment only if not being edited)."""
        self.answer = answer
        level = answer.level if answer else None
        self.group.setExclusive(False)
        for choice in self.choices:
            choice.setChecked(choice.level == level)
        self.group.setExclusive(True)
        na_reason = answer.na_reason if answer else None
        self.na_state.setVisible(na_reason is not None)
        if na_reason is not None:
            self.na_state.setText(fmt(self.tr("Not applicable: %1"), na_reason))
        target = answer.target if answer else None
        self.target_combo.setCurrentIndex(0 if target is None else target + 1)
        self.review_check.setChecked(bool(answer and answer.review))
        if not self._comment_dirty:
            text = answer.comment if answer else ""
            if self.comment.toPlainText() != text:
                self.comment.blockSignals(True)
                self.comment.setPlainText(text)
                self.comment.blockSignals(False)
        self.clear_button.setEnabled(not self.read_only and answer is not None and answer.is_answered)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for choice in self.choices:
            choice.setEnabled(not read_only)
        for widget in (self.na_button, self.target_combo, self.review_check):
            widget.setEnabled(not read_only)
        self.clear_button.setEnabled(not read_only and self.answer is not None and self.answer.is_answered)
        self.comment.setReadOnly(read_only)

    # --- user input -------------------------------------------------------------------------

    def _on_level_clicked(self, level: int) -> None:
        if not self.read_only:
            self.level_chosen.emit(level)

    def _on_target_activated(self, index: int) -> None:
        self.target_chosen.emit(self.target_combo.itemData(index))

    def _on_comment_changed(self) -> None:
        if self.read_only:
            return
        self._comment_dirty = True
        self._comment_timer.start()

    def comment_pending(self) -> bool:
        return self._comment_dirty

    def flush_comment(self) -> None:
        """Hand over an edited comment now (on navigation, closing, focus leaving the field)."""
        self._comment_timer.stop()
        if not self._comment_dirty or self.key is None:
            return
        self._comment_dirty = False
        self.comment_edited.emit(self.key, self.comment.toPlainText())

    def discard_comment_edit(self) -> None:
        self._comment_timer.stop()
        self._comment_dirty = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.comment and event.type() == QEvent.Type.FocusOut:
            self.flush_comment()
        return super().eventFilter(watched, event)

    def focus_level(self) -> None:
        checked = self.group.checkedButton()
        (checked or self.choices[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
