"""Which column of a report's header holds what, in every language of languages/."""

from __future__ import annotations

from facilitator_app.online.words import ROLES, key, role_of

HOST_ROLES = frozenset(word for word, role in ROLES.items() if role == "organizer")
ZOOM_MARKS = frozenset({"zoom_name", "total", "waiting", "guest", "recording"})


def map_columns(headers: list[str]) -> dict[str, int]:
    """role -> column index.

    A repeated role keeps its LAST column (the 2025 Zoom usage report puts the meeting's
    "Duration (minutes)" before the participant's); Zoom's "Name (Original Name)" is also
    the name; "Nombre" + "Apellido" (Meet in Spanish) and "Prénom" + "Nom" (in French)
    are a given and a family name."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        role = role_of(header)
        if role:
            found[role] = index
    if "zoom_name" in found:
        found["name"] = found["zoom_name"]
    if "last_name" in found and "name" in found and "first_name" not in found:
        found["first_name"] = found.pop("name")
    elif "first_name" in found and "name" in found and "last_name" not in found:
        found["last_name"] = found.pop("name")
    return found


def is_host_role(text: str) -> bool:
    """Teams' "Organizer" in any language."""
    return key(text) in HOST_ROLES
