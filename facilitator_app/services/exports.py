"""One entry point for every export, used by the CLI and the Reports page alike: the file
is written (atomically), then recorded in the exports log (services.export_log) with the
people whose data it carries. `write_export` writes without recording, for the files an
archive holds (the archive itself is recorded).

Each writer is imported only when its export is asked for.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.services.export_log import record_export
from facilitator_app.store import Store

EXCEL = ("report", "partner-report")
BY_SESSION = ("handout", "signin-sheet")


def export(store: Store, kind: str, target: Path, *, workshop: str | None = None,
           session: str | None = None, partner: str | None = None,
           generated_by: str = "", one_per_person: Path | None = None) -> tuple[Path, int]:
    """Write one export and record it; returns the file and how many items (modules,
    people...) it holds. Certificates are also written one PDF per person into
    `one_per_person` when given (each recorded with its one person)."""
    if kind == "certificates":
        _check_target(target, kind)
        return _certificates(store, store.workshops.get(workshop).id, target, one_per_person)
    written, count = write_export(store, kind, target, workshop=workshop, session=session,
                                  partner=partner, generated_by=generated_by)
    session_id = store.sessions.get(session).id if kind in BY_SESSION else None
    workshop_id = (store.sessions.get(session).workshop_id if session_id
                   else store.workshops.get(workshop).id)
    people, named = _carried(store, kind, workshop_id, partner)
    record_export(store, kind, written, people, workshop_id=workshop_id,
                  session_id=session_id, names_people=named)
    return written, count


def write_export(store: Store, kind: str, target: Path, *, workshop: str | None = None,
                 session: str | None = None, partner: str | None = None,
                 generated_by: str = "") -> tuple[Path, int]:
    """Write one export without recording it (a file that goes into an archive)."""
    _check_target(target, kind)
    if kind in BY_SESSION:
        return _by_session(store, kind, target, store.sessions.get(session).id)
    workshop_id = store.workshops.get(workshop).id
    if kind in EXCEL:
        return _excel(store, kind, target, workshop_id, partner, generated_by)
    return _by_workshop(store, kind, target, workshop_id)


def _carried(store: Store, kind: str, workshop_id: str,
             partner: str | None) -> tuple[list[str], bool]:
    """Whose data an export of `kind` carries, and whether it names people beyond what its
    kind's label says (a partner report with the people who agreed to share)."""
    if kind in ("report", "signin-sheet"):
        return store.export_log.registered(workshop_id), False
    if kind == "cards":
        return store.export_log.introduced(workshop_id), False
    if kind == "partner-report" and partner:
        named = _shared_with(store, workshop_id, store.partners.get(partner).id)
        return named, bool(named)
    return [], False


def _shared_with(store: Store, workshop_id: str, partner_id: str) -> list[str]:
    """The people a partner report names: introduced to the partner and agreeing to share
    their contact with partners (as report_data does)."""
    from facilitator_app.models import ConsentPurpose

    found = [row["from_attendee_id"] for row in
             store.introductions.to_partner(workshop_id, partner_id)]
    return [person for person in found if person and store.attendees.by_id(person)
            and store.consents.current(person)[ConsentPurpose.SHARE_PARTNERS]]


def _certificates(store: Store, workshop_id: str, target: Path,
                  folder: Path | None) -> tuple[Path, int]:
    """All certificates in `target`, and one PDF per person in `folder` when given, each
    file recorded with the people it names."""
    from exports.pdf.certificates import write_certificate_files, write_certificates
    from facilitator_app.services.certificates import attendances, certificates

    found = certificates(store, workshop_id, store.clock().date())
    ids = [seen.attendee_id for seen in attendances(store, store.workshops.get(workshop_id))]
    written = write_certificates(found, target, title=_("Certificates"))
    record_export(store, "certificates", written, ids, workshop_id=workshop_id)
    if folder is not None:
        for one, person in zip(write_certificate_files(found, folder), ids, strict=True):
            record_export(store, "certificates", one, [person], workshop_id=workshop_id,
                          attendee_id=person)
    return written, len(found)


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
