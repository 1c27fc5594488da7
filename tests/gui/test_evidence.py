"""Evidence in the walkthrough: a note, a link and an attached file (copied into the data folder
in a worker thread), removed again, refused while locked; all checked in the database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from models import evidence
from tests.gui.util import activate, focused, new_assessment, press, stored_answers, type_text


def stored_evidence(window, assessment_id: int):  # type: ignore[no-untyped-def]
    return window.data.call(lambda s: evidence.list_evidence(session=s, assessment_id=assessment_id))


def confirm(qtbot, dialog, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: focused() is dialog.editor)
    type_text(qtbot, text)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_notes_links_and_files(qtbot, window, mini: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assessment_id = new_assessment(window)
    activate(qtbot, window)
    page = window.view.walkthrough
    panel = page.evidence
    item = page.current_item_id

    qtbot.mouseClick(panel.note_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.answer_saved):
        confirm(qtbot, panel.dialog, "課内研修の記録（2026年5月）")
    # The note created the item's (empty) answer row; choosing a level afterwards is no conflict.
    with qtbot.waitSignal(page.answer_saved):
        page.editor.choices[3].click()
    assert stored_answers(window, assessment_id)[item].level == 3

    # A link is checked for its form only, inline in the dialog.
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    confirm(qtbot, dialog, "not a link")
    assert dialog.isVisible() and "http" in dialog.message.text()
    dialog.editor.clear()
    dialog.editor.setFocus()  # the click on OK took the focus
    with qtbot.waitSignal(page.answer_saved):
        confirm(qtbot, dialog, "https://intra.example.go.jp/ai/plan")

    source = tmp_path / "利用状況.csv"
    source.write_text("month,share\n2026-04,0.42\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))
    with qtbot.waitSignal(panel.changed, timeout=20_000):
        qtbot.mouseClick(panel.file_button, Qt.MouseButton.LeftButton)

    rows = stored_evidence(window, assessment_id)
    assert [(r.item_id, r.kind) for r in rows] == [(item, "text"), (item, "link"), (item, "file")]
    assert rows[0].text == "課内研修の記録（2026年5月）" and rows[1].url == "https://intra.example.go.jp/ai/plan"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert (rows[2].filename, rows[2].sha256, rows[2].size) == ("利用状況.csv", digest, source.stat().st_size)
    assert evidence.stored_file(digest).read_bytes() == source.read_bytes()  # copied into the data folder
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert (
        texts[0].startswith("Note: 課内研修") and texts[1].startswith("Link: https://") and "利用状況.csv" in texts[2]
    )

    # Open shows a copy of the stored file (a local file URL); the stored one stays untouched.
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    panel.list.setCurrentRow(2)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].isLocalFile()
    assert Path(opened[0].toLocalFile()).name == "利用状況.csv"
    assert Path(opened[0].toLocalFile()) != evidence.stored_file(digest)

    # Remove the link; the history records every evidence change.
    panel.list.setCurrentRow(1)
    with qtbot.waitSignal(page.answer_saved):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [r.kind for r in stored_evidence(window, assessment_id)] == ["text", "file"]
    window.view.tabs.setCurrentIndex(window.view.TAB_HISTORY)
    model = window.view.history.model
    evidence_rows = [
        [model.index(r, c).data() for c in (model.COL_ACTION, model.COL_FIELD, model.COL_OLD, model.COL_NEW)]
        for r in range(model.rowCount())
        if model.index(r, model.COL_ACTION).data() == "Evidence"
    ]
    assert evidence_rows[-1] == ["Evidence", "Link", "https://intra.example.go.jp/ai/plan", "—"]
    assert ["Evidence", "File", "—", "利用状況.csv"] in evidence_rows


def test_evidence_is_read_only_when_submitted(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    from models import assessments

    assessment_id = new_assessment(window)
    page = window.view.walkthrough
    window.data.call(
        lambda s: evidence.add_evidence(
            session=s, assessment_id=assessment_id, item_id="1-01", kind="text", text="memo", actor="x"
        )
    )
    window.data.call(
        lambda s: assessments.submit_assessment(session=s, assessment_id=assessment_id, actor="x", reason="r")
    )
    window.open_assessment(assessment_id)
    panel = page.evidence
    assert panel.list.count() == 1
    panel.list.setCurrentRow(0)
    assert not panel.note_button.isEnabled() and not panel.remove_button.isEnabled()
    assert panel.copy_button.isEnabled()  # reading and copying stay possible


@pytest.mark.parametrize("key", [Qt.Key.Key_E])
def test_e_goes_to_the_evidence(qtbot, window, mini: Path, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    new_assessment(window)
    activate(qtbot, window)
    window.view.walkthrough.editor.focus_level()
    press(qtbot, key)
    assert focused() is window.view.walkthrough.evidence.list
