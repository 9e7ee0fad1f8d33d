"""Settings of the test suite (pyproject.toml: DJANGO_SETTINGS_MODULE): the project's own,
from the same environment, with the development tools installed so that their commands are
tested too. tests/devtools/test_installed.py checks that production settings leave them out."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

if "devtools" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
