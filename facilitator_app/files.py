"""One rule for files the user names: missing or unreadable is a KnownError naming the file.

Inputs are checked before anything opens them, so "not found" never turns into "not a valid
zip" or "not a photo"; outputs are checked before anything is written, so a typo in a folder
name is said, never silently created.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _


def readable_file(path: Path) -> Path:
    """`path` if it is a file that can be read; else a KnownError (exit 3) naming it."""
    if path.is_dir():
        raise KnownError(_("{file} is a folder, not a file.").format(file=path), path=path)
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise file_error(path, exc) from exc
    return path


def readable_folder(path: Path) -> Path:
    """`path` if it is a folder that can be listed; else a KnownError naming it."""
    if not path.exists():
        raise KnownError(_("Folder not found: {folder}").format(folder=path), path=path)
    if not path.is_dir():
        raise KnownError(_("{folder} is a file, not a folder.").format(folder=path), path=path)
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except OSError as exc:
        raise file_error(path, exc) from exc
    return path


def writable_file(path: Path) -> Path:
    """`path` if a file can be written there: not a folder, in a folder that exists."""
    if path.is_dir():
        raise KnownError(_("{file} is a folder: give the name of the file to write in it.")
                         .format(file=path), path=path)
    _existing_folder(path.parent)
    if path.exists() and not os.access(path, os.W_OK):
        raise KnownError(_("{file} cannot be written (permission denied).").format(file=path),
                         path=path)
    return path


def writable_folder(path: Path) -> Path:
    """`path` if files can be written in it: an existing folder, or a new one in an existing
    folder (the command creates it)."""
    if path.exists() and not path.is_dir():
        raise KnownError(_("{folder} is a file, not a folder.").format(folder=path), path=path)
    _existing_folder(path if path.exists() else path.parent)
    return path


def _existing_folder(folder: Path) -> None:
    folder = folder if str(folder) else Path(".")
    if not folder.exists():
        raise KnownError(_("The folder {folder} does not exist. Create it first, or choose "
                           "another place.").format(folder=folder), path=folder)
    if not folder.is_dir():
        raise KnownError(_("{folder} is a file, not a folder.").format(folder=folder),
                         path=folder)
    if not os.access(folder, os.W_OK):
        raise KnownError(_("The folder {folder} cannot be written (permission denied).")
                         .format(folder=folder), path=folder)


def file_error(path: Path, exc: OSError, *, writing: bool | None = False) -> KnownError:
    """The KnownError for an OSError met on `path` while reading (or `writing`; None: either)."""
    denied = {False: _("{file} cannot be read (permission denied)."),
              True: _("{file} cannot be written (permission denied)."),
              None: _("{file} cannot be read or written (permission denied).")}[writing]
    messages = {
        errno.ENOENT: _("File not found: {file}"),
        errno.EISDIR: _("{file} is a folder, not a file."),
        errno.ENOTDIR: _("File not found: {file}"),
        errno.EACCES: denied,
        errno.EPERM: denied,
        errno.ENOSPC: _("The disk is full: {file} could not be written."),
        errno.EROFS: _("{file} is on a read-only disk."),
    }
    fallback = {False: _("{file} cannot be read."), True: _("{file} cannot be written."),
                None: _("{file} cannot be read or written.")}[writing]
    message = messages.get(exc.errno or 0, fallback)
    return KnownError(message.format(file=path), details=str(exc), path=path)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's contents (hex), read in chunks whatever its size."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
