"""Start the desktop app: Qt, language, the database (with restore on damage), the window."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator_app import APP_NAME
from facilitator_app.db import open_database, restore_backup
from facilitator_app.errors import CorruptDatabaseError, KnownError
from facilitator_app.i18n import _
from facilitator_app.paths import asset, default_db_path
from facilitator_app.settings import load_settings
from facilitator_app.store import Store
from ui.dialogs.errors import install_excepthook, show_known_error
from ui.main_window import MainWindow
from ui.qt_i18n import apply_language
from ui.style import STYLE_SHEET

BENCH_ENV = "CREANDO_EXIT_WHEN_SHOWN"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("CREANDO")
    app.setWindowIcon(QIcon(str(asset("icons", "creando.svg"))))
    app.setStyleSheet(STYLE_SHEET)
    return app


def unlock_interactively(path: Path) -> bool:
    """An encrypted database asks for its passphrase (or recovery key) before it is
    opened; False when they cancel. A plain one, or one already unlocked, needs nothing."""
    from facilitator_app.encryption import is_encrypted, is_unlocked

    if not path.exists() or not is_encrypted(path) or is_unlocked(path):
        return True
    from ui.dialogs.unlock_dialog import ask_to_unlock

    return ask_to_unlock(path)


def open_store_interactively(path: Path) -> Store | None:
    """Unlock the database if it is encrypted, then open it; None when they cancel or it
    cannot be opened."""
    if not unlock_interactively(path):
        return None
    return open_unlocked_store(path)


def open_unlocked_store(path: Path) -> Store | None:
    """Open the database; if it is damaged, offer to restore the newest good backup.

    The backup on open is left to the window, which takes it off the GUI thread.
    """
    try:
        return Store(open_database(path, backup_on_open=False), path=path)
    except CorruptDatabaseError as exc:
        if exc.newest_backup is None or not _confirm_restore(exc):
            if exc.newest_backup is None:
                show_known_error(None, exc)
            return None
        restore_backup(exc.newest_backup, path)
        return Store(open_database(path), path=path)
    except KnownError as exc:
        show_known_error(None, exc)
        return None


def _confirm_restore(exc: CorruptDatabaseError) -> bool:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, exc.message)
    box.setInformativeText(_("Restore the newest good backup now? The damaged file is kept "
                             "beside it, renamed, so nothing is deleted."))
    restore = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore


def run_app(args: argparse.Namespace) -> int:
    """Launch the app; the default database gets the demo on its first run."""
    started = time.perf_counter()
    app = make_application()
    apply_language(args.lang or load_settings().get("language", "es"))
    install_excepthook()
    path = args.db or default_db_path()
    first_run = args.db is None and not path.exists()
    if first_run and not os.environ.get(BENCH_ENV):
        from ui.dialogs.encryption_offer_dialog import offer_encryption

        offer_encryption(path)  # a real first run: encrypting is offered and recommended
    if not unlock_interactively(path):
        return 0  # they cancelled the passphrase: nothing was opened
    store = open_unlocked_store(path)
    if store is None:
        return 3
    if first_run:
        from facilitator_app.services.demo import ensure_demo

        ensure_demo(store, contacts=True)
    pseudonymised = _apply_retention(store)
    window = MainWindow(store, path)
    if pseudonymised:
        window.statusBar().showMessage(_("Retention: {n} people's names and contacts were "
                                         "replaced, as their workshops asked.").format(
                                             n=pseudonymised), 20000)
    if os.environ.get(BENCH_ENV):
        window.shown.connect(lambda: _report_start(app, started))
    window.show()
    window.backup_now()  # the backup on open, taken off the GUI thread
    code = app.exec()
    store.close()
    return code


def _apply_retention(store: Store) -> int:
    """Workshops whose retention date has passed lose their personal data at start-up."""
    if not store.retention_due():
        return 0
    from facilitator_app.services.privacy import apply_retention

    return apply_retention(store, store.clock().astimezone().date())


def _report_start(app: QApplication, started: float) -> None:
    print(f"shown_after_s={time.perf_counter() - started:.4f}", flush=True)
    app.quit()

