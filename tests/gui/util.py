"""Helpers for the GUI tests: set data up through the services, read it back from the database,
and press keys where the keyboard focus is (as a user's keyboard does)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlmodel import Session, select

from gui.main_window import MainWindow
from models import assessments, org
from models.tables import Answer, AuditEntry

TEAM = "デジタル庁/戦略・組織グループ/AI推進チーム"


def new_assessment(window: MainWindow, unit: str = TEAM, cycle: str = "FY2026") -> int:
    """Create a unit, cycle and assessment through the services and open it in the window."""

    def work(s):  # type: ignore[no-untyped-def]
        u, _ = org.add_unit_path(session=s, path=unit)
        c, _ = org.add_cycle(session=s, name=cycle)
        return assessments.create_assessment(session=s, unit_id=u.id, cycle_id=c.id, actor="setup")

    assessment_id = window.data.call(work)
    window.refresh()
    window.open_assessment(assessment_id)
    return assessment_id


def stored_answers(window: MainWindow, assessment_id: int) -> dict[str, Answer]:
    with Session(window.data.engine) as s:
        rows = s.exec(select(Answer).where(Answer.assessment_id == assessment_id)).all()
        for row in rows:
            s.expunge(row)
    return {row.item_id: row for row in rows}


def audit_rows(window: MainWindow, assessment_id: int) -> list[tuple[str, Any, Any, Any]]:
    with Session(window.data.engine) as s:
        rows = s.exec(
            select(AuditEntry).where(AuditEntry.assessment_id == assessment_id).order_by(AuditEntry.id)  # type: ignore[arg-type]
        ).all()
        return [(r.action, r.field, r.old, r.new) for r in rows]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press a key on whatever has the keyboard focus."""
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the focused widget: ASCII as key presses, Japanese as an input method commits it."""
    for ascii_run, chars in groupby(text, key=str.isascii):
        chunk = "".join(chars)
        if ascii_run:
            qtbot.keyClicks(focused(), chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(focused(), event)


def activate(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
