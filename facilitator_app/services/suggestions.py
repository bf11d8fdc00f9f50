"""Suggest useful introductions from what people need and what others (or partners) offer.
Each suggestion says why; pairs already introduced are never suggested."""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator_app.i18n import _
from facilitator_app.labels import sector_label
from facilitator_app.models import Attendee, Partner, WorkshopId
from facilitator_app.networking_tags import TAGS, tags_in, tags_of
from facilitator_app.store import Store

NEED_MET = 3  # someone offers exactly what the person needs
SAME_SECTOR = 1  # a tie-breaker: peers who understand each other's trade
PARTNER_SHARE = 5  # at most this many of a list go to partners, and they always get them


@dataclass
class Suggestion:
    person: Attendee
    other: Attendee | None = None
    partner: Partner | None = None
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def other_name(self) -> str:
        return self.other.name if self.other else self.partner.name


def suggest(store: Store, workshop_id: WorkshopId, limit: int = 20) -> list[Suggestion]:
    people = store.attendees.for_workshop(workshop_id)
    partners = store.partners.list()
    done = store.introductions.pairs(workshop_id)
    needs = {p.id: tags_of(p.needs) for p in people}
    offered_by: dict[str, list[Attendee]] = {}
    for person in people:
        for tag in tags_of(person.offers):
            offered_by.setdefault(tag, []).append(person)
    partner_tags = {partner.id: tags_in(partner.offers) for partner in partners}
    found: dict[frozenset[str], Suggestion] = {}
    for person in people:
        for tag in sorted(needs[person.id]):
            for other in offered_by.get(tag, []):
                if other.id != person.id:
                    _add(found, done, person, tag, other=other)
            for partner in partners:
                if tag in partner_tags[partner.id]:
                    _add(found, done, person, tag, partner=partner)
    for suggestion in found.values():
        other = suggestion.other
        if other and other.sector and other.sector == suggestion.person.sector:
            suggestion.score += SAME_SECTOR
            suggestion.reasons.append(_("both work in {sector}").format(
                sector=sector_label(other.sector).lower()))
    ranked = sorted(found.values(), key=lambda s: (-s.score, s.person.name, s.other_name))
    with_partners = [s for s in ranked if s.partner][:PARTNER_SHARE]
    between_people = [s for s in ranked if not s.partner][:limit - len(with_partners)]
    return sorted(between_people + with_partners,  # partners are never crowded out
                  key=lambda s: (-s.score, s.person.name, s.other_name))


def _add(found: dict, done: set, person: Attendee, tag: str, *,
         other: Attendee | None = None, partner: Partner | None = None) -> None:
    key = frozenset((person.id, (other or partner).id))
    if key in done:
        return
    suggestion = found.get(key)
    if suggestion is None:
        suggestion = found[key] = Suggestion(person, other, partner)
    suggestion.score += NEED_MET
    suggestion.reasons.append(_("{person} needs {tag}; {other} offers it").format(
        person=person.name.split()[0], tag=_(TAGS[tag]),
        other=other.name.split()[0] if other else partner.name))
