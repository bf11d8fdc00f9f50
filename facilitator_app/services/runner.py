"""Running a session's agenda: one item at a time, a countdown, pauses, overtime, and a
log of what was delivered with its real start and end. The clock is passed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from facilitator_app.clock import iso
from facilitator_app.services.agenda import MODULE, AgendaItem
from facilitator_app.store import Store

READY, RUNNING, PAUSED, FINISHED = "ready", "running", "paused", "finished"


@dataclass(frozen=True)
class Delivery:
    item: AgendaItem
    started_at: datetime
    ended_at: datetime
    seconds: float  # time actually running (pauses left out)
    useful_yes: int | None = None
    useful_no: int | None = None


class Runner:
    """A state machine over the agenda; `on_delivered` stores each finished module."""

    def __init__(self, items: list[AgendaItem], clock: Callable[[], datetime],
                 on_delivered: Callable[[Delivery], None] | None = None) -> None:
        self.items = items
        self.clock = clock
        self.on_delivered = on_delivered
        self.index = 0
        self.state = READY if items else FINISHED
        self.log: list[Delivery] = []
        self._started: datetime | None = None
        self._run_seconds = 0.0
        self._resumed: datetime | None = None
        self.useful_yes: int | None = None
        self.useful_no: int | None = None

    @property
    def current(self) -> AgendaItem | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def elapsed(self) -> float:
        """Seconds the current item has been running."""
        running = (self.clock() - self._resumed).total_seconds() if self._resumed else 0.0
        return self._run_seconds + running

    def remaining(self) -> float:
        """Seconds left on the current item; negative in overtime."""
        return self.current.minutes * 60 - self.elapsed() if self.current else 0.0

    def overtime(self) -> bool:
        return self.state in (RUNNING, PAUSED) and self.remaining() < 0

    def start(self) -> None:
        if self.state == READY:
            self._begin()
        elif self.state == PAUSED:
            self._resumed = self.clock()
            self.state = RUNNING

    def pause(self) -> None:
        if self.state == RUNNING:
            self._run_seconds = self.elapsed()
            self._resumed = None
            self.state = PAUSED

    def toggle(self) -> None:
        if self.state == RUNNING:
            self.pause()
        else:
            self.start()

    def next(self) -> None:
        self._move(self.index + 1)

    def previous(self) -> None:
        self._move(max(0, self.index - 1))

    def finish(self) -> None:
        self._close()
        self.state = FINISHED

    def hand_count(self, yes: int, no: int) -> None:
        """"Was it useful?" for the current module, stored when the module ends."""
        self.useful_yes, self.useful_no = yes, no

    def _move(self, index: int) -> None:
        was_running = self.state in (RUNNING, PAUSED)
        self._close()
        if index >= len(self.items):
            self.state = FINISHED
            return
        self.index = index
        if was_running:
            self._begin()
        else:
            self.state = READY

    def _begin(self) -> None:
        self._started = self._resumed = self.clock()
        self._run_seconds = 0.0
        self.useful_yes = self.useful_no = None
        self.state = RUNNING

    def _close(self) -> None:
        """Log the current item if it ran at all."""
        if self._started is None or self.current is None:
            return
        delivery = Delivery(self.current, self._started, self.clock(), self.elapsed(),
                            self.useful_yes, self.useful_no)
        self.log.append(delivery)
        if self.on_delivered:
            self.on_delivered(delivery)
        self._started = self._resumed = None
        self._run_seconds = 0.0


def store_delivery(store: Store, session_id: str, delivery: Delivery) -> None:
    """Modules (not breaks) go to the workshop's record, for reports."""
    if delivery.item.kind != MODULE:
        return
    with store.transaction():
        store.agendas.record_delivery(session_id, asdict(delivery.item),
                                      iso(delivery.started_at), iso(delivery.ended_at),
                                      delivery.useful_yes, delivery.useful_no)
