"""How every report sheet prints: A4 landscape, fitted to the page width, the header rows
repeated on each page, the workshop in the page header and "page x of y" in the footer."""

from __future__ import annotations

from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from facilitator_app.i18n import _

ROWS_PER_PAGE = 30  # landscape A4 at 100%, with the page header and footer
PAGE_WIDTH = 140  # characters of the default font across landscape A4 at 100%


def header_text(text: str) -> str:
    """Text for a page header or footer: `&` starts a code there, so it is doubled."""
    return text.replace("&", "&&")[:120]


def set_up_printing(sheet: Worksheet, title: str, note: str = "",
                    title_rows: str | None = "1:1") -> None:
    """Landscape, fit to one page wide (as many pages tall as needed), headers repeated."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddHeader.center.text = header_text(title)
    sheet.oddHeader.center.size = 9
    sheet.oddFooter.left.text = header_text(note)
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.right.text = _("Page &P of &N")
    sheet.oddFooter.right.size = 8


def rows_per_page(sheet_width: float) -> int:
    """Rows on one printed page once a sheet `sheet_width` characters wide is fitted to
    the page width (a wider sheet is printed smaller, so more rows fit)."""
    return int(ROWS_PER_PAGE * max(1.0, sheet_width / PAGE_WIDTH))


def keep_chart_whole(sheet: Worksheet, rows_before: int, chart_rows: int,
                     sheet_width: float) -> bool:
    """Start a new page before a chart that would not fit under what precedes it;
    returns whether a page break was added."""
    page = rows_per_page(sheet_width)
    used = rows_before % page
    if rows_before and used + chart_rows > page:
        sheet.row_breaks.append(Break(id=rows_before))
        return True
    return False
