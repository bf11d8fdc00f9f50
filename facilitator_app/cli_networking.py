"""`creando partners list|add` and `creando intro add|list`."""

from __future__ import annotations

import argparse

from facilitator_app.i18n import _
from facilitator_app.models import Partner, PartnerId, PartnerType
from facilitator_app.store import Store


def add_commands(commands: argparse._SubParsersAction) -> None:
    partners = commands.add_parser("partners", help=_("partner organisations"))
    actions = partners.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help=_("list partner organisations"))
    add = actions.add_parser("add", help=_("add a partner organisation"))
    add.add_argument("--name", required=True, help=_("the organisation's name"))
    add.add_argument("--type", required=True, choices=[t.value for t in PartnerType],
                     help=_("civil_society, private_sector, un, government or academia"))
    add.add_argument("--contact", default="", help=_("contact person"))
    add.add_argument("--email", default="", help=_("contact email"))
    add.add_argument("--phone", default="", help=_("contact phone"))
    add.add_argument("--offers", default="", help=_("what they offer entrepreneurs"))
    intro = commands.add_parser("intro", help=_("networking introductions"))
    intro_actions = intro.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = intro_actions.add_parser("add", help=_("record an introduction"))
    new.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    new.add_argument("--from", dest="from_id", required=True, help=_("attendee id or prefix"))
    to = new.add_mutually_exclusive_group(required=True)
    to.add_argument("--to", dest="to_id", help=_("the other attendee's id or prefix"))
    to.add_argument("--partner", help=_("partner id or prefix"))
    new.add_argument("--purpose", required=True, help=_("why they should talk"))
    new.add_argument("--note", default="", help=_("a note for the follow-up"))
    new.add_argument("--followup-days", type=int, default=7,
                     help=_("days until the follow-up (default 7)"))
    listing = intro_actions.add_parser("list", help=_("list a workshop's introductions"))
    listing.add_argument("--workshop", required=True, help=_("workshop id or prefix"))


def run_partners(store: Store, args: argparse.Namespace) -> tuple[object, str]:
    if args.action == "add":
        with store.transaction():
            partner = store.partners.add(Partner(
                id=PartnerId(""), name=args.name, type=PartnerType(args.type),
                contact_name=args.contact, contact_email=args.email, contact_phone=args.phone,
                offers=args.offers))
        return _partner_json(partner), f"{partner.id}  {partner.name}"
    partners = store.partners.list()
    return ([_partner_json(p) for p in partners],
            "\n".join(f"{p.id}  {p.name}  ({p.type.value})" for p in partners)
            or _("No partners yet."))


def _partner_json(partner: Partner) -> dict:
    return {"id": partner.id, "name": partner.name, "type": partner.type.value,
            "contact_name": partner.contact_name, "contact_email": partner.contact_email,
            "contact_phone": partner.contact_phone, "offers": partner.offers}


def run_intro(store: Store, args: argparse.Namespace) -> tuple[object, str]:
    from facilitator_app.services.networking import add_introduction, introductions

    workshop = store.workshops.get(args.workshop)
    if args.action == "add":
        intro_id = add_introduction(
            store, workshop.id, args.from_id, to_attendee=args.to_id, to_partner=args.partner,
            purpose=args.purpose, note=args.note, made_by=store.meta.desk_id(),
            followup_days=args.followup_days)
        return {"id": intro_id}, intro_id
    rows = introductions(store, workshop.id)
    data = [{"id": r.id, "name": f"{r.from_name} → {r.to_name}", "from": r.from_name,
             "to": r.to_name, "to_is_partner": r.to_is_partner, "purpose": r.purpose,
             "made_at": r.made_at, "followup_due": r.due_on, "status": r.status,
             "rating": r.rating} for r in rows]
    text = "\n".join(f"{r.id}  {r.from_name} → {r.to_name}: {r.purpose} [{r.status}]"
                     for r in rows) or _("No introductions yet.")
    return data, text
