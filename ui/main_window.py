"""The main window: navigation column, pages, workshop switcher, language, About, and the
check-in desk's door mode (F11)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from facilitator_app import APP_NAME, app_version
from facilitator_app.db import backup_if_changed
from facilitator_app.errors import KnownError
from facilitator_app.i18n import LANGUAGE_NAMES, _, current_language
from facilitator_app.models import Workshop
from facilitator_app.settings import save_setting
from facilitator_app.store import Store
from ui.desk.door_mode import DoorMode
from ui.dialogs.errors import show_known_error
from ui.dialogs.workshop_dialog import WorkshopDialog
from ui.lock_screen import IdleLock
from ui.pages.base import Page
from ui.pages.registry import PAGES
from ui.pages.welcome import WelcomePage
from ui.qt_i18n import apply_language
from ui.tasks import TaskRunner

BACKUP_EVERY_MINUTES = 10
CHECKIN_PAGE = next(i for i, spec in enumerate(PAGES) if spec.title == "Check-in")


class MainWindow(QMainWindow):
    shown = Signal()

    def __init__(self, store: Store, db_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.db_path = db_path
        self.runner = TaskRunner(self)
        self.setObjectName("mainWindow")
        self.resize(1100, 720)
        self.welcome = WelcomePage()
        self.welcome.create_requested.connect(self.new_workshop)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.programme_requested.connect(self.open_programme)
        self.pages: list[Page | None] = [None] * len(PAGES)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(230)
        self.stack = QStackedWidget()
        for _spec in PAGES:
            self.stack.addWidget(QWidget())  # stands in until the page is first shown
            self.nav.addItem("")
        self.nav.currentRowChanged.connect(self._navigate)
        self.modes = QStackedWidget()
        self.modes.addWidget(self.welcome)
        self.modes.addWidget(self._workspace())
        self.setCentralWidget(self.modes)
        self._build_toolbar()
        self._build_menus()
        self.door = DoorMode(self, CHECKIN_PAGE)
        self.idle_lock = IdleLock(self)
        self.backup_timer = QTimer(self, interval=BACKUP_EVERY_MINUTES * 60_000)
        self.backup_timer.timeout.connect(self.backup_now)
        if db_path is not None:
            self.backup_timer.start()
        self.retranslate()
        self.reload_workshops()

    def _workspace(self) -> QWidget:
        workspace = QWidget()
        layout = QHBoxLayout(workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, stretch=1)
        return workspace

    def _build_toolbar(self) -> None:
        bar = QToolBar()
        bar.setObjectName("workshopBar")
        bar.setMovable(False)
        self.workshop_label = QLabel()
        self.switcher = QComboBox()
        self.switcher.setObjectName("workshopSwitcher")
        self.switcher.setMinimumWidth(420)
        self.switcher.currentIndexChanged.connect(self._switch_workshop)
        bar.addWidget(self.workshop_label)
        bar.addWidget(self.switcher)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.new_action = self._action(self.file_menu, QKeySequence.StandardKey.New,
                                       self.new_workshop)
        self.demo_action = self._action(self.file_menu, None, self.open_demo)
        self.file_menu.addSeparator()
        self.encryption_action = self._action(self.file_menu, None, self.show_encryption)
        self.encryption_action.setEnabled(self.db_path is not None)
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, QKeySequence.StandardKey.Quit,
                                        self.close)
        self.go_menu = self.menuBar().addMenu("")
        self.page_actions = [
            self._action(self.go_menu, QKeySequence(f"Ctrl+{n + 1}"),
                         lambda n=n: self.show_page(n))
            for n in range(len(PAGES))
        ]
        self.go_menu.addSeparator()
        self.door_action = self._action(self.go_menu, QKeySequence(Qt.Key.Key_F11),
                                        lambda: self.door.toggle())
        self.language_menu = self.menuBar().addMenu("")
        group = QActionGroup(self)
        self.language_actions = {}
        for code, name in LANGUAGE_NAMES.items():
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_actions[code] = action
        self.help_menu = self.menuBar().addMenu("")
        self.about_action = self._action(self.help_menu, QKeySequence.StandardKey.HelpContents,
                                         self.show_about)

    def _action(self, menu, shortcut, slot: Callable[[], object]) -> QAction:
        action = menu.addAction("")
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def retranslate(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.workshop_label.setText(_("Workshop:") + " ")
        self.file_menu.setTitle(_("&File"))
        self.new_action.setText(_("&New workshop…"))
        self.demo_action.setText(_("Open the &demo workshop"))
        self.encryption_action.setText(_("&Encryption…"))
        self.quit_action.setText(_("&Quit"))
        self.go_menu.setTitle(_("&Go"))
        self.door_action.setText(_("&Door mode (check-in, full screen)"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About CREANDO Desk"))
        for row, spec in enumerate(PAGES):
            self.nav.item(row).setText(_(spec.title))
            self.page_actions[row].setText(_(spec.title))
        for page in self.built_pages():
            page.retranslate()
        self.welcome.retranslate()
        if hasattr(self, "idle_lock"):
            self.idle_lock.screen.retranslate()
        self.statusBar().showMessage(_("Database: {path}").format(
            path=self.db_path or _("in memory")))

    def set_language(self, code: str) -> None:
        apply_language(code)
        save_setting("language", code)
        self.language_actions[code].setChecked(True)
        self.retranslate()

    def reload_workshops(self, select: str | None = None) -> None:
        """Fill the switcher; with no workshop at all, show the welcome screen."""
        workshops = self.store.workshops.list()
        current = select or (self.current_workshop().id if self.current_workshop() else None)
        self.switcher.blockSignals(True)
        self.switcher.clear()
        for workshop in workshops:
            self.switcher.addItem(workshop.title, workshop)
        index = next((i for i, w in enumerate(workshops) if w.id == current), 0)
        self.switcher.setCurrentIndex(index if workshops else -1)
        self.switcher.blockSignals(False)
        self.modes.setCurrentIndex(1 if workshops else 0)
        self.switcher.setEnabled(bool(workshops))
        self._switch_workshop()
        if workshops and self.nav.currentRow() < 0:
            self.show_page(0)

    def current_workshop(self) -> Workshop | None:
        return self.switcher.currentData() if hasattr(self, "switcher") else None

    def _switch_workshop(self, _index: int = 0) -> None:
        workshop = self.current_workshop()
        for page in self.built_pages():
            page.set_workshop(workshop)

    def built_pages(self) -> list[Page]:
        return [page for page in self.pages if page is not None]

    def page(self, index: int) -> Page:
        """The page at `index`, built (and put in the stack) on first use."""
        existing = self.pages[index]
        if existing is not None:
            return existing
        page = PAGES[index].build(self.store)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.pages[index] = page
        door_request = getattr(page, "door_mode_requested", None)
        if door_request is not None:
            door_request.connect(self.door.toggle)
        page.set_workshop(self.current_workshop())
        return page

    def _navigate(self, index: int) -> None:
        if index >= 0:
            self.stack.setCurrentWidget(self.page(index))
            # at the desk, Ctrl+N registers a walk-in rather than a new workshop
            self.new_action.setShortcut(QKeySequence() if index == CHECKIN_PAGE
                                        else QKeySequence(QKeySequence.StandardKey.New))

    def show_page(self, index: int) -> None:
        """Go to a page, unless door mode holds the window on the desk."""
        if self.modes.currentIndex() == 1 and not self.door.active:
            self.nav.setCurrentRow(index)

    def navigation_actions(self) -> list[QAction]:
        """What door mode disables: every way to another page or workshop."""
        return [*self.page_actions, self.new_action, self.demo_action]

    def new_workshop(self) -> None:
        dialog = WorkshopDialog(self.store, self)
        if dialog.exec() and dialog.created:
            self.reload_workshops(select=dialog.created.workshop.id)

    def open_demo(self) -> None:
        from facilitator_app.services.demo import ensure_demo  # rarely used: load on demand

        workshop, _created = ensure_demo(self.store, contacts=True)
        self.reload_workshops(select=workshop.id)
        self.show_page(0)

    def open_programme(self) -> None:
        """The Programme page, also on a staff laptop that holds no workshop of its own."""
        from ui.pages.registry import PROGRAMME_PAGE

        self.modes.setCurrentIndex(1)
        self.show_page(PROGRAMME_PAGE)

    def show_about(self) -> None:
        QMessageBox.about(self, _("About CREANDO Desk"), _(
            "<b>{app}</b> {version}<br><br>A desktop toolkit for facilitators of hybrid "
            "workshops for migrant and refugee entrepreneurs, born in UNDP Peru's CREANDO "
            "programme.<br><br>Your data stays on this computer: the app makes no network "
            "calls. Database: {path}").format(app=APP_NAME, version=app_version(),
                                               path=self.db_path or _("in memory")))

    def show_encryption(self) -> None:
        """Encrypt, decrypt, change the passphrase, the idle lock; a conversion closes the
        store and the app restarts on the converted file."""
        from ui.dialogs.encryption_dialog import EncryptionDialog

        if self.db_path is None:
            return
        dialog = EncryptionDialog(self.db_path, self.release_store,
                                  self.idle_lock.set_minutes, self)
        dialog.exec()
        if dialog.store_released:
            self.restart(_("CREANDO Desk restarts to open the converted database."))

    def release_store(self) -> None:
        """Close the database so its file can be converted: nothing may touch it after,
        so every timer of the window (backups, the pages' refreshes) stops first."""
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.idle_lock.stop()
        self.wait_for_work()
        self.store.close()

    def restart(self, text: str) -> None:
        from ui.dialogs.encryption_dialog import restart_app

        restart_app(self, text)

    def backup_now(self) -> None:
        """A rolling backup, if the database changed, off the GUI thread; the status bar
        says when one was saved."""
        if self.db_path is None:
            return
        path = self.db_path
        self.runner.run(lambda: backup_if_changed(path), self._backup_done,
                        self._backup_failed)

    def _backup_done(self, target: object) -> None:
        if target is not None:  # None: nothing changed since the newest backup
            self.statusBar().showMessage(_("Backup saved."), 5000)

    def _backup_failed(self, exc: Exception, details: str) -> None:
        if isinstance(exc, KnownError):
            show_known_error(self, exc)
        else:
            self.statusBar().showMessage(_("The backup failed: {error}").format(error=exc))
            print(details)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.shown.emit)

    def closeEvent(self, event) -> None:
        if self.door.active and not self.door.ask_to_leave():
            event.ignore()
            return
        self.backup_timer.stop()
        self.idle_lock.stop()
        self.wait_for_work()
        super().closeEvent(event)

    def wait_for_work(self) -> None:
        """Let the work running off the GUI thread finish: the window's, and the pages'
        own (exports, programme imports), which may hold a connection to the database."""
        for runner in self.findChildren(TaskRunner):
            runner.wait()

