"""Helper process for test_durability: commits check-ins one by one and reports each id."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from facilitator_app.clock import iso
from facilitator_app.db import open_database
from facilitator_app.models import CheckinEvent, CheckinKind, CheckinMethod, EventId
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store


def main(path: str, commits: int) -> None:
    store = Store(open_database(Path(path), backup_on_open=False), path=Path(path))
    workshop, _ = ensure_demo(store)
    people = store.attendees.for_workshop(workshop.id)
    print("ready", flush=True)
    for number in range(commits):
        with store.transaction():
            event = store.checkins.record(CheckinEvent(
                id=EventId(""), workshop_id=workshop.id,
                attendee_id=people[number % len(people)].id, kind=CheckinKind.ADMITTED,
                at=iso(store.clock()), method=CheckinMethod.SCANNER))
        print(event.id, flush=True)  # reported only after the commit returned
        time.sleep(0.002)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
