"""``python -m metrics`` runs the ``themewatch`` command line."""

import sys

from metrics.cli import main

sys.exit(main())
