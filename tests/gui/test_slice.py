"""The desktop slice: create an assessment, click a level, find the answer in the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from sqlmodel import Session, select

from models.tables import Answer


def test_click_a_level_saves_it(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    new_id = window.create_assessment("デジタル庁/戦略・組織グループ/AI推進チーム", "FY2026")
    assert new_id is not None
    assert window.table.rowCount() == 1
    assert window.table.item(0, 0).text() == "デジタル庁/戦略・組織グループ/AI推進チーム"

    button = window.page.item_widgets["1-02"].buttons[4]
    window.page.scroll.ensureWidgetVisible(button)  # as a user scrolls to it
    with qtbot.waitSignal(window.page.answer_saved):
        # Click on the radio indicator, where a user clicks.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))

    with Session(window.data.engine) as s:
        rows = s.exec(select(Answer).where(Answer.assessment_id == new_id)).all()
    assert [(r.item_id, r.level, r.answered_by) for r in rows] == [("1-02", 4, "tester")]
    # Policy 1 = (3 x 80) / 3 = 80 (item 1-01 unanswered); policy 2 unassessed → overall 80.
    assert "80.0" in window.page.score_label.text()
    assert window.table.item(0, window.COL_COVERAGE).text() == "25%"
