"""The walkthrough: the four policies as sections in a side navigation with progress, one item
at a time, every change saved at once (one service call per change), and the whole thing usable
from the keyboard."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.data import DataAccess
from gui.dialogs import TextPromptDialog
from gui.errors import report_service_error
from gui.evidence_panel import EvidencePanel
from gui.i18n import current_language
from gui.item_editor import ItemEditor
from gui.texts import fmt, local_time, short_policy_name
from models import assessments, modules
from models.assessments import AnswerRead
from models.errors import Conflict, Locked, ServiceError
from models.modules import module_item_id
from models.tables import MODULE_ITEM_SEPARATOR, AnswerUpdate
from questionnaires.model import Questionnaire
from questionnaires.schema import Item, Text

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
REVIEW_MARK = "★"


@dataclass(frozen=True)
class Entry:
    """One item as answered in this assessment: its answer key (``1-01``, or ``module:M-01`` for
    a supplementary module's item), its content and the questionnaire it belongs to."""

    key: str
    item: Item
    questionnaire: Questionnaire
    section: str


@dataclass(frozen=True)
class Section:
    """A policy of the plan, or a policy of a supplementary module (shown after the plan's)."""

    key: str
    number: str
    name: Text
    module_title: Text | None
    keys: tuple[str, ...]

    def label(self, lang: str) -> str:
        if self.module_title is None:
            return f"{self.number}. {short_policy_name(self.name, lang)}"
        return f"＋ {self.module_title.get(lang)} · {short_policy_name(self.name, lang)}"


def build_sections(plan: Questionnaire, modules: dict[str, Questionnaire]) -> tuple[list[Section], dict[str, Entry]]:
    sections: list[Section] = []
    entries: dict[str, Entry] = {}
    sources: list[tuple[str | None, Questionnaire]] = [(None, plan), *sorted(modules.items())]
    for module_id, questionnaire in sources:
        for policy in questionnaire.policies:
            section_key = policy.id if module_id is None else f"{module_id}{MODULE_ITEM_SEPARATOR}{policy.id}"
            keys = []
            for item in questionnaire.items_of_policy(policy.id):
                key = item.id if module_id is None else module_item_id(module_id, item.id)
                entries[key] = Entry(key, item, questionnaire, section_key)
                keys.append(key)
            title = None if module_id is None else questionnaire.data.title
            sections.append(Section(section_key, policy.id, policy.name, title, tuple(keys)))
    return sections, entries


class WalkthroughPage(QWidget):
    """Signals:
    answer_saved(int): an answer of the assessment with this id was saved.
    item_shown(str): this item is now shown.
    locked(): a save was refused because the assessment is no longer a draft.
    """

    answer_saved = Signal(int)
    item_shown = Signal(str)
    locked = Signal()

    COL_ITEM, COL_STATE = range(2)

    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.assessment_id: int | None = None
        self.questionnaire: Questionnaire | None = None
        self.sections: list[Section] = []
        self.entries: dict[str, Entry] = {}
        self.answers: dict[str, AnswerRead] = {}
        self.order: list[str] = []
        self.current_item_id: str | None = None
        self.status = "draft"
        self.read_only = False
        self._nav_items: dict[str, QTreeWidgetItem] = {}
        self._section_items: dict[str, QTreeWidgetItem] = {}
        self._loading = False

        # Left: filters and the sections with their items.
        self.unanswered_filter = QCheckBox(self)
        self.review_filter = QCheckBox(self)
        self.unanswered_filter.toggled.connect(self.apply_filters)
        self.review_filter.toggled.connect(self.apply_filters)
        self.nav = QTreeWidget(self)
        self.nav.setColumnCount(2)
        self.nav.setUniformRowHeights(True)
        self.nav.setRootIsDecorated(True)
        self.nav.header().setStretchLastSection(False)
        self.nav.header().setSectionResizeMode(self.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.nav.header().setSectionResizeMode(self.COL_STATE, QHeaderView.ResizeMode.ResizeToContents)
        self.nav.currentItemChanged.connect(self._on_nav_changed)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.unanswered_filter)
        filters.addWidget(self.review_filter)
        filters.addStretch(1)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.nav, 1)

        # Right: a banner for conflicts and locks, the item, and the footer.
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setStyleSheet(
            "QLabel { background: #fff4d6; color: #3d2e00; border: 1px solid #e0c070;"
            " border-radius: 4px; padding: 8px; }"
        )
        self.banner.hide()
        self.editor = ItemEditor(self)
        self.evidence = EvidencePanel(data, self.editor)
        self.editor.extra.addWidget(self.evidence)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Texts wrap to the width; only the height scrolls.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.editor)
        self.prev_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.prev_button.clicked.connect(self.previous_item)
        self.next_button.clicked.connect(self.next_item)
        self.position = QLabel(self)
        self.saved_label = QLabel(self)
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        footer = QHBoxLayout()
        footer.addWidget(self.prev_button)
        footer.addWidget(self.position)
        footer.addStretch(1)
        footer.addWidget(self.saved_label)
        footer.addStretch(1)
        footer.addWidget(self.next_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.scroll, 1)
        right_layout.addLayout(footer)

        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 740])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.editor.level_chosen.connect(self.choose_level)
        self.editor.na_requested.connect(self.ask_not_applicable)
        self.editor.clear_requested.connect(self.clear_answer)
        self.editor.target_chosen.connect(self.choose_target)
        self.editor.review_toggled.connect(self.set_review)
        self.editor.comment_edited.connect(self.save_comment)
        self.editor.comment.textChanged.connect(self._on_typing)
        self.evidence.changed.connect(self._on_evidence_changed)
        self.evidence.failed.connect(self._on_save_error)

        # Tab order follows the screen: filters, sections, the item from top to bottom, footer.
        chain: list[QWidget] = [
            self.unanswered_filter,
            self.review_filter,
            self.nav,
            *self.editor.choices,
            self.editor.na_button,
            self.editor.clear_button,
            self.editor.target_combo,
            self.editor.review_check,
            self.editor.comment,
            *self.evidence.focus_chain(),
            self.prev_button,
            self.next_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._make_shortcuts()
        self.retranslate()

    # --- shortcuts ------------------------------------------------------------------------------

    def _shortcut(self, keys: list[str | QKeySequence], slot: Callable[[], None]) -> None:
        for key in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _make_shortcuts(self) -> None:
        for level in range(6):
            keypad = QKeySequence(Qt.KeyboardModifier.KeypadModifier | getattr(Qt.Key, f"Key_{level}"))
            self._shortcut([str(level), keypad], lambda level=level: self.digit(level))
        self._shortcut(["N"], self.ask_not_applicable)
        self._shortcut(["R"], self.toggle_review)
        self._shortcut(["J", "Ctrl+Down", "Alt+Down"], self.next_item)
        self._shortcut(["K", "Ctrl+Up", "Alt+Up"], self.previous_item)
        self._shortcut(["U"], self.next_unanswered)
        self._shortcut(["Ctrl+PgDown"], self.next_section)
        self._shortcut(["Ctrl+PgUp"], self.previous_section)
        self._shortcut(["T"], lambda: self.editor.target_combo.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self._shortcut(["C"], lambda: self.editor.comment.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self._shortcut(["E"], self.evidence.focus_list)

    # --- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.unanswered_filter.setText(self.tr("&Unanswered only"))
        self.unanswered_filter.setAccessibleName(self.tr("Show unanswered items only"))
        self.review_filter.setText(self.tr("&Marked only"))
        self.review_filter.setAccessibleName(self.tr("Show items marked for review only"))
        self.nav.setHeaderLabels([self.tr("Section / item"), self.tr("Answer")])
        self.nav.setAccessibleName(self.tr("Sections and items"))
        self.prev_button.setText(self.tr("◀ Previous (K)"))
        self.prev_button.setAccessibleName(self.tr("Previous item"))
        self.next_button.setText(self.tr("Next (J) ▶"))
        self.next_button.setAccessibleName(self.tr("Next item"))
        self.editor.setAccessibleName(self.tr("Item"))
        self.banner.setAccessibleName(self.tr("Notice"))
        self.saved_label.setAccessibleName(self.tr("Save state"))
        if self.entries:
            self._fill_nav()
            self._update_position()
            self.set_status(self.status)
        if not self.saved_label.property("saved_at"):
            self.saved_label.setText(self.tr("Every change is saved at once"))
        else:
            self.saved_label.setText(fmt(self.tr("Saved %1"), self.saved_label.property("saved_at")))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading --------------------------------------------------------------------------------

    def load(self, assessment_id: int, status: str, item_id: str | None = None) -> None:
        """Show an assessment, at ``item_id`` (or its first item)."""
        self.flush()

        def fetch(s):  # type: ignore[no-untyped-def]
            return (
                assessments.questionnaire_of(session=s, assessment_id=assessment_id),
                modules.modules_of(session=s, assessment_id=assessment_id),
                assessments.list_answers(session=s, assessment_id=assessment_id),
            )

        questionnaire, extra, answers = self.data.call(fetch)
        self.assessment_id = assessment_id
        self.questionnaire = questionnaire
        self.sections, self.entries = build_sections(questionnaire, extra)
        self.answers = answers
        self.order = [key for section in self.sections for key in section.keys]
        self.current_item_id = None
        self.saved_label.setProperty("saved_at", None)
        self.saved_label.setText(self.tr("Every change is saved at once"))
        self.banner.hide()
        self._fill_nav()
        self.evidence.set_assessment(assessment_id)
        self.set_status(status)
        self.show_item(item_id if item_id in self.entries else self.order[0])

    def set_status(self, status: str) -> None:
        """Draft answers can be changed; submitted and approved ones are read-only, with a banner."""
        self.status = status
        self.read_only = status != "draft"
        self.editor.set_read_only(self.read_only)
        self.evidence.set_read_only(self.read_only)
        if self.read_only:
            self.show_banner(self._lock_text(), kind="lock")
        elif self.banner.property("kind") == "lock":
            self.banner.hide()

    def _lock_text(self) -> str:
        if self.status == "approved":
            text = self.tr("This assessment is approved, so its answers are read-only.")
        else:
            text = self.tr("This assessment is submitted for approval, so its answers are read-only.")
        how = self.tr("To change answers, reopen it with a reason: Assessment → Reopen… (an approver's decision).")
        return f"<b>{html.escape(text)}</b><br>{html.escape(how)}"

    def show_banner(self, rich_text: str, kind: str) -> None:
        self.banner.setText(rich_text)
        self.banner.setProperty("kind", kind)
        self.banner.show()

    def _item_state(self, item_id: str) -> str:
        answer = self.answers.get(item_id)
        text = ""
        if answer is not None:
            if answer.na_reason is not None:
                text = self.tr("N/A")
            elif answer.level is not None:
                text = str(answer.level)
            if answer.review:
                text = f"{text} {REVIEW_MARK}".strip()
        return text or "—"

    def _fill_nav(self) -> None:
        lang = current_language()
        self._loading = True
        self.nav.clear()
        self._nav_items = {}
        self._section_items = {}
        for section in self.sections:
            header = QTreeWidgetItem([section.label(lang), ""])
            tip = section.name.get(lang)
            if section.module_title is not None:
                tip = fmt(
                    self.tr("Supplementary module, scored apart from the plan: %1"), section.module_title.get(lang)
                )
                tip += "\n" + section.name.get(lang)
            header.setToolTip(self.COL_ITEM, tip)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font(self.COL_ITEM)
            font.setBold(True)
            header.setFont(self.COL_ITEM, font)
            header.setFont(self.COL_STATE, font)
            self.nav.addTopLevelItem(header)
            self._section_items[section.key] = header
            for key in section.keys:
                item = self.entries[key].item
                row = QTreeWidgetItem([f"{item.id}  {item.question.get(lang)}", self._item_state(key)])
                row.setData(self.COL_ITEM, ITEM_ROLE, key)
                row.setToolTip(self.COL_ITEM, item.question.get(lang))
                row.setTextAlignment(self.COL_STATE, Qt.AlignmentFlag.AlignCenter)
                header.addChild(row)
                self._nav_items[key] = row
            header.setExpanded(True)
        self._update_progress()
        self.apply_filters()
        if self.current_item_id in self._nav_items:
            self.nav.setCurrentItem(self._nav_items[self.current_item_id])
        self._loading = False

    def _update_progress(self) -> None:
        for section in self.sections:
            done = sum(1 for key in section.keys if key in self.answers and self.answers[key].is_answered)
            header = self._section_items[section.key]
            header.setText(self.COL_STATE, f"{done}/{len(section.keys)}")
            header.setToolTip(
                self.COL_STATE,
                fmt(self.tr("%1 of %2 items answered (N/A counts as answered)"), done, len(section.keys)),
            )

    # --- showing an item --------------------------------------------------------------------------

    def item(self, key: str) -> Item:
        return self.entries[key].item

    def section_of(self, key: str) -> Section:
        wanted = self.entries[key].section
        return next(section for section in self.sections if section.key == wanted)

    def show_item(self, item_id: str) -> None:
        """Show the item with this answer key."""
        if not self.entries:
            return
        if self.current_item_id != item_id:
            self.editor.flush_comment()
            if self.banner.property("kind") != "lock":
                self.banner.hide()
        self.current_item_id = item_id
        entry = self.entries[item_id]
        self.editor.show_item(entry.questionnaire, entry.item, self.answers.get(item_id), key=item_id)
        self.editor.set_read_only(self.read_only)
        self.evidence.set_item(item_id)
        self.apply_filters()
        row = self._nav_items[item_id]
        if self.nav.currentItem() is not row:
            self._loading = True
            self.nav.setCurrentItem(row)
            self._loading = False
        self.nav.scrollToItem(row)
        self.scroll.verticalScrollBar().setValue(0)
        self._update_position()
        self.item_shown.emit(item_id)

    def _update_position(self) -> None:
        if self.current_item_id is None or not self.entries:
            self.position.setText("")
            return
        section = self.section_of(self.current_item_id)
        self.position.setText(
            fmt(
                self.tr("%1 / %2 in %3"),
                section.keys.index(self.current_item_id) + 1,
                len(section.keys),
                section.label(current_language()),
            )
        )

    def _on_nav_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if self._loading or current is None:
            return
        item_id = current.data(self.COL_ITEM, ITEM_ROLE)
        if item_id:
            self.show_item(item_id)

    def _matches_filters(self, item_id: str) -> bool:
        answer = self.answers.get(item_id)
        if self.unanswered_filter.isChecked() and answer is not None and answer.is_answered:
            return False
        return not (self.review_filter.isChecked() and not (answer is not None and answer.review))

    def apply_filters(self) -> None:
        """Hide items the filters leave out; the item being worked on stays visible."""
        for item_id, row in self._nav_items.items():
            row.setHidden(not (item_id == self.current_item_id or self._matches_filters(item_id)))

    def visible_order(self) -> list[str]:
        return [i for i in self.order if i == self.current_item_id or self._matches_filters(i)]

    # --- navigation -------------------------------------------------------------------------------

    def _step(self, step: int) -> None:
        order = self.visible_order()
        if not order or self.current_item_id is None:
            return
        index = order.index(self.current_item_id) + step
        if 0 <= index < len(order):
            self.show_item(order[index])
            self.editor.focus_level()

    def next_item(self) -> None:
        self._step(1)

    def previous_item(self) -> None:
        self._step(-1)

    def next_unanswered(self) -> None:
        if self.current_item_id is None:
            return
        start = self.order.index(self.current_item_id)
        for item_id in self.order[start + 1 :] + self.order[: start + 1]:
            answer = self.answers.get(item_id)
            if answer is None or not answer.is_answered:
                self.show_item(item_id)
                self.editor.focus_level()
                return

    def _jump_section(self, step: int) -> None:
        if not self.sections or self.current_item_id is None:
            return
        keys = [section.key for section in self.sections]
        index = keys.index(self.entries[self.current_item_id].section) + step
        order = self.visible_order()
        while 0 <= index < len(keys):
            candidates = [k for k in order if self.entries[k].section == keys[index]]
            if candidates:
                self.show_item(candidates[0])
                self.editor.focus_level()
                return
            index += step

    def next_section(self) -> None:
        self._jump_section(1)

    def previous_section(self) -> None:
        self._jump_section(-1)

    # --- saving -------------------------------------------------------------------------------------

    def digit(self, value: int) -> None:
        """0-5: the level, or the target when the target field has the focus."""
        if self.editor.target_combo.hasFocus():
            self.choose_target(value)
        else:
            self.choose_level(value)

    def choose_level(self, level: int) -> None:
        answer = self.answers.get(self.current_item_id or "")
        if answer is not None and answer.level == level:
            self.editor.set_answer(answer)
            return
        self._save(AnswerUpdate(level=level))

    def choose_target(self, target: int | None) -> None:
        self._save(AnswerUpdate(target=target))

    def set_review(self, review: bool) -> None:
        self._save(AnswerUpdate(review=review))

    def toggle_review(self) -> None:
        answer = self.answers.get(self.current_item_id or "")
        self.set_review(not (answer is not None and answer.review))

    def clear_answer(self) -> None:
        self._save(AnswerUpdate(level=None, na_reason=None))

    def save_comment(self, item_id: str, text: str) -> None:
        self._save(AnswerUpdate(comment=text), item_id=item_id)

    def ask_not_applicable(self) -> None:
        if self.read_only or self.current_item_id is None:
            return
        item_id = self.current_item_id
        answer = self.answers.get(item_id)

        def submit(reason: str) -> str | None:
            if self.current_item_id != item_id:
                return None
            self._save(AnswerUpdate(na_reason=reason), item_id=item_id)
            return None

        dialog = TextPromptDialog(
            self.tr("Not applicable"),
            fmt(self.tr("Why does item %1 not apply to this team? The reason is shown to the approver."), item_id),
            submit,
            text=(answer.na_reason or "") if answer else "",
            accessible_name=self.tr("Reason for N/A"),
            parent=self,
        )
        self.na_dialog = dialog
        dialog.finished.connect(self._back_from_dialog)
        dialog.open()

    def _back_from_dialog(self) -> None:
        self.window().activateWindow()  # the keyboard goes back to the levels
        self.editor.focus_level()

    def _save(self, change: AnswerUpdate, item_id: str | None = None) -> bool:
        """One service call for one change; the outcome is shown where the user is looking."""
        item_id = item_id or self.current_item_id
        assessment_id = self.assessment_id
        if item_id is None or assessment_id is None:
            return False
        if self.read_only:
            self.show_banner(self._lock_text(), kind="lock")
            return False
        previous = self.answers.get(item_id)
        try:
            saved = self.data.call(
                lambda s: assessments.save_answer(
                    session=s,
                    assessment_id=assessment_id,
                    item_id=item_id,
                    change=change,
                    actor=self.data.actor,
                    expected_version=previous.version if previous else 0,
                )
            )
        except ServiceError as exc:
            self._on_save_error(exc, item_id, change)
            return False
        self.answers[item_id] = saved
        self._after_change(item_id)
        return True

    def _after_change(self, item_id: str) -> None:
        if item_id == self.current_item_id:
            self.editor.set_answer(self.answers.get(item_id))
        if item_id in self._nav_items:
            self._nav_items[item_id].setText(self.COL_STATE, self._item_state(item_id))
        self._update_progress()
        now = local_time(self._now(), with_date=False)
        self.saved_label.setProperty("saved_at", now)
        self.saved_label.setText(fmt(self.tr("Saved %1"), now))
        if self.banner.property("kind") == "conflict":
            self.banner.hide()
        assert self.assessment_id is not None
        self.answer_saved.emit(self.assessment_id)

    @staticmethod
    def _now():  # type: ignore[no-untyped-def]
        from datetime import datetime

        return datetime.now().astimezone()

    def _on_evidence_changed(self) -> None:
        # The first evidence of an unanswered item creates its (empty) answer row: re-read the
        # answers so the next save is checked against the right version.
        if self.current_item_id is not None:
            self.reload_answers()
            self._after_change(self.current_item_id)

    def _on_typing(self) -> None:
        if self.editor.comment_pending():
            self.saved_label.setText(self.tr("Editing… (saved when you pause or leave the field)"))

    def _on_save_error(self, exc: ServiceError, item_id: str | None = None, change: AnswerUpdate | None = None) -> None:
        if isinstance(exc, Conflict):
            self.reload_answers()
            assert self.assessment_id is not None
            latest = self.answers.get(item_id or "")
            who = fmt(self.tr("%1 at %2"), latest.answered_by, local_time(latest.answered_at)) if latest else "?"
            text = fmt(self.tr("Item %1 was changed in another window or by another person (%2)."), item_id or "", who)
            detail = self.tr("The latest answer is shown now. Your change was not saved; make it again if needed.")
            message = f"<b>{html.escape(text)}</b><br>{html.escape(detail)}"
            if change is not None and change.comment:
                message += "<br>" + html.escape(fmt(self.tr("Your unsaved comment: %1"), change.comment))
            self.show_banner(message, kind="conflict")
            return
        if isinstance(exc, Locked):
            self.editor.discard_comment_edit()
            self.locked.emit()  # the assessment view reloads the status and calls set_status
            if not self.read_only:
                self.set_status("submitted")
            return
        report_service_error(self, exc)
        self.reload_answers()

    def reload_answers(self) -> None:
        """Show what is really stored (after a conflict or an error)."""
        assessment_id = self.assessment_id
        if assessment_id is None:
            return
        try:
            self.answers = self.data.call(lambda s: assessments.list_answers(session=s, assessment_id=assessment_id))
        except ServiceError as exc:
            report_service_error(self, exc)
            return
        self.editor.discard_comment_edit()
        for item_id, row in self._nav_items.items():
            row.setText(self.COL_STATE, self._item_state(item_id))
        self._update_progress()
        if self.current_item_id is not None:
            self.editor.set_answer(self.answers.get(self.current_item_id))
            self.evidence.set_item(self.current_item_id)

    def flush(self) -> None:
        """Save what is still pending (a comment being typed): before navigation and closing."""
        self.editor.flush_comment()
