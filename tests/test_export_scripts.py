"""Every name prints in every PDF: each character of a name in any script is drawn with a real
glyph of a font embedded in the file (read back from the PDF's own font subsets)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from exports.pdf import scripts
from exports.pdf.badges import BadgeData, write_badges, write_single_badge
from exports.pdf.cards import write_met_cards
from exports.pdf.certificates import write_certificates
from exports.pdf.fonts import BOLD, CJK, EMOJI, REGULAR, register_fonts
from exports.pdf.handout import write_handout
from exports.pdf.signin import write_signin_sheet
from exports.pdf.subject_access import write_subject_access
from exports.pdf.text import fit_width
from facilitator_app.export_models import (
    CertificateData,
    ContactCard,
    HandoutData,
    HandoutModule,
    MetCard,
    SigninSheetData,
    SubjectAccessData,
)

# Fictional people, one per script the programme meets.
NAMES = {
    "latin": "Ñusta Łucja Quispe-Güemes Ðorđević",
    "cyrillic": "Анастасия Петрова",
    "arabic": "محمد أحمد الحسيني",
    "chinese": "王小明",
    "japanese": "山田 さくら",
    "korean": "김민준",
    "emoji": "Yuleisy Peña 😀👍",
}
BUSINESS = "Panadería 面包 Хлеб مخبز 🍞"
WORKSHOP = "Taller de Finanzas — Lima"
CODE = "CJ5Q-2K7X-WPA3"


def _fonts_in(resources: DictionaryObject) -> list[DictionaryObject]:
    """The fonts of a resource dictionary and of the forms it uses, recursively."""
    found = [font.get_object() for font in resources.get("/Font", {}).values()]
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            found += _fonts_in(xobject["/Resources"].get_object())
    return found


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    """Character code -> text, from the font's ToUnicode CMap (bfchar and bfrange)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    codes: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            # UTF-16, or (as reportlab writes a character beyond U+FFFF) its code point
            codes[int(code, 16)] = (bytes.fromhex(text).decode("utf-16-be") if len(text) % 4 == 0
                                    else chr(int(text, 16)))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                codes[int(low, 16) + offset] = chr(int(start, 16) + offset)
    return codes


def embedded_characters(pdf: Path) -> set[str]:
    """Every character some embedded TrueType subset of `pdf` draws with a real outline (not
    the .notdef box): its ToUnicode code maps to a glyph that has contours."""
    covered: set[str] = set()
    for page in PdfReader(pdf).pages:
        for font in _fonts_in(page["/Resources"].get_object()):
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                continue
            data = descriptor.get_object()["/FontFile2"].get_object().get_data()
            subset = TTFont(io.BytesIO(data))
            code_to_glyph = subset["cmap"].tables[0].cmap
            glyphs = subset["glyf"]
            for code, text in _to_unicode(font).items():
                glyph = code_to_glyph.get(code)
                if glyph and glyph != ".notdef" and glyphs[glyph].numberOfContours != 0:
                    covered.update(text)
    return covered


def drawn(text: str) -> set[str]:
    """The characters that `text` is drawn with (Arabic joined, emoji helpers dropped)."""
    return {char for char in scripts.visual(text) if not char.isspace()}


def assert_every_name_embedded(pdf: Path, names: list[str]) -> None:
    covered = embedded_characters(pdf)
    for name in names:
        missing = drawn(name) - covered
        assert not missing, f"{name!r}: no embedded glyph for {sorted(missing)} in {pdf.name}"


def _badges(target: Path, names: list[str]) -> Path:
    return write_badges([BadgeData(name, BUSINESS, WORKSHOP, "CJ5Q2K7XWPA3M4RTZB6N2HQ5SLA",
                                   CODE) for name in names], target)


def _single_badges(target: Path, names: list[str]) -> list[tuple[Path, list[str]]]:
    """One walk-in badge per name, each on its own A6 page."""
    return [(write_single_badge(BadgeData(name, BUSINESS, WORKSHOP,
                                          "CJ5Q2K7XWPA3M4RTZB6N2HQ5SLA", CODE),
                                target.with_name(f"single-{index}.pdf"), "a6"), [name])
            for index, name in enumerate(names)]


def _certificates(target: Path, names: list[str]) -> Path:
    return write_certificates([CertificateData(
        name=name, workshop_title=WORKSHOP, dates="2 de diciembre de 2026", venue="Lima",
        sessions_attended=1, sessions_held=1, mode="in_room", verification_code=CODE,
        issued_on=date(2026, 12, 2), issuer="ONG 希望", partner=BUSINESS,
        facilitator=names[0]) for name in names], target)


def _cards(target: Path, names: list[str]) -> Path:
    return write_met_cards([MetCard(name, WORKSHOP, tuple(
        ("Proveedores 供应商", ContactCard(other, BUSINESS, contact_name=other))
        for other in names)) for name in names], target)


def _subject_access(target: Path, names: list[str]) -> Path:
    return write_subject_access(SubjectAccessData(
        language="es", name=names[0], generated_at="02/12/2026 09:30",
        sections=[("Registro", [(name, BUSINESS) for name in names])]), target)


def _handout(target: Path, names: list[str]) -> Path:
    return write_handout(HandoutData(
        language="es", workshop_title=WORKSHOP + " " + names[0], session_title="Sesión 1",
        when="02/12/2026 09:30", venue="Lima",
        modules=(HandoutModule("Costos", 30, "Anota tus costos."),),
        partners=tuple(ContactCard(name, BUSINESS, contact_name=name) for name in names)),
        target)


def _signin(target: Path, names: list[str]) -> Path:
    return write_signin_sheet(SigninSheetData(WORKSHOP, "Sesión 1", "02/12/2026",
                                              (*names, BUSINESS)), target)


WRITERS: dict[str, Callable[[Path, list[str]], Path]] = {
    "badges": _badges, "certificates": _certificates, "cards": _cards,
    "subject access": _subject_access, "handout": _handout, "sign-in sheet": _signin}


@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_name_in_every_script_is_drawn_with_an_embedded_glyph(tmp_path: Path,
                                                                    kind: str) -> None:
    names = list(NAMES.values())
    target = WRITERS[kind](tmp_path / "out.pdf", names)
    assert_every_name_embedded(target, [*names, BUSINESS])


def test_a_walk_ins_badge_prints_every_script_too(tmp_path: Path) -> None:
    for target, names in _single_badges(tmp_path / "out.pdf", list(NAMES.values())):
        assert_every_name_embedded(target, [*names, BUSINESS])


def test_the_check_sees_a_missing_glyph(tmp_path: Path) -> None:
    """The embedded-glyph check itself fails on a name drawn in a font that lacks it."""
    from reportlab.pdfgen.canvas import Canvas

    regular, _bold = register_fonts()
    target = tmp_path / "boxes.pdf"
    canvas = Canvas(str(target))
    canvas.setFont(regular, 12)
    canvas.drawString(72, 700, NAMES["chinese"])  # DejaVu only: three empty boxes
    canvas.save()
    assert drawn(NAMES["chinese"]) - embedded_characters(target) == set(NAMES["chinese"])


def test_arabic_is_joined_and_laid_right_to_left() -> None:
    shown = scripts.visual("محمد")
    assert all("\ufe70" <= char <= "\ufefc" for char in shown)  # joined presentation forms
    assert shown == "\ufee3\ufea4\ufee4\ufeaa"[::-1]  # final dal first: drawn right to left
    assert scripts.right_to_left("محمد أحمد") and not scripts.right_to_left("Ana محمد")
    assert scripts.visual("Ana") == "Ana"


def test_each_character_goes_to_a_font_that_has_it() -> None:
    regular, bold = register_fonts()
    assert scripts.runs("Ana 王小明 😀🍞", bold) == [
        (BOLD, "Ana "), (CJK, "王小明"), (BOLD, " 😀"), (EMOJI, "🍞")]
    assert scripts.runs("Ана", regular) == [(REGULAR, "Ана")]
    # Skin tones, the variation selector and zero-width joiners print nothing: dropped.
    assert scripts.runs("👍🏽❤️", regular) == [(EMOJI, "👍"), (REGULAR, "❤")]
    # A character no shipped font has (a 2021 emoji) shows as a visible "?", not a box.
    assert scripts.runs("Ana 🫠", regular) == [(REGULAR, "Ana ?")]


def test_markup_escapes_and_marks_the_fallback_runs() -> None:
    regular, _bold = register_fonts()
    assert scripts.markup("A&B <王>", regular) == \
        f'A&amp;B &lt;<font face="{CJK}">王</font>&gt;'


def test_widths_and_cuts_count_each_run_in_its_own_font() -> None:
    regular, _bold = register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert scripts.width("王小明", regular, 10) == pytest.approx(stringWidth("王小明", CJK, 10))
    cut = fit_width("王小明 山田 さくら 김민준", regular, 10, 40)
    assert cut.endswith("…") and scripts.width(cut, regular, 10) <= 40
