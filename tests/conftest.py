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
FIXTURES = ROOT.parent / "shared" / "fixtures"
FIXED_NOW = datetime(2026, 3, 14, 15, 30, tzinfo=UTC)


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
