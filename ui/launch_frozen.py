"""Entry script for the PyInstaller build (build.spec): the same as the `creando` command."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
