"""`python -m ui`: the desktop app (the same as `creando` with no command)."""

import sys

from ui.launch import main

sys.exit(main())
