"""A statement's reporting verb ("accused", "confirmed") travels with it in every export:
a column of the tables (CSV, JSON), the STIX opinion's explanation or note's abstract, and
the FollowTheMoney documentation's role. It is descriptive: the stance still decides."""

import csv
import io
import json

import pytest

from compliance.exports import tables
from compliance.exports.columns import STATEMENT_COLUMNS
from compliance.exports.ftm import ftm_entities
from compliance.exports.stix import stix_bundle
from compliance.models import Allegation, Statement
from tests import factories


@pytest.fixture
def accusation(db):
    statement = factories.StatementFactory(
        stance="asserts", reporting_verb="accused", gist="The US accused North Korea of supplying shells.",
        documents=[factories.SourceDocumentFactory()])
    warning = factories.StatementFactory(stance="warns", reporting_verb="cautioned", gist="It would pay a price.")
    allegation = factories.AllegationFactory()
    for s in (statement, warning):
        factories.AllegationStatementFactory(allegation=allegation, statement=s)
    return statement


def _content(export) -> bytes:
    return b"".join(export)


def test_the_statement_tables_have_a_reporting_verb_column(accusation):
    headers = [c.header for c in STATEMENT_COLUMNS]
    assert headers.index("reporting_verb") == headers.index("stance") + 1
    assert list(tables.statement_sql())[headers.index("reporting_verb")] == "reporting_verb"
    rows = list(csv.DictReader(io.StringIO(_content(tables.export_kind(
        "statements", Statement.objects.filter(pk=accusation.pk), "csv")).decode("utf-8-sig"))))
    assert rows[0]["reporting_verb"] == "accused" and rows[0]["stance"] == "asserts"
    records = json.loads(_content(tables.export_kind("statements", Statement.objects.filter(pk=accusation.pk),
                                                     "json")))
    assert records[0]["reporting_verb"] == "accused"


def test_stix_says_how_it_was_put(accusation):
    objects = json.loads(stix_bundle(Allegation.objects.all()).serialize())["objects"]
    opinion = next(o for o in objects if o["type"] == "opinion")
    assert opinion["opinion"] == "agree" and "“accused”" in opinion["explanation"]
    note = next(o for o in objects if o["type"] == "note" and "cautioned" in o.get("abstract", ""))
    assert note["abstract"].startswith("Warns (")


def test_ftm_names_the_reporting_verb_in_the_role(accusation):
    roles = [e["properties"]["role"][0] for e in ftm_entities(Allegation.objects.all())
             if e["schema"] == "Documentation"]
    assert roles == ["Asserts: supports the claim; reported as “accused”"]
