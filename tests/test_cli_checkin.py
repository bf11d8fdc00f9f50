"""`creando badges` and `creando checkin` with codes, names and photos of printed badges."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.test_cli import creando
from tests.test_cli_attendees import demo_workshop


@pytest.fixture
def printed(db_file: Path, tmp_path: Path) -> tuple[str, dict, Path]:
    workshop = demo_workshop(db_file)
    pdf = tmp_path / "badges.pdf"
    result = creando("--db", str(db_file), "--json", "badges", "--workshop", workshop,
                     "-o", str(pdf), "--png-dir", str(tmp_path / "png"))
    assert result.returncode == 0, result.stderr
    return workshop, json.loads(result.stdout), pdf


def test_badges_pdf_and_png_files_without_names_in_file_names(printed) -> None:
    _workshop, report, pdf = printed
    assert report["badges"] == 60 and pdf.stat().st_size > 0
    assert len(report["images"]) == 60
    names = " ".join(Path(p).name for p in report["images"])
    assert "Rosa" not in names and all(Path(p).stat().st_size < 5000 for p in report["images"])


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_a_photo_of_a_printed_badge_admits_and_a_forged_code_is_refused(
        printed, db_file, tmp_path) -> None:
    workshop = printed[0]
    people = json.loads(creando("--db", str(db_file), "--json", "attendees", "list",
                                "--workshop", workshop).stdout)
    absent = next(p for p in people if not p["came_in_person"] and not p["joined_online"])
    pdf = tmp_path / "one.pdf"
    creando("--db", str(db_file), "badges", "--workshop", workshop, "--attendee",
            absent["id"], "-o", str(pdf))
    subprocess.run(["pdftoppm", "-r", "120", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    # the first badge: top left of a sheet of 6 (2 x 3 badges of 76 mm, a 34 mm margin above)
    first_badge = page.crop((0, 0, page.width // 2, round(page.height * 0.4)))
    photo = tmp_path / "foto.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° to show": the phone was held sideways
    first_badge.rotate(90, expand=True).save(photo, quality=80, exif=exif)
    admitted = creando("--db", str(db_file), "--json", "checkin", "--workshop", workshop,
                       "--image", str(photo))
    assert admitted.returncode == 0, admitted.stderr
    outcome = json.loads(admitted.stdout)
    assert outcome["outcome"] == "admitted" and outcome["name"] == absent["name"]

    again = json.loads(creando("--db", str(db_file), "--json", "checkin", "--workshop",
                               workshop, "--image", str(photo)).stdout)
    assert again["outcome"] == "already_in" and again["since"]

    forged = creando("--db", str(db_file), "--json", "checkin", "--workshop", workshop,
                     "--code", "C" + "Q" * 26)
    assert forged.returncode == 1 and json.loads(forged.stdout)["outcome"] == "forged"


def test_checkin_by_name_and_ambiguous_names(db_file) -> None:
    workshop = demo_workshop(db_file)
    by_name = creando("--db", str(db_file), "--json", "checkin", "--workshop", workshop,
                      "--name", "nunez rosa")
    assert json.loads(by_name.stdout)["name"] == "Rosa Elena Chávez Núñez"
    vague = creando("--db", str(db_file), "--lang", "en", "checkin", "--workshop", workshop,
                    "--name", "jose")
    assert vague.returncode == 3 and "people match" in vague.stderr


def test_a_photo_without_a_code_and_a_file_that_is_no_photo(db_file, tmp_path) -> None:
    workshop = demo_workshop(db_file)
    blank = tmp_path / "blank.png"
    Image.new("L", (400, 300), 255).save(blank)
    result = creando("--db", str(db_file), "--lang", "en", "checkin", "--workshop", workshop,
                     "--image", str(blank))
    assert result.returncode == 3 and "No QR code" in result.stderr
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"not a jpeg")
    result = creando("--db", str(db_file), "--lang", "en", "checkin", "--workshop", workshop,
                     "--image", str(junk))
    assert result.returncode == 1 and "junk.jpg" in result.stderr
    assert "Traceback" not in result.stderr
