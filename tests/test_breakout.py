"""Breakout rooms for online participants: who joins online, rooms from offers and needs,
Zoom's pre-assignment CSV read back in Zoom's columns, the plain list, and the
introductions of people who shared a room recorded in one step, never twice."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest

from facilitator_app.errors import KnownError
from facilitator_app.services.breakout import (
    ZOOM_COLUMNS,
    build_rooms,
    capacities,
    online_participants,
    pair_scores,
    record_room_introductions,
    room_list,
    save_rooms,
    saved_rooms,
    write_zoom_csv,
    zoom_rows,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.export_log import exports_log
from facilitator_app.services.networking import add_introduction
from tests.cli_support import make_demo, run_main

DEMO_ONLINE = 15  # 13 joined online only, 2 both in the room and online (assets/demo)


@pytest.fixture
def demo(store):
    workshop, _ = ensure_demo(store)
    return workshop, store.sessions.for_workshop(workshop.id)


def test_online_participants_are_this_sessions_or_else_earlier_ones(store, demo) -> None:
    _workshop, sessions = demo
    first = online_participants(store, sessions[0].id)
    assert len(first.people) == DEMO_ONLINE == len(first.online_now)
    names = {p.name for p in first.people}
    assert "Andrés Bastidas Urdaneta" in names  # online only
    assert "Yusmary Gutiérrez Rondón" in names  # in the room and online
    assert "Yolimar Briceño Peña" not in names  # in the room only
    later = online_participants(store, sessions[1].id)  # not held yet
    assert later.online_now == set() and later.online_before == first.online_now
    assert [p.id for p in later.people] == [p.id for p in first.people]


def test_capacities_spread_the_rest_over_the_first_rooms() -> None:
    assert capacities(15, 2) == [3, 2, 2, 2, 2, 2, 2]
    assert capacities(15, 3) == [3] * 5
    assert capacities(16, 3) == [4, 3, 3, 3, 3]
    assert capacities(7, 4) == [7] and capacities(3, 4) == [3] and capacities(2, 2) == [2]


@pytest.mark.parametrize("size", [2, 3, 4])
def test_everyone_is_in_exactly_one_room_of_the_size_asked(store, demo, size) -> None:
    _workshop, sessions = demo
    people = online_participants(store, sessions[0].id).people
    rooms = build_rooms(store, sessions[0].id, people, size)
    placed = [p.id for room in rooms for p in room.people]
    assert sorted(placed) == sorted(p.id for p in people)
    assert [len(room.people) for room in rooms] == capacities(len(people), size)
    assert [room.name for room in rooms] == [f"Sala {n}" for n in range(1, len(rooms) + 1)]


def test_the_best_matches_share_a_room_and_each_room_says_why(store, demo) -> None:
    _workshop, sessions = demo
    people = online_participants(store, sessions[0].id).people
    scores, _reasons = pair_scores(store, sessions[0], people)
    best = max(scores, key=scores.get)
    assert scores[best] >= 3  # someone offers exactly what another needs
    rooms = build_rooms(store, sessions[0].id, people, 2)
    together = next(room for room in rooms if best & {p.id for p in room.people})
    assert best <= {p.id for p in together.people}
    assert together.reasons and "offers it" in together.reasons[0]
    linked = sum(1 for room in rooms if any(scores.get(frozenset((a.id, b.id)), 0) > 0
                                            for a, b in combinations(room.people, 2)))
    assert linked >= len(rooms) // 2  # most rooms hold a real match


def test_people_already_introduced_are_kept_apart_when_possible(store, demo) -> None:
    workshop, sessions = demo
    people = online_participants(store, sessions[0].id).people
    scores, _reasons = pair_scores(store, sessions[0], people)
    best = sorted(max(scores, key=scores.get))
    add_introduction(store, workshop.id, best[0], to_attendee=best[1], purpose="ya hablaron")
    rooms = build_rooms(store, sessions[0].id, people, 2)
    assert not any(set(best) <= {p.id for p in room.people} for room in rooms)


def test_zoom_csv_reads_back_in_zooms_columns(store, demo, tmp_path: Path) -> None:
    _workshop, sessions = demo
    people = online_participants(store, sessions[0].id).people
    people[0] = replace(people[0], email="")  # no e-mail: assigned by hand
    people[1] = replace(people[1], email="=HYPERLINK(x)@evil.example")  # never in the file
    rooms = build_rooms(store, sessions[0].id, people, 2)
    target = tmp_path / "salas.csv"
    by_hand = write_zoom_csv(store, sessions[0].id, rooms, target)
    (logged,) = exports_log(store)  # it left the computer: recorded, with its people
    assert (logged.kind, logged.label, logged.people, logged.file_name) == (
        "breakout", "confidential", len({p.id for room in rooms for p in room.people}),
        "salas.csv")
    raw = target.read_bytes()
    assert raw.startswith(b"Pre-assign Room Name,Email Address\r\n")  # no BOM, Zoom's header
    with target.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == ZOOM_COLUMNS == ("Pre-assign Room Name", "Email Address")
    expected = {(room.name, p.email.lower()) for room in rooms for p in room.people
                if p.id not in (people[0].id, people[1].id)}
    assert {(r["Pre-assign Room Name"], r["Email Address"]) for r in rows} == expected
    assert len(rows) == len(people) - 2
    assert {p.id for _room, p in by_hand} == {people[0].id, people[1].id}
    assert zoom_rows(rooms)[1] == by_hand


def test_the_plain_list_names_every_room_and_who_to_assign_by_hand(store, demo) -> None:
    _workshop, sessions = demo
    people = online_participants(store, sessions[0].id).people[:5]
    people[2] = replace(people[2], email="")
    rooms = build_rooms(store, sessions[0].id, people, 2)
    text = room_list(rooms, "es")
    lines = text.splitlines()
    assert lines[0] == "Sala 1: " + ", ".join(p.name for p in rooms[0].people)
    assert lines[1].startswith("Sala 2: ")
    assert "Sin un correo que Zoom conozca (asígnalas a mano):" in lines
    assert lines[-1] == f"{next(r.name for r in rooms if people[2] in r.people)}: " \
        f"{people[2].name}"
    assert room_list(rooms, "en").startswith("Sala 1: ")  # room names are the workshop's


def test_introductions_of_roommates_are_recorded_once(store, demo) -> None:
    workshop, sessions = demo
    people = online_participants(store, sessions[0].id).people
    rooms = build_rooms(store, sessions[0].id, people, 3)
    save_rooms(store, sessions[0].id, rooms)
    assert [[p.id for p in r.people] for r in saved_rooms(store, sessions[0].id)] == \
        [[p.id for p in r.people] for r in rooms]
    before = store.introductions.count(workshop.id)
    first = record_room_introductions(store, sessions[0].id, made_by="desk")
    assert first.added + first.already == 3 * len(rooms) and first.absent == ()
    assert store.introductions.count(workshop.id) == before + first.added
    again = record_room_introductions(store, sessions[0].id)
    assert (again.added, again.already) == (0, 3 * len(rooms))
    assert store.introductions.count(workshop.id) == before + first.added
    purposes = {row["purpose"] for row in store.introductions.listing(workshop.id)}
    assert "Compartieron una sala (Sala 1)" in purposes


def test_people_planned_but_not_seen_online_are_left_out(store, demo) -> None:
    _workshop, sessions = demo
    online = online_participants(store, sessions[0].id).people[:3]
    in_room = next(p for p in store.attendees.for_workshop(sessions[0].workshop_id)
                   if p.name == "Yolimar Briceño Peña")
    rooms = build_rooms(store, sessions[0].id, [*online, in_room], 4)
    save_rooms(store, sessions[0].id, rooms)
    done = record_room_introductions(store, sessions[0].id)
    assert done.absent == ("Yolimar Briceño Peña",) and done.added + done.already == 3


def test_no_rooms_no_record_and_rooms_need_two(store, demo) -> None:
    _workshop, sessions = demo
    with pytest.raises(KnownError, match="no breakout rooms"):
        record_room_introductions(store, sessions[2].id)
    with pytest.raises(KnownError):
        build_rooms(store, sessions[0].id, online_participants(store, sessions[0].id).people, 1)
    assert build_rooms(store, sessions[0].id, [], 2) == []


def test_an_erased_person_leaves_the_rooms(store, demo) -> None:
    from facilitator_app.store.erasure import erase_people

    _workshop, sessions = demo
    people = online_participants(store, sessions[0].id).people
    save_rooms(store, sessions[0].id, build_rooms(store, sessions[0].id, people, 2))
    with store.transaction():
        erase_people(store.db.conn, [people[0].id])
    assert people[0].id not in {p.id for r in saved_rooms(store, sessions[0].id)
                                for p in r.people}


def test_cli_plan_show_and_record(tmp_path: Path, capsys) -> None:
    db = make_demo(tmp_path / "d.db")
    code, out, _err = run_main(capsys, "--db", str(db), "--json", "workshops", "list")
    session = json.loads(out)[0]["sessions"][0]["id"]
    # a prefix: [:18] (time + counter) is unique; [:13] is only the millisecond
    target, listing = tmp_path / "zoom.csv", tmp_path / "salas.txt"
    code, out, err = run_main(capsys, "--db", str(db), "--json", "breakout", "plan",
                              "--session", session[:18], "--size", "3", "-o", str(target),
                              "--list", str(listing))
    assert code == 0, err
    plan = json.loads(out)
    assert len(plan["rooms"]) == 5 and plan["by_hand"] == []
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == DEMO_ONLINE and set(rows[0]) == set(ZOOM_COLUMNS)
    assert listing.read_text(encoding="utf-8").startswith("Sala 1: ")
    code, out, _err = run_main(capsys, "--db", str(db), "--json", "breakout", "show",
                               "--session", session)
    assert [r["name"] for r in json.loads(out)["rooms"]] == [r["name"] for r in plan["rooms"]]
    code, out, _err = run_main(capsys, "--db", str(db), "--json", "breakout", "record",
                               "--session", session)
    assert code == 0 and json.loads(out)["added"] + json.loads(out)["already"] == 15
    code, out, err = run_main(capsys, "--db", str(db), "breakout", "plan", "--session",
                              session, "--size", "1")
    assert code == 2 and "2" in err
