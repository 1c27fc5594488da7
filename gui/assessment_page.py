"""One assessment: its items with the six level descriptors as choices, saved the moment a
level is chosen, and the resulting score."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.data import DataAccess
from gui.errors import report_service_error
from gui.i18n import current_language
from models import assessments
from models.errors import ServiceError
from models.tables import AnswerUpdate
from questionnaires.scale import SCALE, readiness_band
from questionnaires.schema import Item


class ItemWidget(QGroupBox):
    """One item: question, guidance and a radio button per level.

    Signals:
        level_chosen(str, int): the user picked a level for the item.
    """

    level_chosen = Signal(str, int)

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None):
        super().__init__(f"{item.id}  {item.question.get(lang)}", parent)
        self.item_id = item.id
        layout = QVBoxLayout(self)
        guidance = QLabel(item.guidance.get(lang), self)
        guidance.setWordWrap(True)
        guidance.setTextFormat(Qt.TextFormat.PlainText)
        guidance.setStyleSheet("color: palette(mid);")
        layout.addWidget(guidance)
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        for level in range(6):
            text = f"{level}  {SCALE[level].get(lang)} — {item.levels[level].get(lang)}"
            button = QRadioButton(text, self)
            button.setAccessibleName(f"{item.id} {level} {SCALE[level].get(lang)}")
            self.group.addButton(button, level)
            self.buttons[level] = button
            layout.addWidget(button)
        self.group.idClicked.connect(lambda level: self.level_chosen.emit(self.item_id, level))

    def set_level(self, level: int | None) -> None:
        if level is None:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[level].setChecked(True)


class AssessmentPage(QWidget):
    """Signals:
    answer_saved(int): an answer of the assessment with this id was saved.
    """

    answer_saved = Signal(int)

    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.assessment_id: int | None = None
        self.versions: dict[str, int] = {}
        self.item_widgets: dict[str, ItemWidget] = {}
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.score_label = QLabel(self)
        self.score_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label = QLabel(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.score_label)
        layout.addWidget(self.saved_label)
        layout.addWidget(self.scroll, 1)

    def load(self, assessment_id: int) -> None:
        lang = current_language()

        def fetch(s):  # type: ignore[no-untyped-def]
            return (
                assessments.get_assessment(session=s, assessment_id=assessment_id),
                assessments.questionnaire_of(session=s, assessment_id=assessment_id),
                assessments.list_answers(session=s, assessment_id=assessment_id),
            )

        try:
            summary, questionnaire, answers = self.data.call(fetch)
        except ServiceError as exc:
            report_service_error(self, exc)
            return
        self.assessment_id = assessment_id
        self.title.setText(f"{summary.unit} · {summary.cycle}")
        container = QWidget()
        column = QVBoxLayout(container)
        self.item_widgets = {}
        self.versions = {item_id: a.version for item_id, a in answers.items()}
        for policy in questionnaire.policies:
            heading = QLabel(f"{policy.id}. {policy.name.get(lang)}", container)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setStyleSheet("font-weight: bold; margin-top: 12px;")
            column.addWidget(heading)
            for item in questionnaire.items_of_policy(policy.id):
                widget = ItemWidget(item, lang, container)
                answer = answers.get(item.id)
                widget.set_level(answer.level if answer else None)
                widget.level_chosen.connect(self.save_level)
                column.addWidget(widget)
                self.item_widgets[item.id] = widget
        column.addStretch(1)
        self.scroll.setWidget(container)
        self.saved_label.setText("")
        self.update_score()

    def save_level(self, item_id: str, level: int) -> None:
        assessment_id = self.assessment_id
        assert assessment_id is not None
        try:
            saved = self.data.call(
                lambda s: assessments.save_answer(
                    session=s,
                    assessment_id=assessment_id,
                    item_id=item_id,
                    change=AnswerUpdate(level=level),
                    actor=self.data.actor,
                    expected_version=self.versions.get(item_id, 0),
                )
            )
        except ServiceError as exc:
            report_service_error(self, exc)
            self.load(assessment_id)  # show what is really stored
            return
        self.versions[item_id] = saved.version
        self.saved_label.setText(self.tr("Saved: %1 → level %2").replace("%1", item_id).replace("%2", str(level)))
        self.update_score()
        self.answer_saved.emit(assessment_id)

    def update_score(self) -> None:
        assessment_id = self.assessment_id
        if assessment_id is None:
            return
        result = self.data.call(lambda s: assessments.score_assessment(session=s, assessment_id=assessment_id))
        lang = current_language()
        if result.overall is None:
            text = self.tr("Overall score: not assessed yet")
        else:
            band = readiness_band(result.overall)
            text = (
                self.tr("Overall score: %1 · level %2 %3")
                .replace("%1", f"{result.overall:.1f}")
                .replace("%2", str(band.level))
                .replace("%3", band.name.get(lang))
            )
        text += " · " + self.tr("coverage %1").replace("%1", f"{result.coverage:.0%}")
        if result.provisional:
            text += " · " + self.tr("provisional")
        self.score_label.setText(text)
