"""The rows of a report's table read into joins: Zoom join rows and totals, Zoom's 2025
usage report, Teams' "Meeting Summary" tables, Google Meet. English, Spanish, French,
Portuguese, German, Italian, Japanese and Polish headers (languages/)."""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _, ngettext
from facilitator_app.online.columns import is_host_role
from facilitator_app.online.identity import (
    email_from_upn,
    is_email,
    is_host_tag,
    original_names,
    split_suffix,
)
from facilitator_app.online.model import Join
from facilitator_app.online.timeparse import guess_day_first, parse_minutes, parse_timestamp
from facilitator_app.online.words import YES, key

Rows = list[tuple[int, list[str]]]
NAMED_LINES = 8


@dataclass
class Table:
    """A report's table: its layout, columns and body rows, and what reading them found."""

    source: str
    layout: str
    columns: dict[str, int]
    body: Rows
    day_first: bool | None = None  # what the header's language writes, unless dates say
    notes: list[str] = field(default_factory=list)
    not_emails: list[int] = field(default_factory=list)  # lines whose e-mail has no "@"

    def cell(self, cells: list[str], role: str) -> str:
        index = self.columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    @property
    def platform(self) -> str:
        return self.layout.split("-")[0]


def read_joins(table: Table) -> list[Join]:
    """Every row as a join; waiting-room rows skipped, with a note."""
    day_first = guess_day_first([table.cell(cells, "join") for _n, cells in table.body],
                                table.day_first)
    originals = (original_names([(name_of(table, cells), table.cell(cells, "email"))
                                 for _n, cells in table.body])
                 if table.platform == "zoom" else {})
    joins = []
    for line, cells in table.body:
        if key(table.cell(cells, "waiting")) in YES:
            table.notes.append(_("Line {line}: skipped (in the waiting room).").format(line=line))
            continue
        joins.append(_join(table, line, cells, day_first, originals))
    note_not_emails(table.notes, table.not_emails)
    return joins


def name_of(table: Table, cells: list[str]) -> str:
    if "first_name" in table.columns:
        return " ".join(part for part in (table.cell(cells, "first_name"),
                                          table.cell(cells, "last_name")) if part)
    return table.cell(cells, "name")


def _join(table: Table, line: int, cells: list[str], day_first: bool | None,
          originals: dict[str, str]) -> Join:
    shown = name_of(table, cells)
    if not shown:
        raise RejectedFileError(_("{file}, line {line}: the participant has no name.")
                                .format(file=table.source, line=line))
    original = originals.get(shown, "")
    name = split_suffix(shown)[0] if original else shown
    join = Join(line=line, name=name, original_name=original,
                whole=table.layout == "zoom-unique-users")
    read_email(table, line, cells, join)
    join.is_host = is_host_role(table.cell(cells, "role")) or (
        table.platform == "zoom" and is_host_tag(shown))
    if "join" in table.columns and "leave" in table.columns:
        join.start = parse_timestamp(table.cell(cells, "join"), day_first)
        join.end = parse_timestamp(table.cell(cells, "leave"), day_first)
    duration = table.cell(cells, "total" if "total" in table.columns else "duration")
    join.minutes = parse_minutes(duration)
    if join.minutes is None and (join.start is None or join.end is None):
        raise RejectedFileError(_("{file}, line {line}: the duration \u201c{value}\u201d is "
                                  "not understood.").format(file=table.source, line=line,
                                                            value=duration))
    return join


def read_email(table: Table, line: int, cells: list[str], join: Join) -> None:
    """The Email column first; Teams' UPN only when Email is empty. A value without "@"
    is no e-mail: kept to tell people apart, never used to match them."""
    value = table.cell(cells, "email").strip()
    if not value:
        join.email = email_from_upn(table.cell(cells, "upn"))
    elif is_email(value):
        join.email = value.lower()
    else:
        join.account = value
        table.not_emails.append(line)


def note_not_emails(notes: list[str], lines: list[int]) -> None:
    if not lines:
        return
    named = ", ".join(str(line) for line in lines[:NAMED_LINES])
    if len(lines) > NAMED_LINES:
        more = len(lines) - NAMED_LINES
        named += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
    notes.append(ngettext(
        "Line {lines}: the e-mail column holds no e-mail address (no \u201c@\u201d): the "
        "person is known by their name.",
        "Lines {lines}: the e-mail column holds no e-mail address (no \u201c@\u201d): "
        "these people are known by their names.", len(lines)).format(lines=named))
