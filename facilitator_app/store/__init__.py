"""Store: the one root over the database, with a repository per aggregate. All SQL lives here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from facilitator_app.clock import Clock, system_clock
from facilitator_app.errors import mapped_sqlite_errors
from facilitator_app.sql import Connection
from facilitator_app.store.agendas import AgendaRepository
from facilitator_app.store.attendees import (
    AttendeeRepository,
    ConsentRepository,
    RegistrationRepository,
)
from facilitator_app.store.badges import BadgeRepository
from facilitator_app.store.checkins import CheckinRepository
from facilitator_app.store.export_log import ExportLogRepository
from facilitator_app.store.introductions import IntroductionRepository
from facilitator_app.store.meta import MetaRepository
from facilitator_app.store.online import OnlineRepository
from facilitator_app.store.partners import PartnerRepository
from facilitator_app.store.workshops import SessionRepository, WorkshopRepository


class Store:
    """Everything the services need from storage, on one database connection."""

    def __init__(self, db: Connection, clock: Clock = system_clock, path: Path | None = None):
        self.db = db
        self.clock = clock
        self.path = path
        self.workshops = WorkshopRepository(db, clock)
        self.sessions = SessionRepository(db, clock)
        self.attendees = AttendeeRepository(db, clock)
        self.registrations = RegistrationRepository(db, clock)
        self.consents = ConsentRepository(db, clock)
        self.checkins = CheckinRepository(db, clock)
        self.badges = BadgeRepository(db, clock)
        self.partners = PartnerRepository(db, clock)
        self.introductions = IntroductionRepository(db, clock)
        self.meta = MetaRepository(db, clock)
        self.online = OnlineRepository(db, clock)
        self.agendas = AgendaRepository(db, clock)
        self.export_log = ExportLogRepository(db, clock)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic unit of work: all of it is committed, or none of it."""
        with mapped_sqlite_errors(self.path), self.db.atomic():
            yield self

    def retention_due(self) -> bool:
        """Is any workshop past its retention date? (cheap: checked at every start)"""
        today = self.clock().astimezone().date().isoformat()
        return bool(self.db.execute("SELECT 1 FROM workshops WHERE retention_until < ? LIMIT 1",
                                    [today]).fetchone())

    def close(self) -> None:
        self.db.close()
