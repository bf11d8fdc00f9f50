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


# -- 0008: attendance as a projection of the check-in events -------------------------------
# The ONE rule for a check-in recorded without a session: the first session, in start order,
# that has not ended at that time (so before the first: the first; between two: the next);
# after the last one ends, the last. A session without an end runs until the next one starts.
# A workshop whose sessions have no times at all: its first session. Kept as a view so every
# reader (attendance, certificates, reports, the desk's choice) applies the same rule, and so
# moving a session's times re-derives its attendance, events never change.
_SESSION_WINDOWS = """
CREATE VIEW session_windows AS
WITH timed AS (
    SELECT id, workshop_id, starts_at, position,
           COALESCE(NULLIF(ends_at, ''), LEAD(starts_at) OVER (
               PARTITION BY workshop_id ORDER BY starts_at, position, id), '9999') AS ends
    FROM sessions WHERE starts_at != ''),
ordered AS (
    SELECT id, workshop_id, ends,
           MAX(ends) OVER (PARTITION BY workshop_id ORDER BY starts_at, position, id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS after,
           LEAD(id) OVER (PARTITION BY workshop_id ORDER BY starts_at, position, id) AS next_id
    FROM timed)
SELECT id AS session_id, workshop_id, COALESCE(after, '') AS owns_from,
       CASE WHEN next_id IS NULL THEN '9999' ELSE ends END AS owns_until
FROM ordered
UNION ALL
SELECT s.id, s.workshop_id, '', '9999' FROM sessions s
WHERE NOT EXISTS (SELECT 1 FROM sessions t WHERE t.workshop_id = s.workshop_id
                  AND t.starts_at != '')
  AND s.id = (SELECT f.id FROM sessions f WHERE f.workshop_id = s.workshop_id
              ORDER BY f.position, f.id LIMIT 1)
"""

_ATTENDANCE_VIEWS = """
CREATE VIEW effective_checkins AS
SELECT e.* FROM checkin_events e
WHERE e.kind != 'undone' AND NOT EXISTS (
    SELECT 1 FROM checkin_events u WHERE u.undoes_id = e.id AND u.kind = 'undone');
CREATE VIEW owned_admissions AS
SELECT e.id, e.workshop_id, e.attendee_id, e.mode, e.online_minutes, e.at, e.session_id
FROM effective_checkins e WHERE e.kind = 'admitted' AND e.session_id IS NOT NULL
UNION ALL
SELECT e.id, e.workshop_id, e.attendee_id, e.mode, e.online_minutes, e.at, w.session_id
FROM effective_checkins e CROSS JOIN session_windows w
WHERE e.kind = 'admitted' AND e.session_id IS NULL AND w.workshop_id = e.workshop_id
    AND e.at >= w.owns_from AND e.at < w.owns_until;
CREATE TABLE presence (
    workshop_id TEXT NOT NULL,
    attendee_id TEXT NOT NULL,
    in_room INTEGER NOT NULL,
    online INTEGER NOT NULL,
    last_id TEXT,
    last_kind TEXT,
    last_at TEXT,
    PRIMARY KEY (workshop_id, attendee_id)) WITHOUT ROWID;
CREATE INDEX presence_attendee ON presence(attendee_id);
CREATE TABLE session_presence (
    session_id TEXT NOT NULL,
    workshop_id TEXT NOT NULL,
    attendee_id TEXT NOT NULL,
    in_room INTEGER NOT NULL,
    online_minutes REAL,
    PRIMARY KEY (session_id, attendee_id)) WITHOUT ROWID;
CREATE INDEX session_presence_person ON session_presence(workshop_id, attendee_id);
CREATE TABLE checkin_tallies (
    workshop_id TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, key)) WITHOUT ROWID;
CREATE INDEX checkin_events_desk ON checkin_events(workshop_id, desk, at)
    WHERE kind = 'admitted' AND mode = 'in_room';
CREATE INDEX checkin_events_unowned ON checkin_events(workshop_id, attendee_id)
    WHERE session_id IS NULL
"""


def _recompute(workshop: str, attendee: str) -> str:
    """Statements that re-derive one person's presence and session presence from their
    events (a handful of rows through the (workshop, attendee, at) index)."""
    person = f"workshop_id = {workshop} AND attendee_id = {attendee}"
    return f"""
    DELETE FROM presence WHERE {person};
    INSERT INTO presence (workshop_id, attendee_id, in_room, online, last_id, last_kind, last_at)
    SELECT workshop_id, attendee_id, SUM(kind = 'admitted' AND mode = 'in_room'),
           SUM(kind = 'admitted' AND mode = 'online'),
           (SELECT id FROM effective_checkins WHERE {person} AND mode = 'in_room'
            ORDER BY at DESC, id DESC LIMIT 1),
           (SELECT kind FROM effective_checkins WHERE {person} AND mode = 'in_room'
            ORDER BY at DESC, id DESC LIMIT 1),
           (SELECT at FROM effective_checkins WHERE {person} AND mode = 'in_room'
            ORDER BY at DESC, id DESC LIMIT 1)
    FROM effective_checkins WHERE {person} GROUP BY workshop_id, attendee_id;
    DELETE FROM session_presence WHERE {person};
    INSERT INTO session_presence (session_id, workshop_id, attendee_id, in_room, online_minutes)
    SELECT session_id, workshop_id, attendee_id, MAX(mode = 'in_room'),
           MAX(CASE WHEN mode = 'online' THEN online_minutes END)
    FROM owned_admissions WHERE {person} GROUP BY session_id;
    """


def _tally(workshop: str, key: str, delta: str, when: str = "1") -> str:
    return (f"INSERT INTO checkin_tallies (workshop_id, key, n) SELECT {workshop}, {key}, "
            f"{delta} WHERE {when} ON CONFLICT (workshop_id, key) DO UPDATE SET "
            "n = n + excluded.n;")


_IN_KEY = "'in@' || substr({row}.last_at, 1, 16)"  # people in the room, by minute admitted
_SESSION_KEY = "'session:' || {row}.session_id"  # people in the room for a session


def _admitted(row: str) -> str:
    return f"{row}.last_kind = 'admitted'"


# A new admission or check-out that is the person's latest (what every scan records) is
# added to what is derived, in O(1); anything else (an undo, an event older than the
# latest) re-derives the person from their events.
_IN_ORDER = """NEW.kind != 'undone' AND (NEW.mode != 'in_room' OR NOT EXISTS (
    SELECT 1 FROM presence p WHERE p.workshop_id = NEW.workshop_id AND
    p.attendee_id = NEW.attendee_id AND (p.last_at > NEW.at OR
    (p.last_at = NEW.at AND p.last_id > NEW.id))))"""
_OWNER = """CASE WHEN NEW.session_id IS NOT NULL THEN NEW.session_id
    WHEN EXISTS (SELECT 1 FROM sessions WHERE workshop_id = NEW.workshop_id) THEN (
        SELECT w.session_id FROM session_windows w WHERE w.workshop_id = NEW.workshop_id
        AND NEW.at >= w.owns_from AND NEW.at < w.owns_until) END"""  # the view only if needed
_ADD_ONE = f"""
    INSERT INTO presence (workshop_id, attendee_id, in_room, online, last_id, last_kind, last_at)
    VALUES (NEW.workshop_id, NEW.attendee_id, NEW.kind = 'admitted' AND NEW.mode = 'in_room',
            NEW.kind = 'admitted' AND NEW.mode = 'online',
            CASE WHEN NEW.mode = 'in_room' THEN NEW.id END,
            CASE WHEN NEW.mode = 'in_room' THEN NEW.kind END,
            CASE WHEN NEW.mode = 'in_room' THEN NEW.at END)
    ON CONFLICT (workshop_id, attendee_id) DO UPDATE SET
        in_room = in_room + excluded.in_room, online = online + excluded.online,
        last_id = COALESCE(excluded.last_id, last_id),
        last_kind = COALESCE(excluded.last_kind, last_kind),
        last_at = COALESCE(excluded.last_at, last_at);
    INSERT INTO session_presence (session_id, workshop_id, attendee_id, in_room, online_minutes)
    SELECT owner, NEW.workshop_id, NEW.attendee_id, NEW.mode = 'in_room',
           CASE WHEN NEW.mode = 'online' THEN NEW.online_minutes END
    FROM (SELECT {_OWNER} AS owner) WHERE owner IS NOT NULL AND NEW.kind = 'admitted'
    ON CONFLICT (session_id, attendee_id) DO UPDATE SET
        in_room = MAX(in_room, excluded.in_room),
        online_minutes = MAX(COALESCE(online_minutes, excluded.online_minutes),
                             COALESCE(excluded.online_minutes, online_minutes));"""


def _event_triggers() -> list[str]:
    """Each change to a person's events re-derives that person (a handful of rows)."""
    exists = ("EXISTS (SELECT 1 FROM workshops WHERE id = OLD.workshop_id) AND EXISTS "
              "(SELECT 1 FROM attendees WHERE id = OLD.attendee_id)")
    # The person is always NEW.attendee_id, a constant to the planner: a subquery there
    # would stop SQLite pushing it into the views and re-derive everyone (0.5 s at 20k).
    undone_owner = "(SELECT attendee_id FROM checkin_events WHERE id = NEW.undoes_id)"
    return [
        f"CREATE TRIGGER checkin_added AFTER INSERT ON checkin_events WHEN {_IN_ORDER} "
        f"BEGIN {_ADD_ONE} END",
        f"CREATE TRIGGER checkin_added_otherwise AFTER INSERT ON checkin_events WHEN NOT "
        f"({_IN_ORDER}) BEGIN {_recompute('NEW.workshop_id', 'NEW.attendee_id')} END",
        # An undo recorded under another person than the event it undoes (never written by
        # this app; an old or foreign archive might): that person is re-derived too.
        f"CREATE TRIGGER checkin_undo_elsewhere AFTER INSERT ON checkin_events WHEN "
        f"NEW.kind = 'undone' AND {undone_owner} != NEW.attendee_id BEGIN "
        f"{_recompute('NEW.workshop_id', undone_owner)} END",
        # A workshop or a person being deleted takes their rows with them (below).
        f"CREATE TRIGGER checkin_removed AFTER DELETE ON checkin_events WHEN {exists} BEGIN "
        f"{_recompute('OLD.workshop_id', 'OLD.attendee_id')} END",
        f"CREATE TRIGGER checkin_changed AFTER UPDATE ON checkin_events BEGIN "
        f"{_recompute('OLD.workshop_id', 'OLD.attendee_id')} "
        f"{_recompute('NEW.workshop_id', 'NEW.attendee_id')} END",
        "CREATE TRIGGER workshop_removed AFTER DELETE ON workshops BEGIN "
        "DELETE FROM presence WHERE workshop_id = OLD.id; "
        "DELETE FROM session_presence WHERE workshop_id = OLD.id; "
        "DELETE FROM checkin_tallies WHERE workshop_id = OLD.id; END",
        "CREATE TRIGGER attendee_removed AFTER DELETE ON attendees BEGIN "
        "DELETE FROM presence WHERE attendee_id = OLD.id; "
        "DELETE FROM session_presence WHERE attendee_id = OLD.id; END",
    ]


def _session_triggers() -> list[str]:
    """A session added, removed or moved re-derives who its time-owned check-ins were."""
    unowned = ("attendee_id IN (SELECT attendee_id FROM checkin_events WHERE workshop_id = "
               "{row}.workshop_id AND session_id IS NULL)")
    return [
        f"CREATE TRIGGER sessions_{name} AFTER {event} ON sessions WHEN EXISTS (SELECT 1 "
        f"FROM workshops WHERE id = {row}.workshop_id) BEGIN "
        f"DELETE FROM session_presence WHERE workshop_id = {row}.workshop_id AND "
        f"{unowned.format(row=row)}; "
        "INSERT INTO session_presence (session_id, workshop_id, attendee_id, in_room, "
        "online_minutes) SELECT session_id, workshop_id, attendee_id, MAX(mode = 'in_room'), "
        "MAX(CASE WHEN mode = 'online' THEN online_minutes END) FROM owned_admissions "
        f"WHERE workshop_id = {row}.workshop_id AND {unowned.format(row=row)} "
        "GROUP BY session_id, attendee_id; END"
        for name, event, row in (("added", "INSERT", "NEW"), ("removed", "DELETE", "OLD"),
                                 ("moved", "UPDATE OF starts_at, ends_at, position", "NEW"))]


def _tally_triggers() -> list[str]:
    """The counts follow the derived rows and the registrations."""
    return [
        "CREATE TRIGGER presence_changed AFTER UPDATE ON presence BEGIN "
        f"{_tally('OLD.workshop_id', repr('online'), '-1', 'OLD.online > 0')} "
        f"{_tally('OLD.workshop_id', _IN_KEY.format(row='OLD'), '-1', _admitted('OLD'))} "
        f"{_tally('NEW.workshop_id', repr('online'), '1', 'NEW.online > 0')} "
        f"{_tally('NEW.workshop_id', _IN_KEY.format(row='NEW'), '1', _admitted('NEW'))} END",
        "CREATE TRIGGER session_presence_changed AFTER UPDATE ON session_presence BEGIN "
        f"{_tally('OLD.workshop_id', _SESSION_KEY.format(row='OLD'), '-1', 'OLD.in_room')} "
        f"{_tally('NEW.workshop_id', _SESSION_KEY.format(row='NEW'), '1', 'NEW.in_room')} "
        "END",
        "CREATE TRIGGER presence_added AFTER INSERT ON presence BEGIN "
        f"{_tally('NEW.workshop_id', repr('online'), '1', 'NEW.online > 0')} "
        f"{_tally('NEW.workshop_id', _IN_KEY.format(row='NEW'), '1', _admitted('NEW'))} END",
        "CREATE TRIGGER presence_removed AFTER DELETE ON presence BEGIN "
        f"{_tally('OLD.workshop_id', repr('online'), '-1', 'OLD.online > 0')} "
        f"{_tally('OLD.workshop_id', _IN_KEY.format(row='OLD'), '-1', _admitted('OLD'))} END",
        "CREATE TRIGGER session_presence_added AFTER INSERT ON session_presence BEGIN "
        f"{_tally('NEW.workshop_id', _SESSION_KEY.format(row='NEW'), '1', 'NEW.in_room')} END",
        "CREATE TRIGGER session_presence_removed AFTER DELETE ON session_presence BEGIN "
        f"{_tally('OLD.workshop_id', _SESSION_KEY.format(row='OLD'), '-1', 'OLD.in_room')} END",
        "CREATE TRIGGER registration_added AFTER INSERT ON registrations BEGIN "
        f"{_tally('NEW.workshop_id', repr('registered'), '1')} END",
        "CREATE TRIGGER registration_removed AFTER DELETE ON registrations BEGIN "
        f"{_tally('OLD.workshop_id', repr('registered'), '-1')} END",
        "CREATE TRIGGER registration_moved AFTER UPDATE OF workshop_id ON registrations BEGIN "
        f"{_tally('OLD.workshop_id', repr('registered'), '-1')} "
        f"{_tally('NEW.workshop_id', repr('registered'), '1')} END",
    ]


_BACKFILL = f"""
INSERT INTO presence (workshop_id, attendee_id, in_room, online, last_id, last_kind, last_at)
SELECT workshop_id, attendee_id, SUM(kind = 'admitted' AND mode = 'in_room'),
       SUM(kind = 'admitted' AND mode = 'online'), NULL, NULL, NULL
FROM effective_checkins GROUP BY workshop_id, attendee_id;
UPDATE presence SET (last_id, last_kind, last_at) = (
    SELECT id, kind, at FROM effective_checkins e WHERE e.workshop_id = presence.workshop_id
    AND e.attendee_id = presence.attendee_id AND e.mode = 'in_room'
    ORDER BY at DESC, id DESC LIMIT 1);
INSERT INTO session_presence (session_id, workshop_id, attendee_id, in_room, online_minutes)
SELECT session_id, workshop_id, attendee_id, MAX(mode = 'in_room'),
       MAX(CASE WHEN mode = 'online' THEN online_minutes END)
FROM owned_admissions GROUP BY session_id, attendee_id;
INSERT INTO checkin_tallies (workshop_id, key, n)
SELECT workshop_id, 'registered', COUNT(*) FROM registrations GROUP BY workshop_id;
INSERT INTO checkin_tallies (workshop_id, key, n)
SELECT workshop_id, 'online', COUNT(*) FROM presence WHERE online > 0 GROUP BY workshop_id;
INSERT INTO checkin_tallies (workshop_id, key, n)
SELECT workshop_id, {_IN_KEY.format(row='presence')}, COUNT(*) FROM presence
WHERE last_kind = 'admitted' GROUP BY 1, 2;
INSERT INTO checkin_tallies (workshop_id, key, n)
SELECT workshop_id, {_SESSION_KEY.format(row='session_presence')}, COUNT(*)
FROM session_presence WHERE in_room GROUP BY 1, 2
"""


@migrations(name="0008_attendance_projection")
def attendance_projection(db: Database) -> None:
    """Attendance kept derived by triggers: each person's presence (effective admissions,
    latest in-room event), their presence per session (check-ins without a session belong
    to the session running at their time: `session_windows`), and counts that the desk
    reads after every scan in microseconds, whatever the size of the workshop."""
    db.execute(_SESSION_WINDOWS)
    for script in (_ATTENDANCE_VIEWS, _BACKFILL):
        for statement in script.split(";\n"):
            if statement.strip():
                db.execute(statement)
    for trigger in (*_event_triggers(), *_session_triggers(), *_tally_triggers()):
        db.execute(trigger)


@migrations(name="0009_keys_trust_scrub")
def keys_trust_scrub(db: Database) -> None:
    """Keys that never leave this desk (`local_keys`: the desk's archive-signing key, the
    badge-minting keys of the workshops created here, and the key of certificate codes for
    workshops that came from another desk), the public badge key of each
    workshop (travels in archives, so every desk verifies badges), the other desks whose
    archives this desk trusts, and erasures whose copies still have to be scrubbed."""
    db.execute(
        "CREATE TABLE local_keys ("
        " kind TEXT NOT NULL CHECK (kind IN ('desk', 'mint', 'codes')),"
        " ref TEXT NOT NULL DEFAULT '',"
        " private_key BLOB NOT NULL,"
        " created_at TEXT NOT NULL,"
        " PRIMARY KEY (kind, ref)) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE badge_keys ("
        " workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,"
        " public_key BLOB NOT NULL,"
        " created_at TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE trusted_desks ("
        " fingerprint TEXT PRIMARY KEY,"
        " public_key BLOB NOT NULL,"
        " desk_id TEXT NOT NULL DEFAULT '',"
        " desk_name TEXT NOT NULL DEFAULT '',"
        " pinned_at TEXT NOT NULL,"
        " last_archive_at TEXT)")
    db.execute(
        "CREATE TABLE scrub_pending ("
        " id TEXT PRIMARY KEY,"
        " reason TEXT NOT NULL,"
        " requested_ns INTEGER NOT NULL,"
        " attempts INTEGER NOT NULL DEFAULT 0,"
        " last_error TEXT NOT NULL DEFAULT '')")


@migrations(name="0010_skips_and_breakout_rooms")
def skips_and_breakout_rooms(db: Database) -> None:
    """A module passed over before its minimum time is logged as skipped (never taught);
    a session may change that minimum; and the breakout rooms planned for a session's
    online participants (gone with the session or the person)."""
    db.execute("ALTER TABLE module_deliveries ADD COLUMN status TEXT NOT NULL DEFAULT "
               "'delivered' CHECK (status IN ('delivered', 'skipped'))")
    db.execute("ALTER TABLE sessions ADD COLUMN delivered_min_minutes INTEGER")
    db.execute("ALTER TABLE sessions ADD COLUMN delivered_min_percent INTEGER")
    db.execute(
        "CREATE TABLE breakout_rooms ("
        " id TEXT PRIMARY KEY,"
        " session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,"
        " room TEXT NOT NULL,"
        " position INTEGER NOT NULL,"
        " attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,"
        " created_at TEXT NOT NULL,"
        " UNIQUE (session_id, attendee_id))")
    db.execute("CREATE INDEX breakout_rooms_session ON breakout_rooms(session_id, position)")


@migrations(name="0011_category_mappings")
def category_mappings(db: Database) -> None:
    """What the facilitator decided an unknown form answer means (`answer` folded), applied
    to the next list; and the answers already stored become their codes (categories.py),
    anything unknown staying as typed, for review."""
    from facilitator_app.categories import FIELDS, canonical

    db.execute(
        "CREATE TABLE category_mappings ("
        " field TEXT NOT NULL CHECK (field IN ('sector', 'gender', 'nationality')),"
        " answer TEXT NOT NULL,"
        " code TEXT NOT NULL,"
        " created_at TEXT NOT NULL,"
        " PRIMARY KEY (field, answer)) WITHOUT ROWID")
    for field in FIELDS:
        typed = [row[0] for row in db.execute(
            f"SELECT DISTINCT {field} FROM attendees WHERE {field} != ''").fetchall()]
        for value in typed:
            code = canonical(field, value)
            if code is not None and code != value:
                db.execute(f"UPDATE attendees SET {field} = ? WHERE {field} = ?", [code, value])


@migrations(name="0012_certificate_settings")
def certificate_settings(db: Database) -> None:
    """Who a workshop's certificates name: the issuing organisation, the partner, the
    facilitator who signs, and the paths of the two logos (PNG or JPEG, on this desk)."""
    for column in ("cert_issuer", "cert_partner", "cert_facilitator", "cert_issuer_logo",
                   "cert_partner_logo"):
        db.execute(f"ALTER TABLE workshops ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


@migrations(name="0013_exports_log")
def exports_log(db: Database) -> None:
    """What left this computer: one row per file exported (its name, never its folder,
    which often names the computer's user), with its size, SHA-256 and sensitivity label,
    and the people whose data it carries (gone with the person, the count stays)."""
    db.execute(
        "CREATE TABLE exports_log ("
        " id TEXT PRIMARY KEY,"
        " made_at TEXT NOT NULL,"
        " kind TEXT NOT NULL,"
        " label TEXT NOT NULL CHECK (label IN ('public', 'restricted', 'confidential')),"
        " workshop_id TEXT,"
        " session_id TEXT,"
        " attendee_id TEXT REFERENCES attendees(id) ON DELETE SET NULL,"
        " people INTEGER NOT NULL,"
        " file_name TEXT NOT NULL,"
        " bytes INTEGER NOT NULL,"
        " sha256 TEXT NOT NULL,"
        " desk_id TEXT NOT NULL DEFAULT '')")
    db.execute("CREATE INDEX exports_log_workshop ON exports_log(workshop_id, made_at)")
    db.execute(
        "CREATE TABLE exports_log_people ("
        " export_id TEXT NOT NULL REFERENCES exports_log(id) ON DELETE CASCADE,"
        " attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,"
        " PRIMARY KEY (export_id, attendee_id)) WITHOUT ROWID")
    db.execute("CREATE INDEX exports_log_people_attendee ON exports_log_people(attendee_id)")


@migrations(name="0014_registration_reporting_fields")
def registration_reporting_fields(db: Database) -> None:
    """Two optional fields of a registration, for reporting by age group and population
    type: the person's birth year (and whether it came from an age, a birth date, a year
    or a facilitator's edit) and the population type they said they are; and where a
    workshop takes place (Peru's region by its UBIGEO code, province, district)."""
    db.execute("ALTER TABLE attendees ADD COLUMN birth_year INTEGER")
    db.execute("ALTER TABLE attendees ADD COLUMN birth_year_source TEXT NOT NULL DEFAULT '' "
               "CHECK (birth_year_source IN ('', 'age', 'birth_date', 'birth_year', 'edited'))")
    db.execute("ALTER TABLE attendees ADD COLUMN population_type TEXT NOT NULL DEFAULT ''")
    for column in ("department", "province", "district"):
        db.execute(f"ALTER TABLE workshops ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
