"""How much of a user's table file is read, and the refusals that say a limit was passed.

Shared by the CSV and XLSX streams (`importing.records`, `importing.xlsx`) so both refuse
with the same words, naming the file, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _

Record = tuple[int, list[str]]  # (row number as a spreadsheet shows it, cells)


class DamagedFileError(RejectedFileError):
    """A file that is damaged or uses a feature this app cannot read: a problem to fix
    (re-save it), so exit code 3 rather than the 1 of a refused list."""

    exit_code = 3


@dataclass(frozen=True)
class Limits:
    """How much of a file is read before it is refused as too large for its purpose."""

    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 200_000
    max_columns: int = 500
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    max_cells: int = 2_500_000  # non-empty cells in the whole file


def too_many_rows(file: str, limits: Limits) -> RejectedFileError:
    return RejectedFileError(_("{file} has more than {limit} rows.").format(
        file=file, limit=f"{limits.max_rows:,}"))


def too_many_columns(file: str, row: int, limits: Limits) -> RejectedFileError:
    return RejectedFileError(_("{file}, row {row}: more than {limit} columns.").format(
        file=file, row=row, limit=limits.max_columns))


def cell_too_long(file: str, row: int, column: int, limits: Limits) -> RejectedFileError:
    return RejectedFileError(_("{file}, row {row}, column {column}: a cell of more than "
                               "{limit} characters.").format(
                                   file=file, row=row, column=column,
                                   limit=f"{limits.max_cell_chars:,}"))


def too_many_cells(file: str, limits: Limits) -> RejectedFileError:
    return RejectedFileError(_("{file} holds more than {limit} filled cells, more than a list "
                               "this app reads.").format(file=file,
                                                         limit=f"{limits.max_cells:,}"))
