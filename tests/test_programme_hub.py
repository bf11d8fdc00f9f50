"""Opening a programme database: the default file, migrations once and in order, a newer
or foreign database refused, and never a password shown."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitator_app.errors import KnownError
from facilitator_app.programme import schema
from facilitator_app.programme.hub import AGGREGATE, FULL, engine_url, open_programme, shown
from facilitator_app.programme.migrations import STEPS


def test_migrations_run_once_in_order(programme_target):
    first = open_programme(programme_target, name="CREANDO Lima")
    first.close()
    again = open_programme(programme_target)
    try:
        with again.read() as conn:
            applied = list(conn.scalars(select(schema.migrations.c.name)
                                        .order_by(schema.migrations.c.name)))
        assert applied == [name for name, _step in STEPS]
        assert (again.name, again.mode) == ("CREANDO Lima", FULL)
        assert again.key("phone", "+51987654321") == first.key("phone", "+51987654321")
    finally:
        again.close()


def test_a_newer_programme_database_is_refused_untouched(programme_target):
    open_programme(programme_target).close()
    programme = open_programme(programme_target)
    with programme.begin() as conn:
        conn.execute(schema.migrations.insert().values(name="9999_future",
                                                       applied_at="2030-01-01"))
    programme.close()
    with pytest.raises(KnownError, match="newer version"):
        open_programme(programme_target)


def test_each_programme_has_its_own_secret(tmp_path):
    one = open_programme(str(tmp_path / "one.sqlite"), aggregate_only=True)
    two = open_programme(str(tmp_path / "two.sqlite"))
    try:
        assert one.key("phone", "+51987654321") != two.key("phone", "+51987654321")
        assert one.mode == AGGREGATE and "+51987654321" not in one.key("phone", "+51987654321")
    finally:
        one.close()
        two.close()


def test_the_default_is_a_file_in_the_data_folder(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    programme = open_programme()
    programme.close()
    assert (isolated_data_dir / "programme.sqlite").is_file()
    assert programme.label == str(isolated_data_dir / "programme.sqlite")


def test_a_desk_database_is_never_written_into(tmp_path):
    from facilitator_app.db import open_database

    desk = tmp_path / "desk.db"
    open_database(desk).close()
    before = desk.read_bytes()
    with pytest.raises(KnownError, match="not a programme"):
        open_programme(str(desk))
    assert desk.read_bytes() == before


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path):
    junk = tmp_path / "programme.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 200)
    with pytest.raises(KnownError, match=r"programme\.sqlite"):
        open_programme(str(junk))
    assert junk.read_bytes().startswith(b"this is not sqlite")


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(KnownError, match="does not exist"):
        open_programme(str(tmp_path / "nowhere" / "programme.sqlite"))


def test_a_password_is_never_shown():
    url = "postgresql://staff:s3cret@db.example.org/programme"
    assert "s3cret" not in shown(url)
    assert engine_url(url).startswith("postgresql+psycopg://staff:s3cret@")
    assert engine_url("/tmp/p.sqlite") == "sqlite+pysqlite:////tmp/p.sqlite"
