"""Agenda totals and templates; the runner's states with an injected clock; deliveries."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from facilitator_app.clock import parse_iso
from facilitator_app.decks.parse import load_deck
from facilitator_app.errors import KnownError
from facilitator_app.paths import asset
from facilitator_app.services.agenda import (
    AgendaItem,
    item_label,
    load_agenda,
    preferred_deck,
    save_agenda,
    save_template,
    schedule,
    templates,
    totals,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.runner import (
    FINISHED,
    PAUSED,
    READY,
    RUNNING,
    DeliveryRule,
    Runner,
    default_rule,
    delivery_rule,
    save_default_rule,
    set_session_rule,
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


# -- the runner tells the truth: skipped modules are never taught -------------------------

def run_quickly(runner, clock, seconds_each: list[int]) -> None:
    """Start, then spend these seconds on each item in turn, moving on after each."""
    runner.start()
    for seconds in seconds_each:
        clock.now += timedelta(seconds=seconds)
        runner.next()


def test_the_minimum_is_one_minute_or_a_fifth_of_the_plan() -> None:
    rule = DeliveryRule()
    assert rule.minimum_seconds(15) == 180  # 20 % of 15 minutes beats 1 minute
    assert rule.minimum_seconds(3) == 60  # 20 % of 3 minutes is less than a minute
    assert DeliveryRule(5, 10).minimum_seconds(20) == 300


def test_a_module_passed_over_in_seconds_is_logged_as_skipped(clock, items) -> None:
    runner = Runner(items, clock)
    run_quickly(runner, clock, [30, 10 * 60, 4 * 60])  # pitch 30 s, break, prices 4 min
    assert [(d.item.module_id or d.item.kind, d.status) for d in runner.log] == [
        ("pitch-60", "skipped"), ("break", "delivered"), ("costos-precio", "delivered")]
    assert runner.state == FINISHED and runner.delivered_count() == 1
    just_under = Runner(items, clock)
    run_quickly(just_under, clock, [179])
    assert just_under.log[0].status == "skipped"  # 180 s is the minimum for 15 minutes


def test_passes_of_one_module_add_up(clock, items) -> None:
    runner = Runner(items, clock)
    run_quickly(runner, clock, [100])  # 100 s of 180: skipped for now
    runner.previous()
    clock.now += timedelta(seconds=90)
    runner.next()
    pitch = [d for d in runner.log if d.item.module_id == "pitch-60"]
    assert [(d.status, d.seconds) for d in pitch] == [("skipped", 100), ("delivered", 90)]
    assert runner.delivered_count() == 1


def test_pauses_do_not_count_towards_the_minimum(clock, items) -> None:
    runner = Runner(items, clock)
    runner.start()
    clock.now += timedelta(seconds=20)
    runner.pause()
    clock.now += timedelta(minutes=30)
    runner.next()
    assert runner.log[0].status == "skipped" and runner.log[0].seconds == 20


def test_the_rule_comes_from_the_session_then_the_settings(store, session) -> None:
    assert default_rule({}) == DeliveryRule(1, 20)
    assert default_rule({"delivered_min_minutes": 3, "delivered_min_percent": 50}) == \
        DeliveryRule(3, 50)
    assert default_rule({"delivered_min_minutes": "x", "delivered_min_percent": 400}) == \
        DeliveryRule(1, 20)  # a damaged settings file never breaks the runner
    assert delivery_rule(store, session.id, {}) == DeliveryRule(1, 20)
    set_session_rule(store, session.id, DeliveryRule(2, 30))
    assert delivery_rule(store, session.id, {"delivered_min_minutes": 9}) == DeliveryRule(2, 30)
    set_session_rule(store, session.id, None)
    assert delivery_rule(store, session.id, {"delivered_min_minutes": 9}) == DeliveryRule(9, 20)
    with pytest.raises(KnownError):
        set_session_rule(store, session.id, DeliveryRule(2, 130))


def test_the_default_rule_is_saved_in_the_settings(store, session) -> None:
    save_default_rule(DeliveryRule(4, 25))
    assert default_rule() == DeliveryRule(4, 25)
    assert delivery_rule(store, session.id) == DeliveryRule(4, 25)
    with pytest.raises(KnownError):
        save_default_rule(DeliveryRule(-1, 25))


def skip_one_deliver_one(store, session, clock, items) -> None:
    runner = Runner(items, clock, lambda d: store_delivery(store, session.id, d))
    run_quickly(runner, clock, [40, 10 * 60, 21 * 60])  # pitch skipped, prices delivered


def test_skipped_modules_are_stored_but_never_taught(store, session, clock, items,
                                                     tmp_path) -> None:
    import openpyxl

    from facilitator_app.services.export_data import handout_data
    from facilitator_app.services.exports import export
    from facilitator_app.services.report_data import workshop_report_data

    session = store.sessions.for_workshop(session.workshop_id)[2]  # nothing delivered yet
    skip_one_deliver_one(store, session, clock, items)
    log = store.agendas.delivery_log(session.id)
    assert [(d["module_id"], d["status"]) for d in log] == [
        ("pitch-60", "skipped"), ("costos-precio", "delivered")]
    assert [d["module_id"] for d in store.agendas.deliveries(session.id)] == ["costos-precio"]
    handout = handout_data(store, session.id)
    assert [m.title for m in handout.modules] == ["Costos y precio justo"]
    assert handout.delivered and handout.skipped == ("Tu pitch de 60 segundos",)
    report = workshop_report_data(store, session.workshop_id, "desk")
    assert "Tu pitch de 60 segundos" not in [d.module for d in report.deliveries
                                             if d.session == session.title]
    path, _count = export(store, "report", tmp_path / "r.xlsx", workshop=session.workshop_id)
    sheet = openpyxl.load_workbook(path)["Modules delivered"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["Rueda de contactos con aliados", "Costos y precio justo"] in [r[:2] for r in rows]
    assert not [r for r in rows if r[0] == session.title and r[1] == "Tu pitch de 60 segundos"]


def test_a_session_where_everything_was_skipped_lists_no_module(store, session, clock,
                                                                items) -> None:
    from facilitator_app.services.export_data import handout_data

    session = store.sessions.for_workshop(session.workshop_id)[2]
    runner = Runner(items, clock, lambda d: store_delivery(store, session.id, d))
    run_quickly(runner, clock, [5, 5, 5])
    handout = handout_data(store, session.id)
    assert handout.modules == () and handout.delivered  # never the plan, as if taught
    assert handout.skipped == ("Tu pitch de 60 segundos", "Costos y precio justo")


# -- clock times, decks and breaks --------------------------------------------------------

def test_each_block_has_its_clock_time_and_the_end_is_against_the_slot(store, session,
                                                                       items) -> None:
    blocks = schedule(session, items)
    start = parse_iso(session.starts_at).astimezone()
    assert [b.starts - start for b in blocks] == [timedelta(0), timedelta(minutes=15),
                                                  timedelta(minutes=25)]
    assert blocks[0].times() == f"{start:%H:%M}–{start + timedelta(minutes=15):%H:%M}"
    result = totals(store, session.id, items)
    assert result.ends == start + timedelta(minutes=45)
    assert result.slot_ends == start + timedelta(minutes=90)
    assert schedule(replace(session, starts_at=""), items) == []


def test_the_deck_offered_is_the_agendas_then_the_sessions_language(items) -> None:
    from facilitator_app.decks.library import load_library

    decks = load_library()
    english = [AgendaItem.of_module("creando-en", next(d for d in decks
                                                       if d.id == "creando-en").modules[0])]
    assert preferred_deck(items, decks, "en") == "creando-es"  # what the agenda uses
    assert preferred_deck(english, decks, "es") == "creando-en"
    assert preferred_deck([], decks, "es") == "creando-es"
    assert preferred_deck([], decks, "en") == "creando-en"
    assert preferred_deck([AgendaItem.pause(10)], decks, "es") == "creando-es"


def test_a_break_shows_in_the_current_language() -> None:
    from facilitator_app.i18n import set_language

    set_language("es")
    spanish_break = AgendaItem.pause(10)
    assert spanish_break.title == "Pausa"
    set_language("en")
    assert item_label(spanish_break) == "Break"
    assert item_label(AgendaItem.pause(10, "Almuerzo")) == "Almuerzo"  # a name of its own
