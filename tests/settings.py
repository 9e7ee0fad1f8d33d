"""The settings the test suite runs with (pyproject.toml: DJANGO_SETTINGS_MODULE): the project's
own (config.settings), read from the environment as always, with a throwaway SECRET_KEY when none
is given (config.settings refuses to start without one when DEBUG is off, as production must; the
suite runs with DEBUG off), and the development tools installed so that their commands are tested
too. tests/devtools/test_installed.py checks that production settings leave them out."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

from config.settings import *  # noqa: E402,F403
from config.settings import INSTALLED_APPS  # noqa: E402

if "devtools" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
