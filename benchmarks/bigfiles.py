"""Large and hostile input files for the limit benchmarks, written into a temp folder at
benchmark time (never committed): a one-column list, a very wide list, a workbook of many
small rows, a long attendance report."""

from __future__ import annotations

import zipfile
from pathlib import Path

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+'
    'xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoja1" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>')


def one_column_csv(path: Path, megabytes: float) -> Path:
    """`Nombre` and then one short name a line, `megabytes` in all."""
    with path.open("wb") as handle:
        handle.write(b"Nombre\n")
        written, number = 7, 0
        while written < megabytes * MB:
            block = b"".join(b"Persona %07d\n" % n for n in range(number, number + 10_000))
            handle.write(block)
            written, number = written + len(block), number + 10_000
    return path


def wide_csv(path: Path, columns: int, rows: int) -> Path:
    """`rows` lines of `columns` one-digit cells."""
    line = ",".join(["1"] * columns).encode() + b"\n"
    with path.open("wb") as handle:
        for _row in range(rows):
            handle.write(line)
    return path


def many_rows_xlsx(path: Path, rows: int) -> Path:
    """A workbook of `rows` one-cell rows, each a different shared string, laid out as
    Excel writes it (with its <dimension>, so openpyxl need not scan it to open it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
                        f'<dimension ref="A1:A{rows}"/><sheetData>'.encode())
            for start in range(1, rows + 1, 10_000):
                sheet.write("".join(f'<row r="{n}"><c r="A{n}" t="s"><v>{n - 1}</v></c></row>'
                                    for n in range(start, min(start + 10_000, rows + 1)))
                            .encode())
            sheet.write(b"</sheetData></worksheet>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" '
                          f'count="{rows}">'.encode())  # no uniqueCount: every one is counted
            for start in range(0, rows, 10_000):
                strings.write("".join(f"<si><t>Persona {n}</t></si>"
                                      for n in range(start, min(start + 10_000, rows)))
                              .encode())
            strings.write(b"</sst>")
    return path


def zoom_report(path: Path, megabytes: float) -> Path:
    """A Zoom "unique users" report of `megabytes`: a name, an e-mail and minutes a line."""
    with path.open("wb") as handle:
        handle.write(b"Name (original name),Email,Total duration (minutes),Guest\n")
        written, number = 0, 0
        while written < megabytes * MB:
            block = b"".join(b"Persona %07d,persona%07d@example.org,%d,No\n" % (n, n, n % 120)
                             for n in range(number, number + 10_000))
            handle.write(block)
            written, number = written + len(block), number + 10_000
    return path
