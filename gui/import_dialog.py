"""Import in the desktop app: drop files on the window or choose them (File → Import…).

Packages (.airpkg), answers files (.json) and answer sheets (.xlsx) are imported one by one,
each all or nothing. A package from a signer this database does not trust yet is held until
the user has compared its fingerprint with the sender and chosen to trust it (trust on first
import). A conflict (changed here and in the package) opens a chooser showing both versions.
File → Export package… writes the open assessment as a signed package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.data import DataAccess
from gui.errors import report_service_error
from gui.texts import fmt
from models.errors import ServiceError

if TYPE_CHECKING:  # the exchange modules (cryptography, pydantic schemas) load on first use
    from models.exchange.common import ImportOutcome

IMPORT_DIR_KEY = "exchange/import_dir"
EXPORT_DIR_KEY = "exchange/export_dir"


def _local_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _monospace(label: QLabel) -> None:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(label.font().pointSizeF(), 11.0))
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)


class ConflictChooser(QDialog):
    """Both versions of an assessment that changed here and in a package, item by item.

    Signals: resolved(ImportOutcome) — the user kept one version and it was saved.
    """

    resolved = Signal(object)
    COL_ITEM, COL_MINE, COL_THEIRS = range(3)

    def __init__(self, data: DataAccess, assessment_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        from models.exchange.apply import conflict_detail

        self.data = data
        self.assessment_id = assessment_id
        self.detail = data.call(lambda s: conflict_detail(session=s, assessment_id=assessment_id))
        conflict = self.detail.conflict
        self.setWindowTitle(self.tr("Choose which version to keep"))
        self.setMinimumSize(720, 420)
        self.intro = QLabel(
            fmt(
                self.tr(
                    "%1 was changed on this computer and in the package %2 (revision %3) since the last exchange. "
                    "Nothing has been overwritten. Compare the two versions and keep one; the other is recorded "
                    "in the audit trail only."
                ),
                conflict.where,
                conflict.file_name,
                conflict.revision,
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        if self.detail.mine_status == "approved" and self.detail.theirs_status != "approved":
            self.reason.setText(
                fmt(
                    self.tr(
                        "It is approved on this computer, but the package holds a newer revision that is %1 "
                        "(the sender reopened it). An approval is never replaced without your choice."
                    ),
                    self._status(self.detail.theirs_status),
                )
            )
        self.reason.setVisible(bool(self.reason.text()))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("On this computer"), self.tr("In the package")])
        self.table.setAccessibleName(self.tr("Differences"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        header.setSectionResizeMode(self.COL_ITEM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_MINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_THEIRS, QHeaderView.ResizeMode.Stretch)
        rows = [(self.tr("Status"), self._status(self.detail.mine_status), self._status(self.detail.theirs_status))]
        rows += [(d.item, self._answer(d.mine), self._answer(d.theirs)) for d in self.detail.differences]
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.keep_mine_button = QPushButton(self.tr("Keep &mine"), self)
        self.keep_theirs_button = QPushButton(self.tr("Keep the &package's"), self)
        self.keep_mine_button.clicked.connect(lambda: self.keep("mine"))
        self.keep_theirs_button.clicked.connect(lambda: self.keep("theirs"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.keep_mine_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_theirs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _status(self, status: str) -> str:
        from gui.texts import status_name

        return status_name(status)

    def _answer(self, answer: object) -> str:
        if answer is None:
            return self.tr("no answer")
        level, na, target, comment = (getattr(answer, n) for n in ("level", "na_reason", "target", "comment"))
        first = (
            fmt(self.tr("N/A: %1"), na)
            if na is not None
            else (self.tr("unanswered") if level is None else fmt(self.tr("level %1"), level))
        )
        parts = [first]
        if target is not None:
            parts.append(fmt(self.tr("target %1"), target))
        if comment:
            parts.append(comment)
        return "\n".join(parts)

    def keep(self, choice: str) -> None:
        from models.exchange.apply import resolve_conflict

        try:
            outcome = self.data.call(
                lambda s: resolve_conflict(
                    session=s,
                    assessment_id=self.assessment_id,
                    keep=choice,
                    actor=self.data.actor,  # type: ignore[arg-type]
                )
            )
        except ServiceError as exc:
            report_service_error(self, exc)
            return
        self.resolved.emit(outcome)
        self.accept()


class ImportDialog(QDialog):
    """The files being imported and what became of each.

    Signals:
    changed: the database changed (something imported, updated, kept as a conflict or settled).
    file_done(ImportOutcome): one file was handled (also after trusting its signer).
    """

    changed = Signal()
    file_done = Signal(object)
    COL_FILE, COL_RESULT = range(2)

    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.outcomes: dict[int, ImportOutcome] = {}  # table row → outcome
        self.paths: dict[int, Path] = {}
        self.pending_trust: list[int] = []  # rows waiting for a trust decision, oldest first
        self.chooser: ConflictChooser | None = None
        self.setAcceptDrops(True)
        self.setMinimumSize(760, 460)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_FILE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_RESULT, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        # Trust on first import: shown while a package waits for the user's decision.
        self.trust_panel = QFrame(self)
        self.trust_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.trust_text = QLabel(self.trust_panel)
        self.trust_text.setWordWrap(True)
        self.fingerprint = QLabel(self.trust_panel)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        _monospace(self.fingerprint)
        self.trust_button = QPushButton(self.trust_panel)
        self.trust_button.clicked.connect(self.trust_pending)
        self.skip_button = QPushButton(self.trust_panel)
        self.skip_button.clicked.connect(self.skip_pending)
        trust_buttons = QHBoxLayout()
        trust_buttons.addStretch(1)
        trust_buttons.addWidget(self.skip_button)
        trust_buttons.addWidget(self.trust_button)
        trust_layout = QVBoxLayout(self.trust_panel)
        trust_layout.addWidget(self.trust_text)
        trust_layout.addWidget(self.fingerprint)
        trust_layout.addLayout(trust_buttons)
        self.trust_panel.hide()

        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.choose_files)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(lambda: self.choose_version())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.trust_panel)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import"))
        self.intro.setText(
            self.tr(
                "Drop assessment packages (.airpkg), answers files (.json) or Excel answer sheets (.xlsx) here, "
                "or choose them with Add files. Each file is imported whole or not at all."
            )
        )
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Result")])
        self.table.setAccessibleName(self.tr("Imported files"))
        self.add_button.setText(self.tr("&Add files…"))
        self.choose_button.setText(self.tr("&Choose a version…"))
        self.trust_button.setText(self.tr("&Trust this key and import"))
        self.skip_button.setText(self.tr("Do &not import"))
        self.fingerprint.setAccessibleName(self.tr("Key fingerprint"))
        for row, outcome in self.outcomes.items():
            self._show(row, outcome)
        self._show_pending()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- files in -----------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    def choose_files(self) -> None:
        folder = QSettings().value(IMPORT_DIR_KEY, "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import"),
            str(folder),
            self.tr("Packages, answers files and answer sheets (*.airpkg *.json *.xlsx);;All files (*)"),
        )
        if names:
            QSettings().setValue(IMPORT_DIR_KEY, str(Path(names[0]).parent))
            self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            row = self.table.rowCount()
            self.table.insertRow(row)
            item = QTableWidgetItem(path.name)
            item.setToolTip(str(path))
            self.table.setItem(row, self.COL_FILE, item)
            self.paths[row] = path
            self._import(row, trust=False)
        self._show_pending()

    def _import(self, row: int, *, trust: bool) -> None:
        from models.exchange.service import import_file

        path = self.paths[row]
        try:
            outcome = self.data.call(
                lambda s: import_file(session=s, path=path, actor=self.data.actor, trust=trust, name=path.name)
            )
        except ServiceError as exc:  # the database itself cannot be used
            report_service_error(self, exc)
            return
        self.outcomes[row] = outcome
        self._show(row, outcome)
        if outcome.untrusted and row not in self.pending_trust:
            self.pending_trust.append(row)
        if outcome.status in ("imported", "updated", "conflict"):
            self.changed.emit()
        self.file_done.emit(outcome)
        self._update_buttons()

    def _status_text(self, outcome: ImportOutcome) -> str:
        if outcome.untrusted:
            return self.tr("Waiting: signed by a key this computer does not know yet")
        return {
            "imported": self.tr("Imported"),
            "updated": self.tr("Updated to the newer revision"),
            "unchanged": self.tr("No change"),
            "conflict": self.tr("Conflict: changed here and in the package; choose a version"),
            "refused": self.tr("Refused; nothing was imported"),
        }[outcome.status]

    def _show(self, row: int, outcome: ImportOutcome) -> None:
        detail = "" if outcome.untrusted else outcome.reason
        text = f"{self._status_text(outcome)}\n{detail}" if detail else self._status_text(outcome)
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, outcome.status)
        self.table.setItem(row, self.COL_RESULT, item)
        self.table.resizeRowToContents(row)

    # --- trust on first import ------------------------------------------------------------------------

    def _show_pending(self) -> None:
        if not self.pending_trust:
            self.trust_panel.hide()
            return
        row = self.pending_trust[0]
        outcome = self.outcomes[row]
        assert outcome.signer is not None
        from models.keys import format_fingerprint

        self.trust_text.setText(
            fmt(
                self.tr(
                    "%1 (an assessment of %2) is signed by a key this computer does not know yet. Before trusting "
                    "it, compare this fingerprint with the sender's, by phone or in person (their app shows it when "
                    "they export a package, and ai-readiness keys list prints it). A trusted key is accepted from "
                    "then on."
                ),
                self.paths[row].name,
                outcome.unit or "?",
            )
        )
        self.fingerprint.setText(format_fingerprint(outcome.signer))
        self.trust_panel.show()

    def trust_pending(self) -> None:
        """The user compared the fingerprint: trust the key and import the file."""
        if not self.pending_trust:
            return
        row = self.pending_trust.pop(0)
        self._import(row, trust=True)
        # Other files of the same signer can now go in too.
        signer = self.outcomes[row].signer
        for other in [r for r in self.pending_trust if self.outcomes[r].signer == signer]:
            self.pending_trust.remove(other)
            self._import(other, trust=False)
        self._show_pending()

    def skip_pending(self) -> None:
        if not self.pending_trust:
            return
        from models.exchange.common import ImportOutcome

        row = self.pending_trust.pop(0)
        outcome = self.outcomes[row]
        refused = ImportOutcome(
            outcome.file,
            "refused",
            self.tr("Not imported: the signer's key was not trusted."),
            None,
            outcome.signer,
        )
        self.outcomes[row] = refused
        self._show(row, refused)
        self._show_pending()

    # --- conflicts ------------------------------------------------------------------------------------

    def _selected_conflict(self) -> int | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        for row in rows:
            outcome = self.outcomes.get(row)
            if outcome is not None and outcome.status == "conflict" and outcome.assessment is not None:
                return row
        return None

    def _update_buttons(self) -> None:
        self.choose_button.setEnabled(self._selected_conflict() is not None)

    def choose_version(self, row: int | None = None) -> ConflictChooser | None:
        row = self._selected_conflict() if row is None else row
        if row is None:
            return None
        outcome = self.outcomes[row]
        assert outcome.assessment is not None
        try:
            chooser = ConflictChooser(self.data, outcome.assessment, self)
        except ServiceError as exc:  # settled meanwhile (e.g. from the command line)
            report_service_error(self, exc)
            return None
        chooser.resolved.connect(lambda settled, row=row: self._settled(row, settled))
        self.chooser = chooser
        chooser.open()
        return chooser

    def _settled(self, row: int, outcome: ImportOutcome) -> None:
        self.outcomes[row] = outcome
        self._show(row, outcome)
        self.changed.emit()
        self._update_buttons()


class ExchangeMenu(QObject):
    """File → Import… and Export package…, and files dropped on the main window."""

    def __init__(self, window: QMainWindow, data: DataAccess):
        super().__init__(window)
        self.window = window
        self.data = data
        self.dialog: ImportDialog | None = None
        self.import_action = QAction(window)
        self.import_action.setShortcut("Ctrl+I")
        self.import_action.triggered.connect(lambda: self.open_import())
        self.export_action = QAction(window)
        self.export_action.triggered.connect(self.export_package)
        menu = getattr(window, "file_menu", None)
        if menu is not None:
            before = next((a for a in menu.actions() if a.isSeparator()), None)
            menu.insertActions(before, [self.import_action, self.export_action])  # type: ignore[arg-type]
        else:
            window.addActions([self.import_action, self.export_action])
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.import_action.setText(self.tr("&Import packages and answer files…"))
        self.export_action.setText(self.tr("Export assessment &package…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind == QEvent.Type.LanguageChange:
                self.retranslate()
            elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and _local_paths(event):  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
            elif kind == QEvent.Type.Drop:
                paths = _local_paths(event)  # type: ignore[arg-type]
                if paths:
                    event.acceptProposedAction()  # type: ignore[attr-defined]
                    self.open_import(paths)
                    return True
        return False

    def open_import(self, paths: list[Path] | None = None) -> ImportDialog:
        if self.dialog is None:
            self.dialog = ImportDialog(self.data, self.window)
            self.dialog.changed.connect(self._refresh)
        self.dialog.open()
        if paths:
            self.dialog.add_files(paths)
        return self.dialog

    def _refresh(self) -> None:
        refresh = getattr(self.window, "refresh", None)
        if callable(refresh):
            refresh()

    def _open_assessment(self) -> int | None:
        view = getattr(self.window, "view", None)
        return getattr(view, "assessment_id", None)

    def export_package(self) -> None:
        assessment_id = self._open_assessment()
        if assessment_id is None:
            self.window.statusBar().showMessage(self.tr("Open an assessment first."), 8000)
            return
        folder = QSettings().value(EXPORT_DIR_KEY, "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export assessment package"),
            str(Path(folder) / f"assessment-{assessment_id}.airpkg"),
            self.tr("Assessment packages (*.airpkg)"),
        )
        if name:
            target = Path(name) if name.lower().endswith(".airpkg") else Path(name + ".airpkg")
            QSettings().setValue(EXPORT_DIR_KEY, str(target.parent))
            self.export_to(assessment_id, target)

    def export_to(self, assessment_id: int, target: Path) -> bool:
        from models.exchange.files import write_atomically
        from models.exchange.service import export_package
        from models.keys import format_fingerprint, own_key

        flush = getattr(getattr(self.window, "view", None), "flush", None)
        if callable(flush):
            flush()  # a comment being typed goes into the package
        try:
            content = self.data.call(lambda s: export_package(session=s, assessment_id=assessment_id))
            write_atomically(target, content)
        except ServiceError as exc:
            report_service_error(self.window, exc)
            return False
        key = own_key()
        assert key is not None
        self.window.statusBar().showMessage(
            fmt(self.tr("Package saved to %1, signed by key %2"), target, format_fingerprint(key.fingerprint)), 15000
        )
        return True


def install(window: QMainWindow, data: DataAccess) -> ExchangeMenu:
    """Add import and export of packages to the main window (called once it is built)."""
    return ExchangeMenu(window, data)
