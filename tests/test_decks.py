"""Deck parsing and validation: every kind of problem named with its file and line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from facilitator_app.decks.library import import_deck, load_library
from facilitator_app.decks.parse import load_deck
from facilitator_app.errors import RejectedFileError
from facilitator_app.paths import asset

GOOD = """+++
id = "{id}"
title = "Precios justos"
minutes = {minutes}
objectives = ["Calcular el costo"]
takeaway = "Pon precio a un producto hoy."
key_points = ["Costo + margen = precio"]

[[resources]]
title = "SUNAT"
url = "{url}"
+++

## Pasos
1. (5 min) Lista tus costos.
2. (5 min) Suma tu margen.

## Actividad
En parejas.

## Notas para facilitar
- Sin datos personales.
"""


def make_deck(folder: Path, modules: dict[str, str], header: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.toml").write_text(header if header is not None else
                                      'title = "Prueba"\nlanguage = "es"\nversion = "1"\n',
                                      encoding="utf-8")
    for name, text in modules.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def good(module_id="precios", minutes="15", url="https://www.sunat.gob.pe"):
    return GOOD.format(id=module_id, minutes=minutes, url=url)


@pytest.mark.parametrize("name", ["creando-es", "creando-en"])
def test_both_sample_decks_validate(name) -> None:
    deck = load_deck(asset("decks", name))
    assert deck.problems == []
    assert len(deck.modules) >= 8
    assert all(10 <= m.minutes <= 20 and m.takeaway and m.resources for m in deck.modules)
    assert all(r.url.startswith("https://") for m in deck.modules for r in m.resources)


def test_the_two_sample_decks_have_the_same_modules() -> None:
    spanish, english = (load_deck(asset("decks", n)) for n in ("creando-es", "creando-en"))
    assert [(m.id, m.minutes) for m in spanish.modules] == [
        (m.id, m.minutes) for m in english.modules]
    assert (spanish.language, english.language) == ("es", "en")


def test_a_module_is_read_whole(tmp_path) -> None:
    deck = load_deck(make_deck(tmp_path / "d", {"01.md": good()}))
    (module,) = deck.modules
    assert (module.id, module.minutes, module.steps) == (
        "precios", 15, ("(5 min) Lista tus costos.", "(5 min) Suma tu margen."))
    assert module.activity == "En parejas." and "Sin datos" in module.notes


@pytest.mark.parametrize(("text", "line", "words"), [
    (good().replace('id = "precios"\n', ""), 1, "missing id"),
    (good(minutes='"quince"'), 4, "whole number"),
    (good(url="www.sunat.gob.pe"), 11, "no http:// or https://"),
    (good().replace('title = "Precios justos"', 'title = "Precios'), 3, "broken front matter"),
    (good().replace("+++\n\n## Pasos", "\n## Pasos"), 1, "no closing +++"),
    ("# Sin front matter\n", 1, "must start with a +++"),
])
def test_each_problem_names_file_and_line(tmp_path, text, line, words) -> None:
    deck = load_deck(make_deck(tmp_path / "d", {"01-ok.md": good("bien"), "02-bad.md": text}))
    assert [m.id for m in deck.modules] == ["bien"], "a bad module never breaks the deck"
    (problem,) = deck.problems
    assert (problem.file, problem.line) == ("02-bad.md", line)
    assert words in problem.message
    assert str(problem).startswith(f"02-bad.md:{line}: ")


def test_a_duplicate_id_is_reported_on_the_second_file(tmp_path) -> None:
    deck = load_deck(make_deck(tmp_path / "d", {"01.md": good(), "02.md": good()}))
    assert len(deck.modules) == 1
    assert str(deck.problems[0]) == "02.md:2: duplicate id precios (also in 01.md)"


def test_a_deck_without_header_or_modules(tmp_path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    messages = [p.message for p in load_deck(folder).problems]
    assert any("deck.toml" in m for m in messages) and any("no usable module" in m
                                                           for m in messages)


def test_import_a_zipped_deck_into_the_library(tmp_path) -> None:
    source = make_deck(tmp_path / "mi-mazo", {"01.md": good()})
    archive = tmp_path / "mi-mazo.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in source.iterdir():
            out.write(path, f"mi-mazo/{path.name}")
    deck = import_deck(archive)
    assert deck.problems == [] and deck.module("precios")
    assert "mi-mazo" in [d.id for d in load_library()]


def test_a_zip_that_writes_outside_its_folder_is_refused(tmp_path) -> None:
    archive = tmp_path / "malo.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("../../fuera.md", "x")
        out.writestr("deck.toml", 'title = "x"')
    with pytest.raises(RejectedFileError, match="outside"):
        import_deck(archive)


def test_cli_deck_validate_and_list(tmp_path) -> None:
    import json

    from tests.test_cli import creando

    for name in ("creando-es", "creando-en"):
        result = creando("--lang", "en", "deck", "validate", str(asset("decks", name)))
        assert result.returncode == 0 and "No problems found" in result.stdout
    bad = make_deck(tmp_path / "malo", {"01.md": good(), "02.md": good(minutes='"x"')})
    result = creando("--lang", "en", "--json", "deck", "validate", str(bad))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["problems"] == [{"file": "02.md", "line": 4,
                                   "message": "minutes must be a whole number, not 'x'"}]
    listed = json.loads(creando("--json", "deck", "list").stdout)
    assert {"creando-es", "creando-en"} <= {d["id"] for d in listed}
