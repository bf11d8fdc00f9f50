"""Badge sheets and WhatsApp QR images: every name prints, every QR scans, files stay small."""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from qrcode.util import MODE_ALPHA_NUM
from reportlab.pdfbase.pdfmetrics import stringWidth

from exports.pdf import badges as badges_module
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


def test_nineteen_badges_make_three_pages_with_every_name_and_code(out: Path) -> None:
    sheet = [badge(n) for n in range(19)]
    target = write_badges(sheet, out / "badges.pdf", title="Taller de Finanzas — badges")

    reader = PdfReader(target)
    assert len(reader.pages) == 3
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
    assert decoded == {b.token for b in sheet[:8]}


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
    assert len(PdfReader(target).pages) == count // 8
    assert target.stat().st_size < 3_000_000 * count / 1000


def test_no_badges_give_a_sheet_of_blank_badges(out: Path) -> None:
    target = write_badges([], out / "blank.pdf")
    assert len(PdfReader(target).pages) == 1


@pytest.mark.parametrize("name", [*NAMES, "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewitz",
                                  "", "A " * 40])
def test_a_name_never_runs_off_the_badge(name: str) -> None:
    _, bold = register_fonts()
    width, height = 85 * badges_module.mm, 15 * badges_module.mm
    size, lines = badges_module._fit_name(name, bold, width, height)
    assert len(lines) <= 2
    assert all(stringWidth(line, bold, size) <= width + 0.01 for line in lines)
    assert size >= badges_module.NAME_MIN_SIZE
    if name in NAMES:
        assert flat(" ".join(lines)) == name  # the real names print whole, none cut short


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


@pytest.mark.parametrize(("layout", "size_mm"), [
    ("a4-1", (210, 297)), ("a4-6", (210, 297)), ("a6", (148, 105)), ("label62", (91, 62))])
def test_one_badge_on_its_own_page_for_every_printer(out: Path, layout: str,
                                                     size_mm: tuple[int, int]) -> None:
    """A walk-in's badge: in a position of a sheet of 8, on A6, or on a 62 mm label; the
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
            assert int(centre.y / (image.height / 4)) == row


def test_the_single_badge_layouts_are_the_sheet_positions_a6_and_the_label() -> None:
    layouts = single_layouts()
    assert list(layouts) == [*(f"a4-{n}" for n in range(1, 9)), "a6", "label62"]
    assert layouts["a6"].scale > 1.4 and 0.9 < layouts["label62"].scale < 1
    with pytest.raises(KeyError):
        write_single_badge(badge(1), Path("unused.pdf"), "letter")
