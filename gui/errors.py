"""Errors in the GUI: typed service errors become clear messages; anything unexpected is
logged to the user log folder and shown in a crash dialog whose details can be copied."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.config import log_dir
from models.errors import Conflict, InvalidInput, Locked, NotFound, ServiceError, StorageError, WorkflowError

log = logging.getLogger("ai_readiness")

#: Tests set this to collect messages instead of opening modal dialogs.
message_sink: list[tuple[str, str]] | None = None


def _t(text: str) -> str:
    return QApplication.translate("Errors", text)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """The one place that shows an error dialog (so tests can silence it)."""
    if message_sink is not None:
        message_sink.append((title, message))
        return
    QMessageBox.warning(parent, title, message)


def error_title(exc: ServiceError) -> str:
    """A short, translated headline for each kind of service error."""
    if isinstance(exc, Locked):
        return _t(QT_TRANSLATE_NOOP("Errors", "The assessment is locked"))
    if isinstance(exc, Conflict):
        return _t(QT_TRANSLATE_NOOP("Errors", "Changed by someone else"))
    if isinstance(exc, WorkflowError):
        return _t(QT_TRANSLATE_NOOP("Errors", "Not possible in this status"))
    if isinstance(exc, InvalidInput):
        return _t(QT_TRANSLATE_NOOP("Errors", "Please check the input"))
    if isinstance(exc, NotFound):
        return _t(QT_TRANSLATE_NOOP("Errors", "Not found"))
    if isinstance(exc, StorageError):
        return _t(QT_TRANSLATE_NOOP("Errors", "The database cannot be used"))
    return _t(QT_TRANSLATE_NOOP("Errors", "Cannot do that"))


def error_hint(exc: ServiceError) -> str:
    """What the user can do about it, in the interface language (the detail stays as given)."""
    if isinstance(exc, Locked):
        return _t(
            QT_TRANSLATE_NOOP(
                "Errors", "Submitted and approved assessments are read-only. Reopen it with a reason to change answers."
            )
        )
    if isinstance(exc, Conflict):
        return _t(
            QT_TRANSLATE_NOOP(
                "Errors", "Nothing was overwritten. The latest data has been loaded; check it and try again."
            )
        )
    if isinstance(exc, StorageError):
        return _t(
            QT_TRANSLATE_NOOP(
                "Errors",
                "Your saved answers are safe. Check that the database file or server is reachable and writable.",
            )
        )
    return ""


def report_service_error(parent: QWidget | None, exc: ServiceError) -> None:
    hint = error_hint(exc)
    show_error(parent, error_title(exc), f"{hint}\n\n{exc}" if hint else str(exc))


def _log_file() -> str:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "ai-readiness.log")


def _versions() -> str:
    from PySide6 import __version__ as pyside_version

    return f"AI Readiness · Python {platform.python_version()} · PySide6 {pyside_version} · {platform.platform()}"


def write_crash_log(details: str) -> str | None:
    """Append the details to the log file; return its path (None if it cannot be written)."""
    try:
        path = _log_file()
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    try:
        log.critical("unexpected error\n%s\n%s", _versions(), details)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path


class CrashDialog(QDialog):
    """An unexpected error: what happened, where the log is, and details to copy."""

    def __init__(self, details: str, log_path: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setMinimumSize(640, 420)
        text = self.tr("Something went wrong. Your saved answers are safe.")
        if log_path:
            text += "\n" + self.tr("The details were written to %1.").replace("%1", log_path)
        self.message = QLabel(text, self)
        self.message.setWordWrap(True)
        self.details = QPlainTextEdit(f"{_versions()}\n\n{details}", self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def report_exception(parent: QWidget | None, exc: BaseException, details: str | None = None) -> None:
    """Any exception caught at a boundary (a background job, the excepthook)."""
    if isinstance(exc, ServiceError):
        report_service_error(parent, exc)
        return
    details = details or "".join(traceback.format_exception(exc))
    log_path = write_crash_log(details)
    if message_sink is not None:
        message_sink.append(("crash", details))
        return
    dialog = CrashDialog(details, log_path, parent)
    dialog.exec()
    dialog.deleteLater()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    report_exception(QApplication.activeWindow(), value, "".join(traceback.format_exception(kind, value, tb)))


def install_excepthook() -> None:
    sys.excepthook = _excepthook
