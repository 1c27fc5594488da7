"""Interface language: Qt Linguist translations (.qm) shipped in gui/i18n/.

The source strings are English (``self.tr("…")``); Japanese is the default language.
The choice is remembered in QSettings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
SETTINGS_KEY = "ui/language"

_translator: QTranslator | None = None
_current = DEFAULT_LANGUAGE


def saved_language() -> str:
    value = QSettings().value(SETTINGS_KEY, DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(lang: str) -> None:
    QSettings().setValue(SETTINGS_KEY, lang)


def current_language() -> str:
    return _current


def install_translator(app: QCoreApplication, lang: str) -> None:
    """Switch the interface language; widgets retranslate on QEvent.LanguageChange."""
    global _translator, _current
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    if _current != "en":
        translator = QTranslator(app)
        if translator.load(str(I18N_DIR / f"{_current}.qm")):
            app.installTranslator(translator)
            _translator = translator
