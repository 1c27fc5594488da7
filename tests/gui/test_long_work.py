"""Long work runs off the UI thread behind a progress dialog: scorecard export (with cancel and
"open when done"), demo seeding, and the worker helper itself."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton

from gui import worker
from tests.gui.util import new_assessment


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What the desktop would have been asked to open (no viewer is started in tests)."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return urls


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_export_scorecard_and_open_it(qtbot, window, mini: Path, tmp_path: Path, monkeypatch, opened_urls) -> None:  # type: ignore[no-untyped-def]
    new_assessment(window)
    with qtbot.waitSignal(window.view.walkthrough.answer_saved):
        window.view.walkthrough.editor.choices[4].click()
    target = tmp_path / "out" / "card"  # no suffix: .pdf is added
    target.parent.mkdir()
    choose_file(monkeypatch, target)

    window.export_action.trigger()
    qtbot.waitUntil(lambda: opened_urls != [], timeout=20_000)
    pdf = target.with_name("card.pdf")
    assert opened_urls == [QUrl.fromLocalFile(str(pdf))]
    assert opened_urls[0].isLocalFile()
    assert pdf.read_bytes()[:4] == b"%PDF"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "AI推進チーム" in text and "FY2026" in text
    assert [p.name for p in pdf.parent.iterdir()] == ["card.pdf"]  # no temp file left
    assert str(pdf) in window.statusBar().currentMessage()


def test_export_without_opening(qtbot, window, mini: Path, tmp_path: Path, monkeypatch, opened_urls) -> None:  # type: ignore[no-untyped-def]
    new_assessment(window)
    window.view.tabs.setCurrentIndex(window.view.TAB_RESULTS)
    box = window.view.results.open_when_done
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # untick
    assert not window.open_when_done_action.isChecked()  # the menu follows
    choose_file(monkeypatch, tmp_path / "card.pdf")
    qtbot.mouseClick(window.view.results.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (tmp_path / "card.pdf").exists() and worker.active_jobs() == 0, timeout=20_000)
    assert opened_urls == []


def test_cancelled_export_leaves_no_file(qtbot, window, mini: Path, tmp_path: Path, monkeypatch, opened_urls) -> None:  # type: ignore[no-untyped-def]
    from models import reporting

    new_assessment(window)
    gate = threading.Event()
    real = reporting.scorecard_data

    def gated(**kwargs):  # type: ignore[no-untyped-def]
        gate.wait(20)  # hold the worker until the user has pressed Cancel
        return real(**kwargs)

    monkeypatch.setattr(reporting, "scorecard_data", gated)
    choose_file(monkeypatch, tmp_path / "card.pdf")
    window.export_action.trigger()
    job = window.export_job
    qtbot.waitUntil(lambda: job.dialog.isVisible())  # the window stays responsive meanwhile
    assert window.isEnabled()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        qtbot.mouseClick(job.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        assert job.progress.cancelled
        gate.set()
    assert list(tmp_path.glob("*card.pdf*")) == []
    assert opened_urls == []


def test_seed_demo_data_in_the_background(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.seed_action.trigger()
    confirm = window.dialog
    qtbot.mouseClick(confirm.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.list_filled, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: worker.active_jobs() == 0)
    teams = [u for u in window.units if u.depth == 2]
    assert len(teams) == 12 and window.units[0].path == "デモ省"
    assert len(window.assessment_rows) == 24
    assert "24 new assessments" in window.statusBar().currentMessage()


def test_worker_reports_steps_and_routes_failures(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    results: list[object] = []

    def work(progress):  # type: ignore[no-untyped-def]
        progress.report("step two")
        return threading.current_thread() is not threading.main_thread()

    job = worker.run_in_background(window, work, results.append, label="step one")
    with qtbot.waitSignal(job.finished):
        pass
    assert results == [True]  # ran off the UI thread

    failures: list[BaseException] = []
    job = worker.run_in_background(window, lambda p: 1 / 0, results.append, failures.append)
    with qtbot.waitSignal(job.finished):
        pass
    assert [type(f) for f in failures] == [ZeroDivisionError] and results == [True]


def test_unexpected_worker_error_reaches_the_crash_report(qtbot, window, collected_errors) -> None:  # type: ignore[no-untyped-def]
    def work(progress):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    job = worker.run_in_background(window, work)
    with qtbot.waitSignal(job.finished):
        pass
    assert collected_errors[0][0] == "crash"
    assert "RuntimeError: disk on fire" in collected_errors[0][1]
