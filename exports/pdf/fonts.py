"""Register the shipped fonts once, so every name prints right in every PDF.

DejaVu Sans (regular, bold) is each document's own font: Latin with every diacritic, Cyrillic,
Greek and Arabic (its joined presentation forms). Two fallbacks fill what it lacks, chosen
per character by exports.pdf.scripts: Droid Sans Fallback (Chinese, Japanese kana, Korean
Hangul; TrueType outlines, as reportlab needs) and an emoji subset of Symbola (monochrome
emoji of Unicode 9). reportlab embeds only the glyphs a document uses (a subset), so files
stay small. Sources and licences: assets/fonts/FONTS.md.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from facilitator_app.paths import asset

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
CJK = "DroidSansFallback"
EMOJI = "SymbolaEmoji"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf",
          CJK: "DroidSansFallback.ttf", EMOJI: "SymbolaEmoji.ttf"}


@cache
def register_fonts() -> tuple[str, str]:
    """(regular, bold) font names, registered with reportlab (with the fallbacks) on first call."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in _FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
    return REGULAR, BOLD


def font_file(name: str) -> Path:
    """The shipped TrueType file of the registered font `name` (e.g. for Pillow)."""
    return asset("fonts", _FILES[name])


def fallback_fonts() -> tuple[str, ...]:
    """The fonts tried, in order, for a character the document's font lacks."""
    register_fonts()
    return CJK, EMOJI
