"""Japanese and English: switched at run time from the View menu, remembered, and complete.

The translation files are checked too: ja.ts must translate every string of the interface
(so a new ``self.tr()`` without its Japanese fails here) and ja.qm must be compiled from it.
To update them: ``.venv/bin/pyside6-lupdate gui/*.py -ts gui/i18n/ja.ts -no-obsolete
-locations none``, translate in Qt Linguist (or the XML), then ``.venv/bin/pyside6-lrelease
gui/i18n/ja.ts -qm gui/i18n/ja.qm``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gui.i18n import I18N_DIR, saved_language
from tests.gui.util import new_assessment

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TS = I18N_DIR / "ja.ts"
QM = I18N_DIR / "ja.qm"


def visible_texts(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    page = window.view.walkthrough
    return {
        "title": window.windowTitle(),
        "file menu": window.file_menu.title(),
        "language menu": window.language_menu.title(),
        "tab": window.view.tabs.tabText(0),
        "status": window.view.status.text().strip(),
        "section": page._section_items["1"].text(0),
        "level name": page.editor.choices[0].name.text(),
        "level descriptor": page.editor.choices[0].descriptor.text(),
        "question": page.editor.question.text(),
        "tree header": window.tree_model.headerData(0, window.tree.header().orientation()),
        "saved": page.saved_label.text(),
    }


def test_switching_the_language_changes_what_is_visible(qtbot, window, mini: Path) -> None:  # type: ignore[no-untyped-def]
    new_assessment(window)
    english = visible_texts(window)
    assert english == {
        "title": "AI Readiness",
        "file menu": "&File",
        "language menu": "&Language",
        "tab": "&Walkthrough",
        "status": "Draft",
        "section": "1. Policy one",
        "level name": "Not started",
        "level descriptor": "Level 0",
        "question": "Question one",
        "tree header": "Unit / cycle",
        "saved": "Every change is saved at once",
    }

    window.language_actions["ja"].trigger()
    qtbot.waitUntil(lambda: visible_texts(window)["tab"] == "回答(&W)")  # on QEvent.LanguageChange
    assert visible_texts(window) == {
        "title": "AIレディネス",
        "file menu": "ファイル(&F)",
        "language menu": "言語(&L)",
        "tab": "回答(&W)",
        "status": "下書き",
        "section": "1. 方針一",
        "level name": "未着手",
        "level descriptor": "水準0",
        "question": "質問一",
        "tree header": "組織／評価サイクル",
        "saved": "変更はすぐに保存されます",
    }
    assert saved_language() == "ja"  # remembered for the next start
    assert window.language_actions["ja"].isChecked()

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: visible_texts(window)["tab"] == "&Walkthrough")
    assert visible_texts(window) == english
    assert saved_language() == "en"


def test_the_app_starts_in_the_remembered_language(qtbot, make_window, sqlite_url: str, qapp) -> None:  # type: ignore[no-untyped-def]
    from gui.i18n import install_translator, save_language

    save_language("ja")
    install_translator(qapp, saved_language())  # what gui.app.run does at start
    window = make_window(sqlite_url)
    assert window.windowTitle() == "AIレディネス"
    assert window.language_actions["ja"].isChecked()


def _messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter("message"))


def test_ja_ts_translates_every_message() -> None:
    problems = []
    for message in _messages(TS):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        kind = translation.get("type")
        text = translation.text or ""
        if kind in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{kind or 'empty'}: {source!r}")
            continue
        if sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", text)):
            problems.append(f"placeholders differ: {source!r} → {text!r}")
        if ("&" in source.replace("&&", "")) != ("&" in text.replace("&&", "")):
            problems.append(f"mnemonic lost or added: {source!r} → {text!r}")
    assert problems == []


@pytest.mark.skipif(not (BIN / "pyside6-lupdate").exists(), reason="pyside6-lupdate is not installed")
def test_ja_ts_holds_every_string_of_the_sources(tmp_path: Path) -> None:
    """A new self.tr() must reach ja.ts (and so get a translation): run lupdate on a copy."""
    copy = tmp_path / "ja.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "gui").glob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete", "-locations", "none"],
        check=True,
        capture_output=True,
    )

    def keys(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {
            (context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context")
            for message in context.iter("message")
        }

    assert keys(copy) - keys(TS) == set(), "strings missing from gui/i18n/ja.ts: run pyside6-lupdate and translate"
    assert keys(TS) - keys(copy) == set(), "ja.ts holds strings the sources no longer use: run lupdate -no-obsolete"


@pytest.mark.skipif(not (BIN / "pyside6-lrelease").exists(), reason="pyside6-lrelease is not installed")
def test_ja_qm_is_compiled_from_ja_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "ja.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == QM.read_bytes(), "gui/i18n/ja.qm is stale: run pyside6-lrelease on ja.ts"
