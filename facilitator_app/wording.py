"""`_` for one document's language: a handout or a letter to a person is written in its own
language whatever language the facilitator's screen is in (the app's language never changes)."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import lru_cache

from facilitator_app.i18n import DOMAIN, LANGUAGES, current_language
from facilitator_app.paths import locale_dir

Gettext = Callable[[str], str]


@lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[language],
                               fallback=True)


def gettext_in(language: str | None) -> Gettext:
    """The `gettext` of `language`; the app's current language when it is unknown or empty."""
    return _catalogue(language if language in LANGUAGES else current_language()).gettext
