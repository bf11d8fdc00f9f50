"""Partner organisations: banks, NGOs, UN agencies, government, academia."""

from __future__ import annotations

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.models import Partner, PartnerId, PartnerType
from facilitator_app.store.base import Repository


def _partner(row: dict) -> Partner:
    return Partner(
        id=PartnerId(row["id"]),
        name=row["name"],
        type=PartnerType(row["type"]),
        contact_name=row["contact_name"],
        contact_email=row["contact_email"],
        contact_phone=row["contact_phone"],
        offers=row["offers"],
    )


class PartnerRepository(Repository):
    table = "partners"
    label = N_("partner")

    def add(self, partner: Partner) -> Partner:
        row = {
            "id": partner.id or uuid7(),
            "name": partner.name.strip(),
            "type": partner.type.value,
            "contact_name": partner.contact_name,
            "contact_email": partner.contact_email.strip().lower(),
            "contact_phone": partner.contact_phone,
            "offers": partner.offers,
            "created_at": self.now(),
        }
        self.db.execute(
            "INSERT INTO partners (id, name, type, contact_name, contact_email, contact_phone, "
            "offers, created_at) VALUES (:id, :name, :type, :contact_name, :contact_email, "
            ":contact_phone, :offers, :created_at)",
            row,
        )
        return _partner(row)

    def get(self, partner_id: str) -> Partner:
        found = self.rows("SELECT * FROM partners WHERE id = ?", [self.resolve(partner_id)])
        return _partner(found[0])

    def update(self, partner: Partner) -> Partner:
        self.db.execute(
            "UPDATE partners SET name = ?, type = ?, contact_name = ?, contact_email = ?, "
            "contact_phone = ?, offers = ? WHERE id = ?",
            [partner.name.strip(), partner.type.value, partner.contact_name,
             partner.contact_email.strip().lower(), partner.contact_phone, partner.offers,
             partner.id])
        return partner

    def list(self) -> list[Partner]:
        return [_partner(r) for r in self.rows("SELECT * FROM partners ORDER BY name")]

    def by_name(self, name: str) -> Partner | None:
        found = self.rows("SELECT * FROM partners WHERE name = ?", [name.strip()])
        return _partner(found[0]) if found else None
