"""Submit (with a reason below full coverage), approve (with the approver's name) and reopen
(with a reason), through the real buttons and dialogs; statuses and audit rows are checked in
the database, and the history tab shows them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlmodel import Session

from gui.dialogs import ConfirmDialog
from models.tables import Assessment
from tests.gui.util import activate, audit_rows, focused, new_assessment, type_text


def stored(window, assessment_id: int) -> Assessment:  # type: ignore[no-untyped-def]
    with Session(window.data.engine) as s:
        row = s.get(Assessment, assessment_id)
        assert row is not None
        s.expunge(row)
        return row


def ok_button(dialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def fill_dialog(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog = window.view.dialog
    qtbot.waitUntil(lambda: focused() is dialog.editor)
    assert not ok_button(dialog).isEnabled()  # the text is required
    type_text(qtbot, text)
    assert ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)


def test_submit_with_reason_approve_and_reopen(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    activate(qtbot, window)
    view = window.view
    view.walkthrough.editor.choices[3].click()  # 1 of 4 items: coverage 25 %

    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    assert "3 of 4 items are unanswered" in view.dialog.prompt.text()
    fill_dialog(qtbot, window, "残りは次期に評価")
    assert stored(window, assessment_id).status == "submitted"
    assert stored(window, assessment_id).submit_reason == "残りは次期に評価"
    assert view.status.text().strip() == "Submitted"
    assert not view.submit_button.isEnabled() and view.approve_button.isEnabled()
    assert view.walkthrough.read_only and view.walkthrough.banner.isVisible()
    tree_status = window.tree_model.index_of("assessment", assessment_id).siblingAtColumn(1).data()
    assert tree_status == "Submitted"

    window.approve_action.trigger()  # the Assessment menu does the same as the button
    fill_dialog(qtbot, window, "Yamada")
    row = stored(window, assessment_id)
    assert (row.status, row.approver) == ("approved", "Yamada")
    assert view.reopen_button.isEnabled() and not view.approve_button.isEnabled()

    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    fill_dialog(qtbot, window, "Figures corrected")
    row = stored(window, assessment_id)
    assert (row.status, row.approver) == ("draft", None)
    assert not view.walkthrough.read_only and not view.walkthrough.banner.isVisible()

    statuses = [
        (field, old, new) for action, field, old, new in audit_rows(window, assessment_id) if action == "status"
    ]
    assert statuses == [
        ("status", '"draft"', '"submitted"'),
        ("reason", None, '"残りは次期に評価"'),
        ("status", '"submitted"', '"approved"'),
        ("approver", None, '"Yamada"'),
        ("status", '"approved"', '"draft"'),
        ("reason", None, '"Figures corrected"'),
    ]

    # The history tab shows the same rows, newest last, in words.
    view.tabs.setCurrentIndex(view.TAB_HISTORY)
    model = view.history.model
    assert model.rowCount() == len(audit_rows(window, assessment_id))
    last = [model.index(model.rowCount() - 1, c).data() for c in range(model.columnCount())]
    assert last[1:] == ["tester", "Status changed", "", "Reason", "—", "Figures corrected"]
    approved = [model.index(r, model.COL_NEW).data() for r in range(model.rowCount())]
    assert "Approved" in approved and "Yamada" in approved


def test_submit_with_full_coverage_asks_only_for_confirmation(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    for _ in range(4):
        with qtbot.waitSignal(page.answer_saved):
            page.editor.choices[2].click()
        page.next_item()
    window.view.submit()
    dialog = window.view.dialog
    assert isinstance(dialog, ConfirmDialog)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert stored(window, assessment_id).status == "submitted"
    assert stored(window, assessment_id).submit_reason is None


def test_a_refused_step_is_shown_inline(qtbot, window, mini: Path, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    """Another window submitted first: our submit is refused in the dialog, nothing changes twice."""
    from gui.data import DataAccess
    from models import assessments
    from models.db import open_database

    assessment_id = new_assessment(window)
    activate(qtbot, window)
    window.view.submit()
    engine = open_database(sqlite_url)
    try:
        DataAccess(engine).call(
            lambda s: assessments.submit_assessment(session=s, assessment_id=assessment_id, actor="other", reason="x")
        )
    finally:
        engine.dispose()
    dialog = window.view.dialog
    qtbot.waitUntil(lambda: focused() is dialog.editor)
    type_text(qtbot, "late")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.isVisible()
    assert "since you opened it" in dialog.message.text()
    assert window.view.status.text().strip() == "Submitted"  # reloaded
    dialog.reject()
    assert stored(window, assessment_id).submit_reason == "x"
