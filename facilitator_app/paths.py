"""Where data and assets live, in a source tree, an installed venv or a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_SLUG = "creando-desk"
DB_FILENAME = "creando.db"


def _bundle_root() -> Path:
    """The folder that holds `assets/`: the PyInstaller bundle or the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    return _bundle_root() / "assets"


def asset(*parts: str) -> Path:
    """Path of a shipped asset, e.g. asset("icons", "creando.svg")."""
    return assets_dir().joinpath(*parts)


def locale_dir() -> Path:
    return assets_dir() / "locale"


def data_dir() -> Path:
    """The user's data folder (CREANDO_DATA_DIR overrides it, for staff scripts and tests)."""
    override = os.environ.get("CREANDO_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_SLUG, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def settings_path() -> Path:
    return data_dir() / "settings.json"


def backups_dir(db_path: Path) -> Path:
    """Rolling backups sit beside the database, in a folder named after it."""
    return db_path.parent / f"{db_path.stem}-backups"
