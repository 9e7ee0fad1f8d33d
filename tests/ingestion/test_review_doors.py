"""The same decisions through every door: the API (detail with candidates and the suggested
decision, accept with a typed decision, undo), the queue's card and edit form, and the admin."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.models import Statement, StatementSource
from ingestion.choices import ProposalKind, ProposalState
from tests import factories as f

from .builders import KIRBY, _article, _finding, _statement_payload


def api_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def repeat(record):
    article = _article("Officials said " + KIRBY + ".", f.SourceDocumentFactory(title="Second report"))
    return _finding(article, ProposalKind.STATEMENT, _statement_payload(record["white_house"]))


def test_the_api_detail_says_what_accepting_will_do_and_why(repeat, record, viewer):
    body = api_for(viewer).get(f"/api/v1/proposals/{repeat.pk}/").json()
    statement = record["statement"].pk
    assert body["effect"] == f"adds source to statement #{statement}"
    assert body["suggested_decision"]["action"] == "same_as" and body["suggested_decision"]["same_as"] == statement
    assert body["candidates"][0]["id"] == statement and body["candidates"][0]["strong"] is True
    assert any("same stance" in r for r in body["candidates"][0]["reasons"])


def test_the_api_accepts_a_typed_decision_and_a_reviewer_undoes_it(repeat, record, analyst, reviewer):
    response = api_for(analyst).post(f"/api/v1/proposals/{repeat.pk}/accept/",
                                     {"decision": {"action": "same_as", "same_as": record["statement"].pk}},
                                     format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["decision"]["effect"] == f"adds source to statement #{record['statement'].pk}"
    assert StatementSource.objects.filter(statement=record["statement"]).count() == 2

    assert api_for(analyst).post(f"/api/v1/proposals/{repeat.pk}/undo/", {"reason": "x"},
                                 format="json").status_code == 403
    assert api_for(reviewer).post(f"/api/v1/proposals/{repeat.pk}/undo/", {}, format="json").status_code == 400
    undone = api_for(reviewer).post(f"/api/v1/proposals/{repeat.pk}/undo/", {"reason": "Another briefing."},
                                    format="json")
    assert undone.status_code == 200 and undone.json()["state"] == ProposalState.PENDING
    assert StatementSource.objects.filter(statement=record["statement"]).count() == 1


@pytest.mark.parametrize("body, where", [
    ({"decision": ["not", "an", "object"]}, "decision"),
    ({"decision": {"gist": ["a", "list"]}}, "decision"),
    ({"decision": {"same_as": 2**80, "action": "same_as"}}, "decision"),
    ({"decision": {"on_behalf_of": [999999]}, "action": "new"}, "decision"),
    ({"decision": {"bogus": 1}}, "decision"),
    ({"edits": {"stance": 5}}, "edits"),
    ({"decision": {}, "edits": {}}, "edits"),
])
def test_bad_decisions_are_400s_with_the_field(repeat, analyst, body, where):
    client = api_for(analyst)
    client.raise_request_exception = False
    response = client.post(f"/api/v1/proposals/{repeat.pk}/accept/", body, format="json")
    assert response.status_code == 400, response.content[:300]
    assert where in response.json()
    repeat.refresh_from_db()
    assert repeat.state == ProposalState.PENDING


def test_transfer_sources_are_in_the_api_and_on_the_transfer_page(client, viewer, db):
    transfer = f.TransferFactory()
    document = f.SourceDocumentFactory(title="A report of the shipment")
    from compliance.models import TransferSource

    TransferSource.objects.create(transfer=transfer, document=document, excerpt="Containers were shipped.")
    body = api_for(viewer).get(f"/api/v1/transfers/{transfer.pk}/").json()
    assert body["sources"] == [{"document": document.pk, "title": "A report of the shipment", "url": "",
                                "published_on": document.published_on and document.published_on.isoformat(),
                                "grade": document.grade,
                                "excerpt": "Containers were shipped."}]
    client.force_login(viewer)
    page = client.get(reverse("transfer-detail", args=[transfer.pk])).content.decode()
    assert "A report of the shipment" in page and "Containers were shipped." in page


def test_the_queue_card_says_what_accepting_will_do(client, repeat, record, analyst):
    client.force_login(analyst)
    html = client.get(reverse("proposal-queue"), {"state": "pending", "kind": "statement"}).content.decode()
    assert f"adds source to statement #{record['statement'].pk}" in html
    assert "same originators (United States)" in html


def test_the_edit_form_records_as_new_with_the_candidate_listed(client, repeat, record, analyst):
    client.force_login(analyst)
    page = client.get(reverse("proposal-detail", args=[repeat.pk]))
    assert page.context["form"].initial["action"] == "same_as"
    response = client.post(reverse("proposal-detail", args=[repeat.pk]), {
        "action": "new", "on_behalf_of": [record["white_house"].pk], "stance": "asserts",
        "date_precision": "day", "gist": "Said again at another briefing.", "link": "none"})
    assert response.status_code == 302, response.content.decode()[:1500]
    repeat.refresh_from_db()
    assert repeat.statement != record["statement"] and Statement.objects.count() == 2
    assert repeat.decision["candidates"][0]["id"] == record["statement"].pk


def test_the_edit_form_shows_decision_errors_on_their_fields(client, repeat, analyst):
    client.force_login(analyst)
    response = client.post(reverse("proposal-detail", args=[repeat.pk]), {
        "action": "same_as", "same_as": 99999, "link": "suggested"})
    assert response.status_code == 400
    assert "same_as" in response.context["form"].errors


def test_the_admin_accepts_as_suggested_and_undoes(client, repeat, record, administrator):
    client.force_login(administrator)
    url = reverse("admin:ingestion_proposal_changelist")
    client.post(url, {"action": "accept", "_selected_action": [repeat.pk]}, follow=True)
    repeat.refresh_from_db()
    assert repeat.state == ProposalState.ACCEPTED and repeat.statement == record["statement"]
    page = client.get(reverse("admin:ingestion_proposal_change", args=[repeat.pk])).content.decode()
    assert f"adds source to statement #{record['statement'].pk}" in page
    client.post(url, {"action": "undo", "_selected_action": [repeat.pk], "reason": "Not the same."}, follow=True)
    repeat.refresh_from_db()
    assert repeat.state == ProposalState.PENDING
