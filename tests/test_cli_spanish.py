"""Spanish throughout: argparse's own words, metavars, usage errors and the values printed for
people (statuses, partner types, table names, check-in outcomes); `--json` keeps the codes."""

from __future__ import annotations

import argparse
import ast
import functools
import gettext
import json
import re
import shutil
from pathlib import Path

import pytest

from facilitator_app.paths import locale_dir
from tests.cli_support import ids, make_demo, prefix_of, run_main
from tests.test_cli_contract import _leaf_parsers, write_inputs

ENGLISH_ARGPARSE = ("usage:", "options:", "positional arguments", "show this help message",
                    "show program's version", "subcommands", "(default:", "the following "
                    "arguments are required", "invalid choice", "unrecognized arguments",
                    "expected one argument", "not allowed with argument", "error: argument ")
# argparse messages only a programming mistake in our own parser can show
DEVELOPER_ONLY = {".__call__() not defined", "conflicting subparser: %s",
                  "conflicting subparser alias: %s", 'argument "-" with mode %r',
                  "cannot merge actions - two groups are named %r",
                  "'required' is an invalid argument for positionals",
                  "invalid option string %(option)r: must start with a character "
                  "%(prefix_chars)r", "dest= is required for options like %r",
                  "invalid conflict_resolution value: %r",
                  "mutually exclusive arguments must be optional",
                  "cannot have multiple subparser arguments", "%r is not callable"}
PERCENT = re.compile(r"%(?:\([a-z_]+\))?[sdr%]")


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo-es") / "demo.db")


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(demo_template, tmp_path / "creando.db"))


def every_parser_path() -> list[tuple[str, ...]]:
    """The top level, every command and every subcommand."""
    from facilitator_app.cli import build_parser

    paths = {()}
    for leaf, _parser in _leaf_parsers(build_parser()):
        paths.update(leaf[:size] for size in range(1, len(leaf) + 1))
    return sorted(paths)


@functools.cache
def english_metavars() -> frozenset[str]:
    """Every metavar the English help shows (TALLER is WORKSHOP there, and so on)."""
    from facilitator_app.cli import build_parser
    from facilitator_app.i18n import set_language

    set_language("en")
    words = set()
    for _path, parser in _leaf_parsers(build_parser()):
        for action in parser._actions:
            shown = action.metavar or (action.dest.upper() if action.option_strings else "")
            if isinstance(shown, str) and shown.isupper():
                words.add(shown)
    return frozenset(words)


@pytest.mark.parametrize("path", every_parser_path(), ids=lambda p: " ".join(p) or "creando")
def test_spanish_help_has_no_english_argparse_words_or_metavars(path, capsys) -> None:
    metavars = english_metavars()
    code, out, err = run_main(capsys, "--lang", "es", *path, "--help")
    assert code == 0 and err == ""
    assert out.startswith("uso: creando") and "opciones:" in out
    for english in ENGLISH_ARGPARSE:
        assert english not in out, english
    shown = set(re.findall(r"\b[A-Z][A-Z_]+\b", out))
    assert not shown & metavars, shown & metavars


def test_every_value_has_a_translated_metavar_or_choices() -> None:
    from facilitator_app.cli import build_parser

    for path, parser in _leaf_parsers(build_parser()):
        for action in parser._actions:
            takes_value = action.nargs != 0 and not isinstance(action, argparse._HelpAction)
            if takes_value and action.choices is None:
                assert action.metavar, (path, action.dest)


@pytest.mark.parametrize(("args", "spanish"), [
    (["attendees", "import"], "faltan estos argumentos obligatorios: ARCHIVO, --workshop"),
    (["badges", "--workshop"], "argumento --workshop: falta su valor"),
    (["partners", "add", "--name", "x", "--type", "banco"], "opción no válida: 'banco'"),
    (["deck", "list", "--sobra"], "argumentos no reconocidos: --sobra"),
    (["checkin", "--workshop", "w"], "se necesita uno de los argumentos --code --image --name"),
    (["checkin", "--workshop", "w", "--code", "c", "--name", "n"],
     "argumento --name: no se puede usar junto con el argumento --code"),
    (["export"], "faltan estos argumentos obligatorios: TIPO"),
    (["intro", "add", "--workshop", "w", "--from", "a", "--partner", "p", "--purpose", "x",
      "--followup-days", "pronto"], "“pronto” no es un número entero"),
    (["--lang", "fr", "demo"], "opción no válida: 'fr'"),
])
def test_usage_errors_are_spanish_and_exit_2(args, spanish, capsys) -> None:
    lang = [] if args[0] == "--lang" else ["--lang", "es"]
    code, out, err = run_main(capsys, *lang, *args)
    assert code == 2 and out == ""
    assert err.startswith("uso: creando") and spanish in err, err
    for english in ENGLISH_ARGPARSE:
        assert english not in err, english


def _argparse_msgids() -> set[str]:
    """The messages this Python's argparse passes to `_` and `ngettext`."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in ("_", "ngettext") and node.args and \
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.add(node.args[0].value)
    return found


def test_every_message_of_this_pythons_argparse_is_in_the_catalogue() -> None:
    from facilitator_app.cli.argparse_i18n import ARGPARSE_MESSAGES, ARGPARSE_PLURALS

    listed = set(ARGPARSE_MESSAGES) | {singular for singular, _plural in ARGPARSE_PLURALS}
    found = _argparse_msgids()
    assert {"usage: ", "the following arguments are required: %s"} <= found
    assert found - DEVELOPER_ONLY - listed == set()


def test_argparse_translations_keep_their_placeholders() -> None:
    from facilitator_app.cli.argparse_i18n import ARGPARSE_MESSAGES, ARGPARSE_PLURALS

    spanish = gettext.translation("creando", localedir=str(locale_dir()), languages=["es"])
    for msgid in ARGPARSE_MESSAGES:
        text = spanish.gettext(msgid)
        assert text != msgid or msgid in ("%(heading)s:", "%(prog)s: error: %(message)s\n")
        assert sorted(PERCENT.findall(text)) == sorted(PERCENT.findall(msgid)), msgid
    for singular, plural in ARGPARSE_PLURALS:
        for n in (1, 2):
            text = spanish.ngettext(singular, plural, n)
            assert text not in (singular, plural) and PERCENT.findall(text) == ["%s"]


def _ids(db: Path) -> dict[str, str]:
    return {"W": prefix_of(db, "workshops", ids(db, "workshops")[0]),
            "S": prefix_of(db, "sessions", ids(db, "sessions")[0])}


def test_online_import_statuses_are_spanish_and_json_keeps_the_codes(
        demo_db: Path, tmp_path: Path, capsys) -> None:
    write_inputs(tmp_path)
    session = _ids(demo_db)["S"]
    argv = ["--db", str(demo_db), "online", "import", str(tmp_path / "zoom.csv"), "--session",
            session]
    code, out, _err = run_main(capsys, "--lang", "es", *argv)
    assert code == 0
    assert re.search(r"identificada +60\.0 min  Rosa Elena Chávez Núñez", out)
    assert re.search(r"sin identificar +10\.0 min  Invitado Desconocido", out)
    assert not re.search(r"\b(matched|unmatched|review|ignored|zoom-join-rows)\b", out)
    code, out, _err = run_main(capsys, "--lang", "es", "--json", *argv)
    assert {p["status"] for p in json.loads(out)["people"]} == {"matched", "unmatched"}


def test_intro_and_partner_lists_print_spanish_words(demo_db: Path, capsys) -> None:
    workshop = _ids(demo_db)["W"]
    code, out, _err = run_main(capsys, "--lang", "es", "--db", str(demo_db), "intro", "list",
                               "--workshop", workshop)
    assert code == 0 and "[pendiente]" in out and "[hecho]" in out
    assert not re.search(r"\[(pending|done|no_answer)\]", out)
    code, out, _err = run_main(capsys, "--lang", "es", "--json", "--db", str(demo_db), "intro",
                               "list", "--workshop", workshop)
    assert {"pending", "done"} <= {row["status"] for row in json.loads(out)}
    code, out, _err = run_main(capsys, "--lang", "es", "--db", str(demo_db), "partners",
                               "list")
    assert "(Sociedad civil)" in out and "(Sector privado)" in out and "_" not in out
    code, out, _err = run_main(capsys, "--lang", "es", "--json", "--db", str(demo_db),
                               "partners", "list")
    assert "civil_society" in {p["type"] for p in json.loads(out)}


def test_archive_restore_names_the_tables_in_spanish(demo_db: Path, tmp_path: Path,
                                                     capsys) -> None:
    archive = tmp_path / "taller.zip"
    run_main(capsys, "--db", str(demo_db), "archive", "create", "--workshop",
             _ids(demo_db)["W"], "-o", str(archive))
    _code, shown, _err = run_main(capsys, "--json", "--db", str(demo_db), "desk", "show")
    signer = ["--trust-signer", json.loads(shown)["fingerprint"]]  # paired, as the README says
    code, out, _err = run_main(capsys, "--lang", "es", "--db", str(tmp_path / "otra.db"),
                               "archive", "restore", str(archive), *signer)
    assert code == 0 and "talleres: 1" in out and "participantes: 60" in out
    assert "registros de ingreso:" in out
    assert not re.search(r"\b(workshops|attendees|checkin_events|badge_tokens|badge_keys)\b",
                         out)
    code, out, _err = run_main(capsys, "--lang", "es", "--json", "--db",
                               str(tmp_path / "tercera.db"), "archive", "restore", str(archive),
                               *signer)
    assert json.loads(out)["added"]["checkin_events"] > 0


def test_checkin_outcomes_are_spanish_and_json_keeps_the_codes(demo_db: Path, capsys) -> None:
    workshop = _ids(demo_db)["W"]
    forged = ["--db", str(demo_db), "checkin", "--workshop", workshop, "--code", "C" + "Q" * 26]
    code, out, _err = run_main(capsys, "--lang", "es", *forged)
    assert code == 1 and out.strip() == ("Código falso: no es una credencial auténtica de "
                                         "este taller")
    code, out, _err = run_main(capsys, "--lang", "es", "--json", *forged)
    assert json.loads(out)["outcome"] == "forged"


def test_a_partner_with_the_same_folded_name_is_refused(demo_db: Path, capsys) -> None:
    code, out, _err = run_main(capsys, "--json", "--db", str(demo_db), "partners", "add",
                               "--name", "Banco Ñandú", "--type", "private_sector")
    first = json.loads(out)
    for lang, name, says in (("es", "  banco   ÑANDU ", "Ya existe un aliado llamado"),
                             ("en", "BANCO nandú", "There is already a partner called")):
        code, out, err = run_main(capsys, "--lang", lang, "--db", str(demo_db), "partners",
                                  "add", "--name", name, "--type", "un")
        assert code == 3 and out == ""
        assert f"{says} Banco Ñandú ({first['id']})" in err
    code, out, _err = run_main(capsys, "--json", "--db", str(demo_db), "partners", "list")
    assert [p["name"] for p in json.loads(out)].count("Banco Ñandú") == 1
