"""Fuzzed files: every one either imports or is refused with a message, never a traceback,
and never a partial import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.services.registry_import import apply_import, prepare_import
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store

HEADERS = st.sampled_from(["Nombre completo", "Nombres", "Apellidos", "Celular", "Correo",
                           "Nacionalidad", "Negocio", "¿Autoriza el tratamiento de datos?",
                           "Marca temporal", "x", ""])
CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["987654321", "+58 412 1234567", "ana@example.com", "sí", "no", "=1+1",
                     "@SUM(1)", "José Pérez", "\"", ";", "\t", "\r\n", "\x00", "ñ"]),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
DELIMITERS = st.sampled_from([",", ";", "\t"])


def render(headers: list[str], rows: list[list[str]], delimiter: str) -> str:
    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in '";,\t\r\n') \
            else cell
    lines = [delimiter.join(quote(c) for c in row) for row in [headers, *rows]]
    return "\r\n".join(lines)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=st.lists(HEADERS, min_size=1, max_size=6),
       rows=st.lists(st.lists(CELLS, max_size=7), max_size=12),
       encoding=ENCODINGS, delimiter=DELIMITERS, raw_tail=st.binary(max_size=8))
def test_every_file_imports_or_is_refused_cleanly(headers, rows, encoding, delimiter,
                                                  raw_tail) -> None:
    text = render(headers, rows, delimiter)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(data + raw_tail)
        store = Store(open_database(":memory:"))
        workshop = create_workshop(store, "Fuzz").workshop
        try:
            plan = prepare_import(store, path)
        except KnownError as refused:
            assert refused.message
            store.close()
            return
        assert len(plan.accepted) + plan.rejected_rows + plan.skipped == len(plan.table.rows)
        numbers = set(plan.table.row_numbers)
        first = 2 if plan.table.header else 1
        assert all(r.row in numbers and r.row >= first and r.reason for r in plan.rejected)
        assert not {r.row for r in plan.accepted} & {r.row for r in plan.rejected}
        result = apply_import(store, plan, workshop.id)
        people = len(store.attendees.all())
        assert people == result.created
        assert store.registrations.count(workshop.id) == result.created
        store.close()
