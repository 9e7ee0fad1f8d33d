"""Running a command as the tables' owner: MIGRATION_DATABASE_URL, when it is set, replaces
the default connection's credentials for the duration (the application's DATABASE_URL names a
role that owns nothing; see compliance.dbroles)."""

from __future__ import annotations

from contextlib import contextmanager

import environ
from django.conf import settings
from django.db import connections

_CREDENTIALS = ("NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")


def owner_url() -> str:
    return getattr(settings, "MIGRATION_DATABASE_URL", "") or ""


@contextmanager
def as_owner(database: str = "default"):
    """Connect ``database`` as the owner while the block runs, if an owner URL is set."""
    url = owner_url()
    if not url or database != "default":
        yield False
        return
    connection = connections[database]
    before = {k: connection.settings_dict.get(k) for k in _CREDENTIALS}
    owner = environ.Env.db_url_config(url)
    connection.close()
    connection.settings_dict.update({k: owner[k] for k in _CREDENTIALS if k in owner})
    try:
        yield True
    finally:
        connection.close()
        connection.settings_dict.update(before)


def app_role() -> str | None:
    """The role the application connects as, when migrations run as another (the owner)."""
    if not owner_url():
        return None
    user = settings.DATABASES["default"].get("USER") or None
    owner = environ.Env.db_url_config(owner_url()).get("USER")
    return user if user and user != owner else None
