"""Issue 10, cases 6, 7 and 8 (the parts helper "doors" owns): each test replays what was found
and fails on the code the issue was filed against (5b9f4d2).

6. Lost updates: route and link changes check and bump the version; If-Match: * is refused;
   parallel writes on the SQLite quickstart end as 412, never 500 "database is locked".
7. Doors left open: login lockout on both forms; SECRET_KEY required when DEBUG=0; schema and
   docs behind login; the anonymous throttle fires; the fetch allow-list is scoped to host and
   port (and refused in production); the API root links point to the API.
8. Bad input: a statement with no originator; a viewer as an allegation's assigned reviewer;
   latin-1 text decoded as cp1250.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.choices import TransportMode
from compliance.errors import ConcurrentEdit, DomainError
from compliance.models import Allegation, RouteLeg, Statement
from compliance.services.records import record_save, record_set_related
from compliance.services.transfers import LegData, transfer_set_route
from compliance.services.workflow import allegation_create
from ingestion.cleaning import decode_bytes
from ingestion.fetchers.http import FetchError, check_url
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pw-for-tests-only"


def api_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def etag(row) -> str:
    row.refresh_from_db(fields=["version"])
    return f'"{row.pk}-{row.version}"'


def _manage(*args: str, env: dict[str, str], timeout: int = 180) -> subprocess.CompletedProcess:
    """manage.py in a clean environment: the project's settings, not the tests'."""
    keep = {k: v for k, v in os.environ.items()
            if k not in {"DEBUG", "DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS",
                         "DJANGO_SETTINGS_MODULE", "INGESTION_ALLOWED_HOSTS"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**keep, **env},
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def transfer_with_route(db):
    transfer = factories.TransferFactory()
    a, b, c = factories.PlaceFactory(), factories.PlaceFactory(), factories.PlaceFactory()
    RouteLeg.objects.create(transfer=transfer, sequence=1, from_place=a, to_place=b, mode=TransportMode.SEA)
    return transfer, (a, b, c)


# =========================================================================== case 6: lost updates


def test_case6_two_clients_with_the_same_etag_replace_a_route_only_one_wins(analyst, transfer_with_route):
    transfer, (a, b, c) = transfer_with_route
    seen = etag(transfer)
    url = f"/api/v1/transfers/{transfer.pk}/route/"
    first = api_for(analyst).put(url, {"legs": [{"from_place": a.pk, "to_place": c.pk, "mode": "rail"}]},
                                 format="json", HTTP_IF_MATCH=seen)
    assert first.status_code == 200, first.json()
    assert first["ETag"] != seen  # the route is part of the transfer: its version moved on
    second = api_for(analyst).put(url, {"legs": [{"from_place": b.pk, "to_place": c.pk, "mode": "road"}]},
                                  format="json", HTTP_IF_MATCH=seen)
    assert second.status_code == 412, second.json()
    assert [(leg.from_place_id, leg.to_place_id) for leg in transfer.legs.all()] == [(a.pk, c.pk)]


def test_case6_two_clients_with_the_same_etag_change_links_only_one_wins(analyst, db):
    one, two, three = factories.StateFactory(), factories.StateFactory(), factories.StateFactory()
    statement = factories.StatementFactory(on_behalf_of=[one])
    seen = etag(statement)
    url = f"/api/v1/statements/{statement.pk}/"
    first = api_for(analyst).patch(url, {"on_behalf_of": [two.pk]}, format="json", HTTP_IF_MATCH=seen)
    assert first.status_code == 200, first.json()
    second = api_for(analyst).patch(url, {"on_behalf_of": [three.pk]}, format="json", HTTP_IF_MATCH=seen)
    assert second.status_code == 412, second.json()
    assert list(statement.on_behalf_of.values_list("pk", flat=True)) == [two.pk]

    allegation = allegation_create(allegation=Allegation(title="Shells by rail"), by=analyst)
    t1, t2 = factories.TransferFactory(), factories.TransferFactory()
    seen = etag(allegation)
    url = f"/api/v1/allegations/{allegation.pk}/"
    assert api_for(analyst).patch(url, {"transfers": [t1.pk]}, format="json",
                                  HTTP_IF_MATCH=seen).status_code == 200
    assert api_for(analyst).patch(url, {"transfers": [t2.pk]}, format="json",
                                  HTTP_IF_MATCH=seen).status_code == 412
    assert list(allegation.transfers.values_list("pk", flat=True)) == [t1.pk]


def test_case6_the_services_refuse_a_stale_version_for_routes_and_links(analyst, transfer_with_route):
    transfer, (a, b, c) = transfer_with_route
    stale = transfer.version
    transfer_set_route(transfer=transfer, legs=[LegData(from_place=a, to_place=c, mode="rail")], by=analyst)
    assert transfer.version == stale + 1
    with pytest.raises(ConcurrentEdit):
        transfer_set_route(transfer=transfer, legs=[LegData(from_place=b, to_place=c, mode="rail")],
                           by=analyst, expected_version=stale)
    statement = factories.StatementFactory()
    stale = statement.version
    record_set_related(instance=statement, field="on_behalf_of", values=[factories.StateFactory()], by=analyst)
    assert Statement.objects.get(pk=statement.pk).version == stale + 1
    with pytest.raises(ConcurrentEdit):
        record_set_related(instance=statement, field="on_behalf_of", values=[factories.StateFactory()],
                           by=analyst, expected_version=stale)


def test_case6_if_match_star_is_refused_with_428(analyst, transfer_with_route):
    transfer, (a, b, c) = transfer_with_route
    client = api_for(analyst)
    route = client.put(f"/api/v1/transfers/{transfer.pk}/route/",
                       {"legs": [{"from_place": a.pk, "to_place": c.pk, "mode": "rail"}]},
                       format="json", HTTP_IF_MATCH="*")
    assert route.status_code == 428 and "If-Match" in route.json()["detail"]
    patch = client.patch(f"/api/v1/transfers/{transfer.pk}/", {"title": "Renamed"}, format="json",
                         HTTP_IF_MATCH="*")
    assert patch.status_code == 428
    delete = client.delete(f"/api/v1/transfers/{transfer.pk}/", HTTP_IF_MATCH="*")
    assert delete.status_code == 428
    transfer.refresh_from_db()
    assert transfer.title != "Renamed" and transfer.legs.get().to_place_id == b.pk


PARALLEL_WRITES = textwrap.dedent('''
    import json, threading
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0, interactive=False)
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient
    from tests import factories

    user = User.objects.create_user("anna", password="x")
    user.groups.add(Group.objects.get(name="analyst"))
    token = Token.objects.create(user=user).key
    results = []
    places = [factories.PlaceFactory() for _ in range(9)]
    for round_ in range(4):
        if round_ < 3:  # an edit of a statement's text
            row = factories.StatementFactory()
            url, method = f"/api/v1/statements/{row.pk}/", "patch"
            payload = lambda n: {"gist": f"edit {n}"}
        else:  # a transfer's route replaced
            row = factories.TransferFactory()
            url, method = f"/api/v1/transfers/{row.pk}/route/", "put"
            payload = lambda n: {"legs": [{"from_place": places[0].pk, "to_place": places[n + 1].pk,
                                           "mode": "sea"}]}
        etag = f'"{row.pk}-{row.version}"'
        start = threading.Barrier(8)

        def edit(n):
            client = APIClient(raise_request_exception=False)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
            start.wait()
            response = getattr(client, method)(url, payload(n), format="json", HTTP_IF_MATCH=etag)
            results.append(response.status_code)

        threads = [threading.Thread(target=edit, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print("RESULTS", json.dumps(sorted(results)))
''')


def test_case6_parallel_writes_on_the_sqlite_quickstart_end_as_412_not_500(tmp_path):
    """Eight clients holding the same ETag, four times (three edits of a statement, one route
    replaced), on a file SQLite database (the embedded quickstart's shape): one wins each time,
    the others are 412; none is a 500 "database is locked"."""
    script = tmp_path / "parallel.py"
    script.write_text(PARALLEL_WRITES)
    keep = {k: v for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env = {**keep, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "1",
           "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "s" * 60,
           "ALLOWED_HOSTS": "testserver", "PYTHONPATH": str(ROOT), "LOG_LEVEL": "CRITICAL"}
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    line = [out for out in result.stdout.splitlines() if out.startswith("RESULTS")][-1]
    statuses = json.loads(line.split(" ", 1)[1])
    assert 500 not in statuses, statuses
    assert statuses.count(200) == 4 and statuses.count(412) == 28, statuses


# =========================================================================== case 7: doors left open


@pytest.mark.parametrize("form", ["login", "admin:login"])
def test_case7_thirty_wrong_passwords_are_throttled_and_the_right_one_refused_until_the_lockout_ends(
    client, analyst, settings, form
):
    url = reverse(form)
    statuses = [client.post(url, {"username": analyst.username, "password": f"wrong-{n}"}).status_code
                for n in range(30)]
    assert statuses[0] == 200  # the form again, with the error
    limit = getattr(settings, "AXES_FAILURE_LIMIT", 5)
    assert statuses[limit:] == [429] * (30 - limit)  # locked out: the lockout page, not the form
    right = client.post(url, {"username": analyst.username, "password": PASSWORD})
    assert right.status_code == 429
    assert "Too many failed logins" in right.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out for this username (the lock is per username and address).
    other = client.post(url, {"username": analyst.username, "password": PASSWORD}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    client.logout()

    # The cool-off ends (its clock moved past it): the right password works again.
    from axes.models import AccessAttempt

    cool_off = settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - dt.timedelta(seconds=1))
    after = client.post(url, {"username": analyst.username, "password": PASSWORD})
    assert after.status_code == 302 and client.session["_auth_user_id"] == str(analyst.pk)


def test_case7_an_administrator_can_lift_a_lockout(client, analyst, settings):
    for n in range(getattr(settings, "AXES_FAILURE_LIMIT", 5)):
        client.post(reverse("login"), {"username": analyst.username, "password": f"wrong-{n}"})
    assert client.post(reverse("login"), {"username": analyst.username, "password": PASSWORD}).status_code == 429
    call_command("axes_reset_username", analyst.username, stdout=open(os.devnull, "w"))
    assert client.post(reverse("login"), {"username": analyst.username, "password": PASSWORD}).status_code == 302


def test_case7_debug_off_without_a_secret_key_refuses_to_start():
    result = _manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY is not set" in result.stderr
    given = _manage("check", "--deploy", "--fail-level", "WARNING",
                    env={"DEBUG": "0", "SECRET_KEY": "k" * 30 + "-from-the-environment-" + "z" * 30,
                         "ALLOWED_HOSTS": "tracker.example.org"})
    assert given.returncode == 0, given.stdout + given.stderr


def test_case7_the_schema_and_its_documentation_need_a_login(viewer, client):
    schema = APIClient().get("/api/v1/schema/")
    assert schema.status_code in (401, 403)
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith(reverse("login"))
    assert api_for(viewer).get("/api/v1/schema/").status_code == 200
    client.force_login(viewer)
    assert client.get("/api/v1/docs/").status_code == 200


def test_case7_the_anonymous_throttle_fires(db):
    anonymous = APIClient()
    statuses = [anonymous.get("/api/v1/allegations/").status_code for _ in range(61)]
    assert set(statuses[:60]) == {401}
    assert statuses[60] == 429


def test_case7_the_fetch_allow_list_is_scoped_to_host_and_port():
    with pytest.raises(FetchError, match="loopback"):
        check_url("http://127.0.0.1:6379/", allowed_hosts=["127.0.0.1"])
    assert check_url("http://127.0.0.1:8123/", allowed_hosts=["127.0.0.1:8123"]).port == 8123
    with pytest.raises(FetchError, match="loopback"):
        check_url("http://127.0.0.1:6379/", allowed_hosts=["127.0.0.1:8123"])


def test_case7_the_fetch_allow_list_is_refused_in_production():
    result = _manage("check", env={"DEBUG": "0", "SECRET_KEY": "s" * 60,
                                   "INGESTION_ALLOWED_HOSTS": "127.0.0.1:8123"})
    assert result.returncode != 0 and "INGESTION_ALLOWED_HOSTS" in result.stderr


def test_case7_every_link_of_the_api_root_points_to_the_api(viewer):
    links = api_for(viewer).get("/api/v1/").json()
    assert len(links) == 12
    assert all(url.startswith("http://testserver/api/v1/") for url in links.values()), links
    assert links["allegations"] == "http://testserver/api/v1/allegations/"


# =========================================================================== case 8: bad input


def test_case8_a_statement_with_no_originator_is_refused(analyst, db):
    client = api_for(analyst)
    created = client.post("/api/v1/statements/", {"on_behalf_of": [], "stance": "asserts", "gist": "Said."},
                          format="json")
    assert created.status_code == 400 and "on_behalf_of" in created.json()
    assert not Statement.objects.exists()
    statement = factories.StatementFactory()
    emptied = client.patch(f"/api/v1/statements/{statement.pk}/", {"on_behalf_of": []}, format="json",
                           HTTP_IF_MATCH=etag(statement))
    assert emptied.status_code == 400 and "on_behalf_of" in emptied.json()
    with pytest.raises(DomainError, match="originator"):
        record_set_related(instance=statement, field="on_behalf_of", values=[], by=analyst)
    assert statement.on_behalf_of.count() == 1


def test_case8_a_viewer_as_assigned_reviewer_is_refused(analyst, viewer, reviewer, client, db):
    client_api = api_for(analyst)
    created = client_api.post("/api/v1/allegations/", {"title": "Shells by sea", "assigned_reviewer": viewer.pk},
                              format="json")
    assert created.status_code == 400 and "assigned_reviewer" in created.json(), created.json()
    assert "reviewer" in str(created.json()["assigned_reviewer"])
    allegation = allegation_create(allegation=Allegation(title="Shells by rail"), by=analyst)
    patched = client_api.patch(f"/api/v1/allegations/{allegation.pk}/", {"assigned_reviewer": analyst.pk},
                               format="json", HTTP_IF_MATCH=etag(allegation))
    assert patched.status_code == 400 and "assigned_reviewer" in patched.json()
    allegation.refresh_from_db()
    assert allegation.assigned_reviewer is None
    allegation.assigned_reviewer = viewer
    with pytest.raises(ValidationError, match="reviewer"):
        record_save(instance=allegation, by=analyst)
    allegation.assigned_reviewer = reviewer
    record_save(instance=allegation, by=analyst)
    assert Allegation.objects.get(pk=allegation.pk).assigned_reviewer == reviewer


def test_case8_latin1_text_stays_latin1():
    text = ("Le ministre a déclaré à la presse que les munitions étaient arrivées à Rajin, "
            "où les navires attendaient.")
    assert decode_bytes(text.encode("latin-1")) == text
    assert decode_bytes("Voilà à la fin.".encode("latin-1")) == "Voilà à la fin."
    assert decode_bytes("The café’s “quoted” words – a dash.".encode("cp1252")) == \
        "The café’s “quoted” words – a dash."

