"""The CLI contract as a whole: every README command runs, hostile invocations get exit 2 or 3
with a clear message, a closed pipe ends quietly, a bug writes a crash log (exit 4), and every
id option resolves prefixes and every path option is checked by the one helper."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_support import (
    ROOT,
    ids,
    make_demo,
    prefix_of,
    readme_commands,
    run_main,
    run_real,
)

TITLES = ("workshops", "create")  # its --session is a new session's title, not an id
ID_OPTIONS = {"--workshop": "workshops", "--session": "sessions", "--attendee": "attendees",
              "--from": "attendees", "--to": "attendees", "--partner": "partners"}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(demo_template, tmp_path / "creando.db"))


class Readme:
    """Turns a README line into a real invocation: the demo's ids as prefixes, real files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "d.db"
        write_inputs(folder)

    def argv(self, words: list[str]) -> list[str]:
        words = words[1:]  # "creando"
        if words[:1] != ["--db"]:
            words = ["--db", str(self.db), *words]
        elif words[1] == "/tmp/d.db":
            words[1] = str(self.db)
        return [self._value(words, i) for i in range(len(words))]

    def _value(self, words: list[str], index: int) -> str:
        word, before = words[index], words[index - 1] if index else ""
        if before in ID_OPTIONS and word.startswith("01a"):
            return self._id(before, erasing="erase" in words)
        if word == "assets/decks/creando-es":
            return str(ROOT / "assets" / "decks" / "creando-es")
        if word == "PATH":
            return str(self._newest_backup())
        if word.startswith("MK3B-"):
            return self._certificate()
        if word.startswith("CJ5Q"):
            return self._badge_code()
        if word.startswith("K7QX-"):
            return self._fingerprint()
        return word

    def _id(self, option: str, *, erasing: bool) -> str:
        table = ID_OPTIONS[option]
        wanted = {"workshops": self.workshop, "sessions": lambda: ids(
            self.db, "sessions", f"workshop_id = '{self.workshop()}'")[0],
            "attendees": self.erased if erasing else self.person,
            "partners": lambda: ids(self.db, "partners")[0]}[table]()
        return prefix_of(self.db, table, wanted)

    def workshop(self) -> str:
        return ids(self.db, "workshops", "is_demo = 1")[0]

    def _people(self) -> list[str]:
        """Demo people with no check-in and no introduction yet."""
        return ids(self.db, "attendees", "id NOT IN (SELECT attendee_id FROM checkin_events) "
                   "AND id NOT IN (SELECT from_attendee_id FROM introductions WHERE "
                   "from_attendee_id IS NOT NULL) AND id NOT IN (SELECT to_attendee_id FROM "
                   "introductions WHERE to_attendee_id IS NOT NULL)")

    def person(self) -> str:
        return self._people()[0]

    def erased(self) -> str:
        return self._people()[-1]

    def _with_store(self, work):
        from facilitator_app.db import open_database
        from facilitator_app.store import Store

        store = Store(open_database(self.db, backup_on_open=False), path=self.db)
        try:
            return work(store)
        finally:
            store.close()

    def _badge_code(self) -> str:
        from facilitator_app.services.badges import badge_token
        from facilitator_app.tokens import short_code

        return self._with_store(lambda store: short_code(badge_token(
            store, self.workshop(), self.person())))

    def _fingerprint(self) -> str:
        """The demo desk's fingerprint: what the other desk compares before trusting it."""
        from facilitator_app.services.desks import this_desk

        return self._with_store(lambda store: this_desk(store).fingerprint)

    def _certificate(self) -> str:
        """The code of a certificate the demo issues (to someone who met the rule)."""
        from facilitator_app.services.certificates import certificates

        return self._with_store(lambda s: certificates(s, self.workshop(), s.clock().date())[
            0].verification_code)

    def _newest_backup(self) -> Path:
        from facilitator_app.db import list_backups

        return list_backups(self.db)[0].path


def write_inputs(folder: Path) -> None:
    """The files the README's commands read: a registration list (CSV and XLSX) and a Zoom
    report naming a demo participant and a stranger (fictional people)."""
    import openpyxl

    (folder / "lista.csv").write_text(
        "Nombres;Apellidos;Celular / WhatsApp;Correo electrónico\n"
        "Marisol;Quispe Flores;987 111 222;marisol@example.org\n"
        ";;999 000 111;\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.title = "portada"
    sheet = book.create_sheet("participants")
    sheet.append(["Nombre completo", "Celular", "Correo"])
    sheet.append(["Wilmer Antonio Rangel", "+58 412 555 0101", "wilmer@example.org"])
    book.save(folder / "lista.xlsx")
    (folder / "zoom.csv").write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Rosa Elena Chávez Núñez,,05/10/2026 10:00:00 AM,05/10/2026 11:00:00 AM,60\n"
        "Invitado Desconocido,,05/10/2026 10:05:00 AM,05/10/2026 10:15:00 AM,10\n",
        encoding="utf-8")


def test_the_readme_lists_the_commands_it_documents() -> None:
    commands = readme_commands()
    assert len(commands) >= 25 and all(words[0] == "creando" for words in commands)
    assert ["creando", "certificate", "verify", "--workshop", "01a2", "MK3B-DDC7-VF"] in commands


def test_every_readme_command_runs_for_real_in_spanish(tmp_path: Path) -> None:
    readme = Readme(tmp_path)
    for words in readme_commands():
        argv = readme.argv(words)
        result = run_real("--lang", "es", *argv, cwd=tmp_path)
        shown = f"{words}\n{result.stdout}\n{result.stderr}"
        assert result.returncode == 0, shown
        assert "Traceback" not in result.stdout + result.stderr, shown
    assert (tmp_path / "qr").is_dir() and (tmp_path / "otra-mesa.db").exists()


def test_every_readme_command_runs_in_english(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    readme = Readme(tmp_path)
    for words in readme_commands():
        code, out, err = run_main(capsys, "--lang", "en", *readme.argv(words))
        assert code == 0, (words, out, err)
        assert "Traceback" not in out + err, words


# (arguments, exit code, what the Spanish message says). W, S, A, P stand for prefixes of
# the demo's ids; files are made (or deliberately not made) in the test's folder.
HOSTILE = [
    (["attendees", "import", "nothere.csv", "--workshop", "W"], 3,
     "no se encontró el archivo: nothere.csv"),
    (["attendees", "import", "folder", "--workshop", "W"], 3, "es una carpeta"),
    (["archive", "verify", "missing.zip"], 3, "no se encontró el archivo: missing.zip"),
    (["archive", "verify", "folder"], 3, "es una carpeta"),
    (["archive", "restore", "missing.zip"], 3, "no se encontró el archivo: missing.zip"),
    (["checkin", "--workshop", "W", "--image", "nothere.png"], 3,
     "no se encontró el archivo: nothere.png"),
    (["backups", "restore", "nope.db"], 3, "no se encontró el archivo: nope.db"),
    (["online", "import", "nothere.csv", "--session", "S"], 3,
     "no se encontró el archivo: nothere.csv"),
    (["deck", "validate", "nothere"], 3, "no se encontró la carpeta: nothere"),
    (["deck", "validate", "file.txt"], 3, "es un archivo, no una carpeta"),
    (["badges", "--workshop", "W", "-o", "folder"], 3, "es una carpeta"),
    (["badges", "--workshop", "W", "-o", "nodir/b.pdf"], 3, "la carpeta nodir no existe"),
    (["badges", "--workshop", "W", "-o", "b.pdf", "--png-dir", "nodir/qr"], 3,
     "la carpeta nodir no existe"),
    (["badges", "--workshop", "W", "-o", "b.pdf", "--png-dir", "file.txt"], 3,
     "es un archivo, no una carpeta"),
    (["badges", "--workshop", "W", "-o", ""], 3, "es una carpeta"),
    (["export", "report", "--workshop", "W", "-o", "folder"], 3, "es una carpeta"),
    (["export", "handout", "--session", "S", "-o", "nodir/m.pdf"], 3, "no existe"),
    (["subject-access", "--attendee", "A", "-o", "nodir/x.pdf"], 3, "no existe"),
    (["archive", "create", "--workshop", "W", "-o", "nodir/t.zip"], 3, "no existe"),
    (["attendees", "list", "--workshop", "zzzz"], 3, "zzzz"),
    (["attendees", "list", "--workshop", ""], 3, "taller"),
    (["erase", "--attendee", "0"], 3, "hay varios"),
    (["erase", "--attendee", "zz"], 3, "zz"),
    (["intro", "list", "--workshop", "W "], 0, ""),
    (["certificate", "verify", "--workshop", "W", "MK3B-DDC7-VF"], 1, ""),
    (["retention", "set", "--workshop", "W", "--until", "2026-13-40"], 3, "2026-13-40"),
    (["workshops", "create", "--title", "X", "--starts-on", "31/12/2026"], 3, "31/12/2026"),
    (["workshops", "create", "--title", ""], 3, "taller"),
    (["partners", "add", "--name", "", "--type", "un"], 3, "nombre"),
    (["partners", "add", "--name", "x", "--type", "banco"], 2, "opción no válida: 'banco'"),
    (["checkin", "--workshop", "W", "--name", ""], 3, "nombre"),
    (["checkin", "--workshop", "W", "--code", "C1", "--name", "x"], 2, "no se puede usar"),
    (["intro", "add", "--workshop", "W", "--from", "A", "--partner", "P", "--purpose", " "],
     3, "--purpose"),
    (["intro", "add", "--workshop", "W", "--from", "A", "--partner", "P", "--purpose", "x",
      "--followup-days", "abc"], 2, "abc"),
    (["online", "import", "zoom.csv", "--session", "S", "--min-minutes", "-5"], 2, "-5"),
    (["export", "nope"], 2, "opción no válida: 'nope'"),
    (["no-such-command"], 2, "opción no válida"),
    (["attendees", "list"], 2, "faltan estos argumentos obligatorios: --workshop"),
    (["attendees", "list", "--workshop"], 2, "falta su valor"),
    (["workshops", "list", "--extra"], 2, "argumentos no reconocidos: --extra"),
]


def _hostile_argv(args: list[str], db: Path) -> list[str]:
    swap = {"W": prefix_of(db, "workshops", ids(db, "workshops")[0]),
            "W ": prefix_of(db, "workshops", ids(db, "workshops")[0]) + " ",
            "S": prefix_of(db, "sessions", ids(db, "sessions")[0]),
            "A": prefix_of(db, "attendees", ids(db, "attendees")[0]),
            "P": prefix_of(db, "partners", ids(db, "partners")[0])}
    return [swap.get(word, word) for word in args]


@pytest.mark.parametrize(("args", "code", "says"), HOSTILE,
                         ids=[" ".join(a) for a, _c, _s in HOSTILE])
def test_hostile_invocations_exit_2_or_3_with_a_clear_message(
        args, code, says, demo_db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    write_inputs(tmp_path)
    result, out, err = run_main(capsys, "--lang", "es", "--db", str(demo_db),
                                *_hostile_argv(args, demo_db))
    assert result == code, (out, err)
    assert says.lower() in err.lower(), err
    assert "Traceback" not in out + err
    assert not (tmp_path / "nodir").exists()  # never created behind the user's back


def test_a_missing_file_is_named_in_english_too(demo_db: Path, tmp_path: Path) -> None:
    result = run_real("--lang", "en", "--db", str(demo_db), "attendees", "import",
                      "nothere.csv", "--workshop", ids(demo_db, "workshops")[0][:8],
                      cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.strip() == "Error: File not found: nothere.csv"


def test_a_missing_file_in_spanish_has_no_english_words(demo_db: Path, tmp_path: Path) -> None:
    result = run_real("--lang", "es", "--db", str(demo_db), "attendees", "import",
                      "nothere.csv", "--workshop", ids(demo_db, "workshops")[0][:8],
                      cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr.strip() == "Error: No se encontró el archivo: nothere.csv"


@pytest.mark.parametrize("command", [
    ["attendees", "list", "--workshop", "W"],
    ["--json", "attendees", "list", "--workshop", "W"],
    ["online", "import", "zoom.csv", "--session", "S"],
    ["--help"],
])
def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(
        command, demo_db: Path, tmp_path: Path) -> None:
    """`creando ... | head -2`: the reader is gone before anything is written."""
    write_inputs(tmp_path)
    argv = [word if word not in ("W", "S") else
            prefix_of(demo_db, "workshops" if word == "W" else "sessions",
                      ids(demo_db, "workshops" if word == "W" else "sessions")[0])
            for word in command]
    if argv[:1] == ["--json"]:
        argv = ["--json", "--db", str(demo_db), *argv[1:]]
    elif argv != ["--help"]:
        argv = ["--db", str(demo_db), *argv]
    child = subprocess.Popen([sys.executable, "-m", "facilitator_app", *argv], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()
    with child.stderr:
        errors = child.stderr.read().decode()
    code = child.wait()
    assert code in (0, 141), errors
    assert errors == "", errors  # no traceback, no "Exception ignored" at shutdown


def test_piping_into_head_prints_the_first_lines_only(demo_db: Path, tmp_path: Path) -> None:
    workshop = ids(demo_db, "workshops")[0]
    shell = subprocess.run(
        ["bash", "-c", f'set -o pipefail; "{sys.executable}" -m facilitator_app --db '
                       f'"{demo_db}" attendees list --workshop {workshop} | head -2'],
        capture_output=True, text=True, cwd=ROOT)
    assert len(shell.stdout.splitlines()) == 2 and shell.stderr == ""
    assert shell.returncode in (0, 141)


def _boom(*_args) -> None:
    raise RuntimeError("boom in a command")


def test_a_bug_writes_a_crash_log_and_exits_4(monkeypatch, capsys, demo_db: Path,
                                               isolated_data_dir: Path) -> None:
    from facilitator_app.cli import attendees

    monkeypatch.setattr(attendees, "list_attendees", _boom)
    code, out, err = run_main(capsys, "--lang", "en", "--db", str(demo_db), "attendees", "list",
                              "--workshop", ids(demo_db, "workshops")[0], "--search",
                              "Rosa Secreta")
    assert code == 4 and out == ""
    assert "Traceback" not in err and "internal error" in err
    (log,) = (isolated_data_dir / "logs").glob("crash-*.txt")
    assert str(log) in err and len(err.splitlines()) == 1
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: boom in a command" in text
    assert "command: attendees list" in text
    assert "Rosa Secreta" not in text  # the arguments are never logged


def test_a_bug_with_json_is_a_json_error_object(monkeypatch, capsys, demo_db: Path,
                                                 isolated_data_dir: Path) -> None:
    from facilitator_app.cli import workshops

    monkeypatch.setattr(workshops, "list_workshops", _boom)
    code, out, err = run_main(capsys, "--lang", "es", "--json", "--db", str(demo_db),
                              "workshops", "list")
    assert code == 4
    reply = json.loads(out)
    assert reply["error"] == "bug" and Path(reply["log"]).exists()
    assert Path(reply["log"]).parent == isolated_data_dir / "logs"
    assert "error interno" in reply["message"] and "Traceback" not in err


def test_a_bug_in_the_app_launcher_is_caught_too(capsys, isolated_data_dir: Path) -> None:
    from facilitator_app.cli import main

    assert main(["--lang", "en", "--db", "x.db"], launch_app=_boom) == 4
    assert "internal error" in capsys.readouterr().err
    assert list((isolated_data_dir / "logs").glob("crash-*.txt"))


def test_with_no_writable_data_folder_the_log_goes_to_the_temp_folder(
        monkeypatch, capsys, tmp_path: Path) -> None:
    from facilitator_app.cli import crash, workshops

    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("CREANDO_DATA_DIR", str(blocked))  # logs/ cannot be made inside a file
    monkeypatch.setattr(crash.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    monkeypatch.setattr(workshops, "list_workshops", _boom)
    code, _out, err = run_main(capsys, "--lang", "en", "--db", str(tmp_path / "d.db"),
                               "workshops", "list")
    assert code == 4
    (log,) = (tmp_path / "tmp" / "creando-desk-logs").glob("crash-*.txt")
    assert str(log) in err


def _leaf_parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield path, parser
        return
    for name, child in subparsers[0].choices.items():
        yield from _leaf_parsers(child, (*path, name))


def every_command() -> list[tuple[str, ...]]:
    from facilitator_app.cli import build_parser

    return [path for path, _parser in _leaf_parsers(build_parser())]


def test_every_id_option_resolves_prefixes_and_every_path_is_checked() -> None:
    from facilitator_app.cli import build_parser
    from facilitator_app.cli.args import IdArg, PathArg

    path_dests = {"file", "path", "backup", "image", "output", "png_dir"}
    checked = 0
    for path, parser in _leaf_parsers(build_parser()):
        for action in parser._actions:
            if set(action.option_strings) & set(ID_OPTIONS) and path != TITLES:
                assert isinstance(action.type("x"), IdArg), (path, action.dest)
                checked += 1
            if action.dest in path_dests:
                assert isinstance(action.type("x"), PathArg), (path, action.dest)
    assert checked >= 20


@pytest.mark.parametrize("command", every_command(), ids=" ".join)
def test_every_command_resolves_its_id_options_through_the_store(
        command, demo_db: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    """Each id option of each command goes through the one resolver: an id that does not
    exist is a NotFoundError naming it (exit 3), never a crash or a silent no-op."""
    from facilitator_app.cli import build_parser

    monkeypatch.chdir(tmp_path)
    write_inputs(tmp_path)
    parser = dict(_leaf_parsers(build_parser()))[command]
    valid = {flag: prefix_of(demo_db, table, ids(demo_db, table)[0])
             for flag, table in ID_OPTIONS.items()}
    for action in parser._actions:
        if set(action.option_strings) & set(ID_OPTIONS) and command != TITLES:
            argv = _minimal(parser, command, action.option_strings[0], valid)
            code, out, err = run_main(capsys, "--lang", "en", "--db", str(demo_db), *argv)
            assert code == 3 and "ffffffff" in err, (argv, out, err)


def _minimal(parser: argparse.ArgumentParser, command: tuple[str, ...], wrong: str,
             valid: dict[str, str]) -> list[str]:
    """The command with its required arguments (valid ids), `wrong` given an unknown id."""
    argv = list(command)
    chosen = [g._group_actions[0] for g in parser._mutually_exclusive_groups if g.required
              and not any(wrong in a.option_strings for a in g._group_actions)]
    for action in parser._actions:
        flag = action.option_strings[0] if action.option_strings else None
        if flag is None:
            argv.append("zoom.csv")  # an existing file: the id is what is wrong
        elif flag == wrong:
            argv += [flag, "ffffffff"]
        elif action.required or action in chosen:
            argv += [flag, valid.get(flag, "out.pdf" if action.dest == "output" else "x")]
    return argv


def test_a_session_or_person_of_another_workshop_is_not_taken_for_this_one(
        demo_db: Path, tmp_path: Path, capsys) -> None:
    code, out, _err = run_main(capsys, "--json", "--db", str(demo_db), "workshops", "create",
                               "--title", "Otro taller", "--session", "Única")
    other = json.loads(out)["id"]
    demo_session = ids(demo_db, "sessions", f"workshop_id != '{other}'")[0]
    code, _out, err = run_main(capsys, "--lang", "en", "--db", str(demo_db), "checkin",
                               "--workshop", other, "--session", demo_session[:13], "--code",
                               "C" + "Q" * 26)
    assert code == 3 and f"No session has the id {demo_session[:13]}" in err
    person = ids(demo_db, "attendees")[0]
    code, _out, err = run_main(capsys, "--lang", "en", "--db", str(demo_db), "badges",
                               "--workshop", other, "--attendee", person, "-o",
                               str(tmp_path / "b.pdf"))
    assert code == 3 and "is not registered for this workshop" in err
    assert not (tmp_path / "b.pdf").exists()


def test_an_os_error_on_a_named_file_is_a_problem_to_fix_not_a_bug(
        monkeypatch, capsys, demo_db: Path, isolated_data_dir: Path) -> None:
    from facilitator_app.cli import workshops

    def denied(*_args) -> None:
        raise PermissionError(13, "Permission denied", "/media/usb/informe.xlsx")

    monkeypatch.setattr(workshops, "list_workshops", denied)
    code, _out, err = run_main(capsys, "--lang", "es", "--db", str(demo_db), "workshops",
                               "list")
    assert code == 3
    assert err.strip() == ("Error: No se puede leer ni escribir /media/usb/informe.xlsx "
                           "(permiso denegado).")
    assert not (isolated_data_dir / "logs").exists()


def test_without_a_command_the_headless_entry_point_asks_for_one(tmp_path: Path) -> None:
    result = run_real("--lang", "es", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2 and "creando" in result.stderr
    assert not (tmp_path / "x.db").exists()
