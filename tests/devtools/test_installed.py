"""The development tools are installed where someone develops (DEBUG, DEV_TOOLS=1, the test
settings) and nowhere else: production settings (DEBUG=0) have none of their commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent.parent
DEV_COMMANDS = {"bench_pages", "bench_exports", "bench_ingest", "generate_volume"}
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "p" * 20 + "-production-secret-from-the-environment-" + "q" * 20,
              "ALLOWED_HOSTS": "tracker.example.org"}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """manage.py in a fresh process on the project's own settings (config.settings), with
    only ``env`` deciding: none of the test run's settings module or flags leak in."""
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "DEV_TOOLS", "DATABASE_URL",
                          "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def _commands(env: dict[str, str]) -> set[str]:
    result = _manage("help", "--commands", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return set(result.stdout.split())


def test_production_settings_install_neither_the_app_nor_its_commands():
    commands = _commands(PRODUCTION)

    assert commands.isdisjoint(DEV_COMMANDS), commands & DEV_COMMANDS
    assert {"ingest", "load_seeds", "export_record"} <= commands  # the tool's own commands stay
    result = _manage("bench_pages", "--use-current-db", env=PRODUCTION)
    assert result.returncode != 0
    assert "Unknown command: 'bench_pages'" in result.stderr
    installed = _manage("shell", "-c", "from django.apps import apps; print(apps.is_installed('devtools'))",
                        env=PRODUCTION)
    assert installed.stdout.split()[-1] == "False", installed.stdout + installed.stderr


@pytest.mark.parametrize("flags", [{"DEBUG": "1"}, {"DEV_TOOLS": "1"}], ids=["DEBUG=1", "DEV_TOOLS=1"])
def test_debug_or_the_explicit_flag_installs_them(flags):
    assert DEV_COMMANDS <= _commands({**PRODUCTION, **flags})


def test_dev_tools_0_leaves_them_out_even_with_debug():
    assert _commands({**PRODUCTION, "DEBUG": "1", "DEV_TOOLS": "0"}).isdisjoint(DEV_COMMANDS)


def test_the_test_settings_install_them_for_their_tests():
    assert apps.is_installed("devtools")
    commands = get_commands()
    assert {name: commands[name] for name in DEV_COMMANDS} == dict.fromkeys(DEV_COMMANDS, "devtools")


def test_no_other_app_still_carries_a_development_command():
    for app in ("compliance", "ingestion"):
        folder = ROOT / app / "management" / "commands"
        assert not {path.stem for path in folder.glob("*.py")} & DEV_COMMANDS, app


def test_check_deploy_warns_when_a_deployment_turns_them_on():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "DEV_TOOLS": "1"})

    assert result.returncode != 0
    assert "devtools.W001" in result.stdout + result.stderr
