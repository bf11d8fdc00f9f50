"""`creando attendees import|list`: the registry from the command line.

A list without a header row is read when its columns can be told from their values (the
reply says what was inferred), or with `--columns name,email,...`; `--no-header` says the
first row is already data. Sector, gender and nationality answers become codes; the reply
lists the answers no code matched, and `--map sector:Minería=other` (or `=food`, `=VE`…)
says what one means, remembered for the next list. `creando attendees edit` changes a
person's optional reporting fields (birth year or age, population type).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from facilitator_app.cli.args import (
    Commands,
    add_id,
    add_input,
    add_text,
    add_workshop,
    group,
    handles,
    whole_number,
)
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _
from facilitator_app.importing.headers import FIELD_LABELS, Field, field_named

if TYPE_CHECKING:
    from facilitator_app.services.registry_import import ImportPlan
    from facilitator_app.store import Store

EXIT_OK, EXIT_REFUSED = 0, 1


def add_commands(commands: Commands) -> None:
    actions = group(commands, "attendees", _("import, list or edit attendees"))
    imports = actions.add_parser("import", help=_("import a registration list (CSV or XLSX)"))
    add_input(imports, "file", _("the CSV or XLSX file"))
    add_workshop(imports)
    add_text(imports, "--sheet", _("the sheet to read (XLSX; default: the first)"),
             default=None, metavar=_("SHEET"))
    imports.add_argument("--dry-run", action="store_true",
                         help=_("check and report without importing"))
    imports.add_argument("--no-header", action="store_true",
                         help=_("the first row is already data, not column names"))
    imports.add_argument("--columns", type=column_fields, metavar=_("FIELDS"),
                         help=_("what each column holds, in order, e.g. name,email,-,phone "
                                "(- leaves a column out)"))
    imports.add_argument("--map", type=category_choice, action="append", default=[],
                         dest="category_map", metavar=_("FIELD:ANSWER=CODE"),
                         help=_("what an answer means, remembered for the next lists, e.g. "
                                "sector:Comida=food or nationality:venezolana=VE; =other "
                                "keeps it as written (repeatable)"))
    handles(imports, import_attendees)
    listing = actions.add_parser("list", help=_("list a workshop's attendees"))
    add_workshop(listing)
    add_text(listing, "--search", _("name, business, email or phone"))
    handles(listing, list_attendees)
    _add_edit(actions)


def _add_edit(actions: Commands) -> None:
    edit = actions.add_parser("edit", help=_("change a person's birth year or population type "
                                             "(optional, for reports)"))
    add_id(edit, "--attendee", "attendee", _("attendee id or prefix"), required=True)
    born = edit.add_mutually_exclusive_group()
    born.add_argument("--birth-year", type=birth_year_arg, metavar=_("YEAR"),
                      default=argparse.SUPPRESS,  # absent: keep it; none: clear it
                      help=_("the year they were born, e.g. 1990; none clears it"))
    born.add_argument("--age", type=whole_number, metavar=_("YEARS"),
                      help=_("their age in whole years (stored as this year minus the age)"))
    edit.add_argument("--population-type", type=population_type_arg, metavar=_("TYPE"),
                      help=_("what they said they are: destination, transit, host, pendular "
                             "or returnee; none clears it (then it follows the nationality)"))
    handles(edit, edit_attendee)


_CLEAR = ("none", "ninguno", "-")


def birth_year_arg(text: str) -> int | None:
    """argparse type of --birth-year: a year, or none to clear it."""
    if text.strip().lower() in _CLEAR:
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("\u201c{value}\u201d is not a year (e.g. 1990) nor "
                                           "none.").format(value=text)) from None


def population_type_arg(text: str) -> str:
    """argparse type of --population-type: a code (or its words in Spanish or English), or
    none to clear it."""
    from facilitator_app.categories import population_type_code
    from facilitator_app.labels import POPULATION_TYPES

    if text.strip().lower() in _CLEAR:
        return ""
    code = population_type_code(text)
    if not code:
        raise argparse.ArgumentTypeError(_(
            "\u201c{value}\u201d is not a population type. Use one of: {codes}; or "
            "none.").format(value=text, codes=", ".join(POPULATION_TYPES)))
    return code


def edit_attendee(args: argparse.Namespace, store: Store) -> Reply:
    """Change the reporting fields given; the others stay as they are."""
    from facilitator_app.services.registration_fields import (
        KEEP,
        edit_reporting_fields,
        year_from_age,
    )

    year: object = KEEP
    if args.age is not None:
        year = year_from_age(args.age, store.clock().astimezone().date())
    elif hasattr(args, "birth_year"):
        year = args.birth_year
    person = edit_reporting_fields(
        store, args.attendee, birth_year=year,
        population_type=KEEP if args.population_type is None else args.population_type)
    return Reply(reporting_json(person), reporting_text(person))


def reporting_json(person: Any) -> dict[str, Any]:
    from facilitator_app.categories import population_type_of

    return {"id": person.id, "name": person.name, "birth_year": person.birth_year,
            "birth_year_source": person.birth_year_source,
            "population_type": person.population_type,
            "population_type_reported": population_type_of(person.population_type,
                                                           person.nationality)}


def reporting_text(person: Any) -> str:
    from facilitator_app.services.subject_access import population_words

    year = str(person.birth_year) if person.birth_year is not None else _("not recorded")
    return _("{id}  {name}: born {year}; population type: {population}").format(
        id=person.id, name=person.name, year=year, population=population_words(person, _))


def import_attendees(args: argparse.Namespace, store: Store) -> Reply:
    """Import (or with --dry-run only check) a file; refused (1) when no row is valid."""
    from facilitator_app.services.registry_import import (
        apply_import,
        choose_category,
        prepare_import,
    )

    mapping = None if args.columns is None else {
        column: field for column, field in enumerate(args.columns) if field is not Field.IGNORE}
    plan = prepare_import(store, args.file, sheet=args.sheet, mapping=mapping,
                          header=False if args.no_header else None)
    for field_name, answer, code in args.category_map:
        choose_category(plan, field_name, answer, code)
    imported = 0
    if not args.dry_run and plan.accepted:
        imported = len(plan.accepted)
        apply_import(store, plan, args.workshop)
    return Reply(_plan_json(plan, imported, args.dry_run), _plan_text(plan, imported,
                                                                      args.dry_run),
                 EXIT_OK if plan.accepted else EXIT_REFUSED)


def column_fields(text: str) -> list[Field]:
    """argparse type of --columns: the field of each column, in order."""
    fields = [field_named(word) for word in text.split(",")]
    unknown = [word.strip() for word, field in zip(text.split(","), fields, strict=True)
               if field is None]
    if unknown:
        names = ", ".join(field.value for field in Field if field is not Field.IGNORE)
        raise argparse.ArgumentTypeError(_(
            "\u201c{word}\u201d is not a field. Use: name, {names}; or - to leave a column "
            "out.").format(word=unknown[0], names=names))
    return [field for field in fields if field is not None]


def category_choice(text: str) -> tuple[str, str, str]:
    """argparse type of --map: (field, answer, code) from `field:answer=code`."""
    from facilitator_app.categories import FIELDS

    field_name, colon, rest = text.partition(":")
    answer, equals, code = rest.rpartition("=")
    if not (colon and equals and answer.strip() and code.strip()):
        raise argparse.ArgumentTypeError(_(
            "\u201c{text}\u201d: write field:answer=code, e.g. sector:Comida=food.").format(
                text=text))
    if field_name.strip() not in FIELDS:
        raise argparse.ArgumentTypeError(_(
            "\u201c{field}\u201d is not a category; use sector, gender or "
            "nationality.").format(field=field_name))
    return field_name.strip(), answer.strip(), code.strip()


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
        "header": table.header,
        "notes": list(table.notes),
        "mapping": {table.headers[i]: f.value for i, f in plan.mapping.items()},
        "columns": [{"column": header, "field": plan.mapping.get(i, Field.IGNORE).value,
                     "looks_like": plan.described.get(i)}
                    for i, header in enumerate(table.headers)],
        "rejected": [{"row": r.row, "column": r.column, "reason": _(r.reason)}
                     for r in plan.rejected],
        "duplicates": [{"row": d.row, "by": d.by, "action": d.action,
                        "matches_row": d.matches_row,
                        "matches_attendee_id": d.matches_attendee_id}
                       for d in plan.duplicates],
        "unmapped": plan.unmapped,
        "stored_unmapped": plan.stored_unmapped,
        "mapped": [{"field": name, "answer": answer, "code": code}
                   for (name, answer), code in plan.choices.items()],
    }


def _plan_text(plan: ImportPlan, imported: int, dry_run: bool) -> str:
    lines = [
        _("{file}: {valid} valid rows, {rejected} rejected, {duplicates} duplicates.").format(
            file=plan.table.source, valid=len(plan.accepted), rejected=plan.rejected_rows,
            duplicates=len(plan.duplicates)),
        *[_("Note: {note}").format(note=note) for note in plan.table.notes],
        *_columns_text(plan),
        _("Dry run: nothing was imported.") if dry_run
        else _("Imported {n} rows.").format(n=imported),
    ]
    lines += [_("Row {row}, column \u201c{column}\u201d: {reason}").format(
        row=r.row, column=r.column, reason=_(r.reason)) for r in plan.rejected]
    lines += [_("Row {row}: same {by} as {other} ({action})").format(
        row=d.row, by=_(d.by), action=_(d.action),
        other=d.matches_name or _("row {n}").format(n=d.matches_row))
        for d in plan.duplicates]
    return "\n".join(lines + _unmapped_text(plan))


def _unmapped_text(plan: ImportPlan) -> list[str]:
    """The answers no code matched (stored as written until someone says what they mean)."""
    from facilitator_app.importing.headers import FIELD_LABELS

    lines = []
    for name, answers in plan.unmapped.items():
        listed = ", ".join(f"\u201c{answer}\u201d \u00d7{count}"
                           for answer, count in answers.items())
        lines.append(_("{field}: no code for {answers}. Kept as written; say what each "
                       "means with --map {name}:ANSWER=CODE.").format(
            field=_(FIELD_LABELS[Field(name)]), answers=listed, name=name))
    for name, answers in plan.stored_unmapped.items():
        listed = ", ".join(f"\u201c{answer}\u201d \u00d7{count}"
                           for answer, count in answers.items())
        lines.append(_("{field}, already stored without a code: {answers} (--map corrects "
                       "them too).").format(field=_(FIELD_LABELS[Field(name)]),
                                            answers=listed))
    return lines


def _columns_text(plan: ImportPlan) -> list[str]:
    """For a list without a header row: that, and what each column was taken to be."""
    if plan.table.header:
        return []
    from facilitator_app.importing.headerless import DESCRIPTIONS

    columns = []
    for index, letter in enumerate(plan.table.headers):
        field = plan.mapping.get(index, Field.IGNORE)
        target = _("not imported") if field is Field.IGNORE else _(FIELD_LABELS[field])
        looks = plan.described.get(index)
        columns.append(_("{column} = {field} ({looks_like})").format(
            column=letter, field=target, looks_like=_(DESCRIPTIONS[looks]))
            if looks else _("{column} = {field}").format(column=letter, field=target))
    return [_("No header row: the first row already holds data. The columns were taken "
              "to be: {columns}.").format(columns="; ".join(columns))]


def list_attendees(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.attendees import (
        attendee_rows,
        matches,
        query_words,
        search_text,
    )

    words = query_words(args.search)
    rows = [row for row in attendee_rows(store, args.workshop)
            if matches(search_text(row.attendee), words)]
    data = [{"id": r.attendee.id, "name": r.attendee.name, "phone": r.attendee.phone,
             "email": r.attendee.email, "business": r.attendee.business,
             "came_in_person": r.came_in_person, "joined_online": r.joined_online,
             "consents": r.consents} for r in rows]
    text = "\n".join(f"{r.attendee.id}  {r.attendee.name}" for r in rows) or _("Nobody found.")
    return Reply(data, text)
