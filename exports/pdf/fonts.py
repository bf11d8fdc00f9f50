"""Register the shipped DejaVu fonts once, so every name (ñ, á, Ł, ...) prints right.

reportlab embeds only the glyphs a document uses (a subset), so files stay small.
"""

from __future__ import annotations

from functools import cache

from facilitator_app.paths import asset

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """(regular, bold) font names, registered with reportlab on first call."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(asset("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(asset("fonts", "DejaVuSans-Bold.ttf"))))
    return REGULAR, BOLD
