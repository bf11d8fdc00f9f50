"""Tappable contact links for PDFs read on phones: `tel:`, `https://wa.me/` and `mailto:`,
as reportlab paragraph markup (an `<a href>` becomes a link annotation)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from facilitator_app.contact import display_phone, normalise_phone

LINK_COLOUR = "#0B5394"
NO_BREAK = "\u00a0"  # a phone number never breaks across two lines


def _attribute(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def link(href: str, shown: str) -> str:
    """`shown` (plain text, escaped here) as a link to `href`."""
    return f'<a href="{_attribute(href)}" color="{LINK_COLOUR}">{escape(shown)}</a>'


def _is_mobile(e164: str) -> bool:
    import phonenumbers

    kind = phonenumbers.number_type(phonenumbers.parse(e164, None))
    return kind in (phonenumbers.PhoneNumberType.MOBILE,
                    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def phone_links(phone: str, whatsapp_label: str = "WhatsApp") -> list[str]:
    """The number as a `tel:` link, then a WhatsApp link when it is a mobile number in
    international form; a number that cannot be read stays plain text (never a wrong link)."""
    e164 = normalise_phone(phone)
    if not e164:
        dial = "".join(c for c in phone if c.isdigit() or c == "+")
        shown = phone.strip().replace(" ", NO_BREAK)
        return [link(f"tel:{dial}", shown)] if len(dial) >= 6 else [escape(shown)]
    found = [link(f"tel:{e164}", display_phone(e164).replace(" ", NO_BREAK))]
    if _is_mobile(e164):
        found.append(link(f"https://wa.me/{e164.lstrip('+')}", whatsapp_label))
    return found


def email_link(email: str) -> str:
    return link(f"mailto:{email.strip()}", email.strip())
