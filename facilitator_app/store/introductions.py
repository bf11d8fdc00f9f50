"""Networking introductions and their follow-ups."""

from __future__ import annotations

from dataclasses import replace

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.models import FollowupStatus, Introduction, IntroductionId, WorkshopId
from facilitator_app.store.base import Repository


class IntroductionRepository(Repository):
    table = "introductions"
    label = N_("introduction")

    def add(self, intro: Introduction) -> Introduction:
        if (intro.to_attendee_id is None) == (intro.to_partner_id is None):
            raise ValueError("an introduction goes to exactly one attendee or one partner")
        intro = replace(intro, id=intro.id or IntroductionId(uuid7()))
        self.db.execute(
            "INSERT INTO introductions (id, workshop_id, session_id, from_attendee_id, "
            "to_attendee_id, to_partner_id, purpose, note, made_by, made_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                intro.id,
                intro.workshop_id,
                intro.session_id,
                intro.from_attendee_id,
                intro.to_attendee_id,
                intro.to_partner_id,
                intro.purpose,
                intro.note,
                intro.made_by,
                intro.made_at,
            ],
        )
        return intro

    def add_followup(
        self, introduction_id: IntroductionId, due_on: str, status: FollowupStatus
    ) -> str:
        new_id = uuid7()
        self.db.execute(
            "INSERT INTO introduction_followups (id, introduction_id, due_on, status, "
            "updated_at) VALUES (?, ?, ?, ?, ?)",
            [new_id, introduction_id, due_on, status.value, self.now()],
        )
        return new_id

    def exists(self, workshop_id: WorkshopId, first: str, other: str | None,
               partner: str | None) -> bool:
        """Was this pair introduced already (either way round, for two people)?"""
        if partner:
            return bool(self.scalar(
                "SELECT 1 FROM introductions WHERE workshop_id = ? AND from_attendee_id = ? "
                "AND to_partner_id = ?", [workshop_id, first, partner]))
        return bool(self.scalar(
            "SELECT 1 FROM introductions WHERE workshop_id = ? AND ((from_attendee_id = ? AND "
            "to_attendee_id = ?) OR (from_attendee_id = ? AND to_attendee_id = ?))",
            [workshop_id, first, other, other, first]))

    def pairs(self, workshop_id: WorkshopId) -> set[frozenset[str]]:
        """Every pair already introduced: {person, person} or {person, partner}."""
        return {frozenset(p for p in (row[0], row[1] or row[2]) if p) for row in
                self.db.execute("SELECT from_attendee_id, to_attendee_id, to_partner_id "
                                "FROM introductions WHERE workshop_id = ?", [workshop_id])}

    def listing(self, workshop_id: WorkshopId) -> list[dict]:
        """Introductions with names and their latest follow-up, newest first."""
        return self.rows(
            "SELECT i.id, i.purpose, i.made_at, trim(a.given_names || ' ' || a.family_names) "
            "AS from_name, trim(b.given_names || ' ' || b.family_names) AS to_name, "
            "p.name AS partner_name, f.id AS followup_id, f.due_on, f.status, f.rating, "
            "f.comment FROM introductions i "
            "LEFT JOIN attendees a ON a.id = i.from_attendee_id "
            "LEFT JOIN attendees b ON b.id = i.to_attendee_id "
            "LEFT JOIN partners p ON p.id = i.to_partner_id "
            "LEFT JOIN introduction_followups f ON f.id = (SELECT id FROM "
            "introduction_followups WHERE introduction_id = i.id ORDER BY id DESC LIMIT 1) "
            "WHERE i.workshop_id = ? ORDER BY i.made_at DESC, i.id DESC", [workshop_id])

    def to_partner(self, workshop_id: WorkshopId, partner_id: str) -> list[dict]:
        return self.rows("SELECT * FROM introductions WHERE workshop_id = ? AND "
                         "to_partner_id = ? ORDER BY made_at", [workshop_id, partner_id])

    def for_person(self, workshop_id: WorkshopId, attendee_id: str) -> list[dict]:
        return self.rows(
            "SELECT * FROM introductions WHERE workshop_id = ? AND (from_attendee_id = ? OR "
            "to_attendee_id = ?) ORDER BY made_at", [workshop_id, attendee_id, attendee_id])

    def update_followup(self, followup_id: str, status: str, rating: int | None,
                        comment: str, due_on: str | None) -> None:
        self.db.execute(
            "UPDATE introduction_followups SET status = ?, rating = ?, comment = ?, "
            "due_on = COALESCE(?, due_on), updated_at = ? WHERE id = ?",
            [status, rating, comment, due_on, self.now(), followup_id])

    def count(self, workshop_id: WorkshopId) -> int:
        return self.scalar(
            "SELECT COUNT(*) FROM introductions WHERE workshop_id = ?", [workshop_id]
        )
