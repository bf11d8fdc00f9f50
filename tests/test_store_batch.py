"""The bulk writes of a list import store exactly the rows the repositories store one by one."""

from __future__ import annotations

from facilitator_app.models import Attendee, AttendeeId, ConsentPurpose
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store.batch import RegistryBatch

PERSON = Attendee(id=AttendeeId(""), given_names=" María José ", family_names="Lugo Ñañez ",
                  phone="+584120000003", email=" MJ.Lugo@Example.com ", nationality="CO",
                  gender="F", business="Arepas Mary", sector="Alimentos", district="Comas",
                  offers=("catering", "arepas"), needs=())


def row(store, table: str, key: str, value: str) -> dict:
    cursor = store.db.execute(f"SELECT * FROM {table} WHERE {key} = ?", [value])
    names = [d[0] for d in cursor.description]
    found = dict(zip(names, cursor.fetchone(), strict=True))
    return {name: found[name] for name in names if name not in ("id", "attendee_id")}


def test_bulk_rows_equal_the_rows_written_one_by_one(store) -> None:
    workshop = create_workshop(store, "Taller").workshop
    other = create_workshop(store, "Otro").workshop
    with store.transaction():
        single = store.attendees.add(PERSON).id
        store.registrations.add(workshop.id, single, "import:a.csv")
        store.consents.record(single, ConsentPurpose.PHOTOS, False, "import:a.csv")
        batch = RegistryBatch(store.db, store.clock)
        bulk, = batch.add_people([PERSON])
        batch.register(other.id, [bulk], "import:a.csv")
        batch.record_consents([(bulk, ConsentPurpose.PHOTOS, False)], "import:a.csv")
    assert bulk != single and len(bulk) == len(single)
    assert row(store, "attendees", "id", bulk) == row(store, "attendees", "id", single)
    single_registration = row(store, "registrations", "attendee_id", single)
    bulk_registration = row(store, "registrations", "attendee_id", bulk)
    assert {**bulk_registration, "workshop_id": workshop.id} == single_registration
    assert row(store, "consents", "attendee_id", bulk) == \
        row(store, "consents", "attendee_id", single)
    assert store.attendees.get(bulk).email == "mj.lugo@example.com"
    assert store.registrations.count(other.id) == 1  # the tally trigger ran for each row


def test_a_second_registration_of_a_person_keeps_the_first(store) -> None:
    workshop = create_workshop(store, "Taller").workshop
    batch = RegistryBatch(store.db, store.clock)
    with store.transaction():
        person, = batch.add_people([PERSON])
        batch.register(workshop.id, [person, person], "import:a.csv")
    assert store.registrations.count(workshop.id) == 1


def test_thousands_of_rows_go_in_chunks(store) -> None:
    workshop = create_workshop(store, "Taller").workshop
    batch = RegistryBatch(store.db, store.clock)
    people = [Attendee(id=AttendeeId(""), given_names=f"Persona {n}") for n in range(12_001)]
    with store.transaction():
        ids = batch.add_people(iter(people))
        batch.register(workshop.id, ids, "import:a.csv")
    assert len(set(ids)) == 12_001 and ids == sorted(ids)  # time-ordered ids, in order
    assert store.registrations.count(workshop.id) == 12_001
