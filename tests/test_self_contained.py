"""A fresh clone passes its own tests: no test outside the corpus tier reads outside the
repository, and the project's fixtures keep the byte layouts of the real files they stand for."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FIXTURES, ROOT

TESTS = ROOT / "tests"
# Only these may name the corpus: conftest defines CORPUS, test_corpus*.py use it, and this
# module holds the scanner and its samples.
ALLOWED = {"conftest.py", "test_self_contained.py"}
_SHARED = re.compile(r"(^|[/\\])shared([/\\]|$)")
_PATH_CALLS = {"Path", "PurePath", "open", "join", "joinpath", "chdir", "scandir", "listdir"}


def outside_reads(path: Path) -> list[str]:
    """Places in a module that name the shared folder or build a path above the repository."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if _SHARED.search(text) or text.startswith(str(ROOT.parent) + "/"):
                found.append(f"{where} names {text!r}")
        elif isinstance(node, ast.Name) and node.id in ("CORPUS", "CREANDO_CORPUS_DIR"):
            found.append(f"{where} uses {node.id}")
        elif isinstance(node, ast.alias) and node.name == "CORPUS":
            found.append(f"{where} imports CORPUS")
        elif isinstance(node, ast.Attribute) and node.attr == "parent" and (
                _is_root(node.value) or _parent_depth(node) >= 3):
            found.append(f"{where} climbs above the repository with .parent")
        found.extend(f"{where} joins {arg!r}" for arg in _dot_dot_joins(node))
    return found


def _is_root(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "ROOT"


def _parent_depth(node: ast.AST) -> int:
    depth = 0
    while isinstance(node, ast.Attribute) and node.attr == "parent":
        depth, node = depth + 1, node.value
    return depth


def _dot_dot_joins(node: ast.AST) -> list[str]:
    """`..` used to build a path: `x / ".."`, `Path("../y")`, `os.path.join(a, "..")`."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        candidates = [node.left, node.right]
    elif isinstance(node, ast.Call) and _call_name(node.func) in _PATH_CALLS:
        candidates = list(node.args)
    else:
        return []
    return [c.value for c in candidates if isinstance(c, ast.Constant)
            and isinstance(c.value, str) and re.match(r"\.\.([/\\]|$)", c.value)]


def _call_name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def scanned_modules() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py")
                  if path.name not in ALLOWED and not path.name.startswith("test_corpus"))


def test_no_test_outside_the_corpus_tier_reads_outside_the_repository() -> None:
    modules = scanned_modules()
    assert TESTS / "test_online_reports.py" in modules and len(modules) > 30
    assert [problem for path in modules for problem in outside_reads(path)] == []


def test_the_scan_sees_every_way_out(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "from pathlib import Path\n"
        "from tests.conftest import CORPUS, ROOT\n"
        "a = ROOT.parent / 'shared' / 'fixtures'\n"
        "b = Path(__file__).resolve().parent.parent.parent / 'x.csv'\n"
        "c = Path('../shared/fixtures/zoom/x.csv')\n"
        "d = ROOT / '..' / 'elsewhere'\n"
        f"e = {str(ROOT.parent) + '/somewhere'!r}\n", encoding="utf-8")
    problems = "\n".join(outside_reads(sample))
    for line in (2, 3, 4, 5, 6, 7):
        assert f"test_sample.py:{line} " in problems, problems
    harmless = tmp_path / "test_harmless.py"
    harmless.write_text("import zipfile\nROOT = None\nshared_contact = 1\n"
                        "zipfile.ZipFile('z.zip', 'w').writestr('../../fuera.md', 'x')\n"
                        "p = Path(__file__).resolve().parent.parent / 'tests'\n",
                        encoding="utf-8")
    assert outside_reads(harmless) == []


def test_fixtures_live_in_the_repository_and_the_corpus_outside() -> None:
    from tests import conftest

    assert FIXTURES == TESTS / "fixtures" and FIXTURES.is_dir()
    assert not CORPUS.resolve().is_relative_to(ROOT)
    paths = {name: value for name, value in vars(conftest).items() if isinstance(value, Path)}
    assert {"ROOT", "FIXTURES", "CORPUS"} <= set(paths)
    assert [name for name, value in paths.items()
            if name != "CORPUS" and not value.resolve().is_relative_to(ROOT)] == []


def fixture_files() -> list[str]:
    return sorted(str(path.relative_to(FIXTURES)) for path in FIXTURES.rglob("*")
                  if path.is_file() and path.suffix != ".py" and path.name != "README.md"
                  and "__pycache__" not in path.parts)


def test_every_fixture_has_a_row_in_the_readme() -> None:
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([\w.-]+/[\w./-]+) \|", readme, flags=re.MULTILINE)
    assert sorted(rows) == fixture_files()
    assert len(rows) >= 26


UTF8_BOM, UTF16LE_BOM, UTF16BE_BOM = b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"


TEXT_LAYOUTS = [
    ("zoom/zoom_join_rows_recording_consent.csv", b"", "utf-8", "\n", True),
    ("zoom/zoom_join_rows_meeting_preamble.csv", b"", "utf-8", "\n", False),
    ("zoom/zoom_join_rows_bom_crlf_trailing_comma.csv", UTF8_BOM, "utf-8", "\r\n", True),
    ("zoom/zoom_unique_users_lowercase_headers.csv", b"", "ascii", "\r\n", True),
    ("zoom/zoom_unique_users_bom_accents.csv", UTF8_BOM, "utf-8", "\n", True),
    ("zoom/zoom_unique_users_no_bom.csv", b"", "ascii", "\n", True),
    ("zoom/zoom_legacy_user_name_attentiveness.csv", UTF8_BOM, "utf-8", "\n", True),
    ("zoom/zoom_usage_report_2025.csv", b"", "ascii", "\n", True),
    ("zoom/zoom_japanese_headers.csv", UTF8_BOM, "utf-8", "\r\n", False),
    ("zoom/zoom_es_join_rows.csv", UTF8_BOM, "utf-8", "\n", True),
    ("teams/teams_sections_utf16be.csv", UTF16BE_BOM, "utf-16-be", "\n", True),
    ("teams/teams_2020_list_utf16le.csv", UTF16LE_BOM, "utf-16-le", "\n", False),
    ("teams/teams_2020_list_ascii_us.csv", b"", "ascii", "\n", True),
    ("meet/meet_attendance.csv", b"", "utf-8", "\n", True),
    ("meet/meet_attendance_es.csv", b"", "utf-8", "\n", True),
    ("teams/teams_summary_2022_utf16le_crlf.csv", UTF16LE_BOM, "utf-16-le", "\r\n", True),
    ("teams/teams_summary_2021_utf16le_lf.csv", UTF16LE_BOM, "utf-16-le", "\n", False),
    ("teams/teams_summary_fr_utf16le.csv", UTF16LE_BOM, "utf-16-le", "\n", True),
    ("teams/teams_summary_de_utf16le.csv", UTF16LE_BOM, "utf-16-le", "\n", True),
    ("teams/teams_2020_list_de_utf16le.csv", UTF16LE_BOM, "utf-16-le", "\n", False),
    ("teams/teams_summary_it_utf16le.csv", UTF16LE_BOM, "utf-16-le", "\r\n", True),
    ("teams/teams_2020_list_pt_utf16le.csv", UTF16LE_BOM, "utf-16-le", "\r\n", True),
    ("teams/teams_summary_es_excel_semicolon.csv", b"", "cp1252", "\r\n", True),
    ("teams/teams_summary_excel_semicolon_nama.csv", UTF8_BOM, "utf-8", "\r\n", True),
    ("teams/teams_sections_es_participant_missing.csv", UTF16LE_BOM, "utf-16-le", "\n", True),
    ("zoom/zoom_host_account_other_name.csv", UTF8_BOM, "utf-8", "\r\n", True),
    ("zoom/zoom_two_devices_same_names.csv", b"", "utf-8", "\n", False),
    ("zoom/zoom_unique_users_identical_rows.csv", b"", "ascii", "\n", True),
    ("zoom/zoom_it_join_rows.csv", UTF8_BOM, "utf-8", "\r\n", True),
    ("zoom/zoom_japanese_emails.csv", UTF8_BOM, "utf-8", "\r\n", False),
    ("registration/kobo_tutorial_repeats.csv", b"", "utf-8", "\n", True),
    ("registration/odk_central_export.csv", b"", "ascii", "\n", True),
    ("registration/google_forms_en_multiline_emoji.csv", b"", "utf-8", "\n", True),
    ("registration/google_forms_es_respuestas.csv", b"", "utf-8", "\n", False),
    ("registration/presupuesto_cp1252.csv", b"", "cp1252", "\n", True),
    ("registration/google_forms_multiselect_no_final_newline.csv", b"", "utf-8", "\r\n", False),
    ("registration/headerless_name_email_id_phone.csv", b"", "utf-8", "\n", True),
    ("registration/headerless_semicolon_cp1252.csv", b"", "cp1252", "\r\n", True),
    ("registration/headerless_given_family.csv", b"", "utf-8", "\n", True),
    ("registration/mixed_utf8_one_cp1252_line.csv", b"", "cp1252", "\n", True),
    ("registration/google_forms_es_several_problems.csv", b"", "utf-8", "\n", False),
    ("injection/formula_payloads.txt", b"", "utf-8", "\n", False),
]


def test_every_text_fixture_has_its_layout_checked() -> None:
    checked = {layout[0] for layout in TEXT_LAYOUTS}
    assert sorted(checked) == [name for name in fixture_files()
                               if not name.endswith((".xlsx", ".md"))]


@pytest.mark.parametrize(("name", "bom", "encoding", "newline", "final_newline"), TEXT_LAYOUTS)
def test_text_fixtures_keep_their_byte_layout(name, bom, encoding, newline,
                                              final_newline) -> None:
    """An editor that strips a BOM or rewrites line endings would quietly weaken the tests."""
    data = (FIXTURES / name).read_bytes()
    assert data.startswith(bom) and not data[len(bom):].startswith((UTF8_BOM, b"\xff", b"\xfe"))
    text = data[len(bom):].decode(encoding)
    if encoding == "cp1252":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    lines = text.split(newline)
    if newline == "\n":
        assert "\r\n" not in text  # (the payload list has raw CRs, each after an LF)
    else:
        assert "\n" not in text.replace("\r\n", "")
    assert (lines[-1] == "") is final_newline
