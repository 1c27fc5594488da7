"""Errors: typed service errors become clear messages; an unexpected exception is written to the
log file and shown in a crash dialog whose details can be copied."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gui import errors
from models.config import log_dir
from models.errors import Conflict, InvalidInput, Locked, StorageError


def _raise(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def test_an_unexpected_exception_is_logged_and_reported(collected_errors) -> None:  # type: ignore[no-untyped-def]
    exc = _raise(KeyError("no such thing"))
    errors._excepthook(type(exc), exc, exc.__traceback__)  # what sys.excepthook does for an uncaught error
    assert collected_errors[0][0] == "crash"
    assert "KeyError: 'no such thing'" in collected_errors[0][1]
    log = (log_dir() / "ai-readiness.log").read_text(encoding="utf-8")
    assert "unexpected error" in log and "KeyError: 'no such thing'" in log and "Python" in log
    assert "test_errors.py" in log  # the traceback, to find the bug


def test_install_excepthook(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    errors.install_excepthook()
    assert sys.excepthook is errors._excepthook


def test_typed_errors_become_clear_messages(collected_errors) -> None:  # type: ignore[no-untyped-def]
    errors.report_service_error(None, Locked("assessment 3 is approved and cannot be edited"))
    errors.report_service_error(None, Conflict("item 1-01 was changed by someone"))
    errors.report_service_error(None, InvalidInput("a unit name cannot be empty"))
    errors.report_exception(None, StorageError("/x.db: the disk is full"))  # a known error is no crash
    titles = [title for title, _ in collected_errors]
    assert titles == [
        "The assessment is locked",
        "Changed by someone else",
        "Please check the input",
        "The database cannot be used",
    ]
    assert "Reopen it with a reason" in collected_errors[0][1] and "approved" in collected_errors[0][1]
    assert collected_errors[2][1] == "a unit name cannot be empty"
    assert "crash" not in titles


def test_crash_dialog_details_can_be_copied(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = errors.CrashDialog("Traceback (most recent call last):\nValueError: bad", str(tmp_path / "x.log"))
    qtbot.addWidget(dialog)
    assert str(tmp_path / "x.log") in dialog.message.text()
    assert dialog.details.isReadOnly()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "ValueError: bad" in copied and "PySide6" in copied
