"""The settings the test suite runs with: the project's own (config.settings), read from the
environment as always, with a throwaway SECRET_KEY when none is given. config.settings refuses to
start without one when DEBUG is off, as production must; the suite runs with DEBUG off."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

from config.settings import *  # noqa: E402,F403
