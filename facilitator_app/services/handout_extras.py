"""What a handout says beyond its modules: the language of its content, the next session
and the facilitator's contact (from the per-install contact details, else the name of the
workshop's certificate facilitator)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from facilitator_app.document_settings import facilitator
from facilitator_app.export_models import ContactCard, NextSession
from facilitator_app.i18n import LANGUAGES
from facilitator_app.models import Session, Workshop
from facilitator_app.store import Store


def content_language(deck_languages: Iterable[str], workshop: Workshop) -> str:
    """The language most of the handout's modules are written in (their decks' language);
    the workshop's language when the decks do not say."""
    known = [code for code in deck_languages if code in LANGUAGES]
    if known:
        return max(dict.fromkeys(known), key=known.count)
    return workshop.language if workshop.language in LANGUAGES else LANGUAGES[0]


def next_session(store: Store, session: Session, workshop: Workshop,
                 when: Callable[[Session], str]) -> NextSession | None:
    """The workshop's session after `session` (by start time, then position), or None."""
    sessions = sorted(store.sessions.for_workshop(workshop.id),
                      key=lambda s: (s.starts_at or "9999", s.position, s.id))
    ids = [s.id for s in sessions]
    if session.id not in ids or ids.index(session.id) == len(ids) - 1:
        return None
    upcoming = sessions[ids.index(session.id) + 1]
    return NextSession(upcoming.title, when(upcoming), workshop.venue)


def facilitator_card(store: Store, workshop_id: str) -> ContactCard | None:
    """The facilitator's contact from the contact details, else the name alone of the
    facilitator who signs the workshop's certificates; None when neither is set."""
    person = facilitator()
    if person:
        return ContactCard(person.name, "", "", person.phone, person.email)
    signs = store.workshops.certificate_settings(workshop_id)["facilitator"]
    return ContactCard(signs) if signs else None
