"""Many people, registrations and consents written at once (a registration list import).

The rows are exactly those `AttendeeRepository.add`, `RegistrationRepository.add` and
`ConsentRepository.record` write one at a time (tests/test_store_batch.py holds them equal),
with one `executemany` per table and one timestamp for the whole import: 20,000 rows in a
fraction of the time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice

from facilitator_app.ids import uuid7
from facilitator_app.models import Attendee, AttendeeId, ConsentPurpose, WorkshopId
from facilitator_app.store.base import Repository
from facilitator_app.text import fold

_ATTENDEE_COLUMNS = ("id", "given_names", "family_names", "name_folded", "phone", "email",
                     "nationality", "gender", "business", "sector", "district", "offers",
                     "needs", "birth_year", "birth_year_source", "population_type",
                     "created_at", "updated_at")


CHUNK = 5_000  # rows per statement: memory stays flat however long the list


def batched(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size` (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _json_list(items: tuple[str, ...]) -> str:
    return json.dumps(list(items)) if items else "[]"


class RegistryBatch(Repository):
    """Bulk writes for an import; call inside `store.transaction()`."""

    table = "attendees"

    def add_people(self, people: Iterable[Attendee]) -> list[AttendeeId]:
        """Store new people (their `id` is ignored); their new ids, in order."""
        now = self.now()
        ids: list[AttendeeId] = []
        sql = (f"INSERT INTO attendees ({', '.join(_ATTENDEE_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_ATTENDEE_COLUMNS))})")
        for chunk in batched(people, CHUNK):
            rows = [(uuid7(), person.given_names.strip(), person.family_names.strip(),
                     fold(person.name), person.phone, person.email.strip().lower(),
                     person.nationality, person.gender, person.business, person.sector,
                     person.district, _json_list(person.offers), _json_list(person.needs),
                     person.birth_year, person.birth_year_source, person.population_type,
                     now, now) for person in chunk]
            self.db.conn.executemany(sql, rows)
            ids += [AttendeeId(row[0]) for row in rows]
        return ids

    def register(self, workshop_id: WorkshopId, attendee_ids: Iterable[AttendeeId],
                 source: str) -> None:
        """Register each person for the workshop; someone registered already keeps the
        first registration."""
        now = self.now()
        for chunk in batched(attendee_ids, CHUNK):
            self.db.conn.executemany(
                "INSERT INTO registrations (id, workshop_id, attendee_id, registered_at, "
                "source) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workshop_id, attendee_id) "
                "DO NOTHING", [(uuid7(), workshop_id, person, now, source) for person in chunk])

    def record_consents(self, answers: Iterable[tuple[AttendeeId, ConsentPurpose, bool]],
                        method: str) -> None:
        """One consent row per answer (consent is history: the latest answer counts)."""
        now = self.now()
        for chunk in batched(answers, CHUNK):
            self.db.conn.executemany(
                "INSERT INTO consents (id, attendee_id, purpose, granted, recorded_at, method) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(uuid7(), person, purpose.value, int(granted), now, method)
                 for person, purpose, granted in chunk])
