"""Web app: ``python app.py`` serves the translator on http://127.0.0.1:7860.

Options: ``--model``, ``--backend``, ``--device``, ``--host``, ``--port``, ``--share``,
``--max-chars`` (see ``python app.py --help``). The page lives in :mod:`translator.ui`.
"""

import sys

from translator.ui.command import main

if __name__ == "__main__":
    sys.exit(main())
