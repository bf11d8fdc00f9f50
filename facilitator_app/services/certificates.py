"""Certificates of participation: who gets one, what it states, and its verification code.

The code is an HMAC, with the workshop's secret on this desk, of what the certificate states:
the person's name, the workshop, the sessions attended, held and planned, and the time
attended. Editing any of those on paper leaves a code that matches the original statement,
never the edited one. To verify, the desk recomputes every certificate its records allow (for
each person, one for each number of sessions held so far, since a certificate issued
mid-workshop counted fewer), says what the genuine certificate with that code states, and
whether the one in hand (name, sessions) says the same.

Sessions held are those with anyone's attendance recorded; the planned ones are all the
workshop's sessions. Time attended: a session's scheduled length for each session attended
in the room (unknown when a session has no times), and the minutes the platform reported
(at most the session's length) for each session followed online only.
"""

from __future__ import annotations

import base64
import hmac
import math
import re
from dataclasses import dataclass
from datetime import date
from hashlib import sha256
from pathlib import Path

from facilitator_app.errors import KnownError
from facilitator_app.export_models import CertificateData
from facilitator_app.i18n import N_, _
from facilitator_app.models import Session, Workshop
from facilitator_app.services.export_data import session_modes, session_presences
from facilitator_app.services.online_attendance import session_minutes
from facilitator_app.store import Store
from facilitator_app.text import fold

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # Base32: no 0, 1, 8 or 9 to mistake
CODE_LENGTH = 12
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d_."
_TYPED = str.maketrans({"0": "O", "1": "I", "8": "B", **{d: None for d in _DASHES}})
LOGO_FORMATS = ("PNG", "JPEG")
LOGO_MAX_BYTES = 2 * 1024 * 1024
SETTINGS = {"issuer": N_("issuer"), "partner": N_("partner"), "facilitator": N_("facilitator"),
            "issuer_logo": N_("issuer logo"), "partner_logo": N_("partner logo")}


@dataclass(frozen=True)
class Attendance:
    """What one person's certificate states when `held` sessions had been held."""

    attendee_id: str
    name: str
    attended: int
    held: int
    planned: int
    mode: str  # in_room | online | both
    minutes_in_room: int | None
    minutes_online: int


@dataclass(frozen=True)
class Verified:
    """A genuine code: what the certificate states, and what the one in hand got wrong."""

    workshop: Workshop
    attendance: Attendance
    mismatches: tuple[str, ...] = ()  # "name", "sessions"


def normalise_code(text: str) -> str | None:
    """The 12 code characters however they were typed (case, spaces, any dash, 0 for O,
    1 for I, 8 for B), or None when the text cannot be a code."""
    if not isinstance(text, str):
        return None
    letters = "".join(text.split()).upper().translate(_TYPED)
    if len(letters) != CODE_LENGTH or any(ch not in ALPHABET for ch in letters):
        return None
    return letters


def format_code(letters: str) -> str:
    return "-".join(letters[at:at + 4] for at in range(0, len(letters), 4))


def content_code(store: Store, workshop: Workshop, seen: Attendance) -> str:
    """The code of the certificate stating `seen` (XXXX-XXXX-XXXX)."""
    statement = "|".join(str(part) for part in (
        "certificate", 2, workshop.id, workshop.title, seen.attendee_id, seen.name,
        seen.attended, seen.held, seen.planned, seen.minutes_in_room, seen.minutes_online))
    digest = hmac.new(bytes.fromhex(store.workshops.secret(workshop.id)),
                      statement.encode(), sha256).digest()
    return format_code(base64.b32encode(digest[:8]).decode()[:CODE_LENGTH])


def held_sessions(store: Store, workshop: Workshop) -> tuple[list[Session], dict, dict]:
    """(sessions held so far in their order, presences, modes) for the workshop."""
    sessions = store.sessions.for_workshop(workshop.id)
    presences = session_presences(store, workshop.id, sessions)
    modes = session_modes(store, workshop.id, sessions, presences)
    return [s for s in sessions if presences[s.id]], presences, modes


def attendances(store: Store, workshop: Workshop, upto: int | None = None) -> list[Attendance]:
    """Everyone who attended at least half of the first `upto` sessions held (all of them by
    default), sorted by name."""
    planned = len(store.sessions.for_workshop(workshop.id))
    held, presences, modes = held_sessions(store, workshop)
    held = held[:upto] if upto is not None else held
    needed = max(1, math.ceil(len(held) / 2))
    found = []
    for person in sorted(store.attendees.for_workshop(workshop.id), key=lambda p: fold(p.name)):
        seen = [(s, modes[s.id][person.id]) for s in held if person.id in modes[s.id]]
        if len(seen) >= needed:
            found.append(_attendance(person.id, person.name, seen, presences, len(held),
                                     planned))
    return found


def _attendance(attendee_id: str, name: str, seen: list[tuple[Session, str]],
                presences: dict, held: int, planned: int) -> Attendance:
    kinds = {mode for _session, mode in seen}
    mode = "both" if "both" in kinds or kinds == {"in_room", "online"} else next(iter(kinds))
    in_room: float | None = 0.0
    online = 0.0
    for session, how in seen:
        length = session_minutes(session)
        if how == "online":
            reported = presences[session.id][attendee_id]["online_minutes"] or 0
            online += min(reported, length) if length else reported
        elif in_room is not None:
            in_room = None if length is None else in_room + length
    return Attendance(attendee_id, name, len(seen), held, max(planned, held), mode,
                      None if in_room is None else round(in_room), round(online))


def certificate_settings(store: Store, workshop_id: str) -> dict[str, str]:
    return store.workshops.certificate_settings(workshop_id)


def certificate_wording(settings: dict[str, str]) -> dict[str, str]:
    """The settings as certificates print them: a blank issuer is the organisation in the
    contact details, a blank facilitator the facilitator there (still blank: a line)."""
    from facilitator_app.document_settings import facilitator, organisation

    return {**settings, "issuer": settings["issuer"] or organisation().name,
            "facilitator": settings["facilitator"] or facilitator().name}


def set_certificate_settings(store: Store, workshop_id: str, **values: str) -> dict[str, str]:
    """Change some settings (logos are checked first; "" clears one); returns them all."""
    checked = {key: (check_logo(value, key) if key.endswith("_logo") and value.strip()
                     else value.strip()) for key, value in values.items()}
    with store.transaction():
        store.workshops.set_certificate_settings(workshop_id, **checked)
    return certificate_settings(store, workshop_id)


def check_logo(text: str, setting: str = "issuer_logo") -> str:
    """The absolute path of a usable PNG or JPEG logo, or a KnownError saying what is wrong."""
    from PIL import Image

    path = Path(text).expanduser()
    where = _(SETTINGS[setting])
    if not path.is_file():
        raise KnownError(_("The {setting} {file} was not found; choose the image again in the "
                           "certificate settings.").format(setting=where, file=path), path=path)
    if path.stat().st_size > LOGO_MAX_BYTES:
        raise KnownError(_("The {setting} {file} is larger than 2 MB; use a smaller PNG or "
                           "JPEG image.").format(setting=where, file=path.name), path=path)
    try:
        with Image.open(path) as image:
            kind = image.format
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise KnownError(_("The {setting} {file} is not a readable PNG or JPEG image.").format(
            setting=where, file=path.name), details=str(exc), path=path) from exc
    if kind not in LOGO_FORMATS:
        raise KnownError(_("The {setting} {file} is a {kind} image; certificate logos must be "
                           "PNG or JPEG.").format(setting=where, file=path.name, kind=kind),
                         path=path)
    return str(path.resolve())


def certificates(store: Store, workshop_id: str, today: date) -> list[CertificateData]:
    """The certificates due today: everyone who attended at least half of the sessions held
    (in the room, online or both), each saying how many were held of those planned."""
    workshop = store.workshops.get(workshop_id)
    settings = certificate_wording(certificate_settings(store, workshop.id))
    logos = {key: check_logo(settings[key], key) if settings[key] else ""
             for key in ("issuer_logo", "partner_logo")}
    dates = _dates(workshop)
    return [CertificateData(
        seen.name, workshop.title, dates, workshop.venue, seen.attended, seen.held, seen.mode,
        content_code(store, workshop, seen), today, sessions_planned=seen.planned,
        minutes_in_room=seen.minutes_in_room, minutes_online=seen.minutes_online,
        issuer=settings["issuer"], partner=settings["partner"],
        facilitator=settings["facilitator"], **logos)
        for seen in attendances(store, workshop)]


def _dates(workshop: Workshop) -> str:
    """The workshop's first and last day in words ("2 December 2026 – 3 December 2026")."""
    from exports.pdf.certificates import long_date

    days = []
    for text in dict.fromkeys(d for d in (workshop.starts_on, workshop.ends_on) if d):
        try:
            days.append(long_date(date.fromisoformat(text)))
        except ValueError:
            days.append(text)
    return " – ".join(days)


def certificate_code(store: Store, workshop_id: str, attendee_id: str) -> str:
    """The code of the certificate this person would be given today."""
    workshop = store.workshops.get(workshop_id)
    for seen in attendances(store, workshop):
        if seen.attendee_id == attendee_id:
            return content_code(store, workshop, seen)
    person = store.attendees.get(attendee_id)
    planned = len(store.sessions.for_workshop(workshop.id))
    return content_code(store, workshop, Attendance(attendee_id, person.name, 0, 0, planned,
                                                    "in_room", 0, 0))


def find_certificate(store: Store, code: str,
                     workshop_id: str | None = None) -> tuple[Workshop, Attendance] | None:
    """The workshop and statement of the genuine certificate with this code, or None (also
    for any text that cannot be a code)."""
    letters = normalise_code(code)
    if letters is None:
        return None
    wanted = format_code(letters)
    workshops = [store.workshops.get(workshop_id)] if workshop_id else store.workshops.list()
    for workshop in workshops:
        held = len(held_sessions(store, workshop)[0])
        for upto in range(held, 0, -1):
            for seen in attendances(store, workshop, upto):
                if hmac.compare_digest(content_code(store, workshop, seen), wanted):
                    return workshop, seen
    return None


def verify_certificate(store: Store, code: str, workshop_id: str | None = None, *,
                       name: str | None = None, sessions: str | None = None) -> Verified | None:
    """None when no certificate with this code was issued; else what it states, with the
    claims (`name`, `sessions` as "2/3" or "2 de 3": attended of held) that differ."""
    found = find_certificate(store, code, workshop_id)
    if found is None:
        return None
    workshop, seen = found
    wrong = []
    if name is not None and fold(name) != fold(seen.name):
        wrong.append("name")
    if sessions is not None and _sessions_claim(sessions) != (seen.attended, seen.held):
        wrong.append("sessions")
    return Verified(workshop, seen, tuple(wrong))


def _sessions_claim(text: str) -> tuple[int, int] | None:
    numbers = re.findall(r"\d+", text)
    return (int(numbers[0]), int(numbers[1])) if len(numbers) >= 2 else None


def export_certificates(store: Store, workshop_id: str, target: Path,
                        folder: Path | None = None) -> tuple[Path, int]:
    """All certificates in `target`, and one PDF per person in `folder` when given (named by
    code); returns the file and how many certificates it holds."""
    from exports.pdf.certificates import write_certificate_files, write_certificates

    found = certificates(store, workshop_id, store.clock().date())
    written = write_certificates(found, target, title=_("Certificates"))
    if folder is not None:
        write_certificate_files(found, folder)
    return written, len(found)
