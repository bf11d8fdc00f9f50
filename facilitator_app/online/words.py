"""Lookups built once from every language's table (languages/): header words to column
roles, action, role, section, summary and tag words, duration units and date words.

Words are compared by `key()`: case, Latin accents and punctuation do not matter, but
Japanese voicing marks do (ユーザーメール is not ユーサーメール)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from facilitator_app.online.languages import LANGUAGES, Words

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_LATIN_MARKS = range(0x0300, 0x0370)  # combining accents of Latin, Greek and Cyrillic


@lru_cache(maxsize=65536)  # reports repeat names and headers row after row
def key(text: str) -> str:
    """Lower-case words without Latin accents or punctuation; other scripts' marks kept."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        kept = "".join(ch for ch in decomposed if ord(ch) not in _LATIN_MARKS)
        text = unicodedata.normalize("NFC", kept)
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _invert(tables: Iterable[Words]) -> dict[str, str]:
    found: dict[str, str] = {}
    for table in tables:
        for meaning, spellings in table.items():
            for spelling in spellings:
                found.setdefault(key(spelling), meaning)
    return found


def _keys(groups: Iterable[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(key(word) for group in groups for word in group)


HEADERS = _invert(language.headers for language in LANGUAGES)
ACTIONS = _invert(language.actions for language in LANGUAGES)
ROLES = _invert(language.roles for language in LANGUAGES)
SECTIONS = _invert(language.sections for language in LANGUAGES)
SUMMARY = _invert(language.summary for language in LANGUAGES)
UNITS = _invert(language.units for language in LANGUAGES)
TITLES = _keys(language.titles for language in LANGUAGES)
GUEST_TAGS = _keys(language.guest_tags for language in LANGUAGES)
HOST_TAGS = _keys(language.host_tags for language in LANGUAGES)
TAGS = GUEST_TAGS | HOST_TAGS | _keys(language.other_tags for language in LANGUAGES)
YES = _keys(language.yes for language in LANGUAGES) | {"1", "y", "true"}
DATE_WORDS = tuple(sorted({word for language in LANGUAGES for word in language.date_words},
                          key=len, reverse=True))
UNIT_WORDS = tuple(sorted({word.casefold() for language in LANGUAGES
                           for words in language.units.values() for word in words},
                          key=len, reverse=True))


def role_of(header: str) -> str | None:
    """The column role a header names, in any language; None when it names none."""
    return HEADERS.get(key(header))


def section_of(title: str) -> str | None:
    """summary | participants | activities for a Teams section title ("2. Participants")."""
    return SECTIONS.get(key(re.sub(r"^\s*\d+\s*[.)]?\s*", "", title)))


def action_of(text: str) -> str | None:
    """joined | joined_before | left for a Teams 2020 action word; None when unknown.
    The longest word the text starts with wins ("Joined before" over "Joined")."""
    folded = key(text)
    best = max((word for word in ACTIONS if folded == word or folded.startswith(word + " ")),
               key=len, default=None)
    return ACTIONS[best] if best else None


_BY_LANGUAGE = tuple((language.day_first, frozenset(key(spelling)
                                                    for spellings in language.headers.values()
                                                    for spelling in spellings))
                     for language in LANGUAGES)


def day_first_of(headers: list[str]) -> bool | None:
    """Whether the language of a header row writes the day first (05/10 = 5 October):
    True for Spanish, French, German..., None for English (US or UK) or no clear language."""
    keys = {key(header) for header in headers if header}
    scores = [(len(keys & words), day_first) for day_first, words in _BY_LANGUAGE]
    best = max(score for score, _day_first in scores)
    choices = {day_first for score, day_first in scores if score == best}
    return choices.pop() if best and len(choices) == 1 else None
