"""Low-data follow-up: the session digest (at most 1,000 characters, its wa.me link and
QR code), per-person contact messages under the consent rules, in the workshop's
language, the CLI, and no network call anywhere."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import zxingcpp
from PIL import Image

from exports.qr_png import write_qr_png
from facilitator_app.decks.parse import load_deck
from facilitator_app.export_models import HandoutModule, Link
from facilitator_app.i18n import current_language
from facilitator_app.models import (
    Attendee,
    AttendeeId,
    ConsentPurpose,
    Partner,
    PartnerId,
    PartnerType,
)
from facilitator_app.paths import asset
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.followup import (
    DIGEST_LIMIT,
    compose_digest,
    contact_messages,
    session_digest,
    wa_link,
)
from facilitator_app.services.networking import add_introduction
from tests.cli_support import make_demo, run_main


@pytest.fixture
def demo(store):
    workshop, _ = ensure_demo(store)
    return workshop, store.sessions.for_workshop(workshop.id)


def text_of(url: str) -> str:
    parts = urlsplit(url)
    assert parts.query.startswith("text=")
    return unquote(parts.query[len("text="):])


def decoded(png: Path) -> str:
    found = zxingcpp.read_barcodes(Image.open(png))
    assert found, f"no QR code read from {png}"
    return found[0].text


def test_the_digest_of_a_delivered_session(store, demo) -> None:
    _workshop, sessions = demo
    digest = session_digest(store, sessions[0].id)  # the demo delivered its first two modules
    assert digest.delivered and digest.modules == 2
    assert len(digest.text) <= DIGEST_LIMIT
    assert digest.text.startswith("*Taller CREANDO: Vende más, conecta más — Lima Norte*\n")
    deck = load_deck(asset("decks", "creando-es"))
    for module_id in ("pitch-60", "costos-precio"):
        module = deck.module(module_id)
        assert module.takeaway in digest.text and module.title in digest.text
    assert "whatsapp-business" not in digest.text  # planned, not delivered
    assert "*Qué hacer hoy*" in digest.text and "*Lo que vimos*" in digest.text  # Spanish
    assert current_language() == "en"  # the app's own language never changed
    assert digest.url.startswith("https://wa.me/?text=") and " " not in digest.url
    assert text_of(digest.url) == digest.text
    assert "https://www.gob.pe/tuempresa" in digest.text


def test_the_digest_qr_code_opens_the_same_text(store, demo, tmp_path: Path) -> None:
    _workshop, sessions = demo
    digest = session_digest(store, sessions[0].id)
    png = write_qr_png(digest.url, tmp_path / "digest.png", box_size=4)
    assert decoded(png) == digest.url


def ten_modules() -> tuple[HandoutModule, ...]:
    deck = load_deck(asset("decks", "creando-es"))
    return tuple(HandoutModule(m.title, m.minutes, m.takeaway, m.key_points,
                               tuple(Link(r.title, r.url) for r in m.resources))
                 for m in deck.modules)


@pytest.mark.parametrize("limit", [1000, 700, 400, 200])
def test_a_long_digest_keeps_to_the_limit_and_its_heading(limit: int) -> None:
    modules = ten_modules()
    text = compose_digest("*Taller largo*", "Todo el día · 14/03", modules, "es", limit)
    assert len(text) <= limit and text.startswith("*Taller largo*\nTodo el día · 14/03")
    assert "*Qué hacer hoy*" in text
    assert modules[0].takeaway in text or limit < 400


def test_the_digest_gives_up_ideas_then_links_before_the_things_to_do() -> None:
    modules = ten_modules()[:4]
    full = compose_digest("*T*", "S", modules, "es", 10_000)
    assert "*Lo que vimos*" in full and "*Enlaces*" in full
    tight = compose_digest("*T*", "S", modules, "es", len(full) - 40)
    assert all(m.takeaway in tight for m in modules)  # what to do today stays
    assert modules[0].key_points[0] not in tight  # the key ideas went first
    assert len(tight) <= len(full) - 40


def test_a_session_where_nothing_was_delivered_says_so(store, demo, clock) -> None:
    from datetime import timedelta

    from facilitator_app.services.agenda import load_agenda
    from facilitator_app.services.runner import Runner, store_delivery

    _workshop, sessions = demo
    session = sessions[2]
    runner = Runner(load_agenda(store, session.id), clock,
                    lambda d: store_delivery(store, session.id, d))
    runner.start()
    clock.now += timedelta(seconds=20)
    runner.finish()  # skipped after 20 seconds
    digest = session_digest(store, session.id)
    assert digest.modules == 0 and digest.delivered
    assert "Todavía no se ha dictado ningún módulo de esta sesión." in digest.text
    assert "Alianzas" not in digest.text


def test_wa_links_carry_digits_only_and_encode_everything() -> None:
    link = wa_link("¿Hola & adiós? 100% #1", "+51 987-654 321")
    assert link.startswith("https://wa.me/51987654321?text=")
    assert text_of(link) == "¿Hola & adiós? 100% #1"
    assert "&" not in link.split("?text=")[1] and "#" not in link


@pytest.fixture
def met(store):
    """An English workshop: Ana (shares) met Beto (does not share) and a partner; Beto met
    Ana; Carla (shares) met nobody; Dani (shares, no phone) met Ana."""
    with store.transaction():
        workshop = store.workshops.add("Pricing workshop", language="en")
        people = {}
        for name, phone, shares in (("Ana", "+51987654320", True), ("Beto", "+51987654321",
                                                                    False),
                                    ("Carla", "+51987654322", True), ("Dani", "", True)):
            person = store.attendees.add(Attendee(
                id=AttendeeId(""), given_names=name, family_names="Prueba", phone=phone,
                email=f"{name.lower()}@example.org", business=f"Negocio {name}"))
            store.registrations.add(workshop.id, person.id, "test")
            store.consents.record(person.id, ConsentPurpose.SHARE_PARTICIPANTS, shares, "form")
            people[name] = person
        bank = store.partners.add(Partner(id=PartnerId(""), name="Caja Ejemplo",
                                          type=PartnerType.PRIVATE_SECTOR,
                                          contact_phone="+51 1 555 0101",
                                          contact_email="creditos@caja.example.org"))
    add_introduction(store, workshop.id, people["Ana"].id, to_attendee=people["Beto"].id,
                     purpose="Flour supplier")
    add_introduction(store, workshop.id, people["Ana"].id, to_partner=bank.id,
                     purpose="Credit for an oven")
    add_introduction(store, workshop.id, people["Dani"].id, to_attendee=people["Ana"].id,
                     purpose="Deliveries")
    return workshop, people


def test_messages_go_to_people_who_share_and_carry_only_shared_contacts(store, met) -> None:
    workshop, _people = met
    messages = {m.name: m for m in contact_messages(store, workshop.id)}
    assert set(messages) == {"Ana Prueba", "Dani Prueba"}  # Beto: no consent; Carla: met nobody
    ana = messages["Ana Prueba"]
    assert ana.text.startswith("Hello Ana!")  # the workshop's language
    assert "*Beto Prueba*" in ana.text and "beto@example.org" not in ana.text
    assert "+51 987 654 321" not in ana.text and "no contact shared" in ana.text
    assert "creditos@caja.example.org" in ana.text and "Credit for an oven" in ana.text
    assert ana.url.startswith("https://wa.me/51987654320?text=")
    assert text_of(ana.url) == ana.text
    dani = messages["Dani Prueba"]
    assert dani.url == "" and dani.phone == ""  # no phone: sent by hand
    assert "ana@example.org" in dani.text and "+51 987 654 320" in dani.text


def test_messages_follow_the_workshops_language(store, demo) -> None:
    workshop, _sessions = demo
    messages = contact_messages(store, workshop.id)
    assert messages and all(m.text.startswith("¡Hola,") for m in messages)
    assert current_language() == "en"
    for message in messages:
        person = store.attendees.get(message.attendee_id)
        assert store.consents.current(person.id)[ConsentPurpose.SHARE_PARTICIPANTS]


def test_the_cli_makes_both_and_writes_qr_codes(tmp_path: Path, capsys) -> None:
    db = make_demo(tmp_path / "d.db")
    code, out, _err = run_main(capsys, "--db", str(db), "--json", "workshops", "list")
    workshop = json.loads(out)[0]
    png = tmp_path / "digest.png"
    code, out, err = run_main(capsys, "--db", str(db), "--json", "followup", "digest",
                              "--session", workshop["sessions"][0]["id"][:18], "--qr", str(png))
    assert code == 0, err
    digest = json.loads(out)
    assert digest["characters"] == len(digest["text"]) <= 1000 and digest["delivered"]
    assert decoded(png) == digest["url"]
    folder = tmp_path / "qr"
    folder.mkdir()
    code, out, err = run_main(capsys, "--db", str(db), "--json", "followup", "messages",
                              "--workshop", workshop["id"], "--qr-folder", str(folder))
    assert code == 0, err
    messages = json.loads(out)
    assert messages and all(m["url"].startswith("https://wa.me/51") for m in messages)
    first = messages[0]
    assert decoded(folder / f"{first['id']}.png") == first["url"]
    code, out, _err = run_main(capsys, "--db", str(db), "--json", "exports", "log",
                               "--workshop", workshop["id"])
    logged = [e for e in json.loads(out)["exports"] if e["kind"] == "followup"]  # each QR left
    assert sorted(e["file"] for e in logged) == sorted(f"{m['id']}.png" for m in messages
                                                            if m["url"])
    code, out, _err = run_main(capsys, "--db", str(db), "followup", "messages", "--workshop",
                               workshop["id"])
    assert code == 0 and first["name"] in out and first["url"] in out


def test_no_network_call_is_made(store, demo, met, monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the follow-up must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    workshop, sessions = demo
    assert session_digest(store, sessions[0].id).text
    assert contact_messages(store, workshop.id)
    assert contact_messages(store, met[0].id)
