"""Programme work off the GUI thread: each task opens its own connections to the desk's
database and to the programme database, and closes them when it ends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from facilitator_app.db import open_database
from facilitator_app.programme.hub import Programme, open_programme
from facilitator_app.store import Store
from ui.tasks import TaskRunner

Work = Callable[[Programme, Store], Any]


class Progress(QObject):
    """Relays an import's progress from the worker thread to the GUI thread."""

    moved = Signal(int, int, str)

    def report(self, done: int, total: int, name: str) -> None:
        self.moved.emit(done, total, name)


class ProgrammeWork(QObject):
    """Runs one task at a time on the programme; `busy` while one runs."""

    busy_changed = Signal(bool)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = TaskRunner(self)
        self.pending = 0  # tasks started and not finished

    def run(self, target: str, work: Work, on_done: Callable[[Any], None],
            on_error: Callable[[Exception, str], None], *,
            aggregate_only: bool | None = None) -> None:
        self._count(1)

        def done(result: Any) -> None:
            self._count(-1)
            on_done(result)

        def failed(exc: Exception, details: str) -> None:
            self._count(-1)
            on_error(exc, details)

        if self.store.path is None:  # an in-memory desk cannot be shared with a thread
            try:
                result = _with_programme(target, aggregate_only, self.store, work)
            except Exception as exc:  # reported like a failure on the worker thread
                failed(exc, "")
            else:
                done(result)
            return
        path = self.store.path
        self.runner.run(lambda: _on_worker(path, target, aggregate_only, work), done, failed)

    @property
    def busy(self) -> bool:
        return self.pending > 0

    def _count(self, step: int) -> None:
        self.pending += step
        self.busy_changed.emit(self.busy)

    def wait(self) -> bool:
        return self.runner.wait()


def _on_worker(db_path: Path, target: str, aggregate_only: bool | None, work: Work) -> Any:
    store = Store(open_database(db_path, backup_on_open=False), path=db_path)
    try:
        return _with_programme(target, aggregate_only, store, work)
    finally:
        store.close()


def _with_programme(target: str, aggregate_only: bool | None, store: Store,
                    work: Work) -> Any:
    programme = open_programme(target, aggregate_only=aggregate_only)
    try:
        return work(programme, store)
    finally:
        programme.close()
