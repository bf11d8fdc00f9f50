"""CREANDO Desk core: domain, storage and services. Never imports Qt."""

from __future__ import annotations

APP_NAME = "CREANDO Desk"


def app_version() -> str:
    """The version from the installed package's metadata: the one place it is set."""
    from importlib import metadata  # loaded on demand: it costs ~35 ms at start-up

    try:
        return metadata.version("creando-desk")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return app_version()
    raise AttributeError(name)
