"""The main window: units and cycles created and renamed through dialogs with inline
validation, assessments started from the tree, and the session restored on the next start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlmodel import Session, select

from gui.unit_tree import ASSESSMENT, UNIT
from models import org
from models.tables import Assessment, Cycle, OrgUnit
from tests.gui.util import TEAM, activate, focused, new_assessment, type_text


def ok(dialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def units_in_db(window) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {u.path: u.name_en for u in window.data.call(lambda s: org.list_units(session=s))}


def test_create_and_rename_units_with_inline_validation(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    qtbot.mouseClick(window.new_unit_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    qtbot.waitUntil(lambda: focused() in (dialog.parent_combo, dialog.name_edit))
    dialog.name_edit.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.name_edit)
    assert not ok(dialog).isEnabled() and not dialog.message.isVisible()  # empty: quiet, but no OK
    type_text(qtbot, "デジタル庁/")
    assert dialog.message.isVisible() and "'/'" in dialog.message.text()
    assert not ok(dialog).isEnabled()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Backspace)
    assert not dialog.message.isVisible() and ok(dialog).isEnabled()
    dialog.name_en_edit.setText("Digital Agency")
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert units_in_db(window) == {"デジタル庁": "Digital Agency"}

    # A child of the selected unit; a sibling's name is refused inline.
    window.new_unit()
    dialog = window.dialog
    assert dialog.parent_combo.currentText() == "デジタル庁"
    dialog.name_edit.setText("AI推進チーム")
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    window.tree.setCurrentIndex(window.tree_model.index_of(UNIT, units_by_path(window)["デジタル庁"]))
    window.new_unit()
    dialog = window.dialog
    dialog.name_edit.setText("AI推進チーム")
    assert dialog.message.text() == "A unit with this name already exists here."
    dialog.reject()

    # Rename (F2 on the selected unit).
    team_id = units_by_path(window)["デジタル庁/AI推進チーム"]
    window.tree.setCurrentIndex(window.tree_model.index_of(UNIT, team_id))
    window.rename_unit_action.trigger()
    dialog = window.dialog
    assert dialog.name_edit.text() == "AI推進チーム"
    dialog.name_edit.setText("AI戦略チーム")
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    assert "デジタル庁/AI戦略チーム" in units_in_db(window)
    assert window.tree_model.index_of(UNIT, team_id).data() == "AI戦略チーム"


def units_by_path(window) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {u.path: u.id for u in window.data.call(lambda s: org.list_units(session=s))}


def test_create_and_rename_cycles(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.new_cycle_action.trigger()
    dialog = window.dialog
    dialog.name_edit.setText("FY2026")
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    window.new_cycle_action.trigger()
    dialog = window.dialog
    dialog.name_edit.setText("FY2026")
    assert dialog.message.text() == "A cycle with this name already exists."
    dialog.name_edit.setText("x" * 41)
    assert "at most 40" in dialog.message.text()
    dialog.name_edit.setText("FY2027")
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)

    window.rename_cycle_action.trigger()
    dialog = window.dialog
    dialog.cycle_combo.setCurrentIndex(dialog.cycle_combo.findText("FY2027"))
    assert dialog.name_edit.text() == "FY2027"
    dialog.name_edit.setText("FY2027-H1")
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    with Session(window.data.engine) as s:
        names = sorted(c.name for c in s.exec(select(Cycle)).all())
        h1 = s.exec(select(Cycle).where(Cycle.name == "FY2027-H1")).one()
    assert names == ["FY2026", "FY2027-H1"]
    assert (h1.starts_on.month, h1.ends_on.month) == (4, 9)  # fiscal half-year dates follow the name


def test_start_an_assessment_from_the_tree(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    window.data.call(lambda s: (org.add_unit_path(session=s, path=TEAM), org.add_cycle(session=s, name="FY2026")))
    window.refresh()
    team_id = units_by_path(window)[TEAM]
    window.tree.setCurrentIndex(window.tree_model.index_of(UNIT, team_id))
    qtbot.mouseClick(window.new_assessment_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert dialog.unit_combo.currentText() == TEAM  # the selected unit is proposed
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(ok(dialog), Qt.MouseButton.LeftButton)
    with Session(window.data.engine) as s:
        row = s.exec(select(Assessment)).one()
        unit = s.get(OrgUnit, row.unit_id)
    assert unit is not None and unit.name_ja == "AI推進チーム" and row.created_by == "tester"
    assert window.stack.currentWidget() is window.view and window.view.assessment_id == row.id

    index = window.tree_model.index_of(ASSESSMENT, row.id)
    assert [index.siblingAtColumn(c).data() for c in range(3)] == ["FY2026", "Draft", "0%"]
    with qtbot.waitSignal(window.view.walkthrough.answer_saved):
        window.view.walkthrough.editor.choices[2].click()
    assert index.siblingAtColumn(2).data() == "25%"  # the tree follows every answer

    # The same unit and cycle again is refused in the dialog itself.
    window.new_assessment()
    dialog = window.dialog
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findText(TEAM))
    assert dialog.message.isVisible() and "already has an assessment for FY2026" in dialog.message.text()
    assert not ok(dialog).isEnabled()
    dialog.reject()


def test_the_app_reopens_where_the_user_left_off(qtbot, make_window, sqlite_url: str, mini: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_window(sqlite_url)
    new_assessment(first, unit="府省/局/課A", cycle="FY2025")
    assessment_id = new_assessment(first, unit="府省/局/課B", cycle="FY2026")
    first.view.walkthrough.next_section()
    item = first.view.walkthrough.current_item_id
    assert item == "2-01"
    first.view.tabs.setCurrentIndex(first.view.TAB_RESULTS)
    first.resize(781, 699)  # within the offscreen screen (800 x 800)
    first.splitter.setSizes([250, 531])  # the tree made narrower
    first.close()

    second = make_window(sqlite_url)
    assert second.view.assessment_id == assessment_id
    assert second.view.walkthrough.current_item_id == "2-01"
    assert second.view.tabs.currentIndex() == second.view.TAB_RESULTS
    assert (second.width(), second.height()) == (781, 699)
    assert second.splitter.sizes()[0] == 250
    selected = second.tree_model.kind_and_id(second.tree.currentIndex())
    assert selected == (ASSESSMENT, assessment_id)


def test_a_comment_being_typed_is_saved_when_the_window_closes(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.util import stored_answers

    assessment_id = new_assessment(window)
    activate(qtbot, window)
    editor = window.view.walkthrough.editor
    editor.comment.setFocus()
    qtbot.waitUntil(lambda: focused() is editor.comment)
    type_text(qtbot, "閉じる前のメモ")
    window.close()
    assert stored_answers(window, assessment_id)["1-01"].comment == "閉じる前のメモ"


def test_every_focusable_control_has_an_accessible_name(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QWidget

    new_assessment(window)
    controls = (QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit)
    for tab in range(3):
        window.view.tabs.setCurrentIndex(tab)
        unnamed = [
            f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            for w in window.findChildren(QWidget)
            if isinstance(w, controls)
            and w.isVisibleTo(window)
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not w.accessibleName()
            and not (isinstance(w, QAbstractButton) and w.text())  # a button's text is its name
        ]
        assert unnamed == [], f"tab {tab}"


def test_f1_shows_the_keyboard_shortcuts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from gui.dialogs import ShortcutHelpDialog

    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F1)
    assert isinstance(window.dialog, ShortcutHelpDialog) and window.dialog.isVisible()
    keys = [window.dialog.table.item(r, 0).text() for r in range(window.dialog.table.rowCount())]
    assert "0 – 5" in keys and "Ctrl+PgDown" in keys
    window.dialog.close()
