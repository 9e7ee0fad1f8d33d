"""The proposal page's decision form: every extracted field corrected before accepting, rows
named by typing (the script only helps), items and legs added, removed and reordered without
a script, the allegation chosen by search, CSRF and the analyst role enforced."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from compliance.models import AllegationStatement, RouteLeg, Statement, Transfer
from ingestion.choices import ProposalKind, ProposalState
from tests import factories as f
from tests.ingestion.builders import _article, _finding, _statement_payload, known_route, transfer_finding


def form_data(form) -> dict:
    """What the browser sends for the form as shown (its fields, rows and management forms)."""
    data = {}

    def add(bound):
        widget, value = bound.field.widget, bound.value()
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            return
        shown = widget.format_value(value)
        if isinstance(shown, list):
            shown = shown[0] if shown else ""
        data[bound.html_name] = "" if shown is None else shown

    for bound in form:
        add(bound)
    for rows in form.formsets.values():
        for bound in rows.management_form:
            data[bound.html_name] = bound.value()
        for row in rows.forms:
            for bound in row:
                add(bound)
    return data


@pytest.fixture
def accusation(record):
    """A pending statement of the UK that "accused" North Korea, bearing on an allegation."""
    article = _article("The United Kingdom accused North Korea of supplying Russia with shells.",
                       f.SourceDocumentFactory(title="A report"))
    payload = {**_statement_payload(record["uk"], quote="North Korea of supplying Russia with shells."),
               "on_behalf_of": "United Kingdom", "cue": "accused", "reporting_verb": "accused"}
    proposal = _finding(article, ProposalKind.STATEMENT, payload)
    proposal.suggested_allegation = record["allegation"]
    proposal.save(update_fields=["suggested_allegation"])
    return proposal


@pytest.fixture
def places(db):
    return known_route()


def page(client, proposal):
    return client.get(reverse("proposal-detail", args=[proposal.pk]))


def test_the_statement_form_shows_the_reporting_verb_and_the_suggested_allegation(client, analyst, accusation,
                                                                                  record):
    client.force_login(analyst)
    response = page(client, accusation)
    form = response.context["form"]
    assert form["reporting_verb"].value() == "accused"
    assert form["gist"].value() == "United Kingdom accused North Korea of supplying Russia with shells."
    assert form["allegation"].value() == f"Najin to Dunay (#{record['allegation'].pk})"
    assert form["on_behalf_of"].value() == f"United Kingdom (#{record['uk'].pk})"
    html = response.content.decode()
    assert 'data-lookup="/review/lookup/allegations/"' in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/ingestion/review.js" in scripts and all(s.startswith("/static/") for s in scripts)
    assert "<script>" not in html  # the Content-Security-Policy allows no inline script


def test_every_statement_field_is_corrected_by_typing_names(client, analyst, accusation, record):
    kirby = f.PersonFactory(name="John Kirby")
    other = f.AllegationFactory(title="Shells for Russia, 2023")
    client.force_login(analyst)
    data = form_data(page(client, accusation).context["form"])
    data.update({"action": "new", "on_behalf_of": "United Kingdom; white house", "speaker": "john kirby",
                 "speaker_title": "spokesperson", "stance": "asserts", "reporting_verb": "confirmed",
                 "estimative_phrase": "", "stated_on": "2023-10-20", "date_precision": "month",
                 "gist": "The UK confirmed the shipments.", "quote": "shipments", "excerpt": "The UK confirmed it.",
                 "link": "existing", "allegation": "shells 2023", "bearing": "supports"})
    response = client.post(reverse("proposal-detail", args=[accusation.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    accusation.refresh_from_db()
    statement = Statement.objects.get(pk=accusation.statement_id)
    assert sorted(a.name for a in statement.on_behalf_of.all()) == ["United Kingdom", "White House"]
    assert (statement.speaker, statement.speaker_title, statement.reporting_verb, statement.stated_on_precision,
            statement.gist, statement.quote) == (kirby, "spokesperson", "confirmed", "month",
                                                 "The UK confirmed the shipments.", "shipments")
    assert list(statement.source_links.values_list("excerpt", flat=True)) == ["The UK confirmed it."]
    assert AllegationStatement.objects.get(statement=statement).allegation == other


@pytest.mark.parametrize("field, typed, message", [
    ("on_behalf_of", "United Kingdom; Atlantis", "No government or body in the record matches “Atlantis”."),
    ("speaker", "Nobody Known", "No person in the record matches “Nobody Known”."),
    ("allegation", "#999999", "There is no allegation #999999."),
])
def test_a_name_the_record_does_not_know_is_an_error_on_its_field(client, analyst, accusation, field, typed,
                                                                  message):
    client.force_login(analyst)
    data = {**form_data(page(client, accusation).context["form"]), "action": "new", "link": "existing", field: typed}
    response = client.post(reverse("proposal-detail", args=[accusation.pk]), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    accusation.refresh_from_db()
    assert accusation.state == ProposalState.PENDING


def test_a_transfer_accepted_with_corrected_rows_writes_exactly_those(client, analyst, places):
    w = places
    proposal = transfer_finding(w)
    client.force_login(analyst)
    form = page(client, proposal).context["form"]
    assert [row["from_place"].value() for row in form.leg_rows.forms[:2]] == [
        f"Najin (#{w['najin'].pk})", f"Dunay (#{w['dunay'].pk})"]
    assert form.leg_rows.forms[0]["vessel"].value() == f"Angara (#{w['angara'].pk})"
    data = form_data(form)
    data.update({
        "period_start": "2023-09-01", "period_start_precision": "month", "status_claimed": "in_transit",
        # The first item corrected, the second removed, a third typed in the empty row.
        "items-0-description": "containers of equipment and munitions", "items-0-category": "military_equipment",
        "items-0-quantity_min": "1000", "items-0-unit": "containers", "items-1-DELETE": "on",
        "items-2-description": "152 mm shells", "items-2-quantity_text": "millions",
        # The route given in another order: rail first by its ORDER number, then a new first leg.
        "legs-0-ORDER": "2", "legs-1-ORDER": "3", "legs-1-vessel": "",
        "legs-2-from_place": "Vostochny port", "legs-2-to_place": "rajin", "legs-2-mode": "sea",
        "legs-2-ORDER": "1",
    })
    response = client.post(reverse("proposal-detail", args=[proposal.pk]), data)
    assert response.status_code == 302, (response.context["form"].errors, response.context["form"].leg_rows.errors)
    proposal.refresh_from_db()
    transfer = Transfer.objects.get(pk=proposal.transfer_id)
    assert (transfer.status_claimed, transfer.period_start_precision) == ("in_transit", "month")
    assert list(transfer.items.order_by("id").values_list("description", "category", "quantity_min", "unit",
                                                          "quantity_text")) == [
        ("containers of equipment and munitions", "military_equipment", Decimal(1000), "containers",
         "more than 1,000 containers"),
        ("152 mm shells", "artillery_ammunition", None, "", "millions")]
    assert list(RouteLeg.objects.filter(transfer=transfer).values_list(
        "sequence", "from_place__name", "to_place__name", "mode", "vessel__name")) == [
        (1, "Vostochny port", "Najin", "sea", None), (2, "Najin", "Dunay", "sea", "Angara"),
        (3, "Dunay", "Tikhoretsk depot", "rail", None)]


def test_legs_that_do_not_join_up_are_refused_with_the_reason_by_the_route(client, analyst, places):
    proposal = transfer_finding(places)
    client.force_login(analyst)
    data = {**form_data(page(client, proposal).context["form"]), "legs-1-from_place": "Vostochny port"}
    response = client.post(reverse("proposal-detail", args=[proposal.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].leg_rows.decision_errors == [
        "Leg 2 starts at Vostochny port but leg 1 ends at Dunay."]
    assert "Leg 2 starts at Vostochny port" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING and not Transfer.objects.exists()


def test_without_the_script_a_row_is_added_by_the_server(client, analyst, places):
    proposal = transfer_finding(places)
    client.force_login(analyst)
    data = {**form_data(page(client, proposal).context["form"]), "_more": "legs"}
    response = client.post(reverse("proposal-detail", args=[proposal.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.leg_rows.forms) == 4 and form.leg_rows.forms[3]["from_place"].value() in (None, "")
    assert form["supplier"].value() == f"DPRK (#{places['dprk'].pk})"  # what was typed is kept
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING and not Transfer.objects.exists()


def test_the_form_is_csrf_protected(analyst, accusation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    response = client.post(reverse("proposal-detail", args=[accusation.pk]), {"action": "new", "link": "none"})
    assert response.status_code == 403
    accusation.refresh_from_db()
    assert accusation.state == ProposalState.PENDING


def test_a_viewer_cannot_accept_a_transfer(client, viewer, places):
    proposal = transfer_finding(places)
    client.force_login(viewer)
    assert b"Correct, then accept" not in page(client, proposal).content
    response = client.post(reverse("proposal-detail", args=[proposal.pk]), {"action": "new"})
    assert response.status_code == 403 and not Transfer.objects.exists()


def test_the_detail_page_query_count_is_pinned(client, analyst, places, django_assert_max_num_queries):
    proposal = transfer_finding(places)
    client.force_login(analyst)
    with django_assert_max_num_queries(13) as first:
        page(client, proposal)
    for _ in range(3):
        f.PlaceFactory()
        f.VesselFactory()
    more = transfer_finding(places, text="Another shipment left Najin.", items=["a", "b", "c", "d"])
    with django_assert_max_num_queries(len(first.captured_queries)):
        page(client, more)
