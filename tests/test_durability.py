"""A writer killed mid-way (SIGKILL, like a laptop losing power) loses no committed event;
backups, restores, exports and settings reach the disk before they replace anything."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
from pathlib import Path

import pytest

from exports.atomic import write_atomically
from facilitator_app.db import make_backup, open_database, restore_backup
from facilitator_app.settings import load_settings, save_setting
from tests.killing import assert_commits_kept, commit_then_kill

HELPER = Path(__file__).with_name("killed_writer.py")
ROOT = HELPER.parent.parent


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_during_200_checkin_commits_loses_nothing_committed(db_file: Path) -> None:
    committed = commit_then_kill(HELPER, db_file, 100, 200)
    conn = sqlite3.connect(db_file)
    try:
        assert_commits_kept(conn, committed, 200)
    finally:
        conn.close()


class SyncLog:
    """Records fsyncs (of a file or a folder, by inode) and renames, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, int]] = []
        self.renamed_into: dict[int, int] = {}  # event index -> inode of the target's folder
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            info = os.fstat(fd)
            kind = "fsync-folder" if stat.S_ISDIR(info.st_mode) else "fsync-file"
            self.events.append((kind, info.st_ino))
            real_fsync(fd)

        def replace(source: Path | str, target: Path | str) -> None:
            self.renamed_into[len(self.events)] = os.stat(Path(target).parent).st_ino
            self.events.append(("replace", os.stat(source).st_ino))
            real_replace(source, target)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)

    def assert_published_durably(self, target: Path) -> None:
        """The file now at `target` was synced before its rename, its folder after."""
        inode = target.stat().st_ino
        renames = [n for n, event in enumerate(self.events) if event == ("replace", inode)]
        assert renames, f"{target.name} was not published by a rename"
        at = renames[-1]
        assert ("fsync-file", inode) in self.events[:at], "file synced before the rename"
        if os.name != "nt":
            folder = ("fsync-folder", self.renamed_into[at])
            assert folder in self.events[at + 1:], "folder synced after the rename"


def test_backups_are_synced_before_they_are_published(db_file: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_file, backup_on_open=False).close()
    log = SyncLog(monkeypatch)
    backup = make_backup(db_file)
    log.assert_published_durably(backup)


def test_a_restore_is_synced_before_it_takes_the_databases_place(
        db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_file, backup_on_open=False).close()
    backup = make_backup(db_file)
    log = SyncLog(monkeypatch)
    restore_backup(backup, db_file)
    log.assert_published_durably(db_file)


def test_exports_and_settings_are_synced_before_they_replace_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = SyncLog(monkeypatch)
    export = tmp_path / "report.xlsx"
    write_atomically(export, lambda path: path.write_bytes(b"a finished export"))
    log.assert_published_durably(export)
    settings = tmp_path / "settings.json"
    save_setting("language", "es", settings)
    log.assert_published_durably(settings)
    assert load_settings(settings) == {"language": "es"}


def test_a_failed_export_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    export = tmp_path / "report.xlsx"
    export.write_bytes(b"yesterday's report")

    def fail(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("the writer broke")

    with pytest.raises(RuntimeError):
        write_atomically(export, fail)
    assert export.read_bytes() == b"yesterday's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]
