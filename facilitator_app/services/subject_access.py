"""Everything held about one person, in plain words in their language (their right of access
under Peru's Ley 29733): what is stored, in local time; who receives their contact details;
who is responsible for the data; their rights and how to exercise them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from facilitator_app import labels
from facilitator_app.clock import parse_iso
from facilitator_app.contact import display_phone
from facilitator_app.export_models import SubjectAccessData
from facilitator_app.i18n import current_language
from facilitator_app.models import Attendee, ConsentPurpose
from facilitator_app.networking_tags import TAGS
from facilitator_app.sensitivity import CONFIDENTIAL, label_words
from facilitator_app.services.export_log import KIND_WORDS, exports_of, record_export
from facilitator_app.services.subject_rights import controller_notes, rights_notes
from facilitator_app.store import Store
from facilitator_app.wording import Gettext, gettext_in

Lines = list[tuple[str, str]]


def subject_access_data(store: Store, attendee_id: str,
                        language: str | None = None) -> SubjectAccessData:
    """The person's data as sections of (label, value) lines and headed paragraphs, in
    `language` (no preferred language is stored for a person yet: the app's language)."""
    person = store.attendees.get(attendee_id)
    chosen = language or current_language()
    _ = gettext_in(chosen)
    sections = [(_("Personal details"), _details(person, _)),
                (_("Workshops"), _workshops(store, person.id, _)),
                (_("Consent answers"), _consents(store, person.id, _)),
                (_("Attendance"), _checkins(store, person.id, _)),
                (_("Introductions"), _introductions(store, person.id, _)),
                (_("Who receives your contact details"), _recipients(store, person.id, _)),
                (_("Files with your data that left this computer"),
                 _exports(store, person.id, _))]
    issuers = [store.workshops.certificate_settings(row[0])["issuer"] for row in
               store.db.execute("SELECT workshop_id FROM registrations WHERE attendee_id = ?",
                                [person.id]).fetchall()]
    notes = controller_notes(_, issuers) + rights_notes(_)
    return SubjectAccessData(chosen, person.name, stamp(store.clock(), _), sections, notes)


def local(text: str | None) -> str:
    """A stored UTC time as this computer's local wall-clock time."""
    return parse_iso(text).astimezone().strftime("%d/%m/%Y %H:%M") if text else ""


def stamp(moment: datetime, _: Gettext) -> str:
    """"02/12/2026 09:30 (local time, UTC−05:00)"."""
    here = moment.astimezone()
    offset = here.strftime("%z")
    zone = f"UTC{offset[0].replace('-', '−')}{offset[1:3]}:{offset[3:5]}" if offset else "UTC"
    return _("{when} (local time, {zone})").format(when=here.strftime("%d/%m/%Y %H:%M"),
                                                   zone=zone)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _details(person: Attendee, _: Gettext) -> Lines:
    def words(table: dict[str, str], code: str) -> str:
        return _capital(labels.label_in(table, code, _)) if code else ""

    details = [(_("Name"), person.name), (_("Phone / WhatsApp"), display_phone(person.phone)),
               (_("Email"), person.email),
               (_("Nationality"), words(labels.NATIONALITIES, person.nationality)),
               (_("Gender"), words(labels.GENDERS, person.gender)),
               (_("Business"), person.business),
               (_("Sector"), words(labels.SECTORS, person.sector)),
               (_("District"), person.district),
               (_("Offers"), ", ".join(labels.label_in(TAGS, v, _) for v in person.offers)),
               (_("Needs"), ", ".join(labels.label_in(TAGS, v, _) for v in person.needs)),
               *_reporting(person, _)]
    return [(key, value) for key, value in details if value]


def _reporting(person: Attendee, _: Gettext) -> Lines:
    """Birth year and population type, each with where it came from, and why they are
    asked; nothing when neither is known."""
    year = ""
    if person.birth_year is not None:
        source = labels.label_in(labels.BIRTH_YEAR_SOURCES, person.birth_year_source, _)
        year = f"{person.birth_year} ({source})" if person.birth_year_source else str(
            person.birth_year)
    population = population_words(person, _)
    lines = [(_("Birth year"), year), (_("Population type"), population)]
    if year or population:
        lines.append((_("Why we ask these two"), _(labels.REPORTING_PURPOSE)))
    return lines


def population_words(person: Attendee, _: Gettext) -> str:
    """The population type in words: as stated, or "(derived from nationality)"; "" when
    neither says."""
    from facilitator_app.categories import population_type_of

    code = population_type_of(person.population_type, person.nationality)
    if not code:
        return ""
    words = _capital(labels.label_in(labels.POPULATION_TYPES, code, _))
    return words if person.population_type else _("{type} (derived from nationality)").format(
        type=words)


def _how(method: str, _: Gettext) -> str:
    """How an answer was given: "answered an online form"; "" when not recorded."""
    kind = method.split(":", 1)[0]
    return labels.label_in(labels.CONSENT_METHODS, kind, _) if kind else ""


def _workshops(store: Store, attendee_id: str, _: Gettext) -> Lines:
    found = []
    for row in store.db.execute(
            "SELECT r.registered_at, r.source, w.title FROM registrations r JOIN workshops w "
            "ON w.id = r.workshop_id WHERE r.attendee_id = ? ORDER BY r.registered_at",
            [attendee_id]):
        source = row[1].split(":", 1)[0]
        how = labels.label_in(labels.REGISTRATION_SOURCES, source, _) \
            if source in labels.REGISTRATION_SOURCES else ""
        text = _("Registered on {when}").format(when=local(row[0]))
        found.append((row[2], f"{text} ({how})" if how else text))
    return found


def _consents(store: Store, attendee_id: str, _: Gettext) -> Lines:
    """One line per purpose: the answer that holds now, then any earlier answers."""
    answers: dict[str, list[dict]] = {}
    for row in store.consents.history(attendee_id):
        answers.setdefault(row["purpose"], []).append(row)
    found = []
    for purpose in ConsentPurpose:
        rows = answers.get(purpose.value, [])
        if not rows:
            continue
        now, *before = reversed(rows)
        text = _answer(now, _)
        if before:
            text += " " + _("Earlier: {answers}.").format(
                answers="; ".join(_answer(row, _) for row in before))
        found.append((labels.label_in(labels.CONSENT_PURPOSES, purpose.value, _), text))
    return found


def _answer(row: dict, _: Gettext) -> str:
    words = _("Yes") if row["granted"] else _("No")
    how = _how(row["method"], _)
    when = local(row["recorded_at"])
    return (_("{answer}, on {when} ({how})").format(answer=words, when=when, how=how) if how
            else _("{answer}, on {when}").format(answer=words, when=when))


def _checkins(store: Store, attendee_id: str, _: Gettext) -> Lines:
    found = []
    for at, kind, mode, minutes, method, session in store.db.execute(
            "SELECT e.at, e.kind, e.mode, e.online_minutes, e.method, COALESCE(s.title, ("
            " SELECT t.title FROM session_windows w JOIN sessions t ON t.id = w.session_id"
            " WHERE w.workshop_id = e.workshop_id AND e.at >= w.owns_from"
            " AND e.at < w.owns_until LIMIT 1), '') FROM checkin_events e"
            " LEFT JOIN sessions s ON s.id = e.session_id WHERE e.attendee_id = ?"
            " ORDER BY e.at", [attendee_id]):
        parts = [labels.label_in(labels.CHECKIN_KINDS, kind, _) + ", "
                 + labels.label_in(labels.ATTENDANCE_MODES, mode, _)]
        if minutes:
            parts.append(_("{minutes} minutes online").format(minutes=round(minutes)))
        parts += [session] if session else []
        parts.append(labels.label_in(labels.CHECKIN_METHODS, method, _))
        found.append((local(at), " · ".join(parts)))
    return found


def _others(store: Store, attendee_id: str) -> list[tuple[dict, str, bool]]:
    """Each introduction of the person with the other side's name, and whether that side
    is a partner organisation."""
    found = []
    for row in store.db.execute(
            "SELECT i.made_at, i.purpose, i.from_attendee_id, i.to_attendee_id, p.name,"
            " (SELECT f.status FROM introduction_followups f WHERE f.introduction_id = i.id"
            "  ORDER BY f.updated_at DESC LIMIT 1) FROM introductions i"
            " LEFT JOIN partners p ON p.id = i.to_partner_id"
            " WHERE i.from_attendee_id = ? OR i.to_attendee_id = ? ORDER BY i.made_at",
            [attendee_id, attendee_id]).fetchall():
        made, purpose, source, target, partner, status = row
        other_id = target if source == attendee_id else source
        other = store.attendees.by_id(other_id or "") if not partner else None
        name = partner or (other.name if other else "")
        found.append(({"made": made, "purpose": purpose, "status": status}, name,
                       bool(partner)))
    return found


def _introductions(store: Store, attendee_id: str, _: Gettext) -> Lines:
    found = []
    for row, name, partner in _others(store, attendee_id):
        who = name or _("a person whose data was erased")
        text = (_("Introduced to {name} (partner organisation)") if partner
                else _("Introduced to {name}")).format(name=who)
        if row["purpose"]:
            text += " · " + _("Why: {purpose}").format(purpose=row["purpose"])
        if row["status"]:
            text += " · " + _("Follow-up: {status}").format(
                status=labels.label_in(labels.FOLLOWUP_STATUSES, row["status"], _))
        found.append((local(row["made"]), text))
    return found


def _recipients(store: Store, attendee_id: str, _: Gettext) -> Lines:
    """Who sees the person's phone and email, as the consents allow today."""
    allowed = store.consents.current(attendee_id)
    found = []
    for _row, name, partner in _others(store, attendee_id):
        if not name:
            continue
        if partner:
            text = (_("Your name, phone and email are in this organisation's partner report.")
                    if allowed[ConsentPurpose.SHARE_PARTNERS] else
                    _("Only counts without your name: you did not agree to share your "
                      "contact with partners."))
        else:
            text = (_("Your phone and email are on this person's \"people you met\" card.")
                    if allowed[ConsentPurpose.SHARE_PARTICIPANTS] else
                    _("Only your name and business: you did not agree to share your contact "
                      "with participants."))
        found.append((name, text))
    if not found:
        found.append((_("Participants and partners"),
                      _("Nobody yet: you have not been introduced to anyone.")))
    found.append((_("Reports for partners and funders"),
                  _("Totals only (how many people came, by group). Your name appears only "
                    "where this list says so.")))
    return found


def _exports(store: Store, attendee_id: str, _: Gettext) -> Lines:
    """Each file that carried the person's data (the exports log), with its label; archives
    made before that log, from the list of archives made."""
    logged = exports_of(store, attendee_id)
    found = [(entry.made_at, _export_words(entry.kind, entry.label, _)) for entry in logged]
    names = {entry.file_name for entry in logged if entry.kind == "archive"}
    found += [(row[0], _export_words("archive", CONFIDENTIAL, _)) for row in store.db.execute(
        "SELECT created_at, path FROM archives_made WHERE attendee_ids LIKE ?",
        [f'%"{attendee_id}"%']) if Path(row[1]).name not in names]
    if not found:
        return [(_("None yet"), _("No file with your data has been exported from this "
                                  "computer."))]
    # by time only: entries of one second keep the log's own order (its ids)
    return [(local(when), text) for when, text in sorted(found, key=lambda item: item[0])]


def _export_words(kind: str, label: str, _: Gettext) -> str:
    """"Workshop report (Excel) · Confidential: personal data"; an archive holds the whole
    workshop."""
    what = _(KIND_WORDS.get(kind, kind))
    if kind == "archive":
        what = _("Archive of the whole workshop, kept by the organisation")
    return f"{what} · {label_words(label, _)}"


def write_subject_access_file(store: Store, attendee_id: str, target: Path,
                              language: str | None = None) -> Path:
    """Write the person's data to `target` (a PDF) and record that it left this computer."""
    from exports.pdf.subject_access import write_subject_access

    person = store.attendees.get(attendee_id)
    written = write_subject_access(subject_access_data(store, person.id, language), target)
    record_export(store, "subject-access", written, [person.id], attendee_id=person.id)
    return written
