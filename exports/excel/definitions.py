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


def programme_definitions() -> list[tuple[str, str]]:
    """What the programme report's figures count (one person counted once throughout)."""
    return [
        (_("Reached"), _("Different people who attended at least one held session of any "
                         "workshop of the programme in the period, in the room or online. "
                         "The same person in several workshops is counted once.")),
        (_("New / returning"), _("New: reached in one workshop only. Returning: reached in "
                                 "two workshops or more.")),
        (_("New / returning, by month"), _("New: reached by the programme for the first "
                                           "time that month. Returning: also reached in an "
                                           "earlier month.")),
        (_("In the room / online / both"), _("In the room only, online only, or in the room "
                                             "for some sessions and online for others (or "
                                             "both in one session). Online counts when the "
                                             "person stayed the session's online minimum.")),
        (_("Age group"), _("0–17, 18–59, 60+: the age in the year of the person's first "
                           "attended session in the period, from the age or birth year given "
                           "at registration. “Age not recorded” when neither was given.")),
        (_("Population type"), _("As the person stated it; when not stated, derived from "
                                 "nationality: Peruvian = host community, any other known "
                                 "nationality = refugees and migrants in destination.")),
        (_("Month"), _("A calendar month (YYYY-MM) of the sessions' dates. Workshops: with "
                       "at least one session held that month. People: different people "
                       "who attended a session that month.")),
        (_("Across months"), _("Sessions add up across months. Workshops and people do not: "
                               "a workshop or a person active in two months is in both rows. "
                               "The whole-period row gives the distinct figures.")),
        (_("Times delivered"), _("How often a module was run for at least its minimum time, "
                                 "across all workshops (modules passed over are not counted).")),
        (_("Found it useful"), _("Hands raised for “useful: yes”, divided by yes plus no.")),
        (_("Average rating"), _("Of the follow-ups that have a rating (1 to 5).")),
    ]


def programme_suppression_definitions() -> list[tuple[str, str]]:
    """How small counts are hidden in the programme report's tables."""
    return [
        *suppression_definitions(),
        (_("Gender × age group"), _("Suppressed as one table of its cells, whose only total "
                                    "shown is the whole table's: no row or column totals are "
                                    "shown, so no cell can be worked out from them.")),
        (_("Month table"), _("Each month on its own: new and returning, which add up to the "
                             "month's people, are hidden together with that total; in the "
                             "room and online overlap (a person can be both), so each is "
                             "hidden only when it is from 1 to 4. No column of people is "
                             "added up.")),
        (_("Workshop list"), _("The people reached by each workshop: hidden from 1 to 4. "
                               "They do not add up to the programme's total (people attend "
                               "several workshops), so nothing can be worked out from it.")),
    ]
