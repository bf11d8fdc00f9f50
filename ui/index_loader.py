"""Build a workshop's search index without making a page wait for it.

A small registry is indexed at once (a few milliseconds). A large one (tens of thousands of
people) is read off the GUI thread on a read-only connection of its own, so the page opens
at once and its search starts working as soon as the index arrives.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from facilitator_app import dbconnect
from facilitator_app.services.attendees import SearchIndex, search_index
from facilitator_app.sql import Connection
from facilitator_app.store import Store
from ui.tasks import TaskRunner

SYNC_LIMIT = 5_000  # registries up to this size are indexed on the spot


def _read_only_store(store: Store) -> Store:
    path = Path(store.path).resolve().as_posix()
    conn = dbconnect.connect(f"file:{path}?mode=ro", file=store.path, uri=True,
                             check_same_thread=False)
    return Store(Connection(conn), clock=store.clock, path=store.path)


def index_in_background(store: Store, workshop_id: str) -> SearchIndex:
    """What the worker runs: the index, read on a connection that only this call uses."""
    reader = _read_only_store(store)
    try:
        return search_index(reader, workshop_id)
    finally:
        reader.close()


class IndexLoader(QObject):
    """`load()` a workshop; `ready` brings its index (the latest asked for only)."""

    ready = Signal(object)  # SearchIndex, or None without a workshop

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = TaskRunner(self)
        self.asked = 0
        self.loading = False

    def load(self, workshop_id: str | None) -> None:
        self.asked += 1
        if workshop_id is None:
            self.loading = False
            self.ready.emit(None)
            return
        if self.store.path is None or self.store.registrations.count(workshop_id) <= SYNC_LIMIT:
            self.loading = False
            self.ready.emit(search_index(self.store, workshop_id))
            return
        self.loading = True
        ticket = self.asked
        self.runner.run(lambda: index_in_background(self.store, workshop_id),
                        lambda index: self._arrived(ticket, index),
                        lambda exc, details: self._failed(ticket, workshop_id, details))

    def _arrived(self, ticket: int, index: SearchIndex) -> None:
        if ticket == self.asked:
            self.loading = False
            self.ready.emit(index)

    def _failed(self, ticket: int, workshop_id: str, details: str) -> None:
        """A read-only reader could not open (an unusual file system): index here."""
        print(details)
        if ticket == self.asked:
            self.loading = False
            self.ready.emit(search_index(self.store, workshop_id))

    def wait(self, msecs: int = 30_000) -> bool:
        return self.runner.wait(msecs)
