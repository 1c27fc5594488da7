"""The evidence of one item: notes, links and attached files (copied into the data folder by
the evidence service). Links are shown and copied, never opened: the app stays offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.data import DataAccess
from gui.dialogs import TextPromptDialog
from gui.errors import report_service_error
from gui.texts import fmt, local_time
from gui.worker import run_in_background
from models.errors import ServiceError

try:  # the evidence service arrives with its own issue; until then the panel says so
    from models import evidence as evidence_service
except ImportError:  # pragma: no cover - depends on the build
    evidence_service = None  # type: ignore[assignment]

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1


def _size(n: int | None) -> str:
    if n is None:
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return ""


class EvidencePanel(QWidget):
    """Signals:
    changed(): evidence was added or removed (and saved).
    failed(object): a service error the walkthrough should show (e.g. Locked).
    """

    changed = Signal()
    failed = Signal(object)

    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.assessment_id: int | None = None
        self.item_id: str | None = None
        self.read_only = False
        self.rows: list[Any] = []
        self.title = QLabel(self)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(120)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.title.setBuddy(self.list)
        self.note_button = QPushButton(self)
        self.link_button = QPushButton(self)
        self.file_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.copy_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.note_button.clicked.connect(self.add_note)
        self.link_button.clicked.connect(self.add_link)
        self.file_button.clicked.connect(self.attach_file)
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.unavailable = QLabel(self)
        self.unavailable.setWordWrap(True)
        self.unavailable.setVisible(evidence_service is None)
        buttons = QHBoxLayout()
        for button in (self.note_button, self.link_button, self.file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.unavailable)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    def focus_chain(self) -> list[QWidget]:
        return [
            self.list,
            self.note_button,
            self.link_button,
            self.file_button,
            self.open_button,
            self.copy_button,
            self.remove_button,
        ]

    def retranslate(self) -> None:
        self.title.setText(self.tr("Evidence (E):"))
        self.list.setAccessibleName(self.tr("Evidence"))
        self.note_button.setText(self.tr("Add note…"))
        self.note_button.setAccessibleName(self.tr("Add a note as evidence"))
        self.link_button.setText(self.tr("Add link…"))
        self.link_button.setAccessibleName(self.tr("Add a link as evidence"))
        self.file_button.setText(self.tr("Attach file…"))
        self.file_button.setAccessibleName(self.tr("Attach a file as evidence"))
        self.open_button.setText(self.tr("Open"))
        self.open_button.setAccessibleName(self.tr("Open the attached file"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy the selected evidence"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected evidence"))
        self.unavailable.setText(self.tr("Evidence cannot be stored by this version of the database services."))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    # --- data -------------------------------------------------------------------------------------

    def set_assessment(self, assessment_id: int) -> None:
        self.assessment_id = assessment_id
        self.item_id = None
        self.rows = []

    def set_item(self, item_id: str) -> None:
        self.item_id = item_id
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_buttons()

    def reload(self) -> None:
        assessment_id, item_id = self.assessment_id, self.item_id
        if evidence_service is None or assessment_id is None or item_id is None:
            self.rows = []
        else:
            try:
                self.rows = self.data.call(
                    lambda s: evidence_service.list_evidence(session=s, assessment_id=assessment_id, item_id=item_id)
                )
            except ServiceError as exc:
                report_service_error(self, exc)
                self.rows = []
        self._fill()

    def _describe(self, row: Any) -> str:
        if row.kind == "text":
            return fmt(self.tr("Note: %1"), " ".join((row.text or "").split()))
        if row.kind == "link":
            return fmt(self.tr("Link: %1"), row.url or "")
        return fmt(self.tr("File: %1 (%2)"), row.filename or "", _size(row.size))

    def _fill(self) -> None:
        self.list.clear()
        for row in self.rows:
            entry = QListWidgetItem(self._describe(row))
            entry.setData(EVIDENCE_ROLE, row.id)
            tip = fmt(self.tr("Added by %1 at %2"), row.added_by, local_time(row.added_at))
            if row.kind == "file" and row.sha256:
                tip += f"\nSHA-256 {row.sha256}"
            entry.setToolTip(tip)
            self.list.addItem(entry)
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = evidence_service is not None and not self.read_only and self.item_id is not None
        for button in (self.note_button, self.link_button, self.file_button):
            button.setEnabled(editable)
        row = self.selected_row()
        self.remove_button.setEnabled(editable and row is not None)
        self.copy_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None and row.kind == "file")

    def selected_row(self) -> Any | None:
        index = self.list.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    # --- actions ------------------------------------------------------------------------------------

    def _add(self, **fields: Any) -> str | None:
        """Add one piece of evidence; a typed error becomes the dialog's inline message."""
        assessment_id, item_id = self.assessment_id, self.item_id
        assert evidence_service is not None and assessment_id is not None and item_id is not None
        try:
            self.data.call(
                lambda s: evidence_service.add_evidence(
                    session=s, assessment_id=assessment_id, item_id=item_id, actor=self.data.actor, **fields
                )
            )
        except ServiceError as exc:
            from models.errors import InvalidInput

            if isinstance(exc, InvalidInput):
                return str(exc)
            self.failed.emit(exc)
            return None
        self.reload()
        self.list.setCurrentRow(self.list.count() - 1)
        self.changed.emit()
        return None

    def add_note(self) -> None:
        dialog = TextPromptDialog(
            self.tr("Add note"),
            self.tr("What shows the level, e.g. a document name, a decision, a figure:"),
            lambda text: self._add(kind="text", text=text),
            accessible_name=self.tr("Evidence note"),
            parent=self,
        )
        self.dialog = dialog
        dialog.open()

    def add_link(self) -> None:
        dialog = TextPromptDialog(
            self.tr("Add link"),
            self.tr("Address of the document (an intranet link or a file share path). It is stored, not opened:"),
            lambda text: self._add(kind="link", url=text),
            multiline=False,
            accessible_name=self.tr("Evidence link"),
            parent=self,
        )
        self.dialog = dialog
        dialog.open()

    def attach_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file as evidence"))
        if not path or evidence_service is None:
            return
        assessment_id, item_id, actor = self.assessment_id, self.item_id, self.data.actor
        source = Path(path)

        def work(progress):  # type: ignore[no-untyped-def]
            # Copying a large file must not freeze the window: it runs in a worker thread.
            return self.data.call(
                lambda s: evidence_service.add_evidence(
                    session=s, assessment_id=assessment_id, item_id=item_id, kind="file", file_path=source, actor=actor
                )
            )

        def done(_result: object) -> None:
            if self.item_id == item_id:
                self.reload()
                self.list.setCurrentRow(self.list.count() - 1)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.failed.emit(exc)
                return
            from gui.errors import report_exception

            report_exception(self, exc)

        self.job = run_in_background(
            self, work, done, failed, label=fmt(self.tr("Copying %1 into the data folder…"), source.name)
        )

    def open_selected(self) -> None:
        """Open the stored copy of an attached file with the desktop's viewer (a local file)."""
        row = self.selected_row()
        if row is None or row.kind != "file" or evidence_service is None:
            return
        from gui.export import open_local_file

        path = evidence_service.stored_file(row.sha256)
        if not path.exists():
            from gui.errors import show_error

            show_error(self, self.tr("File not found"), fmt(self.tr("The stored copy is missing: %1"), path))
            return
        # Open a copy: the stored file is named by its content and must never be edited in place.
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="ai-readiness-evidence-"))
        copy = folder / (row.filename or path.name)
        shutil.copyfile(path, copy)
        open_local_file(copy)

    def copy_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        text = row.url if row.kind == "link" else row.text if row.kind == "text" else row.filename
        QGuiApplication.clipboard().setText(text or "")

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None or evidence_service is None or self.read_only:
            return
        try:
            self.data.call(
                lambda s: evidence_service.remove_evidence(session=s, evidence_id=row.id, actor=self.data.actor)
            )
        except ServiceError as exc:
            self.failed.emit(exc)
            return
        self.reload()
        self.changed.emit()
