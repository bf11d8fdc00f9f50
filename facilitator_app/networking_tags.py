"""The few tags that describe what people offer and need, and how to read them in text."""

from __future__ import annotations

import re

from facilitator_app.i18n import N_
from facilitator_app.text import fold

TAGS: dict[str, str] = {
    "supplier": N_("supplier"),
    "customer": N_("customer"),
    "finance": N_("finance"),
    "mentoring": N_("mentoring"),
    "formalisation": N_("formalisation"),
    "marketing": N_("marketing"),
    "logistics": N_("logistics"),
    "training": N_("training"),
}

# Words (folded, Spanish and English) that point to a tag in free text.
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "supplier": ("proveedor", "proveedora", "insumo", "materia prima", "mayorista", "supplier"),
    "customer": ("cliente", "compra", "comprador", "customer", "buyer"),
    "finance": ("credito", "microcredito", "prestamo", "ahorro", "cuenta", "financ", "banco",
                "capital", "finance", "loan", "credit"),
    "mentoring": ("mentor", "asesor", "acompan", "incub", "coach", "mentoring", "advice"),
    "formalisation": ("formaliz", "ruc", "licencia", "tramite", "boleta", "sunat",
                      "formalis", "licence", "license"),
    "marketing": ("marketing", "ventas en linea", "redes", "publicidad", "feria", "vender",
                  "ventas", "sales"),
    "logistics": ("delivery", "reparto", "transporte", "envio", "logistic"),
    "training": ("capacita", "curso", "taller", "formacion", "training", "course"),
}


def tags_in(text: str) -> set[str]:
    """Tags named in a text: a tag's own name, or one of its keywords."""
    folded = fold(text)
    found = {tag for tag in TAGS if re.search(rf"\b{tag}\b", folded)}
    found |= {tag for tag, words in _KEYWORDS.items() if any(word in folded for word in words)}
    return found


def tags_of(values: tuple[str, ...] | list[str]) -> set[str]:
    found: set[str] = set()
    for value in values:
        found |= {value} if value in TAGS else tags_in(value)
    return found
