"""Save a PNG of every main-window page (run under Xvfb: `xvfb-run python scripts/screenshots.py`).

Usage: python scripts/screenshots.py DB_PATH OUT_DIR [es|en]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from facilitator_app.db import open_database
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.main_window import MainWindow
from ui.qt_i18n import apply_language


def main() -> int:
    db_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    language = sys.argv[3] if len(sys.argv) > 3 else "es"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    apply_language(language)
    store = Store(open_database(db_path), path=db_path)
    ensure_demo(store)
    window = MainWindow(store, db_path)
    window.show()

    def shoot() -> None:
        for index, page in enumerate(window.pages):
            window.show_page(index)
            app.processEvents()
            target = out / f"{language}-{index}-{type(page).__name__.lower()}.png"
            window.grab().save(str(target))
            print(target)
        app.quit()

    QTimer.singleShot(300, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
