# Shared set-up for start.sh and test.sh: system libraries Qt needs, then the project venv.
# Sourced, not run. Works on a fresh Debian/Ubuntu machine with python3.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# Qt's offscreen and desktop platforms, QtMultimedia's sound, and a font with accents.
QT_RUNTIME_PACKAGES="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libpulse0 fonts-dejavu-core"
QT_DESKTOP_PACKAGES="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-xkb1 libxcb-randr0"
# What the tests use to look at the documents they write (PDF pages rendered to PNG).
TEST_PACKAGES="poppler-utils"
# The programme tests' second engine: Debian's PostgreSQL server binaries (the tests start a
# throwaway cluster of their own). CI installs it (.ci/run); without it they are skipped.
POSTGRES_PACKAGES="postgresql"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Please install as root: $*" >&2; return 1; fi
}

install_system_packages() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || dpkg -s "${package}t64" >/dev/null 2>&1 \
      || missing+=("$package")
  done
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then missing+=(python3-venv); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "Not a Debian/Ubuntu system: install these yourself: ${missing[*]}" >&2; return 0
  fi
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

setup_venv() {  # $1: extras, e.g. "" or "[test]"
  local extras="${1:-}"
  local stamp="$VENV/.installed${extras}"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e "$ROOT$extras"
    touch "$stamp"
  fi
}
