"""Person-supplied text in any script, as reportlab draws it.

reportlab draws a string in one font and does not pick a font per character, so a Chinese name
in DejaVu prints as empty boxes. Here a string is split into runs, each in the first registered
font that has its characters (the document's own font, then the CJK and emoji fallbacks of
`fonts.fallback_fonts`); Arabic and Hebrew are joined and laid right to left first
(arabic-reshaper + python-bidi). A character no shipped font has is drawn as MISSING, never as
an empty box. `draw` writes on a canvas, `markup` feeds a Paragraph (`paragraph` makes one), `width`
measures both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from exports.pdf.fonts import fallback_fonts, register_fonts

MISSING = "?"  # a visible stand-in for a character (e.g. a very new emoji) no font carries
# Invisible helpers of emoji sequences: the glyphs either side still print one by one.
_DROPPED = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
FAKE_BOLD = 0.035  # stroke width (em) that thickens a regular fallback glyph in a bold line


def visual(text: str) -> str:
    """`text` in drawing order: Arabic letters joined (presentation forms), right-to-left runs
    reversed."""
    text = _DROPPED.sub("", text)
    if not _RIGHT_TO_LEFT.search(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


def right_to_left(text: str) -> bool:
    """Whether `text` reads right to left: its first letter is Arabic or Hebrew."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("L", "R", "AL"):
            return direction != "L"
    return False


@cache
def _has(font: str, char: str) -> bool:
    """Whether `font` has a glyph for `char`; a base-14 font (e.g. Courier) is taken as it is."""
    glyphs = getattr(getFont(font).face, "charToGlyph", None)
    return glyphs is None or ord(char) in glyphs


@cache
def _font_for(font: str, char: str) -> str | None:
    """The first of `font` and the fallbacks that has `char`; None when none has it."""
    if char.isspace() or _has(font, char):
        return font
    return next((other for other in fallback_fonts() if _has(other, char)), None)


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """(font, text) pieces of `text` in drawing order; `font` is the document's own font."""
    register_fonts()
    pieces: list[tuple[str, str]] = []
    for char in visual(text):
        chosen = _font_for(font, char)
        if chosen is None:
            chosen, char = font, MISSING
        if pieces and pieces[-1][0] == chosen:
            pieces[-1] = (chosen, pieces[-1][1] + char)
        else:
            pieces.append((chosen, char))
    return pieces


def width(text: str, font: str, size: float) -> float:
    """How wide `text` draws at `size`, each run measured in its own font."""
    return _unit_width(text, font) * size


@lru_cache(maxsize=4096)  # a sheet measures the same workshop title on every badge
def _unit_width(text: str, font: str) -> float:
    return sum(stringWidth(piece, name, 1) for name, piece in runs(text, font))


def draw(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
         align: str = "left") -> float:
    """Draw `text` with its baseline at y, starting at x ("left"), centred on x ("centre") or
    ending at x ("right"); returns its width. The canvas is left set to `font` at `size`."""
    pieces = runs(text, font)
    total = sum(stringWidth(piece, name, size) for name, piece in pieces)
    x -= {"left": 0.0, "centre": total / 2, "right": total}[align]
    for name, piece in pieces:
        if name != font and _is_bold(font):
            _draw_thickened(canvas, x, y, piece, name, size)
        else:
            canvas.setFont(name, size)
            canvas.drawString(x, y, piece)
        x += stringWidth(piece, name, size)
    canvas.setFont(font, size)
    return total


def markup(text: str, font: str) -> str:
    """`text` as Paragraph markup (escaped) for a style whose font is `font`: each run a
    fallback font draws is wrapped in <font face=...>."""
    return "".join(escape(piece) if name == font else f'<font face="{name}">{escape(piece)}</font>'
                   for name, piece in runs(text, font))


def paragraph(text: str, style: ParagraphStyle, **options: object) -> Paragraph:
    """A Paragraph of plain `text` (escaped here) in `style`, every script in a font that has it."""
    return Paragraph(markup(text, style.fontName), style, **options)


def _is_bold(font: str) -> bool:
    return font == register_fonts()[1]


def _draw_thickened(canvas: Canvas, x: float, y: float, text: str, font: str,
                    size: float) -> None:
    """Draw a regular fallback run (CJK has no bold here) filled and outlined, so it looks bold."""
    canvas.saveState()
    canvas.setStrokeColor(canvas._fillColorObj)
    canvas.setLineWidth(size * FAKE_BOLD)
    line = canvas.beginText(x, y)
    line.setFont(font, size)
    line.setTextRenderMode(2)
    line.textOut(text)
    canvas.drawText(line)
    canvas.restoreState()
