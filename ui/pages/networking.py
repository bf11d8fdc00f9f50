"""Networking: introductions (also by scanning two badges), suggestions, follow-ups,
partners. A scanner burst is taken wherever the focus is in the window while this page is
shown (the sidebar, a tab, a combo box, a dialog) and goes to the two-badge flow."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from facilitator_app.i18n import _
from facilitator_app.store import Store
from ui.desk.wedge import ScanCatcher
from ui.networking.introductions_tab import IntroductionsTab
from ui.networking.other_tabs import FollowupsTab, PartnersTab, SuggestionsTab
from ui.pages.base import Page


class NetworkingPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.introductions = IntroductionsTab(store)
        self.suggestions = SuggestionsTab(store)
        self.followups = FollowupsTab(store)
        self.partners = PartnersTab(store)
        for tab in (self.introductions, self.suggestions, self.followups, self.partners):
            self.tabs.addTab(tab, "")
        self.suggestions.introduced.connect(self.refresh)
        self.followups.changed.connect(self.introductions.fill_table)
        self.partners.changed.connect(self.refresh)
        layout.addWidget(self.tabs, stretch=1)
        self.wedge = ScanCatcher(self)
        self.wedge.scanned.connect(self._scanned)
        self.retranslate()

    def _scanned(self, code: str) -> None:
        """A scanner burst anywhere in the window goes to the two-badge flow; no field
        ever received its keys."""
        self.tabs.setCurrentWidget(self.introductions)
        self.introductions.handle_code(code)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.introductions.search.setFocus()
        QTimer.singleShot(0, self.introductions.search.setFocus)  # after the sidebar click

    def retranslate(self) -> None:
        self.heading.setText(_("Networking"))
        for index, title in enumerate((_("Introductions"), _("Suggestions"), _("Follow-ups"),
                                       _("Partners"))):
            self.tabs.setTabText(index, title)
        for tab in (self.introductions, self.suggestions, self.followups, self.partners):
            tab.retranslate()

    def refresh(self) -> None:
        for tab in (self.introductions, self.suggestions, self.followups):
            tab.set_workshop(self.workshop)
        self.partners.refresh()

    def hideEvent(self, event) -> None:
        self.introductions.camera.stop()
        super().hideEvent(event)
