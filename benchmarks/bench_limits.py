"""Bounded memory and early refusals for large and hostile lists (issue 14), at several sizes.

Each figure is measured in a fresh interpreter (its own peak memory and the time of the work
alone), beside a baseline measured the same way in the same run: the `csv` module counting
the rows of the same file, or openpyxl's read-only mode iterating as far as our reader goes.
The issue measured, before streaming: 9.2 GB and 73 s for the 50 MB one-column list (online
import 5.1 GB, 109 s), 422 MB for 10,000 x 2,000, 759 MB for the 1.5 M-row workbook.
The files are written into a temp folder here, never committed. Each child runs once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import bigfiles
from benchmarks.common import Row, goal
from benchmarks.measure import Measured, in_child

PEAK_GOAL_MB = 300
REFUSAL_GOAL_S = 10
ROW_LIMIT = 200_000  # importing.reading.MAX_ROWS

OURS_TABLE = """
    from facilitator_app.importing.reading import read_table
    def work(path):
        return f"read {len(read_table(Path(path)).rows):,} rows"
"""
CSV_COUNT = """
    import csv
    def work(path):
        with open(path, encoding="utf-8", newline="") as handle:
            return f"csv.reader counted {sum(1 for _row in csv.reader(handle)):,} rows"
"""
OPENPYXL_COUNT = """
    import openpyxl
    def work(path, stop):
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        count = 0
        for _row in sheet.iter_rows(values_only=True):
            count += 1
            if count >= int(stop):
                break
        return f"openpyxl read {count:,} rows"
"""
OURS_REPORT = """
    from facilitator_app.online.reports import read_report
    def work(path):
        return f"{len(read_report(Path(path)).participants):,} people"
"""


def _pair(label: str, ours: Measured, baseline: Measured, baseline_name: str) -> list[Row]:
    """A memory row and a time row for one input, each beside its baseline."""
    if "Error" in baseline.outcome:
        raise RuntimeError(f"{label}: the baseline failed: {baseline.outcome}")
    refused = "Error" in ours.outcome
    return [
        Row(f"{label}: peak MB", ours.peak_mb, baseline_name, baseline.peak_mb, "MB",
            goal(ours.peak_mb < PEAK_GOAL_MB, f"< {PEAK_GOAL_MB} MB")),
        Row(f"{label}: seconds", ours.seconds, baseline_name, baseline.seconds, "s",
            goal(ours.seconds < REFUSAL_GOAL_S, f"refused < {REFUSAL_GOAL_S} s") if refused
            else "read whole"),
    ]


def _sizes(sizes: list, write: Callable[[Path, object], Path], label: Callable[[object], str],
           ours: str, baseline: str, baseline_name: str,
           baseline_args: tuple[str, ...] = ()) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = write(Path(folder) / "big", size)
            mine = in_child(ours, str(path))
            theirs = in_child(baseline, str(path), *baseline_args)
            rows += _pair(label(size), mine, theirs, baseline_name)
            path.unlink()
    return rows


def one_column_list(_repeat: int) -> list[Row]:
    return _sizes([1, 5, 20, 49.5], lambda path, mb: bigfiles.one_column_csv(
        path.with_suffix(".csv"), mb), lambda mb: f"one-column CSV {mb} MB", OURS_TABLE,
        CSV_COUNT, "csv.reader counting every row")


def wide_list(_repeat: int) -> list[Row]:
    return _sizes([1_000, 5_000, 10_000], lambda path, columns: bigfiles.wide_csv(
        path.with_suffix(".csv"), columns, 2_000), lambda columns: f"{columns:,} x 2,000 CSV",
        OURS_TABLE, CSV_COUNT, "csv.reader counting every row")


def many_rows_workbook(_repeat: int) -> list[Row]:
    return _sizes([150_000, 500_000, 1_500_000], lambda path, rows: bigfiles.many_rows_xlsx(
        path.with_suffix(".xlsx"), rows), lambda rows: f"XLSX {rows / 1e6:g} M rows",
        OURS_TABLE, OPENPYXL_COUNT, f"openpyxl read-only, to row {ROW_LIMIT + 1:,}",
        (str(ROW_LIMIT + 1),))


def attendance_report(_repeat: int) -> list[Row]:
    return _sizes([5, 19.5, 49.5], lambda path, mb: bigfiles.zoom_report(
        path.with_suffix(".csv"), mb), lambda mb: f"read_report, Zoom CSV {mb} MB",
        OURS_REPORT, CSV_COUNT, "csv.reader counting every row")
