"""What every page offers the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator_app.models import Workshop
from facilitator_app.store import Store


class Page(QWidget):
    """A page knows the store and the current workshop, and can re-translate itself."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop: Workshop | None = None
        self._stale = False

    def set_workshop(self, workshop: Workshop | None) -> None:
        """Show `workshop`; a hidden page reloads only when it is next shown."""
        self.workshop = workshop
        self._stale = not self.isVisible()
        if not self._stale:
            self.refresh()

    def showEvent(self, event) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Reload what the page shows from the store."""

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""
