"""What the app's Programme page needs from the hub, without Qt: which database it points at
(remembered without any password), its figures in one read, which archives need a password
or come from a desk not trusted yet (the documents: programme.documents)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from facilitator_app.programme.hub import Programme, default_target, is_server_url
from facilitator_app.programme.people import Proposal, merges, proposals
from facilitator_app.programme.summary import status
from facilitator_app.programme_models import ProgrammeReportData
from facilitator_app.services import desks
from facilitator_app.settings import load_settings, save_setting
from facilitator_app.store import Store

SETTING = "programme_database"


@dataclass
class PageFigures:
    """One read of the programme for the page."""

    status: dict
    report: ProgrammeReportData
    pending: list[Proposal] = field(default_factory=list)
    last_merge: str | None = None  # the newest merge not undone, to undo it
    keys: dict[str, str] = field(default_factory=dict)  # person id -> pseudonymous key


def remembered_target() -> str:
    """The database chosen last time (a file path or a URL without password), else the
    default file in the data folder."""
    chosen = load_settings().get(SETTING)
    return chosen if isinstance(chosen, str) and chosen else str(default_target())


def has_password(target: str) -> bool:
    if not is_server_url(target):
        return False
    try:
        return bool(make_url(target).password)
    except (ArgumentError, ValueError):  # half written: no password to keep yet
        return False


def without_password(target: str) -> str:
    """The target as it may be kept on disk: a URL loses its password."""
    if not has_password(target):
        return target
    parts = urlsplit(target)
    user = parts.netloc.rpartition("@")[0].split(":", 1)[0]
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}"))


def remember_target(target: str) -> None:
    save_setting(SETTING, without_password(target))


def exists(target: str) -> bool:
    """Whether there is a database to read (a server is assumed to have one)."""
    return is_server_url(target) or Path(target).expanduser().is_file()


def page_figures(programme: Programme, language: str) -> PageFigures:
    from facilitator_app.programme.report import programme_report_data

    active = merges(programme)
    pending = proposals(programme)
    people = {p.id for pair in pending for p in (pair.first, pair.second)}
    return PageFigures(status(programme), programme_report_data(programme, language),
                       pending, active[-1]["id"] if active else None,
                       person_keys(programme, people))


def person_keys(programme: Programme, person_ids: Iterable[str]) -> dict[str, str]:
    """Each person's pseudonymous key: how a person is told apart where no names are kept."""
    from facilitator_app.programme import schema
    from facilitator_app.programme.rows import matching

    p = schema.people
    with programme.read() as conn:
        return dict(matching(conn, p.c.id, sorted(person_ids), p.c.id, p.c.key))


def encrypted_archives(archives: Iterable[Path]) -> list[Path]:
    """The archives whose files are encrypted (their password is needed to read them)."""
    import zipfile

    found = []
    for path in archives:
        try:
            with zipfile.ZipFile(path) as archive:
                if any(info.flag_bits & 0x1 for info in archive.infolist()):
                    found.append(path)
        except (OSError, zipfile.BadZipFile):
            continue  # the importer names what is wrong with it
    return found


def unknown_signers(store: Store, archives: Iterable[Path],
                    password: str | None) -> list[tuple[desks.Signer, list[Path]]]:
    """Of `archives`, those signed by a desk this one does not trust yet, by desk."""
    from facilitator_app.errors import KnownError
    from facilitator_app.services.archive import verify_archive

    by_desk: dict[str, tuple[desks.Signer, list[Path]]] = {}
    for path in archives:
        try:
            checked = verify_archive(path, password, store=store)
        except KnownError:
            continue
        if checked.ok and checked.trust == desks.UNKNOWN and checked.signer is not None:
            by_desk.setdefault(checked.signer.fingerprint, (checked.signer, []))[1].append(path)
    return list(by_desk.values())


def last_month(today: date) -> str:
    """The month before `today`'s, YYYY-MM (the 5W is reported for a finished month)."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year:04d}-{month:02d}"
