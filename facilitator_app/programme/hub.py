"""Open a programme database from what the user gave: a file path (SQLite, the default,
in the data folder) or a `postgresql://` URL; migrate it; keep its settings and secret.

The programme's secret keys the pseudonymous hashes of phones and e-mails: it is made once,
when the database is created, and never leaves it (a reader role is refused its table).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError

from facilitator_app.clock import Clock, system_clock
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.programme import schema
from facilitator_app.programme.migrations import migrate

PROGRAMME_FILENAME = "programme.sqlite"
FULL, AGGREGATE = "full", "aggregate"


def default_target() -> Path:
    from facilitator_app.paths import data_dir

    return data_dir() / PROGRAMME_FILENAME


def is_server_url(target: str) -> bool:
    return target.split(":", 1)[0].lower() in ("postgresql", "postgres", "postgresql+psycopg")


def engine_url(target: str | Path) -> str:
    """The SQLAlchemy URL for a path or a PostgreSQL URL (psycopg 3 as the driver)."""
    text = str(target)
    if is_server_url(text):
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise KnownError(_("This is not a PostgreSQL address: {url}").format(
                url=text.split("@")[-1])) from exc
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return f"sqlite+pysqlite:///{Path(text).expanduser()}"


def shown(target: str | Path) -> str:
    """The target as it may be shown or logged: never a password."""
    text = str(target)
    if is_server_url(text):
        return make_url(text).render_as_string(hide_password=True)
    return text


@dataclass
class Programme:
    """An open programme database."""

    engine: Engine
    label: str  # what to show: the path, or the URL without its password
    mode: str
    name: str
    clock: Clock
    _secret: bytes

    @property
    def aggregate_only(self) -> bool:
        return self.mode == AGGREGATE

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: committed at the end, rolled back on any failure."""
        with _reachable(self.label), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with _reachable(self.label), self.engine.connect() as conn:
            yield conn

    def key(self, kind: str, value: str) -> str:
        """The keyed hash of a normalised contact (or any value): the same person gives
        the same key on every import into this programme, and nobody without the secret
        can tell whose it is."""
        digest = hmac.new(self._secret, f"{kind}:{value}".encode(), hashlib.sha256)
        return digest.hexdigest()

    def checkpoint(self) -> None:
        """SQLite: move the log into the file now (after a batch of imports)."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def local_now(self) -> datetime:
        """Now, on this computer's clock face (for "generated at" in documents)."""
        return self.clock().astimezone().replace(tzinfo=None, microsecond=0)

    def setting(self, key: str, default: str = "") -> str:
        table = schema.settings
        with self.read() as conn:
            value = conn.scalar(select(table.c.value).where(table.c.key == key))
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        from facilitator_app.programme.rows import dialect_insert

        table = schema.settings
        with self.begin() as conn:
            statement = dialect_insert(conn, table).values(key=key, value=value)
            conn.execute(statement.on_conflict_do_update(
                index_elements=[table.c.key], set_={"value": value}))

    def close(self) -> None:
        self.engine.dispose()


def open_programme(target: str | Path | None = None, *, aggregate_only: bool | None = None,
                   name: str = "", clock: Clock = system_clock) -> Programme:
    """Open (creating and migrating when needed) the programme database at `target`.

    `aggregate_only` is chosen when the database is created; asking for the other mode on
    an existing one is refused (its people cannot change what they are kept as)."""
    if target in (None, ""):
        target = default_target()
        target.parent.mkdir(parents=True, exist_ok=True)  # the app's own data folder
    label = shown(target)
    if not is_server_url(str(target)):
        _check_folder(Path(target))
    engine = _engine(str(target))
    try:
        with _reachable(label), engine.begin() as conn:
            migrate(conn)
            mode, title, secret = _settings(conn, aggregate_only, name)
    except BaseException:
        engine.dispose()
        raise
    return Programme(engine, label, mode, title, clock, secret)


def _engine(target: str) -> Engine:
    engine = create_engine(engine_url(target), future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    # NORMAL in WAL: a power cut may lose the last import, never the file's consistency;
    # importing the same archives again brings it back (imports are idempotent).
    # A 64 MB page cache (the keyed-hash and name indexes take inserts all over the tree)
    # and a log checkpointed every 64 MB, not every 4 MB: each import writes megabytes.
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL",
                   "busy_timeout=5000", "cache_size=-65536", "wal_autocheckpoint=16384",
                   "secure_delete=ON"):  # an erased person's rows leave no page behind
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _check_folder(path: Path) -> None:
    folder = path.expanduser().parent
    if not folder.is_dir():
        raise KnownError(_("The folder for the programme database does not exist: "
                           "{folder}").format(folder=folder), path=path)


def _settings(conn: Connection, aggregate_only: bool | None,
              name: str) -> tuple[str, str, bytes]:
    stored = dict(conn.execute(select(schema.settings.c.key, schema.settings.c.value)).all())
    if "mode" not in stored:
        stored = {"mode": AGGREGATE if aggregate_only else FULL,
                  "name": name or _("Programme")}
        conn.execute(schema.settings.insert(), [{"key": k, "value": v}
                                                for k, v in stored.items()])
        conn.execute(schema.secret.insert().values(id=1, secret=secrets.token_hex(32)))
    elif aggregate_only is not None and (stored["mode"] == AGGREGATE) != aggregate_only:
        raise KnownError(_("This programme database keeps {mode}; it cannot change now. "
                           "Use another database for the other kind.").format(
                               mode=mode_words(stored["mode"])))
    if name and name != stored.get("name"):
        conn.execute(schema.settings.update().where(schema.settings.c.key == "name")
                     .values(value=name))
        stored["name"] = name
    secret = conn.scalar(select(schema.secret.c.secret).where(schema.secret.c.id == 1))
    return stored["mode"], stored.get("name", ""), bytes.fromhex(secret)


def mode_words(mode: str) -> str:
    if mode == AGGREGATE:
        return _("pseudonymous keys only (no names or contacts)")
    return _("names and contacts (staff only)")


@contextmanager
def _reachable(label: str) -> Iterator[None]:
    """Database errors of the environment (server down, refused login, locked or damaged
    file) become one clear message naming the database; never a traceback."""
    try:
        yield
    except OperationalError as exc:
        raise KnownError(_("The programme database {target} cannot be used: {reason}")
                         .format(target=label, reason=_reason(exc))) from exc
    except DatabaseError as exc:
        if "not a database" in str(exc.orig) or "malformed" in str(exc.orig):
            raise KnownError(_("{target} is not a programme database, or it is damaged: "
                               "{reason}").format(target=label, reason=_reason(exc))) from exc
        raise
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise KnownError(_("The connection to the programme database {target} was "
                               "lost. Try again.").format(target=label)) from exc
        raise


def _reason(exc: DBAPIError) -> str:
    text = str(exc.orig).strip() if exc.orig is not None else str(exc)
    return text.splitlines()[0] if text else type(exc).__name__
