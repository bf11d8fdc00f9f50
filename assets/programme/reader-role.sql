-- A PostgreSQL role that sees the programme's aggregates only (README, "A country office").
-- Run once as the database's owner, after the first `creando programme init`; choose the
-- password yourself. The role may read the aggregate view and the list of workshops, and
-- nothing about any person: no names, contacts, keys, attendance rows or the secret.
CREATE ROLE creando_reader LOGIN PASSWORD 'change-me';
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO creando_reader;
GRANT SELECT ON reach_by_month, workshops TO creando_reader;
