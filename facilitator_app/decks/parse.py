"""Read a deck folder. Every problem is reported with its file and line; a module with
problems is left out, and the rest of the deck still loads."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from facilitator_app.decks.model import Deck, Module, Problem, Resource
from facilitator_app.i18n import _

DECK_FILE = "deck.toml"
FENCE = "+++"
MODULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_SECTIONS = {
    "steps": ("pasos", "steps"),
    "activity": ("actividad", "activity"),
    "notes": ("notas para facilitar", "facilitator notes", "notas"),
}


def load_deck(folder: Path) -> Deck:
    deck = Deck(id=folder.name, path=folder)
    header = folder / DECK_FILE
    if not header.is_file():
        deck.problems.append(Problem(DECK_FILE, 0, _("the deck has no deck.toml header file")))
    else:
        _read_header(deck, header)
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        module, problems = read_module(path)
        deck.problems += problems
        if module is None:
            continue
        if module.id in seen:
            deck.problems.append(Problem(path.name, _line_of(path, "id"), _(
                "duplicate id {id} (also in {other})").format(id=module.id, other=seen[module.id])))
            continue
        seen[module.id] = path.name
        deck.modules.append(module)
    if not deck.modules:
        deck.problems.append(Problem(folder.name, 0, _("the deck has no usable module")))
    return deck


def _read_header(deck: Deck, header: Path) -> None:
    try:
        data = tomllib.loads(header.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        deck.problems.append(Problem(DECK_FILE, _toml_line(exc, 0), _("not valid TOML: {error}")
                                     .format(error=exc)))
        return
    for key in ("title", "language", "version", "audience", "description"):
        setattr(deck, key, str(data.get(key, "")))
    if not deck.title:
        deck.problems.append(Problem(DECK_FILE, 0, _("the deck has no title")))


def read_module(path: Path) -> tuple[Module | None, list[Problem]]:
    """One module file: the module (None if it cannot be used) and its problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path.name, 0, _("cannot be read as UTF-8 text: {error}").format(
            error=exc))]
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(path.name, 1, _("the file must start with a +++ line (the front "
                                              "matter)"))]
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE),
                   None)
    if closing is None:
        return None, [Problem(path.name, 1, _("the front matter has no closing +++ line"))]
    try:
        meta = tomllib.loads("\n".join(lines[1:closing]))
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(path.name, _toml_line(exc, 1), _("broken front matter: {error}")
                              .format(error=exc))]
    body = "\n".join(lines[closing + 1:]).strip()
    return _module(path, meta, body, lines)


def _module(path: Path, meta: dict[str, Any], body: str,
            lines: list[str]) -> tuple[Module | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path.name, _line_in(lines, key), message))

    module_id = meta.get("id")
    if not isinstance(module_id, str) or not module_id.strip():
        problem("id", _("missing id"))
    elif not MODULE_ID.match(module_id):
        problem("id", _("the id {id} may only use lower-case letters, digits and "
                        "hyphens").format(id=module_id))
    if not isinstance(meta.get("title"), str) or not meta["title"].strip():
        problem("title", _("missing title"))
    minutes = meta.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        problem("minutes", _("minutes must be a whole number, not {value!r}").format(
            value=minutes))
    elif not 1 <= minutes <= 120:
        problem("minutes", _("minutes must be between 1 and 120"))
    resources = _resources(meta.get("resources", []), problem)
    if problems:
        return None, problems
    sections = _sections(body)
    return Module(
        id=module_id, title=meta["title"].strip(), minutes=minutes, file=path,
        objectives=_texts(meta.get("objectives")), materials=_texts(meta.get("materials")),
        takeaway=str(meta.get("takeaway", "")), key_points=_texts(meta.get("key_points")),
        resources=resources, partner=str(meta.get("partner", "")),
        steps=tuple(_list_items(sections.get("steps", ""))),
        activity=sections.get("activity", ""), notes=sections.get("notes", ""), body=body,
    ), []


def _resources(raw: Any, problem) -> tuple[Resource, ...]:
    if not isinstance(raw, list):
        problem("resources", _("resources must be a list of [[resources]] tables"))
        return ()
    found = []
    for item in raw:
        title = str(item.get("title", "")).strip() if isinstance(item, dict) else ""
        url = str(item.get("url", "")).strip() if isinstance(item, dict) else ""
        if not re.match(r"^https?://\S+$", url):
            problem("url", _("the link {url} has no http:// or https:// scheme").format(
                url=url or "''"))
        elif not title:
            problem("url", _("the link {url} has no title").format(url=url))
        else:
            found.append(Resource(title, url))
    return tuple(found)


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _sections(body: str) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    current = None
    for line in body.splitlines():
        if line.startswith("## "):
            title = line[3:].strip().lower()
            current = next((key for key, names in _SECTIONS.items() if title in names), None)
            continue
        if current:
            found.setdefault(current, []).append(line)
    return {key: "\n".join(lines).strip() for key, lines in found.items()}


def _list_items(text: str) -> list[str]:
    return [re.sub(r"^(\d+[.)]|[-*])\s+", "", line.strip()) for line in text.splitlines()
            if re.match(r"^\s*(\d+[.)]|[-*])\s+", line)]


def _toml_line(exc: Exception, offset: int) -> int:
    match = _TOML_LINE.search(str(exc))
    return int(match[1]) + offset if match else offset or 1


def _line_in(lines: list[str], key: str) -> int:
    """The file line where `key = ...` is written in the front matter (1 if absent)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(lines, start=1):
        if number > 1 and line.strip() == FENCE:
            break
        if pattern.match(line):
            return number
    return 1


def _line_of(path: Path, key: str) -> int:
    return _line_in(path.read_text(encoding="utf-8").splitlines(), key)
