"""The words attendance reports are written in: one table per language (en.py, es.py, ...).

Each table says, in that language, how the platforms head their columns, name the join
and leave actions of Teams' 2020 lists, the roles, the section and summary titles of Teams
reports, the tags appended to names ("(Guest)", "(Host)"), the units of durations and the
words inside timestamps ("13/04/2021 à 09:01:31"). Adding a language is adding a module
here and naming it in `LANGUAGES`; nothing else changes.

Column roles: name, zoom_name (Zoom's "Name (Original Name)"), first_name, last_name,
email, upn (Teams' "Participant ID (UPN)", used only when Email is empty), join, leave,
duration, total (a total per person), waiting, role, action, timestamp, guest, recording,
meeting_id, meeting_start, meeting_end, topic, host_email, host_name.
"""

from __future__ import annotations

from facilitator_app.online.language import Language, Words
from facilitator_app.online.languages import de, en, es, fr, it, ja, pl, pt

LANGUAGES: tuple[Language, ...] = tuple(module.WORDS for module in (en, es, fr, pt, de, it,
                                                                    ja, pl))
__all__ = ["LANGUAGES", "Language", "Words"]
