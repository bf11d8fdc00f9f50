"""Dates and durations as the platforms write them, in English and Spanish."""

from __future__ import annotations

import re
from datetime import datetime

_DURATION_PARTS = re.compile(
    r"(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>h|hr|hrs|hora|horas|hour|hours|m|min|mins|minuto|"
    r"minutos|minute|minutes|s|sec|secs|seg|segundo|segundos|second|seconds)\b", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_SECONDS = {"h": 3600, "hr": 3600, "hrs": 3600, "hora": 3600, "horas": 3600, "hour": 3600,
            "hours": 3600, "s": 1, "sec": 1, "secs": 1, "seg": 1, "segundo": 1,
            "segundos": 1, "second": 1, "seconds": 1}


def parse_minutes(text: str) -> float | None:
    """`1h 2m 10s`, `1 hr 27 min`, `58 min`, `10m 59s`, `01:02:10` or a plain number of
    minutes; None when it is none of these."""
    value = text.strip().lower()
    if not value:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", value):
        return float(value.replace(",", "."))
    clock = _CLOCK.match(value)
    if clock:
        hours, minutes, seconds = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        return hours * 60 + minutes + seconds / 60 if clock[3] else hours * 60 + minutes
    total, found = 0.0, False
    for part in _DURATION_PARTS.finditer(value):
        seconds_per_unit = _SECONDS.get(part["unit"].lower(), 60)
        total += float(part["value"].replace(",", ".")) * seconds_per_unit
        found = True
    return total / 60 if found else None


_AMPM = re.compile(r"\s*([ap])\.?\s*m\.?\s*$", re.IGNORECASE)
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")


def parse_timestamp(text: str, day_first: bool | None = None) -> datetime | None:
    """A report timestamp (`09/29/2020 09:54:52 AM`, `05/10/2024 10:01:15 a. m.`,
    `15/11/22, 09:30:17`, `2020/12/8 8:35`, `9:05 AM`); None when it cannot be read.

    `day_first` resolves dd/mm against mm/dd; None means month first unless the day
    part is over 12."""
    value = text.strip().replace(",", " ")
    if not value:
        return None
    meridiem = _AMPM.search(value)
    suffix = ""
    if meridiem:
        value = value[: meridiem.start()].strip()
        suffix = "AM" if meridiem[1].lower() == "a" else "PM"
    value = " ".join(value.split())
    for pattern in _DATE_FORMATS:
        try:
            return _with_meridiem(datetime.strptime(value, pattern), suffix)
        except ValueError:
            continue
    return _slashed(value, suffix, day_first)


def _slashed(value: str, suffix: str, day_first: bool | None) -> datetime | None:
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?",
                         value)
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


def guess_day_first(samples: list[str]) -> bool | None:
    """Look at many timestamps: a first number over 12 means day first, a second one over
    12 means month first; None when the file does not say."""
    for sample in samples:
        match = re.match(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]", sample)
        if match and int(match[1]) > 12:
            return True
        if match and int(match[2]) > 12:
            return False
    return None
