"""Who reached a session's online-minutes threshold, kept up to date cheaply.

Reading it from `session_presence` costs a scan of the workshop (hundreds of ms at 100,000
people), too slow after every scan at the door. So the answer is kept per workshop, with
the thresholds it was computed for: this connection's own changes to online minutes are
logged by TEMP triggers (in memory, this connection only, nothing in the file) and only
those people are looked at again; another connection's commit (`PRAGMA data_version`),
new thresholds or a read inside a transaction compute it again from scratch.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from facilitator_app.sql import Connection

_LOG = "online_changes"
_WATCH = (
    f"CREATE TEMP TABLE IF NOT EXISTS {_LOG} (workshop_id TEXT, attendee_id TEXT)",
    f"CREATE TEMP TRIGGER IF NOT EXISTS {_LOG}_added AFTER INSERT ON main.session_presence "
    f"WHEN NEW.online_minutes IS NOT NULL BEGIN INSERT INTO {_LOG} VALUES "
    "(NEW.workshop_id, NEW.attendee_id); END",
    f"CREATE TEMP TRIGGER IF NOT EXISTS {_LOG}_removed AFTER DELETE ON main.session_presence "
    f"WHEN OLD.online_minutes IS NOT NULL BEGIN INSERT INTO {_LOG} VALUES "
    "(OLD.workshop_id, OLD.attendee_id); END",
    f"CREATE TEMP TRIGGER IF NOT EXISTS {_LOG}_changed AFTER UPDATE ON main.session_presence "
    "WHEN OLD.online_minutes IS NOT NEW.online_minutes OR OLD.attendee_id != NEW.attendee_id "
    f"OR OLD.session_id != NEW.session_id BEGIN INSERT INTO {_LOG} VALUES "
    f"(OLD.workshop_id, OLD.attendee_id); INSERT INTO {_LOG} VALUES "
    "(NEW.workshop_id, NEW.attendee_id); END",
)
BATCH = 500  # ids per IN (...) list


@dataclass
class _Kept:
    minimums: dict[str, int]
    people: set[str]


class OnlineReached:
    """`reached(workshop, minimums)`: the people online at least `minimums[session]`
    minutes in at least one of those sessions."""

    def __init__(self, db: Connection) -> None:
        self.db = db
        self.kept: dict[str, _Kept] = {}
        self.version: int | None = None

    def reached(self, workshop_id: str, minimums: dict[str, int]) -> AbstractSet[str]:
        """The kept set itself, not a copy (100,000 ids after every scan): read it, do not
        change it, and do not hold it across changes."""
        if not minimums:
            return frozenset()
        if self.db.conn.in_transaction:  # what it reads may still be rolled back
            return self._compute(workshop_id, minimums)
        self._watch()
        self._catch_up()
        kept = self.kept.get(workshop_id)
        if kept is None or kept.minimums != minimums:
            kept = self.kept[workshop_id] = _Kept(dict(minimums),
                                                  self._compute(workshop_id, minimums))
        return kept.people

    def _watch(self) -> None:
        """The TEMP log and triggers, made again (and everything kept forgotten) when they
        are gone: on the first call, or after the connection dropped its TEMP objects
        (`PRAGMA temp_store`, as a scrub sets it, does)."""
        watching = self.db.execute(
            "SELECT COUNT(*) FROM temp.sqlite_master WHERE name LIKE ?",
            [f"{_LOG}%"]).fetchone()[0]
        if watching != len(_WATCH):
            for statement in _WATCH:
                self.db.execute(statement)
            self.kept.clear()
            self.version = None

    def _catch_up(self) -> None:
        """Forget everything after another connection's commit; else look again at the
        people whose online minutes this connection changed."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        changed: dict[str, set[str]] = {}
        for workshop_id, attendee_id in self.db.execute(f"SELECT * FROM temp.{_LOG}"):
            changed.setdefault(workshop_id, set()).add(attendee_id)
        if changed:
            self.db.execute(f"DELETE FROM temp.{_LOG}")
        if version != self.version:
            self.kept.clear()
            self.version = version
        for workshop_id, people in changed.items():
            kept = self.kept.get(workshop_id)
            if kept is not None:
                kept.people -= people
                kept.people |= self._among(workshop_id, kept.minimums, sorted(people))

    def _compute(self, workshop_id: str, minimums: dict[str, int]) -> set[str]:
        cases = " ".join("WHEN ? THEN ?" for _ in minimums)
        params = [value for pair in minimums.items() for value in pair]
        return {row[0] for row in self.db.execute(
            f"SELECT DISTINCT attendee_id FROM session_presence WHERE workshop_id = ? "
            f"AND online_minutes IS NOT NULL AND online_minutes >= CASE session_id {cases} "
            f"END", [workshop_id, *params])}

    def _among(self, workshop_id: str, minimums: dict[str, int], ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            marks = ", ".join("?" * len(chunk))
            for person, session, minutes in self.db.execute(
                    f"SELECT attendee_id, session_id, online_minutes FROM session_presence "
                    f"WHERE workshop_id = ? AND attendee_id IN ({marks}) AND online_minutes "
                    f"IS NOT NULL", [workshop_id, *chunk]):
                if session in minimums and minutes >= minimums[session]:
                    found.add(person)
        return found
