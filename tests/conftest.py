import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from compliance.choices import Role


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Production defaults redirect to HTTPS; the test client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Production's manifest storage needs collectstatic; pages under test only need the URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _eager_tasks():
    """Tasks run in the test process unless a test starts a real worker (tests/ingestion/
    test_worker.py). CI sets CELERY_BROKER_URL, which would otherwise send them to Redis."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API's throttles count in the cache: one test's requests must not throttle the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_record_cache():
    """Each test has its own database: nothing matched in another test may be remembered."""
    from ingestion.services.proposals import record_cache_clear

    record_cache_clear()
    yield
    record_cache_clear()


@pytest.fixture
def seeded(db):
    """The curated seed data (reference data and the seeded record), as the quickstart loads it."""
    call_command("load_seeds", stdout=io.StringIO())


def make_user(username: str, role: Role | None):
    user = get_user_model().objects.create_user(username=username, password="pw-for-tests-only")
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def viewer(db):
    return make_user("vera-viewer", Role.VIEWER)


@pytest.fixture
def analyst(db):
    return make_user("anna-analyst", Role.ANALYST)


@pytest.fixture
def reviewer(db):
    return make_user("rita-reviewer", Role.REVIEWER)


@pytest.fixture
def second_reviewer(db):
    return make_user("sam-second-reviewer", Role.REVIEWER)


@pytest.fixture
def administrator(db):
    return make_user("ada-admin", Role.ADMINISTRATOR)


def pytest_configure(config):
    from django.conf import settings

    # Fast hashing: the suite creates many users; production keeps Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server of the browser tests speaks plain HTTP on localhost: no HTTPS redirect,
    # no HSTS, cookies a browser sends over HTTP. (tests/test_settings.py checks the
    # production values on a settings module loaded apart.)
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False

    _flush_past_the_history_triggers()


def _flush_past_the_history_triggers() -> None:
    """Transactional tests empty every table with TRUNCATE between tests, which the history
    tables refuse on PostgreSQL (BEFORE TRUNCATE triggers). The test database's superuser does
    what a database administrator would do deliberately: bypass triggers for that transaction
    (session_replication_role, which only a superuser may set). The application cannot."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush
    if getattr(original, "_past_history_triggers", False):
        return

    def execute_sql_flush(self, sql_list):
        original(self, ["SET LOCAL session_replication_role = replica", *sql_list])

    execute_sql_flush._past_history_triggers = True
    DatabaseOperations.execute_sql_flush = execute_sql_flush
