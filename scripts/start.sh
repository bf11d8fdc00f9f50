#!/usr/bin/env bash
# Set up (first time only) and launch CREANDO Desk on its default database.
# The first launch creates the demo workshop. Extra arguments go to `creando`.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
# shellcheck disable=SC2086
install_system_packages $QT_RUNTIME_PACKAGES $QT_DESKTOP_PACKAGES
setup_venv ""
exec "$VENV/bin/creando" "$@"
