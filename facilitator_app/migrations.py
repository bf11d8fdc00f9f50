"""Append-only schema migrations (sqlite-utils). Never edit a released one: add the next,
and its name to `schema_version.MIGRATION_NAMES`.

Every table keys on a UUIDv7 text id so archives from several desks merge without collisions.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from facilitator_app.schema_version import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

_SCHEMA_1 = """
CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL DEFAULT '',
    ends_on TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'es',
    min_online_percent INTEGER NOT NULL DEFAULT 60,
    token_secret TEXT NOT NULL,
    retention_until TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL DEFAULT '',
    ends_at TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX sessions_workshop ON sessions(workshop_id, position);
CREATE TABLE attendees (
    id TEXT PRIMARY KEY,
    given_names TEXT NOT NULL,
    family_names TEXT NOT NULL DEFAULT '',
    name_folded TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    business TEXT NOT NULL DEFAULT '',
    sector TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    offers TEXT NOT NULL DEFAULT '[]',
    needs TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX attendees_folded ON attendees(name_folded);
CREATE INDEX attendees_phone ON attendees(phone) WHERE phone != '';
CREATE INDEX attendees_email ON attendees(email) WHERE email != '';
CREATE TABLE registrations (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
    registered_at TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    token TEXT,
    UNIQUE (workshop_id, attendee_id)
);
CREATE UNIQUE INDEX registrations_token ON registrations(token) WHERE token IS NOT NULL;
CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN
        ('processing', 'share_participants', 'share_partners', 'photos')),
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
    recorded_at TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consents_attendee ON consents(attendee_id, purpose, recorded_at);
CREATE TABLE checkin_events (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    session_id TEXT REFERENCES sessions(id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('admitted', 'checked_out', 'undone')),
    at TEXT NOT NULL,
    desk TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL,
    mode TEXT NOT NULL DEFAULT 'in_room' CHECK (mode IN ('in_room', 'online')),
    online_minutes REAL,
    undoes_id TEXT REFERENCES checkin_events(id),
    source_ref TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checkin_events_workshop ON checkin_events(workshop_id, attendee_id, at);
CREATE INDEX checkin_events_session ON checkin_events(session_id, attendee_id);
CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN
        ('civil_society', 'private_sector', 'un', 'government', 'academia')),
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    offers TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE introductions (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    from_attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,
    to_attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,
    to_partner_id TEXT REFERENCES partners(id) ON DELETE SET NULL,
    purpose TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    made_by TEXT NOT NULL DEFAULT '',
    made_at TEXT NOT NULL
);
CREATE INDEX introductions_workshop ON introductions(workshop_id, made_at);
CREATE TABLE introduction_followups (
    id TEXT PRIMARY KEY,
    introduction_id TEXT NOT NULL REFERENCES introductions(id) ON DELETE CASCADE,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'no_answer')),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX followups_due ON introduction_followups(status, due_on);
CREATE TABLE module_deliveries (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL DEFAULT '',
    module_id TEXT NOT NULL,
    title TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    ended_at TEXT,
    useful_yes INTEGER,
    useful_no INTEGER,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX module_deliveries_session ON module_deliveries(session_id, started_at);
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_kind TEXT NOT NULL DEFAULT '',
    subject_id TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}'
);
"""


@migrations(name="0001_initial_schema")
def initial_schema(db: Database) -> None:
    """Workshops, sessions, attendees, registrations, consents, check-in events, partners,
    introductions with follow-ups, module deliveries and the audit log."""
    for statement in _SCHEMA_1.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0002_app_meta")
def app_meta(db: Database) -> None:
    """Per-install facts, such as this desk's own id that check-in events carry."""
    from facilitator_app.ids import uuid7

    db.execute(
        "CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )
    db.execute("INSERT INTO app_meta (key, value) VALUES ('desk_id', ?)", [uuid7()])


@migrations(name="0003_badge_tokens")
def badge_tokens(db: Database) -> None:
    """Every badge token ever issued, so a reprinted (revoked) badge is recognised as such.

    Replaces the single `registrations.token` column, which could not remember old tokens.
    """
    db.execute("DROP INDEX registrations_token")
    db.execute("ALTER TABLE registrations DROP COLUMN token")
    db.execute(
        "CREATE TABLE badge_tokens ("
        " token TEXT PRIMARY KEY,"
        " registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,"
        " workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
        " attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,"
        " issued_at TEXT NOT NULL,"
        " revoked_at TEXT) WITHOUT ROWID"  # a scan finds everything in one index lookup
    )
    db.execute("CREATE INDEX badge_tokens_registration ON badge_tokens(registration_id)")


@migrations(name="0004_undo_index")
def undo_index(db: Database) -> None:
    """Deciding whether an event was undone looks it up by `undoes_id` on every scan."""
    db.execute("CREATE INDEX checkin_events_undoes ON checkin_events(undoes_id) "
               "WHERE undoes_id IS NOT NULL")


@migrations(name="0005_online_attendance")
def online_attendance(db: Database) -> None:
    """Names people use online, the rows waiting for a person to be chosen, and a
    per-session minimum of online minutes."""
    db.execute(
        "CREATE TABLE online_aliases ("
        " alias TEXT NOT NULL,"
        " workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,"
        " attendee_id TEXT REFERENCES attendees(id) ON DELETE CASCADE,"  # NULL: ignore it
        " created_at TEXT NOT NULL,"
        " PRIMARY KEY (alias, workshop_id)) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE online_review ("
        " id TEXT PRIMARY KEY,"
        " session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
        " source_ref TEXT NOT NULL,"
        " name TEXT NOT NULL,"
        " email TEXT NOT NULL DEFAULT '',"
        " minutes REAL NOT NULL,"
        " suggestions TEXT NOT NULL DEFAULT '[]',"
        " status TEXT NOT NULL DEFAULT 'pending'"
        "  CHECK (status IN ('pending', 'resolved', 'ignored')),"
        " attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,"
        " created_at TEXT NOT NULL,"
        " resolved_at TEXT,"
        " UNIQUE (session_id, source_ref))")
    db.execute("ALTER TABLE sessions ADD COLUMN min_online_minutes INTEGER")
    db.execute("CREATE INDEX checkin_events_source ON checkin_events(source_ref) "
               "WHERE source_ref != ''")


@migrations(name="0006_agendas")
def agendas(db: Database) -> None:
    """A session's planned modules and breaks, and reusable agenda templates."""
    db.execute(
        "CREATE TABLE agenda_items ("
        " id TEXT PRIMARY KEY,"
        " session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL,"
        " kind TEXT NOT NULL CHECK (kind IN ('module', 'break')),"
        " deck_id TEXT NOT NULL DEFAULT '',"
        " module_id TEXT NOT NULL DEFAULT '',"
        " title TEXT NOT NULL,"
        " minutes INTEGER NOT NULL)")
    db.execute("CREATE INDEX agenda_items_session ON agenda_items(session_id, position)")
    db.execute(
        "CREATE TABLE agenda_templates ("
        " id TEXT PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE,"
        " items TEXT NOT NULL,"
        " created_at TEXT NOT NULL)")


@migrations(name="0007_privacy")
def privacy(db: Database) -> None:
    """Erasures (ids only, so a merge never brings an erased person back) and the archives
    made here (with the ids they hold, to say which still hold an erased person)."""
    db.execute("CREATE TABLE erasures (attendee_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE archives_made ("
        " id TEXT PRIMARY KEY,"
        " workshop_id TEXT NOT NULL,"
        " path TEXT NOT NULL,"
        " created_at TEXT NOT NULL,"
        " attendee_ids TEXT NOT NULL DEFAULT '[]')")
