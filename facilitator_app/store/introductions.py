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

    def count(self, workshop_id: WorkshopId) -> int:
        return self.scalar(
            "SELECT COUNT(*) FROM introductions WHERE workshop_id = ?", [workshop_id]
        )
