"""The walkthrough, driven like a user does: keys on whatever has the focus, clicks on rows,
then the database is checked. Uses the shipped questionnaire (four policies)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox

from gui.level_choice import LevelChoice
from gui.walkthrough import WalkthroughPage
from models import assessments, org
from models.db import open_database
from models.tables import AnswerUpdate
from tests.gui.util import TEAM, activate, focused, new_assessment, press, stored_answers, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def section_items(page: WalkthroughPage, policy: str) -> list[str]:
    assert page.questionnaire is not None
    return [item.id for item in page.questionnaire.items_of_policy(policy)]


def test_keyboard_only_answers_a_whole_section(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.data.call(lambda s: (org.add_unit_path(session=s, path=TEAM), org.add_cycle(session=s, name="FY2026")))
    window.refresh()
    activate(qtbot, window)
    window.tree.setFocus()

    # Ctrl+N, choose the team (the last unit) with End, confirm with Enter.
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = window.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and isinstance(focused(), QComboBox))
    press(qtbot, Qt.Key.Key_End)
    assert dialog.unit_combo.currentText() == TEAM
    with qtbot.waitSignal(window.list_filled):
        press(qtbot, Qt.Key.Key_Return)
    page = window.view.walkthrough
    qtbot.waitUntil(lambda: isinstance(focused(), LevelChoice))
    assessment_id = window.view.assessment_id

    items = section_items(page, "1")
    chosen: dict[str, int] = {}
    for index, item_id in enumerate(items):
        assert page.current_item_id == item_id
        if index == 3:  # one item is not applicable: N, type the reason, Ctrl+Enter
            press(qtbot, Qt.Key.Key_N)
            qtbot.waitUntil(lambda: focused() is page.na_dialog.editor)
            type_text(qtbot, "当チームは所管外")
            with qtbot.waitSignal(page.answer_saved):
                press(qtbot, Qt.Key.Key_Return, CTRL)
            qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), LevelChoice))  # back in the window
        else:
            chosen[item_id] = index % 6
            with qtbot.waitSignal(page.answer_saved):
                press(qtbot, str(index % 6))
        press(qtbot, Qt.Key.Key_J)

    # J on the last item of section 1 went on to section 2.
    assert page.current_item_id == section_items(page, "2")[0]
    rows = stored_answers(window, assessment_id)
    assert {i: r.level for i, r in rows.items() if r.level is not None} == chosen
    assert rows[items[3]].na_reason == "当チームは所管外"
    assert all(r.answered_by == "tester" for r in rows.values())
    assert page._section_items["1"].text(page.COL_STATE) == f"{len(items)}/{len(items)}"
    assert page.saved_label.text().startswith("Saved ")


def test_section_and_item_shortcuts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    new_assessment(window)
    page = window.view.walkthrough
    activate(qtbot, window)
    page.editor.focus_level()
    first = section_items(page, "1")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert page.current_item_id == section_items(page, "2")[0]
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert page.current_item_id == section_items(page, "3")[0]
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert page.current_item_id == first[0]
    press(qtbot, Qt.Key.Key_Down, CTRL)
    press(qtbot, Qt.Key.Key_Down, ALT)
    assert page.current_item_id == first[2]
    press(qtbot, Qt.Key.Key_K)
    press(qtbot, Qt.Key.Key_Up, CTRL)
    assert page.current_item_id == first[0]
    # Arrows move between the level rows without choosing; Space chooses.
    assert isinstance(focused(), LevelChoice)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is page.editor.choices[2]
    assert stored_answers(window, window.view.assessment_id) == {}
    with qtbot.waitSignal(page.answer_saved):
        press(qtbot, Qt.Key.Key_Space)
    assert stored_answers(window, window.view.assessment_id)[first[0]].level == 2
    # U jumps to the next unanswered item.
    press(qtbot, Qt.Key.Key_K)
    press(qtbot, Qt.Key.Key_U)
    assert page.current_item_id == first[1]


def test_click_anywhere_on_a_level_row_saves_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    row = page.editor.choices[4]
    page.scroll.ensureWidgetVisible(row)
    # Far right of the row, away from any text: no dead zone.
    with qtbot.waitSignal(page.answer_saved):
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton, pos=QPoint(row.width() - 6, row.height() // 2))
    assert stored_answers(window, assessment_id)[page.current_item_id].level == 4
    assert row.isChecked()
    # The tree of the main window follows.
    assert window.view.summary.answered == 1


def test_target_review_comment_and_filters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    activate(qtbot, window)
    page.editor.focus_level()
    item = page.current_item_id

    with qtbot.waitSignal(page.answer_saved):
        press(qtbot, "2")
    press(qtbot, Qt.Key.Key_T)  # the target field; 0-5 now set the target
    assert focused() is page.editor.target_combo
    with qtbot.waitSignal(page.answer_saved):
        press(qtbot, "4")
    with qtbot.waitSignal(page.answer_saved):
        press(qtbot, Qt.Key.Key_R)
    press(qtbot, Qt.Key.Key_C)
    assert focused() is page.editor.comment
    type_text(qtbot, "源内の利用率を月次で確認 3/5")  # digits go into the text, not to the level
    assert page.saved_label.text().startswith("Editing")
    with qtbot.waitSignal(page.answer_saved):
        press(qtbot, Qt.Key.Key_Tab)  # leaving the field saves at once

    row = stored_answers(window, assessment_id)[item]
    assert (row.level, row.target, row.review, row.comment) == (2, 4, True, "源内の利用率を月次で確認 3/5")
    assert page._nav_items[item].text(page.COL_STATE) == "2 ★"

    # R again clears the mark; the "marked only" filter then shows only the current item.
    page.editor.focus_level()
    with qtbot.waitSignal(page.answer_saved):
        press(qtbot, Qt.Key.Key_R)
    assert stored_answers(window, assessment_id)[item].review is False
    page.review_filter.setChecked(True)
    visible = [i for i, r in page._nav_items.items() if not r.isHidden()]
    assert visible == [item]
    page.review_filter.setChecked(False)
    page.unanswered_filter.setChecked(True)
    press(qtbot, Qt.Key.Key_J)
    assert item not in page.visible_order()  # answered, and no longer the current item
    assert page._nav_items[item].isHidden()


def test_comment_is_saved_after_a_pause_and_on_navigation(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    activate(qtbot, window)
    first = page.current_item_id
    page.editor.comment.setFocus()
    type_text(qtbot, "一時停止で保存")
    with qtbot.waitSignal(page.answer_saved, timeout=5000):
        pass  # the debounce timer fires; no key and no focus change
    assert stored_answers(window, assessment_id)[first].comment == "一時停止で保存"

    type_text(qtbot, "・追記")
    press(qtbot, Qt.Key.Key_Down, ALT)  # navigating saves the pending comment of the item left
    second = page.current_item_id
    assert second != first
    rows = stored_answers(window, assessment_id)
    assert rows[first].comment == "一時停止で保存・追記"
    assert second not in rows
    assert page.editor.comment.toPlainText() == ""


def test_clear_answer_and_not_applicable_by_mouse(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    activate(qtbot, window)
    page = window.view.walkthrough
    item = page.current_item_id
    with qtbot.waitSignal(page.answer_saved):
        page.editor.choices[3].click()
    qtbot.mouseClick(page.editor.na_button, Qt.MouseButton.LeftButton)
    dialog = page.na_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a reason is required
    qtbot.waitUntil(lambda: focused() is dialog.editor)
    type_text(qtbot, "対象業務なし")
    with qtbot.waitSignal(page.answer_saved):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    row = stored_answers(window, assessment_id)[item]
    assert (row.level, row.na_reason) == (None, "対象業務なし")
    assert page.editor.na_state.isVisible() and "対象業務なし" in page.editor.na_state.text()
    assert not any(choice.isChecked() for choice in page.editor.choices)
    with qtbot.waitSignal(page.answer_saved):
        qtbot.mouseClick(page.editor.clear_button, Qt.MouseButton.LeftButton)
    row = stored_answers(window, assessment_id)[item]
    assert (row.level, row.na_reason) == (None, None)
    assert page._nav_items[item].text(page.COL_STATE) == "—"


def test_a_change_from_another_window_is_reloaded_not_overwritten(qtbot, window, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    item = page.current_item_id
    other_engine = open_database(sqlite_url)
    try:
        from gui.data import DataAccess

        other = DataAccess(other_engine, actor="colleague")
        other.call(
            lambda s: assessments.save_answer(
                session=s, assessment_id=assessment_id, item_id=item, change=AnswerUpdate(level=1), actor="colleague"
            )
        )
    finally:
        other_engine.dispose()
    page.editor.choices[3].click()  # based on the stale read: refused

    assert stored_answers(window, assessment_id)[item].level == 1
    assert page.banner.isVisible()
    assert "changed in another window" in page.banner.text() and "colleague" in page.banner.text()
    assert page.editor.choices[1].isChecked()  # the latest answer is shown
    with qtbot.waitSignal(page.answer_saved):  # and the next change is based on it
        page.editor.choices[3].click()
    assert stored_answers(window, assessment_id)[item].level == 3
    assert not page.banner.isVisible()


def test_a_locked_assessment_is_read_only_with_a_banner(qtbot, window, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    engine = open_database(sqlite_url)
    try:
        from gui.data import DataAccess

        DataAccess(engine, actor="colleague").call(
            lambda s: assessments.submit_assessment(
                session=s, assessment_id=assessment_id, actor="colleague", reason="期限のため"
            )
        )
    finally:
        engine.dispose()
    page.editor.choices[2].click()  # refused: the assessment was submitted meanwhile

    assert stored_answers(window, assessment_id) == {}
    assert page.banner.isVisible() and "Reopen" in page.banner.text()
    assert window.view.status.text().strip() == "Submitted"
    assert not page.editor.choices[0].isEnabled()
    assert page.editor.comment.isReadOnly()
    assert window.reopen_action.isEnabled() and not window.submit_action.isEnabled()


def test_tab_order_follows_the_screen_and_controls_have_names(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    new_assessment(window)
    page = window.view.walkthrough
    activate(qtbot, window)
    page.editor.choices[5].setFocus()
    seen = []
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
    editor = page.editor
    expected = [editor.na_button, editor.target_combo, editor.review_check, editor.comment]
    assert [w for w in seen if w in expected] == expected
    for widget in [page.nav, *editor.choices, *expected, page.prev_button, page.next_button, page.unanswered_filter]:
        assert widget.accessibleName(), f"{type(widget).__name__} has no accessible name"


def test_keypad_digits_choose_levels(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    activate(qtbot, window)
    page.editor.focus_level()
    with qtbot.waitSignal(page.answer_saved):
        press(qtbot, Qt.Key.Key_5, Qt.KeyboardModifier.KeypadModifier)
    assert stored_answers(window, assessment_id)[page.current_item_id].level == 5


def test_a_supplementary_module_is_an_extra_section_scored_apart(qtbot, window, mini) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from models.config import modules_dir
    from tests.conftest import DATA

    modules_dir().mkdir(parents=True)
    shutil.copy(DATA / "module-local.yaml", modules_dir())
    window.data.call(lambda s: (org.add_unit_path(session=s, path=TEAM), org.add_cycle(session=s, name="FY2026")))
    window.refresh()
    window.new_assessment()
    dialog = window.dialog
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findText(TEAM))
    with qtbot.waitSignal(window.list_filled):
        dialog.accept()
    assessment_id = window.view.assessment_id
    page = window.view.walkthrough
    labels = [page.nav.topLevelItem(i).text(0) for i in range(page.nav.topLevelItemCount())]
    assert labels == ["1. Policy one", "2. Policy two", "＋ Our ministry's own items · AI at service counters"]

    page.next_section()
    page.next_section()
    assert page.current_item_id == "local-ops:local-01"
    assert page.editor.question.text() == "Is AI used for enquiries at the counter?"
    with qtbot.waitSignal(page.answer_saved):
        page.editor.choices[3].click()
    assert stored_answers(window, assessment_id)["local-ops:local-01"].level == 3
    assert window.view.summary.answered == 0  # the plan's coverage counts the plan's items only

    window.view.tabs.setCurrentIndex(window.view.TAB_RESULTS)
    results = window.view.results
    assert results.overall_value.text() == "—"  # the module does not feed the plan's score
    assert results.modules_box.isVisible()
    cells = [results.modules_grid.itemAt(i).widget().text() for i in range(results.modules_grid.count())]
    assert cells[4:7] == ["Our ministry's own items", "60.0", "4 Advancing"]
