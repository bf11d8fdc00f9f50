"""Words for the codes the CLI prints for people; `--json` keeps the codes themselves."""

from __future__ import annotations

from facilitator_app.i18n import N_, _

PARTNER_TYPES = {"civil_society": N_("Civil society"), "private_sector": N_("Private sector"),
                 "un": N_("UN agency"), "government": N_("Government"),
                 "academia": N_("Academia")}
INTRO_STATUSES = {"pending": N_("pending"), "done": N_("done"), "no_answer": N_("no answer")}
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
