"""Both programme engines for the tests: an SQLite file, and a real PostgreSQL server.

`programme_target` runs a test once per engine (ids `sqlite`, `postgresql`) and gives the string
the programme hub opens: a file path, or a URL to a fresh empty database on `postgres_server`.
That server is a throwaway cluster started from the installed binaries (socket only, trust
auth, no fsync), or the one at $CREANDO_TEST_POSTGRES_URL. Without binaries the PostgreSQL runs
are skipped with one reason; with CREANDO_REQUIRE_POSTGRES=1 (CI) they fail instead.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

DEBIAN_ROOT = Path("/usr/lib/postgresql")  # Debian/Ubuntu: <root>/<version>/bin
URL_ENV = "CREANDO_TEST_POSTGRES_URL"
REQUIRE_ENV = "CREANDO_REQUIRE_POSTGRES"
NOT_INSTALLED = ("PostgreSQL server not installed (apt-get install postgresql): "
                 "the programme tests ran on SQLite only")
SUPERUSER = "postgres"
MEMORY_ROOM = 1 << 30  # free bytes /dev/shm needs to hold the cluster
# Test speed: nothing is flushed to disk; the cluster is thrown away anyway.
SERVER_SETTINGS = {"listen_addresses": "", "fsync": "off", "synchronous_commit": "off",
                   "full_page_writes": "off"}


def find_postgres_bindir(debian_root: Path | None = None,
                         path: str | None = None) -> Path | None:
    """The newest Debian-style server's bin folder, else `pg_config --bindir`'s, else the
    folder on PATH holding initdb; None when no folder holds both initdb and pg_ctl."""
    root = debian_root or DEBIAN_ROOT
    candidates = sorted(root.glob("*/bin"), key=_version_key, reverse=True)
    pg_config = shutil.which("pg_config", path=path)
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip():
            candidates.append(Path(found.stdout.strip()))
    initdb = shutil.which("initdb", path=path)
    if initdb:
        candidates.append(Path(initdb).parent)
    return next((folder for folder in candidates if _is_server_bindir(folder)), None)


def _version_key(bindir: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name)) or (0,)


def _is_server_bindir(folder: Path) -> bool:
    return all(os.access(folder / tool, os.X_OK) for tool in ("initdb", "pg_ctl"))


def postgres_required(env: Mapping[str, str] = os.environ) -> bool:
    return env.get(REQUIRE_ENV, "").strip().lower() in {"1", "true", "yes"}


def refuse(reason: str, env: Mapping[str, str] = os.environ) -> NoReturn:
    """Skip a PostgreSQL run for `reason`, or fail it where PostgreSQL is required (CI)."""
    if postgres_required(env):
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: PostgreSQL must run here)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """Every skip for a missing server at one place, so `-ra` folds them into one line."""
    report = yield
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and longrepr[2].endswith(NOT_INSTALLED):
        report.longrepr = (__file__, refuse.__code__.co_firstlineno, longrepr[2])
    return report


def sqlalchemy_url(target: str) -> str:
    """The SQLAlchemy URL for a programme target: a PostgreSQL URL gets the psycopg 3 driver,
    anything else is an SQLite file path."""
    scheme, sep, rest = target.partition("://")
    if sep and scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    if sep and scheme.startswith("postgresql+"):
        return target
    return f"sqlite:///{target}"


def database_url(server_url: str, name: str) -> str:
    """`server_url` pointing at database `name` (user, host and ?host=/socket kept)."""
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class PostgresServer:
    """A reachable server: `url` opens its maintenance database; `creation_ms` times each
    CREATE DATABASE (the fixtures' own cost, shown at the end of the run)."""

    url: str
    version: str = ""
    startup_s: float | None = None  # None: an outside server, not started here
    creation_ms: list[float] = field(default_factory=list)

    def create_database(self) -> str:
        """A fresh empty database; returns its URL."""
        name = f"t_{secrets.token_hex(6)}"
        with psycopg.connect(self.url, autocommit=True) as admin:
            # PostgreSQL 15+: copying template1's files beats writing them through the WAL
            fast = " STRATEGY FILE_COPY" if admin.info.server_version >= 150000 else ""
            started = time.perf_counter()
            admin.execute(sql.SQL("CREATE DATABASE {}" + fast).format(sql.Identifier(name)))
            self.creation_ms.append((time.perf_counter() - started) * 1000)
        return database_url(self.url, name)

    def drop_database(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                          .format(sql.Identifier(name)))


class Cluster:
    """A throwaway cluster in its own temporary folder, run as `postgres` when we are root
    (PostgreSQL refuses to run as root)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.home = Path(tempfile.mkdtemp(prefix="creando-pg-", dir=_memory_folder()))
        self.data, self.socket = self.home / "data", self.home / "socket"
        self.socket.mkdir()
        self.as_postgres = getattr(os, "geteuid", lambda: -1)() == 0
        if self.as_postgres:
            shutil.chown(self.home, user=SUPERUSER)
            shutil.chown(self.socket, user=SUPERUSER)

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}@/postgres?host={self.socket}"

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")
        settings = {**SERVER_SETTINGS, "unix_socket_directories": str(self.socket)}
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.writelines(f"{key} = '{value}'\n" for key, value in settings.items())
        self._run("pg_ctl", "start", "-w", "-t", "60", "-s", "-D", str(self.data),
                  "-l", str(self.home / "server.log"))

    def stop(self) -> None:
        """Stop at once and delete everything, whatever state the server is in."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "-m", "immediate", "-s", "-D", str(self.data))
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self.as_postgres:
            command = _as_user(SUPERUSER, command)
        done = subprocess.run(command, cwd=self.home, capture_output=True, text=True)
        if done.returncode != 0:
            log = self.home / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n"
                               f"{done.stdout}{done.stderr}{tail}")


def _memory_folder() -> str | None:
    """Linux's RAM-backed /dev/shm when it has room: a database is created there in ~50 ms,
    on a busy disk in up to a second. None: the usual temporary folder."""
    shm = Path("/dev/shm")
    try:
        roomy = shutil.disk_usage(shm).free >= MEMORY_ROOM
    except OSError:
        return None
    return str(shm) if roomy and os.access(shm, os.W_OK | os.X_OK) else None


def _as_user(user: str, command: list[str]) -> list[str]:
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *command]
    return ["su", user, "-s", "/bin/sh", "-c", shlex.join(command)]


def _server_version(url: str) -> str:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT version()").fetchone()[0]


def _outside_version(url: str) -> str:
    """The version of the server named by $CREANDO_TEST_POSTGRES_URL, which must answer:
    a server asked for by name is never skipped."""
    try:
        return _server_version(url)
    except psycopg.Error as error:
        problem = str(error).strip()
    pytest.fail(f"{URL_ENV} names a server that does not answer: {problem}", pytrace=False)


_SERVERS: list[PostgresServer] = []  # started in this run, for the closing summary


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line on what PostgreSQL cost this run: start-up and each test's fresh database."""
    for server in _SERVERS:
        made = sorted(server.creation_ms)
        median = f", median {made[len(made) // 2]:.0f} ms each" if made else ""
        terminalreporter.write_line(
            f"{server.version.split(' on ')[0]}: throwaway cluster started in "
            f"{server.startup_s:.2f} s; {len(made)} test databases created{median}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server of this test session (started on first use, gone at the end)."""
    outside = os.environ.get(URL_ENV, "").strip()
    if outside:
        yield PostgresServer(outside, _outside_version(outside))
        return
    bindir = find_postgres_bindir()
    if bindir is None:
        refuse(NOT_INSTALLED)
    cluster = Cluster(bindir)
    try:
        started = time.perf_counter()
        cluster.start()
        server = PostgresServer(cluster.url, _server_version(cluster.url))
        server.startup_s = time.perf_counter() - started
        _SERVERS.append(server)
        yield server
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def programme_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """What the programme hub opens, once per engine: an SQLite file path, or the URL of a
    fresh empty PostgreSQL database (dropped afterwards)."""
    if request.param == "sqlite":
        yield str(tmp_path / "programme.sqlite")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)
