"""The attendee registry: listing with status, search, walk-ins, edits, consent, merges."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from facilitator_app.contact import normalise_email, normalise_phone
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import Attendee, AttendeeId, ConsentPurpose, WorkshopId
from facilitator_app.store import Store
from facilitator_app.text import fold, name_key

EDITABLE_FIELDS = ("given_names", "family_names", "phone", "email", "nationality", "gender",
                   "business", "sector", "district", "offers", "needs")


@dataclass(frozen=True)
class AttendeeRow:
    """One line of the attendees table."""

    attendee: Attendee
    came_in_person: bool
    joined_online: bool
    consents: dict[str, bool]


def attendee_rows(store: Store, workshop_id: WorkshopId) -> list[AttendeeRow]:
    """Everyone registered for the workshop, with presence and consent, in three queries."""
    presence = store.checkins.presence(workshop_id)
    consents = store.consents.current_for_workshop(workshop_id)
    return [
        AttendeeRow(person, *presence.get(person.id, (False, False)),
                    consents.get(person.id, {}))
        for person in store.attendees.for_workshop(workshop_id)
    ]


def rows_for(store: Store, workshop_id: WorkshopId, ids: list[str],
             presence: dict[str, tuple[bool, bool]] | None = None) -> dict[str, AttendeeRow]:
    """Table lines for just these people (what a table shows on screen), by id."""
    people = store.attendees.by_ids(ids)
    consents = store.consents.current_for(ids)
    seen = presence if presence is not None else store.checkins.presence_of(workshop_id, ids)
    return {pid: AttendeeRow(person, *seen.get(pid, (False, False)), consents.get(pid, {}))
            for pid, person in people.items()}


@dataclass
class SearchIndex:
    """Everyone registered, in name order, with the folded text a search looks in, what a
    table line shows (phone, e-mail, sector) and whether they came (in person, online).
    Built from plain rows, no Attendee objects."""

    ids: list[str]
    names: list[str]
    businesses: list[str]
    haystacks: list[str]
    presence: dict[str, tuple[bool, bool]]
    contacts: list[tuple[str, str, str]] = field(default_factory=list)  # phone, email, sector

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def empty(cls) -> SearchIndex:
        return cls([], [], [], [], {})

    def find(self, words: list[str], candidates=None) -> list[int]:
        """Positions whose haystack matches every word (among `candidates`, if given)."""
        haystacks = self.haystacks
        if not words:
            return list(range(len(haystacks))) if candidates is None else list(candidates)
        pool = range(len(haystacks)) if candidates is None else candidates
        if len(words) == 1 and not words[0].isdigit():
            needle = " " + words[0]
            return [i for i in pool if needle in haystacks[i]]
        return [i for i in pool if matches(haystacks[i], words)]


def search_index(store: Store, workshop_id: WorkshopId) -> SearchIndex:
    """The index of one workshop's registry (a few hundred ms at 100,000 people)."""
    folded: dict[str, str] = {}  # businesses and e-mail domains repeat: fold each once

    def fold_once(text: str) -> str:
        found = folded.get(text)
        if found is None:
            found = folded[text] = fold(text)
        return found

    ids, names, businesses, haystacks, contacts = [], [], [], [], []
    for pid, given, family, name_folded, business, email, phone, sector in \
            store.attendees.search_rows(workshop_id):
        ids.append(pid)
        names.append(f"{given} {family}".strip())
        businesses.append(business)
        contacts.append((phone, email, sector))
        local, _at, domain = email.partition("@")
        text = " ".join(part for part in (name_folded, fold_once(business), fold(local),
                                          fold_once(domain)) if part)
        haystacks.append(f" {text} #{''.join(ch for ch in phone if ch.isdigit())}")
    return SearchIndex(ids, names, businesses, haystacks, store.checkins.presence(workshop_id),
                       contacts)


class IncrementalSearch:
    """Search as you type over an index: a query that only adds to the previous one looks
    only among the previous matches."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.query = ""
        self.found: list[int] | None = None

    def find(self, query: str) -> list[int]:
        text = " ".join(query_words(query))
        narrowing = self.found is not None and bool(self.query) and text.startswith(self.query)
        self.found = self.index.find(text.split(), self.found if narrowing else None) \
            if text else None
        self.query = text
        return self.found or []


def search_text(person: Attendee) -> str:
    """What search-as-you-type looks in: folded words of name, business, email; phone digits."""
    digits = "".join(ch for ch in person.phone if ch.isdigit())
    return " " + fold(f"{person.name} {person.business} {person.email}") + " #" + digits


def matches(haystack: str, query_words: list[str]) -> bool:
    """Every query word begins a word of the haystack (numbers match inside the phone)."""
    return all((" " + word in haystack) if not word.isdigit() else (word in haystack)
               for word in query_words)


def query_words(query: str) -> list[str]:
    return fold(query).split()


def clean_contact(person: Attendee) -> Attendee:
    """Normalised phone and email, or a KnownError that says which is wrong."""
    if not person.given_names.strip() and not person.family_names.strip():
        raise KnownError(_("A name is needed."))
    phone = normalise_phone(person.phone)
    if phone is None:
        raise KnownError(_("The phone number {phone} is not understood; write it with the "
                           "country code, e.g. +51 987 654 321.").format(phone=person.phone))
    email = normalise_email(person.email)
    if email is None:
        raise KnownError(_("{email} is not a valid email address.").format(email=person.email))
    return replace(person, phone=phone, email=email)


def possible_duplicates(store: Store, person: Attendee) -> list[tuple[Attendee, str]]:
    """Known people with the same phone, email or folded name (and why)."""
    found = []
    key = name_key(person.name)
    for other in store.attendees.all():
        if other.id == person.id:
            continue
        if person.phone and other.phone == person.phone:
            found.append((other, "phone"))
        elif person.email and other.email == person.email:
            found.append((other, "email"))
        elif key and name_key(other.name) == key:
            found.append((other, "name"))
    return found


def register_walk_in(store: Store, workshop_id: WorkshopId, person: Attendee,
                     consents: dict[ConsentPurpose, bool], method: str = "walk_in") -> Attendee:
    """Register someone who turned up unregistered, with their consent answers.

    Refused (KnownError) without consent to the processing of their data and how it was
    given: nothing may be stored about a person before that.
    """
    person = clean_contact(person)
    if not consents.get(ConsentPurpose.PROCESSING) or not method:
        raise KnownError(_("A walk-in can be registered only once they agree that we "
                           "process their data: tick it and say how they answered."))
    with store.transaction():
        stored = store.attendees.add(replace(person, id=AttendeeId("")))
        store.registrations.add(workshop_id, stored.id, source="walk_in")
        for purpose, granted in consents.items():
            store.consents.record(stored.id, purpose, granted, method)
    return stored


def update_attendee(store: Store, person: Attendee) -> Attendee:
    person = clean_contact(person)
    with store.transaction():
        return store.attendees.update(person)


def set_consents(store: Store, attendee_id: AttendeeId, answers: dict[ConsentPurpose, bool],
                 method: str) -> None:
    """Record only the answers that changed (consent is kept as history)."""
    current = store.consents.current(attendee_id)
    asked = {p for p in ConsentPurpose if any(
        row["purpose"] == p.value for row in store.consents.history(attendee_id))}
    with store.transaction():
        for purpose, granted in answers.items():
            if purpose not in asked or current[purpose] != granted:
                store.consents.record(attendee_id, purpose, granted, method)


def merge_attendees(store: Store, keep_id: AttendeeId, other_id: AttendeeId,
                    take_from_other: set[str]) -> Attendee:
    """Make two records one: `keep` survives, with the chosen fields taken from `other`.

    Registrations, consent history, check-ins and introductions move to `keep`; the audit
    log records which fields came from where (no personal data).
    """
    if keep_id == other_id:
        raise KnownError(_("A person cannot be merged with themselves."))
    unknown = take_from_other - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not merge fields: {sorted(unknown)}")
    with store.transaction():
        keep = store.attendees.get(keep_id)
        other = store.attendees.get(other_id)
        merged = replace(keep, **{name: getattr(other, name) for name in take_from_other},
                         **_reporting_kept(keep, other))
        store.attendees.update(merged)
        store.attendees.reassign(other.id, keep.id)
        store.attendees.delete(other.id)
        store.meta.audit("attendees_merged", "attendee", keep.id, removed=other.id,
                         fields_from_removed=sorted(take_from_other))
    return merged


def _reporting_kept(keep: Attendee, other: Attendee) -> dict:
    """The optional reporting answers (birth year, population type) only the removed record
    has: kept, never lost in a merge."""
    taken: dict = {}
    if keep.birth_year is None and other.birth_year is not None:
        taken.update(birth_year=other.birth_year, birth_year_source=other.birth_year_source)
    if not keep.population_type and other.population_type:
        taken["population_type"] = other.population_type
    return taken


def duplicate_pairs(store: Store, workshop_id: WorkshopId) -> list[tuple[Attendee, Attendee, str]]:
    """Pairs among the workshop's people who share a phone, an email or a folded name."""
    people = store.attendees.for_workshop(workshop_id)
    first_by_key: dict[tuple[str, str], Attendee] = {}
    pairs: list[tuple[Attendee, Attendee, str]] = []
    seen_pairs: set[tuple[str, str]] = set()
    for person in people:
        for by, value in (("phone", person.phone), ("email", person.email),
                          ("name", name_key(person.name))):
            if not value:
                continue
            first = first_by_key.setdefault((by, value), person)
            pair = (first.id, person.id)
            if first.id != person.id and pair not in seen_pairs:
                seen_pairs.add(pair)
                pairs.append((first, person, by))
    return pairs
