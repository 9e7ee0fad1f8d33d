"""Deployment settings: the production shape passes Django's deploy checks, and the
embedded defaults need no services."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # DJANGO_SETTINGS_MODULE too: under pytest it names tests.settings, which supplies a key.
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "DEV_TOOLS", "DATABASE_URL", "CELERY_BROKER_URL",
                          "SECRET_KEY", "ALLOWED_HOSTS", "INGESTION_ALLOWED_HOSTS"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env={"DEBUG": "0", "SECRET_KEY": "k" * 20 + "-production-secret-from-the-environment-" + "z" * 20,
             "ALLOWED_HOSTS": "tracker.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_debug_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     env={"DEBUG": "1", "SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "tracker.example.org"})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr + result.stdout


def test_embedded_defaults_run_tasks_eagerly_on_sqlite():
    result = _manage("shell", "-c",
                     "from django.conf import settings as s; "
                     "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)",
                     env={"SECRET_KEY": "s" * 60})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["django.db.backends.sqlite3", "True", "False"]


def test_sqlite_runs_immediate_transactions_with_a_busy_timeout():
    result = _manage("shell", "-c",
                     "from django.conf import settings as s; o = s.DATABASES['default']['OPTIONS']; "
                     "print(o['transaction_mode'], o['timeout'])",
                     env={"SECRET_KEY": "s" * 60})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["IMMEDIATE", "20"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    """DEBUG=0 and no SECRET_KEY: a clear ImproperlyConfigured (no key is made up and written to disk)."""
    result = _manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY is not set" in result.stderr


def test_local_work_keeps_a_per_checkout_key():
    result = _manage("shell", "-c", "from django.conf import settings as s; print(len(s.SECRET_KEY) > 40)",
                     env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"


def test_the_fetcher_allow_list_is_refused_in_production():
    result = _manage("check", env={"DEBUG": "0", "SECRET_KEY": "s" * 60, "INGESTION_ALLOWED_HOSTS": "127.0.0.1:8123"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "INGESTION_ALLOWED_HOSTS" in result.stderr
    local = _manage("check", env={"DEBUG": "1", "INGESTION_ALLOWED_HOSTS": "127.0.0.1:8123"})
    assert local.returncode == 0, local.stderr


def test_a_broker_url_switches_to_real_workers():
    result = _manage("shell", "-c",
                     "from django.conf import settings as s; print(s.CELERY_TASK_ALWAYS_EAGER)",
                     env={"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0", "SECRET_KEY": "s" * 60})
    assert result.stdout.split()[-1] == "False"


@pytest.mark.django_db
def test_demo_users_refuse_to_run_outside_debug():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_users")
