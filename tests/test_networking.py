"""Introductions, follow-ups, suggestions and the consent rules on contact sharing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from facilitator_app.errors import KnownError
from facilitator_app.models import (
    Attendee,
    AttendeeId,
    ConsentPurpose,
    FollowupStatus,
    Partner,
    PartnerId,
    PartnerType,
)
from facilitator_app.services.networking import (
    add_introduction,
    followups_due,
    introductions,
    people_met,
    save_partner,
    shared_contact,
    update_followup,
)
from facilitator_app.services.suggestions import suggest
from facilitator_app.services.workshops import create_workshop


@pytest.fixture
def small(store):
    """Four people and a bank, with offers and needs that fit together in known ways."""
    workshop = create_workshop(store, "Rueda de negocios").workshop
    specs = [
        ("Ana", "Panadería", "food", ("customer",), ("supplier",), True),
        ("Beto", "Harinas Beto", "food", ("supplier",), ("customer",), False),
        ("Carla", "Uñas Carla", "beauty", ("marketing",), ("finance",), True),
        ("Dani", "Reparto Dani", "transport", ("logistics",), ("formalisation",), True),
    ]
    people = {}
    with store.transaction():
        for name, business, sector, offers, needs, shares in specs:
            person = store.attendees.add(Attendee(
                id=AttendeeId(""), given_names=name, family_names="Prueba", business=business,
                sector=sector, offers=offers, needs=needs, phone=f"+5198765432{len(people)}",
                email=f"{name.lower()}@example.org"))
            store.registrations.add(workshop.id, person.id, "test")
            store.consents.record(person.id, ConsentPurpose.SHARE_PARTICIPANTS, shares, "form")
            store.consents.record(person.id, ConsentPurpose.SHARE_PARTNERS, shares, "form")
            people[name] = person
        bank = store.partners.add(Partner(
            id=PartnerId(""), name="Caja Ejemplo", type=PartnerType.PRIVATE_SECTOR,
            contact_email="creditos@caja.example.org",
            offers="Microcréditos y cuentas de ahorro para emprendedores"))
    return workshop, people, bank


def test_introductions_between_people_and_with_partners(store, small) -> None:
    workshop, people, bank = small
    add_introduction(store, workshop.id, people["Ana"].id, to_attendee=people["Beto"].id,
                     purpose="Harina al por mayor")
    add_introduction(store, workshop.id, people["Carla"].id, to_partner=bank.id,
                     purpose="Crédito para equipos")
    listed = {(i.from_name, i.to_name, i.to_is_partner, i.status) for i in
              introductions(store, workshop.id)}
    assert listed == {("Ana Prueba", "Beto Prueba", False, "pending"),
                      ("Carla Prueba", "Caja Ejemplo", True, "pending")}


@pytest.mark.parametrize("case", ["self", "twice", "reversed", "both", "outsider"])
def test_impossible_introductions_are_refused_kindly(store, small, case) -> None:
    workshop, people, bank = small
    ana, beto = people["Ana"].id, people["Beto"].id
    add_introduction(store, workshop.id, ana, to_attendee=beto, purpose="x")
    calls = {
        "self": dict(to_attendee=ana), "twice": dict(to_attendee=beto),
        "both": dict(to_attendee=beto, to_partner=bank.id),
    }
    if case == "reversed":
        with pytest.raises(KnownError, match="already introduced"):
            add_introduction(store, workshop.id, beto, to_attendee=ana, purpose="x")
        return
    if case == "outsider":
        other = create_workshop(store, "Otro").workshop
        with pytest.raises(KnownError, match="not registered"):
            add_introduction(store, other.id, ana, to_partner=bank.id, purpose="x")
        return
    with pytest.raises(KnownError):
        add_introduction(store, workshop.id, ana, purpose="x", **calls[case])


def test_followups_due_this_week_and_overdue(store, small, clock) -> None:
    workshop, people, bank = small
    today = clock().astimezone().date()
    add_introduction(store, workshop.id, people["Ana"].id, to_attendee=people["Beto"].id,
                     purpose="a", followup_days=3)
    add_introduction(store, workshop.id, people["Carla"].id, to_partner=bank.id, purpose="b",
                     followup_days=20)
    add_introduction(store, workshop.id, people["Dani"].id, to_attendee=people["Carla"].id,
                     purpose="c", followup_days=1)
    overdue, week = followups_due(store, workshop.id, today)
    assert (overdue, [i.purpose for i in week]) == ([], ["c", "a"])
    overdue, week = followups_due(store, workshop.id, today + timedelta(days=5))
    assert [i.purpose for i in overdue] == ["c", "a"] and week == []
    done = next(i for i in introductions(store, workshop.id) if i.purpose == "c")
    update_followup(store, done.followup_id, FollowupStatus.DONE, rating=5, comment="Venden")
    overdue, _ = followups_due(store, workshop.id, today + timedelta(days=5))
    assert [i.purpose for i in overdue] == ["a"]
    with pytest.raises(KnownError):
        update_followup(store, done.followup_id, FollowupStatus.DONE, rating=9)


def test_suggestions_rank_needs_met_and_explain_why(store, small) -> None:
    workshop, people, bank = small
    found = suggest(store, workshop.id)
    top = found[0]
    assert {top.person.given_names, top.other.given_names} == {"Ana", "Beto"}
    assert top.score == 3 + 3 + 1  # each needs what the other offers; same sector
    assert any("offers it" in reason for reason in top.reasons)
    assert any(s.partner == bank and s.person.given_names == "Carla" for s in found)
    add_introduction(store, workshop.id, people["Beto"].id, to_attendee=people["Ana"].id,
                     purpose="x")
    again = suggest(store, workshop.id)
    assert not any({s.person.given_names, s.other_name.split()[0]} == {"Ana", "Beto"}
                   for s in again), "a pair already introduced is never suggested"


def test_contacts_cross_only_with_consent(store, small) -> None:
    workshop, people, bank = small
    beto = shared_contact(store, people["Beto"], with_partner=False)
    assert (beto.phone, beto.email) == ("", "")
    ana = shared_contact(store, people["Ana"], with_partner=True)
    assert ana.email == "ana@example.org"
    add_introduction(store, workshop.id, people["Ana"].id, to_attendee=people["Beto"].id,
                     purpose="harina")
    add_introduction(store, workshop.id, people["Ana"].id, to_partner=bank.id, purpose="ahorro")
    met_by_ana = {m.name: m for m in people_met(store, workshop.id, people["Ana"].id)}
    assert met_by_ana["Beto Prueba"].phone == "" and met_by_ana["Beto Prueba"].email == ""
    assert met_by_ana["Caja Ejemplo"].email == "creditos@caja.example.org"
    met_by_beto = people_met(store, workshop.id, people["Beto"].id)
    assert met_by_beto[0].email == "ana@example.org"


def test_cli_partners_and_intros(db_file) -> None:
    from tests.test_cli import creando
    from tests.test_cli_attendees import demo_workshop

    workshop = demo_workshop(db_file)
    added = json.loads(creando("--db", str(db_file), "--json", "partners", "add", "--name",
                               "Banco Ejemplo", "--type", "private_sector", "--offers",
                               "Cuentas").stdout)
    listed = json.loads(creando("--db", str(db_file), "--json", "partners", "list").stdout)
    assert added["id"] in {p["id"] for p in listed} and all("name" in p for p in listed)
    people = json.loads(creando("--db", str(db_file), "--json", "attendees", "list",
                                "--workshop", workshop).stdout)
    made = creando("--db", str(db_file), "--json", "intro", "add", "--workshop", workshop,
                   "--from", people[0]["id"], "--partner", added["id"], "--purpose", "Cuenta")
    assert made.returncode == 0, made.stderr
    intros = json.loads(creando("--db", str(db_file), "--json", "intro", "list", "--workshop",
                                workshop).stdout)
    assert len(intros) == 11 and {"id", "name"} <= set(intros[0])
    again = creando("--db", str(db_file), "--lang", "en", "intro", "add", "--workshop",
                    workshop, "--from", people[0]["id"], "--partner", added["id"],
                    "--purpose", "Otra vez")
    assert again.returncode == 3 and "already introduced" in again.stderr


def test_partner_suggestions_are_never_crowded_out(store) -> None:
    from facilitator_app.services.demo import ensure_demo

    workshop, _ = ensure_demo(store)
    found = suggest(store, workshop.id, limit=10)
    assert len(found) == 10
    assert 1 <= sum(1 for s in found if s.partner) <= 5
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_a_partner_name_is_required_and_never_doubled(store, small) -> None:
    _workshop, _people, bank = small
    twin = Partner(id=PartnerId(""), name="  caja  EJEMPLO ", type=PartnerType.PRIVATE_SECTOR)
    with pytest.raises(KnownError, match=bank.id):
        save_partner(store, twin)
    with pytest.raises(KnownError):
        save_partner(store, Partner(id=PartnerId(""), name="  ", type=PartnerType.UN))
    assert [p.name for p in store.partners.list()] == ["Caja Ejemplo"]
    renamed = save_partner(store, Partner(**{**bank.__dict__, "offers": "Cuentas"}))
    assert (renamed.id, store.partners.list()[0].offers) == (bank.id, "Cuentas")
