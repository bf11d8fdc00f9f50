"""Two processes on one database (the app and the CLI, two CLI loops) back up and prune
at once: nobody crashes on a file the other just removed, and the newest backups stay."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from facilitator_app.backups import BackupInfo, list_backups
from facilitator_app.db import open_database

ROOT = Path(__file__).resolve().parent.parent
KEEP = 4
ROUNDS = 40

# One process writes a row and backs up when changed (the CLI's open); one backs up on its
# own (the app's timer); both list and look for the newest good backup each round. A third
# only lists, as fast as it can, until told to stop.
WORKER = """
import json, sqlite3, sys
from pathlib import Path
from facilitator_app.db import backup_if_changed, list_backups, make_backup, newest_good_backup

db, role, rounds, keep = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
made = []
while role == "reader" and not Path(sys.argv[5]).exists():
    list_backups(db)
for n in range(rounds if role != "reader" else 0):
    if role == "writer":
        conn = sqlite3.connect(db, timeout=5)
        conn.execute("INSERT INTO app_meta (key, value) VALUES (?, ?)", [f"row-{n}", ""])
        conn.commit()
        conn.close()
        target = backup_if_changed(db, keep=keep)
    else:
        target = make_backup(db, keep=keep)
    if target is not None:
        made.append(target.name)
    list_backups(db)
    newest_good_backup(db)
print(json.dumps(made))
"""


def test_two_processes_backing_up_and_pruning_at_once(db_file: Path) -> None:
    open_database(db_file).close()
    stop = db_file.with_name("stop")
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(db_file), role,
                                 str(ROUNDS), str(KEEP), str(stop)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=ROOT) for role in ("writer", "timer", "reader")]
    made: list[str] = []
    for worker in workers:
        if worker is workers[-1]:
            stop.touch()
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        assert "Traceback" not in err
        made += json.loads(out)
    assert len(made) >= ROUNDS + 2, "both processes made backups"
    kept = list_backups(db_file)
    newest = sorted(made, key=lambda name: _order(kept[0], name), reverse=True)[:KEEP]
    assert [b.path.name for b in kept] == newest
    folder = kept[0].path.parent
    assert sorted(p.name for p in folder.glob("*.db")) == sorted(newest)
    assert sorted(p.stem for p in folder.glob("*.json")) == sorted(Path(n).stem for n in newest)
    assert not list(folder.glob("*.partial*"))


def _order(sample: BackupInfo, name: str) -> tuple[str, str]:
    """Newest first as list_backups orders: by the time in the name, then the name."""
    stamp = name[len(sample.path.name.split("-", 1)[0]) + 1:].split("-", 1)[0]
    return stamp, name
