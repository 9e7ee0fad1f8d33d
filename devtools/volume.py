"""What the benchmarks share: a throwaway database (every benchmark), filled with the seeds and
generated volume (the page and export benchmarks), and the superuser they measure as."""

from __future__ import annotations

import io
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


@contextmanager
def throwaway_database(command: BaseCommand, *, keep_db: bool) -> Iterator[str]:
    """A database beside the configured one (``test_<name>``, as the test runner makes it),
    migrated and made the connection's for the duration; dropped afterwards unless ``keep_db``."""
    out = command.stdout
    old_name = connection.settings_dict["NAME"]
    out.write(f"Database: {connection.vendor}; building a throwaway database for the run…")
    started = time.perf_counter()
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite" and not test_settings.get("NAME"):
        # SQLite's test database is in memory by default: a forked benchmark process would
        # write to its own copy, and the parent would count nothing. A file is shared.
        test_settings["NAME"] = os.path.join(tempfile.gettempdir(), f"throwaway-{os.getpid()}.sqlite3")
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False,
                                                   serialize=False)
    try:
        out.write(f"Created and migrated {test_name} in {time.perf_counter() - started:.1f} s.")
        yield test_name
    finally:
        if keep_db:
            out.write(f"Kept {test_name}.")
        else:
            connection.close()
            connection.creation.destroy_test_db(old_name, verbosity=0)


@contextmanager
def volume_database(command: BaseCommand, *, allegations: int, statements: int, articles: int,
                    keep_db: bool) -> Iterator[str]:
    """A throwaway database, seeded and filled by ``generate_volume``."""
    out = command.stdout
    with throwaway_database(command, keep_db=keep_db) as test_name:
        _load_seeds(command)
        started = time.perf_counter()
        # The throwaway database holds the seed allegations, hence allow_existing.
        call_command("generate_volume", allegations=allegations, statements=statements, articles=articles,
                     allow_existing=True, stdout=out)
        out.write(f"Generation (generate_volume, wall clock): {time.perf_counter() - started:.1f} s")
        yield test_name


def _load_seeds(command: BaseCommand) -> None:
    started = time.perf_counter()
    try:
        call_command("load_seeds", stdout=io.StringIO())
    except CommandError as exc:
        # generate_volume makes its own provisions when there are none.
        command.stdout.write(command.style.WARNING(f"Seeds not loaded ({exc}); generating without them."))
        return
    command.stdout.write(f"Seeds loaded in {time.perf_counter() - started:.1f} s.")


def bench_user(username: str):
    """The superuser a benchmark measures as: (user, created). An existing user of that name
    that is not an active superuser is refused, never changed."""
    users = get_user_model()._default_manager
    user, created = users.get_or_create(username=username, defaults={"is_staff": True, "is_superuser": True})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif not (user.is_active and user.is_superuser):
        raise CommandError(f"A user “{username}” exists and is not an active superuser; "
                           "the benchmark will not change it. Rename or remove it first.")
    return user, created
