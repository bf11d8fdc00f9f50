"""Helper process for test_encryption_cli: killed_writer's check-ins on an encrypted
database, unlocked with the passphrase in CREANDO_DB_PASSPHRASE."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from facilitator_app.encryption import PASSPHRASE_ENV, unlock
from tests.killed_writer import main

if __name__ == "__main__":
    unlock(Path(sys.argv[1]), os.environ[PASSPHRASE_ENV])
    main(sys.argv[1], int(sys.argv[2]))
