"""Lists without a header row: tell a first row of data from a header, and infer what each
column holds (name, e-mail, phone, document number, ...) from its values.

Each cell gets a `Kind` from its shape. A first row is data when one of its cells has the
shape of data (an e-mail, a phone, an ID such as `V-12.345.678`, a date) that the rows below
share in that column, or when it holds a person's name over a column of names and nothing
in it reads like a header. Never the other way round: a person's data is never taken for
column names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from facilitator_app.contact import normalise_email, normalise_gender, normalise_nationality
from facilitator_app.i18n import N_
from facilitator_app.importing.headers import Field, guess_field
from facilitator_app.text import fold

SAMPLE = 200  # rows looked at per column
MAJORITY = 0.8  # share of a column's values that must agree on a kind
NAME_MAJORITY = 0.7


class Kind(StrEnum):
    """The shape of a value."""

    EMPTY = "empty"
    EMAIL = "email"
    PHONE = "phone"
    DOCUMENT = "document"
    DATE = "date"
    NUMBER = "number"
    YES_NO = "yes_no"
    NAME = "name"
    TEXT = "text"


NATIONALITIES, GENDERS = "nationality", "gender"  # column descriptions beyond the kinds
# What an inferred column looked like (Kind values and the two above), for people.
DESCRIPTIONS: dict[str, str] = {
    Kind.EMPTY: N_("empty"),
    Kind.EMAIL: N_("e-mail addresses"),
    Kind.PHONE: N_("phone numbers"),
    Kind.DOCUMENT: N_("ID or document numbers"),
    Kind.DATE: N_("dates"),
    Kind.NUMBER: N_("numbers"),
    Kind.YES_NO: N_("yes/no answers"),
    Kind.NAME: N_("names"),
    Kind.TEXT: N_("text"),
    NATIONALITIES: N_("nationalities"),
    GENDERS: N_("genders"),
}

_STRONG = {Kind.EMAIL, Kind.PHONE, Kind.DOCUMENT, Kind.DATE}  # never the shape of a header
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"
                   r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(,? \d{1,2}:\d{2}(:\d{2})?"
                   r"( ?[ap]\.? ?m\.?)?)?", re.IGNORECASE)
_DOCUMENT = re.compile(r"[VEPvep]-?\s?\d{1,3}(\.?\d{3}){1,2}|\d{1,3}(\.\d{3}){2}"
                       r"|[A-Z]{1,3}-?\d{6,10}|\d{8}|\d{10,20}")
_PHONE_SHAPE = re.compile(r"\+?[\d\s().-]{7,22}")
_NUMBER = re.compile(r"[-+]?\d{1,7}([.,]\d+)?%?")
_NAME = re.compile(r"[^\W\d_]+(['’.-][^\W\d_]*)*\.?")
_YES_NO = {"si", "no", "yes", "s", "n", "y", "x", "true", "false", "verdadero", "falso"}
# Words that appear in column names and (nearly) never as a person's whole name.
_HEADER_WORDS = frozenset((
    "nombre", "nombres", "apellido", "apellidos", "name", "names", "first", "last", "full",
    "surname", "surnames", "given", "family", "correo", "email", "mail", "telefono", "celular",
    "phone", "whatsapp", "movil", "mobile", "cel", "contacto", "contact", "dni", "documento",
    "document", "documentos", "cedula", "pasaporte", "passport", "id", "fecha", "date", "hora",
    "time", "timestamp", "marca", "temporal", "edad", "age", "sexo", "genero", "gender",
    "nacionalidad", "nationality", "pais", "country", "distrito", "district", "direccion",
    "address", "negocio", "business", "emprendimiento", "rubro", "sector", "giro", "empresa",
    "company", "ciudad", "city", "numero", "number", "codigo", "code", "tipo", "type", "pregunta",
    "question", "respuesta", "answer", "comentario", "comentarios", "comment", "comments",
    "observaciones", "observacion", "notes", "nota", "total", "ano", "year", "mes", "month",
    "estado", "status", "participante", "participantes", "participant", "participants", "usuario",
    "user", "grupo", "group", "team", "equipo", "firma", "signature", "asistencia", "attendance",
    "registro", "inscripcion", "taller", "workshop", "sesion", "session", "lugar", "place",
    "zona", "provincia", "region", "departamento", "ocupacion", "occupation", "correos",
    "col", "column", "columna", "campo", "field", "dato", "datos", "data", "valor", "value",
    "meeting", "summary", "reunion", "resumen", "report", "reporte", "informe", "lista", "list",
))


def kind_of(value: str) -> Kind:
    """The shape of one cleaned cell."""
    if not value:
        return Kind.EMPTY
    if "@" in value:
        return Kind.EMAIL if normalise_email(value) else Kind.TEXT
    if _DATE.fullmatch(value):
        return Kind.DATE
    digits = sum(ch.isdigit() for ch in value)
    if digits:
        return _numeric_kind(value, digits)
    if fold(value) in _YES_NO:
        return Kind.YES_NO
    words = value.split()
    if 1 <= len(words) <= 6 and all(_NAME.fullmatch(word) for word in words) and len(value) > 1:
        return Kind.NAME
    return Kind.TEXT


def _numeric_kind(value: str, digits: int) -> Kind:
    compact = re.sub(r"[\s().-]", "", value)
    if compact.startswith("+") and compact[1:].isdigit() and 8 <= digits <= 15:
        return Kind.PHONE
    if compact.isdigit() and len(compact) == 9 and compact.startswith("9"):
        return Kind.PHONE  # a Peruvian mobile
    if _DOCUMENT.fullmatch(value.strip()):
        return Kind.DOCUMENT
    if _NUMBER.fullmatch(value):
        return Kind.NUMBER
    if _PHONE_SHAPE.fullmatch(value) and 7 <= digits <= 15:
        return Kind.PHONE
    return Kind.TEXT


def personal_looking(cell: str) -> bool:
    """True for a cell that may be someone's data (an e-mail, a phone, an ID, a name)
    rather than a column's name: such cells are never quoted back as column names."""
    kind = kind_of(cell)
    return kind in _STRONG or (kind is Kind.NAME and not header_like(cell))


def header_like(cell: str) -> bool:
    """True for text that reads as a column name (a known header, a header word, a form
    question, a Kobo path)."""
    if not cell or kind_of(cell) in _STRONG:
        return False
    if guess_field(cell) is not Field.IGNORE:
        return True
    if any(mark in cell for mark in "?¿:/_[]#*") or cell.startswith(("$", "%")):
        return True
    return any(word in _HEADER_WORDS for word in fold(cell).split())


def first_row_is_data(first: Sequence[str], below: Sequence[Sequence[str]]) -> bool:
    """Whether the first non-empty row is a person's data rather than column names."""
    header = strong = names = 0
    for column, cell in enumerate(first):
        if not cell:
            continue
        kind = kind_of(cell)
        usual = _usual_kind([row[column] for row in below[:SAMPLE] if column < len(row)])
        if header_like(cell):
            header += 1
        elif kind in _STRONG and (usual is None or usual in _family(kind)):
            strong += 1
        elif kind is Kind.NAME and usual in (Kind.NAME, None) and _full_name(cell):
            names += 1  # a full name over a column of names
    return strong > 0 or (header == 0 and names > 0)


def _full_name(cell: str) -> bool:
    """Two words or more, none a lone letter (`Col A` is a column's name)."""
    words = cell.split()
    return len(words) > 1 and all(len(word.rstrip(".")) > 1 for word in words)


def _usual_kind(values: Sequence[str]) -> Kind | None:
    """The kind most of a column's filled values share; None when it has none."""
    kinds = Counter(kind_of(value) for value in values if value)
    if not kinds:
        return None
    kind = kinds.most_common(1)[0][0]
    share = sum(kinds[k] for k in _family(kind)) / sum(kinds.values())
    return kind if share >= MAJORITY else Kind.TEXT


def _family(kind: Kind) -> set[Kind]:
    """Kinds a value can be taken for each other: a phone and a document number are both
    long numbers."""
    return {Kind.PHONE, Kind.DOCUMENT} if kind in (Kind.PHONE, Kind.DOCUMENT) else {kind}


@dataclass(frozen=True)
class Inference:
    """What each column of a headerless list was taken to hold."""

    mapping: dict[int, Field]  # column index -> field (IGNORE columns left out)
    described: dict[int, str]  # column index -> what it looked like (a DESCRIPTIONS key)


def infer_columns(rows: Sequence[Sequence[str]], width: int) -> Inference:
    """Fields for a headerless list's columns, from their values. The mapping has a name
    only when one column clearly holds people's names."""
    mapping: dict[int, Field] = {}
    described: dict[int, str] = {}
    names: list[int] = []
    for column in range(width):
        values = [row[column] for row in rows[:SAMPLE] if column < len(row) and row[column]]
        field, label = _column_field(values)
        described[column] = label
        if field is Field.FULL_NAME:
            names.append(column)
        elif field is not Field.IGNORE and field not in mapping.values():
            mapping[column] = field
    mapping.update(_name_fields(names))
    return Inference(dict(sorted(mapping.items())), described)


def _column_field(values: list[str]) -> tuple[Field, str]:
    if not values:
        return Field.IGNORE, Kind.EMPTY
    if _share(values, lambda v: normalise_gender(v) != "") >= MAJORITY:
        return Field.GENDER, GENDERS
    if _share(values, _is_nationality) >= MAJORITY:
        return Field.NATIONALITY, NATIONALITIES
    kinds = Counter(kind_of(value) for value in values)
    kind, count = kinds.most_common(1)[0]
    if kind is Kind.NAME and count / len(values) >= NAME_MAJORITY:
        return Field.FULL_NAME, Kind.NAME
    usual = _usual_kind(values) or Kind.TEXT
    field = {Kind.EMAIL: Field.EMAIL, Kind.PHONE: Field.PHONE}.get(usual, Field.IGNORE)
    return field, usual


def _is_nationality(value: str) -> bool:
    code = normalise_nationality(value)
    return len(code) == 2 and code.isalpha() and code.isupper()


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for value in values if test(value)) / len(values)


def _name_fields(names: list[int]) -> dict[int, Field]:
    """The leftmost column of names is the person's name. Two side by side (`José Luis |
    Pérez Núñez`, or `Ana Pérez | Bodega Rosita`?) cannot be told apart from values
    alone: no name is inferred, and the person is asked for a header."""
    if not names or (len(names) > 1 and names[1] == names[0] + 1):
        return {}
    return {names[0]: Field.FULL_NAME}
