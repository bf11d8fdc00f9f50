"""What the programme holds and what an import added, in words (CLI and Programme page)."""

from __future__ import annotations

from sqlalchemy import func, select

from facilitator_app.i18n import _, ngettext
from facilitator_app.programme import schema
from facilitator_app.programme.hub import Programme, mode_words
from facilitator_app.programme.importer import ImportOutcome
from facilitator_app.programme.people import PENDING, Proposal


def status(programme: Programme) -> dict:
    """Counts of what the programme database holds (no personal data)."""
    p, pr = schema.people, schema.proposals
    with programme.read() as conn:
        def count(table, *where) -> int:
            return conn.scalar(select(func.count()).select_from(table).where(*where)) or 0

        return {"programme": programme.label, "name": programme.name,
                "mode": programme.mode, "engine": programme.engine.dialect.name,
                "archives": conn.scalar(select(func.count(schema.imports.c.sha256.distinct()))),
                "workshops": count(schema.workshops),
                "sessions": count(schema.sessions),
                "people": count(p, p.c.merged_into.is_(None)),
                "registrations": count(schema.registrations),
                "admissions": count(schema.admissions),
                "introductions": count(schema.introductions),
                "to_review": count(pr, pr.c.status == PENDING)}


def status_lines(figures: dict) -> list[str]:
    return [
        _("Programme: {name} ({target})").format(name=figures["name"],
                                                  target=figures["programme"]),
        _("Keeps: {mode}").format(mode=mode_words(figures["mode"])),
        _("Archives imported: {n}; workshops: {w}; sessions: {s}").format(
            n=figures["archives"], w=figures["workshops"], s=figures["sessions"]),
        _("Different people: {p} (from {r} registrations)").format(
            p=figures["people"], r=figures["registrations"]),
        ngettext("{n} pair to review (creando programme review)",
                 "{n} pairs to review (creando programme review)",
                 figures["to_review"]).format(n=figures["to_review"]),
    ]


def outcome_lines(outcomes: list[ImportOutcome]) -> list[str]:
    lines = []
    for outcome in outcomes:
        if outcome.refused:
            lines.append(_("{file}: not imported. {reason}").format(
                file=outcome.file, reason=outcome.refused))
        elif not outcome.is_new:
            lines.append(_("{file}: nothing new ({workshop} was already in the programme).")
                         .format(file=outcome.file, workshop=outcome.workshop_title))
        else:
            lines.append(added_words(outcome))
    return lines


def added_words(outcome: ImportOutcome) -> str:
    added = outcome.added
    text = _("{file} ({workshop}): people new to the programme: {new}, already known: "
             "{known}; check-ins: {admissions}; introductions: {introductions}; sessions: "
             "{sessions}.").format(
                 file=outcome.file, workshop=outcome.workshop_title, new=added["people_new"],
                 known=added["people_known"], admissions=added["admissions"],
                 introductions=added["introductions"], sessions=added["sessions"])
    if added.get("proposals"):
        text += " " + ngettext("{n} pair to review.", "{n} pairs to review.",
                               added["proposals"]).format(n=added["proposals"])
    if added.get("erased"):
        text += " " + _("Erased on the desk, so here too: {n}.").format(n=added["erased"])
    return text


def proposal_lines(pending: list[Proposal]) -> list[str]:
    if not pending:
        return [_("Nothing to review.")]
    reasons = {"same_name": _("same name, different phone and e-mail"),
               "contact_conflict": _("the phone is one person's, the e-mail another's")}
    lines = []
    for proposal in pending:
        lines.append(f"{proposal.id[:13]}  {reasons.get(proposal.reason, proposal.reason)}")
        for person in (proposal.first, proposal.second):
            lines.append(f"    {person.name or person.id[:13]}: {', '.join(person.workshops)}")
    return lines
