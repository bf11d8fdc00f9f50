"""The programme hub: many workshops' archives, from any desk, in one programme database
(an SQLite file by default, PostgreSQL by URL), with one programme person per entrepreneur
across workshops, and the programme's reports (DESIGN.md section 4).

One code path for both engines (SQLAlchemy Core): `hub.open_programme(target)`.
"""
