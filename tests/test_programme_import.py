"""The programme hub on both engines: archives from two desks imported idempotently, one
programme person across workshops, review and undo, erasure, and the programme's figures
counted by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from facilitator_app.programme import schema
from facilitator_app.programme.hub import open_programme
from facilitator_app.programme.importer import import_archives
from facilitator_app.programme.people import decide, proposals, undo_merge
from facilitator_app.programme.report import programme_report_data
from facilitator_app.services.privacy import erase_attendee
from tests.programme_support import Desk


def _import(target: str, hq: Desk, scenario: dict, *names: str, aggregate_only=None):
    programme = open_programme(target, aggregate_only=aggregate_only)
    outcomes = import_archives(programme, hq.store, [scenario["archives"][n] for n in names],
                               trust_signers=scenario["trust"])
    return programme, outcomes


def test_figures_counted_by_hand(programme_target, hq, scenario):
    programme, outcomes = _import(programme_target, hq, scenario, "w1", "w2")
    try:
        assert [o.refused for o in outcomes] == ["", ""]
        data = programme_report_data(programme, "en")
    finally:
        programme.close()
    assert (data.workshops, data.sessions_held, data.reached) == (2, 3, 5)
    assert (data.new, data.returning) == (3, 2)  # Ana and Luis came back
    assert list(data.by_mode.counts.values()) == [3, 1, 1]  # room only, online only, both
    months = [(m.month, m.workshops, m.sessions, m.reached, m.new, m.returning, m.in_room,
               m.online) for m in data.months]
    assert months == [("2026-04", 1, 2, 4, 4, 0, 3, 2), ("2026-05", 1, 1, 3, 1, 2, 2, 1)]
    cells = {key: n for key, n in data.by_gender_age.cells.items() if n}
    assert cells == {("female", "18-59"): 1, ("male", "18-59"): 1, ("female", "0-17"): 1,
                     ("not recorded", "age not recorded"): 2}
    nationality, population = data.tables
    assert nationality.counts == {"Venezuela": 2, "not recorded": 2, "Peru": 1}
    assert population.counts == {"not recorded": 2, "Host community": 1,
                                 "Refugees and migrants in destination": 1,
                                 "Refugees and migrants in transit": 1}
    partners = [(p.partner, p.introductions, p.done, p.pending, p.no_answer)
                for p in data.partners]
    assert partners == [("Caja Uno", 2, 1, 1, 0), ("Banco Dos", 1, 0, 0, 1)]
    assert [(w.title, w.place, w.sessions_held, w.reached) for w in data.workshop_lines] == [
        ("Taller Abril", "Lima / Lima", 2, 4), ("Taller Mayo", "Arequipa / Arequipa", 1, 3)]


def test_importing_again_adds_nothing(programme_target, hq, scenario):
    programme, first = _import(programme_target, hq, scenario, "w1", "w2")
    try:
        again = import_archives(programme, hq.store, [scenario["root"]],  # the folder
                                trust_signers=scenario["trust"])
        with programme.read() as conn:
            people = conn.scalar(select(func.count(schema.people.c.id)))
    finally:
        programme.close()
    assert first[0].added["people_new"] == 4 + 2  # Carlos and Rosa are people too
    assert first[1].added["people_new"] == 1 and first[1].added["people_known"] == 2
    assert len(again) == 2 and not any(o.is_new for o in again)
    assert people == 7


def test_same_name_is_proposed_never_merged_and_a_merge_undoes(programme_target, hq,
                                                               scenario):
    programme, _outcomes = _import(programme_target, hq, scenario, "w1", "w2")
    try:
        pending = proposals(programme)
        assert [(p.reason, p.first.name != p.second.name) for p in pending] == [
            ("same_name", True)]
        assert {p.name for p in (pending[0].first, pending[0].second)} == {
            "Jose Perez", "José Pérez"}
        merge_id = decide(programme, pending[0].id[:13], merge=True)
        merged = programme_report_data(programme, "en")
        assert (merged.reached, merged.new, merged.returning) == (4, 1, 3)
        assert proposals(programme) == []
        undo_merge(programme, merge_id)
        undone = programme_report_data(programme, "en")
        assert (undone.reached, undone.new, undone.returning) == (5, 3, 2)
        assert len(proposals(programme)) == 1
    finally:
        programme.close()


def test_a_pair_kept_apart_is_not_proposed_again(programme_target, hq, scenario):
    programme, _outcomes = _import(programme_target, hq, scenario, "w1")
    try:
        import_archives(programme, hq.store, [scenario["archives"]["w2"]],
                        trust_signers=scenario["trust"])
        decide(programme, proposals(programme)[0].id, merge=False)
        import_archives(programme, hq.store, [scenario["archives"]["w2"]],
                        trust_signers=scenario["trust"])
        assert proposals(programme) == []
        assert programme_report_data(programme, "en").reached == 5
    finally:
        programme.close()


def test_aggregate_only_keeps_no_name_or_contact(programme_target, hq, scenario):
    programme, _outcomes = _import(programme_target, hq, scenario, "w1", "w2",
                                   aggregate_only=True)
    try:
        data = programme_report_data(programme, "en")
        with programme.read() as conn:
            text = " ".join(str(value) for table in schema.metadata.sorted_tables
                            for row in conn.execute(select(table)) for value in row)
    finally:
        programme.close()
    assert (data.reached, data.returning) == (5, 2)  # still linked, by keyed hashes
    for personal in ("Ana", "Quispe", "Luis", "987654321", "luis@example.org", "Pérez",
                     "example.org"):
        assert personal.lower() not in text.lower()
    assert data.aggregate_only


def test_the_mode_of_an_existing_programme_cannot_change(programme_target):
    open_programme(programme_target, aggregate_only=True).close()
    from facilitator_app.errors import KnownError

    with pytest.raises(KnownError, match="cannot change"):
        open_programme(programme_target, aggregate_only=False)
    open_programme(programme_target).close()  # not asking is fine


def test_two_desks_archives_of_one_workshop_count_once(programme_target, hq, scenario,
                                                       tmp_path):
    """Desk C merged desk A's W1 and admitted Carlos to S2 there: both archives of W1
    together count Carlos once, and everyone else once."""
    from facilitator_app.services.merge import restore_archive

    c = Desk.on(tmp_path / "c")
    try:
        a = scenario["a"]
        restore_archive(c.store, scenario["archives"]["w1"], trust_signer=a.fingerprint)
        ids = scenario["ids"]
        c.admit(ids["w1"], ids["s2"], ids["carlos"], "2026-04-11T15:30:00+00:00")
        from_c = c.archive(ids["w1"], "w1-desk-c.zip")
        programme = open_programme(programme_target)
        outcomes = import_archives(programme, hq.store, [scenario["archives"]["w1"], from_c],
                                   trust_signers=[*scenario["trust"], c.fingerprint])
        data = programme_report_data(programme, "en")
        programme.close()
    finally:
        c.close()
    assert outcomes[1].added["admissions"] == 1 and outcomes[1].added["people_new"] == 0
    assert data.reached == 5  # W1's four and Carlos
    assert data.months[0].in_room == 4


def test_a_person_erased_on_a_desk_leaves_the_programme(programme_target, hq, scenario,
                                                        tmp_path):
    """Ana is erased on desk A (a copy of it): her W2 registration on desk B goes too, and
    importing W2 again does not bring her back."""
    import shutil

    copy = tmp_path / "a-copy"
    shutil.copytree(scenario["a"].folder, copy)
    (copy / "w1.zip").unlink()
    a = Desk.on(copy)
    try:
        ids = scenario["ids"]
        erase_attendee(a.store, ids["ana"])
        after = a.archive(ids["w1"], "w1-after.zip")
        programme, _outcomes = _import(programme_target, hq, scenario, "w1", "w2")
        outcomes = import_archives(programme, hq.store, [after, scenario["archives"]["w2"]],
                                   trust_signers=scenario["trust"])
        data = programme_report_data(programme, "en")
        with programme.read() as conn:
            phones = set(conn.scalars(select(schema.attendees.c.phone)))
        programme.close()
    finally:
        a.close()
    assert outcomes[0].added["erased"] == 2  # her registrations on both desks
    if not programme_target.startswith("postgresql"):  # no freed page keeps her
        programme = open_programme(programme_target)
        programme.checkpoint()
        programme.close()
        for name in ("programme.sqlite", "programme.sqlite-wal"):
            written = Path(programme_target).with_name(name)
            if written.exists():
                assert b"Quispe" not in written.read_bytes()
    assert "+51987654321" not in phones
    assert (data.reached, data.returning) == (4, 1)  # only Luis came back now
    assert not outcomes[1].is_new


def test_a_changed_archive_is_refused_and_the_others_imported(programme_target, hq,
                                                              scenario, tmp_path):
    from tests.archive_support import rewrite

    broken = rewrite(scenario["archives"]["w2"], tmp_path / "w2-changed.zip",
                     lambda name, data: data + b"x" if name == "workshop.sqlite" else data)
    programme = open_programme(programme_target)
    try:
        outcomes = import_archives(programme, hq.store, [broken, scenario["archives"]["w1"]],
                                   trust_signers=scenario["trust"])
        data = programme_report_data(programme, "en")
    finally:
        programme.close()
    assert outcomes[0].refused and "w2-changed.zip" in outcomes[0].refused
    assert not outcomes[0].added and outcomes[1].is_new
    assert data.workshops == 1


def test_an_unknown_desk_is_refused_until_trusted(programme_target, hq, scenario):
    programme = open_programme(programme_target)
    try:
        refused = import_archives(programme, hq.store, [scenario["archives"]["w2"]])
        assert scenario["b"].fingerprint in refused[0].refused
        taken = import_archives(programme, hq.store, [scenario["archives"]["w2"]],
                                trust_signers=[scenario["b"].fingerprint])
        assert taken[0].is_new
    finally:
        programme.close()


def test_the_reader_role_sees_aggregates_only(postgres_server, hq, scenario, tmp_path):
    """The README's role (assets/programme/reader-role.sql), on a real server: the view
    answers, every table about people is refused."""
    import psycopg
    from sqlalchemy.engine import make_url

    from facilitator_app.paths import asset

    june = Desk.on(tmp_path / "june")
    workshop = june.workshop("Taller Junio", "2026-06-05")
    session = june.session(workshop, "Redes", "2026-06-05T15:00:00+00:00",
                           "2026-06-05T16:00:00+00:00")
    for n in range(6):
        person = june.person(workshop, f"Persona{n}", "Prueba", phone=f"+5196000000{n}")
        june.admit(workshop, session, person, "2026-06-05T15:05:00+00:00")
    archive = june.archive(workshop, "june.zip")
    url = postgres_server.create_database()
    programme, _outcomes = _import(url, hq, scenario, "w1", "w2")
    import_archives(programme, hq.store, [archive], trust_signers=[june.fingerprint])
    programme.close()
    june.close()
    sql = asset("programme", "reader-role.sql").read_text(encoding="utf-8")
    parts = make_url(url)
    with psycopg.connect(dbname=parts.database, user=parts.username,
                         host=parts.query["host"], autocommit=True) as owner:
        for statement in filter(str.strip, _without_comments(sql).split(";")):
            owner.execute(statement)
    try:
        with psycopg.connect(dbname=parts.database, user="creando_reader",
                             host=parts.query["host"], autocommit=True) as reader:
            rows = reader.execute("SELECT month, people FROM reach_by_month "
                                  "ORDER BY month").fetchall()
            assert rows == [("2026-06", 6)]  # April and May: fewer than 5 a workshop
            for table in ("attendees", "people", "contact_keys", "programme_secret",
                          "attendance", "admissions"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    reader.execute(f"SELECT * FROM {table}")
    finally:
        postgres_server.drop_database(url)
        with psycopg.connect(dbname="postgres", user=parts.username,
                             host=parts.query["host"], autocommit=True) as owner:
            owner.execute("DROP ROLE creando_reader")


def _without_comments(sql: str) -> str:
    return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
