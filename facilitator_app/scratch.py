"""Temporary files the app makes, and sweeping what a killed process left behind.

They can hold personal data (a workshop snapshot, a half-written report), so they never go
to the system's temporary folder: work folders live beside the database
(`<db name>-tmp/<purpose>-<pid>-<random>/`), partial exports beside their target. A partial
export is announced by a small marker in the data folder (`scratch/`) naming it, so the
next open finds it wherever it is. Anything whose process is gone is removed on open and
by an erasure.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from facilitator_app.paths import data_dir

_MARKER_SUFFIX = ".path"
STILL_ACTIVE = 259  # Windows' exit code of a process that has not ended


def work_root(db_path: Path | None) -> Path:
    """Where work folders for `db_path` go (the data folder for an in-memory database)."""
    if db_path is None:
        return data_dir() / "tmp"
    return db_path.parent / f"{db_path.stem}-tmp"


@contextlib.contextmanager
def work_folder(db_path: Path | None, purpose: str) -> Iterator[Path]:
    """A new private folder for one job, removed with everything in it when the job ends."""
    root = work_root(db_path)
    root.mkdir(parents=True, exist_ok=True)
    folder = root / f"{purpose}-{os.getpid()}-{secrets.token_hex(4)}"
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def owner_pid(name: str) -> int | None:
    """The process id a temporary's name carries (`<purpose>-<pid>-<random>`), if any."""
    parts = name.lstrip(".").split("-")
    return int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None


def process_alive(pid: int) -> bool:
    """Is process `pid` still running? (never signals it: `os.kill` ends it on Windows)"""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel = ctypes.windll.kernel32
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    try:
        return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and \
            code.value == STILL_ACTIVE
    finally:
        kernel.CloseHandle(handle)


def sweep_work_folders(db_path: Path | None) -> list[Path]:
    """Remove work folders whose process is gone; returns what was removed."""
    removed = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError), \
            os.scandir(work_root(db_path)) as entries:
        for entry in list(entries):
            pid = owner_pid(entry.name)
            if pid is not None and process_alive(pid):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            if not path.exists():
                removed.append(path)
    return removed


def markers_dir() -> Path:
    return data_dir() / "scratch"


def announce(temporary: Path) -> Path | None:
    """Record that `temporary` is being written by this process; returns the marker (None
    when there is no data folder yet, or it cannot take one: the write goes on all the
    same)."""
    if not data_dir().is_dir():
        return None
    marker = markers_dir() / f"part-{os.getpid()}-{secrets.token_hex(6)}{_MARKER_SUFFIX}"
    try:
        marker.parent.mkdir(exist_ok=True)
        marker.write_text(str(temporary.resolve()), encoding="utf-8")
    except OSError:
        return None
    return marker


def withdraw(marker: Path | None) -> None:
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink(missing_ok=True)


def sweep_partial_exports() -> list[Path]:
    """Remove partial exports (`.part`) whose writer is gone, and their markers."""
    removed = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError), \
            os.scandir(markers_dir()) as entries:
        for entry in list(entries):
            pid = owner_pid(entry.name[:-len(_MARKER_SUFFIX)])
            if not entry.name.endswith(_MARKER_SUFFIX) or (pid and process_alive(pid)):
                continue
            removed += _remove_announced(Path(entry.path))
    return removed


def _remove_announced(marker: Path) -> list[Path]:
    try:
        target = Path(marker.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        target = None
    removed = []
    if target is not None and target.name.endswith(".part") and target.is_file():
        with contextlib.suppress(OSError):
            target.unlink()
            removed.append(target)
    withdraw(marker)
    return removed
