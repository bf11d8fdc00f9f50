"""Category answers become canonical codes (issue 17): the synonym table, the import's review
of unknown answers (remembered for the next list), the CLI's --map and the migration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from facilitator_app.categories import FIELDS, canonical, categorise
from facilitator_app.contact import normalise_gender, normalise_nationality
from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.i18n import set_language
from facilitator_app.labels import CATEGORIES, category_label
from facilitator_app.migrations import migrations
from facilitator_app.services.registry_import import (
    apply_import,
    choose_category,
    prepare_import,
)
from facilitator_app.services.workshops import create_workshop
from tests.test_cli import creando

MIXED = ("Nombre,Rubro,Nacionalidad,Sexo\n"
         "Ana Pérez,Comida,venezolana,Mujer\n"
         "Luis Soto,alimentos,Venezuela,hombre\n"
         "Rosa Díaz,Food,VE,F\n"
         "Juan Ríos,Minería,peruana,M\n"
         "Eva Luna,MINERIA,Brasileña,x\n"
         "Mia Paz,food,Marte,prefiero no decir\n")


@pytest.mark.parametrize(("field", "answers", "code"), [
    ("sector", ["Comida", "alimentos", "Food", "food", " ALIMENTOS ", "Gastronomía"], "food"),
    ("sector", ["Servicios", "services", "servicio"], "services"),
    ("nationality", ["venezolano", "Venezolana", "Venezuela", "VE", "ve", "VEN"], "VE"),
    ("nationality", ["peruana", "Perú", "PERU", "PE", "peruano"], "PE"),
    ("nationality", ["Haití", "haitiana"], "HT"),
    ("gender", ["Mujer", "femenino", "F", "female"], "F"),
    ("gender", ["Hombre", "masculino", "male"], "M"),
    ("gender", ["prefiero no decir", "Prefer not to say", ""], ""),
])
def test_answers_in_spanish_and_english_are_one_code(field, answers, code) -> None:
    assert {canonical(field, answer) for answer in answers} == {code}


def test_an_answer_no_table_knows_is_not_guessed() -> None:
    assert canonical("sector", "Minería") is None
    assert canonical("nationality", "Marte") is None
    assert canonical("gender", "tal vez") is None
    assert normalise_nationality(" Marte ") == "Marte"  # as written, for the review
    assert normalise_gender("tal vez") == "" and normalise_gender("mujer") == "F"
    assert categorise("sector", "  Minería  ", {}) == "Minería"
    assert categorise("sector", "mineria", {("sector", "mineria"): "other:Minería"}) == \
        "other:Minería"


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_label_the_app_shows_reads_back_as_its_code(language) -> None:
    """An edited person keeps their codes: the form shows the label, saving reads it."""
    set_language(language)
    for field in FIELDS:
        for code in CATEGORIES[field]:
            assert canonical(field, category_label(field, code)) == code, (field, code)
            assert canonical(field, code) == code


def test_nationality_codes_are_iso_alpha_2_with_words_in_both_languages() -> None:
    from facilitator_app.categories import SYNONYMS

    assert set(CATEGORIES["nationality"]) >= {"VE", "PE", "CO", "EC", "BO", "CL", "AR", "HT",
                                              "CU"}
    assert all(len(code) == 2 and code.isupper() for code in CATEGORIES["nationality"])
    assert set(SYNONYMS["nationality"]) == set(CATEGORIES["nationality"])
    set_language("es")
    assert category_label("nationality", "PE") == "Perú"
    assert category_label("sector", "other:Minería") == "otro: Minería"
    set_language("en")
    assert category_label("nationality", "PE") == "Peru"
    assert category_label("nationality", "") == "not recorded"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixta.csv"
    path.write_text(MIXED, encoding="utf-8")
    return path


def test_the_preview_lists_unknown_answers_and_the_choice_is_remembered(store, mixed,
                                                                         tmp_path) -> None:
    workshop = create_workshop(store, "Taller").workshop
    plan = prepare_import(store, mixed)
    assert [(r.sector, r.nationality, r.gender) for r in plan.accepted] == [
        ("food", "VE", "F"), ("food", "VE", "M"), ("food", "VE", "F"),
        ("Minería", "PE", "M"), ("MINERIA", "BR", "X"), ("food", "Marte", "")]
    assert plan.unmapped == {"sector": {"Minería": 2}, "nationality": {"Marte": 1}}
    with pytest.raises(KnownError, match="XX"):
        choose_category(plan, "nationality", "Marte", "XX")
    with pytest.raises(KnownError, match="category"):
        choose_category(plan, "district", "Marte", "other")
    assert choose_category(plan, "sector", "minería", "other") == "other:minería"
    assert choose_category(plan, "nationality", "Marte", "ve") == "VE"
    apply_import(store, plan, workshop.id)
    stored = {p.name: (p.sector, p.nationality) for p in store.attendees.all()}
    assert stored["Juan Ríos"] == ("other:minería", "PE")
    assert stored["Eva Luna"] == ("other:minería", "BR")
    assert stored["Mia Paz"] == ("food", "VE")

    again = tmp_path / "otra.csv"
    again.write_text("Nombre,Rubro,Nacionalidad\nTeo Ruiz,Minería,MARTE\n"
                     "Lia Mora,Pesca,Chile\n", encoding="utf-8")
    plan = prepare_import(store, again)
    assert [(r.sector, r.nationality) for r in plan.accepted] == [
        ("other:minería", "VE"), ("Pesca", "CL")]
    assert plan.unmapped == {"sector": {"Pesca": 1}}


def test_a_choice_also_corrects_the_people_already_stored(store, mixed, tmp_path) -> None:
    workshop = create_workshop(store, "Taller").workshop
    apply_import(store, prepare_import(store, mixed), workshop.id)  # nothing chosen
    assert store.attendees.unreviewed_categories("sector") == {"MINERIA": 1, "Minería": 1}
    later = tmp_path / "tarde.csv"
    later.write_text("Nombre,Rubro\nTeo Ruiz,minería\n", encoding="utf-8")
    plan = prepare_import(store, later)
    choose_category(plan, "sector", "minería", "handicrafts")
    apply_import(store, plan, workshop.id)
    assert store.attendees.unreviewed_categories("sector") == {}
    assert sorted(p.sector for p in store.attendees.all() if p.sector != "food") == [
        "handicrafts"] * 3


def test_the_cli_reports_unknown_answers_and_takes_map(db_file: Path, mixed: Path) -> None:
    workshop = json.loads(creando("--db", str(db_file), "--json", "demo").stdout)["id"]
    base = ("--db", str(db_file), "--lang", "en", "attendees", "import", str(mixed),
            "--workshop", workshop)
    dry = creando(*base, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Sector: no code for \u201cMinería\u201d \u00d72." in dry.stdout
    assert "--map nationality:ANSWER=CODE" in dry.stdout
    refused = creando(*base, "--map", "nationality:Marte=XX")
    assert refused.returncode == 3 and "XX" in refused.stderr
    assert "Traceback" not in refused.stderr
    usage = creando(*base, "--map", "Marte")
    assert usage.returncode == 2 and "field:answer=code" in usage.stderr
    done = json.loads(creando("--db", str(db_file), "--json", "attendees", "import",
                              str(mixed), "--workshop", workshop, "--map", "sector:Minería=other",
                              "--map", "nationality:Marte=PE").stdout)
    assert done["imported"] == 6 and done["unmapped"] == {}
    assert {"field": "nationality", "answer": "marte", "code": "PE"} in done["mapped"]
    remembered = json.loads(creando("--db", str(db_file), "--json", "attendees", "import",
                                    str(mixed), "--workshop", workshop, "--dry-run").stdout)
    assert remembered["unmapped"] == {}


def test_the_migration_turns_stored_answers_into_codes(db_file: Path) -> None:
    old = Database(db_file)
    migrations.apply(old, stop_before="0011_category_mappings")
    for number, (sector, nationality, gender) in enumerate([
            ("Comida", "venezolana", "F"), ("alimentos", "Perú", "M"),
            ("Food", "VE", ""), ("Minería", "Marte", "")]):
        old.execute("INSERT INTO attendees (id, given_names, sector, nationality, gender, "
                    "created_at, updated_at) VALUES (?, 'P', ?, ?, ?, 'x', 'x')",
                    [f"a{number}", sector, nationality, gender])
    old.conn.commit()
    old.close()
    db = open_database(db_file)
    assert db.execute("SELECT sector, nationality, gender FROM attendees ORDER BY id"
                      ).fetchall() == [("food", "VE", "F"), ("food", "PE", "M"),
                                       ("food", "VE", ""), ("Minería", "Marte", "")]
    assert db.execute("SELECT COUNT(*) FROM category_mappings").fetchone()[0] == 0
    db.close()


def test_answers_stored_without_a_code_show_up_for_review_and_a_choice_fixes_them(
        store, mixed, tmp_path) -> None:
    workshop = create_workshop(store, "Taller").workshop
    apply_import(store, prepare_import(store, mixed), workshop.id)  # nothing chosen
    other = tmp_path / "otra.csv"
    other.write_text("Nombre,Rubro\nTeo Ruiz,Pesca\n", encoding="utf-8")
    plan = prepare_import(store, other)
    assert plan.unmapped == {"sector": {"Pesca": 1}}
    assert plan.stored_unmapped == {"sector": {"MINERIA": 2}, "nationality": {"Marte": 1}}
    choose_category(plan, "nationality", "marte", "other")
    choose_category(plan, "sector", "Minería", "handicrafts")
    apply_import(store, plan, workshop.id)
    assert plan.stored_unmapped == {} and plan.unmapped == {"sector": {"Pesca": 1}}
    assert {p.name: p.nationality for p in store.attendees.all()}["Mia Paz"] == "other:marte"
    assert store.attendees.unreviewed_categories("sector") == {"Pesca": 1}
