"""`creando programme init|import|status|report|export-5w|review|merge|separate|undo-merge`:
the programme hub, on an SQLite file (default: the data folder) or a PostgreSQL URL."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, add_output, add_text, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.programme.hub import Programme
    from facilitator_app.store import Store

PROGRAMME_ENV = "CREANDO_PROGRAMME"


def add_commands(commands: Commands) -> None:
    actions = group(commands, "programme", _("many workshops in one programme picture"))
    init = actions.add_parser("init", help=_("create the programme database"))
    init.add_argument("--aggregate-only", action="store_true", help=_(
        "keep pseudonymous keys instead of names and contacts (a hub partners may read)"))
    add_text(init, "--name", _("the programme's name"), metavar=_("NAME"))
    handles(init, run_init, store=False)
    _add_import(actions)
    handles(actions.add_parser("status", help=_("what the programme holds")), run_status,
            store=False)
    report = actions.add_parser("report", help=_("the programme report (Excel)"))
    add_output(report, _("the .xlsx to write"))
    add_text(report, "--since", _("first month, YYYY-MM"), metavar="YYYY-MM", dest="first")
    add_text(report, "--until", _("last month, YYYY-MM"), metavar="YYYY-MM", dest="last")
    handles(report, run_report)
    _add_five_w(actions)
    _add_review(actions)
    for parser in actions.choices.values():
        add_text(parser, "--programme", _(
            "programme database: a file, or postgresql://user@host/db (default: "
            "CREANDO_PROGRAMME, else programme.sqlite in your data folder)"),
            metavar=_("PATH|URL"), default=None)


def _add_import(actions: Commands) -> None:
    parser = actions.add_parser("import", help=_(
        "add workshop archives (files or folders of them) to the programme"))
    parser.add_argument("archives", nargs="+", type=Path, metavar=_("ARCHIVE"),
                        help=_("archives (.zip), or folders holding them"))
    add_text(parser, "--trust-signer", _("trust the desk with this fingerprint (may be "
                                         "given for several desks)"),
             default=None, metavar=_("FINGERPRINT"), action="append")
    parser.add_argument("--accept-unsigned", action="store_true", help=_(
        "import unsigned archives of an older version, which anyone could have changed"))
    parser.add_argument("--encrypt", action="store_true", help=_(
        "the archives are encrypted with the password in CREANDO_ARCHIVE_PASSWORD"))
    handles(parser, run_import)


def _add_five_w(actions: Commands) -> None:
    parser = actions.add_parser("export-5w", help=_(
        "the inter-agency 5W activity report of one month (Excel)"))
    add_text(parser, "--month", _("the month, YYYY-MM"), required=True, metavar="YYYY-MM")
    add_output(parser, _("the .xlsx to write"))
    add_text(parser, "--template", _("the platform's template (default: the one shipped)"),
             default=None, metavar=_("FILE"))
    add_text(parser, "--appealing-org", _("the appealing organisation (remembered)"),
             default=None, metavar=_("NAME"))
    handles(parser, run_five_w)


def _add_review(actions: Commands) -> None:
    handles(actions.add_parser("review", help=_(
        "pairs that may be one person, for a person to decide")), run_review, store=False)
    for name, handler, words in (
            ("merge", run_merge, _("they are one person: merge them")),
            ("separate", run_separate, _("they are two people: keep them apart"))):
        parser = actions.add_parser(name, help=words)
        parser.add_argument("proposal", metavar=_("PROPOSAL"), help=_("proposal id or prefix"))
        handles(parser, handler, store=False)
    undo = actions.add_parser("undo-merge", help=_("undo a merge"))
    undo.add_argument("merge", metavar=_("MERGE"), help=_("merge id or prefix"))
    handles(undo, run_undo_merge, store=False)


def open_from(args: argparse.Namespace, **options) -> Programme:
    from facilitator_app.programme.hub import open_programme

    target = args.programme or os.environ.get(PROGRAMME_ENV) or None
    return open_programme(target, **options)


def run_init(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.programme.hub import mode_words

    programme = open_from(args, aggregate_only=args.aggregate_only, name=args.name)
    try:
        return Reply({"programme": programme.label, "mode": programme.mode,
                      "name": programme.name},
                     _("Programme database ready: {target} ({mode}).").format(
                         target=programme.label, mode=mode_words(programme.mode)))
    finally:
        programme.close()


def run_import(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.cli.archive import PASSWORD_ENV
    from facilitator_app.programme.importer import import_archives
    from facilitator_app.programme.summary import outcome_lines

    for path in args.archives:
        if not path.exists():
            raise KnownError(_("{path} does not exist.").format(path=path), path=path)
    password = os.environ.get(PASSWORD_ENV) if args.encrypt else None
    if args.encrypt and not password:
        raise KnownError(_("Set the password in the CREANDO_ARCHIVE_PASSWORD variable."))
    programme = open_from(args)
    try:
        outcomes = import_archives(programme, store, args.archives, password=password,
                                   trust_signers=args.trust_signer or (),
                                   accept_unsigned=args.accept_unsigned)
    finally:
        programme.close()
    data = [{"file": o.file, "workshop": o.workshop_title, "added": o.added,
             "refused": o.refused or None} for o in outcomes]
    refused = any(o.refused for o in outcomes)
    return Reply({"programme": programme.label, "archives": data},
                 "\n".join(outcome_lines(outcomes)), 1 if refused else 0)


def run_status(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.programme.summary import status, status_lines

    programme = open_from(args)
    try:
        figures = status(programme)
    finally:
        programme.close()
    return Reply(figures, "\n".join(status_lines(figures)))


def run_report(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.i18n import current_language
    from facilitator_app.programme.documents import write_report

    programme = open_from(args)
    try:
        data = write_report(programme, store, args.output, current_language(),
                            first=args.first, last=args.last)
    finally:
        programme.close()
    return Reply({"file": str(args.output), "reached": data.reached,
                  "workshops": data.workshops, "sessions_held": data.sessions_held},
                 _("Wrote {file}: {n} people reached in {w} workshops.").format(
                     file=args.output, n=data.reached, w=data.workshops))


def run_five_w(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.paths import asset
    from facilitator_app.programme.documents import write_five_w_report
    from facilitator_app.programme.five_w import DEFAULT_TEMPLATE

    template = Path(args.template) if args.template else asset(*DEFAULT_TEMPLATE)
    programme = open_from(args)
    try:
        if args.appealing_org:
            programme.set_setting("appealing_org", args.appealing_org)
        data = write_five_w_report(programme, store, args.month, template, args.output)
    finally:
        programme.close()
    return Reply({"file": str(args.output), "month": data.month, "rows": len(data.rows),
                  "year_to_date": data.year_to_date},
                 _("Wrote {file}: {rows} rows; {n} different people reached this year so "
                   "far.").format(file=args.output, rows=len(data.rows), n=data.year_to_date))


def run_review(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.programme.people import proposals
    from facilitator_app.programme.summary import proposal_lines

    programme = open_from(args)
    try:
        pending = proposals(programme)
    finally:
        programme.close()
    data = [{"id": p.id, "reason": p.reason,
             "people": [{"id": s.id, "name": s.name, "workshops": list(s.workshops)}
                        for s in (p.first, p.second)]} for p in pending]
    return Reply(data, "\n".join(proposal_lines(pending)))


def run_merge(args: argparse.Namespace, _store: None) -> Reply:
    return _decide(args, merge=True)


def run_separate(args: argparse.Namespace, _store: None) -> Reply:
    return _decide(args, merge=False)


def _decide(args: argparse.Namespace, merge: bool) -> Reply:
    from facilitator_app.programme.people import decide

    programme = open_from(args)
    try:
        merge_id = decide(programme, args.proposal, merge)
    finally:
        programme.close()
    if merge_id:
        return Reply({"merged": True, "merge": merge_id}, _(
            "Merged into one person. To undo: creando programme undo-merge {id}").format(
                id=merge_id))
    return Reply({"merged": False}, _("Kept apart: they will not be proposed again."))


def run_undo_merge(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.programme.people import undo_merge

    programme = open_from(args)
    try:
        undo_merge(programme, args.merge)
    finally:
        programme.close()
    return Reply({"undone": True}, _("The merge was undone: two people again."))
