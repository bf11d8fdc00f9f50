"""`creando attendees import|list`: the registry from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from facilitator_app.i18n import _
from facilitator_app.services.attendees import (
    attendee_rows,
    matches,
    query_words,
    search_text,
)
from facilitator_app.services.registry_import import ImportPlan, apply_import, prepare_import
from facilitator_app.store import Store

EXIT_OK, EXIT_REFUSED = 0, 1


def import_attendees(store: Store, args: argparse.Namespace) -> tuple[int, dict, str]:
    """Import (or with --dry-run only check) a file; (exit code, JSON, human text)."""
    workshop = store.workshops.get(args.workshop)
    plan = prepare_import(store, args.file, sheet=args.sheet)
    imported = 0
    if not args.dry_run and plan.accepted:
        imported = len(plan.accepted)
        apply_import(store, plan, workshop.id)
    data = _plan_json(plan, imported, args.dry_run)
    code = EXIT_OK if plan.accepted else EXIT_REFUSED
    return code, data, _plan_text(plan, imported, args.dry_run)


def _plan_json(plan: ImportPlan, imported: int, dry_run: bool) -> dict[str, Any]:
    table = plan.table
    return {
        "imported": imported,
        "valid": len(plan.accepted),
        "skipped": plan.skipped,
        "dry_run": dry_run,
        "file": table.source,
        "encoding": table.encoding,
        "delimiter": table.delimiter,
        "sheet": table.sheet,
        "mapping": {table.headers[i]: f.value for i, f in plan.mapping.items()},
        "rejected": [{"row": r.row, "column": r.column, "reason": _(r.reason)}
                     for r in plan.rejected],
        "duplicates": [{"row": d.row, "by": d.by, "action": d.action,
                        "matches_row": d.matches_row,
                        "matches_attendee_id": d.matches_attendee_id}
                       for d in plan.duplicates],
    }


def _plan_text(plan: ImportPlan, imported: int, dry_run: bool) -> str:
    lines = [
        _("{file}: {valid} valid rows, {rejected} rejected, {duplicates} duplicates.").format(
            file=plan.table.source, valid=len(plan.accepted), rejected=len(plan.rejected),
            duplicates=len(plan.duplicates)),
        _("Dry run: nothing was imported.") if dry_run
        else _("Imported {n} rows.").format(n=imported),
    ]
    lines += [_("Row {row}, column \u201c{column}\u201d: {reason}").format(
        row=r.row, column=r.column, reason=_(r.reason)) for r in plan.rejected]
    lines += [_("Row {row}: same {by} as {other} ({action})").format(
        row=d.row, by=_(d.by), action=_(d.action),
        other=d.matches_name or _("row {n}").format(n=d.matches_row))
        for d in plan.duplicates]
    return "\n".join(lines)


def list_attendees(store: Store, args: argparse.Namespace) -> tuple[list[dict], str]:
    workshop = store.workshops.get(args.workshop)
    words = query_words(args.search)
    rows = [row for row in attendee_rows(store, workshop.id)
            if matches(search_text(row.attendee), words)]
    data = [{"id": r.attendee.id, "name": r.attendee.name, "phone": r.attendee.phone,
             "email": r.attendee.email, "business": r.attendee.business,
             "came_in_person": r.came_in_person, "joined_online": r.joined_online,
             "consents": r.consents} for r in rows]
    text = "\n".join(f"{r.attendee.id}  {r.attendee.name}" for r in rows) or _("Nobody found.")
    return data, text
