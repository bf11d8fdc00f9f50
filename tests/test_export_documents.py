"""The documents people keep (issue 17): "people you met" cards with tappable links packed onto
full pages; the phone handout (width, type size, its own language, the next session, the
facilitator); the subject-access PDF in plain words, local times, recipients and rights."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from exports.pdf.cards import write_met_cards
from exports.pdf.handout import write_handout
from facilitator_app.document_settings import (
    FACILITATOR,
    ORGANISATION,
    ContactSetting,
    save_contact,
)
from facilitator_app.export_models import ContactCard, MetCard, NextSession
from facilitator_app.i18n import current_language, set_language
from tests.test_export_pdfs import NAMES, WORKSHOP, handout_data, met, text_of


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = current_language()
    set_language("en")
    yield
    set_language(before)


def uris(path: Path) -> list[str]:
    """Every link annotation's target, page by page."""
    found = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def text_runs(page) -> list[tuple[str, float, float, float]]:
    """(text, font size, x, y) of every piece of text drawn on `page`."""
    runs = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            runs.append((text.strip(), size * tm[3] * cm[3], tm[4] * cm[0] + cm[4],
                         tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return runs


# -- "people you met" cards -------------------------------------------------------------------

def test_card_contacts_are_tappable_links(tmp_path: Path) -> None:
    mobile = ContactCard("Ana Pérez", "Repostería", phone="+51 911 123 456",
                         email="ana.perez@correo.example.pe")
    landline = ContactCard("Cámara de Comercio", "Ferias", "Carmen Ávila", "+51 1 555 0101")
    target = write_met_cards([MetCard("Łukasz Nowak", WORKSHOP,
                                      (("Proveedora", mobile), ("Ferias", landline)))],
                             tmp_path / "cards.pdf")
    links = uris(target)
    assert "tel:+51911123456" in links and "https://wa.me/51911123456" in links
    assert "mailto:ana.perez@correo.example.pe" in links
    assert "tel:+5115550101" in links
    assert not any(link.startswith("https://wa.me/51155") for link in links)  # no WhatsApp
    text = " ".join(text_of(target))
    assert "+51 911 123 456" in text and "WhatsApp" in text


def test_a_number_that_cannot_be_read_is_printed_but_never_linked(tmp_path: Path) -> None:
    odd = ContactCard("Beto", phone="12")
    target = write_met_cards([MetCard("Ana", WORKSHOP, (("", odd),))], tmp_path / "c.pdf")
    assert uris(target) == [] and "12" in text_of(target)[0]


def cards(count: int) -> list[MetCard]:
    return [MetCard(f"{NAMES[n % len(NAMES)]} {n}", WORKSHOP,
                    tuple(met(k) for k in range(n % 5 + 1))) for n in range(count)]


@pytest.mark.parametrize(("count", "most_pages"), [(1, 1), (7, 2), (30, 8)])
def test_cards_are_packed_onto_full_pages(tmp_path: Path, count: int, most_pages: int) -> None:
    target = write_met_cards(cards(count), tmp_path / "cards.pdf")
    reader = PdfReader(target)
    assert 1 <= len(reader.pages) <= most_pages  # one page per card before (30 for 30)
    text = " ".join(text_of(target))
    for card in cards(count):
        assert card.name in text
    for page in reader.pages[:-1]:  # every column of every page but the last is mostly full
        height, width = float(page.mediabox.height), float(page.mediabox.width)
        for left in (True, False):
            lowest = min(y for _t, _s, x, y in text_runs(page) if (x < width / 2) == left)
            assert lowest < 0.4 * height


def test_a_card_moves_whole_to_the_next_column_when_little_room_is_left(tmp_path) -> None:
    target = write_met_cards(cards(7), tmp_path / "cards.pdf")
    pages = text_of(target)
    short = [card for card in cards(7) if len(card.met) <= 2]
    assert len(short) >= 3
    for card in short:  # each short card is printed once, under one header: never cut apart
        assert sum(page.count(f"PEOPLE YOU MET {card.name} ") for page in pages) == 1


# -- the handout for phones -------------------------------------------------------------------

def test_the_handout_is_phone_width_with_body_text_of_11_pt(tmp_path: Path) -> None:
    target = write_handout(handout_data(), tmp_path / "handout.pdf")
    reader = PdfReader(target)
    for page in reader.pages:
        assert 100 * mm <= float(page.mediabox.width) <= 110 * mm
    runs = [run for page in reader.pages for run in text_runs(page)]
    body = [size for text, size, _x, _y in runs
            if "Anota todo" in text or "Caja Municipal" in text or "Hoy mismo" in text]
    assert body and min(body) >= 11
    footer_y = 20 * mm  # the footer (page number) and URLs beside their QR code are smaller
    others = [size for text, size, _x, y in runs if y > footer_y and "://" not in text]
    assert min(others) >= 10
    assert target.stat().st_size < 150_000


def test_the_handout_speaks_its_own_language_not_the_apps(tmp_path: Path) -> None:
    set_language("es")
    english = dataclasses.replace(handout_data(), language="en")
    text = " ".join(text_of(write_handout(english, tmp_path / "en.pdf")))
    assert "What to do today" in text and "Partners who can help" in text
    assert "Page 1" in text and "Qué hacer hoy" not in text
    set_language("en")
    text = " ".join(text_of(write_handout(handout_data(), tmp_path / "es.pdf")))
    assert "Qué hacer hoy" in text and "Página 1" in text and "What to do" not in text


def test_the_handout_names_the_next_session_and_the_facilitator(tmp_path: Path) -> None:
    data = dataclasses.replace(
        handout_data(), language="en",
        next_session=NextSession("Sesión 3: Rueda de contactos", "28/03/2026 09:30",
                                 "Municipalidad de Los Olivos", "https://meet.example.pe/s3"),
        facilitator=ContactCard("Lucía Ramos", phone="+51 987 000 111",
                                email="lucia.ramos@correo.example.pe"))
    target = write_handout(data, tmp_path / "handout.pdf")
    text = " ".join(text_of(target))
    for piece in ("Next session", "Sesión 3: Rueda de contactos", "28/03/2026 09:30",
                  "Municipalidad de Los Olivos", "Your facilitator", "Lucía Ramos",
                  "+51 987 000 111"):
        assert piece in text
    links = uris(target)
    for link in ("https://meet.example.pe/s3", "tel:+51987000111", "https://wa.me/51987000111",
                 "mailto:lucia.ramos@correo.example.pe", "tel:+51987654321"):
        assert link in links
    assert target.stat().st_size < 150_000


def test_handout_data_has_the_next_session_the_facilitator_and_the_decks_language(
        store) -> None:
    from facilitator_app.services.demo import ensure_demo
    from facilitator_app.services.export_data import handout_data as gather

    save_contact(FACILITATOR, ContactSetting("Lucía Ramos", "lucia@correo.example.pe"))
    workshop, _made = ensure_demo(store)
    first, second, last = store.sessions.for_workshop(workshop.id)[:3]
    data = gather(store, first.id)
    assert data.language == "es"  # the demo's decks and workshop are Spanish
    assert data.next_session and data.next_session.title == second.title
    assert data.next_session.venue == workshop.venue and data.next_session.when
    assert data.facilitator and data.facilitator.name == "Lucía Ramos"
    assert gather(store, last.id).next_session is None


# -- the subject-access PDF -------------------------------------------------------------------

CODES = ("share_partners", "share_participants", "in_room", "processing", "admitted",
         "checked_out", "walk_in", "online_report", "no_answer", "+00:00", "T0")


@pytest.fixture
def lima(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/Lima")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def demo_person(store):
    from facilitator_app.services.demo import ensure_demo

    workshop, _made = ensure_demo(store)
    people = store.attendees.for_workshop(workshop.id)
    met_someone = {row[0] for row in store.db.execute(
        "SELECT from_attendee_id FROM introductions").fetchall()}
    return workshop, next(p for p in people if p.id in met_someone)


@pytest.mark.parametrize("language", ["es", "en"])
def test_subject_access_is_in_plain_words_and_local_time(store, tmp_path, lima,
                                                         language) -> None:
    from exports.pdf.subject_access import write_subject_access
    from facilitator_app.services.privacy import subject_access_data

    workshop, person = demo_person(store)
    data = subject_access_data(store, person.id, language)
    text = " ".join(text_of(write_subject_access(data, tmp_path / "datos.pdf")))
    assert person.name in text and workshop.title[:20] in text
    for code in CODES:
        assert code not in text, code
    assert "UTC−05:00" in text
    first_checkin = store.db.execute(
        "SELECT at FROM checkin_events WHERE attendee_id = ? ORDER BY at",
        [person.id]).fetchone()[0]
    from facilitator_app.clock import parse_iso

    assert parse_iso(first_checkin).astimezone().strftime("%d/%m/%Y %H:%M") in text
    words = {"es": ("Ley N.° 29733", "Acceso", "Rectificación", "Cancelación", "Oposición",
                    "Autoridad Nacional de Protección de Datos Personales",
                    "Quién recibe tus datos de contacto", "Te presentaron a"),
             "en": ("Ley N.° 29733", "Access", "Rectification", "Cancellation", "Opposition",
                    "Autoridad Nacional de Protección de Datos Personales",
                    "Who receives your contact details", "Introduced to")}
    for piece in words[language]:
        assert piece in text, piece


def test_subject_access_names_the_controller_from_the_settings(store, tmp_path) -> None:
    from exports.pdf.subject_access import write_subject_access
    from facilitator_app.services.privacy import subject_access_data

    _workshop, person = demo_person(store)
    before = " ".join(text_of(write_subject_access(subject_access_data(store, person.id, "en"),
                                                   tmp_path / "a.pdf")))
    assert "ask your facilitator" in before
    workshop_id = store.db.execute("SELECT workshop_id FROM registrations WHERE attendee_id "
                                   "= ?", [person.id]).fetchone()[0]
    store.workshops.set_certificate_settings(workshop_id, issuer="PNUD Perú (demo)")
    issuer = " ".join(text_of(write_subject_access(subject_access_data(store, person.id, "en"),
                                                   tmp_path / "i.pdf")))
    assert "PNUD Perú (demo) is responsible for your data" in issuer  # the workshop's issuer
    save_contact(ORGANISATION, ContactSetting("Asociación Emprende (ficticia)",
                                              "datos@emprende.example.pe", "+51 1 555 0100"))
    after = " ".join(text_of(write_subject_access(subject_access_data(store, person.id, "en"),
                                                  tmp_path / "b.pdf")))
    assert "Asociación Emprende (ficticia) is responsible for your data" in after  # first
    assert "datos@emprende.example.pe" in after and "ask your facilitator" not in after


def test_subject_access_says_who_receives_the_contact_as_consent_allows(store) -> None:
    from facilitator_app.models import ConsentPurpose
    from facilitator_app.services.privacy import subject_access_data

    _workshop, person = demo_person(store)
    for granted in (True, False):
        store.consents.record(person.id, ConsentPurpose.SHARE_PARTICIPANTS, granted, "paper")
        store.consents.record(person.id, ConsentPurpose.SHARE_PARTNERS, granted, "paper")
        data = subject_access_data(store, person.id, "en")
        lines = dict(data.sections)["Who receives your contact details"]
        texts = " ".join(value for _key, value in lines)
        assert ("Your phone and email are on" in texts or "partner report" in texts) is granted
        assert ("you did not agree" in texts) is not granted
        consent = dict(dict(data.sections)["Consent answers"])
        answer = consent["Sharing your phone and email with participants you are introduced to"]
        assert answer.startswith("Yes" if granted else "No") and "Earlier:" in answer
        assert "signed a paper form" in answer
