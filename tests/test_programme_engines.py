"""The two programme engines the tests run on: an SQLite file and a real PostgreSQL server,
and the rule that PostgreSQL is skipped with one reason where absent, but never in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select, text

from tests.conftest import ROOT
from tests.programme_engines import (
    NOT_INSTALLED,
    REQUIRE_ENV,
    URL_ENV,
    PostgresServer,
    database_url,
    find_postgres_bindir,
    refuse,
    sqlalchemy_url,
)

PEOPLE = [(1, "María Pérez", "Lima"), (2, "José Añez", "Cusco"), (3, "Zoë Ñandú", "Piura")]


def people_table(metadata: MetaData) -> Table:
    return Table("people", metadata, Column("id", Integer, primary_key=True),
                 Column("name", String(80), nullable=False), Column("city", String(40)))


def test_each_engine_stores_and_reads_back(programme_target: str, request) -> None:
    engine_name = request.node.callspec.params["programme_target"]
    engine = create_engine(sqlalchemy_url(programme_target))
    try:
        metadata = MetaData()
        people = people_table(metadata)
        with engine.begin() as connection:
            metadata.create_all(connection)
            connection.execute(insert(people), [dict(zip(("id", "name", "city"), row,
                                                         strict=True)) for row in PEOPLE])
        with engine.connect() as connection:
            rows = connection.execute(select(people).order_by(people.c.id)).all()
            server = connection.execute(text(
                "SELECT version()" if engine_name == "postgresql" else "SELECT sqlite_version()"
            )).scalar_one()
        assert engine.dialect.name == engine_name
        assert [tuple(row) for row in rows] == PEOPLE
    finally:
        engine.dispose()
    if engine_name == "postgresql":
        assert engine.dialect.driver == "psycopg"
        assert server.startswith("PostgreSQL ")
    else:
        assert Path(programme_target).is_file() and Path(programme_target).name == (
            "programme.sqlite")
        assert server.count(".") == 2


def test_each_postgresql_database_is_fresh_and_dropped(postgres_server: PostgresServer) -> None:
    first, second = postgres_server.create_database(), postgres_server.create_database()
    assert first != second
    try:
        with psycopg.connect(first, autocommit=True) as connection:
            connection.execute("CREATE TABLE kept_apart (id integer)")
        with psycopg.connect(second) as connection:
            tables = connection.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        assert tables == (0,)
    finally:
        postgres_server.drop_database(first)
        postgres_server.drop_database(second)
    names = {url.rsplit("/", 1)[1].split("?")[0] for url in (first, second)}
    with psycopg.connect(postgres_server.url) as admin:
        left = admin.execute("SELECT datname FROM pg_database WHERE datname = ANY(%s)",
                             [list(names)]).fetchall()
    assert left == []


@pytest.mark.parametrize(("target", "expected"), [
    ("postgresql://postgres@/t_1?host=/tmp/s", "postgresql+psycopg://postgres@/t_1?host=/tmp/s"),
    ("postgres://ana@db.example.org:5433/hub", "postgresql+psycopg://ana@db.example.org:5433/hub"),
    ("postgresql+psycopg://ana@h/hub", "postgresql+psycopg://ana@h/hub"),
    ("/tmp/a b/programme.sqlite", "sqlite:////tmp/a b/programme.sqlite"),
    ("programme.sqlite", "sqlite:///programme.sqlite"),
])
def test_sqlalchemy_url(target: str, expected: str) -> None:
    assert sqlalchemy_url(target) == expected


def test_database_url_keeps_user_host_and_socket() -> None:
    assert database_url("postgresql://postgres@/postgres?host=/tmp/x/socket", "t_ab") == (
        "postgresql://postgres@/t_ab?host=/tmp/x/socket")
    assert database_url("postgresql://ana:pw@h:5433/postgres", "t_cd") == (
        "postgresql://ana:pw@h:5433/t_cd")


def fake_bindir(folder: Path, tools: tuple[str, ...] = ("initdb", "pg_ctl")) -> Path:
    folder.mkdir(parents=True)
    for tool in tools:
        (folder / tool).write_text("#!/bin/sh\n")
        (folder / tool).chmod(0o755)
    return folder


def test_the_newest_complete_server_is_found(tmp_path: Path) -> None:
    root = tmp_path / "postgresql"
    fake_bindir(root / "9.6" / "bin")
    newest_complete = fake_bindir(root / "15" / "bin")
    fake_bindir(root / "13" / "bin")
    fake_bindir(root / "16" / "bin", tools=("initdb",))  # a client-only leftover
    assert find_postgres_bindir(root, path=str(tmp_path / "empty")) == newest_complete


def test_a_server_on_path_is_found_and_none_is_none(tmp_path: Path) -> None:
    on_path = fake_bindir(tmp_path / "opt" / "bin")
    nowhere = tmp_path / "no-debian-root"
    assert find_postgres_bindir(nowhere, path=str(on_path)) == on_path
    assert find_postgres_bindir(nowhere, path=str(tmp_path / "empty")) is None


def test_refuse_skips_with_the_reason_unless_postgresql_is_required() -> None:
    with pytest.raises(pytest.skip.Exception, match=r"^PostgreSQL server not installed"):
        refuse(NOT_INSTALLED, env={})
    with pytest.raises(pytest.skip.Exception):
        refuse(NOT_INSTALLED, env={REQUIRE_ENV: "0"})
    for required in ("1", "true"):
        with pytest.raises(pytest.fail.Exception, match=rf"{REQUIRE_ENV}=1"):
            refuse(NOT_INSTALLED, env={REQUIRE_ENV: required})


SAMPLE = '''
def test_one(programme_target):
    assert programme_target

def test_two(programme_target):
    assert programme_target
'''
HIDE = '''
from pathlib import Path
pytest_plugins = ["tests.programme_engines"]

def pytest_configure(config):
    import tests.programme_engines as engines
    engines.DEBIAN_ROOT = Path(__file__).parent / "no-postgresql-here"
'''


def run_without_postgresql(tmp_path: Path, require: str | None) -> subprocess.CompletedProcess:
    """A pytest run of two programme tests on a machine whose PostgreSQL is hidden."""
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    (tmp_path / "conftest.py").write_text(HIDE)
    env = {key: value for key, value in os.environ.items() if key not in (URL_ENV, REQUIRE_ENV)}
    env |= {"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent),
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # no Qt or Hypothesis: a quicker start
    if require is not None:
        env[REQUIRE_ENV] = require
    return subprocess.run([sys.executable, "-m", "pytest", "-ra", "-p", "no:cacheprovider",
                           str(tmp_path)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)


def test_without_postgresql_a_run_skips_it_with_one_reason(tmp_path: Path) -> None:
    done = run_without_postgresql(tmp_path, require=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed, 2 skipped" in done.stdout
    reasons = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(reasons) == 1 and reasons[0].startswith("SKIPPED [2] ")
    assert reasons[0].endswith(NOT_INSTALLED)


def test_without_postgresql_a_run_that_requires_it_fails(tmp_path: Path) -> None:
    done = run_without_postgresql(tmp_path, require="1")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 passed, 2 errors" in done.stdout
    assert "skipped" not in done.stdout
    assert f"{NOT_INSTALLED} ({REQUIRE_ENV}=1: PostgreSQL must run here)" in done.stdout
