"""Limits are checked while a file streams: a refusal comes as soon as a limit is passed,
before the rest of the file is read, and memory stays bounded whatever the input."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.importing import reading, records
from facilitator_app.importing.reading import read_table
from tests.conftest import ROOT

BAD_BYTE = b"\x81\x8d\x8f\n"  # neither UTF-8 nor Windows-1252: refused if it is ever read


def test_rows_stop_at_the_limit_before_the_rest_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 100)
    path = tmp_path / "largo.csv"
    path.write_bytes(b"Nombre\n" + b"Ana Paz\n" * 150 + BAD_BYTE)
    with pytest.raises(RejectedFileError, match=r"largo\.csv has more than 100 rows"):
        read_table(path)


def test_columns_stop_at_the_first_wide_row(tmp_path) -> None:
    path = tmp_path / "ancho.csv"
    path.write_bytes(b"Nombre\n" + b",".join([b"x"] * 10_000) + b"\n" + BAD_BYTE)
    with pytest.raises(RejectedFileError, match=r"ancho\.csv, row 2: more than 500 columns"):
        read_table(path)


def test_a_line_without_end_is_refused_before_it_is_held(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(records, "MAX_LINE_CHARS", 10_000)
    path = tmp_path / "una_linea.csv"
    path.write_bytes(b"Nombre\n" + b"1," * 20_000)
    with pytest.raises(RejectedFileError, match=r"una_linea\.csv, line 2: a line of more than"):
        read_table(path)
    utf16 = tmp_path / "una_linea16.csv"
    utf16.write_bytes(b"\xff\xfe" + ("Nombre\n" + "1\t" * 20_000).encode("utf-16-le"))
    with pytest.raises(RejectedFileError, match=r"una_linea16\.csv, line 2: a line of more"):
        read_table(utf16)


def test_padding_every_row_to_the_widest_is_bounded(tmp_path, monkeypatch) -> None:
    """One wide row and many short ones would cost rows x width once padded."""
    monkeypatch.setattr(reading, "MAX_GRID", 100_000)
    path = tmp_path / "disperso.csv"
    path.write_bytes(b",".join(b"c%d" % n for n in range(400)) + b"\n" + b"Ana\n" * 300)
    with pytest.raises(RejectedFileError, match=r"disperso\.csv has 251 rows of up to 400 "
                                                r"columns, more than a list this app reads"):
        read_table(path)


def test_filled_cells_are_counted(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(reading, "MAX_CELLS", 1_000)
    path = tmp_path / "celdas.csv"
    path.write_bytes(b"a,b,c,d\n" + b"1,2,3,4\n" * 300 + BAD_BYTE)
    with pytest.raises(RejectedFileError, match=r"more than 1,000 filled cells"):
        read_table(path)


CHILD = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from facilitator_app.errors import KnownError
    from facilitator_app.i18n import set_language
    from facilitator_app.importing.reading import read_table
    set_language("en")
    try:
        read_table(Path(sys.argv[1]))
    except KnownError as refused:
        print(refused.message)
    try:  # this process image's own peak (ru_maxrss keeps the parent's from before exec)
        status = Path("/proc/self/status").read_text()
        print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
    except (OSError, IndexError):  # macOS counts bytes, Linux kilobytes
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(peak // (2**20 if sys.platform == "darwin" else 1024))
""")


def test_a_50_mb_one_column_list_is_refused_in_bounded_memory(tmp_path) -> None:
    """The issue measured 9.2 GB before this list was refused; the limit is 300 MB."""
    path = tmp_path / "una_columna.csv"
    line = b"Persona de prueba 0000000\n"
    path.write_bytes(b"Nombre\n" + line * (49 * 1024 * 1024 // len(line)))
    child = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                           text=True, cwd=ROOT, timeout=120)
    message, peak_mb = child.stdout.splitlines()
    assert "has more than 200,000 rows" in message, child.stderr
    assert int(peak_mb) < 150
