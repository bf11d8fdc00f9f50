"""Stream the rows of one sheet of an XLSX workbook within limits, never holding the sheet.

openpyxl, even read-only, scans the whole of every sheet that lacks a `<dimension>` when the
workbook opens, and keeps every shared string: a large workbook cost minutes and gigabytes
before its first row. Here each XML part is fed to expat in small chunks instead:
- the zip is checked before anything is parsed (total size, ratio, members, compression
  methods, zip versions, encryption);
- no DTD is accepted (so no entity bombs), and a tag or comment that runs on for megabytes
  is refused, so expat's own buffer stays small;
- shared strings are counted and capped; rows, columns, cells and cell sizes are checked
  while the sheet is parsed, so a refusal comes after reading no more than the limit.
Values read as openpyxl reads them: whole numbers without `.0`, dates by their number
format, booleans as True/False, formulas as written (never evaluated).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO
from xml.parsers import expat

from facilitator_app.errors import RejectedFileError as Refused
from facilitator_app.i18n import _
from facilitator_app.importing.limits import (
    DamagedFileError,
    Limits,
    Record,
    cell_too_long,
    too_many_columns,
    too_many_rows,
)

XLSX_MAX_UNCOMPRESSED = 300 * 1024 * 1024
XLSX_MAX_RATIO = 200
XLSX_MAX_MEMBERS = 2000
MAX_SHARED_STRINGS = 1_000_000  # different texts in one workbook
MAX_SHARED_CHARS = 20_000_000
MAX_STYLES = 100_000  # Excel itself stops at 64,000 cell formats
MAX_LISTED = 10_000  # sheets, relationships
CHUNK = 64 * 1024
MAX_TOKEN = 4 * 1024 * 1024  # bytes fed without one parser event: a runaway tag or comment
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_ZIP_MAX_VERSION = 63  # what Python's zipfile extracts
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # OOXML's escape for control characters


def damaged(file: str, exc: BaseException | None = None) -> DamagedFileError:
    """The refusal for a workbook that cannot be read (exit 3: re-save it)."""
    return DamagedFileError(_(
        "{file} could not be opened as an Excel workbook: it is damaged or uses a feature "
        "this app cannot read. Open it in Excel or LibreOffice and save it again as .xlsx "
        "or .csv.").format(file=file), details=f"{type(exc).__name__}: {exc}" if exc else "")


def check_zip(path: Path) -> None:
    """Refuse zip bombs, damaged or unreadable zips, and zips that are not workbooks,
    before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError) as exc:
        raise DamagedFileError(_("{file} is not a valid Excel file (the zip container is "
                                 "damaged).").format(file=path.name),
                               details=f"{type(exc).__name__}: {exc}", path=path) from exc
    total = sum(member.file_size for member in members)
    worst = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if len(members) > XLSX_MAX_MEMBERS or total > XLSX_MAX_UNCOMPRESSED or (
        worst > XLSX_MAX_RATIO and total > 10 * 1024 * 1024
    ):
        raise Refused(_("{file} unpacks to far more data than a registration list holds "
                        "and was not opened (a possible zip bomb).").format(file=path.name),
                      path=path)
    _check_members(path, members)


def _check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    names = {member.filename for member in members}
    if WORKBOOK not in names:
        if "mimetype" in names and "content.xml" in names:
            raise DamagedFileError(_("{file} is an OpenDocument (LibreOffice) spreadsheet. "
                                     "Save it as .xlsx or .csv and try again.").format(
                                         file=path.name), path=path)
        raise Refused(_("{file} is a zip file but not an Excel workbook.").format(
            file=path.name), path=path)
    for member in members:
        if member.flag_bits & 0x1:
            raise DamagedFileError(_("{file} is protected with a password. Save a copy "
                                     "without the password and try again.").format(
                                         file=path.name), path=path)
        if member.compress_type not in _ZIP_METHODS or (
                member.extract_version > _ZIP_MAX_VERSION):
            raise DamagedFileError(_(
                "{file} was packed with a zip method this app cannot read ({part}). Open it "
                "in Excel or LibreOffice and save it again as .xlsx or .csv.").format(
                    file=path.name, part=member.filename),
                details=f"compress_type={member.compress_type} "
                        f"version={member.extract_version}", path=path)


@dataclass(frozen=True)
class Workbook:
    """What `xl/workbook.xml` and its relationships say: sheets, parts, calendar."""

    sheets: tuple[tuple[str, str], ...]  # (name, part path)
    shared_strings: str = ""
    styles: str = ""
    date1904: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _part in self.sheets)


def open_workbook(path: Path) -> Workbook:
    """The workbook's sheets in order and its parts, without opening any sheet."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = _BookPart(path.name)
            book.parse(archive, WORKBOOK)
            rels = _RelsPart(path.name)
            if WORKBOOK_RELS in archive.NameToInfo:
                rels.parse(archive, WORKBOOK_RELS)
    except Refused:
        raise
    except Exception as exc:  # a damaged zip member, bad XML
        raise damaged(path.name, exc) from exc
    return Workbook(
        sheets=tuple((name, rels.target(rid, f"worksheets/sheet{n}.xml"))
                     for n, (name, rid) in enumerate(book.sheets, start=1)),
        shared_strings=rels.of_type("sharedStrings"), styles=rels.of_type("styles"),
        date1904=book.date1904)


def sheet_names(path: Path) -> tuple[str, ...]:
    """The workbook's sheets in order, read from `xl/workbook.xml` without opening them."""
    return open_workbook(path).names


def xlsx_rows(path: Path, book: Workbook, sheet: str, limits: Limits) -> Iterator[Record]:
    """The rows of `sheet`, as (spreadsheet row number, cells) and within `limits`."""
    part = dict(book.sheets)[sheet]
    try:
        with zipfile.ZipFile(path) as archive:
            shared = _SharedStrings(path.name, limits)
            if book.shared_strings in archive.NameToInfo:
                shared.parse(archive, book.shared_strings)
            styles = _Styles(path.name)
            if book.styles in archive.NameToInfo:
                styles.parse(archive, book.styles)
            rows = _SheetRows(path.name, limits, shared.strings, styles, book.date1904)
            with archive.open(part) as handle:
                for _ in rows.feed(handle):
                    while rows.done:
                        yield rows.done.popleft()
    except Refused:
        raise
    except Exception as exc:  # zlib, CRC, expat, a bad number or string index
        raise damaged(path.name, exc) from exc


def cell_text(value: object) -> str:
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


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _refuse_dtd(*_args: object) -> None:
    raise ValueError("a DTD or entity declaration in a workbook part")


class _Part:
    """One XML part fed to expat in chunks. Subclasses handle elements by local name
    (`self.local(name)`: the name without its namespace, whatever the prefix)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.names: dict[str, str] = {}
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        self.parser = parser

    def local(self, name: str) -> str:
        known = self.names.get(name)
        if known is None:
            known = self.names[name] = name.rpartition(" ")[2]
        return known

    def start(self, name: str, attrs: dict[str, str]) -> None: ...

    def end(self, name: str) -> None: ...

    def chars(self, data: str) -> None: ...

    def parse(self, archive: zipfile.ZipFile, name: str) -> None:
        with archive.open(name) as handle:
            for _ in self.feed(handle):
                pass

    def feed(self, handle: IO[bytes]) -> Iterator[None]:
        """Parse chunk by chunk, pausing after each so the caller can hand rows on.

        expat keeps an unfinished tag, comment or attribute whole in its buffer: more
        than MAX_TOKEN bytes past the last event is refused rather than buffered."""
        fed = 0
        while chunk := handle.read(CHUNK):
            self.parser.Parse(chunk, False)
            fed += len(chunk)
            if fed - self.parser.CurrentByteIndex > MAX_TOKEN:
                raise ValueError(f"no XML event in the {MAX_TOKEN} bytes after "
                                 f"byte {self.parser.CurrentByteIndex}")
            yield
        self.parser.Parse(b"", True)
        yield


def _attribute(attrs: dict[str, str], local: str) -> str:
    """An attribute by its local name, whatever its namespace prefix."""
    return next((value for key, value in attrs.items()
                 if key.rpartition(" ")[2] == local), "")


class _BookPart(_Part):
    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.sheets: list[tuple[str, str]] = []
        self.date1904 = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = self.local(name)
        if local == "sheet":
            if len(self.sheets) >= MAX_LISTED:
                raise ValueError("too many sheets")
            self.sheets.append((attrs.get("name", ""), _attribute(attrs, "id")))
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class _RelsPart(_Part):
    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.rels: dict[str, tuple[str, str]] = {}  # id -> (type, target)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            if len(self.rels) >= MAX_LISTED:
                raise ValueError("too many relationships")
            self.rels[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))

    def target(self, rid: str, default: str) -> str:
        return _part_path(self.rels.get(rid, ("", default))[1])

    def of_type(self, kind: str) -> str:
        return next((_part_path(target) for type_, target in self.rels.values()
                     if type_.rsplit("/", 1)[-1] == kind), f"xl/{kind}.xml")


def _part_path(target: str) -> str:
    """A relationship target as a zip member name (relative to `xl/`, or absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


class _SharedStrings(_Part):
    """`xl/sharedStrings.xml`: every text the sheets refer to by number, capped."""

    def __init__(self, file: str, limits: Limits) -> None:
        super().__init__(file)
        self.strings: list[str] = []
        self.most = min(MAX_SHARED_STRINGS, limits.max_cells)
        self.chars_left = MAX_SHARED_CHARS
        self.parts: list[str] | None = None
        self.collect = False
        self.phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = self.local(name)
        if local == "si":
            self.parts = []
        elif local == "t":
            self.collect = self.parts is not None and not self.phonetic
        elif local == "rPh":
            self.phonetic += 1
        elif local == "sst" and int(attrs.get("uniqueCount") or 0) > self.most:
            raise self.too_many()

    def end(self, name: str) -> None:
        local = self.local(name)
        if local == "si" and self.parts is not None:
            self.strings.append(_unescape("".join(self.parts)))
            self.parts = None
            if len(self.strings) > self.most:
                raise self.too_many()
        elif local == "t":
            self.collect = False
        elif local == "rPh":
            self.phonetic -= 1

    def chars(self, data: str) -> None:
        if self.collect and self.parts is not None:
            self.parts.append(data)
            self.chars_left -= len(data)
            if self.chars_left < 0:
                raise self.too_many()

    def too_many(self) -> Refused:
        return Refused(_("{file} holds more than {limit} different texts, more than a list "
                         "this app reads.").format(file=self.file, limit=f"{self.most:,}"))


class _Styles(_Part):
    """`xl/styles.xml`: which cell formats show a number as a date or a duration."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.custom: dict[int, str] = {}
        self.formats: list[int] = []
        self.in_cell_formats = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = self.local(name)
        if local == "numFmt":
            self.custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            self.in_cell_formats = True
        elif local == "xf" and self.in_cell_formats:
            self.formats.append(int(attrs.get("numFmtId") or 0))
        if len(self.formats) > MAX_STYLES or len(self.custom) > MAX_STYLES:
            raise ValueError("too many cell formats")

    def end(self, name: str) -> None:
        if self.local(name) == "cellXfs":
            self.in_cell_formats = False

    def kinds(self) -> tuple[set[int], set[int]]:
        """(styles that are dates or times, styles that are durations), as openpyxl has it."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        dates: set[int] = set()
        durations: set[int] = set()
        for index, number_format in enumerate(self.formats):
            code = self.custom.get(number_format) or BUILTIN_FORMATS.get(number_format)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations


class _SheetRows(_Part):
    """A worksheet part: each finished row goes to `done`, checked against the limits."""

    def __init__(self, file: str, limits: Limits, shared: list[str], styles: _Styles,
                 date1904: bool) -> None:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

        super().__init__(file)
        self.limits, self.shared = limits, shared
        self.dates, self.durations = styles.kinds()
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.done: deque[Record] = deque()
        self.row = self.column = self.length = 0
        self.cells: dict[int, str] = {}
        self.kind, self.style = "n", 0
        self.value: list[str] = []
        self.formula: list[str] = []
        self.inline: list[str] | None = None
        self.target: list[str] | None = None
        self.phonetic = 0
        self.elements_left = 4 * limits.max_cells + 4 * limits.max_rows + 100_000

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements_left -= 1
        local = self.names.get(name) or self.local(name)
        if local == "c":
            ref = attrs.get("r")
            self.column = _column(ref) if ref else self.column + 1
            self.kind, self.style = attrs.get("t", "n"), int(attrs.get("s") or 0)
            self.value, self.formula, self.inline, self.length = [], [], None, 0
        elif local == "v":
            self.target = self.value
        elif local == "f":
            self.target = self.formula
        elif local == "is":
            self.inline = []
        elif local == "t" and self.inline is not None and not self.phonetic:
            self.target = self.inline
        elif local == "rPh":
            self.phonetic += 1
        elif local == "row":
            self.start_row(int(attrs["r"]) if attrs.get("r") else self.row + 1)
        if self.elements_left < 0:
            raise Refused(_("{file} holds far more cells than a list this app reads.")
                          .format(file=self.file))

    def start_row(self, number: int) -> None:
        if number > self.limits.max_rows + 1:
            raise too_many_rows(self.file, self.limits)
        for gap in range(self.row + 1, number):  # rows the sheet leaves out are empty
            self.done.append((gap, []))
        self.row, self.column, self.cells = max(number, self.row), 0, {}

    def end(self, name: str) -> None:
        local = self.names.get(name) or self.local(name)
        if local in ("v", "f", "t"):
            self.target = None
        elif local == "c":
            self.end_cell()
        elif local == "row":
            width = max(self.cells, default=0)
            self.done.append((self.row, [self.cells.get(n, "") for n in range(1, width + 1)]))
        elif local == "rPh":
            self.phonetic -= 1

    def chars(self, data: str) -> None:
        if self.target is not None:
            self.target.append(data)
            self.length += len(data)
            if self.length > self.limits.max_cell_chars + 2:  # + "=" of a formula
                raise cell_too_long(self.file, self.row, self.column, self.limits)

    def end_cell(self) -> None:
        text = self.text()
        if not text:
            return
        if self.column > self.limits.max_columns:
            raise too_many_columns(self.file, self.row, self.limits)
        if len(text) > self.limits.max_cell_chars:
            raise cell_too_long(self.file, self.row, self.column, self.limits)
        self.cells[self.column] = text

    def text(self) -> str:
        formula = "".join(self.formula)
        if formula:
            return "=" + formula
        if self.kind == "inlineStr":
            return _unescape("".join(self.inline or ()))
        value = "".join(self.value)
        if not value:
            return ""
        if self.kind == "n":
            return self.number(value)
        if self.kind == "s":
            return self.shared[int(value)]
        if self.kind == "b":
            return str(bool(int(value)))
        if self.kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return cell_text(from_ISO8601(value))
        return value  # "str" (a formula's text result), "e" (an error such as #N/A)

    def number(self, value: str) -> str:
        number = float(value) if "." in value or "e" in value or "E" in value else int(value)
        if self.style not in self.dates:
            return cell_text(number)
        from openpyxl.utils.datetime import from_excel

        try:
            return cell_text(from_excel(number, self.epoch,
                                        timedelta=self.style in self.durations))
        except (OverflowError, ValueError):
            return "#VALUE!"  # a date out of range, as openpyxl shows it


_COLUMNS: dict[str, int] = {}


def _column(ref: str) -> int:
    """1 for `A7`, 28 for `AB7`; a reference beyond `XFD` is damage."""
    letters = ref.rstrip("0123456789")
    known = _COLUMNS.get(letters)
    if known:
        return known
    number = 0
    for letter in letters.upper():
        if not "A" <= letter <= "Z":
            raise ValueError(f"bad cell reference {ref!r}")
        number = number * 26 + ord(letter) - 64
    if not 0 < number <= 16384:
        raise ValueError(f"bad cell reference {ref!r}")
    if len(_COLUMNS) < 20_000:
        _COLUMNS[letters] = number
    return number
