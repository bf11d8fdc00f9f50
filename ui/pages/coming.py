"""Pages whose capability is not built yet say so plainly, and what they will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator_app.i18n import N_, _
from facilitator_app.store import Store
from ui.pages.base import Page

# (navigation title, what the page will hold) — both marked for translation.
COMING_PAGES: dict[str, tuple[str, str]] = {
    "archive": (N_("Archive"), N_(
        "Archive a workshop as a verifiable bundle, merge another desk, restore backups.")),
}


class ComingPage(Page):
    """Not built yet: no buttons that pretend to work."""

    def __init__(self, store: Store, key: str, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.key = key
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.body = QLabel(wordWrap=True)
        self.status = QLabel(wordWrap=True)
        self.status.setObjectName("comingNote")
        for widget in (self.heading, self.body, self.status):
            layout.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        title, body = COMING_PAGES[self.key]
        self.heading.setText(_(title))
        self.body.setText(_(body))
        self.status.setText(_("This part of CREANDO Desk is not built yet. "
                              "It will appear here in a coming version."))

