#!/usr/bin/env bash
# Set up (first time only) and run every check: ruff, then the whole pytest suite offscreen.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# shellcheck disable=SC2086
install_system_packages $QT_RUNTIME_PACKAGES $TEST_PACKAGES
setup_venv "[test]"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
"$VENV/bin/ruff" check .
"$VENV/bin/python" -m pytest "$@"
