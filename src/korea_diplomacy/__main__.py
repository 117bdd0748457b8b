"""``python -m korea_diplomacy``: the same as the ``korea-diplomacy`` command."""

import sys

from .cli import main

sys.exit(main())
