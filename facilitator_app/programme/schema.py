"""The programme database's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Rows keep the desks' own ids (UUIDv7), so importing an archive twice, or two desks'
archives of one workshop, adds nothing twice. A desk's attendee (`attendees`) belongs to
one programme person (`people`); `contact_keys` are keyed hashes of normalised phones and
e-mails (never the contacts themselves), so an aggregate-only hub links people the same
way without holding any contact.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()
ID = String(36)

settings = Table(
    "programme_settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
# The keyed-hash secret: kept apart so a reader role can be refused it (README).
secret = Table(
    "programme_secret", metadata,
    Column("id", Integer, primary_key=True),
    Column("secret", String(64), nullable=False),
)
migrations = Table(
    "programme_migrations", metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)
imports = Table(
    "imports", metadata,
    Column("id", ID, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("workshop_id", ID, nullable=False),
    Column("signer", String(80), nullable=False, default=""),
    Column("imported_at", String(32), nullable=False),
    Column("added", Text, nullable=False, default="{}"),  # JSON: what was new
)
workshops = Table(
    "workshops", metadata,
    Column("id", ID, primary_key=True),
    Column("title", Text, nullable=False),
    Column("venue", Text, nullable=False, default=""),
    Column("starts_on", String(10), nullable=False, default=""),
    Column("ends_on", String(10), nullable=False, default=""),
    Column("department", String(2), nullable=False, default=""),
    Column("province", Text, nullable=False, default=""),
    Column("district", Text, nullable=False, default=""),
    Column("partner", Text, nullable=False, default=""),
    Column("min_online_percent", Integer, nullable=False, default=60),
    Column("is_demo", Boolean, nullable=False, default=False),
)
sessions = Table(
    "sessions", metadata,
    Column("id", ID, primary_key=True),
    Column("workshop_id", ID, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column("title", Text, nullable=False),
    Column("starts_at", String(32), nullable=False, default=""),
    Column("month", String(7), nullable=False, default=""),  # YYYY-MM it was held in
    Column("min_online_minutes", Integer, nullable=False),  # the desk's rule, resolved
    Index("ix_sessions_workshop", "workshop_id"),
)
people = Table(
    "people", metadata,
    Column("id", ID, primary_key=True),
    Column("key", String(64), nullable=False, unique=True),  # pseudonymous
    Column("gender", String(8), nullable=False, default=""),
    Column("birth_year", Integer),
    Column("nationality", String(40), nullable=False, default=""),
    Column("population_type", String(16), nullable=False, default=""),
    Column("merged_into", ID),  # set while merged into another person (undoable)
    Column("created_at", String(32), nullable=False),
)
attendees = Table(
    "attendees", metadata,
    Column("id", ID, primary_key=True),  # the desk's attendee id
    Column("person_id", ID, ForeignKey("people.id"), nullable=False),
    Column("linked_by", String(16), nullable=False),  # new | phone | email | merge
    Column("given_names", Text, nullable=False, default=""),  # "" in an aggregate-only hub
    Column("family_names", Text, nullable=False, default=""),
    Column("name_key", Text, nullable=False, default=""),
    Column("phone", String(32), nullable=False, default=""),
    Column("email", Text, nullable=False, default=""),
    Column("gender", String(8), nullable=False, default=""),
    Column("birth_year", Integer),
    Column("nationality", String(40), nullable=False, default=""),
    Column("population_type", String(16), nullable=False, default=""),
    Index("ix_attendees_person", "person_id"),
    Index("ix_attendees_name", "name_key"),
)
contact_keys = Table(
    "contact_keys", metadata,
    Column("key", String(64), primary_key=True),
    Column("person_id", ID, ForeignKey("people.id"), nullable=False),
    Index("ix_contact_keys_person", "person_id"),
)
registrations = Table(
    "registrations", metadata,
    Column("workshop_id", ID, ForeignKey("workshops.id", ondelete="CASCADE"),
           primary_key=True),
    Column("attendee_id", ID, ForeignKey("attendees.id", ondelete="CASCADE"),
           primary_key=True),
)
admissions = Table(  # effective or not: an undo from another desk may arrive later
    "admissions", metadata,
    Column("id", ID, primary_key=True),
    Column("workshop_id", ID, nullable=False),
    Column("session_id", ID, nullable=False),  # resolved by the desk's own rule
    Column("attendee_id", ID, nullable=False),
    Column("mode", String(8), nullable=False),
    Column("online_minutes", Float),
    Column("at", String(32), nullable=False),
    Index("ix_admissions_workshop", "workshop_id"),
)
undone = Table(
    "undone", metadata,
    Column("id", ID, primary_key=True),
    Column("undoes_id", ID, nullable=False, index=True),
    Column("workshop_id", ID, nullable=False),
)
attendance = Table(  # derived from admissions, per workshop, after every import
    "attendance", metadata,
    Column("session_id", ID, primary_key=True),
    Column("attendee_id", ID, primary_key=True),
    Column("workshop_id", ID, nullable=False, index=True),
    Column("in_room", Boolean, nullable=False),
    Column("online_minutes", Float),
)
partners = Table(
    "partners", metadata,
    Column("id", ID, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
)
introductions = Table(
    "introductions", metadata,
    Column("id", ID, primary_key=True),
    Column("workshop_id", ID, nullable=False, index=True),
    Column("from_attendee_id", ID),
    Column("to_attendee_id", ID),
    Column("to_partner_id", ID),
    Column("made_at", String(32), nullable=False),
)
followups = Table(
    "followups", metadata,
    Column("id", ID, primary_key=True),
    Column("introduction_id", ID, nullable=False, index=True),
    Column("status", String(12), nullable=False),
    Column("rating", Integer),
    Column("updated_at", String(32), nullable=False),
)
deliveries = Table(
    "module_deliveries", metadata,
    Column("id", ID, primary_key=True),
    Column("session_id", ID, nullable=False, index=True),
    Column("module_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("status", String(12), nullable=False),
    Column("useful_yes", Integer),
    Column("useful_no", Integer),
)
erased = Table(  # people erased on a desk: never imported again
    "erased", metadata,
    Column("attendee_id", ID, primary_key=True),
    Column("erased_at", String(32), nullable=False),
)
erased_keys = Table(  # their contacts' keyed hashes: never linked or imported again
    "erased_keys", metadata,
    Column("key", String(64), primary_key=True),
)
proposals = Table(  # same folded name, different contacts: a person decides
    "proposals", metadata,
    Column("id", ID, primary_key=True),
    Column("person_a", ID, nullable=False),
    Column("person_b", ID, nullable=False),
    Column("reason", String(20), nullable=False),
    Column("status", String(12), nullable=False, default="pending"),
    Column("created_at", String(32), nullable=False),
    Column("decided_at", String(32)),
    UniqueConstraint("person_a", "person_b"),
)
merges = Table(
    "merges", metadata,
    Column("id", ID, primary_key=True),
    Column("kept_id", ID, nullable=False),
    Column("merged_id", ID, nullable=False),
    Column("attendee_ids", Text, nullable=False),  # JSON: who moved, to move them back
    Column("contact_keys", Text, nullable=False),  # JSON
    Column("at", String(32), nullable=False),
    Column("undone_at", String(32)),
)
