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
- XLSX is streamed by `importing.xlsx` (zip checks first, expat over each part, shared
  strings capped); formulas stay text, and any damage (including unsupported zip
  features) is a refusal naming the file, with exit code 3 (`DamagedFileError`).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from facilitator_app.errors import RejectedFileError as Refused
from facilitator_app.files import readable_file
from facilitator_app.i18n import _, ngettext
from facilitator_app.importing.limits import (
    DamagedFileError,
    Limits,
    Record,
    cell_too_long,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)
from facilitator_app.importing.xlsx import check_zip, open_workbook, sheet_names, xlsx_rows

__all__ = ["DamagedFileError", "Limits", "Record", "Source", "read_records", "sheet_names",
           "sniff_delimiter"]

DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 64 * 1024
MAX_LINE_CHARS = 4 * 1024 * 1024  # one physical line: far beyond any row of a list
NAMED_LINES = 8  # how many not-UTF-8 lines a note names before it says "and N more"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx


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
    if head.startswith(OLE_MAGIC):
        raise DamagedFileError(_("{file} is an old Excel (.xls) workbook or one protected with "
                                 "a password. Open it in Excel and save it as .xlsx (without "
                                 "a password) or .csv.").format(file=path.name), path=path)
    source = Source(name=path.name)
    source.encoding = _encoding_of(head, path.name)
    source.delimiter = sniff_delimiter(_sample_lines(head, source.encoding))
    return source, _bounded(source, _csv_records(path, source), limits)


def sniff_delimiter(lines: Iterable[str]) -> str:
    """The delimiter that splits the sample's lines most steadily (outside quotes).

    Lines a delimiter does not split at all (a bare title such as "Meeting Summary", a
    blank line) neither count for it nor against it. A tab that splits most lines wins
    outright: tabs are never part of what people type in a form or a report, while commas
    are (Teams writes dates as "10/05/2023, 10:00:00" inside its tab-separated reports)."""
    sample = [line for line in lines if line.strip()][:40]
    if sample and sum(_splits(line, "\t") > 0 for line in sample) * 5 >= len(sample) * 3:
        return "\t"
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
        number = 0
        while raw := handle.readline(MAX_LINE_CHARS + 1):
            number += 1
            if len(raw) > MAX_LINE_CHARS:
                raise _line_too_long(source.name, number)
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


def _line_too_long(name: str, number: int) -> Refused:
    return Refused(_("{file}, line {line}: a line of more than {limit} characters, far more "
                     "than a row of a list.").format(file=name, line=number,
                                                     limit=f"{MAX_LINE_CHARS:,}"))


def _utf16_lines(handle, name: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-16")()
    offset, pending, count = 0, "", 0
    while chunk := handle.read(SNIFF_BYTES):
        try:
            pending += decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            raise Refused(_("{file} says it is UTF-16 but is damaged near byte {pos}.")
                          .format(file=name, pos=offset + exc.start)) from exc
        offset += len(chunk)
        *lines, pending = pending.splitlines(keepends=True) or [""]
        count += len(lines)
        if len(pending) > MAX_LINE_CHARS:
            raise _line_too_long(name, count + 1)
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
            raise too_many_rows(source.name, limits)
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > limits.max_columns:
            raise too_many_columns(source.name, number, limits)
        if max(map(len, cells), default=0) > limits.max_cell_chars:
            column = next(n for n, cell in enumerate(cells, start=1)
                          if len(cell) > limits.max_cell_chars)
            raise cell_too_long(source.name, number, column, limits)
        cells_seen += len(cells) - cells.count("")
        if cells_seen > limits.max_cells:
            raise too_many_cells(source.name, limits)
        yield number, cells


def _xlsx_records(path: Path, sheet: str | None, limits: Limits) -> tuple[
        Source, Iterator[Record]]:
    check_zip(path)
    book = open_workbook(path)
    chosen = sheet if sheet is not None else (book.names[0] if book.names else "")
    if chosen not in book.names:
        raise Refused(_("{file} has no sheet called {sheet}. Its sheets: {sheets}")
                      .format(file=path.name, sheet=chosen, sheets=", ".join(book.names)))
    source = Source(name=path.name, kind="xlsx", sheet=chosen, sheets=book.names)
    return source, _bounded(source, xlsx_rows(path, book, chosen, limits), limits)
