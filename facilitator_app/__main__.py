"""`python -m facilitator_app COMMAND`: the headless CLI without Qt."""

import sys

from facilitator_app.cli import main

sys.exit(main())
