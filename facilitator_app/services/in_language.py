"""Texts in a language other than the app's own: follow-up messages and breakout rooms go
out in the workshop's language whatever language the facilitator's screen is in."""

from __future__ import annotations

import gettext

from facilitator_app.i18n import DOMAIN, LANGUAGES, current_language
from facilitator_app.paths import locale_dir


def translations(language: str | None) -> gettext.NullTranslations:
    """The catalogue of `language` (the app's current one when unknown or empty); its
    `gettext` and `ngettext` never change the app's own language."""
    code = language if language in LANGUAGES else current_language()
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[code],
                               fallback=True)
