"""The programme's two documents, written and recorded in this desk's exports log: the
same for the CLI and the app's Programme page."""

from __future__ import annotations

from pathlib import Path

from facilitator_app.programme.hub import Programme
from facilitator_app.programme_models import FiveWData, ProgrammeReportData
from facilitator_app.store import Store


def write_report(programme: Programme, store: Store, target: Path, language: str, *,
                 first: str = "", last: str = "") -> ProgrammeReportData:
    """The programme report to `target`, recorded in this desk's exports log."""
    from exports.excel.programme_report import write_programme_report
    from facilitator_app.programme.five_w import check_month
    from facilitator_app.programme.report import programme_report_data
    from facilitator_app.services.export_log import record_export
    from facilitator_app.services.report_data import desk_label

    first, last = (check_month(m) if m else "" for m in (first, last))
    data = programme_report_data(programme, language, first=first, last=last,
                                 generated_by=desk_label(store))
    write_programme_report(data, target)
    record_export(store, "programme-report", target, [])
    return data


def write_five_w_report(programme: Programme, store: Store, month: str, template: Path,
                        target: Path) -> FiveWData:
    """The 5W of `month` from `template` to `target`, recorded in the exports log."""
    from exports.excel.five_w import write_five_w
    from facilitator_app.errors import KnownError
    from facilitator_app.i18n import _
    from facilitator_app.programme.five_w import five_w_data
    from facilitator_app.services.export_log import record_export

    if not template.is_file():
        raise KnownError(_("The template {file} does not exist.").format(file=template))
    data = five_w_data(programme, month)
    write_five_w(data, template, target)
    record_export(store, "five-w", target, [])
    return data
