"""A session's agenda: modules from decks and breaks, against the session's time slot."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from facilitator_app.decks.model import Module
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
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


@dataclass(frozen=True)
class AgendaTotals:
    planned: int
    slot: int | None

    @property
    def over(self) -> int:
        """Minutes over the slot (0 when it fits or the slot is unknown)."""
        return max(0, self.planned - self.slot) if self.slot else 0


def load_agenda(store: Store, session_id: str) -> list[AgendaItem]:
    return [AgendaItem(**row) for row in store.agendas.items(session_id)]


def save_agenda(store: Store, session_id: str, items: list[AgendaItem]) -> None:
    """Replace the session's agenda in one transaction (saved on every change)."""
    with store.transaction():
        store.agendas.replace_items(session_id, [asdict(item) for item in items])


def totals(store: Store, session_id: str, items: list[AgendaItem]) -> AgendaTotals:
    minutes = session_minutes(store.sessions.get(session_id))
    return AgendaTotals(sum(item.minutes for item in items), round(minutes) if minutes else None)


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
