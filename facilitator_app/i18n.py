"""gettext with an explicit `_`: Spanish by default, English available.

Source strings are English; `assets/locale/es/LC_MESSAGES/creando.mo` holds the Spanish.
"""

from __future__ import annotations

import gettext

from facilitator_app.paths import locale_dir

DOMAIN = "creando"
# Every language the app speaks, by its own name. Adding one: its code and name here, then
# `python -m facilitator_app.catalogue update <code>` and a translated .po (CONTRIBUTING.md).
LANGUAGE_NAMES = {"es": "Español", "en": "English"}
LANGUAGES = tuple(LANGUAGE_NAMES)
DEFAULT_LANGUAGE = "es"

_current = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str) -> str:
    """Switch every later `_()` call to `language`; unknown codes fall back to Spanish."""
    global _current, _translations
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _translations = gettext.translation(
        DOMAIN, localedir=str(locale_dir()), languages=[language], fallback=True
    )
    _current = language
    return language


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


set_language(DEFAULT_LANGUAGE)
