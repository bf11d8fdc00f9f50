"""The names of the schema's migrations, in order: what a database file is checked against.

Its own module so that both `schema` (reads a file's state with sqlite3 alone) and
`migrations` (needs sqlite-utils) depend on it, and not on each other.
"""

from __future__ import annotations

MIGRATION_SET = "creando"
# In order; the same names the migration functions register (a test keeps them equal).
MIGRATION_NAMES = (
    "0001_initial_schema", "0002_app_meta", "0003_badge_tokens", "0004_undo_index",
    "0005_online_attendance", "0006_agendas", "0007_privacy", "0008_attendance_projection",
    "0009_keys_trust_scrub", "0010_skips_and_breakout_rooms", "0011_category_mappings",
    "0012_certificate_settings", "0013_exports_log",
    "0014_registration_reporting_fields",
)
