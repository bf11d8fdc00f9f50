"""Stream the rows of a CSV, TSV or XLSX file as text cells, within limits, decoding strictly.

Every reader of a user's file (registration lists, attendance reports) goes through here, so
they share one set of rules:
- the file is read as a stream and counted while it is read: more rows, columns, cells or
  characters than the limits allow stop the reading at once with a refusal naming the file,
  so memory stays bounded whatever the input;
- text is decoded strictly: UTF-16 by its BOM; otherwise each line as UTF-8, and a line that
  is not UTF-8 as Windows-1252 (what Excel writes in Spanish locales). A file that mixes
  the two is read, and the lines that were not UTF-8 are named in `Source.notes`, never
  silently; bytes that are neither are refused with their line and byte;
- XLSX is checked for zip bombs before openpyxl opens it, formulas stay text, and any damage
  (including unsupported zip features) is a refusal naming the file.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from facilitator_app.errors import RejectedFileError as Refused
from facilitator_app.files import readable_file
from facilitator_app.i18n import _, ngettext

DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 64 * 1024
XLSX_MAX_UNCOMPRESSED = 300 * 1024 * 1024
XLSX_MAX_RATIO = 200
XLSX_MAX_MEMBERS = 2000
NAMED_LINES = 8  # how many not-UTF-8 lines a note names before it says "and N more"

Record = tuple[int, list[str]]  # (row number as a spreadsheet shows it, cells)


@dataclass(frozen=True)
class Limits:
    """How much of a file is read before it is refused as too large for its purpose."""

    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 200_000
    max_columns: int = 500
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    max_cells: int = 2_500_000  # non-empty cells in the whole file


@dataclass
class Source:
    """What was learnt about a file while reading it."""

    name: str
    kind: str = "csv"  # csv | xlsx
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)  # translated, for the person importing


def read_records(path: Path, limits: Limits, sheet: str | None = None) -> tuple[
        Source, Iterator[Record]]:
    """Open `path` (CSV/TSV or XLSX, told by content) and stream its rows.

    Refusals about the whole file (missing, too large, not a table, no such sheet) are
    raised here; those found while reading (too many rows, a bad byte) as the rows come."""
    size = readable_file(path).stat().st_size
    if size > limits.max_bytes:
        raise Refused(_("{file} is too large ({size} MB; the limit is {limit} MB).").format(
            file=path.name, size=size // 2**20, limit=limits.max_bytes // 2**20), path=path)
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(b"PK\x03\x04"):
        return _xlsx_records(path, sheet, limits)
    source = Source(name=path.name)
    source.encoding = _encoding_of(head, path.name)
    source.delimiter = sniff_delimiter(_sample_lines(head, source.encoding))
    return source, _bounded(source, _csv_records(path, source), limits)


def sniff_delimiter(lines: Iterable[str]) -> str:
    """The delimiter that splits the sample's lines most steadily (outside quotes).

    Lines a delimiter does not split at all (a bare title such as "Meeting Summary", a
    blank line) neither count for it nor against it."""
    sample = [line for line in lines if line.strip()][:40]
    best, best_score = ",", 0.0
    for delimiter in DELIMITERS:
        counts = [_splits(line, delimiter) for line in sample]
        split = [count for count in counts if count]
        if not split:
            continue
        usual = max(set(split), key=lambda count: (split.count(count), count))
        score = usual * split.count(usual) / len(sample)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _splits(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter))) - 1
    except (csv.Error, StopIteration):
        return 0


def _encoding_of(head: bytes, name: str) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:4096]:
        raise Refused(_("{file} is not a text or spreadsheet file (it holds binary data). "
                        "Export the list as CSV or XLSX.").format(file=name))
    return "utf-8-sig"  # line by line, with Windows-1252 for lines that are not UTF-8


def _sample_lines(head: bytes, encoding: str) -> list[str]:
    if encoding == "utf-16":
        text = codecs.getincrementaldecoder("utf-16")(errors="replace").decode(head)
    else:
        text = head.decode("utf-8", errors="replace")
    return text.splitlines()[:-1] or text.splitlines()  # the last line may be cut short


def _text_lines(path: Path, source: Source) -> Iterator[str]:
    """The file's lines, decoded; notes which were not UTF-8."""
    with path.open("rb") as handle:
        if source.encoding == "utf-16":
            yield from _utf16_lines(handle, source.name)
            return
        not_utf8: list[int] = []
        utf8_beyond_ascii = False
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                line = raw.decode("utf-8")
                utf8_beyond_ascii = utf8_beyond_ascii or not line.isascii()
            except UnicodeDecodeError:
                line = _windows_1252(raw, number, source.name)
                not_utf8.append(number)
            yield line
    _note_encoding(source, not_utf8, utf8_beyond_ascii)


def _utf16_lines(handle, name: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-16")()
    offset, pending = 0, ""
    while chunk := handle.read(SNIFF_BYTES):
        try:
            pending += decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            raise Refused(_("{file} says it is UTF-16 but is damaged near byte {pos}.")
                          .format(file=name, pos=offset + exc.start)) from exc
        offset += len(chunk)
        *lines, pending = pending.splitlines(keepends=True) or [""]
        yield from lines
    try:
        pending += decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise Refused(_("{file} says it is UTF-16 but ends in the middle of a character.")
                      .format(file=name)) from exc
    if pending:
        yield pending


def _windows_1252(raw: bytes, number: int, name: str) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise Refused(_("{file}, line {line}: byte {byte} is neither UTF-8 nor Windows-1252 "
                        "text. Save the file as CSV UTF-8 and try again.").format(
                            file=name, line=number, byte=f"0x{raw[exc.start]:02X}")) from exc


def _note_encoding(source: Source, not_utf8: list[int], utf8_beyond_ascii: bool) -> None:
    if not not_utf8:
        return
    if not utf8_beyond_ascii:
        source.encoding = "cp1252"  # the whole file is Windows-1252: nothing mixed
        return
    source.encoding = "utf-8-sig+cp1252"
    named = ", ".join(str(n) for n in not_utf8[:NAMED_LINES])
    more = len(not_utf8) - NAMED_LINES
    if more > 0:
        named += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
    source.notes.append(ngettext(
        "Line {lines} is not UTF-8 like the rest of the file: it was read as Windows-1252 "
        "(Excel). Check its accents.",
        "Lines {lines} are not UTF-8 like the rest of the file: they were read as "
        "Windows-1252 (Excel). Check their accents.", len(not_utf8)).format(lines=named))


def _csv_records(path: Path, source: Source) -> Iterator[Record]:
    reader = csv.reader(_text_lines(path, source), delimiter=source.delimiter, strict=True)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise Refused(_("{file}, line {line}: this is not a valid CSV line ({error}).")
                      .format(file=source.name, line=reader.line_num, error=exc)) from exc


def _bounded(source: Source, records: Iterator[Record], limits: Limits) -> Iterator[Record]:
    """The records, stopped with a refusal as soon as one limit is passed."""
    cells_seen = 0
    for number, cells in records:
        if number > limits.max_rows + 1:  # + the header row
            raise Refused(_("{file} has more than {limit} rows.").format(
                file=source.name, limit=f"{limits.max_rows:,}"))
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > limits.max_columns:
            raise Refused(_("{file}, row {row}: more than {limit} columns.").format(
                file=source.name, row=number, limit=limits.max_columns))
        for column, cell in enumerate(cells, start=1):
            if len(cell) > limits.max_cell_chars:
                raise Refused(_("{file}, row {row}, column {column}: a cell of more than "
                                "{limit} characters.").format(
                                    file=source.name, row=number, column=column,
                                    limit=f"{limits.max_cell_chars:,}"))
        cells_seen += sum(1 for cell in cells if cell)
        if cells_seen > limits.max_cells:
            raise Refused(_("{file} holds more than {limit} filled cells, more than a list "
                            "this app reads.").format(file=source.name,
                                                      limit=f"{limits.max_cells:,}"))
        yield number, cells


def check_zip(path: Path) -> None:
    """Refuse XLSX zip bombs (and zips that are not workbooks) before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError) as exc:
        raise Refused(_("{file} is not a valid Excel file (the zip container is damaged).")
                      .format(file=path.name), path=path) from exc
    total = sum(member.file_size for member in members)
    worst = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if len(members) > XLSX_MAX_MEMBERS or total > XLSX_MAX_UNCOMPRESSED or (
        worst > XLSX_MAX_RATIO and total > 10 * 1024 * 1024
    ):
        raise Refused(_("{file} unpacks to far more data than a registration list holds "
                        "and was not opened (a possible zip bomb).").format(file=path.name),
                      path=path)
    if not any(member.filename == "xl/workbook.xml" for member in members):
        raise Refused(_("{file} is a zip file but not an Excel workbook.").format(
            file=path.name), path=path)


def _xlsx_records(path: Path, sheet: str | None, limits: Limits) -> tuple[
        Source, Iterator[Record]]:
    check_zip(path)
    names = sheet_names(path)
    chosen = sheet if sheet is not None else (names[0] if names else "")
    if chosen not in names:
        raise Refused(_("{file} has no sheet called {sheet}. Its sheets: {sheets}")
                      .format(file=path.name, sheet=chosen, sheets=", ".join(names)))
    source = Source(name=path.name, kind="xlsx", sheet=chosen, sheets=names)
    return source, _bounded(source, _xlsx_rows(path, chosen), limits)


def sheet_names(path: Path) -> tuple[str, ...]:
    """The workbook's sheets in order, read from `xl/workbook.xml` without opening them."""
    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(path) as archive:
            root = fromstring(archive.read("xl/workbook.xml"))
    except Exception as exc:  # damaged zip member, bad XML, an entity attack
        raise _damaged_xlsx(path, exc) from exc
    return tuple(node.get("name", "") for node in root.iter()
                 if node.tag.rsplit("}", 1)[-1] == "sheet")


def _xlsx_rows(path: Path, sheet: str) -> Iterator[Record]:
    """The sheet's rows; the workbook is opened only while they are read."""
    import openpyxl  # loaded only when a workbook is read

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl and zipfile raise many kinds for damaged files
        raise _damaged_xlsx(path, exc) from exc
    try:
        worksheet = workbook[sheet]
        worksheet.reset_dimensions()  # a forged dimension must not pad rows to XFD1048576
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in row]
    except Refused:
        raise
    except Exception as exc:
        raise _damaged_xlsx(path, exc) from exc
    finally:
        workbook.close()


def _damaged_xlsx(path: Path, exc: Exception) -> Refused:
    return Refused(_("{file} could not be opened as an Excel workbook: it is damaged or uses "
                     "a feature this app cannot read. Open it in Excel or LibreOffice and "
                     "save it again as .xlsx or .csv.").format(file=path.name),
                   details=f"{type(exc).__name__}: {exc}", path=path)


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
