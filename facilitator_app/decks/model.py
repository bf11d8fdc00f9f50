"""A deck, its modules and the problems found while reading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Resource:
    title: str
    url: str


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    minutes: int
    file: Path
    objectives: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    takeaway: str = ""
    key_points: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    partner: str = ""
    steps: tuple[str, ...] = ()
    activity: str = ""
    notes: str = ""
    body: str = ""  # the Markdown as written, for reading it rendered


@dataclass(frozen=True)
class Problem:
    """Something wrong in a deck, with where it is (line 0: the whole file)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else \
            f"{self.file}: {self.message}"


@dataclass
class Deck:
    id: str  # the folder's name
    path: Path
    title: str = ""
    language: str = ""
    version: str = ""
    audience: str = ""
    description: str = ""
    modules: list[Module] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)
