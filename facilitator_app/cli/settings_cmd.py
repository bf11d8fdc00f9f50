"""`creando settings contacts|organisation|facilitator`: this laptop's contact details, the
same for all its workshops (the organisation that answers for the data, the facilitator people
can write to). Each workshop's certificate wording is `creando certificate settings`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, add_text, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import N_, _

if TYPE_CHECKING:
    from facilitator_app.document_settings import ContactSetting
    from facilitator_app.store import Store

LABELS = {"name": N_("Name"), "email": N_("Email"), "phone": N_("Phone"),
          "address": N_("Address")}


def add_commands(commands: Commands) -> None:
    actions = group(commands, "settings", _("this laptop's contact details (all its workshops)"))
    show = actions.add_parser("contacts", help=_("show the organisation and the facilitator"))
    handles(show, show_contacts, store=False)
    about = {"organisation": _("the organisation that runs the workshops and answers for the "
                               "participants' data"),
             "facilitator": _("the facilitator participants can contact")}
    for key, help_text in about.items():
        parser = actions.add_parser(key, help=help_text, description=_(
            "Change only the fields given (\"\" clears one); the e-mail and phone are checked."))
        add_text(parser, "--name", _("the name"), default=None, metavar=_("NAME"))
        add_text(parser, "--email", _("the e-mail address"), default=None, metavar=_("EMAIL"))
        add_text(parser, "--phone", _("the phone, with the country code (+51 …)"),
                 default=None, metavar=_("PHONE"))
        if key == "organisation":
            add_text(parser, "--address", _("the postal address"), default=None)
        handles(parser, set_contact, store=False)


def _contacts() -> dict[str, ContactSetting]:
    from facilitator_app.document_settings import facilitator, organisation

    return {"organisation": organisation(), "facilitator": facilitator()}


def show_contacts(args: argparse.Namespace, _store: Store | None) -> Reply:
    found = _contacts()
    return Reply({key: _as_data(key, value) for key, value in found.items()},
                 "\n\n".join(_as_text(key, value) for key, value in found.items()))


def set_contact(args: argparse.Namespace, _store: Store | None) -> Reply:
    from facilitator_app.document_settings import KEYS, update_contact

    key = args.action
    stored = update_contact(key, **{field: getattr(args, field, None) for field in KEYS[key]})
    return Reply({key: _as_data(key, stored)}, _("Saved.") + "\n" + _as_text(key, stored))


def _as_data(key: str, contact: ContactSetting) -> dict[str, str]:
    from facilitator_app.document_settings import KEYS

    return {field: getattr(contact, field) for field in KEYS[key]}


def _as_text(key: str, contact: ContactSetting) -> str:
    from facilitator_app.contact import display_phone
    from facilitator_app.document_settings import KEYS

    heading = _("Organisation") if key == "organisation" else _("Facilitator")
    unset = _("(not set)")
    lines = [f"{heading}:"]
    for field in KEYS[key]:
        value = getattr(contact, field)
        shown = display_phone(value) if field == "phone" else value
        lines.append(f"  {_(LABELS[field])}: {shown or unset}")
    return "\n".join(lines)
