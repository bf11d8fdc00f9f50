"""Words for stored codes, in the current language: the one place every face (CLI, app,
documents) turns a code into words, so both languages name the same things."""

from __future__ import annotations

from facilitator_app.i18n import N_, _

SECTORS = {"food": N_("Food"), "beauty": N_("Beauty"), "retail": N_("Retail"),
           "services": N_("Services"), "textiles": N_("Textiles and clothing"),
           "technology": N_("Technology"), "handicrafts": N_("Handicrafts"),
           "transport": N_("Transport and delivery"), "education": N_("Education")}


def sector_label(value: str) -> str:
    """Known sector codes in the current language; free text as written."""
    return _(SECTORS[value]) if value in SECTORS else value


GENDERS = {"F": N_("female"), "M": N_("male"), "X": N_("other")}
NATIONALITIES: dict[str, str] = {}  # filled with the canonical codes (issue 17)
NOT_RECORDED = N_("not recorded")
CATEGORIES = {"sector": SECTORS, "gender": GENDERS, "nationality": NATIONALITIES}


def category_label(field: str, code: str) -> str:
    """A stored category code (`field` one of CATEGORIES) in the current language, the
    same count in every language; empty is "not recorded"; an unknown code as it is."""
    if not code:
        return _(NOT_RECORDED)
    return label(CATEGORIES[field], code)


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
