"""Interface language: Qt Linguist translations (.qm) shipped in gui/i18n/.

The source strings are English (``self.tr("…")``); Japanese is the default language.
The choice is remembered in QSettings. Questionnaire content is not translated here:
it carries both languages itself (``Text.get(current_language())``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
SETTINGS_KEY = "ui/language"

_translators: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def saved_language() -> str:
    value = QSettings().value(SETTINGS_KEY, DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(lang: str) -> None:
    QSettings().setValue(SETTINGS_KEY, lang)


def current_language() -> str:
    return _current


def install_translator(app: QCoreApplication, lang: str) -> None:
    """Switch the interface language; widgets retranslate on QEvent.LanguageChange.

    ``current_language()`` changes first, so handlers of that event already see the new
    language when they re-render questionnaire content.
    """
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    while _translators:
        app.removeTranslator(_translators.pop())
    if _current == "en":
        return
    # Qt's own strings (the standard OK / Cancel / Close buttons, text field menus) come with
    # PySide6; ours come from gui/i18n.
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for folder, name in ((qt_folder, f"qtbase_{_current}.qm"), (str(I18N_DIR), f"{_current}.qm")):
        translator = QTranslator(app)
        if translator.load(str(Path(folder) / name)):
            app.installTranslator(translator)
            _translators.append(translator)
