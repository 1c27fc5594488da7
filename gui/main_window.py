"""The main window: the unit tree (ministry → bureau → team, with each unit's assessments by
cycle) on the left, the open assessment on the right, menus for everything, and the session
restored where the user left off."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.assessment_view import AssessmentView
from gui.data import DataAccess
from gui.dialogs import ConfirmDialog, CycleDialog, NewAssessmentDialog, ShortcutHelpDialog, UnitDialog, UnitValues
from gui.errors import report_service_error
from gui.i18n import current_language, install_translator, save_language
from gui.texts import fmt
from gui.unit_tree import ASSESSMENT, UNIT, UnitTreeModel
from models import assessments, org
from models.assessments import AssessmentSummary
from models.errors import ServiceError
from models.org import CycleRead, UnitRead

#: The comparison view (issue #7) plugs in here: a module with ``CompareView(data, parent)``.
COMPARE_MODULE = "gui.compare_view"

KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_SPLITTER = "window/splitter"
KEY_WALK_SPLITTER = "window/walkthrough_splitter"
KEY_ASSESSMENT = "session/assessment"
KEY_ITEM = "session/item"
KEY_TAB = "session/tab"


class MainWindow(QMainWindow):
    """Signals:
    first_shown: the window was shown for the first time.
    list_filled: the unit tree holds the database's units and assessments.
    """

    first_shown = Signal()
    list_filled = Signal()

    def __init__(self, data: DataAccess):
        super().__init__()
        self.data = data
        self._shown_once = False
        self._restored = False
        self.units: list[UnitRead] = []
        self.cycles: list[CycleRead] = []
        self.assessment_rows: list[AssessmentSummary] = []
        self.compare_view: QWidget | None = None
        self.dialog: QWidget | None = None
        self.resize(1360, 860)
        self.setMinimumSize(760, 540)

        # Left: the tree and its buttons.
        self.tree_model = UnitTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.tree_model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(UnitTreeModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(UnitTreeModel.COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UnitTreeModel.COL_COVERAGE, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentRowChanged.connect(self._on_tree_current)
        self.tree.activated.connect(self._on_tree_activated)
        self.new_unit_button = QPushButton(self)
        self.new_unit_button.clicked.connect(self.new_unit)
        self.new_assessment_button = QPushButton(self)
        self.new_assessment_button.clicked.connect(self.new_assessment)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_unit_button)
        buttons.addWidget(self.new_assessment_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)

        # Right: an empty page, the open assessment, and (when installed) the comparison.
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setMargin(40)
        self.view = AssessmentView(data, self)
        self.view.summary_changed.connect(self._on_summary_changed)
        self.view.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.view.walkthrough.item_shown.connect(self._remember_item)
        self.view.tabs.currentChanged.connect(lambda index: QSettings().setValue(KEY_TAB, index))
        self.view.export_requested.connect(self.export_scorecard)
        self.view.how_requested.connect(self.show_how_scores)
        self.view.results.open_when_done.toggled.connect(self._set_open_when_done)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)

        self.splitter = QSplitter(self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([350, 1010])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        QWidget.setTabOrder(self.tree, self.new_unit_button)
        QWidget.setTabOrder(self.new_unit_button, self.new_assessment_button)
        QWidget.setTabOrder(self.new_assessment_button, self.view.submit_button)

        self._make_actions()
        self._make_menus()
        focus_switch = QShortcut(QKeySequence("F6"), self)
        focus_switch.activated.connect(self.switch_focus)
        self._restore_layout()
        self.retranslate()
        from gui.import_dialog import install as install_exchange  # File → Import…, dropped files

        self.exchange = install_exchange(self, data)

    # --- actions and menus ----------------------------------------------------------------------

    def _action(self, slot: Any, shortcut: str | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _make_actions(self) -> None:
        self.new_assessment_action = self._action(self.new_assessment, "Ctrl+N")
        self.export_action = self._action(self.export_scorecard, "Ctrl+E")
        self.open_when_done_action = self._action(lambda: None)
        self.open_when_done_action.setCheckable(True)
        self.open_when_done_action.toggled.connect(self._set_open_when_done)
        self.seed_action = self._action(self.seed_demo)
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.new_unit_action = self._action(self.new_unit)
        self.rename_unit_action = self._action(self.rename_unit, "F2")
        self.new_cycle_action = self._action(self.new_cycle)
        self.rename_cycle_action = self._action(self.rename_cycle)
        self.refresh_action = self._action(lambda: self.refresh(), QKeySequence.StandardKey.Refresh)
        self.tab_actions = [self._action(lambda _=False, i=i: self.show_tab(i), f"Ctrl+{i + 1}") for i in range(3)]
        self.compare_action = self._action(self.show_compare, "Ctrl+4")
        self.compare_action.setVisible(importlib.util.find_spec(COMPARE_MODULE) is not None)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, name in (("ja", "日本語"), ("en", "English")):  # each in its own language, always
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(lang)
            action.triggered.connect(lambda _=False, lang=lang: self.switch_language(lang))
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        self.submit_action = self._action(self.view.submit)
        self.approve_action = self._action(self.view.approve)
        self.reopen_action = self._action(self.view.reopen)
        self.help_action = self._action(self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self.help_key = QShortcut(QKeySequence("?"), self)
        self.help_key.activated.connect(self.show_shortcuts)
        self.how_action = self._action(self.show_how_scores)
        self.about_action = self._action(self.show_about)
        from gui.export import open_when_done

        self.open_when_done_action.setChecked(open_when_done())
        self.view.results.open_when_done.setChecked(open_when_done())

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addActions([self.new_assessment_action, self.export_action, self.open_when_done_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.seed_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = QMenu(self)
        self.edit_menu.addActions(
            [self.new_unit_action, self.rename_unit_action, self.new_cycle_action, self.rename_cycle_action]
        )
        self.view_menu = QMenu(self)
        self.view_menu.addActions(self.tab_actions)
        self.view_menu.addAction(self.compare_action)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.language_menu.addActions(list(self.language_actions.values()))
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addAction(self.refresh_action)
        self.assessment_menu = QMenu(self)
        self.assessment_menu.addActions([self.submit_action, self.approve_action, self.reopen_action])
        self.help_menu = QMenu(self)
        self.help_menu.addActions([self.help_action, self.how_action, self.about_action])
        for menu in (self.file_menu, self.edit_menu, self.view_menu, self.assessment_menu, self.help_menu):
            bar.addMenu(menu)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("AI Readiness"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.assessment_menu.setTitle(self.tr("Assess&ment"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.new_assessment_action.setText(self.tr("&New assessment…"))
        self.export_action.setText(self.tr("&Export scorecard (PDF)…"))
        self.open_when_done_action.setText(self.tr("&Open the PDF when done"))
        self.seed_action.setText(self.tr("&Seed demo data…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.new_unit_action.setText(self.tr("New &unit…"))
        self.rename_unit_action.setText(self.tr("&Rename unit…"))
        self.new_cycle_action.setText(self.tr("New &cycle…"))
        self.rename_cycle_action.setText(self.tr("Rename c&ycle…"))
        self.refresh_action.setText(self.tr("Re&fresh"))
        for action, text in zip(
            self.tab_actions, (self.tr("&Walkthrough"), self.tr("&Results"), self.tr("&History")), strict=True
        ):
            action.setText(text)
        self.compare_action.setText(self.tr("&Compare teams and cycles"))
        self.submit_action.setText(self.tr("&Submit for approval…"))
        self.approve_action.setText(self.tr("&Approve…"))
        self.reopen_action.setText(self.tr("Re&open…"))
        self.help_action.setText(self.tr("&Keyboard shortcuts"))
        self.how_action.setText(self.tr("&How scores are computed"))
        self.about_action.setText(self.tr("&About AI Readiness"))
        self.new_unit_button.setText(self.tr("New &unit…"))
        self.new_unit_button.setAccessibleName(self.tr("New unit"))
        self.new_assessment_button.setText(self.tr("&New assessment…"))
        self.new_assessment_button.setAccessibleName(self.tr("New assessment"))
        self.tree.setAccessibleName(self.tr("Units and assessments"))
        self.empty.setText(
            self.tr(
                "Choose an assessment in the tree on the left, or start one with New assessment (Ctrl+N).\n\n"
                "No units yet? Create them with New unit, or try the demo: File → Seed demo data."
            )
        )
        self.tree_model.retranslate()
        self.tree.expandAll()
        self.language_actions[current_language()].setChecked(True)
        self._update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def switch_language(self, lang: str) -> None:
        """Switch at run time; every widget retranslates on QEvent.LanguageChange."""
        if lang == current_language():
            return
        install_translator(QApplication.instance(), lang)  # type: ignore[arg-type]
        save_language(lang)

    # --- start-up and the session -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()
            # Fill the tree after the first paint, so the window appears at once.
            QTimer.singleShot(0, self._first_fill)

    def _first_fill(self) -> None:
        self.refresh()
        self._restore_session()

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value(KEY_GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, splitter in ((KEY_SPLITTER, self.splitter), (KEY_WALK_SPLITTER, self.view.walkthrough.splitter)):
            state = settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def _restore_session(self) -> None:
        """Reopen the assessment, item and tab the user was on."""
        settings = QSettings()
        assessment_id = settings.value(KEY_ASSESSMENT)
        item_id = settings.value(KEY_ITEM)
        tab = settings.value(KEY_TAB, 0)
        self._restored = True
        try:
            assessment_id = int(assessment_id) if assessment_id is not None else None
            tab = int(tab)
        except (TypeError, ValueError):
            return
        if assessment_id is None or not self.tree_model.index_of(ASSESSMENT, assessment_id).isValid():
            return
        self.open_assessment(assessment_id, item_id=str(item_id) if item_id else None)
        if 0 <= tab < self.view.tabs.count():
            self.view.tabs.setCurrentIndex(tab)

    def save_session(self) -> None:
        settings = QSettings()
        settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        settings.setValue(KEY_SPLITTER, self.splitter.saveState())
        settings.setValue(KEY_WALK_SPLITTER, self.view.walkthrough.splitter.saveState())
        if self.view.assessment_id is not None:
            settings.setValue(KEY_ASSESSMENT, self.view.assessment_id)
            settings.setValue(KEY_ITEM, self.view.walkthrough.current_item_id or "")
        settings.sync()

    def _remember_item(self, item_id: str) -> None:
        settings = QSettings()
        settings.setValue(KEY_ASSESSMENT, self.view.assessment_id)
        settings.setValue(KEY_ITEM, item_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.flush()  # a comment being typed is saved, not lost
        self.save_session()
        super().closeEvent(event)

    # --- the tree ---------------------------------------------------------------------------------

    def refresh(self, select: tuple[str, int] | None = None) -> None:
        def fetch(s):  # type: ignore[no-untyped-def]
            return (
                org.list_units(session=s),
                assessments.list_assessments(session=s),
                org.list_cycles(session=s),
            )

        try:
            self.units, self.assessment_rows, self.cycles = self.data.call(fetch)
        except ServiceError as exc:
            report_service_error(self, exc)
        current = select or self.current_selection()
        self.tree.selectionModel().blockSignals(True)
        self.tree_model.set_rows(self.units, self.assessment_rows, self.cycles)
        self.tree.expandAll()
        if current is not None:
            index = self.tree_model.index_of(*current)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        self._update_actions()
        self.list_filled.emit()

    def current_selection(self) -> tuple[str, int] | None:
        kind, ident = self.tree_model.kind_and_id(self.tree.currentIndex())
        if kind is None or ident is None:
            if self.view.assessment_id is not None:
                return ASSESSMENT, self.view.assessment_id
            return None
        return kind, ident

    def selected_unit_id(self) -> int | None:
        kind, ident = self.tree_model.kind_and_id(self.tree.currentIndex())
        if kind == UNIT:
            return ident
        if kind == ASSESSMENT:
            for row in self.assessment_rows:
                if row.id == ident:
                    return row.unit_id
        return None

    def _on_tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind, ident = self.tree_model.kind_and_id(current)
        if kind == ASSESSMENT and ident is not None and ident != self.view.assessment_id:
            self.open_assessment(ident)
        self._update_actions()

    def _on_tree_activated(self, index: QModelIndex) -> None:
        kind, ident = self.tree_model.kind_and_id(index)
        if kind == ASSESSMENT and ident is not None:
            self.open_assessment(ident)
            self.view.tabs.setCurrentIndex(AssessmentView.TAB_WALKTHROUGH)
            self.view.walkthrough.editor.focus_level()

    def open_assessment(self, assessment_id: int, item_id: str | None = None) -> None:
        try:
            self.view.load(assessment_id, item_id)
        except ServiceError as exc:
            report_service_error(self, exc)
            return
        self.stack.setCurrentWidget(self.view)
        index = self.tree_model.index_of(ASSESSMENT, assessment_id)
        if index.isValid() and self.tree.currentIndex().siblingAtColumn(0) != index:
            self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(index)
            self.tree.selectionModel().blockSignals(False)
        QSettings().setValue(KEY_ASSESSMENT, assessment_id)
        self._update_actions()

    def _on_summary_changed(self, summary: AssessmentSummary) -> None:
        self.assessment_rows = [summary if a.id == summary.id else a for a in self.assessment_rows]
        self.tree_model.update_assessment(summary)
        self._update_actions()

    def _update_actions(self) -> None:
        summary = self.view.summary if self.stack.currentWidget() is self.view else None
        status = summary.status if summary else None
        self.export_action.setEnabled(summary is not None)
        self.submit_action.setEnabled(status == "draft")
        self.approve_action.setEnabled(status == "submitted")
        self.reopen_action.setEnabled(status in ("submitted", "approved"))
        for action in self.tab_actions:
            action.setEnabled(summary is not None)
        self.rename_unit_action.setEnabled(self.selected_unit_id() is not None)
        self.rename_cycle_action.setEnabled(bool(self.cycles))

    def _focus_walkthrough(self) -> None:
        self.activateWindow()  # back from the dialog, ready for the keyboard
        self.view.walkthrough.editor.focus_level()

    def show_tab(self, index: int) -> None:
        if self.view.assessment_id is None:
            return
        self.stack.setCurrentWidget(self.view)
        self.view.tabs.setCurrentIndex(index)
        if index == AssessmentView.TAB_WALKTHROUGH:
            self.view.walkthrough.editor.focus_level()

    def switch_focus(self) -> None:
        """F6: between the tree and the open assessment."""
        if self.tree.hasFocus() and self.stack.currentWidget() is self.view:
            if self.view.tabs.currentIndex() == AssessmentView.TAB_WALKTHROUGH:
                self.view.walkthrough.editor.focus_level()
            else:
                self.view.tabs.setFocus()
        else:
            self.tree.setFocus()

    # --- units, cycles, assessments ----------------------------------------------------------------

    def _open_dialog(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def new_unit(self) -> None:
        def submit(values: UnitValues) -> str | None:
            parent_path = next((u.path for u in self.units if u.id == values.parent_id), None)
            path = f"{parent_path}/{values.name_ja}" if parent_path else values.name_ja
            try:
                unit, _ = self.data.call(
                    lambda s: org.add_unit_path(session=s, path=path, name_en=values.name_en or None)
                )
            except ServiceError as exc:
                return str(exc)
            self.refresh(select=(UNIT, unit.id))
            self.statusBar().showMessage(fmt(self.tr("Unit %1 created."), unit.path), 8000)
            return None

        self._open_dialog(UnitDialog(self.units, submit, parent_id=self.selected_unit_id(), parent=self))

    def rename_unit(self) -> None:
        unit_id = self.selected_unit_id()
        unit = next((u for u in self.units if u.id == unit_id), None)
        if unit is None:
            self.statusBar().showMessage(self.tr("Select a unit in the tree first."), 8000)
            return

        def submit(values: UnitValues) -> str | None:
            try:
                self.data.call(
                    lambda s: org.rename_unit(
                        session=s, unit_id=unit.id, name_ja=values.name_ja, name_en=values.name_en
                    )
                )
            except ServiceError as exc:
                return str(exc)
            self.refresh()
            if self.view.assessment_id is not None:
                self.view.refresh_summary()
            return None

        self._open_dialog(UnitDialog(self.units, submit, unit=unit, parent=self))

    def _cycle_of_selection(self) -> int | None:
        kind, ident = self.tree_model.kind_and_id(self.tree.currentIndex())
        if kind == ASSESSMENT:
            return next((a.cycle_id for a in self.assessment_rows if a.id == ident), None)
        return None

    def new_cycle(self) -> None:
        def submit(_cycle_id: int | None, name: str) -> str | None:
            try:
                self.data.call(lambda s: org.add_cycle(session=s, name=name))
            except ServiceError as exc:
                return str(exc)
            self.refresh()
            self.statusBar().showMessage(fmt(self.tr("Cycle %1 created."), name), 8000)
            return None

        self._open_dialog(CycleDialog(self.cycles, submit, parent=self))

    def rename_cycle(self) -> None:
        def submit(cycle_id: int | None, name: str) -> str | None:
            assert cycle_id is not None
            try:
                self.data.call(lambda s: org.rename_cycle(session=s, cycle_id=cycle_id, name=name))
            except ServiceError as exc:
                return str(exc)
            self.refresh()
            if self.view.assessment_id is not None:
                self.view.refresh_summary()
            return None

        self._open_dialog(
            CycleDialog(self.cycles, submit, rename=True, cycle_id=self._cycle_of_selection(), parent=self)
        )

    def new_assessment(self) -> None:
        def submit(unit_id: int, cycle_id: int) -> str | None:
            try:
                created = self.data.call(
                    lambda s: assessments.start_assessment(
                        session=s, unit_id=unit_id, cycle_id=cycle_id, actor=self.data.actor
                    )
                )
            except ServiceError as exc:
                return str(exc)
            new_id = created.id
            if created.warnings:  # a ministry's module file with a problem is skipped, not fatal
                from gui.errors import show_error

                show_error(self, self.tr("Some module files were skipped"), "\n".join(created.warnings))
            self.refresh(select=(ASSESSMENT, new_id))
            self.open_assessment(new_id)
            self.view.tabs.setCurrentIndex(AssessmentView.TAB_WALKTHROUGH)
            QTimer.singleShot(0, self._focus_walkthrough)
            return None

        self._open_dialog(
            NewAssessmentDialog(
                self.units, self.cycles, self.assessment_rows, submit, unit_id=self.selected_unit_id(), parent=self
            )
        )

    def create_assessment(self, unit_path: str, cycle_name: str) -> int | None:
        """Create the unit and cycle when missing, then the assessment; open it (scripts, tests)."""

        def work(s):  # type: ignore[no-untyped-def]
            unit, _ = org.add_unit_path(session=s, path=unit_path)
            cycle, _ = org.add_cycle(session=s, name=cycle_name)
            return assessments.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor=self.data.actor)

        try:
            new_id = self.data.call(work)
        except ServiceError as exc:
            report_service_error(self, exc)
            return None
        self.refresh(select=(ASSESSMENT, new_id))
        self.open_assessment(new_id)
        return new_id

    # --- long work --------------------------------------------------------------------------------

    def _set_open_when_done(self, value: bool) -> None:
        from gui.export import set_open_when_done

        set_open_when_done(value)
        for widget in (self.open_when_done_action, self.view.results.open_when_done):
            if widget.isChecked() != value:
                widget.blockSignals(True)
                widget.setChecked(value)
                widget.blockSignals(False)

    def export_scorecard(self) -> None:
        from gui.export import ask_target, default_file_name, export_scorecard, open_local_file, open_when_done

        summary = self.view.summary
        if summary is None:
            self.statusBar().showMessage(self.tr("Open an assessment first."), 8000)
            return
        self.view.flush()
        lang = current_language()
        target = ask_target(self, default_file_name(summary.unit, summary.cycle, lang))
        if target is None:
            return

        def done(path):  # type: ignore[no-untyped-def]
            self.statusBar().showMessage(fmt(self.tr("Scorecard saved to %1"), path), 15000)
            if open_when_done():
                open_local_file(path)

        self.export_job = export_scorecard(self, self.data, summary.id, target, lang, done)

    def seed_demo(self) -> None:
        def run() -> None:
            from gui.worker import run_in_background

            actor = self.data.actor

            def work(progress):  # type: ignore[no-untyped-def]
                from models.demo import seed_demo

                return self.data.call(lambda s: seed_demo(session=s, actor=actor))

            def done(counts):  # type: ignore[no-untyped-def]
                self.refresh()
                self.statusBar().showMessage(
                    fmt(
                        self.tr("Demo data ready: %1 units, %2 new assessments."),
                        counts["units"],
                        counts["assessments"],
                    ),
                    10000,
                )

            self.seed_job = run_in_background(
                self,
                work,
                done,
                label=self.tr("Adding the demo ministry (12 teams, two cycles)…"),
                cancellable=False,  # one transaction per step in models.demo: stopping halfway helps no one
            )

        self._open_dialog(
            ConfirmDialog(
                self.tr("Seed demo data"),
                self.tr(
                    "Add a fictional ministry (デモ省) with three bureaus, twelve teams and two cycles of answers? "
                    "Existing data is kept; running it again adds nothing twice."
                ),
                self.tr("Add demo data"),
                run,
                parent=self,
            )
        )

    # --- views and help ---------------------------------------------------------------------------

    def show_compare(self) -> None:
        """Show the comparison view (issue #7) on the right, creating it on first use."""
        if self.compare_view is None:
            module = importlib.import_module(COMPARE_MODULE)
            self.compare_view = module.CompareView(self.data, self)
            self.compare_view.open_assessment.connect(self.open_assessment)
            self.stack.addWidget(self.compare_view)
        self.stack.setCurrentWidget(self.compare_view)
        self._update_actions()

    def show_shortcuts(self) -> None:
        self._open_dialog(ShortcutHelpDialog(self))

    def show_how_scores(self) -> None:
        from gui.how_scores import HowScoresDialog

        self._open_dialog(HowScoresDialog(self))

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About AI Readiness"), "", parent=self)
        box.setText(
            self.tr(
                "AI Readiness: team self-assessment against Japan's AI Basic Plan (人工知能基本計画).\n"
                "It works offline and never opens a network connection.\n"
                "Font: IPAexGothic (IPA Font License v1.0)."
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open_dialog(box)
