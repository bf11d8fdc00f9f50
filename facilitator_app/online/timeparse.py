"""Dates and durations as the platforms write them, in every language of languages/:
`1h 29m 30s`, `2 h 44 m`, `44 min 5 s`, `1 Std. 2 Min.`, `1時間2分`, `01:02:10`,
`4/25/2022, 7:58:47 PM`, `13/04/2021 à 09:01:31`, `17.11.2020, 12:27:24`."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from facilitator_app.online.words import DATE_WORDS, UNIT_WORDS, UNITS, key

MAX_MINUTES = 7 * 24 * 60  # a duration longer than a week is not a meeting's
_SECONDS = {"h": 3600, "m": 60, "s": 1}
_NUMBER = r"\d{1,7}(?:[.,]\d{1,4})?"
_UNIT = "|".join(re.escape(word) for word in UNIT_WORDS)
_PART = re.compile(rf"({_NUMBER})\s*({_UNIT})(?![^\W\d_])", re.IGNORECASE)
_PARTS = re.compile(rf"\s*(?:{_NUMBER}\s*(?:{_UNIT})(?![^\W\d_])[\s,]*)+", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,3}):(\d{2})(?::(\d{2}))?")


def parse_minutes(text: str) -> float | None:
    """Minutes in a duration (`1h 2m 10s`, `58 min`, `01:02:10`, a plain number of minutes);
    None when the text is not wholly a duration, or is longer than a week."""
    value = text.strip()
    if not value:
        return None
    if re.fullmatch(_NUMBER, value):
        minutes = float(value.replace(",", "."))
    elif clock := _CLOCK.fullmatch(value):
        hours, mins, seconds = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        minutes = hours * 60 + mins + seconds / 60
    elif _PARTS.fullmatch(value):
        minutes = sum(float(number.replace(",", ".")) * _unit_seconds(unit)
                      for number, unit in _PART.findall(value)) / 60
    else:
        return None
    return minutes if minutes <= MAX_MINUTES else None


def _unit_seconds(unit: str) -> int:
    meaning = UNITS.get(key(unit)) or UNITS.get(unit.casefold(), "m")
    return _SECONDS[meaning]


_AMPM = re.compile(r"\s*([ap])\.?\s*m\.?\s*$", re.IGNORECASE)
_DATE_WORD = re.compile(r"\s(?:" + "|".join(re.escape(w) for w in DATE_WORDS) + r")\s",
                        re.IGNORECASE)
_YEAR_FIRST = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


@lru_cache(maxsize=8192)  # a report repeats its times (everyone leaves at the end)
def parse_timestamp(text: str, day_first: bool | None = None) -> datetime | None:
    """A report timestamp (`09/29/2020 09:54:52 AM`, `05/10/2024 10:01:15 a. m.`,
    `15/11/22, 09:30:17`, `13/04/2021 à 09:01:31`, `2020/12/8 8:35`, `9:05 AM`); None when
    it cannot be read.

    `day_first` resolves dd/mm against mm/dd; None means month first unless the day
    part is over 12."""
    value = _DATE_WORD.sub(" ", " " + text.strip() + " ").replace(",", " ").strip()
    if not value or len(value) > 40:
        return None
    suffix = ""
    if meridiem := _AMPM.search(value):
        value = value[: meridiem.start()].strip()
        suffix = "AM" if meridiem[1].lower() == "a" else "PM"
    value = " ".join(value.split())
    if year_first := _YEAR_FIRST.fullmatch(value):
        try:
            moment = datetime(*(int(part or 0) for part in year_first.groups()))
        except ValueError:
            return None
        return _with_meridiem(moment, suffix)
    return _slashed(value, suffix, day_first)


def _slashed(value: str, suffix: str, day_first: bool | None) -> datetime | None:
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\.?\s+(\d{1,2}):(\d{2})"
                         r"(?::(\d{2}))?", value)
    clock_only = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", value)
    try:
        if clock_only:
            hour, minute, second = (int(clock_only[1]), int(clock_only[2]),
                                    int(clock_only[3] or 0))
            return _with_meridiem(datetime(1900, 1, 1, hour, minute, second), suffix)
        if not match:
            return None
        first, second_part, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        day_is_first = day_first if day_first is not None else first > 12
        day, month = (first, second_part) if day_is_first else (second_part, first)
        moment = datetime(year, month, day, int(match[4]), int(match[5]), int(match[6] or 0))
    except ValueError:
        return None
    return _with_meridiem(moment, suffix)


def _with_meridiem(moment: datetime, suffix: str) -> datetime:
    if suffix == "PM" and moment.hour < 12:
        return moment.replace(hour=moment.hour + 12)
    if suffix == "AM" and moment.hour == 12:
        return moment.replace(hour=0)
    return moment


def guess_day_first(samples: list[str], default: bool | None = None) -> bool | None:
    """Look at many timestamps: a first number over 12 means day first, a second one over
    12 means month first; `default` (the header's language) when the file does not say."""
    for sample in samples:
        match = re.match(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]", sample)
        if match and int(match[1]) > 12:
            return True
        if match and int(match[2]) > 12:
            return False
    return default
