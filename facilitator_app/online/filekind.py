"""Files that are no table at all are refused before reading, saying what they are and
what an attendance report can be."""

from __future__ import annotations

import zipfile
from pathlib import Path

from facilitator_app.errors import RejectedFileError
from facilitator_app.files import readable_file
from facilitator_app.i18n import N_, _

_SIGNATURES = (
    (b"%PDF", N_("a PDF document")),
    (b"\xd0\xcf\x11\xe0", N_("an Excel 97-2003 (.xls) or other Office 97-2003 file")),
    (b"\x89PNG", N_("an image")), (b"\xff\xd8\xff", N_("an image")),
    (b"GIF8", N_("an image")),
    (b"{\\rtf", N_("a rich-text document")),
)
_ZIPPED = (("word/", N_("a Word document")), ("ppt/", N_("a PowerPoint presentation")),
           ("content.xml", N_("an OpenDocument file")))


def accepted() -> str:
    return _("An attendance report is the CSV or tab-separated text (.csv, .txt, .tsv) "
             "that Zoom, Teams or Google Meet download, or an Excel workbook (.xlsx), such "
             "as a Google Meet attendance sheet downloaded from Google Sheets.")


def check_kind(path: Path) -> None:
    """Refuse PDFs, images, old .xls and other zips, naming what the file is."""
    with readable_file(path).open("rb") as handle:
        head = handle.read(4096)
    kind = next((_(words) for signature, words in _SIGNATURES if head.startswith(signature)),
                None)
    if kind is None and head.startswith(b"PK\x03\x04"):
        kind = _zipped(path)
    elif kind is None and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        kind = _("binary data, not text")
    if kind:
        raise RejectedFileError(_("{file} is {kind}, not an attendance report.").format(
            file=path.name, kind=kind) + " " + accepted(), path=path)


def _zipped(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return None  # records.read_records says it is damaged
    if "xl/workbook.xml" in names:
        return None
    return next((_(words) for prefix, words in _ZIPPED
                 if any(name.startswith(prefix) for name in names)), _("a zip archive"))
