"""Save a PNG of every main-window page (run under Xvfb: `xvfb-run python scripts/screenshots.py`).

Usage: python scripts/screenshots.py DB_PATH OUT_DIR [es|en] [LIST_TO_PREVIEW]
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

    def save(widget, name: str) -> None:
        app.processEvents()
        target = out / f"{language}-{name}.png"
        widget.grab().save(str(target))
        print(target)

    def shoot() -> None:
        for index in range(len(window.pages)):
            window.show_page(index)
            save(window, f"{index}-{type(window.page(index)).__name__.lower()}")
        window.show_page(1)
        window.page(1).search.setText("nuñez ROSA")
        save(window, "attendees-search")
        if len(sys.argv) > 4:
            from ui.dialogs.import_dialog import ImportDialog

            dialog = ImportDialog(store, window.current_workshop(), window)
            dialog.show()
            dialog.load(Path(sys.argv[4]))
            save(dialog, "import-preview")
            dialog.tabs.setCurrentIndex(0)
            save(dialog, "import-columns")
            dialog.close()
        app.quit()

    QTimer.singleShot(300, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
