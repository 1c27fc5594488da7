"""Errors in the GUI: typed service errors become clear messages; anything unexpected is
logged to the user log folder and shown in a crash dialog whose details can be copied."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from models.config import log_dir
from models.errors import ServiceError

log = logging.getLogger("ai_readiness")

#: Tests set this to collect messages instead of opening modal dialogs.
message_sink: list[tuple[str, str]] | None = None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """The one place that shows an error dialog (so tests can silence it)."""
    if message_sink is not None:
        message_sink.append((title, message))
        return
    QMessageBox.warning(parent, title, message)


def report_service_error(parent: QWidget | None, exc: ServiceError) -> None:
    show_error(parent, QApplication.translate("Errors", "Cannot do that"), str(exc))


def _log_file() -> str:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "ai-readiness.log")


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if isinstance(value, ServiceError):
        report_service_error(QApplication.activeWindow(), value)
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    versions = f"AI Readiness · Python {platform.python_version()} · {platform.platform()}"
    try:
        logging.basicConfig(filename=_log_file(), level=logging.INFO)
        log.critical("unexpected error\n%s\n%s", versions, details)
    except OSError:
        pass
    if message_sink is not None:
        message_sink.append(("crash", details))
        return
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QApplication.translate("Errors", "Unexpected error"))
    box.setText(
        QApplication.translate(
            "Errors", "Something went wrong. Your saved answers are safe. The details below were written to the log."
        )
    )
    box.setDetailedText(f"{versions}\n\n{details}")
    box.exec()


def install_excepthook() -> None:
    sys.excepthook = _excepthook
