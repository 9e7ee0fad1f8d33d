"""Schemathesis against the OpenAPI schema, in process: every operation, with generated
input, as an administrator (who may call everything), must never answer with a server error
(5xx) nor with a documented response that breaks the schema."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.slow

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from config.wsgi import application  # noqa: E402

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes database connections at the end of each request; the test's
    transaction lives on that connection (Django's test client disconnects the same signal)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(administrator):
    # A little of everything, so that reads return rows of every shape (cheap: once per operation).
    from tests import factories

    statement = factories.StatementFactory(documents=[factories.SourceDocumentFactory()])
    allegation = factories.AllegationStatementFactory(statement=statement).allegation
    transfer = factories.TransferFactory()
    factories.TransferItemFactory(transfer=transfer)
    factories.RouteLegFactory(transfer=transfer, sequence=1)
    allegation.transfers.add(transfer)
    factories.AllegationEvidenceFactory(allegation=allegation)
    factories.VesselFactory()
    factories.ProvisionFactory()
    return Token.objects.create(user=administrator).key


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_no_response_breaks_the_schema(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
