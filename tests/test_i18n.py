"""Every user-visible string exists in Spanish, placeholders intact, and the .mo is current."""

from __future__ import annotations

from facilitator_app.catalogue import extract, problems
from facilitator_app.i18n import _, current_language, set_language


def test_the_spanish_catalogue_is_complete_and_compiled() -> None:
    assert len(extract()) > 50
    assert list(problems("es")) == []


def test_spanish_is_the_default_and_english_is_available() -> None:
    assert set_language("es") == "es"
    assert _("Workshop overview") == "Resumen del taller"
    assert set_language("en") == "en"
    assert _("Workshop overview") == "Workshop overview"


def test_an_unknown_language_falls_back_to_spanish() -> None:
    assert set_language("xx") == "es"
    assert current_language() == "es"


def test_the_checker_catches_a_changed_placeholder(tmp_path, monkeypatch) -> None:
    import shutil

    from facilitator_app import catalogue, paths

    copy = tmp_path / "assets"
    shutil.copytree(paths.assets_dir() / "locale", copy / "locale")
    po = copy / "locale" / "es" / "LC_MESSAGES" / "creando.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("{path} está en uso", "{ruta} está en uso"), encoding="utf-8")
    monkeypatch.setattr(catalogue, "locale_dir", lambda: copy / "locale")
    found = list(problems("es"))
    assert any("placeholders differ" in line for line in found)
    assert any("not compiled from the current .po" in line for line in found)
