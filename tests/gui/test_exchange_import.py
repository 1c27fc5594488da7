"""Import in the desktop app: files dropped on the main window, trust on first import after the
fingerprint was shown, the conflict chooser, and exporting the open assessment as a package."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from gui.main_window import MainWindow
from models import assessments
from models.exchange.package import read_package
from models.keys import format_fingerprint
from models.tables import AnswerUpdate, TrustedKey
from tests.exchange_support import EXCHANGE, dump, make_files


def _drop(widget: QWidget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPointF(widget.rect().center())
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(centre, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def _levels(window: MainWindow, assessment_id: int) -> dict[str, int | None]:
    answers = window.data.call(lambda s: assessments.list_answers(session=s, assessment_id=assessment_id))
    return {item: a.level for item, a in answers.items()}


def test_file_menu_offers_import_and_export(mini: Path, window: MainWindow) -> None:
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Import packages and answer files…" in texts
    assert "Export assessment &package…" in texts
    assert window.exchange.import_action.shortcut().toString() == "Ctrl+I"


def test_dropped_package_is_imported_after_trusting_its_shown_fingerprint(
    mini: Path,
    window: MainWindow,
    qtbot,
    sqlite_url: str,  # type: ignore[no-untyped-def]
) -> None:
    team = make_files().TEAM
    before = dump(sqlite_url)
    _drop(window, [EXCHANGE / "good.airpkg"])
    dialog = window.exchange.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.trust_panel.isVisible()
    assert dialog.fingerprint.text() == format_fingerprint(team.fingerprint)
    assert dialog.trust_text.text().startswith(
        "good.airpkg (an assessment of テスト省/第一局/AI推進チーム) is signed by a key this computer does not know yet"
    )
    assert "Waiting" in dialog.table.item(0, dialog.COL_RESULT).text()
    assert dump(sqlite_url) == before  # nothing happens before the user decides

    with qtbot.waitSignal(window.list_filled), qtbot.waitSignal(dialog.file_done) as done:
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assert done.args[0].status == "imported"
    assert not dialog.trust_panel.isVisible()
    assert dialog.table.item(0, dialog.COL_RESULT).text().startswith("Imported")
    assert [(r.unit, r.cycle) for r in window.assessment_rows] == [("テスト省/第一局/AI推進チーム", "FY2026")]
    keys = window.data.call(lambda s: s.get(TrustedKey, team.fingerprint))
    assert keys is not None and keys.source == "import" and keys.added_by == "tester"


def test_declining_trust_imports_nothing(mini: Path, window: MainWindow, qtbot, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    before = dump(sqlite_url)
    dialog = window.exchange.open_import([EXCHANGE / "good.airpkg", EXCHANGE / "tampered-member.airpkg"])
    assert dialog.table.item(1, dialog.COL_RESULT).text().startswith("Refused; nothing was imported\n")
    assert "altered after signing" in dialog.table.item(1, dialog.COL_RESULT).text()
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert not dialog.trust_panel.isVisible()
    assert "not trusted" in dialog.table.item(0, dialog.COL_RESULT).text()
    assert dump(sqlite_url) == before


def test_conflict_chooser_keeps_the_packages_version(mini: Path, window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = window.exchange.open_import([EXCHANGE / "good.airpkg"])
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assessment_id = dialog.outcomes[0].assessment
    window.data.call(
        lambda s: assessments.save_answer(
            session=s, assessment_id=assessment_id, item_id="1-01", change=AnswerUpdate(level=0), actor="tester"
        )
    )
    dialog.add_files([EXCHANGE / "good-newer.airpkg"])
    assert dialog.outcomes[1].status == "conflict"
    assert not dialog.choose_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.choose_button.isEnabled()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    chooser = dialog.chooser
    assert chooser is not None and chooser.isVisible()
    cells = [[chooser.table.item(r, c).text() for c in range(3)] for r in range(chooser.table.rowCount())]
    assert cells[0] == ["Status", "Draft", "Draft"]
    assert cells[1][0] == "1-01" and cells[1][1].startswith("level 0") and cells[1][2].startswith("level 3")
    assert _levels(window, assessment_id)["1-01"] == 0
    with qtbot.waitSignal(window.list_filled):
        qtbot.mouseClick(chooser.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert _levels(window, assessment_id) == make_files().LEVELS_R5
    assert dialog.table.item(1, dialog.COL_RESULT).text().startswith("Updated")


def test_export_package_of_the_open_assessment(
    mini: Path,
    window: MainWindow,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = window.exchange.open_import([EXCHANGE / "good.airpkg"])
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assessment_id = dialog.outcomes[0].assessment
    dialog.close()
    window.open_assessment(assessment_id)
    target = tmp_path / "out.airpkg"
    assert window.exchange.export_to(assessment_id, target)
    package = read_package(target)
    assert package.data.uid == make_files().UID
    assert "Package saved to" in window.statusBar().currentMessage()
    assert format_fingerprint(package.signer) in window.statusBar().currentMessage()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_dialog_reads_in_both_languages(mini: Path, window: MainWindow, qapp, lang: str) -> None:  # type: ignore[no-untyped-def]
    from gui.i18n import install_translator

    install_translator(qapp, lang)
    dialog = window.exchange.open_import()
    expected = {"ja": "取り込み", "en": "Import"}[lang]
    assert dialog.windowTitle() == expected
    assert dialog.add_button.text() != ""
