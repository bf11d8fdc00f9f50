"""Attendees, their registrations for workshops, and consent per purpose."""

from __future__ import annotations

import json

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.models import Attendee, AttendeeId, ConsentPurpose, WorkshopId
from facilitator_app.store.base import Repository
from facilitator_app.text import fold


def _attendee(row: dict) -> Attendee:
    return Attendee(
        id=AttendeeId(row["id"]),
        given_names=row["given_names"],
        family_names=row["family_names"],
        phone=row["phone"],
        email=row["email"],
        nationality=row["nationality"],
        gender=row["gender"],
        business=row["business"],
        sector=row["sector"],
        district=row["district"],
        offers=tuple(json.loads(row["offers"])),
        needs=tuple(json.loads(row["needs"])),
        birth_year=row["birth_year"],
        birth_year_source=row["birth_year_source"],
        population_type=row["population_type"],
    )


class AttendeeRepository(Repository):
    table = "attendees"
    label = N_("attendee")

    def add(self, attendee: Attendee) -> Attendee:
        """Store a new attendee; `attendee.id` may be empty to mint a fresh id."""
        now = self.now()
        row = {
            "id": attendee.id or uuid7(),
            "given_names": attendee.given_names.strip(),
            "family_names": attendee.family_names.strip(),
            "name_folded": fold(attendee.name),
            "phone": attendee.phone,
            "email": attendee.email.strip().lower(),
            "nationality": attendee.nationality,
            "gender": attendee.gender,
            "business": attendee.business,
            "sector": attendee.sector,
            "district": attendee.district,
            "offers": json.dumps(list(attendee.offers)),
            "needs": json.dumps(list(attendee.needs)),
            "birth_year": attendee.birth_year,
            "birth_year_source": attendee.birth_year_source,
            "population_type": attendee.population_type,
            "created_at": now,
            "updated_at": now,
        }
        columns = ", ".join(row)
        self.db.execute(
            f"INSERT INTO attendees ({columns}) VALUES ({', '.join(':' + k for k in row)})", row
        )
        return _attendee(row)

    def get(self, attendee_id: str) -> Attendee:
        found = self.rows("SELECT * FROM attendees WHERE id = ?", [self.resolve(attendee_id)])
        return _attendee(found[0])

    def by_id(self, attendee_id: str) -> Attendee | None:
        """A whole id straight through the primary key (the hot path of a scan)."""
        found = self.rows("SELECT * FROM attendees WHERE id = ?", [attendee_id])
        return _attendee(found[0]) if found else None

    def update(self, attendee: Attendee) -> Attendee:
        """Overwrite the stored fields of `attendee.id` with the given ones."""
        self.db.execute(
            "UPDATE attendees SET given_names = ?, family_names = ?, name_folded = ?, "
            "phone = ?, email = ?, nationality = ?, gender = ?, business = ?, sector = ?, "
            "district = ?, offers = ?, needs = ?, birth_year = ?, birth_year_source = ?, "
            "population_type = ?, updated_at = ? WHERE id = ?",
            [attendee.given_names.strip(), attendee.family_names.strip(), fold(attendee.name),
             attendee.phone, attendee.email.strip().lower(), attendee.nationality,
             attendee.gender, attendee.business, attendee.sector, attendee.district,
             json.dumps(list(attendee.offers)), json.dumps(list(attendee.needs)),
             attendee.birth_year, attendee.birth_year_source, attendee.population_type,
             self.now(), attendee.id],
        )
        return attendee

    def all(self) -> list[Attendee]:
        return [_attendee(r) for r in self.rows("SELECT * FROM attendees ORDER BY id")]

    def delete(self, attendee_id: AttendeeId) -> None:
        self.db.execute("DELETE FROM attendees WHERE id = ?", [attendee_id])

    def reassign(self, from_id: AttendeeId, to_id: AttendeeId) -> None:
        """Move everything that points at `from_id` over to `to_id` (for merges)."""
        self.db.execute(
            "UPDATE registrations SET attendee_id = ? WHERE attendee_id = ? AND workshop_id "
            "NOT IN (SELECT workshop_id FROM registrations WHERE attendee_id = ?)",
            [to_id, from_id, to_id])
        # badges keep working: they now point at the surviving person's registration
        self.db.execute("UPDATE badge_tokens SET attendee_id = ?, registration_id = (SELECT id "
                        "FROM registrations r WHERE r.attendee_id = ? AND r.workshop_id = "
                        "badge_tokens.workshop_id) WHERE attendee_id = ?",
                        [to_id, to_id, from_id])
        self.db.execute("DELETE FROM registrations WHERE attendee_id = ?", [from_id])
        for table, column in (("consents", "attendee_id"), ("checkin_events", "attendee_id"),
                              ("introductions", "from_attendee_id"),
                              ("introductions", "to_attendee_id")):
            self.db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                            [to_id, from_id])

    def for_workshop(self, workshop_id: WorkshopId) -> list[Attendee]:
        return [
            _attendee(r)
            for r in self.rows(
                "SELECT a.* FROM attendees a JOIN registrations r ON r.attendee_id = a.id "
                "WHERE r.workshop_id = ? ORDER BY a.name_folded",
                [workshop_id],
            )
        ]


    def search_rows(self, workshop_id: WorkshopId) -> list[tuple]:
        """(id, given, family, folded name, business, email, phone, sector) of everyone
        registered, by folded name: what a search index and a table line need, as plain
        tuples (fast at 100,000)."""
        return self.db.execute(
            "SELECT a.id, a.given_names, a.family_names, a.name_folded, a.business, a.email, "
            "a.phone, a.sector FROM attendees a JOIN registrations r ON r.attendee_id = a.id "
            "WHERE r.workshop_id = ? ORDER BY a.name_folded, a.rowid", [workshop_id]).fetchall()

    def first_by_name(self, workshop_id: WorkshopId, limit: int) -> list[Attendee]:
        """The first `limit` people registered, in the order of `search_rows`: read along
        the name index, so it costs the same with 60 people or 100,000."""
        return [_attendee(r) for r in self.rows(
            "SELECT a.* FROM attendees a WHERE EXISTS (SELECT 1 FROM registrations r WHERE "
            "r.workshop_id = ? AND r.attendee_id = a.id) ORDER BY a.name_folded, a.rowid "
            "LIMIT ?", [workshop_id, limit])]

    def by_ids(self, ids: list[str]) -> dict[str, Attendee]:
        """The people with these ids (missing ones left out), in batches the SQL allows."""
        found: dict[str, Attendee] = {}
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            marks = ", ".join("?" * len(chunk))
            for row in self.rows(f"SELECT * FROM attendees WHERE id IN ({marks})", chunk):
                found[row["id"]] = _attendee(row)
        return found

    def category_mappings(self) -> dict[tuple[str, str], str]:
        """(field, folded answer) -> the code (or "other:...") the facilitator chose."""
        return {(row[0], row[1]): row[2] for row in self.db.execute(
            "SELECT field, answer, code FROM category_mappings")}

    def remember_category(self, field: str, answer: str, code: str) -> int:
        """Remember what `answer` means for the next lists, and store it for everyone
        who gave it already (accents and case aside). Returns how many people changed."""
        _category_column(field)
        self.db.execute(
            "INSERT INTO category_mappings (field, answer, code, created_at) VALUES "
            "(?, ?, ?, ?) ON CONFLICT (field, answer) DO UPDATE SET code = excluded.code",
            [field, fold(answer), code, self.now()])
        changed = 0
        for typed in self.unreviewed_categories(field):
            if fold(typed) == fold(answer):
                changed += self.db.execute(
                    f"UPDATE attendees SET {field} = ?, updated_at = ? WHERE {field} = ?",
                    [code, self.now(), typed]).rowcount
        return changed

    def unreviewed_categories(self, field: str) -> dict[str, int]:
        """Stored answers of `field` that are no code yet (as typed) and how many people
        gave each: what an import or a review still has to ask about."""
        from facilitator_app.categories import is_stored_code

        column = _category_column(field)
        return {row[0]: row[1] for row in self.db.execute(
            f"SELECT {column}, COUNT(*) FROM attendees WHERE {column} != '' "
            f"GROUP BY {column} ORDER BY 2 DESC, 1") if not is_stored_code(field, row[0])}


def _category_column(field: str) -> str:
    if field not in ("sector", "gender", "nationality"):
        raise ValueError(field)
    return field


BATCH = 500  # ids per IN (...) list


class RegistrationRepository(Repository):
    table = "registrations"
    label = N_("registration")

    def add(self, workshop_id: WorkshopId, attendee_id: AttendeeId, source: str) -> str:
        """Register an attendee for a workshop; registering twice keeps the first."""
        new_id = uuid7()
        self.db.execute(
            "INSERT INTO registrations (id, workshop_id, attendee_id, registered_at, source) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (workshop_id, attendee_id) DO NOTHING",
            [new_id, workshop_id, attendee_id, self.now(), source],
        )
        return new_id

    def count(self, workshop_id: WorkshopId) -> int:
        """Kept by triggers (migration 0008): one read, however many people registered."""
        return self.scalar("SELECT n FROM checkin_tallies WHERE workshop_id = ? AND "
                           "key = 'registered'", [workshop_id]) or 0

    def is_registered(self, workshop_id: WorkshopId, attendee_id: AttendeeId) -> bool:
        return self.registration_id(workshop_id, attendee_id) is not None

    def registration_id(self, workshop_id: WorkshopId, attendee_id: AttendeeId) -> str | None:
        return self.scalar(
            "SELECT id FROM registrations WHERE workshop_id = ? AND attendee_id = ?",
            [workshop_id, attendee_id])


class ConsentRepository(Repository):
    table = "consents"
    label = N_("consent")

    def record(
        self, attendee_id: AttendeeId, purpose: ConsentPurpose, granted: bool, method: str
    ) -> None:
        """Consent is history: each answer is a new row; the latest one counts."""
        self.db.execute(
            "INSERT INTO consents (id, attendee_id, purpose, granted, recorded_at, method) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [uuid7(), attendee_id, purpose.value, int(granted), self.now(), method],
        )

    def history(self, attendee_id: AttendeeId) -> list[dict]:
        """Every answer, oldest first: purpose, granted, when and how."""
        return self.rows(
            "SELECT purpose, granted, recorded_at, method FROM consents WHERE attendee_id = ? "
            "ORDER BY recorded_at, id", [attendee_id])

    def current_for_workshop(self, workshop_id: WorkshopId) -> dict[str, dict[str, bool]]:
        """Latest answer per purpose for everyone registered, in one query."""
        answers: dict[str, dict[str, bool]] = {}
        for row in self.rows(
            "SELECT c.attendee_id, c.purpose, c.granted FROM consents c "
            "JOIN registrations r ON r.attendee_id = c.attendee_id AND r.workshop_id = ? "
            "ORDER BY c.recorded_at, c.id", [workshop_id]):
            answers.setdefault(row["attendee_id"], {})[row["purpose"]] = bool(row["granted"])
        return answers

    def current_for(self, ids: list[str]) -> dict[str, dict[str, bool]]:
        """Latest answer per purpose for these people only (a visible page of a table)."""
        answers: dict[str, dict[str, bool]] = {}
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            marks = ", ".join("?" * len(chunk))
            for row in self.db.execute(
                    f"SELECT attendee_id, purpose, granted FROM consents WHERE attendee_id IN "
                    f"({marks}) ORDER BY recorded_at, id", chunk):
                answers.setdefault(row[0], {})[row[1]] = bool(row[2])
        return answers

    def current(self, attendee_id: AttendeeId) -> dict[ConsentPurpose, bool]:
        """The latest answer per purpose; a purpose never asked counts as not granted."""
        answers = {purpose: False for purpose in ConsentPurpose}
        for row in self.rows(
            "SELECT purpose, granted FROM consents WHERE attendee_id = ? "
            "ORDER BY recorded_at, id",
            [attendee_id],
        ):
            answers[ConsentPurpose(row["purpose"])] = bool(row["granted"])
        return answers
