"""Agenda totals and templates; the runner's states with an injected clock; deliveries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from facilitator_app.decks.parse import load_deck
from facilitator_app.errors import KnownError
from facilitator_app.paths import asset
from facilitator_app.services.agenda import (
    AgendaItem,
    load_agenda,
    save_agenda,
    save_template,
    templates,
    totals,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.runner import (
    FINISHED,
    PAUSED,
    READY,
    RUNNING,
    Runner,
    store_delivery,
)


@pytest.fixture
def session(store):
    workshop, _ = ensure_demo(store)
    return store.sessions.for_workshop(workshop.id)[0]  # 90 minutes


@pytest.fixture
def items():
    deck = load_deck(asset("decks", "creando-es"))
    pitch, prices = deck.module("pitch-60"), deck.module("costos-precio")
    return [AgendaItem.of_module(deck.id, pitch), AgendaItem.pause(10),
            AgendaItem.of_module(deck.id, prices)]


def test_totals_against_the_slot(store, session, items) -> None:
    result = totals(store, session.id, items)
    assert (result.planned, result.slot, result.over) == (45, 90, 0)
    long = [*items, AgendaItem.pause(50)]
    assert totals(store, session.id, long).over == 5


def test_the_agenda_is_saved_in_order_and_templates_reused(store, session, items) -> None:
    save_agenda(store, session.id, list(reversed(items)))
    assert load_agenda(store, session.id) == list(reversed(items))
    save_template(store, "Mañana de precios", items)
    assert templates(store) == [("Mañana de precios", items)]
    with pytest.raises(KnownError):
        save_template(store, "Vacía", [])


def test_runner_start_pause_overtime_next(clock, items) -> None:
    delivered = []
    runner = Runner(items, clock, delivered.append)
    assert runner.state == READY and runner.remaining() == 15 * 60
    runner.start()
    clock.now += timedelta(minutes=10)
    runner.pause()
    assert runner.state == PAUSED
    clock.now += timedelta(minutes=30)  # a long pause does not count
    assert runner.remaining() == 5 * 60
    runner.start()
    clock.now += timedelta(minutes=7)
    assert runner.state == RUNNING and runner.overtime() and runner.remaining() == -120
    runner.hand_count(18, 2)
    runner.next()
    assert runner.current.kind == "break" and runner.state == RUNNING
    (first,) = delivered
    assert (first.seconds, first.useful_yes, first.useful_no) == (17 * 60, 18, 2)
    assert first.ended_at - first.started_at == timedelta(minutes=47)


def test_previous_and_finish(clock, items) -> None:
    runner = Runner(items, clock)
    runner.start()
    runner.next()
    runner.previous()
    assert runner.index == 0 and runner.state == RUNNING
    runner.finish()
    assert runner.state == FINISHED and [d.item.kind for d in runner.log] == [
        "module", "break", "module"]


def test_moving_before_starting_logs_nothing(clock, items) -> None:
    runner = Runner(items, clock)
    runner.next()
    assert runner.state == READY and runner.index == 1 and runner.log == []


def test_delivered_modules_are_stored_for_reports(store, session, clock, items) -> None:
    session = store.sessions.for_workshop(session.workshop_id)[2]  # nothing delivered yet
    runner = Runner(items, clock, lambda d: store_delivery(store, session.id, d))
    runner.start()
    clock.now += timedelta(minutes=16)
    runner.hand_count(20, 1)
    runner.next()
    clock.now += timedelta(minutes=10)
    runner.next()
    clock.now += timedelta(minutes=19)
    runner.finish()
    stored = store.agendas.deliveries(session.id)
    assert [(d["module_id"], d["useful_yes"]) for d in stored] == [
        ("pitch-60", 20), ("costos-precio", None)]  # breaks are not modules
    assert stored[0]["planned_minutes"] == 15
