"""Low-data follow-up, sent from the facilitator's own phone: the app makes no network call.

Per session, a WhatsApp-ready digest (at most 1,000 characters: what we saw, what to do
today, the links) with its `https://wa.me/?text=…` link, which the facilitator opens by
scanning its QR code. Per person who consented to share their contact with other
participants: the contacts of the people and partners they met (each only where that side
consented), as a `https://wa.me/<phone>?text=…` link. Both in the workshop's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from facilitator_app.clock import parse_iso
from facilitator_app.contact import display_phone
from facilitator_app.export_models import HandoutModule
from facilitator_app.models import Attendee, ConsentPurpose, WorkshopId
from facilitator_app.services.in_language import translations
from facilitator_app.services.networking import Met, people_met
from facilitator_app.store import Store
from facilitator_app.text import fold

DIGEST_LIMIT = 1000  # characters: one short message, cheap to receive
WA_ME = "https://wa.me/"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Digest:
    text: str
    url: str  # https://wa.me/?text=… (opens WhatsApp to pick the chat or group)
    delivered: bool  # False: the session has not run, so this is the plan
    modules: int


@dataclass(frozen=True)
class PersonMessage:
    attendee_id: str
    name: str
    phone: str  # as people read it; "" when the person has no usable phone
    text: str
    url: str  # https://wa.me/<phone>?text=…; "" without a phone (send it by hand)


def wa_link(text: str, phone: str = "") -> str:
    """A wa.me link with `text` URL-encoded; `phone` in international form (any +,
    spaces or dashes are dropped, as wa.me wants digits only)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"{WA_ME}{digits}?text={quote(text, safe='')}"


def session_digest(store: Store, session_id: str, limit: int = DIGEST_LIMIT) -> Digest:
    """The digest of what the session taught (or, before it ran, planned)."""
    from facilitator_app.services.export_data import handout_data

    session = store.sessions.get(session_id)
    workshop = store.workshops.get(session.workshop_id)
    data = handout_data(store, session_id)
    day = (f" · {parse_iso(session.starts_at).astimezone():%d/%m}"
           if session.starts_at else "")
    text = compose_digest(f"*{workshop.title}*", f"{session.title}{day}", data.modules,
                          workshop.language, limit)
    return Digest(text, wa_link(text), data.delivered, len(data.modules))


def compose_digest(heading: str, subheading: str, modules: tuple[HandoutModule, ...],
                   language: str, limit: int = DIGEST_LIMIT) -> str:
    """The digest's text within `limit` characters: key ideas go first, then links from
    the end, then the to-do lines are shortened; the heading always stays."""
    _ = translations(language).gettext
    ideas = [f"{n}. {m.title}" + (f": {m.key_points[0]}" if m.key_points else "")
             for n, m in enumerate(modules, start=1)]
    titles = [f"{n}. {m.title}" for n, m in enumerate(modules, start=1)]
    todo = [f"• {m.takeaway}" for m in modules if m.takeaway]
    links = list(dict.fromkeys(f"{r.title}: {r.url}" for m in modules for r in m.resources))
    tries = [(ideas, links), (titles, links)]
    tries += [(titles, links[:keep]) for keep in range(len(links) - 1, -1, -1)]
    tries.append(([], []))
    for seen, kept in tries:
        text = _digest_text(heading, subheading, seen, todo, kept, _)
        if len(text) <= limit:
            return text
    head = _digest_text(heading, subheading, [], [], [], _)
    return _clip(head + "\n\n*" + _("What to do today") + "*\n" + "\n".join(todo), limit)


def _digest_text(heading: str, subheading: str, seen: list[str], todo: list[str],
                 links: list[str], _) -> str:
    parts = [f"{heading}\n{subheading}"]
    if seen:
        parts.append("*" + _("What we saw") + "*\n" + "\n".join(seen))
    if todo:
        parts.append("*" + _("What to do today") + "*\n" + "\n".join(todo))
    if links:
        parts.append("*" + _("Links") + "*\n" + "\n".join(links))
    if not seen and not todo:
        parts.append(_("No module of this session has been delivered yet."))
    return "\n\n".join(parts)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + ELLIPSIS


def contact_messages(store: Store, workshop_id: WorkshopId) -> list[PersonMessage]:
    """A message for everyone who consented to share their contact with participants and
    met someone, sorted by name. People they met appear with contacts only where those
    people consented; partners with their organisation's contacts."""
    workshop = store.workshops.get(workshop_id)
    consents = store.consents.current_for_workshop(workshop.id)
    found = []
    people = sorted(store.attendees.for_workshop(workshop.id), key=lambda p: fold(p.name))
    for person in people:
        if not consents.get(person.id, {}).get(ConsentPurpose.SHARE_PARTICIPANTS.value):
            continue
        met = people_met(store, workshop.id, person.id)
        if met:
            found.append(_message(person, met, workshop.title, workshop.language))
    return found


def _message(person: Attendee, met: list[Met], workshop_title: str,
             language: str) -> PersonMessage:
    _ = translations(language).gettext
    lines = [_("Hello {name}!").format(name=person.given_names or person.name),
             _("These are the people and partners you met at {workshop}:").format(
                 workshop=workshop_title), ""]
    for other in met:
        kind = " (" + _("partner") + ")" if other.is_partner else ""
        about = f" — {other.business}" if other.business else ""
        lines.append(f"• *{other.name}*{kind}{about}")
        if other.purpose:
            lines.append("  " + _("Why: {purpose}").format(purpose=other.purpose))
        reach = [display_phone(other.phone) if other.phone.startswith("+") else other.phone,
                 other.email]
        reach = [r for r in reach if r]
        lines.append("  " + (" · ".join(reach) if reach else
                             _("(no contact shared: ask the facilitator to connect you)")))
    lines += ["", _("Write to them this week: a short hello is enough.")]
    text = "\n".join(lines)
    phone = person.phone if person.phone.startswith("+") else ""
    return PersonMessage(person.id, person.name, display_phone(phone) if phone else "", text,
                         wa_link(text, phone) if phone else "")
