"""A session's agenda: modules from decks and breaks, against the session's time slot,
with the clock time of every block."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from facilitator_app.clock import parse_iso
from facilitator_app.decks.model import Deck, Module
from facilitator_app.errors import KnownError
from facilitator_app.i18n import LANGUAGES, _
from facilitator_app.models import Session
from facilitator_app.services.online_attendance import session_minutes
from facilitator_app.store import Store

MODULE, BREAK = "module", "break"


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    title: str
    minutes: int
    deck_id: str = ""
    module_id: str = ""

    @classmethod
    def of_module(cls, deck_id: str, module: Module) -> AgendaItem:
        return cls(MODULE, module.title, module.minutes, deck_id, module.id)

    @classmethod
    def pause(cls, minutes: int, title: str = "") -> AgendaItem:
        return cls(BREAK, title or _("Break"), minutes)


@lru_cache(maxsize=1)
def break_titles() -> frozenset[str]:
    """What a break is called by default, in every language the app speaks."""
    import gettext

    from facilitator_app.i18n import DOMAIN
    from facilitator_app.paths import locale_dir

    return frozenset({"Break", *(gettext.translation(
        DOMAIN, str(locale_dir()), languages=[code], fallback=True).gettext("Break")
        for code in LANGUAGES)})


def item_label(item: AgendaItem) -> str:
    """The item's title to show: a break with its default name in the current language."""
    if item.kind == BREAK and item.title in break_titles():
        return _("Break")
    return item.title


@dataclass(frozen=True)
class AgendaTotals:
    planned: int
    slot: int | None
    ends: datetime | None = None  # when the agenda ends, from the session's start
    slot_ends: datetime | None = None  # when the session's slot ends

    @property
    def over(self) -> int:
        """Minutes over the slot (0 when it fits or the slot is unknown)."""
        return max(0, self.planned - self.slot) if self.slot else 0


@dataclass(frozen=True)
class Block:
    """An agenda item at its clock time (local time, from the session's start)."""

    item: AgendaItem
    starts: datetime
    ends: datetime

    def times(self) -> str:
        return f"{self.starts:%H:%M}–{self.ends:%H:%M}"


def session_start(session: Session) -> datetime | None:
    return parse_iso(session.starts_at).astimezone() if session.starts_at else None


def schedule(session: Session, items: list[AgendaItem]) -> list[Block]:
    """Each item's start and end, one after the other from the session's start ([] when
    the session has no start time)."""
    moment = session_start(session)
    if moment is None:
        return []
    blocks = []
    for item in items:
        end = moment + timedelta(minutes=item.minutes)
        blocks.append(Block(item, moment, end))
        moment = end
    return blocks


def preferred_deck(items: list[AgendaItem], decks: list[Deck], language: str) -> str | None:
    """The deck to offer: the one the agenda already uses most, else the first deck in
    the session's language, else the first deck."""
    known = {deck.id for deck in decks}
    used = Counter(i.deck_id for i in items if i.kind == MODULE and i.deck_id in known)
    if used:
        return used.most_common(1)[0][0]
    same = [deck.id for deck in decks if deck.language == language]
    return same[0] if same else (decks[0].id if decks else None)


def load_agenda(store: Store, session_id: str) -> list[AgendaItem]:
    return [AgendaItem(**row) for row in store.agendas.items(session_id)]


def save_agenda(store: Store, session_id: str, items: list[AgendaItem]) -> None:
    """Replace the session's agenda in one transaction (saved on every change)."""
    with store.transaction():
        store.agendas.replace_items(session_id, [asdict(item) for item in items])


def totals(store: Store, session_id: str, items: list[AgendaItem]) -> AgendaTotals:
    session = store.sessions.get(session_id)
    minutes = session_minutes(session)
    planned = sum(item.minutes for item in items)
    start = session_start(session)
    slot_ends = parse_iso(session.ends_at).astimezone() if session.ends_at else None
    return AgendaTotals(planned, round(minutes) if minutes else None,
                        start + timedelta(minutes=planned) if start else None, slot_ends)


def save_template(store: Store, name: str, items: list[AgendaItem]) -> None:
    if not name.strip():
        raise KnownError(_("A template needs a name."))
    if not items:
        raise KnownError(_("The agenda is empty: add modules before saving it as a template."))
    with store.transaction():
        store.agendas.save_template(name, [asdict(item) for item in items])


def templates(store: Store) -> list[tuple[str, list[AgendaItem]]]:
    return [(row["name"], [AgendaItem(**item) for item in row["items"]])
            for row in store.agendas.templates()]
