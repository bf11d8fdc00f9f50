"""Render the app icon (assets/icons/creando.svg) in the sizes each system wants:
PNGs for Linux, creando.ico for Windows, creando.icns for macOS. Run after editing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> Path:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "creando.svg")).render(painter)
    painter.end()
    target = ICONS / f"creando-{size}.png"
    image.save(str(target))
    return target


def main() -> int:
    QGuiApplication(sys.argv)
    pngs = {size: render(size) for size in SIZES}
    largest = Image.open(pngs[512])
    largest.save(ICONS / "creando.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    largest.save(ICONS / "creando.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
