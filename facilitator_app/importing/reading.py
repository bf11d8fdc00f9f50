"""Read a CSV or XLSX file into a plain table of text, refusing hostile or unreadable files.

Decoding is strict and in a fixed order (UTF-8 with or without BOM, UTF-16 by its BOM,
cp1252), never a silent latin-1 guess. XLSX files are checked for zip bombs before openpyxl
opens them, and formulas are kept as text, never evaluated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from facilitator_app.errors import RejectedFileError as Refused
from facilitator_app.i18n import _

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_XLSX_RATIO = 200
MAX_XLSX_MEMBERS = 2000
MAX_ROWS = 200_000
MAX_COLUMNS = 500
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Table:
    """A sheet of text cells. `row_numbers` are as a spreadsheet shows them (header = 1)."""

    source: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = field(default_factory=tuple)


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Read `path` (CSV or XLSX, by content) into a Table, or raise a KnownError naming it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Refused(_("{file} cannot be read: {error}").format(
            file=path.name, error=exc.strerror or exc), path=path) from exc
    if size > MAX_FILE_BYTES:
        raise Refused(_("{file} is too large ({size} MB; the limit is {limit} MB).").format(
            file=path.name, size=size // 2**20, limit=MAX_FILE_BYTES // 2**20), path=path)
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet)
    return _read_csv(path, path.read_bytes())


def decode_strictly(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding that decoded it without a single error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise Refused(_("{file} says it is UTF-16 but is damaged near byte {pos}.")
                             .format(file=name, pos=exc.start)) from exc
    if b"\x00" in data[:4096]:
        raise Refused(_("{file} is not a text or spreadsheet file (it holds binary data). "
                           "Export the list as CSV or XLSX.").format(file=name))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise Refused(_("{file} is in a text encoding CREANDO Desk cannot read. Save it as "
                       "CSV UTF-8 and try again.").format(file=name))


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently (outside quotes)."""
    sample = [line for line in text[:20000].splitlines() if line.strip()][:20]
    if not sample:
        return ","
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) - 1 for line in sample]
        if counts[0] == 0:
            continue
        steady = sum(1 for count in counts if count == counts[0]) / len(counts)
        score = counts[0] * steady
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, data: bytes) -> Table:
    text, encoding = decode_strictly(data, path.name)
    delimiter = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                                  strict=True))
    except csv.Error as exc:
        raise Refused(_("{file} is not a valid CSV file: {error}").format(
            file=path.name, error=exc), path=path) from exc
    return _table(path.name, records, encoding=encoding, delimiter=delimiter)


def _table(source: str, records: list[list[str]], **info: object) -> Table:
    """Header = first non-empty row; data rows keep their spreadsheet row numbers."""
    numbered = [(number, [_clean(c) for c in row]) for number, row in
                enumerate(records, start=1)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        raise Refused(_("{file} is empty.").format(file=source))
    if len(numbered) > MAX_ROWS + 1:
        raise Refused(_("{file} has more than {limit} rows.").format(
            file=source, limit=MAX_ROWS))
    headers = numbered[0][1]
    width = max(len(row) for _n, row in numbered)
    if width > MAX_COLUMNS:
        raise Refused(_("{file} has more than {limit} columns.").format(
            file=source, limit=MAX_COLUMNS))
    body = numbered[1:]
    pad = [row + [""] * (width - len(row)) for _n, row in body]
    headers = headers + [""] * (width - len(headers))
    return Table(source=source, headers=tuple(headers), rows=tuple(tuple(r) for r in pad),
                 row_numbers=tuple(n for n, _row in body), **info)


def _clean(value: str) -> str:
    """Text without control characters (tabs and newlines become spaces), trimmed."""
    if value.isprintable():
        return value.strip()
    return value.translate(_CONTROLS).strip()


_CONTROLS = {code: None for code in (*range(32), 127)} | dict.fromkeys(map(ord, "\t\r\n"), " ")


def check_zip(path: Path) -> None:
    """Refuse XLSX zip bombs before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise Refused(_("{file} is not a valid Excel file (the zip container is damaged).")
                         .format(file=path.name), path=path) from exc
    total = sum(member.file_size for member in members)
    worst = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if len(members) > MAX_XLSX_MEMBERS or total > MAX_XLSX_UNCOMPRESSED or (
        worst > MAX_XLSX_RATIO and total > 10 * 1024 * 1024
    ):
        raise Refused(_("{file} unpacks to far more data than a registration list holds "
                           "and was not opened (a possible zip bomb).").format(file=path.name),
                         path=path)
    if not any(member.filename == "xl/workbook.xml" for member in members):
        raise Refused(_("{file} is a zip file but not an Excel workbook.").format(
            file=path.name), path=path)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    check_zip(path)
    import openpyxl  # loaded only when a workbook is opened

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise Refused(_("{file} could not be opened as an Excel workbook: {error}").format(
            file=path.name, error=exc), path=path) from exc
    try:
        names = tuple(workbook.sheetnames)
        chosen = sheet if sheet is not None else names[0]
        if chosen not in names:
            raise Refused(_("{file} has no sheet called {sheet}. Its sheets: {sheets}")
                             .format(file=path.name, sheet=chosen, sheets=", ".join(names)))
        records = [[_cell_text(value) for value in row]
                   for row in workbook[chosen].iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(path.name, records, sheet=chosen, sheets=names)


def _cell_text(value: object) -> str:
    """A cell as text: whole numbers without `.0`, dates in ISO form, formulas as written."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
