"""Handouts, certificates, sign-in sheets and "people you met" cards: every name prints, QR codes
scan, content flows onto further pages instead of off the page, and the handout stays small."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports.pdf.cards import write_met_cards
from exports.pdf.certificates import write_certificates
from exports.pdf.handout import write_handout
from exports.pdf.signin import write_signin_sheet
from facilitator_app.export_models import (
    CertificateData,
    ContactCard,
    HandoutData,
    HandoutModule,
    Link,
    MetCard,
    SigninSheetData,
)
from facilitator_app.i18n import _, current_language, set_language

WORKSHOP = "Taller CREANDO: Finanzas y Ventas para Emprendedores — Lima Norte, marzo 2026"
LONG_NAME = "Maximiliano Bartolomé Fernández-Castañeda de la Torre Ugarte"
NAMES = ["María José de la Rosa Fuenmayor", "Ñusta Quispe Huamán", "Łukasz Nowak", LONG_NAME,
         "Ana", "José Gregorio Hernández Pérez", "Yuleisy Carolina Peña Ávila"]
LONG_TAKEAWAY = ("Hoy mismo anota en un cuaderno cada venta y cada gasto del día, separa el dinero "
                 "del negocio del dinero de la casa y, al cerrar la semana, compara ambos totales "
                 "para saber cuánto ganó de verdad tu emprendimiento.")
MODULE_TITLES = ["Separar el dinero del negocio y de la casa", "Precio justo: costos y margen",
                 "Vender por WhatsApp Business", "Formalización: RUC y boletas electrónicas",
                 "Ahorro y crédito: cómo elegir una entidad"]
RESOURCE_URLS = [
    ("Guía de registro del RUC (SUNAT)", "https://www.gob.pe/rucpersonanatural"),
    ("Calculadora de precios", "https://creando.pe/r/precios"),
    ("Catálogo en WhatsApp Business", "https://faq.whatsapp.com/catalogo"),
    ("Boletas electrónicas gratis", "https://www.sunat.gob.pe/boletas"),
    ("Comparador de tasas de la SBS", "https://www.sbs.gob.pe/tasas"),
    ("Plantilla de flujo de caja", "https://creando.pe/r/caja"),
    ("Carnet de Extranjería y PTP: trámites", "https://www.gob.pe/migraciones-ce"),
    ("Cursos gratuitos de PRODUCE", "https://www.gob.pe/produce-cursos"),
]
PARTNERS = (
    ContactCard("Caja Municipal de Ahorro y Crédito", "Créditos para capital de trabajo desde "
                "S/ 500, sin historial crediticio previo", "Rosa Ñaupari", "+51 987 654 321",
                "rosa.naupari@caja.example.pe"),
    ContactCard("Incubadora UniEmprende", "Mentoría de 3 meses para negocios con ventas",
                "Luis Peña", "", "mentoria@uniemprende.example.pe"),
    ContactCard("Encuentros — Servicio Jesuita", "Orientación legal y migratoria gratuita",
                "", "+51 912 345 678", ""),
    ContactCard("Banco del Pueblo & Cía.", "Cuenta de ahorros con Carnet de Extranjería o PTP"),
    ContactCard("Cámara de Comercio de Lima Norte", "Ferias para vender a nuevos clientes",
                "Carmen Ávila", "+51 01 555 0101", "ferias@camara.example.pe"),
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Run in English (the source strings), and put the language back afterwards."""
    before = current_language()
    set_language("en")
    yield
    set_language(before)


def text_of(path: Path) -> list[str]:
    """Each page's text with every run of whitespace as one space (wrapped lines still read)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def handout_data(delivered: bool = True) -> HandoutData:
    modules = []
    for number, title in enumerate(MODULE_TITLES):
        links = RESOURCE_URLS[number * 2:number * 2 + 2] if number < 4 else []
        modules.append(HandoutModule(
            title=title, minutes=10 + 2 * number,
            takeaway=LONG_TAKEAWAY if number % 2 == 0 else "Calcula el precio de tu producto "
            "estrella sumando costos, tiempo y un margen del 30 %.",
            key_points=("Anota todo, aunque sea poco.", "Usa una caja o cuenta aparte.",
                        "Págate un sueldo fijo cada semana.", "Revisa los números el domingo.",
                        "Este quinto punto no se imprime."),
            resources=tuple(Link(t, u) for t, u in links)))
    return HandoutData(language="es", workshop_title=WORKSHOP,
                       session_title="Sesión 2: Dinero, precios y ventas",
                       when="27/03/2026 09:30–12:30", venue="Municipalidad de Los Olivos, Sala 3",
                       modules=tuple(modules), partners=PARTNERS, delivered=delivered)


def test_the_handout_is_small_and_has_every_module_resource_and_partner(tmp_path: Path) -> None:
    data = handout_data()
    assert sum(len(m.resources) for m in data.modules) == 8
    target = write_handout(data, tmp_path / "handout.pdf")

    assert target.stat().st_size < 150_000
    reader = PdfReader(target)
    assert reader.metadata.title == data.session_title
    pages = text_of(target)
    assert len(pages) >= 2
    text = " ".join(pages)
    # the handout's own words follow its content's language (Spanish), not the app's (English)
    for piece in (WORKSHOP, data.session_title, data.when, data.venue, LONG_TAKEAWAY,
                  "Qué hacer hoy", "Aliados que pueden ayudarte", "dictados"):
        assert piece in text
    assert "What to do today" not in text
    for module in data.modules:
        assert module.title in text
    assert "Este quinto punto" not in text  # at most four key points
    for title, url in RESOURCE_URLS:
        assert title in text and url in text
    for partner in PARTNERS:
        assert partner.name in text and partner.detail in text
    assert "rosa.naupari@caja.example.pe" in text and "Rosa Ñaupari" in text


def test_the_handout_says_when_modules_are_only_planned(tmp_path: Path) -> None:
    english = dataclasses.replace(handout_data(False), language="en")
    text = " ".join(text_of(write_handout(english, tmp_path / "plan.pdf")))
    assert "planned" in text and "delivered" not in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_handout_qr_codes_on_a_page_decode_to_their_urls(tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    target = write_handout(handout_data(), tmp_path / "handout.pdf")
    pages = text_of(target)
    number = next(n for n, page in enumerate(pages, start=1)  # the first page with resources
                  if any(url in page for _title, url in RESOURCE_URLS))
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", str(number), "-l", str(number),
                    str(target), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    decoded = sorted(code.text for code in zxingcpp.read_barcodes(Image.open(png)))
    printed = sorted(url for _title, url in RESOURCE_URLS if url in pages[number - 1])
    assert printed  # that page does show resources
    assert decoded == printed


def certificate(n: int, mode: str) -> CertificateData:
    return CertificateData(name=NAMES[n % len(NAMES)] if n else LONG_NAME,
                           workshop_title=WORKSHOP, dates="24–28/03/2026",
                           venue="Municipalidad de Los Olivos, Lima", sessions_attended=4 + n % 2,
                           sessions_held=5, mode=mode, verification_code=f"ABCD-EFG{n}-JK",
                           issued_on=date(2026, 3, 28))


def test_one_certificate_page_per_person_with_their_own_name_and_code(tmp_path: Path) -> None:
    people = [certificate(0, "both"), certificate(1, "in_room"), certificate(2, "online")]
    target = write_certificates(people, tmp_path / "certificates.pdf", title="Certificados")
    pages = text_of(target)
    assert len(pages) == 3
    assert PdfReader(target).metadata.title == "Certificados"
    for page, person in zip(pages, people, strict=True):
        assert person.name in page
        assert f"Verification code: {person.verification_code}" in page
        assert "Certificate of participation" in page
        assert WORKSHOP in page and person.venue in page
        assert f"{person.sessions_attended} of 5 sessions" in page
    assert "in the room and online" in pages[0] and "online" in pages[2]
    assert "28 March 2026" in pages[0]


def test_no_certificates_gives_one_page_that_says_so(tmp_path: Path) -> None:
    pages = text_of(write_certificates([], tmp_path / "none.pdf"))
    assert len(pages) == 1
    assert "attendance rule" in pages[0]


def test_the_pdfs_follow_the_language(tmp_path: Path) -> None:
    sheet = SigninSheetData(WORKSHOP, "Sesión 1", "26/03/2026", names=("Ana",), blank_rows=1)
    english = text_of(write_signin_sheet(sheet, tmp_path / "en.pdf"))[0]
    set_language("es")
    spanish = text_of(write_signin_sheet(sheet, tmp_path / "es.pdf"))[0]
    assert "Name" in english and "Nombre" in spanish  # "Name" is in the catalogue already
    certificate_es = text_of(write_certificates([certificate(1, "both")], tmp_path / "c.pdf"))[0]
    if _("Certificate of participation") == "Certificate of participation":
        pytest.skip("the certificate strings are not in the Spanish catalogue yet")
    assert "Certificado" in certificate_es


def test_the_signin_sheet_has_every_name_then_blank_rows_over_three_pages(tmp_path: Path) -> None:
    names = tuple(f"{NAMES[n % len(NAMES)]} {n + 1}" for n in range(50))
    data = SigninSheetData(workshop_title=WORKSHOP, session_title="Sesión 2: Dinero y precios",
                           when="27/03/2026 09:30", names=names, blank_rows=8)
    target = write_signin_sheet(data, tmp_path / "signin.pdf")
    pages = text_of(target)
    assert len(pages) == 3  # 58 rows at 22 a page
    assert PdfReader(target).metadata.title == data.session_title
    text = " ".join(pages)
    for name in names:
        assert name in text
    for number, page in enumerate(pages, start=1):
        assert data.session_title in page and "Signature" in page
        assert f"Page {number} / 3" in page
    assert "58" in pages[2]


def test_an_empty_signin_sheet_is_one_page_of_blank_rows(tmp_path: Path) -> None:
    data = SigninSheetData(WORKSHOP, "Sesión 1", "26/03/2026", names=(), blank_rows=0)
    assert len(text_of(write_signin_sheet(data, tmp_path / "empty.pdf"))) == 1


def met(n: int) -> tuple[str, ContactCard]:
    if n % 3 == 2:
        partner = PARTNERS[n % len(PARTNERS)]
        return "Crédito para comprar una segunda máquina de coser", partner
    person = ContactCard(NAMES[n % len(NAMES)], f"Emprendimiento número {n}: repostería",
                         phone="+51 9{0}{0} 123 456".format(n % 10) if n % 2 else "",
                         email=f"persona{n}@correo.example.pe" if n % 4 == 0 else "")
    return "Proveedor de insumos al por mayor", person


def test_thirty_introductions_flow_into_further_columns(tmp_path: Path) -> None:
    cards = [MetCard("Yuleisy Carolina Peña Ávila", WORKSHOP, tuple(met(n) for n in range(30))),
             MetCard("Łukasz Nowak", WORKSHOP, (met(0),))]
    target = write_met_cards(cards, tmp_path / "cards.pdf")
    pages = text_of(target)
    assert len(pages) == 2  # a card taller than a column continues in the next one
    assert PdfReader(target).metadata.title
    text = " ".join(pages)
    for _purpose, other in cards[0].met:
        assert other.name in text
    assert "Why: Proveedor de insumos al por mayor" in text
    assert "persona0@correo.example.pe" in text and "+51 911 123 456" in text
    assert "Yuleisy Carolina Peña Ávila" in pages[1]  # her card goes on, under her name
    assert "PEOPLE YOU MET Łukasz Nowak" in pages[1] and "Łukasz Nowak" not in pages[0].split(
        "PEOPLE YOU MET")[-1].split("Why:")[0]


def test_no_cards_still_writes_one_page(tmp_path: Path) -> None:
    assert len(text_of(write_met_cards([], tmp_path / "none.pdf"))) == 1


def test_metadata_carries_only_the_title(tmp_path: Path) -> None:
    target = write_handout(handout_data(), tmp_path / "handout.pdf")
    values = " ".join(str(v) for v in PdfReader(target).metadata.values())
    for partner in PARTNERS:
        assert partner.name not in values
    assert "anonymous" not in values


def test_a_certificate_code_can_be_verified_and_a_wrong_one_is_refused(tmp_path) -> None:
    import json

    from tests.test_cli import creando
    from tests.test_cli_attendees import demo_workshop

    db = tmp_path / "c.db"
    workshop = demo_workshop(db)
    made = creando("--db", str(db), "--json", "export", "certificates", "--workshop",
                   workshop, "-o", str(tmp_path / "c.pdf"))
    assert made.returncode == 0, made.stderr
    text = PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    code = text.split("Verification code:")[-1].split()[0] if "Verification code:" in text \
        else text.split("verificación:")[-1].split()[0]
    good = creando("--db", str(db), "--json", "certificate", "verify", "--workshop", workshop,
                   code.lower())
    assert good.returncode == 0 and json.loads(good.stdout)["valid"] is True
    bad = creando("--db", str(db), "--json", "certificate", "verify", "--workshop", workshop,
                  "AAAA-BBBB-CC")
    assert bad.returncode == 1 and json.loads(bad.stdout) == {"valid": False, "name": None}
