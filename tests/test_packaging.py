"""What the desktop build needs is in place (the build itself runs in CI: scripts/build.sh)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from facilitator_app import app_version
from facilitator_app.paths import asset

ROOT = Path(__file__).resolve().parent.parent


def test_the_spec_bundles_the_assets_metadata_and_both_programs() -> None:
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    for needed in ('"assets"', 'copy_metadata("creando-desk")', 'name="creando-desk"',
                   'name="creando"', "launch_frozen.py", "creando.ico", "creando.icns"):
        assert needed in spec


def test_icons_in_every_size_the_systems_want() -> None:
    for size in (16, 32, 48, 128, 256, 512):
        with Image.open(asset("icons", f"creando-{size}.png")) as icon:
            assert icon.size == (size, size)
    for name, kind in (("creando.ico", "ICO"), ("creando.icns", "ICNS")):
        with Image.open(asset("icons", name)) as icon:
            assert icon.format == kind


def test_the_linux_desktop_entry() -> None:
    entry = (ROOT / "assets" / "linux" / "creando-desk.desktop").read_text(encoding="utf-8")
    assert "Exec=creando-desk" in entry and "Name=CREANDO Desk" in entry
    assert "Comment[es]=" in entry


def test_the_version_comes_from_the_package_metadata() -> None:
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert app_version() == declared
