"""Badge sheets and WhatsApp QR images: every name prints, every QR scans, files stay small."""

from __future__ import annotations

import base64
import hashlib
import math
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from qrcode.util import MODE_ALPHA_NUM

from exports.pdf import badges as badges_module
from exports.pdf import scripts
from exports.pdf.badges import (
    BadgeData,
    qr_code,
    single_layouts,
    write_badges,
    write_single_badge,
)
from exports.pdf.fonts import register_fonts
from exports.qr_png import write_qr_png

LONG_NAME = "Maximiliano Bartolomé Fernández-Castañeda de la Torre Ugarte"
NAMES = [
    "María José de la Rosa Fuenmayor Useche",
    "Ñusta Quispe Huamán",
    "Łukasz Nowak",
    LONG_NAME,
    "Ana",
    "José Gregorio Hernández Pérez",
    "Yuleisy Carolina Peña",
]
BUSINESSES = ["Arepas La Caraqueña", "", "Tejidos Andinos Qhapaq Ñan S.A.C.",
              "Consultoría y Servicios Integrales de Importación y Exportación E.I.R.L."]
WORKSHOP = "Taller de Finanzas para Emprendedores — Lima, marzo 2026"


def token(n: int) -> str:
    """A 27-character uppercase Base32 token, like the ones the app mints."""
    return base64.b32encode(hashlib.sha256(f"badge-{n}".encode()).digest()).decode()[:27]


def badge(n: int) -> BadgeData:
    t = token(n)
    return BadgeData(name=NAMES[n % len(NAMES)], business=BUSINESSES[n % len(BUSINESSES)],
                     workshop_title=WORKSHOP, token=t, code_label=f"{t[:4]}-{t[4:8]}-{t[8:12]}")


def flat(text: str) -> str:
    """Text with every run of whitespace as one space: a name wrapped over two lines still reads."""
    return " ".join(text.split())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_the_sample_names_are_what_they_claim() -> None:
    assert len(LONG_NAME) == 60
    assert all(len(token(n)) == 27 and token(n).isupper() for n in range(19))


def test_nineteen_badges_make_four_sheets_of_six_with_every_name_and_code(out: Path) -> None:
    sheet = [badge(n) for n in range(19)]
    target = write_badges(sheet, out / "badges.pdf", title="Taller de Finanzas — badges")

    reader = PdfReader(target)
    assert len(reader.pages) == 4
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    # The DejaVu subsets carry ToUnicode maps, so even Ñ, á and Ł extract as themselves.
    for b in sheet:
        assert b.name in text
        assert b.code_label in text
        if b.business:
            assert flat(b.business) in text
    assert reader.metadata.title == "Taller de Finanzas — badges"
    metadata = " ".join(str(value) for value in reader.metadata.values())
    assert not any(b.token in metadata or b.name in metadata for b in sheet)


def test_the_qr_codes_on_a_printed_page_scan_back_to_their_tokens(out: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    sheet = [badge(n) for n in range(19)]
    target = write_badges(sheet, out / "badges.pdf")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1",
                    str(target), str(out / "page")], check=True, capture_output=True)
    (png,) = out.glob("page*.png")
    with Image.open(png) as image:
        decoded = {result.text for result in zxingcpp.read_barcodes(image)}
    assert decoded == {b.token for b in sheet[:6]}


def test_the_qr_is_one_vector_path_in_alphanumeric_mode(out: Path) -> None:
    qr = qr_code(token(1))
    assert qr.data_list[0].mode == MODE_ALPHA_NUM
    assert qr.version == 2  # 25 x 25 modules: about 1.1 mm each on a 28 mm symbol

    target = write_badges([badge(1)], out / "one.pdf")
    page = PdfReader(target).pages[0]
    assert "/XObject" not in page["/Resources"]  # no images: the QR is drawn, not pasted


def test_a_thousand_badges_stay_small(out: Path) -> None:
    # 200 badges keep the test quick (1,000 take about 4 s); the 3 MB bound is scaled to match.
    count = 200
    target = write_badges([badge(n) for n in range(count)], out / "many.pdf")
    assert len(PdfReader(target).pages) == math.ceil(count / 6)
    assert target.stat().st_size < 3_000_000 * count / 1000


def test_no_badges_give_a_sheet_of_blank_badges(out: Path) -> None:
    target = write_badges([], out / "blank.pdf")
    assert len(PdfReader(target).pages) == 1


def test_the_badge_fits_a_4_by_3_inch_holder_six_to_an_a4_sheet() -> None:
    width, height = badges_module.BADGE_WIDTH, badges_module.BADGE_HEIGHT
    mm = badges_module.mm
    assert (round(width / mm, 1), round(height / mm, 1)) == (101.6, 76.2)
    assert badges_module.PER_PAGE == badges_module.COLUMNS * badges_module.ROWS == 6
    left, bottom = badges_module._margins()
    assert left > 3 * badges_module.mm and bottom > 30 * badges_module.mm  # all on the sheet


def name_room() -> tuple[float, float]:
    """The width and height a badge gives its name (above the QR's quiet zone)."""
    mm = badges_module.mm
    return badges_module.BADGE_WIDTH - 2 * badges_module.PADDING, 26 * mm


@pytest.mark.parametrize("name", [*NAMES, "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewitz",
                                  "", "A " * 40, "王小明", "محمد أحمد الحسيني", "Ана Петрова"])
def test_a_name_never_runs_off_the_badge(name: str) -> None:
    _, bold = register_fonts()
    width, height = name_room()
    lines = badges_module._fit_name(name, bold, width, height)
    assert len(lines) <= 3
    assert all(scripts.width(line, bold, size) <= width + 0.01 for size, line in lines)
    assert badges_module._lines_height(lines) <= height + 0.01
    assert all(size >= badges_module.NAME_MIN_SIZE for size, _line in lines)
    if name.strip() and name != "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewitz":
        assert lines[0][0] >= 28  # the first name reads at 1.5 m
        assert flat(" ".join(line for _size, line in lines)) == flat(name)  # printed whole


def test_a_long_name_wraps_before_it_shrinks() -> None:
    _, bold = register_fonts()
    eighty = "Maximiliano Bartolomé Fernández-Castañeda de la Torre Ugarte y Santisteban Vilca"
    assert len(eighty) == 80
    lines = badges_module._fit_name(eighty, bold, *name_room())
    assert lines[0] == (28.0, "Maximiliano")
    assert len(lines) == 3 and all(size >= 11 for size, _line in lines)  # about 8 pt before
    assert flat(" ".join(line for _size, line in lines)) == eighty
    # A name that fits in two lines stays one size, at 28 pt or more.
    two = badges_module._fit_name("José Gregorio Hernández", bold, *name_room())
    assert len(two) == 2 and two[0][0] == two[1][0] >= 28
    # A surname's particle opens the second line, never ends the first.
    maria = badges_module._fit_name(NAMES[0], bold, *name_room())
    assert maria[0][1] == "María José" and maria[1][1].startswith("de la Rosa")


def test_a_failed_write_leaves_the_old_file_and_no_leftovers(
        out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = out / "badges.pdf"
    target.write_bytes(b"the sheet printed yesterday")
    drawn = []
    real_draw = badges_module._draw_badge

    def draw_then_fail(*args: object, **kwargs: object) -> None:
        if len(drawn) == 10:  # on the second page
            raise OSError("disk full")
        drawn.append(args)
        real_draw(*args, **kwargs)

    monkeypatch.setattr(badges_module, "_draw_badge", draw_then_fail)
    with pytest.raises(OSError, match="disk full"):
        write_badges([badge(n) for n in range(19)], target)
    assert target.read_bytes() == b"the sheet printed yesterday"
    assert [path.name for path in out.iterdir()] == ["badges.pdf"]


def test_the_whatsapp_png_scans_and_is_tiny(out: Path) -> None:
    t = token(7)
    target = write_qr_png(t, out / "qr.png")
    with Image.open(target) as image:
        assert image.format == "PNG"
        assert image.mode == "1"
        assert [result.text for result in zxingcpp.read_barcodes(image)] == [t]
    assert target.stat().st_size < 5_000
    assert [path.name for path in out.iterdir()] == ["qr.png"]


@pytest.mark.parametrize("name", [LONG_NAME, "王小明", "محمد أحمد الحسيني", "Yuleisy 😀 Peña"])
def test_the_whatsapp_png_says_whose_it_is_under_the_qr(out: Path, name: str) -> None:
    t = token(7)
    plain = write_qr_png(t, out / "plain.png")
    target = write_qr_png(t, out / "named.png", name=name, code=f"{t[:4]}-{t[4:8]}-{t[8:12]}")
    with Image.open(plain) as bare, Image.open(target) as image:
        assert image.mode == "1" and image.width == bare.width
        assert [result.text for result in zxingcpp.read_barcodes(image)] == [t]
        assert image.crop((0, 0, bare.width, bare.height - 8)).tobytes() == \
            bare.crop((0, 0, bare.width, bare.height - 8)).tobytes()  # the QR and its quiet zone
        caption = image.crop((0, bare.height - 8, image.width, image.height)).convert("L")
        dark_rows = [y for y in range(caption.height)
                     if caption.crop((0, y, caption.width, y + 1)).getextrema()[0] == 0]
        assert len(dark_rows) > 25  # a name and a code line under the QR: ink, not blank
        assert caption.getbbox() is not None
    assert target.stat().st_size < 5_000  # the same limit as the bare QR


@pytest.mark.parametrize(("layout", "size_mm"), [
    ("a4-1", (210, 297)), ("a4-6", (210, 297)), ("a6", (148, 105)), ("label62", (84, 62))])
def test_one_badge_on_its_own_page_for_every_printer(out: Path, layout: str,
                                                     size_mm: tuple[int, int]) -> None:
    """A walk-in's badge: in a position of a sheet of 6, on A6, or on a 62 mm label; the
    name and code print whole and the QR scans back, at every size."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    one = BadgeData(name=LONG_NAME, business=BUSINESSES[3], workshop_title=WORKSHOP,
                    token=token(3), code_label=f"{token(3)[:4]}-{token(3)[4:8]}-{token(3)[8:12]}")
    target = write_single_badge(one, out / f"{layout}.pdf", layout, title="Badge")
    page = PdfReader(target).pages[0]
    width, height = (float(v) / 72 * 25.4 for v in page.mediabox[2:])
    assert (round(width), round(height)) == size_mm
    assert flat(LONG_NAME) in flat(page.extract_text()) and one.code_label in page.extract_text()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(target), str(out / layout)],
                   check=True, capture_output=True)
    (png,) = out.glob(f"{layout}*.png")
    with Image.open(png) as image:
        found = zxingcpp.read_barcodes(image)
        assert [r.text for r in found] == [one.token]
        if layout.startswith("a4-"):  # where it lands on the sheet: the chosen badge
            slot = int(layout[3:]) - 1
            column, row = slot % 2, slot // 2
            centre = found[0].position.center() if hasattr(found[0].position, "center") \
                else found[0].position.top_left
            assert (centre.x > image.width / 2) == (column == 1)
            _left, bottom = badges_module._slot_origin(slot)  # points from the page's foot
            top_px = (297 * badges_module.mm - bottom - badges_module.BADGE_HEIGHT) / 72 * 150
            assert top_px < centre.y < top_px + badges_module.BADGE_HEIGHT / 72 * 150
            assert row == slot // 2


def test_the_single_badge_layouts_are_the_sheet_positions_a6_and_the_label() -> None:
    layouts = single_layouts()
    assert list(layouts) == [*(f"a4-{n}" for n in range(1, 7)), "a6", "label62"]
    assert layouts["a6"].scale > 1.25 and 0.75 < layouts["label62"].scale < 0.85
    with pytest.raises(KeyError):
        write_single_badge(badge(1), Path("unused.pdf"), "letter")
