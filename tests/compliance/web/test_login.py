"""Login throttling (django-axes) on the staff login and the admin login: wrong passwords are
counted per username and address; past the limit that pair is locked out for the cool-off, the
right password included; a success before the limit starts the count again."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

PASSWORD = "pw-for-tests-only"


def _post(client, form: str, username: str, password: str, **extra):
    return client.post(reverse(form), {"username": username, "password": password}, **extra)


@pytest.mark.parametrize("form", ["login", "admin:login"])
def test_the_limit_locks_out_the_username_from_that_address(client, analyst, settings, form):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        assert _post(client, form, analyst.username, f"wrong-{n}").status_code == 200
    locked = _post(client, form, analyst.username, "wrong-last")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert f"After {limit} wrong passwords" in page and "even the right password is refused" in page
    assert _post(client, form, analyst.username, PASSWORD).status_code == 429


def test_the_lock_is_shared_by_both_login_forms(client, analyst, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "login", analyst.username, f"wrong-{n}")
    assert _post(client, "admin:login", analyst.username, PASSWORD).status_code == 429


def test_a_success_before_the_limit_starts_the_count_again(client, analyst, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        _post(client, "login", analyst.username, f"wrong-{n}")
    assert _post(client, "login", analyst.username, PASSWORD).status_code == 302
    client.logout()
    for n in range(limit - 1):
        assert _post(client, "login", analyst.username, f"wrong-again-{n}").status_code == 200
    assert _post(client, "login", analyst.username, PASSWORD).status_code == 302


def test_a_failure_during_the_lockout_starts_the_cool_off_again(client, analyst, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "login", analyst.username, f"wrong-{n}")
    almost = timezone.now() - settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=almost)
    assert _post(client, "login", analyst.username, "one-more-guess").status_code == 429
    assert AccessAttempt.objects.get().attempt_time > almost + dt.timedelta(minutes=5)
    assert _post(client, "login", analyst.username, PASSWORD).status_code == 429


def test_other_users_and_addresses_are_not_locked_out(client, analyst, reviewer, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "login", analyst.username, f"wrong-{n}")
    assert _post(client, "login", reviewer.username, PASSWORD).status_code == 302
    client.logout()
    assert _post(client, "login", analyst.username, PASSWORD, REMOTE_ADDR="198.51.100.4").status_code == 302
