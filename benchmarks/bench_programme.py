"""The programme hub at scale (issue 20): import N signed workshop archives, then write the
programme report and one 5W month, on SQLite and on PostgreSQL, beside a bare load of the
same rows measured in the same run.

At the full size: 200 archives, 100,000 different people (a tenth of them come back in one
or two more workshops, linked by phone), 1,000,000 check-in events (programme_data).

- import: `import_archives` of every archive into an empty programme database (wall time).
- bare load: the rows `read_snapshot` gives for the same archives, already in memory, into
  empty tables of the same schema (schema.metadata): SQLite `executemany` in one
  transaction, PostgreSQL `COPY` (psycopg `cursor.copy`). Nothing linked or derived: each
  attendee is its own person; no contact keys, attendance or proposals.
- report: `programme_report_data` + `write_programme_report`, then `five_w_data` +
  `write_five_w` for one month; its baseline is a plain fetch of the attendance join the
  report's facts are read from.
- peak memory: the measured Python process's own high-water mark (`VmHWM`, Linux; each
  piece of work in a fresh interpreter, benchmarks.measure). A PostgreSQL server's own
  memory is not in it.

SQLite runs with the hub's pragmas (WAL, synchronous=FULL), both for the import and the
bare load. PostgreSQL is a throwaway cluster (tests.programme_engines: fsync off), or the
server at $CREANDO_BENCH_POSTGRES_URL; import and bare load use the same server.

Usage: python -m benchmarks.bench_programme [--sizes 10 50 200] [--engines sqlite postgresql]
       [--work DIR] [--jobs N] [--month YYYY-MM] [--profile]
Built archives are cached in --work (default benchmarks/.cache/programme, gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import ROOT, Row, goal
from benchmarks.programme_data import archive_path, build_archives

CACHE = ROOT / "benchmarks" / ".cache" / "programme"
SIZES = (10, 50, 200)
ENGINES = ("sqlite", "postgresql")
MONTH = "2026-05"  # the full size: 2026-01..05 make its year to date
URL_ENV = "CREANDO_BENCH_POSTGRES_URL"
IMPORT_RATIO, REPORT_SECONDS, PEAK_MB = 3.0, 30.0, 500.0


# -- The pieces of work, each run in a fresh interpreter (benchmarks.measure.in_child) -------
def import_all(folder: Path, count: int, target: str, hub: Path) -> dict:
    """Import archives 0..count-1 into the (empty) programme at `target`; `hub` is a
    folder for the importing desk (a copy of the desk that signed them)."""
    from facilitator_app.programme import importer
    from facilitator_app.programme.hub import open_programme
    from facilitator_app.programme.summary import status
    from facilitator_app.services import merge

    store = _desk(folder, hub)
    programme = open_programme(target)
    phases = {"verify": 0.0, "read": 0.0}
    each: list[float] = []
    paths = [archive_path(folder, n) for n in range(count)]
    with _timed(merge, "authenticated_snapshot", phases, "verify"), \
            _timed(importer, "read_snapshot", phases, "read"):
        started = time.perf_counter()
        for path in paths:
            begun = time.perf_counter()
            outcome = importer.import_archive(programme, store, path)
            each.append(time.perf_counter() - begun)
            if outcome.refused:
                raise RuntimeError(f"{path.name} refused: {outcome.refused}")
        seconds = time.perf_counter() - started
    figures = status(programme)
    programme.close()
    store.close()
    tenth = max(1, count // 10)
    return {"seconds": seconds, **phases, "first_s": sum(each[:tenth]) / tenth,
            "last_s": sum(each[-tenth:]) / tenth, **figures}


def report_all(target: str, out: Path, month: str) -> dict:
    """The programme report and the 5W month from the programme at `target`."""
    from exports.excel.five_w import write_five_w
    from exports.excel.programme_report import write_programme_report
    from facilitator_app.paths import asset
    from facilitator_app.programme import schema
    from facilitator_app.programme.five_w import DEFAULT_TEMPLATE, five_w_data
    from facilitator_app.programme.hub import open_programme
    from facilitator_app.programme.report import programme_report_data

    programme = open_programme(target)
    started = time.perf_counter()
    with programme.read() as conn:
        a, s = schema.attendance, schema.sessions
        fetched = len(conn.exec_driver_sql(
            f"SELECT t.attendee_id, s.workshop_id, s.id, s.month, t.in_room, t.online_minutes,"
            f" s.min_online_minutes FROM {a.name} t JOIN {s.name} s ON s.id = t.session_id")
            .all())
    fetch = time.perf_counter() - started
    started = time.perf_counter()
    data = programme_report_data(programme, "en")
    report_data = time.perf_counter() - started
    write_programme_report(data, out / "programme.xlsx")
    report = time.perf_counter() - started
    started = time.perf_counter()
    five = five_w_data(programme, month)
    five_data = time.perf_counter() - started
    write_five_w(five, asset(*DEFAULT_TEMPLATE), out / "5w.xlsx")
    five_w = time.perf_counter() - started
    programme.close()
    return {"fetch": fetch, "fetched": fetched, "report_data": report_data, "report": report,
            "five_w_data": five_data, "five_w": five_w, "reached": data.reached,
            "new": data.new, "returning": data.returning, "by_mode": data.by_mode.counts,
            "months": len(data.months), "five_w_rows": len(five.rows),
            "year_to_date": five.year_to_date, "five_w_new": sum(r.new for r in five.rows)}


def bare_load(folder: Path, count: int, target: str, hub: Path) -> dict:
    """Read the same rows the import reads, then time loading them into empty tables."""
    from facilitator_app.programme.snapshot_rows import read_snapshot
    from facilitator_app.scratch import work_folder
    from facilitator_app.services.merge import authenticated_snapshot

    store = _desk(folder, hub)
    started = time.perf_counter()
    tables: dict[str, dict[str, dict]] = {}
    for n in range(count):
        with work_folder(store.path, "bench") as scratch:
            snapshot, _signer, _checked = authenticated_snapshot(
                store, archive_path(folder, n), None, scratch)
            _collect(tables, read_snapshot(snapshot))
    read = time.perf_counter() - started
    store.close()
    rows = _table_rows(tables)
    _empty_tables(target)
    started = time.perf_counter()
    (_copy_postgres if target.startswith("postgresql") else _executemany_sqlite)(target, rows)
    return {"seconds": time.perf_counter() - started, "read": read,
            "rows": sum(len(r) for _t, r in rows)}


def _desk(folder: Path, hub: Path):
    from facilitator_app.db import open_database
    from facilitator_app.store import Store

    hub.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "desk.db", hub / "desk.db")
    return Store(open_database(hub / "desk.db", backup_on_open=False), path=hub / "desk.db")


@contextmanager
def _timed(module, name: str, phases: dict[str, float], phase: str) -> Iterator[None]:
    """Add the seconds spent in `module.name` to `phases[phase]` while inside."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            phases[phase] += time.perf_counter() - started

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


# -- The bare load ---------------------------------------------------------------------------
_FROM_ROWS = {"workshops": "workshop", "sessions": "sessions", "attendees": "attendees",
              "registrations": "registrations", "admissions": "admissions",
              "undone": "undone", "partners": "partners", "introductions": "introductions",
              "followups": "followups", "module_deliveries": "deliveries"}


def _collect(tables: dict[str, dict], rows) -> None:
    """The snapshot's rows by table, by primary key (a partner is in many archives)."""
    from facilitator_app.programme import schema

    for table_name, attribute in _FROM_ROWS.items():
        found = getattr(rows, attribute)
        table = schema.metadata.tables[table_name]
        keys = [c.name for c in table.primary_key.columns]
        into = tables.setdefault(table_name, {})
        for row in [found] if isinstance(found, dict) else found:
            into[tuple(row[k] for k in keys)] = row
    people = tables.setdefault("people", {})
    for attendee in rows.attendees:  # each attendee its own person: nothing is linked
        people[(attendee["id"],)] = {**attendee, "key": attendee["id"], "created_at": ""}
        attendee["person_id"], attendee["linked_by"] = attendee["id"], "new"


def _table_rows(tables: dict[str, dict]) -> list[tuple[object, list[tuple]]]:
    """(table, rows as tuples in column order), parents first, defaults filled in."""
    from facilitator_app.programme import schema

    ordered = []
    for table in schema.metadata.sorted_tables:
        if table.name not in tables:
            continue
        defaults = {c.name: c.default.arg if c.default is not None else None
                    for c in table.columns}
        names = [c.name for c in table.columns]
        ordered.append((table, [tuple(row.get(n, defaults[n]) for n in names)
                                for row in tables[table.name].values()]))
    return ordered


def _empty_tables(target: str) -> str:
    """Create the programme's tables, empty; returns the SQLAlchemy URL."""
    from sqlalchemy import create_engine

    from facilitator_app.programme import schema
    from facilitator_app.programme.hub import engine_url

    url = engine_url(target)
    engine = create_engine(url)
    schema.metadata.create_all(engine)
    engine.dispose()
    return url


def _executemany_sqlite(target: str, rows: list) -> None:
    import sqlite3

    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("BEGIN")
    for table, values in rows:
        marks = ", ".join("?" * len(table.columns))
        conn.executemany(f"INSERT INTO {table.name} VALUES ({marks})", values)
    conn.execute("COMMIT")
    conn.close()


def _copy_postgres(target: str, rows: list) -> None:
    import psycopg

    with psycopg.connect(target) as conn, conn.cursor() as cursor:
        for table, values in rows:
            columns = ", ".join(f'"{c.name}"' for c in table.columns)
            with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                for value in values:
                    copy.write_row(value)


# -- The run: sizes x engines, each piece in its own process ---------------------------------
_CHILD = """
    from benchmarks.bench_programme import child
    def work(*args):
        return child(*args)
"""
_ARGUMENTS = {"import_all": (Path, int, str, Path), "report_all": (str, Path, str),
              "bare_load": (Path, int, str, Path)}


def child(function: str, *args: str) -> str:
    """In the child: run `function` with its arguments typed back; its result as JSON."""
    typed = [kind(arg) for kind, arg in zip(_ARGUMENTS[function], args, strict=True)]
    return json.dumps(globals()[function](*typed))


def _in_child(function: str, *args: object) -> tuple[dict, float]:
    """`function(*args)` in a fresh interpreter: (what it returned, its peak MB)."""
    from benchmarks.measure import in_child

    measured = in_child(_CHILD, function, *map(str, args), timeout=3600)
    try:
        return json.loads(measured.outcome), measured.peak_mb
    except json.JSONDecodeError:
        raise RuntimeError(f"{function} failed: {measured.outcome}") from None


@contextmanager
def _servers(engines: list[str]) -> Iterator[object]:
    """The PostgreSQL server to use (None when not asked for)."""
    if "postgresql" not in engines:
        yield None
        return
    from tests.programme_engines import Cluster, PostgresServer, find_postgres_bindir

    outside = os.environ.get(URL_ENV, "").strip()
    if outside:
        yield PostgresServer(outside)
        return
    bindir = find_postgres_bindir()
    if bindir is None:
        raise SystemExit(f"No PostgreSQL server installed; set {URL_ENV} or leave out "
                         "--engines postgresql.")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield PostgresServer(cluster.url)
    finally:
        cluster.stop()


@contextmanager
def _database(engine: str, server, folder: Path, name: str) -> Iterator[str]:
    if engine == "sqlite":
        yield str(folder / f"{name}.sqlite")
        return
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


def measure(folder: Path, count: int, engine: str, server, month: str) -> dict:
    """Import, report and bare load of `count` archives on `engine`."""
    with tempfile.TemporaryDirectory(prefix="creando-programme-") as scratch:
        work = Path(scratch)
        with _database(engine, server, work, "programme") as target:
            imported, import_peak = _in_child("import_all", folder, count, target,
                                              work / "hub")
            reported, report_peak = _in_child("report_all", target, work, month)
        with _database(engine, server, work, "bare") as target:
            bare, bare_peak = _in_child("bare_load", folder, count, target, work / "bare")
    return {"import": imported, "import_peak": import_peak, "report": reported,
            "report_peak": report_peak, "bare": bare, "bare_peak": bare_peak}


def rows_of(count: int, engine: str, found: dict) -> list[Row]:
    imported, bare, reported = found["import"], found["bare"], found["report"]
    label = f"programme {count} archives [{engine}]"
    ratio = imported["seconds"] / bare["seconds"]
    seconds = reported["report"] + reported["five_w"]
    return [
        Row(f"{label}: import s", imported["seconds"], "bare load of the same rows",
            bare["seconds"], "s", goal(ratio <= IMPORT_RATIO, f"<= {IMPORT_RATIO:g}x bare")),
        Row(f"{label}: import peak MB", found["import_peak"], "bare load's process",
            found["bare_peak"], "MB", goal(found["import_peak"] < PEAK_MB, f"< {PEAK_MB:g} MB")),
        Row(f"{label}: report + 5W s", seconds, "plain fetch of the attendance join",
            reported["fetch"], "s", goal(seconds <= REPORT_SECONDS, f"<= {REPORT_SECONDS:g} s")),
        Row(f"{label}: report peak MB", found["report_peak"], "bare load's process",
            found["bare_peak"], "MB", goal(found["report_peak"] < PEAK_MB, f"< {PEAK_MB:g} MB")),
    ]


def detail_lines(found: dict) -> list[str]:
    i, b, r = found["import"], found["bare"], found["report"]
    return [
        f"    held: {i['people']:,} people, {i['registrations']:,} registrations, "
        f"{i['admissions']:,} admissions, {i['introductions']:,} introductions, "
        f"{i['sessions']:,} sessions; {i['to_review']:,} pairs to review",
        f"    import: verify+copy {i['verify']:.1f} s, read_snapshot {i['read']:.1f} s, "
        f"write {i['seconds'] - i['verify'] - i['read']:.1f} s; per archive: first tenth "
        f"{i['first_s']:.2f} s, last tenth {i['last_s']:.2f} s",
        f"    bare: {b['rows']:,} rows loaded in {b['seconds']:.1f} s (reading them from the "
        f"archives took {b['read']:.1f} s more); import / (read + bare) = "
        f"{i['seconds'] / (b['read'] + b['seconds']):.2f}",
        f"    report: data {r['report_data']:.1f} s, workbook {r['report'] - r['report_data']:.1f}"
        f" s; 5W: data {r['five_w_data']:.1f} s, workbook "
        f"{r['five_w'] - r['five_w_data']:.1f} s ({r['five_w_rows']} rows)",
        f"    figures: reached {r['reached']:,} (new {r['new']:,}, returning "
        f"{r['returning']:,}), by mode {r['by_mode']}, months {r['months']}, 5W year to date "
        f"{r['year_to_date']:,}",
    ]


def _figures(found: dict) -> tuple:
    r, i = found["report"], found["import"]
    return (r["reached"], r["new"], r["returning"], tuple(sorted(r["by_mode"].items())),
            r["year_to_date"], r["five_w_new"], i["people"], i["admissions"])


def print_row(row: Row) -> None:
    print(f"{row.name:46} {row.figure:>8.2f}{row.unit:>2} {row.baseline:>8.2f}{row.unit:>2} "
          f"{row.ratio:>6.2f}  {row.baseline_name}" + (f"; {row.goal}" if row.goal else ""),
          flush=True)


def run(sizes: list[int], engines: list[str], folder: Path, jobs: int,
        month: str = "") -> list[Row]:
    print(f"building {max(sizes)} archives in {folder} (cached) ...", flush=True)
    built = build_archives(folder, max(sizes), jobs=jobs)
    record = folder / "build.json"
    if built:
        record.write_text(json.dumps({"archives": max(sizes), "seconds": built, "jobs": jobs}))
        print(f"build: {built:.0f} s ({jobs} processes), apart from every figure below")
    elif record.exists():
        was = json.loads(record.read_text())
        print(f"build: all cached (built {was['archives']} archives in {was['seconds']:.0f} s "
              f"with {was['jobs']} processes), apart from every figure below", flush=True)
    header = f"{'benchmark':46} {'figure':>10} {'baseline':>10} {'ratio':>6}  baseline; goal"
    print(header + "\n" + "-" * len(header), flush=True)
    rows = []
    with _servers(engines) as server:
        print(_versions(server), flush=True)
        for count in sizes:
            figures = {}
            for engine in engines:
                found = measure(folder, count, engine, server, month or last_month(count))
                figures[engine] = _figures(found)
                for row in rows_of(count, engine, found):
                    print_row(row)
                    rows.append(row)
                print("\n".join(detail_lines(found)), flush=True)
            if len(set(figures.values())) > 1:
                print(f"    ENGINES DISAGREE at {count} archives: {figures}", flush=True)
            elif len(figures) > 1:
                print(f"    both engines give the same figures at {count} archives", flush=True)
    return rows


def last_month(count: int) -> str:
    """The month the last of `count` workshops began (a 5W month with data in it)."""
    from datetime import timedelta

    from benchmarks.programme_data import DAYS_APART, FIRST_DAY

    if count >= 200:
        return MONTH
    return (FIRST_DAY + timedelta(days=int((count - 1) * DAYS_APART))).isoformat()[:7]


def _versions(server) -> str:
    import platform
    import sqlite3

    words = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}",
             f"{os.cpu_count()} CPUs"]
    if server is not None:
        import psycopg

        with psycopg.connect(server.url) as conn:
            words.append(conn.execute("SHOW server_version").fetchone()[0].join(
                ("PostgreSQL ", "" if os.environ.get(URL_ENV) else " (throwaway, fsync off)")))
    return "; ".join(words)


def programme_scale(_repeat: int) -> list[Row]:
    """For benchmarks.run: the smaller sizes on both engines (the full size: run this
    module)."""
    return run([10, 50], list(ENGINES), CACHE, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--work", type=Path, default=CACHE, help="archive cache folder")
    parser.add_argument("--jobs", type=int, default=1, help="processes building archives")
    parser.add_argument("--month", default=None, help=(
        f"the 5W month (default: {MONTH} at 200 archives and more, else the month the last "
        "workshop began)"))
    args = parser.parse_args(argv)
    run(sorted(args.sizes), args.engines, args.work.resolve(), args.jobs, args.month or "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
