"""Form answers to canonical category codes: `Comida`, `alimentos`, `Food` → `food`.

Sector, gender and nationality are stored as codes (labels.CATEGORIES) so that every
language counts the same people under the same heading; documents translate the codes.
Matching folds accents, case and punctuation. An answer no table knows is never guessed:
`canonical` says None and the import asks the facilitator (who may also keep it as
"other: <text>", stored with the OTHER prefix).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from facilitator_app.labels import CATEGORIES, OTHER_PREFIX
from facilitator_app.text import fold

FIELDS = ("sector", "gender", "nationality")
OTHER = OTHER_PREFIX  # "other:Minería": reviewed, kept as written
BLANK = ""  # not recorded

_SECTORS = {
    "food": ("food", "foods", "alimentos", "alimento", "comida", "comidas", "gastronomia",
             "restaurante", "restaurant", "bodega", "panaderia", "bakery", "reposteria",
             "catering", "alimentacion", "food and drinks", "alimentos y bebidas"),
    "beauty": ("beauty", "belleza", "peluqueria", "salon de belleza", "estetica",
               "barberia", "manicure", "cosmetics", "cosmeticos", "hairdresser"),
    "retail": ("retail", "comercio", "venta", "ventas", "tienda", "comercio minorista",
               "bodeguita", "shop", "sales", "trade", "negocio de ventas"),
    "services": ("services", "service", "servicios", "servicio", "cleaning", "limpieza"),
    "textiles": ("textiles", "textile", "textil", "textiles and clothing", "ropa",
                 "confecciones", "textil y confecciones", "costura", "clothing", "moda",
                 "fashion", "sewing"),
    "technology": ("technology", "tecnologia", "tech", "it", "informatica", "software",
                   "reparacion de celulares", "tecnologia e informatica"),
    "handicrafts": ("handicrafts", "handicraft", "crafts", "artesania", "artesanias",
                    "manualidades", "artesano", "artesana"),
    "transport": ("transport", "transporte", "delivery", "transport and delivery",
                  "transporte y delivery", "taxi", "mototaxi", "reparto", "courier"),
    "education": ("education", "educacion", "clases", "tutoria", "ensenanza", "teaching",
                  "capacitacion", "training"),
}
_GENDERS = {
    "F": ("f", "femenino", "femenina", "mujer", "female", "woman", "fem", "w"),
    "M": ("m", "masculino", "hombre", "male", "man", "masc", "varon"),
    "X": ("otro", "otra", "other", "no binario", "no binaria", "no binarie", "non binary",
          "nonbinary", "x", "diverso"),
}
_NOT_SAID = ("prefiero no decir", "prefiero no responder", "prefer not to say", "n a", "na",
             "no responde", "no especifica", "sin dato", "ninguno", "-")
_NATIONALITIES = {
    "VE": ("ve", "ven", "venezuela", "venezolano", "venezolana", "venezuelan", "venezolanos",
           "venezolanas", "republica bolivariana de venezuela", "venezuela bolivarian republic"),
    "PE": ("pe", "per", "peru", "peruano", "peruana", "peruvian", "peruanos", "peruanas"),
    "CO": ("co", "col", "colombia", "colombiano", "colombiana", "colombian"),
    "EC": ("ec", "ecu", "ecuador", "ecuatoriano", "ecuatoriana", "ecuadorian"),
    "BO": ("bo", "bol", "bolivia", "boliviano", "boliviana", "bolivian"),
    "CL": ("cl", "chl", "chile", "chileno", "chilena", "chilean"),
    "AR": ("ar", "arg", "argentina", "argentino", "argentinian", "argentine"),
    "HT": ("ht", "hti", "haiti", "haitiano", "haitiana", "haitian"),
    "CU": ("cu", "cub", "cuba", "cubano", "cubana", "cuban"),
    "BR": ("br", "bra", "brasil", "brazil", "brasileno", "brasilena", "brazilian"),
    "PY": ("py", "pry", "paraguay", "paraguayo", "paraguaya", "paraguayan"),
    "UY": ("uy", "ury", "uruguay", "uruguayo", "uruguaya", "uruguayan"),
    "MX": ("mx", "mex", "mexico", "mexicano", "mexicana", "mexican"),
    "DO": ("do", "dom", "republica dominicana", "dominicano", "dominicana", "dominican",
           "dominican republic"),
    "PA": ("pa", "pan", "panama", "panameno", "panamena", "panamanian"),
    "CR": ("cr", "cri", "costa rica", "costarricense", "costa rican"),
    "SV": ("sv", "slv", "el salvador", "salvadoreno", "salvadorena", "salvadoran"),
    "GT": ("gt", "gtm", "guatemala", "guatemalteco", "guatemalteca", "guatemalan"),
    "HN": ("hn", "hnd", "honduras", "hondureno", "hondurena", "honduran"),
    "NI": ("ni", "nic", "nicaragua", "nicaraguense", "nicaraguan"),
    "US": ("us", "usa", "estados unidos", "united states", "estadounidense", "american"),
    "ES": ("es", "esp", "espana", "spain", "espanol", "espanola", "spanish"),
    "CN": ("cn", "chn", "china", "chino", "china", "chinese"),
}
_POPULATION_TYPES = {
    "destination": ("destination", "in destination", "destino", "en destino",
                    "migrante en destino", "migrantes en destino", "refugiado en destino",
                    "poblacion en destino", "migrante residente", "residente en destino",
                    "refugees and migrants in destination", "refugiados y migrantes en destino"),
    "transit": ("transit", "in transit", "transito", "en transito", "de paso",
                "migrante en transito", "migrantes en transito", "poblacion en transito",
                "refugees and migrants in transit", "refugiados y migrantes en transito"),
    "host": ("host", "host community", "comunidad de acogida", "comunidad receptora",
             "comunidad anfitriona", "comunidad local", "poblacion de acogida", "acogida"),
    "pendular": ("pendular", "pendulares", "migrante pendular", "migracion pendular",
                 "pendular migrant", "poblacion pendular"),
    "returnee": ("returnee", "returnees", "returned", "retornado", "retornada", "retornados",
                 "retornadas", "retornante", "retorno", "peruano retornado",
                 "peruana retornada", "poblacion retornada"),
}
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "sector": _SECTORS, "gender": _GENDERS, "nationality": _NATIONALITIES}
_LOOKUP = {field: {fold(alias): code for code, aliases in table.items() for alias in aliases}
           for field, table in SYNONYMS.items()}
_LOOKUP["gender"].update({fold(answer): BLANK for answer in _NOT_SAID})
_POPULATION = {fold(alias): code for code, aliases in _POPULATION_TYPES.items()
               for alias in aliases} | {fold(answer): BLANK for answer in _NOT_SAID}
_CODES = {field: {fold(code): code for code in CATEGORIES[field]} for field in FIELDS}


@lru_cache(maxsize=8192)  # a few answers, many rows
def canonical(field: str, answer: str) -> str | None:
    """The code for a form answer ("" when blank or not said), None when unknown.

    The synonyms hold each code's label in both languages, so a label shown by the app
    reads back as its code."""
    folded = fold(answer)
    if not folded:
        return BLANK
    found = _LOOKUP[field].get(folded)
    return found if found is not None else _CODES[field].get(folded)


def is_stored_code(field: str, value: str) -> bool:
    """Whether a stored value needs no review: blank, a code, or kept as "other"."""
    return not value or value in CATEGORIES[field] or value.startswith(OTHER)


def kept_as_other(answer: str) -> str:
    """The stored value for an answer the facilitator chose to keep as written."""
    return OTHER + " ".join(answer.split())[:60]


def categorise(field: str, answer: str, remembered: Mapping[tuple[str, str], str]) -> str:
    """The value to store: a remembered choice, else the code, else the answer as typed
    (trimmed, to be reviewed)."""
    chosen = remembered.get((field, fold(answer)))
    if chosen is not None:
        return chosen
    code = canonical(field, answer)
    return " ".join(answer.split())[:500] if code is None else code


def choice_value(field: str, answer: str, choice: str) -> str:
    """What a reviewer's choice stores: a code of `field`, or "other" for the text as
    written; ValueError for anything else."""
    if fold(choice) == "other":
        return kept_as_other(answer)
    code = _CODES[field].get(fold(choice))
    if code is None:
        raise ValueError(choice)
    return code


def population_type_code(answer: str) -> str | None:
    """The population type code for a form answer ("" when blank or not said), None
    when the answer is none of them (never guessed)."""
    return _POPULATION.get(fold(answer))


def population_type_of(stated: str, nationality: str) -> str:
    """The population type a report counts someone under: what they said (`stated`, a
    code) if anything; else from their nationality code: Peruvian is the host community,
    any other known nationality refugees and migrants in destination; "" when unknown."""
    if stated:
        return stated
    if nationality == "PE":
        return "host"
    return "destination" if nationality in CATEGORIES["nationality"] else BLANK
