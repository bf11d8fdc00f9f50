"""Run every benchmark and print a table: figure, baseline measured in the same run, ratio.

Usage: python -m benchmarks.run [--repeat N] [--only NAME ...]  (names: see BENCHMARKS)
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_checkin import checkin_core, frame_pipeline
from benchmarks.bench_door import (
    attendee_search,
    counts_after_admissions,
    page_opens,
    upgrade_and_check,
)
from benchmarks.bench_encryption import encryption_cost
from benchmarks.bench_exports import badges, handout, workshop_report
from benchmarks.bench_limits import (
    attendance_report,
    many_rows_workbook,
    one_column_list,
    wide_list,
)
from benchmarks.bench_registry import import_memory, import_rows, search_keystrokes
from benchmarks.bench_start import checkin_commits, cold_start, cold_start_sizes

BENCHMARKS = {
    "start": cold_start,
    "start-sizes": cold_start_sizes,
    "door-counts": counts_after_admissions,
    "door-open": page_opens,
    "door-search": attendee_search,
    "door-upgrade": upgrade_and_check,
    "commit": checkin_commits,
    "import": import_rows,
    "import-memory": import_memory,
    "limits-csv": one_column_list,
    "limits-wide": wide_list,
    "limits-xlsx": many_rows_workbook,
    "limits-report": attendance_report,
    "search": search_keystrokes,
    "checkin": checkin_core,
    "frames": frame_pipeline,
    "badges": badges,
    "report": workshop_report,
    "handout": handout,
    "encryption": encryption_cost,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS))
    args = parser.parse_args(argv)
    chosen = args.only or list(BENCHMARKS)
    header = f"{'benchmark':46} {'figure':>10} {'baseline':>10} {'ratio':>6}  baseline; goal"
    print(header)
    print("-" * len(header))
    for name in chosen:
        found = BENCHMARKS[name](args.repeat)
        for row in found if isinstance(found, list) else [found]:  # some measure several sizes
            print(f"{row.name:46} {row.figure:>8.3f}{row.unit:>2} {row.baseline:>8.3f}"
                  f"{row.unit:>2} {row.ratio:>6.2f}  {row.baseline_name}"
                  + (f"; {row.goal}" if row.goal else ""), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
