"""Crash logs: the traceback of an internal error, kept in `<data folder>/logs/`.

A log holds the version, the platform, the command's name and the traceback, never the
command's arguments (they can hold names, phones or codes).
"""

from __future__ import annotations

import platform
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app import APP_NAME, app_version


def crash_log_dirs() -> list[Path]:
    """Where a crash log goes: the data folder's `logs/`, else the temporary folder."""
    from facilitator_app.paths import data_dir

    return [data_dir() / "logs", Path(tempfile.gettempdir()) / "creando-desk-logs"]


def crash_report(command: str) -> str:
    """The log's text, for the exception being handled now."""
    header = (f"{APP_NAME} {app_version()} · Python {platform.python_version()} · "
              f"{platform.system()} {platform.release()}\n"
              f"time: {datetime.now(UTC).isoformat(timespec='seconds')}\n"
              f"command: {command}\n\n")
    return header + traceback.format_exc()


def write_crash_log(command: str) -> Path | None:
    """Write the current exception's report; its path, or None if no folder took it."""
    text = crash_report(command)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    for folder in crash_log_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}.txt"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None
