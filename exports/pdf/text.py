"""Shortening text that must fit: by width on the page, or by length."""

from __future__ import annotations

from exports.pdf.scripts import width as drawn_width

ELLIPSIS = "…"


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut with an ellipsis if it is wider than `width` at `size`.

    Measured as exports.pdf.scripts draws it (fallback fonts for what `font` lacks), so draw
    the result with `scripts.draw`.
    """
    if drawn_width(text, font, size) <= width:
        return text
    while text and drawn_width(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def fit_lines(text: str, font: str, width: float, largest: float,
              smallest: float, max_lines: int = 2) -> tuple[float, list[str]]:
    """The largest size (in half points) at which `text` wraps into `max_lines` within `width`,
    and its lines; below `smallest` the last line is cut with an ellipsis instead."""
    words = text.split()
    size = largest
    while size >= smallest:
        lines = _greedy_lines(words, font, size, width)
        if len(lines) <= max_lines and all(drawn_width(line, font, size) <= width
                                           for line in lines):
            return size, lines
        size -= 0.5
    return smallest, _wrapped(words, font, smallest, width, max_lines)


def _greedy_lines(words: list[str], font: str, size: float, width: float) -> list[str]:
    """Words filled into lines no wider than `width` (a single overlong word gets its own line)."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and drawn_width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _wrapped(words: list[str], font: str, size: float, width: float,
             max_lines: int) -> list[str]:
    """At most `max_lines` lines within `width`; what does not fit ends in an ellipsis."""
    lines = _greedy_lines(words, font, size, width)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return [fit_width(line, font, size, width) for line in lines]


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, the last one an ellipsis when something was cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + ELLIPSIS
