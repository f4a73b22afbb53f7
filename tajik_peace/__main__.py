"""``python -m tajik_peace``: see :mod:`tajik_peace.cli`."""

import sys

from .cli import main

sys.exit(main())
