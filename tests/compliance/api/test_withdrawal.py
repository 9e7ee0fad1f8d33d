"""The API's doors for deleting and retiring rows: 409 with where a row is used, and
POST …/withdraw/ and …/reinstate/ with a reason."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.models import Allegation, AuditEntry, Statement
from tests.factories import AllegationFactory, SourceDocumentFactory, StateFactory, StatementFactory, TransferFactory


def _api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _etag(row) -> str:
    return f'"{row.pk}-{row.version}"'


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint,make", [("actors", StateFactory), ("statements", StatementFactory),
                                           ("documents", SourceDocumentFactory)])
def test_withdraw_then_reinstate_with_a_reason(analyst, endpoint, make):
    row = make()
    client = _api(analyst)
    response = client.post(f"/api/v1/{endpoint}/{row.pk}/withdraw/", {"reason": "Retracted by the ministry."},
                           format="json", HTTP_IF_MATCH=_etag(row))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["withdrawn"] is True and body["withdrawal_reason"] == "Retracted by the ministry."
    assert body["withdrawn_by"] == analyst.pk and body["withdrawn_at"]
    assert response["ETag"] == f'"{row.pk}-2"'
    # Still listed and readable: nothing is hidden.
    assert client.get(f"/api/v1/{endpoint}/{row.pk}/").json()["withdrawn"] is True

    response = client.post(f"/api/v1/{endpoint}/{row.pk}/reinstate/", {"reason": "The retraction was a hoax."},
                           format="json", HTTP_IF_MATCH=f'"{row.pk}-2"')
    assert response.status_code == 200, response.json()
    assert response.json()["withdrawn"] is False
    assert AuditEntry.objects.filter(object_id=str(row.pk)).count() == 2


@pytest.mark.django_db
def test_withdraw_refusals_are_clear_json(analyst, viewer):
    statement = StatementFactory()
    url = f"/api/v1/statements/{statement.pk}/withdraw/"
    client = _api(analyst)
    assert client.post(url, {"reason": "Why."}, format="json").status_code == 428
    response = client.post(url, {"reason": "Why."}, format="json", HTTP_IF_MATCH=f'"{statement.pk}-9"')
    assert response.status_code == 412
    response = client.post(url, {}, format="json", HTTP_IF_MATCH=_etag(statement))
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(url, {"reason": ["a", "b"]}, format="json", HTTP_IF_MATCH=_etag(statement))
    assert response.status_code == 400
    assert _api(viewer).post(url, {"reason": "Why."}, format="json",
                             HTTP_IF_MATCH=_etag(statement)).status_code == 403
    response = client.post(f"/api/v1/statements/{statement.pk}/reinstate/", {"reason": "Why."}, format="json",
                           HTTP_IF_MATCH=_etag(statement))
    assert response.status_code == 400 and "not withdrawn" in response.json()["detail"]
    statement.refresh_from_db()
    assert not statement.is_withdrawn


@pytest.mark.django_db
def test_withdrawal_fields_are_read_only_in_updates(analyst):
    statement = StatementFactory()
    response = _api(analyst).patch(f"/api/v1/statements/{statement.pk}/", {
        "withdrawn_at": "2024-01-01T00:00:00Z", "withdrawal_reason": "sneaky", "gist": "Reworded"},
        format="json", HTTP_IF_MATCH=_etag(statement))
    assert response.status_code == 200, response.json()
    statement = Statement.objects.get(pk=statement.pk)
    assert statement.gist == "Reworded" and not statement.is_withdrawn and statement.withdrawal_reason == ""


@pytest.mark.django_db
def test_a_protected_delete_answers_409_with_the_uses(analyst):
    allegation, transfer = AllegationFactory(), TransferFactory()
    allegation.transfers.add(transfer)
    response = _api(analyst).delete(f"/api/v1/transfers/{transfer.pk}/", HTTP_IF_MATCH=_etag(transfer))
    assert response.status_code == 409
    assert response.json()["uses"] == [{"model": "compliance.allegation", "id": allegation.pk,
                                        "label": f"allegation #{allegation.pk}: {allegation.title}"}]


@pytest.mark.django_db
def test_allegation_transfers_and_statement_originators_are_still_written_as_lists(analyst):
    us, uk = StateFactory(), StateFactory()
    client = _api(analyst)
    response = client.post("/api/v1/statements/", {"on_behalf_of": [us.pk, uk.pk], "stance": "asserts",
                                                   "gist": "Munitions went by rail."}, format="json")
    assert response.status_code == 201, response.json()
    assert sorted(response.json()["on_behalf_of"]) == sorted([us.pk, uk.pk])
    first, second = TransferFactory(), TransferFactory()
    response = client.post("/api/v1/allegations/", {"title": "Shells by rail", "transfers": [first.pk]},
                           format="json")
    assert response.status_code == 201, response.json()
    allegation = Allegation.objects.get(title="Shells by rail")
    response = client.patch(f"/api/v1/allegations/{allegation.pk}/", {"transfers": [first.pk, second.pk]},
                            format="json", HTTP_IF_MATCH=response["ETag"])
    assert response.status_code == 200, response.json()
    assert set(allegation.transfers.all()) == {first, second}
