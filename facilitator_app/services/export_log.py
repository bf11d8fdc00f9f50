"""What left this computer: each export recorded once its file is written (atomically), in
a transaction of its own, so a failed export records nothing.

Only the file's name is kept, never its folder: a path like C:\\Users\\maria\\... names the
computer's user, and the log travels in every backup. The log is this desk's own: archives
do not carry it and a merge does not read it (store.meta.LOCAL_TABLES).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from facilitator_app.files import sha256_of
from facilitator_app.i18n import N_
from facilitator_app.sensitivity import label_of
from facilitator_app.store import Store
from facilitator_app.store.export_log import ExportEntry

KIND_WORDS = {"report": N_("Workshop report (Excel)"),
              "partner-report": N_("Partner report (Excel)"),
              "handout": N_("Session handout"), "signin-sheet": N_("Sign-in sheet"),
              "certificates": N_("Certificates"), "badges": N_("Badges"),
              "cards": N_("\u201cPeople you met\u201d cards"),
              "breakout": N_("Breakout rooms (Zoom file)"),
              "followup": N_("Follow-up messages"), "archive": N_("Workshop archive"),
              "subject-access": N_("A person's data (access request)"),
              "programme-report": N_("Programme report (Excel)"),
              "five-w": N_("5W activity report (Excel)")}


def record_export(store: Store, kind: str, written: Path, people: Sequence[str], *,
                  workshop_id: str | None = None, session_id: str | None = None,
                  attendee_id: str | None = None, names_people: bool = False) -> str:
    """Record that `written` (a file of `kind` carrying the data of `people`) left this
    computer; returns the log entry's id."""
    people = list(dict.fromkeys(people))
    entry = {"kind": kind, "label": label_of(kind, names_people=names_people),
             "workshop_id": workshop_id, "session_id": session_id,
             "attendee_id": attendee_id, "people": len(people), "file_name": written.name,
             "bytes": written.stat().st_size, "sha256": sha256_of(written),
             "desk_id": store.meta.desk_id()}
    with store.transaction():
        return store.export_log.add(entry, people)


def exports_log(store: Store, workshop_id: str | None = None) -> list[ExportEntry]:
    """Newest first; only one workshop's (id or prefix) when given."""
    chosen = store.workshops.get(workshop_id).id if workshop_id else None
    return store.export_log.entries(chosen)


def exports_of(store: Store, attendee_id: str) -> list[ExportEntry]:
    """The exports that carried the person's data, oldest first."""
    return store.export_log.for_person(attendee_id)


def entry_json(entry: ExportEntry) -> dict:
    return {"id": entry.id, "made_at": entry.made_at, "kind": entry.kind,
            "label": entry.label, "workshop_id": entry.workshop_id,
            "workshop": entry.workshop_title, "session_id": entry.session_id,
            "attendee_id": entry.attendee_id, "people": entry.people,
            "file": entry.file_name, "bytes": entry.bytes, "sha256": entry.sha256,
            "desk_id": entry.desk_id}

