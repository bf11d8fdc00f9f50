"""Run slow work (backups, exports) off the GUI thread and hear back on it."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported on the GUI thread, never lost
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Owns the thread pool; callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # store work is serial: one writer at a time
        self._alive: set[_Signals] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception, str], None],
    ) -> None:
        signals = _Signals()
        self._alive.add(signals)

        def finish_ok(result: Any) -> None:
            self._alive.discard(signals)
            on_done(result)

        def finish_error(exc: Exception, details: str) -> None:
            self._alive.discard(signals)
            on_error(exc, details)

        signals.done.connect(finish_ok)
        signals.failed.connect(finish_error)
        self.pool.start(_Task(work, signals))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
