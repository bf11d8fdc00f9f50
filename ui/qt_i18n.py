"""Qt's own dialogs (buttons, file pickers) speak the same language as ours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from facilitator_app.i18n import set_language

_installed: list[QTranslator] = []


def apply_language(language: str) -> str:
    """Switch gettext and Qt's translators; widgets get a LanguageChange event."""
    language = set_language(language)
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase", "qtmultimedia"):
        translator = QTranslator(app)
        if translator.load(f"{catalogue}_{language}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return language
