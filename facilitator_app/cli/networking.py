"""`creando partners list|add` and `creando intro add|list`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import (
    Commands,
    add_id,
    add_text,
    add_workshop,
    group,
    handles,
    whole_number,
)
from facilitator_app.cli.output import Reply
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.labels import FOLLOWUP_STATUSES, PARTNER_TYPES, label

if TYPE_CHECKING:
    from facilitator_app.models import Partner
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    _add_partner_commands(group(commands, "partners", _("partner organisations")))
    _add_intro_commands(group(commands, "intro", _("networking introductions")))


def _add_partner_commands(actions: Commands) -> None:
    handles(actions.add_parser("list", help=_("list partner organisations")), list_partners)
    add = actions.add_parser("add", help=_("add a partner organisation"))
    add_text(add, "--name", _("the organisation's name"), required=True, metavar=_("NAME"))
    add.add_argument("--type", required=True, choices=list(PARTNER_TYPES), metavar=_("TYPE"),
                     help=_("civil_society, private_sector, un, government or academia"))
    add_text(add, "--contact", _("contact person"), metavar=_("NAME"))
    add_text(add, "--email", _("contact email"), metavar=_("EMAIL"))
    add_text(add, "--phone", _("contact phone"), metavar=_("PHONE"))
    add_text(add, "--offers", _("what they offer entrepreneurs"))
    handles(add, add_partner)


def _add_intro_commands(actions: Commands) -> None:
    new = actions.add_parser("add", help=_("record an introduction"))
    add_workshop(new)
    add_id(new, "--from", "attendee", _("attendee id or prefix"), dest="from_id",
           required=True)
    to = new.add_mutually_exclusive_group(required=True)
    add_id(to, "--to", "attendee", _("the other attendee's id or prefix"), dest="to_id")
    add_id(to, "--partner", "partner", _("partner id or prefix"))
    add_text(new, "--purpose", _("why they should talk"), required=True)
    add_text(new, "--note", _("a note for the follow-up"))
    new.add_argument("--followup-days", type=whole_number, default=7, metavar=_("DAYS"),
                     help=_("days until the follow-up (default 7)"))
    handles(new, add_intro)
    listing = actions.add_parser("list", help=_("list a workshop's introductions"))
    add_workshop(listing)
    handles(listing, list_intros)


def add_partner(args: argparse.Namespace, store: Store) -> Reply:
    """A new partner; the same name (ignoring accents, case and spaces) is refused."""
    from facilitator_app.models import Partner, PartnerId, PartnerType
    from facilitator_app.services.networking import save_partner

    partner = save_partner(store, Partner(
        id=PartnerId(""), name=args.name, type=PartnerType(args.type),
        contact_name=args.contact, contact_email=args.email, contact_phone=args.phone,
        offers=args.offers))
    return Reply(_partner_json(partner), f"{partner.id}  {partner.name}")


def list_partners(args: argparse.Namespace, store: Store) -> Reply:
    partners = store.partners.list()
    text = "\n".join(f"{p.id}  {p.name}  ({label(PARTNER_TYPES, p.type.value)})"
                     for p in partners) or _("No partners yet.")
    return Reply([_partner_json(p) for p in partners], text)


def _partner_json(partner: Partner) -> dict:
    return {"id": partner.id, "name": partner.name, "type": partner.type.value,
            "contact_name": partner.contact_name, "contact_email": partner.contact_email,
            "contact_phone": partner.contact_phone, "offers": partner.offers}


def add_intro(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.networking import add_introduction

    if not args.purpose.strip():
        raise KnownError(_("Say why they should talk (--purpose)."))
    intro_id = add_introduction(
        store, args.workshop, args.from_id, to_attendee=args.to_id, to_partner=args.partner,
        purpose=args.purpose, note=args.note, made_by=store.meta.desk_id(),
        followup_days=args.followup_days)
    return Reply({"id": intro_id}, intro_id)


def list_intros(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.networking import introductions

    rows = introductions(store, args.workshop)
    data = [{"id": r.id, "name": f"{r.from_name} → {r.to_name}", "from": r.from_name,
             "to": r.to_name, "to_is_partner": r.to_is_partner, "purpose": r.purpose,
             "made_at": r.made_at, "followup_due": r.due_on, "status": r.status,
             "rating": r.rating} for r in rows]
    text = "\n".join(f"{r.id}  {r.from_name} → {r.to_name}: {r.purpose} "
                     f"[{label(FOLLOWUP_STATUSES, r.status)}]" for r in rows) or _(
        "No introductions yet.")
    return Reply(data, text)
