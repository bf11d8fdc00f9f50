"""The pages of the main window, in navigation order. A page's module is imported and the
page built only when it is first shown, so start-up stays fast as pages grow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from facilitator_app.i18n import N_
from facilitator_app.store import Store
from ui.pages.base import Page


@dataclass(frozen=True)
class PageSpec:
    title: str  # untranslated (N_), translated when shown
    build: Callable[[Store], Page]


def _overview(store: Store) -> Page:
    from ui.pages.overview import OverviewPage

    return OverviewPage(store)


def _attendees(store: Store) -> Page:
    from ui.pages.attendees import AttendeesPage

    return AttendeesPage(store)


def _checkin(store: Store) -> Page:
    from ui.pages.checkin import CheckinPage

    return CheckinPage(store)


def _sessions(store: Store) -> Page:
    from ui.pages.sessions import SessionsPage

    return SessionsPage(store)


def _networking(store: Store) -> Page:
    from ui.pages.networking import NetworkingPage

    return NetworkingPage(store)


def _reports(store: Store) -> Page:
    from ui.pages.reports import ReportsPage

    return ReportsPage(store)


def _archive(store: Store) -> Page:
    from ui.pages.archive import ArchivePage

    return ArchivePage(store)


def _programme(store: Store) -> Page:
    from ui.pages.programme import ProgrammePage

    return ProgrammePage(store)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(N_("Workshop overview"), _overview),
    PageSpec(N_("Attendees"), _attendees),
    PageSpec(N_("Check-in"), _checkin),
    PageSpec(N_("Sessions"), _sessions),
    PageSpec(N_("Networking"), _networking),
    PageSpec(N_("Reports"), _reports),
    PageSpec(N_("Archive"), _archive),
    PageSpec(N_("Programme"), _programme),
)
PROGRAMME_PAGE = next(i for i, spec in enumerate(PAGES) if spec.build is _programme)
