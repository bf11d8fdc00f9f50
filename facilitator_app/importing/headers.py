"""Guess which attendee field each column holds, from Spanish and English header names.

Headers are folded (accents, case, punctuation) and KoboToolbox group paths (`group/name`,
`group.name`) are reduced to their last part before matching. Kobo and ODK metadata columns
(`_parent_table_name`, `_submission__*`, `_index`, `_uuid`, `meta/instanceID`,
`SubmitterName`, ...) are never about the person, whatever words they contain.
"""

from __future__ import annotations

import re
from enum import StrEnum

from facilitator_app.i18n import N_
from facilitator_app.text import fold


class Field(StrEnum):
    """What a column can be mapped to; IGNORE leaves it out."""

    IGNORE = ""
    FULL_NAME = "full_name"
    GIVEN_NAMES = "given_names"
    FAMILY_NAMES = "family_names"
    PHONE = "phone"
    EMAIL = "email"
    NATIONALITY = "nationality"
    GENDER = "gender"
    BUSINESS = "business"
    SECTOR = "sector"
    DISTRICT = "district"
    OFFERS = "offers"
    NEEDS = "needs"
    AGE = "age"
    BIRTH_DATE = "birth_date"
    BIRTH_YEAR = "birth_year"
    POPULATION_TYPE = "population_type"
    CONSENT_PROCESSING = "consent_processing"
    CONSENT_SHARE_PARTICIPANTS = "consent_share_participants"
    CONSENT_SHARE_PARTNERS = "consent_share_partners"
    CONSENT_PHOTOS = "consent_photos"


FIELD_LABELS: dict[Field, str] = {
    Field.IGNORE: N_("(do not import)"),
    Field.FULL_NAME: N_("Full name"),
    Field.GIVEN_NAMES: N_("Given names"),
    Field.FAMILY_NAMES: N_("Family names"),
    Field.PHONE: N_("Phone / WhatsApp"),
    Field.EMAIL: N_("Email"),
    Field.NATIONALITY: N_("Nationality"),
    Field.GENDER: N_("Gender"),
    Field.BUSINESS: N_("Business"),
    Field.SECTOR: N_("Sector"),
    Field.DISTRICT: N_("District"),
    Field.OFFERS: N_("Offers"),
    Field.NEEDS: N_("Needs"),
    Field.AGE: N_("Age"),
    Field.BIRTH_DATE: N_("Birth date"),
    Field.BIRTH_YEAR: N_("Birth year"),
    Field.POPULATION_TYPE: N_("Population type"),
    Field.CONSENT_PROCESSING: N_("Consent: data processing"),
    Field.CONSENT_SHARE_PARTICIPANTS: N_("Consent: share contact with participants"),
    Field.CONSENT_SHARE_PARTNERS: N_("Consent: share contact with partners"),
    Field.CONSENT_PHOTOS: N_("Consent: photos"),
}

# Whole folded headers that name a field outright.
_EXACT: dict[str, Field] = {}
for _field, _names in {
    Field.FULL_NAME: ("name", "full name", "nombre completo", "nombres y apellidos",
                      "nombre y apellido", "nombre y apellidos", "your name", "participant name",
                      "participante", "nombre del participante", "nombre de la participante",
                      "tell me your name", "enter name", "apellidos y nombres", "names"),
    Field.GIVEN_NAMES: ("nombre", "nombres", "first name", "given name", "given names",
                        "primer nombre", "forename"),
    Field.FAMILY_NAMES: ("apellido", "apellidos", "last name", "surname", "family name",
                         "family names", "surnames"),
    Field.PHONE: ("celular", "telefono", "whatsapp", "phone", "mobile", "movil", "cel",
                  "telefono celular", "numero de celular", "numero de telefono", "phone number",
                  "mobile number", "numero de whatsapp", "whatsapp number", "contacto"),
    Field.EMAIL: ("correo", "email", "e mail", "correo electronico", "email address",
                  "direccion de correo electronico", "mail"),
    Field.NATIONALITY: ("nacionalidad", "nationality", "pais de origen", "country of origin",
                        "pais", "country"),
    Field.GENDER: ("genero", "sexo", "gender", "sex"),
    Field.BUSINESS: ("negocio", "emprendimiento", "nombre del negocio",
                     "nombre del emprendimiento", "business", "business name", "empresa"),
    Field.SECTOR: ("rubro", "sector", "giro", "giro del negocio", "rubro del negocio",
                   "industry", "actividad economica"),
    Field.DISTRICT: ("distrito", "district", "barrio", "zona", "distrito de residencia"),
    Field.OFFERS: ("ofrece", "ofrezco", "offers", "que ofreces", "what can you offer"),
    Field.NEEDS: ("necesita", "necesito", "needs", "que necesitas", "what do you need"),
    Field.AGE: ("edad", "age", "tu edad", "your age", "edad en anos", "age in years",
                "cuantos anos tienes", "how old are you", "edad actual"),
    Field.BIRTH_DATE: ("fecha de nacimiento", "birth date", "date of birth", "birthdate",
                       "fecha nacimiento", "dob", "f nacimiento", "nacimiento"),
    Field.BIRTH_YEAR: ("ano de nacimiento", "birth year", "year of birth", "ano nacimiento",
                       "en que ano naciste", "what year were you born"),
    Field.POPULATION_TYPE: ("tipo de poblacion", "poblacion", "population type",
                            "population", "grupo poblacional", "tipo de poblacion r4v"),
}.items():
    for _name in _names:
        _EXACT[_name] = _field

# Words that, found in a longer header, point to a field (checked in this order).
_CONTAINS: tuple[tuple[Field, re.Pattern[str]], ...] = (
    (Field.CONSENT_PHOTOS, re.compile(r"\b(autoriz|consent|acepto|aceptas|permiso|permit"
                                      r"|allow|agree|podemos|may we|uso de).*\b(foto|fotos"
                                      r"|fotografia|fotografias|imagen|photo|photos|photograph)")),
    (Field.CONSENT_SHARE_PARTNERS, re.compile(r"\b(compart|share).*\b(aliad|socio|organiz"
                                              r"|instituc|partner|entidad)")),
    (Field.CONSENT_SHARE_PARTICIPANTS, re.compile(r"\b(compart|share).*\b(participant|otros"
                                                  r"|other|emprendedor|contact)")),
    (Field.CONSENT_PROCESSING, re.compile(r"\b(consent|autoriz|tratamiento|datos personales"
                                          r"|personal data|privacidad|privacy|acepto)")),
    (Field.EMAIL, re.compile(r"\b(correo|e ?mail)\b")),
    (Field.PHONE, re.compile(r"\b(celular|telefono|whatsapp|phone|movil|mobile)\b")),
    (Field.FAMILY_NAMES, re.compile(r"\b(apellidos?|surnames?|last name)\b")),
    (Field.BUSINESS, re.compile(r"\b(negocio|emprendimiento|business)\b(?!.*\b(rubro|sector"
                                r"|giro|tipo)\b)")),
    (Field.SECTOR, re.compile(r"\b(rubro|sector|giro|industry)\b")),
    (Field.NATIONALITY, re.compile(r"\b(nacionalidad|nationality|pais de origen)\b")),
    (Field.DISTRICT, re.compile(r"\b(distrito|district)\b")),
    (Field.GENDER, re.compile(r"\b(genero|gender|sexo)\b")),
    (Field.BIRTH_YEAR, re.compile(r"\b(ano de nacimiento|birth year|year of birth)\b")),
    (Field.BIRTH_DATE, re.compile(r"\b(fecha de nacimiento|date of birth|birth ?date)\b")),
    (Field.AGE, re.compile(r"\b(edad|age)\b")),
    (Field.POPULATION_TYPE, re.compile(r"\b(tipo de poblacion|population type)\b")),
    (Field.FULL_NAME, re.compile(r"\b(nombre|nombres|name)\b")),
)

# A "name" column about something else is not a person's name.
_NOT_A_PERSON = re.compile(r"\b(team|equipo|negocio|emprendimiento|business|empresa|company"
                           r"|child|childs|children|hijo|hija|hijos|proyecto|project|file"
                           r"|archivo|usuario|user|username|organizacion|organization|banco"
                           r"|grupo|group|instance|form|formulario|evento|event|topic|tema"
                           r"|area|place|lugar|site|location|ubicacion|species|especie)")

# Fields a longer header may name about something else ("Edad del negocio", "Nombre del hijo").
_ABOUT_A_PERSON = (Field.FULL_NAME, Field.FAMILY_NAMES, Field.AGE, Field.BIRTH_DATE,
                   Field.BIRTH_YEAR)

_AGE_FIELDS = (Field.AGE, Field.BIRTH_DATE, Field.BIRTH_YEAR)
_SOMEONE_ELSE = re.compile(r"\b(miembros?|hogar|household|members?|familiares?|famil"
                           r"|hijos?|hijas?|child|children|dependientes?|dependents?)")


# Whole folded headers (or their last path part) that KoboToolbox or ODK add on their own.
_METADATA = {"key", "parent key", "submitterid", "submittername", "submitter id",
             "submitter name", "deviceid", "device id", "instanceid", "instance id",
             "instancename", "instance name", "submissiondate", "submission date",
             "reviewstate", "review state", "formversion", "form version", "edits",
             "attachmentspresent", "attachmentsexpected", "status", "start", "end", "today",
             "simserial", "subscriberid", "audit", "uuid", "index", "id", "version"}
_METADATA_GROUPS = ("meta", "formhub", "__system")


def is_metadata(header: str) -> bool:
    """True for the columns a KoboToolbox or ODK export adds about the submission itself
    (`_index`, `_parent_table_name`, `_submission__uuid`, `$edited`, `meta/instanceID`)."""
    text = header.strip()
    parts = [part for part in re.split(r"[/.]", text) if part]
    if not parts:
        return False
    last = parts[-1].strip()
    return (text.startswith(("_", "$")) or last.startswith(("_", "$"))
            or parts[0].strip().lower() in _METADATA_GROUPS
            or fold(last.replace("_", " ")) in _METADATA)


def header_key(header: str) -> str:
    """The folded last part of a header (Kobo `group/sub/field`, `group.field`, ODK
    `group-field` paths)."""
    parts = [part for part in re.split(r"[/.]|(?<=\w)-(?=\w)", header) if fold(part)]
    return fold(parts[-1].replace("_", " ")) if parts else ""


def guess_field(header: str) -> Field:
    field = _guessed(header)
    if field in _AGE_FIELDS and _SOMEONE_ELSE.search(fold(header.replace("_", " "))):
        return Field.IGNORE  # a household member's age (a Kobo repeat group) is not theirs
    return field


def _guessed(header: str) -> Field:
    if is_metadata(header):
        return Field.IGNORE
    whole = fold(header.replace("_", " "))
    if whole in _EXACT:
        return _EXACT[whole]
    key = header_key(header)
    if not key:
        return Field.IGNORE
    if key in _EXACT:
        return _EXACT[key]
    for field, pattern in _CONTAINS:
        if pattern.search(key):
            if field in _ABOUT_A_PERSON and _NOT_A_PERSON.search(key):
                continue
            return field
    return Field.IGNORE


def guess_mapping(headers: tuple[str, ...]) -> dict[int, Field]:
    """Column index → field; each field goes to the first column that claims it."""
    mapping: dict[int, Field] = {}
    taken: set[Field] = set()
    for index, header in enumerate(headers):
        field = guess_field(header)
        if field is Field.IGNORE or field in taken:
            continue
        mapping[index] = field
        taken.add(field)
    if Field.FULL_NAME in taken and Field.GIVEN_NAMES in taken and Field.FAMILY_NAMES not in taken:
        # "Nombre" beside "Nombre completo": the complete one is the name.
        del mapping[next(i for i, f in mapping.items() if f is Field.GIVEN_NAMES)]
    return mapping


_SHORT_NAMES = {"name": Field.FULL_NAME, "given": Field.GIVEN_NAMES, "first_name":
                Field.GIVEN_NAMES, "family": Field.FAMILY_NAMES, "last_name": Field.FAMILY_NAMES}
SKIP_WORDS = ("-", "skip", "ignore", "")


def field_named(word: str) -> Field | None:
    """The field a person names in a list of columns (`name,email,-,phone`): a field's
    own name (`full_name`, `given_names`, ...), a short one (`name`, `given`, `family`),
    `-` to leave the column out, or a header word in Spanish or English (`correo`,
    `celular`). None when it names no field."""
    text = word.strip().lower()
    if text in SKIP_WORDS:
        return Field.IGNORE
    if text in _SHORT_NAMES:
        return _SHORT_NAMES[text]
    if text in {field.value for field in Field}:
        return Field(text)
    guessed = guess_field(text)
    return guessed if guessed is not Field.IGNORE else None


def has_name(mapping: dict[int, Field]) -> bool:
    fields = set(mapping.values())
    return Field.FULL_NAME in fields or Field.GIVEN_NAMES in fields
