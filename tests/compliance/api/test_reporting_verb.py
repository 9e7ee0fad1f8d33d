"""The API reads and writes a statement's reporting verb beside its stance."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories


def api_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_reporting_verb_is_read_and_corrected_through_the_api(analyst, viewer, db):
    statement = factories.StatementFactory(reporting_verb="said")
    body = api_for(viewer).get(f"/api/v1/statements/{statement.pk}/").json()
    assert (body["stance"], body["reporting_verb"]) == ("asserts", "said")
    response = api_for(analyst).patch(f"/api/v1/statements/{statement.pk}/", {"reporting_verb": "accused"},
                                      format="json", HTTP_IF_MATCH=f'"{statement.pk}-{statement.version}"')
    assert response.status_code == 200, response.json()
    statement.refresh_from_db()
    assert statement.reporting_verb == "accused" and statement.stance == "asserts"
    listed = api_for(viewer).get("/api/v1/statements/").json()["results"]
    assert [s["reporting_verb"] for s in listed] == ["accused"]
