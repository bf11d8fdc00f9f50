"""CREANDO Desk core: domain, storage and services. Never imports Qt."""

from __future__ import annotations

from importlib import metadata


def _version() -> str:
    try:
        return metadata.version("creando-desk")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "0.0.0+unknown"


__version__ = _version()
APP_NAME = "CREANDO Desk"
