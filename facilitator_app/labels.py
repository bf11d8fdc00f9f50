"""Words for stored codes, in the current language: the one place every face (CLI, app,
documents) turns a code into words, so both languages name the same things."""

from __future__ import annotations

from collections.abc import Callable

from facilitator_app.i18n import N_, _

SECTORS = {"food": N_("Food"), "beauty": N_("Beauty"), "retail": N_("Retail"),
           "services": N_("Services"), "textiles": N_("Textiles and clothing"),
           "technology": N_("Technology"), "handicrafts": N_("Handicrafts"),
           "transport": N_("Transport and delivery"), "education": N_("Education")}


def sector_label(value: str) -> str:
    """Known sector codes in the current language; free text as written; "" for none."""
    return category_label("sector", value) if value else ""


GENDERS = {"F": N_("female"), "M": N_("male"), "X": N_("other")}
# ISO 3166-1 alpha-2 codes of the nationalities CREANDO meets (categories.py reads answers).
NATIONALITIES = {
    "VE": N_("Venezuela"), "PE": N_("Peru"), "CO": N_("Colombia"), "EC": N_("Ecuador"),
    "BO": N_("Bolivia"), "CL": N_("Chile"), "AR": N_("Argentina"), "HT": N_("Haiti"),
    "CU": N_("Cuba"), "BR": N_("Brazil"), "PY": N_("Paraguay"), "UY": N_("Uruguay"),
    "MX": N_("Mexico"), "DO": N_("Dominican Republic"), "PA": N_("Panama"),
    "CR": N_("Costa Rica"), "SV": N_("El Salvador"), "GT": N_("Guatemala"),
    "HN": N_("Honduras"), "NI": N_("Nicaragua"), "US": N_("United States"),
    "ES": N_("Spain"), "CN": N_("China"),
}
NOT_RECORDED = N_("not recorded")
OTHER_PREFIX = "other:"  # an answer reviewed and kept as written (categories.py)
CATEGORIES = {"sector": SECTORS, "gender": GENDERS, "nationality": NATIONALITIES}


def category_label(field: str, code: str) -> str:
    """A stored category code (`field` one of CATEGORIES) in the current language, the
    same count in every language; empty is "not recorded"; an unknown code as it is."""
    if not code:
        return _(NOT_RECORDED)
    if code.startswith(OTHER_PREFIX):
        return _("other: {answer}").format(answer=code[len(OTHER_PREFIX):])
    return label(CATEGORIES[field], code)


# Who a person is for inter-agency reporting (R4V population types): what they said, or else
# what their nationality suggests (categories.population_type_of).
POPULATION_TYPES = {"destination": N_("Refugees and migrants in destination"),
                    "transit": N_("Refugees and migrants in transit"),
                    "host": N_("Host community"), "pendular": N_("Pendular"),
                    "returnee": N_("Returnees")}
BIRTH_YEAR_SOURCES = {"age": N_("from the age given"), "birth_date": N_("from the birth date"),
                      "birth_year": N_("as given"), "edited": N_("changed by a facilitator")}
# Why the two reporting fields are asked (the subject-access file, the dialogs).
REPORTING_PURPOSE = N_("Optional; used only to count people by age group (0–17, 18–59, 60+) "
                       "and population type in reports to the programme and its partners.")


PARTNER_TYPES = {"civil_society": N_("Civil society"), "private_sector": N_("Private sector"),
                 "un": N_("UN agency"), "government": N_("Government"),
                 "academia": N_("Academia")}
FOLLOWUP_STATUSES = {"pending": N_("pending"), "done": N_("done"),
                     "no_answer": N_("no answer")}
MATCH_STATUSES = {"matched": N_("matched"), "review": N_("to review"),
                  "unmatched": N_("not found"), "ignored": N_("ignored")}
TABLES = {
    "erasures": N_("erasures"), "workshops": N_("workshops"), "sessions": N_("sessions"),
    "attendees": N_("attendees"), "registrations": N_("registrations"),
    "consents": N_("consents"), "partners": N_("partners"),
    "checkin_events": N_("check-in events"), "introductions": N_("introductions"),
    "introduction_followups": N_("follow-ups"), "module_deliveries": N_("modules delivered"),
    "agenda_items": N_("agenda items"), "agenda_templates": N_("agenda templates"),
    "badge_tokens": N_("badges"), "online_aliases": N_("online names remembered"),
    "online_review": N_("online rows to review"), "audit_log": N_("audit records"),
}


def label(words: dict[str, str], code: str) -> str:
    """The code's words in the current language; an unknown code as it is."""
    return _(words[code]) if code in words else code


# What a person agreed to, how, and what was recorded at the door, in plain words (the
# subject-access PDF): never the stored codes.
CONSENT_PURPOSES = {
    "processing": N_("Use of your data to organise the workshop"),
    "share_participants": N_("Sharing your phone and email with participants you are "
                             "introduced to"),
    "share_partners": N_("Sharing your phone and email with partner organisations you are "
                         "introduced to"),
    "photos": N_("Photos of you during the workshop"),
}
CONSENT_METHODS = {"form": N_("answered an online form"), "paper": N_("signed a paper form"),
                   "verbal": N_("said so in person"), "walk_in": N_("said so at the door"),
                   "import": N_("in the registration list")}
REGISTRATION_SOURCES = {"import": N_("from the registration list"),
                        "walk_in": N_("at the door")}
CHECKIN_KINDS = {"admitted": N_("Arrived"), "checked_out": N_("Left"),
                 "undone": N_("Arrival cancelled (recorded by mistake)")}
ATTENDANCE_MODES = {"in_room": N_("in the room"), "online": N_("online")}
CHECKIN_METHODS = {"camera": N_("badge read by the camera"),
                   "scanner": N_("badge read by the scanner"),
                   "search": N_("found by name"), "walk_in": N_("registered at the door"),
                   "online_report": N_("from the online meeting's report"),
                   "import": N_("from an attendance list")}


def label_in(words: dict[str, str], code: str, gettext: Callable[[str], str]) -> str:
    """Like `label`, in the language of `gettext` (a document's, not the app's)."""
    return gettext(words[code]) if code in words else code
