"""The partner report: aggregate counts with small numbers hidden, and names and contacts
only of the people who agreed to share them with partners (and met this partner)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from exports.atomic import write_atomically
from exports.excel.sheets import TITLE_FONT, cell, header_row, write_table
from exports.excel.suppression import COMPLEMENT, SMALL, suppress, suppress_total
from facilitator_app.export_models import PartnerReportData
from facilitator_app.i18n import _


def write_partner_report(data: PartnerReportData, target: Path) -> Path:
    def write(path: Path) -> None:
        book = Workbook(write_only=True)
        _counts(book, data)
        if data.partner_name:
            _people(book, data)
        book.save(path)

    return write_atomically(target, write)


def _counts(book: Workbook, data: PartnerReportData) -> None:
    sheet = book.create_sheet(_("Participation"))
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 14
    title = cell(sheet, data.workshop_title)
    title.font = TITLE_FONT
    sheet.append([title])
    if data.partner_name:
        sheet.append([cell(sheet, _("For {partner}").format(partner=data.partner_name))])
    sheet.append([cell(sheet, _("Registered")), cell(sheet, suppress_total(data.registered))])
    sheet.append([cell(sheet, _("{small}: fewer than five people. {x}: hidden so that a small "
                                "number cannot be worked out from the total.").format(
                                    small=SMALL, x=COMPLEMENT))])
    for table in data.tables:
        sheet.append([])
        sheet.append(header_row(sheet, [table.title, _("People")]))
        for label, count in suppress(table.counts).items():
            sheet.append([cell(sheet, label), cell(sheet, count)])


def _people(book: Workbook, data: PartnerReportData) -> None:
    sheet = book.create_sheet(_("Contacts"))
    rows = ((p.name, p.detail, p.phone, p.email) for p in data.people)
    count = write_table(sheet, "Contacts", [_("Name"), _("Business"), _("Phone"), _("Email")],
                        rows, [34, 34, 18, 32])
    if not count:
        sheet.append([cell(sheet, _("Nobody who met this partner has agreed to share their "
                                    "contact with partners."))])
