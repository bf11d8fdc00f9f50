"""One rule for files the user names (facilitator_app.files), and the readers that use it:
a missing or unreadable file is a KnownError (exit 3) that says so and names the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facilitator_app import files
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.i18n import set_language


def raised(call, *args) -> KnownError:
    with pytest.raises(KnownError) as caught:
        call(*args)
    return caught.value


def test_a_missing_input_is_not_found_and_a_folder_is_not_a_file(tmp_path: Path) -> None:
    missing = raised(files.readable_file, tmp_path / "nada.csv")
    assert missing.exit_code == 3 and missing.message == f"File not found: {tmp_path}/nada.csv"
    assert "is a folder, not a file" in raised(files.readable_file, tmp_path).message
    present = tmp_path / "lista.csv"
    present.write_text("x", encoding="utf-8")
    assert files.readable_file(present) == present


def test_input_folders(tmp_path: Path) -> None:
    assert "Folder not found" in raised(files.readable_folder, tmp_path / "no").message
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    assert "is a file, not a folder" in raised(files.readable_folder, tmp_path / "f.txt").message
    assert files.readable_folder(tmp_path) == tmp_path


def test_outputs_go_into_existing_folders_only(tmp_path: Path) -> None:
    assert "is a folder" in raised(files.writable_file, tmp_path).message
    absent = raised(files.writable_file, tmp_path / "nueva" / "b.pdf")
    assert absent.message.startswith(f"The folder {tmp_path}/nueva does not exist")
    assert not (tmp_path / "nueva").exists()
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    assert "is a file, not a folder" in raised(files.writable_file,
                                               tmp_path / "f.txt" / "b.pdf").message
    assert files.writable_file(tmp_path / "b.pdf") == tmp_path / "b.pdf"


def test_an_output_folder_may_be_new_inside_an_existing_one(tmp_path: Path) -> None:
    assert files.writable_folder(tmp_path / "qr") == tmp_path / "qr"
    assert "does not exist" in raised(files.writable_folder, tmp_path / "a" / "qr").message
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    assert "is a file" in raised(files.writable_folder, tmp_path / "f.txt").message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root")
def test_an_unreadable_file_cannot_be_read(tmp_path: Path) -> None:
    locked = tmp_path / "cerrado.csv"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    assert "cannot be read (permission denied)" in raised(files.readable_file, locked).message


def test_os_errors_become_the_same_messages_in_spanish(tmp_path: Path) -> None:
    set_language("es")
    error = files.file_error(tmp_path / "x.csv", FileNotFoundError(2, "No such file"))
    assert error.message == f"No se encontró el archivo: {tmp_path}/x.csv"
    assert "No such file" not in error.message and error.details
    denied = files.file_error(tmp_path / "x.csv", PermissionError(13, "Permission denied"))
    assert denied.message == f"No se puede leer {tmp_path}/x.csv (permiso denegado)."
    full = files.file_error(tmp_path / "x.pdf", OSError(28, "No space"), writing=True)
    assert full.message.startswith("El disco está lleno")


@pytest.mark.parametrize("reader", ["registration", "photo", "archive", "online"])
def test_every_reader_says_not_found_rather_than_not_valid(reader: str, tmp_path: Path) -> None:
    from facilitator_app.importing.reading import read_table
    from facilitator_app.online.reports import read_report
    from facilitator_app.qr_decode import read_qr_texts
    from facilitator_app.services.archive import verify_archive

    call = {"registration": read_table, "photo": read_qr_texts, "archive": verify_archive,
            "online": read_report}[reader]
    missing = tmp_path / "nothere.bin"
    error = raised(call, missing)
    assert not isinstance(error, RejectedFileError) and error.exit_code == 3
    assert error.message == f"File not found: {missing}"
    assert "is a folder" in raised(call, tmp_path).message
