"""Words for stored codes, in the current language."""

from __future__ import annotations

from facilitator_app.i18n import N_, _

SECTORS = {"food": N_("Food"), "beauty": N_("Beauty"), "retail": N_("Retail"),
           "services": N_("Services"), "textiles": N_("Textiles and clothing"),
           "technology": N_("Technology"), "handicrafts": N_("Handicrafts"),
           "transport": N_("Transport and delivery"), "education": N_("Education")}


def sector_label(value: str) -> str:
    """Known sector codes in the current language; free text as written."""
    return _(SECTORS[value]) if value in SECTORS else value
