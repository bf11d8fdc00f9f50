"""Encryption at rest in the app: the passphrase at start (wrong, then right; the recovery
key), the first-run offer, File → Encryption…, and the idle lock (never in door mode).

The real dialogs are typed into and clicked. pytest-qt's keyClicks aborts the process on
non-ASCII text with this PySide6, so the passphrases are plain ASCII.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from facilitator_app.db import open_database
from facilitator_app.encryption import (
    WrongPassphrase,
    enable,
    is_encrypted,
    is_unlocked,
    lock,
    unlock,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application, open_store_interactively
from ui.dialogs.encryption_dialog import EncryptionDialog
from ui.dialogs.encryption_offer_dialog import EncryptionOfferDialog, offer_encryption
from ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.main_window import MainWindow

PASSPHRASE = "blue river seven lamps"
NEW_PASSPHRASE = "quiet market at dawn"
LEFT = Qt.MouseButton.LeftButton


def demo_database(path: Path) -> None:
    store = Store(open_database(path, backup_on_open=False), path=path)
    ensure_demo(store)
    store.close()


@pytest.fixture
def encrypted(db_file: Path):
    """A demo database, encrypted and locked again (as after a restart); its recovery key."""
    make_application()
    demo_database(db_file)
    recovery_key = enable(db_file, PASSPHRASE)
    lock(db_file)
    yield db_file, recovery_key
    lock(db_file)


@pytest.fixture
def when_shown():
    """`when_shown(kind, act, seen)`: run `act` on the modal dialog (or window) of `kind`
    as soon as it is up (polled, so it works for nested modal dialogs too); polling stops
    after `within_s` or at the end of the test, so it never answers another test's dialog."""
    running = [True]

    def watch(kind: type, act: Callable[[QDialog], None], seen: list,
              within_s: float = 15) -> None:
        deadline = time.monotonic() + within_s

        def poll() -> None:
            if not running[0]:
                return
            shown = [w for w in (QApplication.activeModalWidget(),
                                 *QApplication.topLevelWidgets())
                     if isinstance(w, kind) and w.isVisible()]
            if shown:
                seen.append(shown[0])
                act(shown[0])
            elif time.monotonic() < deadline:
                QTimer.singleShot(20, poll)
        QTimer.singleShot(0, poll)

    yield watch
    running[0] = False


def acknowledge_key(qtbot) -> Callable[[RecoveryKeyDialog], None]:
    """What a person does with the recovery key shown once: ticks "written down", goes on."""
    def acknowledge(dialog: RecoveryKeyDialog) -> None:
        qtbot.mouseClick(dialog.written, LEFT)
        qtbot.mouseClick(dialog.continue_button, LEFT)

    return acknowledge


def type_into(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


# -- start: the passphrase ----------------------------------------------------------------------

def test_a_wrong_passphrase_is_said_in_the_dialog_and_the_right_one_opens(
        qtbot, encrypted, monkeypatch, when_shown) -> None:
    path, _key = encrypted
    asked_restore = []
    monkeypatch.setattr("ui.app._confirm_restore", lambda exc: asked_restore.append(exc))
    states = []

    def answer(dialog: UnlockDialog) -> None:
        type_into(qtbot, dialog.passphrase, "not the passphrase at all")
        qtbot.mouseClick(dialog.ok_button, LEFT)
        states.append((dialog.isVisible(), dialog.error.isVisible(), dialog.error.text(),
                       is_unlocked(path)))
        type_into(qtbot, dialog.passphrase, PASSPHRASE)
        qtbot.mouseClick(dialog.ok_button, LEFT)

    seen: list = []
    when_shown(UnlockDialog, answer, seen)
    store = open_store_interactively(path)
    try:
        assert store is not None and store.workshops.demo() is not None
    finally:
        store and store.close()
    (still_open, error_shown, error, unlocked), = states
    assert still_open and error_shown and not unlocked
    assert "Wrong passphrase" in error and "damaged" not in error
    assert asked_restore == [] and is_encrypted(path)
    assert seen[0].result() == QDialog.DialogCode.Accepted


def test_cancelling_the_passphrase_opens_nothing(qtbot, encrypted, when_shown) -> None:
    path, _key = encrypted
    when_shown(UnlockDialog, lambda d: qtbot.mouseClick(d.cancel_button, LEFT), [])
    assert open_store_interactively(path) is None
    assert not is_unlocked(path) and is_encrypted(path)


def test_cancel_at_start_quits_the_app_cleanly(qtbot, encrypted, monkeypatch,
                                               when_shown) -> None:
    from ui import app

    path, _key = encrypted
    monkeypatch.setattr(app, "install_excepthook", lambda: None)
    windows: list = []
    when_shown(MainWindow, lambda w: (windows.append(w), w.close()), [], within_s=5)
    when_shown(UnlockDialog, lambda d: qtbot.mouseClick(d.cancel_button, LEFT), [])
    assert app.run_app(argparse.Namespace(db=path, lang="en")) == 0
    assert windows == [] and not is_unlocked(path)


def test_the_start_up_never_asks_the_passphrase_of_a_plain_database(
        qtbot, db_file, when_shown) -> None:
    make_application()
    demo_database(db_file)
    asked: list = []
    when_shown(UnlockDialog, lambda d: d.reject(), asked, within_s=2)
    store = open_store_interactively(db_file)
    assert store is not None and store.workshops.demo() is not None
    store.close()
    assert asked == []


def test_the_recovery_key_opens_it_and_sets_a_new_passphrase(qtbot, encrypted) -> None:
    path, recovery_key = encrypted
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.forgot_button, LEFT)
    assert dialog.recovery_key.isVisible() and not dialog.passphrase.isVisible()
    qtbot.keyClicks(dialog.recovery_key, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    qtbot.keyClicks(dialog.new_passphrase.first, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.new_passphrase.second, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.error.isVisible() and dialog.isVisible() and not is_unlocked(path)
    type_into(qtbot, dialog.recovery_key, recovery_key)
    type_into(qtbot, dialog.new_passphrase.second, "quiet market at dusk")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert "not the same" in dialog.error.text() and not is_unlocked(path)
    type_into(qtbot, dialog.new_passphrase.second, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted and is_unlocked(path)
    lock(path)
    with pytest.raises(WrongPassphrase):
        unlock(path, PASSPHRASE)
    unlock(path, NEW_PASSPHRASE)
    store = Store(open_database(path, backup_on_open=False), path=path)
    assert store.workshops.demo() is not None
    store.close()


# -- first run ----------------------------------------------------------------------------------

def test_the_first_run_offer_encrypts_the_new_database_and_shows_its_key_once(
        qtbot, tmp_path, when_shown, monkeypatch) -> None:
    make_application()
    path = tmp_path / "fresh" / "creando.db"
    sheet = tmp_path / "sheet.pdf"
    monkeypatch.setattr(RecoveryKeyDialog, "ask_target",
                        staticmethod(lambda parent, title, suggested: str(sheet)))
    shown: dict = {}

    def offer(dialog: EncryptionOfferDialog) -> None:
        qtbot.keyClicks(dialog.new_passphrase.first, "short")
        qtbot.mouseClick(dialog.encrypt_button, LEFT)
        shown["problem"] = dialog.error.text()
        type_into(qtbot, dialog.new_passphrase.first, PASSPHRASE)
        qtbot.keyClicks(dialog.new_passphrase.second, PASSPHRASE)
        qtbot.mouseClick(dialog.encrypt_button, LEFT)

    def key(dialog: RecoveryKeyDialog) -> None:
        shown["key"] = dialog.key_label.text()
        dialog.reject()  # Esc does not skip the key
        shown["closable_unticked"] = not dialog.isVisible()
        shown["continue_before"] = dialog.continue_button.isEnabled()
        qtbot.mouseClick(dialog.pdf_button, LEFT)
        shown["saved"] = dialog.result_label.text()
        qtbot.mouseClick(dialog.written, LEFT)
        qtbot.mouseClick(dialog.continue_button, LEFT)

    when_shown(EncryptionOfferDialog, offer, [])
    when_shown(RecoveryKeyDialog, key, [])
    try:
        assert offer_encryption(path) is True
        assert "too short" in shown["problem"]
        assert not shown["closable_unticked"] and not shown["continue_before"]
        assert str(sheet) in shown["saved"] and sheet.read_bytes().startswith(b"%PDF")
        assert is_encrypted(path) and SQLITE_HEADER not in path.read_bytes()[:16]
        lock(path)
        with pytest.raises(WrongPassphrase):
            unlock(path, "wrong passphrase here")
        unlock(path, PASSPHRASE)
        lock(path)
        from facilitator_app.encryption import unlock_with_recovery_key

        unlock_with_recovery_key(path, shown["key"], NEW_PASSPHRASE)  # the real key was shown
        assert is_unlocked(path)
    finally:
        lock(path)


SQLITE_HEADER = b"SQLite format 3"


def wal_of(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_not_now_leaves_no_file_and_the_app_opens_it_plain(qtbot, tmp_path, when_shown) -> None:
    make_application()
    path = tmp_path / "creando.db"
    when_shown(EncryptionOfferDialog, lambda d: qtbot.mouseClick(d.not_now_button, LEFT), [])
    assert offer_encryption(path) is False
    assert not path.exists()
    store = open_store_interactively(path)
    assert store is not None and not is_encrypted(path)
    store.close()


def test_the_first_run_of_the_app_encrypts_before_the_demo_is_written(
        qtbot, isolated_data_dir, monkeypatch, when_shown) -> None:
    """run_app on the default database, as a new user starts it: the offer, the key, then
    the window on the demo workshop, whose names never reach the disk in clear."""
    from facilitator_app.paths import default_db_path
    from ui import app

    monkeypatch.setattr(app, "install_excepthook", lambda: None)  # pytest-qt keeps its own
    monkeypatch.delenv(app.BENCH_ENV, raising=False)
    path = default_db_path()
    assert not path.exists()

    def offer(dialog: EncryptionOfferDialog) -> None:
        qtbot.keyClicks(dialog.new_passphrase.first, PASSPHRASE)
        qtbot.keyClicks(dialog.new_passphrase.second, PASSPHRASE)
        qtbot.mouseClick(dialog.encrypt_button, LEFT)

    windows: list = []
    when_shown(EncryptionOfferDialog, offer, [])
    when_shown(RecoveryKeyDialog, acknowledge_key(qtbot), [])
    when_shown(MainWindow, lambda w: (w.runner.wait(), windows.append(
        w.store.attendees.all()[0].name.split()[0]), w.close()), [], within_s=60)
    try:
        assert app.run_app(argparse.Namespace(db=None, lang="en")) == 0
        assert windows and is_encrypted(path)
        for copy in (path, *path.parent.rglob("*.db")):
            assert windows[0].encode("utf-8") not in copy.read_bytes(), copy
    finally:
        lock(path)


# -- File → Encryption… -------------------------------------------------------------------------

@pytest.fixture
def window_on(qtbot, monkeypatch):
    """A main window on `path` (unlocked if encrypted); restarts are recorded."""
    made = []

    def make(path: Path) -> MainWindow:
        make_application()
        store = Store(open_database(path, backup_on_open=False), path=path)
        window = MainWindow(store, path)
        window.restarts = []
        monkeypatch.setattr(window, "restart", window.restarts.append)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, store))
        return window

    yield make
    for window, store in made:
        window.door.leave()
        window.close()
        store.close()


def test_the_menu_encrypts_a_plain_database_and_restarts_on_it(
        qtbot, db_file, window_on, when_shown) -> None:
    demo_database(db_file)
    window = window_on(db_file)
    name = window.store.attendees.all()[0].name.split()[0].encode("utf-8")  # a stored name
    assert name in db_file.read_bytes() + wal_of(db_file)
    assert window.encryption_action.text() == "&Encryption…"

    def fill(dialog: EncryptionDialog) -> None:
        qtbot.keyClicks(dialog.enable_passphrase.first, PASSPHRASE)
        qtbot.keyClicks(dialog.enable_passphrase.second, PASSPHRASE)
        qtbot.mouseClick(dialog.enable_button, LEFT)

    when_shown(EncryptionDialog, fill, [])
    when_shown(RecoveryKeyDialog, acknowledge_key(qtbot), [])
    try:
        window.encryption_action.trigger()
        assert window.restarts and is_encrypted(db_file)
        assert name not in db_file.read_bytes() + wal_of(db_file)
        lock(db_file)
        unlock(db_file, PASSPHRASE)
        store = Store(open_database(db_file, backup_on_open=False), path=db_file)
        assert store.workshops.demo() is not None
        store.close()
    finally:
        lock(db_file)


def test_the_menu_changes_the_passphrase_and_decrypts(qtbot, encrypted, window_on,
                                                      monkeypatch, when_shown) -> None:
    path, _key = encrypted
    unlock(path, PASSPHRASE)
    window = window_on(path)
    monkeypatch.setattr(EncryptionDialog, "confirm", staticmethod(lambda *args: True))
    done: dict = {}

    def change(dialog: EncryptionDialog) -> None:
        qtbot.keyClicks(dialog.old_passphrase, "not the passphrase at all")
        qtbot.keyClicks(dialog.new_passphrase.first, NEW_PASSPHRASE)
        qtbot.keyClicks(dialog.new_passphrase.second, NEW_PASSPHRASE)
        qtbot.mouseClick(dialog.change_button, LEFT)
        done["wrong"] = dialog.error.text()
        type_into(qtbot, dialog.old_passphrase, PASSPHRASE)
        qtbot.mouseClick(dialog.change_button, LEFT)
        done["changed"] = dialog.done_label.text()
        qtbot.keyClicks(dialog.disable_passphrase, NEW_PASSPHRASE)
        qtbot.mouseClick(dialog.disable_button, LEFT)

    when_shown(EncryptionDialog, change, [])
    window.encryption_action.trigger()
    assert "Wrong passphrase" in done["wrong"] and "changed" in done["changed"]
    assert window.restarts and not is_encrypted(path)
    assert SQLITE_HEADER in path.read_bytes()[:16]


# -- the idle lock ------------------------------------------------------------------------------

def test_the_window_locks_when_idle_and_unlocks_with_the_passphrase(
        qtbot, encrypted, window_on) -> None:
    path, _key = encrypted
    unlock(path, PASSPHRASE)
    window = window_on(path)
    idle = window.idle_lock
    assert not idle.locked and window.modes.currentIndex() == 1
    idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: idle.locked, timeout=5000)
    screen = idle.screen
    assert window.modes.currentWidget() is screen and not window.nav.isVisible()
    assert not window.encryption_action.isEnabled() and not window.menuBar().isEnabled()
    window.reload_workshops()  # a refresh behind the lock does not show the pages
    assert window.modes.currentWidget() is screen
    qtbot.keyClicks(screen.passphrase, "not the passphrase at all")
    qtbot.mouseClick(screen.unlock_button, LEFT)
    assert idle.locked and "Wrong passphrase" in screen.error.text()
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.mouseClick(screen.unlock_button, LEFT)
    assert not idle.locked and window.modes.currentIndex() == 1 and window.nav.isVisible()
    assert window.encryption_action.isEnabled() and screen.passphrase.text() == ""
    assert idle.timer.isActive()  # it will lock again after the next idle time


def test_input_in_the_window_starts_the_idle_time_again(qtbot, encrypted, window_on) -> None:
    path, _key = encrypted
    unlock(path, PASSPHRASE)
    window = window_on(path)
    idle = window.idle_lock
    idle.set_interval_ms(60_000)
    idle.timer.stop()  # as if the idle time had run out: only input starts it again
    qtbot.keyClick(window.nav, Qt.Key.Key_Shift)
    assert idle.timer.isActive() and idle.timer.remainingTime() > 59_000
    idle.timer.stop()
    qtbot.mouseClick(window.workshop_label, LEFT)
    assert idle.timer.isActive() and not idle.locked


def test_door_mode_is_never_locked(qtbot, encrypted, window_on) -> None:
    path, _key = encrypted
    unlock(path, PASSPHRASE)
    window = window_on(path)
    window.door.enter()
    assert window.door.active
    window.idle_lock.set_interval_ms(100)
    qtbot.wait(600)
    assert not window.idle_lock.locked and window.idle_lock.timer.isActive()
    assert window.modes.currentIndex() == 1
    window.door.leave()
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)


def test_a_plain_database_is_never_locked(qtbot, db_file, window_on) -> None:
    demo_database(db_file)
    window = window_on(db_file)
    window.idle_lock.set_interval_ms(100)
    qtbot.wait(500)
    assert not window.idle_lock.locked and window.modes.currentIndex() == 1
