"""Signed badges at the desk: the keyboard-wedge detector takes a 113-character scanner
burst as a scan, and the badge sheet's QR of a signed code decodes at badge size."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit
from qrcode.util import MODE_ALPHA_NUM

from exports.pdf.badges import PER_PAGE, BadgeData, qr_code, write_badges
from exports.qr_png import write_qr_png
from facilitator_app import tokens
from facilitator_app.keys import new_private_key
from ui.desk.wedge import ScanCatcher, looks_like_badge

KEY = new_private_key()


def signed(n: int) -> str:
    return tokens.mint_signed(KEY, f"w{n % 3}")


def test_a_113_character_burst_is_a_badge_for_the_scanner_catcher(qtbot) -> None:
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    token = signed(1)
    assert looks_like_badge(token) and looks_like_badge(token.lower())
    page = QWidget()
    field = QLineEdit(page)
    QVBoxLayout(page).addWidget(field)
    qtbot.addWidget(page)
    page.show()
    field.setFocus()
    now = [0.0]
    catcher = ScanCatcher(page, clock=lambda: now[0])
    seen: list[str] = []
    catcher.scanned.connect(seen.append)
    for character in token:
        now[0] += 0.004  # a scanner types a key every few milliseconds
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                    character))
    now[0] += 0.004
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                            Qt.KeyboardModifier.NoModifier, "\r"))
    assert seen == [token] and field.text() == ""
    QApplication.instance().removeEventFilter(catcher)


def test_the_qr_of_a_signed_code_stays_alphanumeric_and_small() -> None:
    qr = qr_code(signed(1))
    assert qr.data_list[0].mode == MODE_ALPHA_NUM
    assert qr.version == 5  # 37 x 37 modules: about 0.76 mm each on the 28 mm symbol


def test_signed_badges_on_a_printed_page_scan_back_at_badge_size(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    sheet = [BadgeData(f"Persona {n}", "", "Taller", signed(n), tokens.short_code(signed(n)))
             for n in range(PER_PAGE)]  # a full first sheet
    target = write_badges(sheet, tmp_path / "badges.pdf")
    for dpi in ("150", "100"):  # a print at 150 dpi, and a coarse photo of it
        subprocess.run(["pdftoppm", "-r", dpi, "-png", "-f", "1", "-l", "1", str(target),
                        str(tmp_path / f"page-{dpi}")], check=True, capture_output=True)
        (png,) = tmp_path.glob(f"page-{dpi}*.png")
        with Image.open(png) as image:
            decoded = {result.text for result in zxingcpp.read_barcodes(image)}
        assert decoded == {badge.token for badge in sheet}, dpi


def test_the_whatsapp_png_of_a_signed_code_scans_and_stays_small(tmp_path: Path) -> None:
    token = signed(2)
    target = write_qr_png(token, tmp_path / "qr.png")
    with Image.open(target) as image:
        assert [result.text for result in zxingcpp.read_barcodes(image)] == [token]
    assert target.stat().st_size < 5_000
