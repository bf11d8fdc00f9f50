"""Where decks live: the ones shipped with the app and the ones the user imported."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from facilitator_app.decks.model import Deck
from facilitator_app.decks.parse import DECK_FILE, load_deck
from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _
from facilitator_app.paths import asset, data_dir

MAX_ZIP_BYTES = 20 * 1024 * 1024
MAX_ZIP_FILES = 500


def user_decks_dir() -> Path:
    return data_dir() / "decks"


def deck_folders() -> list[Path]:
    folders = []
    for root in (asset("decks"), user_decks_dir()):
        if root.is_dir():
            folders += sorted(p for p in root.iterdir() if p.is_dir())
    return folders


def load_library() -> list[Deck]:
    """Every deck, shipped ones first; a deck with problems still loads what it can."""
    return [load_deck(folder) for folder in deck_folders()]


def find_deck(deck_id: str) -> Deck | None:
    return next((load_deck(f) for f in deck_folders() if f.name == deck_id), None)


def import_deck(source: Path) -> Deck:
    """Copy a deck folder or .zip into the user's decks; returns it with its problems."""
    if source.is_dir():
        return _install(source, source.name)
    if source.suffix.lower() != ".zip" or not zipfile.is_zipfile(source):
        raise RejectedFileError(_("{file} is not a deck folder or a .zip of one.").format(
            file=source.name), path=source)
    with tempfile.TemporaryDirectory() as folder:
        root = _unzip(source, Path(folder))
        return _install(root, source.stem)


def _unzip(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_FILES or sum(m.file_size for m in members) > MAX_ZIP_BYTES:
            raise RejectedFileError(_("{file} is too large to be a lesson deck.").format(
                file=source.name), path=source)
        for member in members:
            destination = (target / member.filename).resolve()
            if not destination.is_relative_to(target.resolve()):
                raise RejectedFileError(_("{file} tries to write outside its folder and was "
                                          "not opened.").format(file=source.name), path=source)
        archive.extractall(target)
    headers = list(target.rglob(DECK_FILE))
    if not headers:
        raise RejectedFileError(_("{file} holds no deck.toml: it is not a lesson deck.")
                                .format(file=source.name), path=source)
    return headers[0].parent


def _install(root: Path, name: str) -> Deck:
    if not (root / DECK_FILE).is_file() and not list(root.glob("*.md")):
        raise RejectedFileError(_("{folder} has no deck.toml and no modules.").format(
            folder=root.name), path=root)
    target = user_decks_dir() / name
    if target.exists():
        shutil.rmtree(target)  # importing a deck again replaces the older copy
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root, target, ignore=shutil.ignore_patterns(".*", "__MACOSX"))
    return load_deck(target)
