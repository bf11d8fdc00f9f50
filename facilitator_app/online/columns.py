"""Column names of Zoom, Teams and Meet reports in English, Spanish (and Zoom's Japanese)."""

from __future__ import annotations

from facilitator_app.text import fold

# role -> folded header names. Matching is on the folded header, so accents and case
# do not matter ("Duración (minutos)" == "duracion minutos").
_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("name original name", "name", "user name", "full name", "participant",
             "nombre nombre original", "nombre", "nombre completo", "participante",
             "名前 元の名前", "名前"),
    "email": ("user email", "email", "e mail", "correo electronico", "correo",
              "correo electronico del usuario", "ユーザーメール", "participant id upn"),
    "join": ("join time", "first join", "time joined", "hora de entrada", "hora de union",
             "primera union", "hora de ingreso", "参加時刻"),
    "leave": ("leave time", "last leave", "time exited", "hora de salida", "ultima salida",
              "退出時刻"),
    "duration": ("duration minutes", "duration", "in meeting duration", "duracion minutos",
                 "duracion", "duracion en la reunion", "所要時間 分"),
    "total": ("total duration minutes", "duracion total minutos"),
    "waiting": ("in waiting room", "en sala de espera"),
    "role": ("role", "rol", "funcion"),
    "first_name": ("first name", "nombre de pila"),
    "last_name": ("last name", "apellido", "apellidos"),
    "action": ("user action", "accion del usuario", "accion"),
    "timestamp": ("timestamp", "marca de tiempo", "fecha y hora"),
    "meeting_id": ("meeting id", "id", "id de reunion", "id de la reunion"),
    "meeting_start": ("start time", "hora de inicio"),
    "topic": ("topic", "tema", "meeting title", "titulo de la reunion"),
    "host_email": ("host email", "correo electronico del anfitrion"),
}
_LOOKUP = {name: role for role, names in _NAMES.items() for name in names}

HOST_ROLES = {"organizer", "organizador", "organizadora"}
YES = {"yes", "si", "y", "true", "1"}


def role_of(header: str) -> str | None:
    return _LOOKUP.get(fold(header))


def map_columns(headers: list[str]) -> dict[str, int]:
    """role -> column index; a repeated role keeps its LAST column (the 2025 Zoom usage
    report puts the meeting's "Duration (minutes)" before the participant's)."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        role = role_of(header)
        if role:
            found[role] = index
    if "last_name" in found and "name" in found and "first_name" not in found:
        found["first_name"] = found.pop("name")  # Meet's Spanish "Nombre" + "Apellido"
    return found
