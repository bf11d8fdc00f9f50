"""How sensitive each export is, after the IASC Operational Guidance on Data Responsibility
in Humanitarian Action: public, restricted or confidential. The one table of it, with the
reason for each kind; the exports print the label, the export log records it.

- public: no one's personal data; may go to anyone (a handout shared by WhatsApp).
- restricted: aggregates only, small counts suppressed; for the partner or funder it names.
- confidential: personal data of participants (names, contacts, attendance).
"""

from __future__ import annotations

from facilitator_app.i18n import N_, _
from facilitator_app.wording import Gettext

PUBLIC, RESTRICTED, CONFIDENTIAL = "public", "restricted", "confidential"
LEVELS = (PUBLIC, RESTRICTED, CONFIDENTIAL)

# kind -> (label, why): the reason is for the reader of this table, not printed.
KINDS: dict[str, tuple[str, str]] = {
    "handout": (PUBLIC, "agenda, takeaways and links; partners' and the facilitator's work "
                        "contacts, which they publish to be reached: no participant's data"),
    "partner-report": (RESTRICTED, "counts by group with counts under 5 suppressed; becomes "
                                   "confidential when it names the people who agreed to share "
                                   "their contact with that partner"),
    "report": (CONFIDENTIAL, "the attendance list names every registered person"),
    "signin-sheet": (CONFIDENTIAL, "the names of everyone registered"),
    "certificates": (CONFIDENTIAL, "a name and attendance per person; given to that person, "
                                   "so marked in the file's properties, not on the page"),
    "badges": (CONFIDENTIAL, "names and businesses with a check-in code"),
    "cards": (CONFIDENTIAL, "names, phones and e-mails of people who met"),
    "breakout": (CONFIDENTIAL, "e-mails of the online participants, by room"),
    "followup": (CONFIDENTIAL, "names and phones of people to follow up"),
    "archive": (CONFIDENTIAL, "the whole workshop: everyone's data"),
    "programme-report": (RESTRICTED, "programme counts by group, counts under 5 suppressed"),
    "five-w": (RESTRICTED, "counts per month, place and activity for the inter-agency "
                           "platform: small counts are shown, no person is named"),
    "subject-access": (CONFIDENTIAL, "everything held about one person"),
}

WORDS = {PUBLIC: N_("Public"), RESTRICTED: N_("Restricted: figures only"),
         CONFIDENTIAL: N_("Confidential: personal data")}


def label_of(kind: str, *, names_people: bool = False) -> str:
    """The label of an export of `kind`; `names_people`: this one lists people by name
    (a partner report with the people who agreed to share their contact)."""
    label = KINDS[kind][0]
    return CONFIDENTIAL if names_people and label != CONFIDENTIAL else label


def label_words(label: str, gettext: Gettext | None = None) -> str:
    """"Confidential: personal data", in the document's language."""
    return (gettext or _)(WORDS[label])
