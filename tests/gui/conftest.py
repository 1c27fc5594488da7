"""GUI fixtures: a main window on a fresh database, settings in a temp folder, and error
dialogs collected instead of shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gui import errors
from gui.data import DataAccess
from gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path, qapp) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    from gui.app import create_application

    create_application()
    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def collected_errors() -> Iterator[list[tuple[str, str]]]:
    sink: list[tuple[str, str]] = []
    errors.message_sink = sink
    yield sink
    errors.message_sink = None


@pytest.fixture
def window(qtbot, sqlite_url: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    from models.db import open_database

    data = DataAccess(open_database(sqlite_url), actor="tester")
    win = MainWindow(data)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.list_filled):
        win.show()
    yield win
    data.close()
