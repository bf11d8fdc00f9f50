"""Small per-install preferences (language), kept as JSON in the data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from facilitator_app.durable import write_bytes_durably
from facilitator_app.paths import settings_path


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """Read the settings; a missing or unreadable file means defaults, never a crash."""
    target = path or settings_path()
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: Any, path: Path | None = None) -> None:
    """Write one setting atomically and durably (a synced temporary file, then a rename)."""
    target = path or settings_path()
    data = load_settings(target)
    data[key] = value
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_durably(target, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
