"""Who is who online: email first, then remembered aliases, then the name, with doubtful
cases sent to a person for review. A wrong match credits the wrong person, so nothing
uncertain is matched silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from facilitator_app.models import Attendee
from facilitator_app.online.model import DOUBT_IDENTITY, DOUBT_NAME, Participant
from facilitator_app.text import fold

MATCHED, REVIEW, UNMATCHED, IGNORED = "matched", "review", "unmatched", "ignored"
MAX_SUGGESTIONS = 5
FUZZY_SCORE = 85

# "Celular de Juan", "iPhone de María", "Juan's iPhone", "Galaxy A12 de Ana", "015_Loki"
_DEVICE_BEFORE = re.compile(
    r"^(celular|telefono|iphone|ipad|galaxy|samsung|android|movil|tablet|huawei|xiaomi|"
    r"redmi|motorola|moto|laptop|pc|computadora)( [a-z0-9]+)? de ")
_DEVICE_AFTER = re.compile(r" s (iphone|ipad|galaxy|phone|android|laptop)( [a-z0-9]+)?$")
_NUMBERING = re.compile(r"^\d+ ")
_NOISE_WORDS = {"invitado", "invitada", "guest", "ext", "externo", "externa"}


def alias_key(name: str) -> str:
    """How a name is remembered: folded, as the platform showed it."""
    return fold(name)


def clean_name(name: str) -> str:
    """The person's words in a display name, without device, numbering or guest tags."""
    folded = fold(name)
    folded = _NUMBERING.sub("", folded)
    folded = _DEVICE_BEFORE.sub("", folded)
    folded = _DEVICE_AFTER.sub("", folded)
    return " ".join(word for word in folded.split() if word not in _NOISE_WORDS)


@dataclass
class Match:
    status: str
    attendee_id: str | None = None
    by: str = ""  # email | alias | name
    suggestions: list[str] = field(default_factory=list)


class Matcher:
    """Matches report participants to a workshop's registrants."""

    def __init__(self, people: list[Attendee], aliases: dict[str, str | None]) -> None:
        self.people = {person.id: person for person in people}
        self.aliases = aliases
        self.by_email = {person.email: person.id for person in people if person.email}
        self.words = {person.id: set(fold(person.name).split()) for person in people}
        self.by_key: dict[str, list[str]] = {}
        for person in people:
            self.by_key.setdefault(" ".join(sorted(self.words[person.id])), []).append(
                person.id)

    def match(self, participant: Participant) -> Match:
        """The registrant this participant is, or why a person must decide.

        A participant in doubt is never matched silently: one whose identity is uncertain
        (identical rows, another name on the host's account) always goes to review, with
        the match found as a suggestion; one who shares a shown name with another person
        is matched by e-mail only, never by that name or a name remembered for it."""
        found = self._match(participant)
        if found.status == MATCHED and (
                participant.doubt == DOUBT_IDENTITY
                or (participant.doubt == DOUBT_NAME and found.by != "email")):
            return Match(REVIEW, by=found.by, suggestions=[found.attendee_id])
        return found

    def _match(self, participant: Participant) -> Match:
        if participant.email and participant.email in self.by_email:
            return Match(MATCHED, self.by_email[participant.email], "email")
        for shown in (participant.name, participant.original_name):
            key = alias_key(shown)
            if key and key in self.aliases:
                remembered = self.aliases[key]
                if remembered is None:
                    return Match(IGNORED, by="alias")
                if remembered in self.people:
                    return Match(MATCHED, remembered, "alias")
        return self._by_name(participant)

    def _by_name(self, participant: Participant) -> Match:
        names = [clean_name(n) for n in (participant.original_name, participant.name) if n]
        for words in (set(name.split()) for name in names if name):
            exact = self.by_key.get(" ".join(sorted(words)), [])
            if len(exact) == 1 and len(words) >= 2:
                return Match(MATCHED, exact[0], "name")
            candidates = exact or [pid for pid, known in self.words.items() if words <= known]
            if candidates:
                return Match(REVIEW, by="name", suggestions=candidates[:MAX_SUGGESTIONS])
        fuzzy = self._fuzzy(names)
        return Match(REVIEW, by="name", suggestions=fuzzy) if fuzzy else Match(UNMATCHED)

    def _fuzzy(self, names: list[str]) -> list[str]:
        from rapidfuzz import fuzz, process

        choices = {pid: " ".join(sorted(words)) for pid, words in self.words.items()}
        found: list[str] = []
        for name in names:
            if not name:
                continue
            query = " ".join(sorted(name.split()))
            for _choice, score, pid in process.extract(query, choices, scorer=fuzz.ratio,
                                                       limit=MAX_SUGGESTIONS):
                if score >= FUZZY_SCORE and pid not in found:
                    found.append(pid)
        return found
