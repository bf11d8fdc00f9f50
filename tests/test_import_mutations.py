"""Any byte mutation of any registration fixture ends in a full import or a clear refusal:
never another exception, never part of a list in the database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.services.registry_import import apply_import, prepare_import
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store
from tests.conftest import FIXTURES

REGISTRATION = sorted((FIXTURES / "registration").iterdir())
ORIGINALS = {path.name: path.read_bytes() for path in REGISTRATION}


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture with one to three flips, insertions, deletions, or a cut."""
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = bytearray(ORIGINALS[name])
    for _step in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif kind == "delete" and data:
            del data[at:at + draw(st.integers(1, 4))]
        elif kind == "truncate":
            del data[at:]
    return name, bytes(data)


def people_in(store: Store) -> tuple[int, int, int]:
    return tuple(store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                 for table in ("attendees", "registrations", "consents"))


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=mutated(), sheet=st.sampled_from([None, "participantes", "miembros"]))
def test_a_mutated_list_is_imported_whole_or_refused(case, sheet) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        store = Store(open_database(":memory:"))
        workshop = create_workshop(store, "Mutantes").workshop
        before = people_in(store)
        try:
            plan = prepare_import(store, path, sheet=sheet if name.endswith(".xlsx") else None)
            result = apply_import(store, plan, workshop.id)
        except KnownError as refused:
            event("refused")
            assert name in refused.message  # every refusal names the file
            assert people_in(store) == before  # nothing of a refused list is kept
            store.close()
            return
        event("imported")
        people, registered, consents = people_in(store)
        distinct = len(plan.accepted) - result.merged  # rows merged into earlier rows
        assert people == result.created == distinct
        assert registered == result.registered == distinct
        assert consents == sum(len(row.consents) for row in plan.accepted)
        assert {r.row for r in plan.rejected}.isdisjoint(r.row for r in plan.accepted)
        store.close()


def test_the_mutations_cover_every_kind_of_fixture() -> None:
    suffixes = {Path(name).suffix for name in ORIGINALS}
    assert suffixes == {".csv", ".xlsx"} and len(ORIGINALS) >= 20
