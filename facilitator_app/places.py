"""Where a workshop takes place: Peru's 25 regions (departamentos) by their INEI UBIGEO code.

The code is what is stored and reported (inter-agency 5W reports name regions by it); the
names keep their accents. Lima Metropolitana is part of Lima (15), not a region of its own.
"""

from __future__ import annotations

from facilitator_app.text import fold

DEPARTMENTS: dict[str, str] = {
    "01": "Amazonas", "02": "Áncash", "03": "Apurímac", "04": "Arequipa", "05": "Ayacucho",
    "06": "Cajamarca", "07": "Callao", "08": "Cusco", "09": "Huancavelica", "10": "Huánuco",
    "11": "Ica", "12": "Junín", "13": "La Libertad", "14": "Lambayeque", "15": "Lima",
    "16": "Loreto", "17": "Madre de Dios", "18": "Moquegua", "19": "Pasco", "20": "Piura",
    "21": "Puno", "22": "San Martín", "23": "Tacna", "24": "Tumbes", "25": "Ucayali",
}
_BY_NAME = {fold(name): code for code, name in DEPARTMENTS.items()}
_BY_NAME.update({"cuzco": "08", "ancash": "02", "lima metropolitana": "15",
                 "lima provincias": "15", "provincia constitucional del callao": "07"})


def department_name(code: str) -> str:
    """The region's name for its code ("15" → "Lima"); "" for a blank or unknown code."""
    return DEPARTMENTS.get(code.strip(), "")


def department_code(text: str) -> str | None:
    """The code of a region named by its code ("7", "07") or its name, accents and case
    aside ("ancash", "JUNÍN"); "" for blank text; None when it names no region."""
    folded = fold(text)
    if not folded:
        return ""
    if folded.isdigit():
        code = folded.zfill(2)
        return code if code in DEPARTMENTS else None
    return _BY_NAME.get(folded)
