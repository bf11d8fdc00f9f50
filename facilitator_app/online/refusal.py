"""Why a file is not an attendance report, in words that name what it does hold:
"recognised Join Time, Leave Time, Duration, Email, Role; no column looks like the
person's name (found: Nama)"."""

from __future__ import annotations

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _
from facilitator_app.online.columns import map_columns
from facilitator_app.online.words import role_of

Rows = list[tuple[int, list[str]]]
_NAMES = {"name", "first_name", "last_name", "zoom_name"}
_TIMES = {"join", "leave", "duration", "total", "timestamp"}
_LOOKED_AT = 200  # a header is near the top


def not_a_report(source: str, rows: Rows) -> RejectedFileError:
    """The refusal for a file where no line is a report's header."""
    candidates = [(len(map_columns(cells)), line, cells) for line, cells in rows[:_LOOKED_AT]]
    count, line, cells = max(candidates, key=lambda c: (c[0], -c[1]), default=(0, 0, []))
    if count < 2:
        return RejectedFileError(_(
            "{file} does not look like a Zoom, Teams or Google Meet attendance report: no "
            "line has the columns of one (a name, and join and leave times or a duration)."
        ).format(file=source))
    recognised = ", ".join(cell for cell in cells if cell and role_of(cell))
    unknown = ", ".join(cell for cell in cells if cell and not role_of(cell))
    values = {"file": source, "line": line, "recognised": recognised,
              "missing": _missing(set(map_columns(cells))), "unknown": unknown}
    if unknown:
        return RejectedFileError(_(
            "{file} does not look like a Zoom, Teams or Google Meet attendance report: on "
            "line {line}, recognised {recognised}; {missing} (found: {unknown}).").format(
                **values))
    return RejectedFileError(_(
        "{file} does not look like a Zoom, Teams or Google Meet attendance report: on line "
        "{line}, recognised {recognised}; {missing}.").format(**values))


def _missing(roles: set[str]) -> str:
    if not roles & _NAMES:
        return _("no column looks like the person's name")
    if not roles & _TIMES:
        return _("no column holds join and leave times, a duration or a total")
    if "action" in roles and "timestamp" not in roles:
        return _("no column holds the time of each join and leave")
    return _("its columns do not make up a report this app knows")
