"""The REST API: roles, tokens, filters, cursor pages, ETags, the workflow's four eyes, and
submitting an article."""


import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.choices import EvidentiaryStatus, RequestState
from compliance.models import Allegation, Place, StatusChangeRequest
from ingestion.choices import ProposalKind, ProposalState, SubmissionState
from ingestion.models import Proposal
from tests import factories

NAJIN = "dprk-russia-najin-dunay-2023"
S = EvidentiaryStatus


@pytest.fixture
def najin(seeded):
    return Allegation.objects.get(ref=NAJIN)


def api_for(user) -> APIClient:
    """A system's client: authenticated by its token, as an integration would be."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


# --------------------------------------------------------------------------- access


def test_anonymous_requests_are_refused(db):
    response = APIClient().get("/api/v1/allegations/")
    assert response.status_code in (401, 403)


def test_a_bad_token_is_refused(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/allegations/").status_code == 401


def test_a_viewer_reads_but_cannot_write(viewer, najin):
    client = api_for(viewer)
    assert client.get("/api/v1/allegations/").status_code == 200
    response = client.post("/api/v1/actors/", {"name": "Someone", "kind": "person"}, format="json")
    assert response.status_code == 403
    assert "analyst role" in response.json()["detail"]


def test_unknown_ids_are_404(viewer, seeded):
    client = api_for(viewer)
    for path in ("allegations", "transfers", "statements", "actors", "articles", "proposals", "submissions"):
        assert client.get(f"/api/v1/{path}/999999/").status_code == 404, path


# --------------------------------------------------------------------------- reading


def test_list_allegations_filtered_by_status_and_resolution(viewer, najin):
    client = api_for(viewer)
    response = client.get("/api/v1/allegations/", {"status": najin.status, "resolution":
                                                    najin.provisions.first().resolution_id})
    assert response.status_code == 200
    refs = [row["ref"] for row in response.json()["results"]]
    assert NAJIN in refs
    other = [s for s in S.values if s != najin.status][0]
    response = client.get("/api/v1/allegations/", {"status": other, "q": "Najin"})
    assert response.json()["results"] == []


def test_an_invalid_filter_is_a_400_with_the_field(viewer, seeded):
    response = api_for(viewer).get("/api/v1/allegations/", {"status": "nonsense"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_read_one_allegation_with_its_statements_route_and_suggestion(viewer, najin):
    response = api_for(viewer).get(f"/api/v1/allegations/{najin.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == f'"{najin.pk}-{najin.version}"'
    originators = {name for link in body["statements"] for name in link["statement"]["on_behalf_of_names"]}
    assert {"White House", "UK Ministry of Defence"} & originators
    [transfer] = body["transfer_details"]
    route = [transfer["legs"][0]["from_place"]["name"]] + [leg["to_place"]["name"] for leg in transfer["legs"]]
    assert [name.split()[0] for name in route][:1] and len(route) == 3
    assert any("Tikhoretsk" in name for name in route)
    assert body["suggested_status"]["status"] in S.values and body["suggested_status"]["reasons"]
    assert body["history"][0]["to_status"] == najin.transitions.first().to_status


def test_cursor_pages_cover_every_row_once(viewer, seeded):
    for _ in range(7):
        factories.AllegationFactory()
    client = api_for(viewer)
    seen, url = [], "/api/v1/allegations/?page_size=3"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(Allegation.objects.values_list("pk", flat=True))
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("path", ["allegations", "statements", "transfers", "actors", "vessels", "documents",
                                  "evidence", "resolutions", "places", "articles", "proposals", "submissions"])
def test_list_query_count_does_not_depend_on_page_size(viewer, najin, path, django_assert_max_num_queries):
    for _ in range(6):
        statement = factories.StatementFactory(documents=[factories.SourceDocumentFactory()])
        factories.AllegationStatementFactory(statement=statement)
        transfer = factories.TransferFactory()
        factories.RouteLegFactory(transfer=transfer, sequence=1)
        factories.TransferItemFactory(transfer=transfer)
    client = api_for(viewer)
    client.get(f"/api/v1/{path}/?page_size=2")
    with django_assert_max_num_queries(15) as small:
        client.get(f"/api/v1/{path}/?page_size=2")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(f"/api/v1/{path}/?page_size=200").status_code == 200


def test_retrieve_query_count_does_not_grow_with_statements(viewer, najin, django_assert_max_num_queries):
    client = api_for(viewer)
    client.get(f"/api/v1/allegations/{najin.pk}/")
    with django_assert_max_num_queries(40) as before:
        client.get(f"/api/v1/allegations/{najin.pk}/")
    for _ in range(5):
        statement = factories.StatementFactory(documents=[factories.SourceDocumentFactory()])
        factories.AllegationStatementFactory(allegation=najin, statement=statement)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(f"/api/v1/allegations/{najin.pk}/")


# --------------------------------------------------------------------------- writing


def test_update_needs_the_version_and_refuses_a_stale_one(analyst, najin):
    client = api_for(analyst)
    url = f"/api/v1/allegations/{najin.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"summary": "No version given."}, format="json").status_code == 428
    response = client.patch(url, {"summary": "A clearer summary."}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()
    assert response["ETag"] != etag
    stale = client.patch(url, {"summary": "Written from an old read."}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    najin.refresh_from_db()
    assert najin.summary == "A clearer summary."


def test_status_is_never_written_by_patch(reviewer, najin):
    client = api_for(reviewer)
    url = f"/api/v1/allegations/{najin.pk}/"
    before = najin.status
    response = client.patch(url, {"status": S.CONFIRMED, "version": najin.version}, format="json")
    assert response.status_code == 200
    najin.refresh_from_db()
    assert najin.status == before


def test_invalid_input_is_a_400_with_field_messages(analyst, seeded):
    client = api_for(analyst)
    response = client.post("/api/v1/places/", {"name": "Nowhere", "kind": "port", "latitude": 123,
                                               "longitude": 0}, format="json")
    assert response.status_code == 400
    assert "latitude" in response.json()
    response = client.post("/api/v1/vessels/", {"name": "Bad IMO", "imo_number": "1234568"}, format="json")
    assert response.status_code == 400 and "imo_number" in response.json()


def test_created_rows_are_audited_with_the_reason(analyst, seeded):
    from compliance.models import AuditEntry

    response = api_for(analyst).post("/api/v1/places/", {
        "name": "Rason rail yard", "kind": "depot", "country": "KP", "latitude": "42.26", "longitude": "130.29",
    }, format="json", HTTP_X_CHANGE_REASON="Seen in imagery.")
    assert response.status_code == 201, response.json()
    place = Place.objects.get(name="Rason rail yard")
    entry = AuditEntry.objects.filter(model="compliance.Place", object_id=str(place.pk)).get()
    assert (entry.reason, entry.user) == ("Seen in imagery.", analyst)


def test_a_protected_row_is_refused_not_cascaded(analyst, najin):
    statement = najin.statement_links.first().statement
    client = api_for(analyst)
    response = client.delete(f"/api/v1/statements/{statement.pk}/", HTTP_IF_MATCH=f'"{statement.pk}-'
                             f'{statement.version}"')
    assert response.status_code in (400, 409)
    assert najin.statement_links.filter(statement=statement).exists()


# --------------------------------------------------------------------------- the workflow


def test_four_eyes_through_the_api(reviewer, second_reviewer, najin):
    url = f"/api/v1/allegations/{najin.pk}/"
    mine = api_for(reviewer)
    response = mine.post(url + "transition/", {"to_status": S.CONFIRMED, "expected_version": najin.version,
                                               "rationale": "Two governments and imagery concur."}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == RequestState.PENDING and response.json()["needs_four_eyes"]
    request_id = response.json()["id"]
    own = mine.post(url + "decide/", {"request": request_id, "approve": True}, format="json")
    assert own.status_code == 403 and "four eyes" in own.json()["detail"]
    theirs = api_for(second_reviewer).post(url + "decide/", {"request": request_id, "approve": True,
                                                             "note": "Agreed."}, format="json")
    assert theirs.status_code == 200 and theirs.json()["state"] == RequestState.APPROVED
    najin.refresh_from_db()
    assert najin.status == S.CONFIRMED


def test_an_analyst_cannot_decide_and_a_disallowed_move_is_a_400(analyst, najin):
    client = api_for(analyst)
    url = f"/api/v1/allegations/{najin.pk}/"
    response = client.post(url + "transition/", {"to_status": S.DISPUTED, "expected_version": najin.version,
                                                 "rationale": "Credible contrary reporting."}, format="json")
    assert response.status_code == 201
    request = StatusChangeRequest.objects.get(pk=response.json()["id"])
    assert client.post(url + "decide/", {"request": request.pk, "approve": True}, format="json").status_code == 403
    missing = client.post(url + "transition/", {"to_status": S.CONFIRMED}, format="json")
    assert missing.status_code == 400 and "rationale" in missing.json()


def test_a_stale_transition_is_refused(reviewer, najin):
    response = api_for(reviewer).post(f"/api/v1/allegations/{najin.pk}/transition/", {
        "to_status": S.DISPUTED, "expected_version": najin.version + 5,
        "rationale": "Proposed from an old read of the record."}, format="json")
    assert response.status_code == 412


def test_replace_a_route(analyst, najin):
    transfer = najin.transfers.first()
    places = list(Place.objects.filter(latitude__isnull=False)[:3])
    client = api_for(analyst)
    url = f"/api/v1/transfers/{transfer.pk}/route/"
    response = client.put(url, {"legs": [
        {"from_place": places[0].pk, "to_place": places[1].pk, "mode": "sea"},
        {"from_place": places[1].pk, "to_place": places[2].pk, "mode": "rail"},
    ]}, format="json", HTTP_IF_MATCH=f'"{transfer.pk}-{transfer.version}"')
    assert response.status_code == 200, response.json()
    assert [leg["mode"] for leg in response.json()["legs"]] == ["sea", "rail"]
    broken = client.put(url, {"legs": [
        {"from_place": places[0].pk, "to_place": places[1].pk, "mode": "sea"},
        {"from_place": places[0].pk, "to_place": places[2].pk, "mode": "rail"},
    ]}, format="json", HTTP_IF_MATCH=response["ETag"])
    assert broken.status_code == 400


def test_a_route_replaced_with_a_stale_etag_is_refused(analyst, najin):
    transfer = najin.transfers.first()
    places = list(Place.objects.filter(latitude__isnull=False)[:3])
    client = api_for(analyst)
    url = f"/api/v1/transfers/{transfer.pk}/route/"
    read = f'"{transfer.pk}-{transfer.version}"'
    legs = [{"from_place": places[0].pk, "to_place": places[1].pk, "mode": "sea"}]
    first = client.put(url, {"legs": legs}, format="json", HTTP_IF_MATCH=read)
    assert first.status_code == 200 and first["ETag"] == f'"{transfer.pk}-{transfer.version + 1}"'
    stale = client.put(url, {"legs": [{**legs[0], "mode": "rail"}]}, format="json", HTTP_IF_MATCH=read)
    assert stale.status_code == 412 and "not replaced" in stale.json()["detail"]
    assert client.put(url, {"legs": legs}, format="json").status_code == 428


@pytest.mark.parametrize("header", ["*", 'W/"*"', '"1-1", "1-2"'])
def test_if_match_must_name_one_etag(analyst, db, header):
    transfer = factories.TransferFactory()
    response = api_for(analyst).patch(f"/api/v1/transfers/{transfer.pk}/", {"title": "Renamed"},
                                      format="json", HTTP_IF_MATCH=header)
    assert response.status_code in (412, 428)
    if header == "*":
        assert response.status_code == 428 and "not accepted" in response.json()["detail"]
    transfer.refresh_from_db()
    assert transfer.title != "Renamed"


def test_a_link_change_moves_the_etag_on(analyst, db):
    statement = factories.StatementFactory()
    other = factories.StateFactory()
    response = api_for(analyst).patch(f"/api/v1/statements/{statement.pk}/", {"on_behalf_of": [other.pk]},
                                      format="json", HTTP_IF_MATCH=f'"{statement.pk}-{statement.version}"')
    assert response.status_code == 200
    assert response.json()["version"] == statement.version + 1
    assert response["ETag"] == f'"{statement.pk}-{statement.version + 1}"'


def test_a_statement_needs_an_originator_and_an_allegation_a_reviewer_as_reviewer(analyst, viewer, db):
    client = api_for(analyst)
    response = client.post("/api/v1/statements/", {"stance": "asserts", "gist": "Said."}, format="json")
    assert response.status_code == 400 and "on_behalf_of" in response.json()
    response = client.post("/api/v1/allegations/", {"title": "T", "assigned_reviewer": viewer.pk}, format="json")
    assert response.status_code == 400
    assert "needs the reviewer or administrator role" in response.json()["assigned_reviewer"][0]


def test_the_api_root_lists_the_api(viewer, db):
    links = api_for(viewer).get("/api/v1/").json()
    assert set(links) >= {"allegations", "transfers", "statements", "actors", "articles", "proposals"}
    assert all("/api/v1/" in url for url in links.values())


def test_anonymous_callers_are_throttled(db, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**AnonRateThrottle.THROTTLE_RATES, "anon": "3/minute"})
    statuses = [APIClient().get("/api/v1/allegations/").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


# --------------------------------------------------------------------------- ingestion


def test_submit_an_article_and_follow_it(analyst, seeded, django_capture_on_commit_callbacks):
    client = api_for(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/submissions/", {
            "title": "Shells by rail",
            "text": "The White House said on Friday that North Korea had delivered more than 1,000 containers "
                    "of munitions to Russia by rail. Pyongyang denied it.",
        }, format="json")
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["task_id"].startswith(f"ingest-submission-{body['id']}")
    assert response["Location"] == body["status_url"]
    status = client.get(body["status_url"]).json()
    assert status["state"] == SubmissionState.INGESTED and status["article"]


def test_an_article_lists_the_known_records_it_names(analyst, seeded, django_capture_on_commit_callbacks):
    client = api_for(analyst)
    text = ("The White House said on Friday that North Korea had shipped munitions from Najin to Russia. "
            "Pyongyang denied it; North Korea has done so before.")
    with django_capture_on_commit_callbacks(execute=True):
        body = client.post("/api/v1/submissions/", {"title": "Shells", "text": text}, format="json").json()
    article = client.get(body["status_url"]).json()["article"]
    detail = client.get(f"/api/v1/articles/{article}/").json()
    named = {(e["record"]["kind"], e["record"]["name"]): e for e in detail["entities"]}
    dprk = named[("actor", "DPRK")]
    assert dprk["category"] == "country" and dprk["count"] == 3
    assert set(dprk["written"]) == {"North Korea", "Pyongyang"}
    assert detail["text"][dprk["first"]:].startswith("North Korea")
    port = next(e for (kind, _), e in named.items() if kind == "place")
    assert port["written"] == ["Najin"] and port["record"]["id"]
    assert "entities" not in client.get("/api/v1/articles/").json()["results"][0]


def test_submitting_nothing_or_two_things_is_a_400(analyst, seeded):
    client = api_for(analyst)
    assert client.post("/api/v1/submissions/", {}, format="json").status_code == 400
    both = client.post("/api/v1/submissions/", {"text": "x", "url": "https://example.org/"}, format="json")
    assert both.status_code == 400


def test_submitting_an_internal_url_is_refused(analyst, seeded):
    response = api_for(analyst).post("/api/v1/submissions/", {"url": "http://169.254.169.254/latest/"},
                                     format="json")
    assert response.status_code == 400 and "url" in response.json()


def test_accept_and_reject_proposals(analyst, viewer, seeded, django_capture_on_commit_callbacks):
    client = api_for(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/submissions/", {"text": (
            "The White House said on Friday that North Korea had delivered more than 1,000 containers of "
            "munitions to Russia. A new group called the Sariwon Trading Bureau arranged the shipments, "
            "officials said.")}, format="json")
    proposal = Proposal.objects.filter(state=ProposalState.PENDING).exclude(kind=ProposalKind.ENTITY).first()
    assert api_for(viewer).post(f"/api/v1/proposals/{proposal.pk}/reject/", {"note": "no"},
                                format="json").status_code == 403
    assert client.post(f"/api/v1/proposals/{proposal.pk}/reject/", {}, format="json").status_code == 400
    response = client.post(f"/api/v1/proposals/{proposal.pk}/reject/", {"note": "Not relevant."}, format="json")
    assert response.status_code == 200 and response.json()["state"] == ProposalState.REJECTED
    again = client.post(f"/api/v1/proposals/{proposal.pk}/accept/", {}, format="json")
    assert again.status_code == 400 and "already rejected" in again.json()["detail"]


# --------------------------------------------------------------------------- documentation


def test_the_schema_and_its_documentation_need_a_login(client, db):
    assert APIClient().get("/api/v1/schema/").status_code == 401
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/?next=")


def test_the_schema_and_its_documentation_are_served_from_the_project(viewer, db):
    client = api_for(viewer)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/allegations/{id}/transition/" in schema.content
    client.force_login(viewer)
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "https://" not in html
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "<script>" not in html  # the split view: no inline script, the CSP holds


@pytest.mark.parametrize("path,param", [("proposals", "article"), ("proposals", "suggested_allegation"),
                                        ("statements", "allegation"), ("transfers", "allegation"),
                                        ("allegations", "originator")])
def test_an_id_beyond_the_database_range_is_a_400_not_a_500(viewer, db, path, param):
    response = api_for(viewer).get(f"/api/v1/{path}/", {param: "-40036524014283145216"})
    assert response.status_code == 400 and param in response.json()


@pytest.mark.slow
def test_the_documentation_page_loads_nothing_from_elsewhere_in_a_browser(transactional_db, viewer, live_server):
    """Swagger UI from the sidecar's static files, under the CSP: no console error, no request
    to another host."""
    import shutil

    from tests.browser.test_review_flow import CHROMIUM, PASSWORD

    if not shutil.which(CHROMIUM) and not __import__("pathlib").Path(CHROMIUM).exists():
        pytest.skip("no Chromium")
    import os

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            problems, hosts = [], set()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
            page.goto(live_server.url + "/accounts/login/")
            page.fill("#id_username", viewer.username)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.goto(live_server.url + "/api/v1/docs/")
            page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert problems == []
    assert hosts == {live_server.url.split("/")[2]}


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["corroborated", "disputed", "retracted"])
def test_an_analyst_cannot_open_an_allegation_beyond_reported(analyst, reviewer, status):
    body = {"title": "Shells via Rajin", "initial_status": status,
            "rationale": "Two independent governments say the deliveries happened."}
    response = api_for(analyst).post("/api/v1/allegations/", body, format="json",
                                     HTTP_X_CHANGE_REASON="Opening it.")
    assert response.status_code == 403 and response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("Only a reviewer can open an allegation as")
    assert not Allegation.objects.exists()

    response = api_for(reviewer).post("/api/v1/allegations/", body, format="json",
                                      HTTP_X_CHANGE_REASON="Opening it.")
    assert response.status_code == 201, response.json()
    assert Allegation.objects.get().status == status


@pytest.mark.django_db
def test_no_one_opens_an_allegation_as_a_final_judgement_through_the_api(reviewer, analyst):
    response = api_for(reviewer).post("/api/v1/allegations/", {
        "title": "Shells via Rajin", "initial_status": "confirmed",
        "rationale": "Two independent governments say the deliveries happened."}, format="json")
    assert response.status_code == 400 and "initial_status" in response.json()
    response = api_for(analyst).post("/api/v1/allegations/", {"title": "Shells via Rajin"}, format="json",
                                     HTTP_X_CHANGE_REASON="Opening it.")
    assert response.status_code == 201 and Allegation.objects.get().status == EvidentiaryStatus.REPORTED
