"""Text folding so that "José Pérez", "jose perez" and "PEREZ, José" find the same person."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, accents removed (ñ becomes n), punctuation turned into single spaces."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def name_key(text: str) -> str:
    """A word-order-free key for duplicate detection: folded words, sorted."""
    return " ".join(sorted(fold(text).split()))

