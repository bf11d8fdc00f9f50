"""One entry point for every export, used by the CLI and the Reports page alike.

Each writer is imported only when its export is asked for.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.store import Store

EXCEL = ("report", "partner-report")


def export(store: Store, kind: str, target: Path, *, workshop: str | None = None,
           session: str | None = None, partner: str | None = None,
           generated_by: str = "", one_per_person: Path | None = None) -> tuple[Path, int]:
    """Write one export; returns the file and how many items (modules, people...) it holds.
    Certificates are also written one PDF per person into `one_per_person` when given."""
    _check_target(target, kind)
    if kind in ("handout", "signin-sheet"):
        return _by_session(store, kind, target, store.sessions.get(session).id)
    workshop_id = store.workshops.get(workshop).id
    if kind in EXCEL:
        return _excel(store, kind, target, workshop_id, partner, generated_by)
    if kind == "certificates":
        from facilitator_app.services.certificates import export_certificates

        return export_certificates(store, workshop_id, target, one_per_person)
    return _by_workshop(store, kind, target, workshop_id)


def _by_session(store: Store, kind: str, target: Path, session_id: str) -> tuple[Path, int]:
    from facilitator_app.services import export_data

    if kind == "handout":
        from exports.pdf.handout import write_handout

        data = export_data.handout_data(store, session_id)
        return write_handout(data, target), len(data.modules)
    from exports.pdf.signin import write_signin_sheet

    sheet = export_data.signin_data(store, session_id)
    return write_signin_sheet(sheet, target), len(sheet.names)


def _by_workshop(store: Store, kind: str, target: Path, workshop_id: str) -> tuple[Path, int]:
    from facilitator_app.services import export_data

    if kind == "cards":
        from exports.pdf.cards import write_met_cards

        cards = export_data.met_cards(store, workshop_id)
        return write_met_cards(cards, target), len(cards)
    raise ValueError(f"unknown export {kind}")


def _excel(store: Store, kind: str, target: Path, workshop_id: str, partner: str | None,
           generated_by: str) -> tuple[Path, int]:
    from facilitator_app.services import report_data

    if kind == "report":
        from exports.excel.workshop_report import write_workshop_report

        report = report_data.workshop_report_data(store, workshop_id, generated_by)
        return write_workshop_report(report, target), len(report.sessions)
    from exports.excel.partner_report import write_partner_report

    summary = report_data.partner_report_data(store, workshop_id, partner)
    return write_partner_report(summary, target), len(summary.people)


def _check_target(target: Path, kind: str) -> None:
    wanted = ".xlsx" if kind in EXCEL else ".pdf"
    if target.suffix.lower() != wanted:
        raise KnownError(_("{file}: this export is written as a {suffix} file.").format(
            file=target.name, suffix=wanted))
    if target.is_dir():
        raise KnownError(_("{file} is a folder.").format(file=target))
