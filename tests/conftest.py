"""Shared fixtures: an in-memory store, a fixed clock, an isolated data folder, offscreen Qt."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from facilitator_app.db import open_database
from facilitator_app.i18n import set_language
from facilitator_app.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"  # files the project wrote (README.md there)
# The real-world corpus: an extra tier (tests/test_corpus.py), absent from a fresh clone.
CORPUS = Path(os.environ.get("CREANDO_CORPUS_DIR") or ROOT.parent / "shared" / "fixtures")
FIXED_NOW = datetime(2026, 3, 14, 15, 30, tzinfo=UTC)
# programme_target (SQLite and PostgreSQL); the programme tests' desks (scenario, hq)
pytest_plugins = ["tests.programme_engines", "tests.programme_support"]


def injection_payloads() -> list[str]:
    """Our formula-injection payloads: each line of formula_payloads.txt (LF-separated, so a
    line may start with a raw TAB or CR), then each line of the notes' ```text blocks."""
    folder = FIXTURES / "injection"
    payloads = (folder / "formula_payloads.txt").read_bytes().decode("utf-8").split("\n")
    indent = None
    for line in (folder / "formula_injection_notes.md").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("```"):
            indent = len(line) - len(line.lstrip(" ")) if indent is None else None
        elif indent is not None:
            payloads.append(line[indent:])
    return [payload for payload in payloads if payload]


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user's data folder or settings."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CREANDO_DATA_DIR", str(folder))
    set_language("en")
    yield folder
    set_language("en")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def store(clock: FixedClock) -> Store:
    memory = Store(open_database(":memory:"), clock=clock)
    yield memory
    memory.close()


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "workshop.db"


@pytest.fixture
def demo_sessions_page(qtbot, db_file: Path):
    """The Sessions page showing the demo workshop, on a database file."""
    from facilitator_app.services.demo import ensure_demo
    from ui.app import make_application
    from ui.pages.sessions import SessionsPage

    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    page = SessionsPage(store)
    qtbot.addWidget(page)
    page.set_workshop(workshop)
    page.show()
    yield page
    store.close()
