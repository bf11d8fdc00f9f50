"""Networking: introductions (also by scanning two badges), suggestions, follow-ups,
partners."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from facilitator_app.i18n import _
from facilitator_app.store import Store
from ui.desk.wedge import WedgeDetector
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
        self.wedge = WedgeDetector(self)
        self.wedge.scanned.connect(self._scanned)
        self.wedge.watch(self)
        self.retranslate()

    def _scanned(self, code: str) -> None:
        """A scanner burst anywhere on the page goes to the two-badge flow."""
        for field in (self.introductions.purpose, self.introductions.search):
            if field.text().endswith(code):
                field.setText(field.text()[: -len(code)])
        self.tabs.setCurrentWidget(self.introductions)
        self.introductions.handle_code(code)

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
