"""Screenshots of the Sessions page for phones: the presenter as Zoom's 640x360 stream shows
it (phone share, and the normal layout for comparison), the runner's log with a skipped
module, the breakout rooms, and the WhatsApp digest with its QR code.

Run under Xvfb: `xvfb-run -a .venv/bin/python scripts/screenshots_sessions.py OUT_DIR [es|en]`
(a fresh demo database is made in OUT_DIR). PNGs are saved with a palette of 256 colours
at most, which keeps text crisp and files small.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt, QTimer
from PySide6.QtGui import QImage

from facilitator_app.clock import system_clock
from facilitator_app.db import open_database
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.main_window import MainWindow
from ui.qt_i18n import apply_language

STREAM = (640, 360)  # what Zoom sends a phone with little bandwidth
SHARED_SCREEN = (1280, 720)  # the facilitator's shared screen, scaled down to STREAM


def save_png(image: QImage, target: Path, size: tuple[int, int] | None = None) -> None:
    """Write `image` (scaled smoothly to `size`) as an optimised, palette PNG."""
    if size is not None:
        image = image.scaled(*size, Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    from io import BytesIO

    picture = Image.open(BytesIO(bytes(buffer.data()))).convert("RGB")
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
        target, format="PNG", optimize=True)
    print(target, target.stat().st_size)


def shoot(window: MainWindow, out: Path, language: str, app) -> None:
    def save(widget, name: str, size: tuple[int, int] | None = None) -> None:
        app.processEvents()
        save_png(widget.grab().toImage(), out / f"{language}-{name}.png", size)

    window.show_page(3)
    page = window.page(3)
    page.session_list.setCurrentRow(0)
    offset = {"seconds": 0}
    page.run.clock = lambda: system_clock() + timedelta(seconds=offset["seconds"])
    page.run.set_session(page.current_session())
    page.tabs.setCurrentWidget(page.run)
    page.run.toggle()
    offset["seconds"] = 50
    presenter = page.run.open_presenter()
    presenter.resize(*SHARED_SCREEN)
    save(presenter, "presenter-normal-640x360", STREAM)
    page.run.phone_share.setChecked(True)
    save(presenter, "presenter-phone-640x360", STREAM)
    page.run.next()  # the clicker turns the page first
    save(presenter, "presenter-phone-page2-640x360", STREAM)
    page.run.close_presenter()
    offset["seconds"] = 80
    page.run.next()  # passed over after 80 seconds: skipped
    offset["seconds"] = 80 + 21 * 60
    page.run.next()  # delivered
    offset["seconds"] += 4 * 60
    page.run.toggle()  # paused on the break
    save(window, "runner-skipped")
    page.tabs.setCurrentWidget(page.breakout)
    page.breakout.size.setValue(3)
    page.breakout.build()
    save(window, "breakout-rooms")
    page.tabs.setCurrentWidget(page.followup)
    save(window, "followup-digest")
    dialog = page.followup.show_digest_qr()
    dialog.resize(720, 800)
    save(dialog, "followup-digest-qr")
    dialog.close()
    app.quit()


def main() -> int:
    out = Path(sys.argv[1])
    language = sys.argv[2] if len(sys.argv) > 2 else "es"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    apply_language(language)
    db_path = out / f"screens-{language}.db"
    db_path.unlink(missing_ok=True)
    store = Store(open_database(db_path), path=db_path)
    ensure_demo(store)
    window = MainWindow(store, db_path)
    window.resize(1280, 760)
    window.show()
    QTimer.singleShot(300, lambda: shoot(window, out, language, app))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
