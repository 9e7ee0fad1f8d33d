"""The staff pages of the record: login, roles, the dossier and its four-eyes decisions,
the lists with their filters and exports, escaping and the Content-Security-Policy."""

import io

import pytest
from django.urls import reverse

from compliance.choices import EvidentiaryStatus, RequestState, Stance
from compliance.models import Allegation, StatusChangeRequest, StatusTransition, TransferSource
from tests import factories

NAJIN = "dprk-russia-najin-dunay-2023"
S = EvidentiaryStatus


@pytest.fixture
def najin(seeded):
    return Allegation.objects.get(ref=NAJIN)


def _dossier(client, allegation):
    return client.get(reverse("allegation-detail", args=[allegation.pk]))


PAGES = ["dashboard", "allegation-list", "transfer-list", "statement-list", "actor-list", "vessel-list",
         "proposal-queue", "article-list"]


# --------------------------------------------------------------------------- access


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_anonymous_cannot_post_a_status_change(client, najin):
    response = client.post(reverse("allegation-detail", args=[najin.pk]),
                           {"action": "propose", "to_status": S.CORROBORATED, "rationale": "x" * 30,
                            "expected_version": najin.version})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not StatusChangeRequest.objects.exists()


def test_a_user_without_a_role_is_refused(client, db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("nobody", password="pw-for-tests-only")
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_every_page_opens_for_a_viewer(client, viewer, seeded, name):
    client.force_login(viewer)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert b"Log out" in response.content


def test_login_page_logs_in_and_lands_on_the_dashboard(client, analyst):
    response = client.post(reverse("login"), {"username": analyst.username, "password": "pw-for-tests-only"})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    page = client.get(reverse("dashboard"))
    assert b"Analyst" in page.content


def test_wrong_password_is_refused_with_a_message(client, analyst):
    response = client.post(reverse("login"), {"username": analyst.username, "password": "wrong"})
    assert response.status_code == 200
    assert b"did not match" in response.content


def test_navigation_shows_data_entry_only_to_analysts_and_above(client, viewer, analyst):
    client.force_login(viewer)
    assert b"Data entry (admin)" not in client.get(reverse("dashboard")).content
    client.force_login(analyst)
    assert b"Data entry (admin)" in client.get(reverse("dashboard")).content


# --------------------------------------------------------------------------- dossier


def test_the_dossier_shows_provisions_matrix_timeline_route_and_status(client, viewer, najin):
    client.force_login(viewer)
    response = _dossier(client, najin)
    assert response.status_code == 200
    html = response.content.decode()
    assert "OP8" in html and "1718" in html  # the provisions it would breach
    matrix = html[html.index('id="matrix"'):html.index('id="timeline"')]
    for originator in ("United States", "United Kingdom", "North Korea", "Russia"):
        assert originator in matrix, originator
    assert "Declines to comment" in matrix and "Denies" in matrix
    assert 'class="chip chip--doc"' in matrix  # articles numbered per originator
    timeline = html[html.index('id="timeline"'):html.index('id="route"')]
    assert "<svg" in timeline
    route = html[html.index('id="route"'):html.index('id="statements"')]
    for place in ("Najin", "Dunay", "Tikhoretsk"):
        assert place in route, place
    assert "route-map" in route
    assert "the record suggests" in html


def test_the_matrix_files_each_stance_by_the_stance_table(client, viewer, db):
    from compliance.choices import Bearing
    from compliance.stances import STANCES

    allegation = factories.AllegationFactory()
    allegation.transfers.add(factories.TransferFactory())
    us, uk = factories.StateFactory(name="United States"), factories.StateFactory(name="United Kingdom")
    condemns = factories.StatementFactory(stance=Stance.CONDEMNS, on_behalf_of=[us])
    warns = factories.StatementFactory(stance=Stance.WARNS, on_behalf_of=[uk])
    for statement in (condemns, warns):  # both linked as support by a person
        factories.AllegationStatementFactory(allegation=allegation, statement=statement, bearing=Bearing.SUPPORTS)
    client.force_login(viewer)
    response = _dossier(client, allegation)
    dossier = response.context["dossier"]
    rows = {row.root.name: row for row in dossier.matrix}
    assert list(rows["United States"].cells) == [STANCES[Stance.CONDEMNS].matrix_column]
    assert list(rows["United Kingdom"].cells) == [STANCES[Stance.WARNS].matrix_column]
    assert [row.root.name for row in dossier.independent_supporters] == ["United States"]
    html = response.content.decode()
    matrix = html[html.index('id="matrix"'):html.index('id="timeline"')]
    assert "Asserts or condemns" in matrix and "Warns (context)" in matrix
    assert matrix.count("context only</span>") == 2  # the warning, and the sentence above the table
    assert STANCES[Stance.WARNS].meaning in matrix  # the legend


def test_the_matrix_groups_a_states_bodies_under_one_originator(client, viewer, najin):
    client.force_login(viewer)
    dossier = _dossier(client, najin).context["dossier"]
    roots = [row.root.name for row in dossier.matrix]
    assert len(roots) == len(set(roots))
    us = next(row for row in dossier.matrix if row.root.country == "US" or "United States" in row.root.name)
    assert len(us.documents) >= 1
    parties = {row.root.name for row in dossier.matrix if row.is_party}
    assert parties  # the DPRK and Russia deny: they are parties to the transfer
    assert all(not row.is_party for row in dossier.independent_supporters)


def test_a_viewer_sees_no_transition_form_and_cannot_post_one(client, viewer, najin):
    client.force_login(viewer)
    assert b'id="transition-form"' not in _dossier(client, najin).content
    response = client.post(reverse("allegation-detail", args=[najin.pk]), {
        "action": "propose", "to_status": S.CONFIRMED, "rationale": "A viewer tries to confirm this claim.",
        "expected_version": najin.version,
    }, follow=True)
    assert not StatusChangeRequest.objects.filter(allegation=najin).exists()
    assert b"analyst role" in response.content


def test_four_eyes_confirmation_through_the_dossier(client, reviewer, second_reviewer, najin):
    client.force_login(reviewer)
    url = reverse("allegation-detail", args=[najin.pk])
    response = client.post(url, {
        "action": "propose", "to_status": S.CONFIRMED, "expected_version": najin.version,
        "rationale": "Imagery, two independent governments and the Yonhap report concur.",
    }, follow=True)
    assert b"second reviewer" in response.content
    request = StatusChangeRequest.objects.get(allegation=najin, state=RequestState.PENDING)
    najin.refresh_from_db()
    assert najin.status != S.CONFIRMED

    # The proposer cannot confirm their own proposal; the page says why and nothing changes.
    page = _dossier(client, najin).content.decode()
    assert "a second reviewer must approve or reject it" in page
    response = client.post(url, {"action": "approve", "request": request.pk, "note": ""}, follow=True)
    assert "needs four eyes" in response.content.decode()
    najin.refresh_from_db()
    assert najin.status != S.CONFIRMED

    client.force_login(second_reviewer)
    response = client.post(url, {"action": "approve", "request": request.pk, "note": "Agreed."}, follow=True)
    assert b"the status is now confirmed" in response.content
    najin.refresh_from_db()
    assert najin.status == S.CONFIRMED
    last = StatusTransition.objects.filter(allegation=najin).last()
    assert (last.proposed_by, last.decided_by, last.to_status) == (reviewer, second_reviewer, S.CONFIRMED)
    history = _dossier(client, najin).content.decode()
    history = history[history.index('id="history"'):]
    assert "Imagery, two independent governments" in history and second_reviewer.username in history


def test_an_analyst_proposes_and_a_reviewer_rejects_with_a_reason(client, analyst, reviewer, najin):
    client.force_login(analyst)
    url = reverse("allegation-detail", args=[najin.pk])
    client.post(url, {"action": "propose", "to_status": S.DISPUTED, "expected_version": najin.version,
                      "rationale": "Russia's denial should count as credible contrary information."})
    request = StatusChangeRequest.objects.get(allegation=najin, state=RequestState.PENDING)
    response = client.post(url, {"action": "approve", "request": request.pk}, follow=True)
    assert b"reviewer role" in response.content  # an analyst cannot decide
    client.force_login(reviewer)
    response = client.post(url, {"action": "reject", "request": request.pk, "note": ""}, follow=True)
    assert b"Say why you reject" in response.content
    client.post(url, {"action": "reject", "request": request.pk, "note": "A party's denial does not dispute."})
    request.refresh_from_db()
    assert request.state == RequestState.REJECTED
    najin.refresh_from_db()
    assert najin.status != S.DISPUTED


def test_a_rationale_is_required_and_the_form_keeps_what_was_typed(client, reviewer, najin):
    client.force_login(reviewer)
    response = client.post(reverse("allegation-detail", args=[najin.pk]), {
        "action": "propose", "to_status": S.DISPUTED, "expected_version": najin.version, "rationale": "short",
    })
    assert response.status_code == 400
    assert b"at least 15 characters" in response.content
    assert not StatusChangeRequest.objects.filter(allegation=najin).exists()


def test_a_stale_version_is_refused_not_applied(client, reviewer, najin):
    client.force_login(reviewer)
    response = client.post(reverse("allegation-detail", args=[najin.pk]), {
        "action": "propose", "to_status": S.DISPUTED, "expected_version": najin.version - 1 or 99,
        "rationale": "Proposed from a page loaded before someone else's change.",
    })
    assert response.status_code == 400
    assert b"changed by someone else" in response.content
    najin.refresh_from_db()
    assert najin.status != S.DISPUTED


def test_the_dossier_escapes_what_people_and_articles_wrote(client, viewer, db):
    evil = '<script>alert("x")</script>'
    allegation = factories.AllegationFactory(title=f"Claim {evil}", summary=evil)
    statement = factories.StatementFactory(gist=evil, quote=evil, stance=Stance.ASSERTS)
    factories.AllegationStatementFactory(allegation=allegation, statement=statement)
    client.force_login(viewer)
    html = _dossier(client, allegation).content.decode()
    assert evil not in html
    assert "&lt;script&gt;alert(" in html


def test_pages_send_a_content_security_policy_without_inline_scripts(client, viewer, najin):
    client.force_login(viewer)
    response = _dossier(client, najin)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    html = response.content.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    assert "http://" not in html.split("</head>")[0] and "https://" not in html.split("</head>")[0]


def test_dossier_query_count_does_not_grow_with_the_record(client, viewer, najin, django_assert_max_num_queries):
    client.force_login(viewer)
    _dossier(client, najin)
    with django_assert_max_num_queries(40) as small:
        _dossier(client, najin)
    # Ten more statements, each with two sources, and another transfer with legs.
    for _ in range(10):
        statement = factories.StatementFactory(documents=[factories.SourceDocumentFactory(),
                                                          factories.SourceDocumentFactory()])
        factories.AllegationStatementFactory(allegation=najin, statement=statement)
    transfer = factories.TransferFactory()
    factories.RouteLegFactory(transfer=transfer, sequence=1)
    for _ in range(3):
        TransferSource.objects.create(transfer=transfer, document=factories.SourceDocumentFactory())
    najin.transfers.add(transfer)
    with django_assert_max_num_queries(len(small.captured_queries)):
        _dossier(client, najin)


def test_the_dossier_names_the_documents_that_report_each_transfer(client, viewer, najin):
    transfer = najin.transfers.first()
    document = factories.SourceDocumentFactory(title="Satellite images show rail cars at Tumangang")
    TransferSource.objects.create(transfer=transfer, document=document, excerpt="Rail cars were seen.")
    client.force_login(viewer)
    html = _dossier(client, najin).content.decode()
    transfers = html.split("<h3>Transfers</h3>")[1].split("</section>")[0]
    assert "Reported by:" in transfers and "Satellite images show rail cars at Tumangang" in transfers


def test_unknown_allegation_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("allegation-detail", args=[999999])).status_code == 404


# --------------------------------------------------------------------------- lists and exports


def test_allegation_list_filters_by_status_and_search(client, viewer, najin):
    client.force_login(viewer)
    response = client.get(reverse("allegation-list"), {"status": najin.status, "q": "Najin"})
    titles = [a.title for a in response.context["object_list"]]
    assert titles == [najin.title]
    other = [s for s in S.values if s != najin.status][0]
    response = client.get(reverse("allegation-list"), {"status": other, "q": "Najin"})
    assert list(response.context["object_list"]) == []


def test_an_invalid_filter_shows_its_error_and_no_rows(client, viewer, seeded):
    client.force_login(viewer)
    response = client.get(reverse("allegation-list"), {"status": "nonsense"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert b"Select a valid choice" in response.content


def test_the_export_holds_what_the_filtered_list_shows(client, viewer, najin):
    client.force_login(viewer)
    response = client.get(reverse("allegation-export", args=["csv"]), {"q": "Najin"})
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("id,ref,title,status")
    assert len(lines) == 2 and NAJIN in lines[1]
    page = client.get(reverse("allegation-list"), {"q": "Najin"}).content.decode()
    assert reverse("allegation-export", args=["csv"]) + "?q=Najin" in page


@pytest.mark.parametrize("name,export", [("transfer-list", "transfer-export"),
                                         ("statement-list", "statement-export"),
                                         ("actor-list", "actor-export"), ("vessel-list", "vessel-export")])
def test_every_list_exports_the_same_rows(client, viewer, seeded, name, export):
    client.force_login(viewer)
    listed = client.get(reverse(name)).context["page_obj"].paginator.count
    body = b"".join(client.get(reverse(export, args=["csv"])).streaming_content).decode("utf-8-sig")
    import csv

    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) - 1 == listed > 0


def test_csv_cells_that_look_like_formulas_are_defused(client, viewer, db):
    factories.AllegationFactory(title="=HYPERLINK(\"http://evil\")")
    client.force_login(viewer)
    body = b"".join(client.get(reverse("allegation-export", args=["csv"])).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_statement_list_filters_by_stance_and_originator(client, viewer, seeded):
    from compliance.models import Actor

    client.force_login(viewer)
    russia = Actor.objects.get(ref="russia")
    response = client.get(reverse("statement-list"), {"stance": Stance.DENIES, "originator": russia.pk})
    statements = list(response.context["object_list"])
    assert statements and all(s.stance == Stance.DENIES for s in statements)


@pytest.mark.parametrize("name", ["allegation-list", "transfer-list", "statement-list", "actor-list",
                                  "vessel-list"])
def test_list_query_counts_do_not_grow_with_rows(client, viewer, seeded, name, django_assert_max_num_queries):
    client.force_login(viewer)
    client.get(reverse(name))
    with django_assert_max_num_queries(20) as before:
        client.get(reverse(name))
    for _ in range(6):
        statement = factories.StatementFactory(documents=[factories.SourceDocumentFactory()])
        allegation = factories.AllegationFactory()
        factories.AllegationStatementFactory(allegation=allegation, statement=statement)
        transfer = factories.TransferFactory()
        factories.TransferItemFactory(transfer=transfer)
        factories.RouteLegFactory(transfer=transfer, sequence=1)
        allegation.transfers.add(transfer)
        factories.ActorFactory()
        factories.VesselFactory()
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse(name))


def test_transfer_page_shows_the_route_with_its_three_places(client, viewer, najin):
    client.force_login(viewer)
    transfer = najin.transfers.first()
    html = client.get(reverse("transfer-detail", args=[transfer.pk])).content.decode()
    for place in ("Najin", "Dunay", "Tikhoretsk"):
        assert place in html


def test_dashboard_counts_allegations_and_lists_pending_decisions(client, analyst, reviewer, najin):
    client.force_login(analyst)
    client.post(reverse("allegation-detail", args=[najin.pk]), {
        "action": "propose", "to_status": S.DISPUTED, "expected_version": najin.version,
        "rationale": "Contrary information from a credible source.",
    })
    client.force_login(reviewer)
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert najin.title in html and "waiting for a decision" in html.lower()
    counts = dict(response.context["status_counts"])
    assert sum(counts.values()) == Allegation.objects.count()


def test_the_dossier_marks_what_is_new_since_the_last_visit(client, reviewer, analyst, najin):
    client.force_login(reviewer)
    first = _dossier(client, najin)
    assert first.context["since"] is None and b'id="since"' not in first.content
    # Meanwhile an analyst links a new statement and proposes a change.
    statement = factories.StatementFactory(gist="A new claim about the Najin shipments.")
    factories.AllegationStatementFactory(allegation=najin, statement=statement)
    client.force_login(analyst)
    client.post(reverse("allegation-detail", args=[najin.pk]), {
        "action": "propose", "to_status": S.DISPUTED, "expected_version": najin.version,
        "rationale": "New contrary information from a credible source.",
    })
    client.force_login(reviewer)
    second = _dossier(client, najin)
    counts = second.context["new_counts"]
    assert (counts["statements"], counts["decisions"]) == (1, 1)
    html = second.content.decode()
    block = html[html.index(f'id="statement-{statement.pk}"'):][:400]
    assert "badge--new" in block
    third = _dossier(client, najin)
    assert third.context["new_counts"] == {"statements": 0, "documents": 0, "evidence": 0, "decisions": 0}
    assert b"nothing new" in third.content


def test_only_the_admin_may_use_inline_styles_and_scripts_are_strict_everywhere(client, administrator, db):
    client.force_login(administrator)
    admin_policy = client.get(reverse("admin:index"))["Content-Security-Policy"]
    page_policy = client.get(reverse("dashboard"))["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in admin_policy
    assert "'unsafe-inline'" not in page_policy
    for policy in (admin_policy, page_policy):
        script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert script.strip() == "script-src 'self'"


def test_dashboard_query_count_does_not_grow_with_the_record(client, reviewer, najin,
                                                             django_assert_max_num_queries):
    client.force_login(reviewer)
    client.get(reverse("dashboard"))
    with django_assert_max_num_queries(25) as before:
        client.get(reverse("dashboard"))
    for n in range(5):
        allegation = factories.AllegationFactory()
        StatusChangeRequest.objects.create(allegation=allegation, from_status=S.REPORTED, to_status=S.DISPUTED,
                                           allegation_version=1, rationale=f"Reason number {n} for it.",
                                           proposed_by=reviewer)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("dashboard"))


def test_the_dossier_suggests_what_the_selector_suggests(client, viewer, najin):
    from compliance.selectors.allegations import allegation_suggested_status

    client.force_login(viewer)
    shown = _dossier(client, najin).context["dossier"].suggestion
    alone = allegation_suggested_status(allegation=najin)
    assert (shown.status, shown.reasons, shown.best_grade) == (alone.status, alone.reasons, alone.best_grade)


@pytest.mark.parametrize("fmt", ["xlsx", "parquet", "json"])
def test_the_lists_export_what_they_show_in_other_formats(client, viewer, najin, fmt):
    client.force_login(viewer)
    response = client.get(reverse("allegation-export", args=[fmt]), {"q": "Najin"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    body = b"".join(response.streaming_content)
    if fmt == "json":
        import json

        assert [row["ref"] for row in json.loads(body)] == [NAJIN]
    page = client.get(reverse("allegation-list"), {"q": "Najin"}).content.decode()
    assert reverse("allegation-export", args=[fmt]) + "?q=Najin" in page


def test_actor_and_vessel_lists_export_csv_only(client, viewer, seeded):
    client.force_login(viewer)
    assert client.get(reverse("actor-export", args=["xlsx"])).status_code == 404
    assert client.get(reverse("actor-export", args=["csv"])).status_code == 200


@pytest.mark.django_db
def test_a_withdrawn_statement_stays_in_the_dossier_marked_and_uncounted(client, analyst):
    from compliance.services.records import record_withdraw

    allegation = factories.AllegationFactory()
    link = factories.AllegationStatementFactory(allegation=allegation,
                                                statement=factories.StatementFactory(gist="Rail cars at Tumangang"))
    record_withdraw(instance=link.statement, by=analyst, reason="The ministry retracted the briefing.")
    client.force_login(analyst)
    page = _dossier(client, allegation).content.decode()
    assert "Rail cars at Tumangang" in page
    assert "badge--withdrawn" in page and "The ministry retracted the briefing." in page
    assert f"1 withdrawn statement(s) not counted (#{link.statement.pk})" in page


def test_dashboard_shows_submissions_waiting_for_the_broker_and_extraction(client, reviewer, db):
    from ingestion.choices import SubmissionOrigin, SubmissionState
    from ingestion.models import Submission

    for n, (state, broker_error) in enumerate([
        (SubmissionState.QUEUED, "Error 111 connecting to 127.0.0.1:6379."),
        (SubmissionState.QUEUED, "Error 111 connecting to 127.0.0.1:6379."),
        (SubmissionState.STORED, ""),
        (SubmissionState.INGESTED, ""),
    ]):
        Submission.objects.create(origin=SubmissionOrigin.PASTE, locator=f"text {n}", content=b"x",
                                  state=state, broker_error=broker_error)
    client.force_login(reviewer)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Unfinished submissions (3)" in html
    assert "2 waiting for the broker" in html and "1 stored with extraction pending" in html
