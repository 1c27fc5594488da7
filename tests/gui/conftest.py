"""GUI fixtures: a main window on a fresh database, settings in a temp folder, error dialogs
collected instead of shown, and a check after every test that no window, dialog, background
job or pool thread was left behind (as napari's teardown checks do)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from gui import errors, worker
from gui.data import DataAccess
from gui.i18n import install_translator
from gui.main_window import MainWindow


def _address(widget: QWidget) -> int:
    return shiboken6.getCppPointer(widget)[0]


@pytest.fixture(autouse=True)
def qt_settings(tmp_path: Path, qapp) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    from gui.app import create_application

    create_application()
    folder = tmp_path / "qsettings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    install_translator(qapp, "en")  # tests read English unless they switch on purpose
    yield folder
    install_translator(qapp, "en")


@pytest.fixture(autouse=True)
def no_leaks(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Fail a test that leaves a background job, a pool thread or a top-level window behind."""
    before = {_address(w) for w in QApplication.topLevelWidgets()}
    yield
    assert worker.active_jobs() == 0, "a background job was still running when the test ended"
    assert QThreadPool.globalInstance().waitForDone(10_000), "a pool thread did not finish"
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    leaked = [
        f"{type(w).__name__} {w.windowTitle()!r}"
        for w in QApplication.topLevelWidgets()
        if _address(w) not in before and (w.isVisible() or isinstance(w, QMainWindow | QDialog))
    ]
    assert leaked == [], f"top-level widgets leaked: {leaked}"


@pytest.fixture(autouse=True)
def collected_errors() -> Iterator[list[tuple[str, str]]]:
    sink: list[tuple[str, str]] = []
    errors.message_sink = sink
    yield sink
    errors.message_sink = None


@pytest.fixture
def make_window(qtbot):  # type: ignore[no-untyped-def]
    """Open a main window on a database URL; its engine is disposed after the test."""
    from models.db import open_database

    opened: list[DataAccess] = []

    def make(url: str, actor: str = "tester") -> MainWindow:
        data = DataAccess(open_database(url), actor=actor)
        opened.append(data)
        win = MainWindow(data)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.list_filled):
            win.show()
        return win

    yield make
    for data in opened:
        data.close()


@pytest.fixture
def window(make_window, sqlite_url: str) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(sqlite_url)
