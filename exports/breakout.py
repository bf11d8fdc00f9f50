"""Zoom's breakout-room pre-assignment file: a CSV with Zoom's own two columns, UTF-8
without a byte-order mark (Zoom would read one as part of the first column's name)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from exports.atomic import write_atomically


def write_zoom_csv(columns: Sequence[str], rows: Iterable[tuple[str, str]],
                   target: Path) -> Path:
    """Write the header and one (room, e-mail) row per person, atomically."""

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)

    return write_atomically(target, write)
