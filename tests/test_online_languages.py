"""One table of words per language (facilitator_app/online/languages/): headers, actions,
roles, section titles, tags, duration units and date words, with no word meaning two things."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from facilitator_app.online import languages
from facilitator_app.online.columns import map_columns
from facilitator_app.online.languages import LANGUAGES
from facilitator_app.online.timeparse import parse_minutes, parse_timestamp
from facilitator_app.online.words import action_of, day_first_of, key, role_of, section_of
from facilitator_app.text import fold

TABLES = ("headers", "actions", "roles", "sections", "summary", "units")


def test_every_language_module_is_loaded() -> None:
    """Adding a language is adding a module of words: it must be in LANGUAGES."""
    folder = Path(languages.__file__).parent
    modules = sorted(path.stem for path in folder.glob("*.py") if path.stem != "__init__")
    assert sorted(language.code for language in LANGUAGES) == modules
    assert {"en", "es", "fr", "pt", "de", "it", "ja"} <= set(modules)


@pytest.mark.parametrize("table", TABLES)
def test_no_word_means_two_things(table) -> None:
    meanings: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for meaning, words in getattr(language, table).items():
            for word in words:
                meanings.setdefault(key(word), set()).add(meaning)
    assert {word: found for word, found in meanings.items() if len(found) > 1} == {}


def test_every_header_word_is_recognised_as_written() -> None:
    for language in LANGUAGES:
        for role, words in language.headers.items():
            assert [role_of(word) for word in words] == [role] * len(words), language.code


def test_japanese_voicing_marks_are_kept() -> None:
    """fold() strips them (ユーザーメール becomes ユーサーメール); header keys do not."""
    assert fold("ユーザーメール") == fold("ユーサーメール")
    assert key("ユーザーメール") != key("ユーサーメール")
    assert role_of("ユーザーメール") == "email" and role_of("ユーサーメール") is None
    assert role_of("所要時間（分）") == "duration"  # full-width brackets
    assert key("Heure d'arrivée") == "heure d arrivee" and role_of("HEURE D’ARRIVÉE") == "join"


@pytest.mark.parametrize(("headers", "expected"), [
    (["Full Name", "Join Time", "Leave Time", "Duration", "Email", "Role",
      "Participant ID (UPN)"], {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4,
                                "role": 5, "upn": 6}),
    (["Nom complet", "Heure d'arrivée", "Heure de sortie", "Durée", "Adresse e-mail", "Rôle"],
     {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4, "role": 5}),
    (["Vollständiger Name", "Beitrittszeit", "Zeitpunkt des Verlassens", "Dauer"],
     {"name": 0, "join": 1, "leave": 2, "duration": 3}),
    (["Nome completo", "Ora di ingresso", "Ora di uscita", "Durata",
      "Indirizzo di posta elettronica", "Ruolo"],
     {"name": 0, "join": 1, "leave": 2, "duration": 3, "email": 4, "role": 5}),
    (["Nome Completo", "Atividade", "Data e hora"], {"name": 0, "action": 1, "timestamp": 2}),
    (["Prénom", "Nom", "Adresse e-mail", "Durée"],  # Meet in French: given + family name
     {"first_name": 0, "last_name": 1, "email": 2, "duration": 3}),
    (["Nombre", "Apellido", "Correo electrónico"], {"first_name": 0, "last_name": 1,
                                                    "email": 2}),
    (["名前 (元の名前)", "ユーザーメール", "参加時刻", "退出時刻", "所要時間（分）"],
     {"zoom_name": 0, "name": 0, "email": 1, "join": 2, "leave": 3, "duration": 4}),
])
def test_headers_in_every_language(headers, expected) -> None:
    assert map_columns(headers) == expected


@pytest.mark.parametrize(("text", "minutes"), [
    ("1h 29m 30s", 89.5), ("6m 19s", 6 + 19 / 60), ("22s", 22 / 60), ("2 h 44 m", 164),
    ("44 min 5 s", 44 + 5 / 60), ("1 Std. 27 Min. 30 Sek.", 87.5), ("45 Sek.", 0.75),
    ("30 min 20 s", 30 + 20 / 60), ("1 ora 5 minuti", 65), ("1 hora 5 minutos", 65),
    ("1時間2分3秒", 62.05), ("1 godz. 2 min 3 sek.", 62.05), ("1 hr 27 min", 87),
    ("01:02:10", 62 + 10 / 60), ("45", 45), ("2,5", 2.5)])
def test_durations_in_every_language(text, minutes) -> None:
    assert parse_minutes(text) == pytest.approx(minutes, abs=0.001)


@pytest.mark.parametrize("text", ["mucho rato", "abc 5m", "5 m and then some", "", "-",
                                  "99999999", "1e9", "12 parsecs"])
def test_what_is_not_a_duration(text) -> None:
    assert parse_minutes(text) is None


@pytest.mark.parametrize(("text", "day_first", "moment"), [
    ("13/04/2021 à 09:01:31", None, datetime(2021, 4, 13, 9, 1, 31)),
    ("4/25/2022, 7:58:47 PM", None, datetime(2022, 4, 25, 19, 58, 47)),
    ("17.11.2021, 09:00:00", None, datetime(2021, 11, 17, 9)),
    ("15/03/2022 alle 15:00:00", None, datetime(2022, 3, 15, 15)),
    ("05/10/2023 às 10:00", True, datetime(2023, 10, 5, 10)),
    ("17.11.2020 um 08:00", None, datetime(2020, 11, 17, 8)),
    ("10/05/2023, 10:00:00", True, datetime(2023, 5, 10, 10)),
    ("10/05/2023, 10:00:00", None, datetime(2023, 10, 5, 10)),
    ("2021-04-13T09:01:31", None, datetime(2021, 4, 13, 9, 1, 31)),
    ("25/04/2022 19:58", None, datetime(2022, 4, 25, 19, 58)),
])
def test_timestamps_in_every_language(text, day_first, moment) -> None:
    assert parse_timestamp(text, day_first) == moment


def test_the_headers_language_says_day_or_month_first() -> None:
    assert day_first_of(["Nombre", "Hora de unión", "Hora de salida"]) is True
    assert day_first_of(["Nom complet", "Heure d'arrivée"]) is True
    assert day_first_of(["Full Name", "Join Time", "Leave Time"]) is None  # US or UK
    assert day_first_of(["Nama", "Waktu"]) is None


@pytest.mark.parametrize(("text", "action"), [
    ("Joined", "joined"), ("Joined before", "joined_before"), ("Left", "left"),
    ("Entrou", "joined"), ("Saiu", "left"), ("Beigetreten", "joined"), ("Verlassen", "left"),
    ("A rejoint", "joined"), ("A quitté", "left"), ("Se unió antes", "joined_before"),
    ("Salió", "left"), ("Partecipato", "joined"), ("Uscito", "left"), ("Waved", None)])
def test_join_and_leave_words(text, action) -> None:
    assert action_of(text) == action


@pytest.mark.parametrize(("title", "section"), [
    ("1. Summary", "summary"), ("2. Participants", "participants"),
    ("3. In-Meeting activities", "activities"), ("1. Resumen", "summary"),
    ("3. Actividades en la reunión", "activities"), ("2. Participantes", "participants"),
    ("3. Activités pendant la réunion", "activities"), ("2. Teilnehmer", "participants"),
    ("3. Attività durante la riunione", "activities"), ("1. Resumo", "summary"),
    ("Participants (10)", None)])
def test_teams_section_titles(title, section) -> None:
    assert section_of(title) == section
