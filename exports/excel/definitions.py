"""The "Definitions" sheet: what every figure of a report counts, in words."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from exports.excel.print_setup import set_up_printing
from exports.excel.sheets import Column, write_table
from exports.excel.suppression import COMPLEMENT, SMALL
from facilitator_app.export_models import SessionLine
from facilitator_app.i18n import _


def attendance_definitions(sessions: Sequence[SessionLine],
                           min_online_percent: int) -> list[tuple[str, str]]:
    rows = [
        (_("Registered"), _("People on the workshop's list, whether or not they came.")),
        (_("In the room"), _("Checked in at the door for that session (badge scanned, name "
                             "searched or registered on the spot).")),
        (_("Online"), _("Connected to the video call for at least the session's online "
                        "minimum (below). Fewer minutes do not count as attending.")),
        (_("Both"), _("In the room and online for the minimum in the same session; across "
                      "the workshop, also in the room for one session and online for "
                      "another.")),
        (_("Attended"), _("In the room, online or both: in a session, or in at least one "
                          "held session of the workshop. Every breakdown counts these "
                          "people, so it adds up to the same total.")),
        (_("Online minimum"), _("The session's own figure when one was set, otherwise {p}% "
                                "of the session's length.").format(p=min_online_percent)),
    ]
    for number, session in enumerate(sessions, start=1):
        if session.online_minimum is not None:
            rows.append((_("Online minimum, S{n}").format(n=number), _(
                "{minutes} minutes ({session})").format(minutes=session.online_minimum,
                                                       session=session.title)))
    rows += [
        (_("Online minutes"), _("Minutes connected according to the platform's report "
                                "(Zoom, Teams or Meet), reconnections added up.")),
        (_("Held session"), _("A session counts as held once attendance was recorded for "
                              "it. One with none that starts after this report was made is "
                              "“not held yet”; one whose time has passed with none "
                              "recorded says so. Neither is counted as everyone absent: "
                              "both are left out of the attendance figures.")),
        (_("Age group"), _("Not shown: registration does not ask for age or year of "
                           "birth.")),
    ]
    return rows


def module_definitions() -> list[tuple[str, str]]:
    return [
        (_("Modules delivered"), _("Modules the facilitator ran for at least the minimum "
                                   "time (by default 1 minute or 20% of the plan, whichever "
                                   "is more); modules passed over sooner are not listed.")),
        (_("Started, ended, actual minutes"), _("Clock times logged by the session runner, "
                                                "pauses included.")),
        (_("Useful: yes / no"), _("Hands raised in the room when asked “was it useful?” "
                                  "at the end of the module.")),
        (_("Found it useful"), _("Useful: yes, divided by yes plus no.")),
    ]


def introduction_definitions() -> list[tuple[str, str]]:
    return [
        (_("Introductions"), _("Introductions recorded by the facilitator between two "
                               "participants, or between a participant and a partner.")),
        (_("pending"), _("Follow-up not done yet.")),
        (_("done"), _("The facilitator followed up and the contact happened.")),
        (_("no answer"), _("The facilitator followed up and got no answer.")),
    ]


def suppression_definitions() -> list[tuple[str, str]]:
    return [
        (SMALL, _("From 1 to 4 people: hidden so that nobody can be singled out.")),
        (COMPLEMENT, _("Hidden as well (it is 5 or more), because otherwise a count under "
                       "five could be worked out from the total. The fewest such counts "
                       "are hidden, the smallest first.")),
        (_("Counts shown"), _("Zero and every count of 5 or more are shown as they are, "
                              "unless hidden as “{x}” above. Introductions and module "
                              "ratings are not counts of people and are shown in full.")
         .format(x=COMPLEMENT)),
    ]


def write_definitions(book: Workbook, title: str, note: str,
                      rows: list[tuple[str, str]]) -> None:
    sheet = book.create_sheet(_("Definitions"))
    set_up_printing(sheet, title, note)
    columns = [Column(_("Figure"), wrap=True, cap=28), Column(_("What it counts"), wrap=True,
                                                             cap=100)]
    write_table(sheet, "Definitions", columns, rows, [28, 100])
