"""The admin: every page renders for staff, writes go through the audited services,
stale forms are refused, status changes only on the status page (with four eyes), the
record is never deleted from under the evidence, and changelists do not query per row."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance.choices import EstimativeScale, RequestState, TransportMode
from compliance.choices import EvidentiaryStatus as S
from compliance.models import (
    Actor,
    ActorRole,
    Allegation,
    AllegationProvision,
    AuditEntry,
    EstimativeTerm,
    Provision,
    Resolution,
    RouteLeg,
    SourceDocument,
    Statement,
    StatusChangeRequest,
    StatusTransition,
    Transfer,
    VesselDesignation,
)
from compliance.services.records import record_save
from compliance.services.workflow import allegation_create, allegation_transition_request
from tests.factories import (
    ActorFactory,
    AllegationEvidenceFactory,
    AllegationStatementFactory,
    EvidenceItemFactory,
    PersonFactory,
    PlaceFactory,
    ProvisionFactory,
    SourceDocumentFactory,
    StateFactory,
    StatementFactory,
    TransferFactory,
    TransferItemFactory,
    VesselFactory,
)

RATIONALE = "Two independent governments and satellite imagery establish the deliveries."
COMPLIANCE_MODELS = sorted(
    (m for m in admin.site._registry if m._meta.app_label == "compliance"),
    key=lambda m: m._meta.model_name,
)


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _open_allegation(by, **kwargs) -> Allegation:
    return allegation_create(allegation=Allegation(title=kwargs.pop("title", "Munitions by rail"),
                                                   **kwargs), by=by)


def form_data(response) -> dict:
    """The POST data of an admin change form as it was rendered (initial rows only)."""
    data: dict = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        initial = formset.initial_form_count()
        data.update({
            f"{formset.prefix}-TOTAL_FORMS": str(initial),
            f"{formset.prefix}-INITIAL_FORMS": str(initial),
            f"{formset.prefix}-MIN_NUM_FORMS": "0",
            f"{formset.prefix}-MAX_NUM_FORMS": "1000",
        })
        for form in formset.forms[:initial]:
            _add_form(data, form)
    return data


def _add_form(data: dict, form) -> None:
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = str(value)


@pytest.fixture
def world(analyst):
    """One row of every model, the history rows written by the services."""
    resolution_provision = ProvisionFactory()
    supplier, recipient = StateFactory(name="DPRK"), StateFactory(name="Russia")
    person = PersonFactory()
    ActorRole.objects.create(person=person, title="Coordinator", organisation=recipient)
    place_a, place_b = PlaceFactory(name="Najin"), PlaceFactory(name="Dunay")
    vessel = VesselFactory(name="Angara")
    VesselDesignation.objects.create(vessel=vessel, authority="US OFAC")
    document = SourceDocumentFactory(outlet=recipient)
    term = EstimativeTerm.objects.create(scale=EstimativeScale.UK_PHIA, term="Highly likely",
                                         low_percent=80, high_percent=90, synonyms=["very likely"])
    statement = StatementFactory(speaker=person, on_behalf_of=[supplier], estimative_term=term,
                                 documents=[document])
    evidence = EvidenceItemFactory(document=document, place=place_a, provider=recipient)
    transfer = TransferFactory(supplier=supplier, recipient=recipient)
    TransferItemFactory(transfer=transfer)
    RouteLeg.objects.create(transfer=transfer, sequence=1, from_place=place_a, to_place=place_b,
                            mode=TransportMode.SEA, vessel=vessel)
    allegation = _open_allegation(analyst)
    allegation.transfers.add(transfer)
    AllegationStatementFactory(allegation=allegation, statement=statement)
    AllegationEvidenceFactory(allegation=allegation, evidence=evidence)
    AllegationProvision.objects.create(allegation=allegation, provision=resolution_provision)
    allegation_transition_request(allegation=allegation, to_status=S.CORROBORATED, by=analyst,
                                  rationale=RATIONALE, expected_version=allegation.version)
    return allegation


# --------------------------------------------------------------------------- every page


@pytest.mark.django_db
@pytest.mark.parametrize("model", COMPLIANCE_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_change_and_history_pages_render_for_a_reviewer(client, reviewer, world, model):
    client.force_login(reviewer)
    model_admin = admin.site._registry[model]
    obj = model._default_manager.first()
    assert obj is not None

    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "changelist"), {"q": "a"}).status_code == 200
    add = client.get(_url(model, "add"))
    request = add.wsgi_request
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)
    assert client.get(_url(model, "change", obj.pk)).status_code == 200
    assert client.get(_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", COMPLIANCE_MODELS, ids=lambda m: m._meta.model_name)
def test_anonymous_visitors_are_sent_to_the_login_page(client, world, model):
    obj = model._default_manager.first()
    for url in (_url(model, "changelist"), _url(model, "add"), _url(model, "change", obj.pk)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.django_db
def test_the_status_page_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.get(reverse("admin:compliance_allegation_status", args=[world.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("model", COMPLIANCE_MODELS, ids=lambda m: m._meta.model_name)
def test_a_viewer_sees_every_page_read_only(client, viewer, world, model):
    client.force_login(viewer)
    obj = model._default_manager.first()
    assert client.get(_url(model, "changelist")).status_code == 200
    assert client.get(_url(model, "add")).status_code == 403
    response = client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [AuditEntry, StatusTransition, StatusChangeRequest],
                         ids=lambda m: m._meta.model_name)
def test_history_rows_are_read_only_even_for_administrators(client, administrator, world, model):
    client.force_login(administrator)
    obj = model._default_manager.first()
    assert client.get(_url(model, "add")).status_code == 403
    assert client.post(_url(model, "change", obj.pk), {}).status_code == 403
    assert client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model._default_manager.filter(pk=obj.pk).exists()


# --------------------------------------------------------------------------- audited saves


@pytest.mark.django_db
def test_a_viewer_cannot_save_a_change(client, viewer):
    doc = SourceDocumentFactory(title="Original")
    client.force_login(viewer)
    response = client.post(_url(SourceDocument, "change", doc.pk),
                           {"title": "Changed", "loaded_version": doc.version})
    assert response.status_code == 403
    doc.refresh_from_db()
    assert doc.title == "Original"
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_saving_a_change_writes_an_audit_entry_with_before_and_after(client, analyst):
    doc = SourceDocumentFactory(title="Kirby briefing", credibility="3")
    client.force_login(analyst)
    data = form_data(client.get(_url(SourceDocument, "change", doc.pk)))
    data.update(title="Kirby press briefing", credibility="2", change_reason="Title as published.")
    response = client.post(_url(SourceDocument, "change", doc.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    entry = AuditEntry.objects.get(model="compliance.SourceDocument", object_id=str(doc.pk))
    assert entry.action == "update" and entry.user == analyst
    assert entry.changes == {"title": ["Kirby briefing", "Kirby press briefing"], "credibility": ["3", "2"]}
    assert entry.reason == "Title as published."
    doc.refresh_from_db()
    assert doc.version == 2

    page = client.get(_url(SourceDocument, "change", doc.pk)).content.decode()
    assert "History: audit trail" in page and "Title as published." in page
    history = client.get(_url(SourceDocument, "history", doc.pk)).content.decode()
    assert "Kirby press briefing" in history and analyst.username in history


@pytest.mark.django_db
def test_adding_through_the_admin_is_audited_and_names_are_entered_one_per_line(client, analyst):
    client.force_login(analyst)
    response = client.post(_url(Actor, "add"), {
        "name": "Democratic People's Republic of Korea", "kind": "state", "country": "KP",
        "aliases": "DPRK\n North Korea \n\nDPRK", "change_reason": "",
        "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    actor = Actor.objects.get(country="KP")
    assert actor.aliases == ["DPRK", "North Korea"]
    assert AuditEntry.objects.get(object_id=str(actor.pk), model="compliance.Actor").action == "create"
    page = client.get(_url(Actor, "change", actor.pk)).content.decode()
    assert "DPRK\nNorth Korea</textarea>" in page


@pytest.mark.django_db
def test_inline_rows_are_saved_through_the_services_and_shown_in_the_parents_history(client, analyst):
    statement = StatementFactory()
    doc = SourceDocumentFactory(title="Reuters report")
    client.force_login(analyst)
    data = form_data(client.get(_url(Statement, "change", statement.pk)))
    data.update({"source_links-TOTAL_FORMS": "1", "source_links-0-document": str(doc.pk),
                 "source_links-0-excerpt": "The official said the shipments continued."})
    response = client.post(_url(Statement, "change", statement.pk), data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert list(statement.sources.all()) == [doc]
    assert AuditEntry.objects.filter(model="compliance.StatementSource", action="create").count() == 1
    page = client.get(_url(Statement, "change", statement.pk)).content.decode()
    assert "Statement source: Reuters report" in page


@pytest.mark.django_db
def test_an_edited_inline_row_is_audited_and_a_stale_one_refused(client, analyst, reviewer):
    provision = ProvisionFactory(paragraph="8(a)")
    resolution = provision.resolution
    client.force_login(analyst)
    data = form_data(client.get(_url(Resolution, "change", resolution.pk)))
    data["provisions-0-obligation"] = "All states shall prevent the procurement of DPRK arms."
    assert client.post(_url(Resolution, "change", resolution.pk), data).status_code == 302
    provision.refresh_from_db()
    assert provision.version == 2
    entry = AuditEntry.objects.get(model="compliance.Provision", object_id=str(provision.pk))
    assert entry.user == analyst and "obligation" in entry.changes

    data = form_data(client.get(_url(Resolution, "change", resolution.pk)))
    theirs = Provision.objects.get(pk=provision.pk)
    theirs.paragraph = "8(b)"
    record_save(instance=theirs, by=reviewer)
    data["provisions-0-obligation"] = "Overwritten?"
    response = client.post(_url(Resolution, "change", resolution.pk), data)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    provision.refresh_from_db()
    assert provision.paragraph == "8(b)" and provision.obligation.startswith("All states")


@pytest.mark.django_db
def test_a_stale_form_is_refused_and_nothing_is_overwritten(client, analyst, reviewer):
    doc = SourceDocumentFactory(title="Original")
    client.force_login(analyst)
    data = form_data(client.get(_url(SourceDocument, "change", doc.pk)))

    theirs = SourceDocument.objects.get(pk=doc.pk)
    theirs.title = "Their fix"
    record_save(instance=theirs, by=reviewer)

    data["title"] = "My fix"
    response = client.post(_url(SourceDocument, "change", doc.pk), data)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    doc.refresh_from_db()
    assert doc.title == "Their fix"
    assert not AuditEntry.objects.filter(user=analyst).exists()


@pytest.mark.django_db
def test_a_change_without_the_loaded_version_is_refused(client, analyst):
    doc = SourceDocumentFactory(title="Original")
    client.force_login(analyst)
    data = form_data(client.get(_url(SourceDocument, "change", doc.pk)))
    del data["loaded_version"]
    data["title"] = "Mine"
    response = client.post(_url(SourceDocument, "change", doc.pk), data)
    assert response.status_code == 200
    assert "which version" in response.content.decode()
    assert SourceDocument.objects.get(pk=doc.pk).title == "Original"


@pytest.mark.django_db
def test_a_service_validation_error_is_shown_on_the_form_not_as_a_500(client, analyst):
    supplier = StateFactory()
    transfer = TransferFactory(supplier=supplier)
    client.force_login(analyst)
    data = form_data(client.get(_url(Transfer, "change", transfer.pk)))
    data.update(period_start="2023-10-01", period_end="2023-09-01")
    response = client.post(_url(Transfer, "change", transfer.pk), data)
    assert response.status_code == 200
    assert response.context["errors"]
    transfer.refresh_from_db()
    assert transfer.period_start is None


# --------------------------------------------------------------------------- status


@pytest.mark.django_db
def test_status_is_not_an_editable_form_field(client, reviewer):
    allegation = _open_allegation(reviewer)
    client.force_login(reviewer)
    add = client.get(_url(Allegation, "add"))
    assert "status" not in add.context["adminform"].form.fields
    change = client.get(_url(Allegation, "change", allegation.pk))
    assert "status" not in change.context["adminform"].form.fields

    data = form_data(change)
    data.update(status=S.CONFIRMED, summary="Rail deliveries via Tumangang.")
    assert client.post(_url(Allegation, "change", allegation.pk), data).status_code == 302
    allegation.refresh_from_db()
    assert allegation.status == S.REPORTED
    assert allegation.summary == "Rail deliveries via Tumangang."


@pytest.mark.django_db
def test_the_change_page_shows_status_suggestion_history_and_pending_request(client, analyst, world):
    client.force_login(analyst)
    page = client.get(_url(Allegation, "change", world.pk)).content.decode()
    assert "Current status:" in page and "The record suggests:" in page
    assert "independent originator" in page  # a reason from allegation_suggested_status
    assert "Status history" in page and "Opened as" in page
    assert "Pending:" in page and reverse("admin:compliance_allegation_status", args=[world.pk]) in page


@pytest.mark.django_db
def test_creating_an_allegation_in_the_admin_opens_it_through_the_workflow(client, analyst):
    transfer = TransferFactory()
    client.force_login(analyst)
    response = client.post(_url(Allegation, "add"), {
        "title": "Shells via Rajin", "summary": "", "transfers": [str(transfer.pk)],
        "initial_status": S.REPORTED, "opening_rationale": "",
        "statement_links-TOTAL_FORMS": "0", "statement_links-INITIAL_FORMS": "0",
        "evidence_links-TOTAL_FORMS": "0", "evidence_links-INITIAL_FORMS": "0",
        "provision_links-TOTAL_FORMS": "0", "provision_links-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    allegation = Allegation.objects.get(title="Shells via Rajin")
    assert allegation.created_by == analyst and list(allegation.transfers.all()) == [transfer]
    opened = StatusTransition.objects.get(allegation=allegation)
    assert opened.to_status == S.REPORTED and opened.proposed_by == analyst


@pytest.mark.django_db
def test_an_allegation_cannot_be_opened_as_confirmed(client, analyst):
    client.force_login(analyst)
    response = client.post(_url(Allegation, "add"), {
        "title": "Shells via Rajin", "initial_status": S.CONFIRMED, "opening_rationale": RATIONALE,
        "statement_links-TOTAL_FORMS": "0", "statement_links-INITIAL_FORMS": "0",
        "evidence_links-TOTAL_FORMS": "0", "evidence_links-INITIAL_FORMS": "0",
        "provision_links-TOTAL_FORMS": "0", "provision_links-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert not Allegation.objects.exists()


@pytest.mark.django_db
def test_the_admin_offers_an_analyst_only_the_opening_statuses_they_may_choose(client, analyst, reviewer):
    form_data = {
        "title": "Shells via Rajin", "initial_status": S.CORROBORATED, "opening_rationale": RATIONALE,
        "statement_links-TOTAL_FORMS": "0", "statement_links-INITIAL_FORMS": "0",
        "evidence_links-TOTAL_FORMS": "0", "evidence_links-INITIAL_FORMS": "0",
        "provision_links-TOTAL_FORMS": "0", "provision_links-INITIAL_FORMS": "0",
    }
    client.force_login(analyst)
    page = client.get(_url(Allegation, "add"))
    assert [value for value, _ in page.context["adminform"].form.fields["initial_status"].choices] == [S.REPORTED]
    response = client.post(_url(Allegation, "add"), form_data)
    assert response.status_code == 200 and not Allegation.objects.exists()

    client.force_login(reviewer)
    page = client.get(_url(Allegation, "add"))
    choices = [value for value, _ in page.context["adminform"].form.fields["initial_status"].choices]
    assert S.CORROBORATED in choices and S.CONFIRMED not in choices
    response = client.post(_url(Allegation, "add"), form_data)
    assert response.status_code == 302
    assert Allegation.objects.get(title="Shells via Rajin").status == S.CORROBORATED


def _status_url(allegation) -> str:
    return reverse("admin:compliance_allegation_status", args=[allegation.pk])


def _propose(client, allegation, to_status, **extra):
    allegation.refresh_from_db()
    return client.post(_status_url(allegation), {
        "action": "propose", "to_status": to_status, "rationale": RATIONALE,
        "expected_version": allegation.version, **extra,
    }, follow=True)


@pytest.mark.django_db
def test_the_status_form_offers_only_what_the_workflow_allows(client, analyst):
    allegation = _open_allegation(analyst)
    client.force_login(analyst)
    response = client.get(_status_url(allegation))
    assert response.status_code == 200
    choices = dict(response.context["form"].fields["to_status"].choices)
    assert set(choices) == {S.CORROBORATED, S.DISPUTED, S.CONFIRMED, S.REFUTED, S.RETRACTED}
    assert "four eyes" in choices[S.CONFIRMED] and "four eyes" not in choices[S.CORROBORATED]


@pytest.mark.django_db
def test_an_analyst_proposes_confirmed_and_it_waits_for_a_reviewer(client, analyst):
    allegation = _open_allegation(analyst)
    statement = AllegationStatementFactory(allegation=allegation).statement
    client.force_login(analyst)
    response = _propose(client, allegation, S.CONFIRMED, statements=[statement.pk])
    assert response.status_code == 200
    assert any("Proposed" in m for m in _messages(response))
    request = StatusChangeRequest.objects.get(allegation=allegation)
    assert request.state == RequestState.PENDING and request.proposed_by == analyst
    assert list(request.cited_statements.all()) == [statement]
    allegation.refresh_from_db()
    assert allegation.status == S.REPORTED

    # An analyst may not decide, not even to approve their own proposal.
    response = client.post(_status_url(allegation), {"action": "approve", "request": request.pk},
                           follow=True)
    assert any("reviewer role" in m for m in _messages(response))
    request.refresh_from_db()
    assert request.state == RequestState.PENDING


@pytest.mark.django_db
def test_a_proposer_cannot_approve_their_own_four_eyes_request_a_second_reviewer_can(
    client, reviewer, second_reviewer
):
    allegation = _open_allegation(reviewer)
    client.force_login(reviewer)
    _propose(client, allegation, S.CONFIRMED)
    request = StatusChangeRequest.objects.get(allegation=allegation, state=RequestState.PENDING)

    response = client.post(_status_url(allegation), {"action": "approve", "request": request.pk,
                                                      "note": "Looks right."}, follow=True)
    errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert any("four eyes" in str(m) for m in errors)
    assert "needs four eyes" in response.content.decode()
    allegation.refresh_from_db()
    assert allegation.status == S.REPORTED

    client.force_login(second_reviewer)
    response = client.post(_status_url(allegation), {"action": "approve", "request": request.pk,
                                                      "note": "Checked the imagery."}, follow=True)
    assert any("Approved" in m for m in _messages(response))
    allegation.refresh_from_db()
    assert allegation.status == S.CONFIRMED
    step = StatusTransition.objects.filter(allegation=allegation).order_by("-id").first()
    assert (step.from_status, step.to_status) == (S.REPORTED, S.CONFIRMED)
    assert step.proposed_by == reviewer and step.decided_by == second_reviewer

    page = client.get(_url(Allegation, "change", allegation.pk)).content.decode()
    history = page[page.index('id="status-history"'):]
    assert reviewer.username in history and second_reviewer.username in history


@pytest.mark.django_db
def test_a_reviewer_applies_a_change_without_four_eyes_directly(client, reviewer):
    allegation = _open_allegation(reviewer)
    client.force_login(reviewer)
    response = _propose(client, allegation, S.CORROBORATED)
    assert any("Status changed to corroborated" in m for m in _messages(response))
    allegation.refresh_from_db()
    assert allegation.status == S.CORROBORATED


@pytest.mark.django_db
def test_a_rejection_needs_a_note_and_is_recorded(client, analyst, reviewer):
    allegation = _open_allegation(analyst)
    client.force_login(analyst)
    _propose(client, allegation, S.DISPUTED)
    request = StatusChangeRequest.objects.get(state=RequestState.PENDING)
    client.force_login(reviewer)
    response = client.post(_status_url(allegation), {"action": "reject", "request": request.pk},
                           follow=True)
    assert any("Say why you reject" in m for m in _messages(response))
    response = client.post(_status_url(allegation), {"action": "reject", "request": request.pk,
                                                      "note": "The contrary report is anonymous."},
                           follow=True)
    request.refresh_from_db()
    assert request.state == RequestState.REJECTED and request.decided_by == reviewer
    allegation.refresh_from_db()
    assert allegation.status == S.REPORTED


@pytest.mark.django_db
def test_a_proposal_needs_a_rationale_and_a_current_version(client, analyst, reviewer):
    allegation = _open_allegation(analyst)
    client.force_login(analyst)
    response = _propose(client, allegation, S.DISPUTED, rationale="")
    assert response.context["form"].errors["rationale"]
    response = _propose(client, allegation, S.DISPUTED, rationale="Too short")
    assert "written rationale is required" in response.content.decode()

    stale_version = allegation.version
    allegation.summary = "Edited meanwhile."
    record_save(instance=allegation, by=reviewer)
    response = client.post(_status_url(allegation), {
        "action": "propose", "to_status": S.DISPUTED, "rationale": RATIONALE,
        "expected_version": stale_version,
    })
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert not StatusChangeRequest.objects.exists()


@pytest.mark.django_db
def test_a_viewer_may_look_at_the_status_page_but_not_post_to_it(client, viewer, analyst):
    allegation = _open_allegation(analyst)
    client.force_login(viewer)
    page = client.get(_status_url(allegation))
    assert page.status_code == 200
    assert "view the status, not change it" in page.content.decode()
    assert _propose(client, allegation, S.DISPUTED).status_code == 403


@pytest.mark.django_db
def test_the_proposer_can_withdraw_a_pending_request(client, analyst):
    allegation = _open_allegation(analyst)
    client.force_login(analyst)
    _propose(client, allegation, S.CONFIRMED)
    request = StatusChangeRequest.objects.get()
    client.post(_status_url(allegation), {"action": "withdraw", "request": request.pk})
    request.refresh_from_db()
    assert request.state == RequestState.WITHDRAWN


@pytest.mark.django_db
def test_pending_requests_can_be_approved_from_the_request_list(client, analyst, reviewer):
    allegation = _open_allegation(analyst)
    client.force_login(analyst)
    _propose(client, allegation, S.CORROBORATED)
    request = StatusChangeRequest.objects.get()
    client.force_login(reviewer)
    response = client.post(_url(StatusChangeRequest, "changelist"), {
        "action": "approve_selected", "_selected_action": [request.pk],
    }, follow=True)
    assert response.status_code == 200
    allegation.refresh_from_db()
    assert allegation.status == S.CORROBORATED


# --------------------------------------------------------------------------- deletion


@pytest.mark.django_db
def test_deleting_a_document_a_statement_relies_on_is_refused_with_a_message(client, analyst):
    doc = SourceDocumentFactory(title="Kirby briefing")
    StatementFactory(documents=[doc])
    client.force_login(analyst)

    response = client.post(_url(SourceDocument, "delete", doc.pk), {"post": "yes"}, follow=True)
    assert response.status_code == 200
    errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert any("cannot be deleted" in m for m in errors)
    assert SourceDocument.objects.filter(pk=doc.pk).exists()

    response = client.post(_url(SourceDocument, "changelist"), {
        "action": "delete_selected", "_selected_action": [doc.pk], "post": "yes",
    }, follow=True)
    assert any("cannot be deleted" in m for m in _messages(response))
    assert SourceDocument.objects.filter(pk=doc.pk).exists()
    assert not AuditEntry.objects.filter(action="delete").exists()


@pytest.mark.django_db
def test_deleting_an_unreferenced_row_is_audited(client, analyst):
    doc = SourceDocumentFactory(title="Duplicate")
    client.force_login(analyst)
    response = client.post(_url(SourceDocument, "delete", doc.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not SourceDocument.objects.filter(pk=doc.pk).exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.user == analyst and entry.changes["title"] == ["Duplicate", None]


# --------------------------------------------------------------------------- route legs


def _leg(data: dict, index: int, **values) -> None:
    data.update({f"legs-{index}-{k}": str(v) for k, v in values.items()})


@pytest.mark.django_db
def test_route_legs_saved_through_the_inline_come_back_in_order(client, analyst):
    transfer = TransferFactory()
    najin, dunay, tikhoretsk = (PlaceFactory(name=n) for n in ("Najin", "Dunay", "Tikhoretsk"))
    client.force_login(analyst)
    data = form_data(client.get(_url(Transfer, "change", transfer.pk)))
    data["legs-TOTAL_FORMS"] = "2"
    # Entered in the wrong rows, numbered in the right order.
    _leg(data, 0, position=2, from_place=dunay.pk, to_place=tikhoretsk.pk, mode="rail")
    _leg(data, 1, position=1, from_place=najin.pk, to_place=dunay.pk, mode="sea",
         departed_on="2023-09-07", arrived_on="2023-09-08")
    response = client.post(_url(Transfer, "change", transfer.pk), data)
    assert response.status_code == 302, [f.formset.non_form_errors() for f in
                                         response.context["inline_admin_formsets"]]

    legs = list(transfer.legs.order_by("sequence"))
    assert [(leg.sequence, leg.from_place, leg.to_place, leg.mode) for leg in legs] == [
        (1, najin, dunay, "sea"), (2, dunay, tikhoretsk, "rail"),
    ]
    assert legs[0].departed_on == datetime.date(2023, 9, 7)
    route_entry = AuditEntry.objects.get(model="compliance.Transfer", object_id=str(transfer.pk))
    assert "route" in route_entry.changes

    page = client.get(_url(Transfer, "change", transfer.pk))
    formset = next(f.formset for f in page.context["inline_admin_formsets"] if f.formset.prefix == "legs")
    assert [form.instance.from_place for form in formset.forms[:2]] == [najin, dunay]
    assert "Najin → Dunay (sea); 2. Dunay → Tikhoretsk (rail)" in page.content.decode()
    listing = client.get(_url(Transfer, "changelist")).content.decode()
    assert "Najin → Dunay → Tikhoretsk" in listing


@pytest.mark.django_db
def test_an_out_of_order_route_is_refused_and_nothing_is_saved(client, analyst):
    transfer = TransferFactory(title="Original title")
    najin, dunay, tumangang, khasan = (PlaceFactory(name=n) for n in
                                       ("Najin", "Dunay", "Tumangang", "Khasan"))
    client.force_login(analyst)
    data = form_data(client.get(_url(Transfer, "change", transfer.pk)))
    data["title"] = "Changed title"
    data["legs-TOTAL_FORMS"] = "2"
    _leg(data, 0, from_place=najin.pk, to_place=dunay.pk, mode="sea")
    _leg(data, 1, from_place=tumangang.pk, to_place=khasan.pk, mode="rail")
    response = client.post(_url(Transfer, "change", transfer.pk), data)
    assert response.status_code == 200
    assert "Leg 2 starts at Tumangang but leg 1 ends at Dunay" in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.title == "Original title" and transfer.version == 1
    assert not RouteLeg.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_removing_a_leg_replaces_the_route(client, analyst):
    transfer = TransferFactory()
    a, b, c = PlaceFactory(), PlaceFactory(), PlaceFactory()
    RouteLeg.objects.create(transfer=transfer, sequence=1, from_place=a, to_place=b, mode="sea")
    RouteLeg.objects.create(transfer=transfer, sequence=2, from_place=b, to_place=c, mode="rail")
    client.force_login(analyst)
    data = form_data(client.get(_url(Transfer, "change", transfer.pk)))
    data["legs-1-DELETE"] = "on"
    assert client.post(_url(Transfer, "change", transfer.pk), data).status_code == 302
    assert [(leg.from_place, leg.to_place) for leg in transfer.legs.all()] == [(a, b)]


# --------------------------------------------------------------------------- queries


def _transfers(n):
    for _ in range(n):
        transfer = TransferFactory()
        a, b, c = PlaceFactory(), PlaceFactory(), PlaceFactory()
        RouteLeg.objects.create(transfer=transfer, sequence=1, from_place=a, to_place=b, mode="sea")
        RouteLeg.objects.create(transfer=transfer, sequence=2, from_place=b, to_place=c, mode="rail")
        TransferItemFactory(transfer=transfer)


def _statements(n):
    for _ in range(n):
        StatementFactory(speaker=PersonFactory(), on_behalf_of=[StateFactory(), StateFactory()],
                         documents=[SourceDocumentFactory(), SourceDocumentFactory()])


def _allegations(n, by):
    for i in range(n):
        allegation = allegation_create(allegation=Allegation(title=f"Claim {Allegation.objects.count()}"),
                                       by=by)
        allegation.transfers.add(TransferFactory())
        AllegationStatementFactory(allegation=allegation)
        AllegationEvidenceFactory(allegation=allegation)
        if i % 2:
            allegation_transition_request(allegation=allegation, to_status=S.DISPUTED, by=by,
                                          rationale=RATIONALE, expected_version=allegation.version)


# Pinned: savepoints, session, user, permissions, the two counts, the rows, one prefetch per
# relation, the list filters' and the date hierarchy's choices. None grows with the rows.
CHANGELIST_QUERIES = {Transfer: 12, Statement: 13, Allegation: 10}


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Transfer, Statement, Allegation],
                         ids=lambda m: m._meta.model_name)
def test_changelist_queries_do_not_grow_with_the_rows(client, reviewer, model,
                                                      django_assert_max_num_queries):
    make = {Transfer: _transfers, Allegation: lambda n: _allegations(n, reviewer)}.get(model, _statements)
    client.force_login(reviewer)
    url = _url(model, "changelist")
    make(3)
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    make(7)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 10
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    with django_assert_max_num_queries(CHANGELIST_QUERIES[model]):
        client.get(url)


@pytest.mark.django_db
def test_the_transfer_page_lists_its_allegations_statements_in_fixed_queries(client, reviewer):
    transfer = TransferFactory()
    allegation = allegation_create(allegation=Allegation(title="Shipments via the port"), by=reviewer)
    allegation.transfers.add(transfer)
    client.force_login(reviewer)
    url = _url(Transfer, "change", transfer.pk)

    def link_statements(n):
        for _ in range(n):
            AllegationStatementFactory(allegation=allegation, statement=StatementFactory(
                speaker=PersonFactory(), on_behalf_of=[StateFactory()], documents=[SourceDocumentFactory()]))

    link_statements(2)
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    link_statements(6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["allegations"][0]["links"]) == 8
    assert "Shipments via the port" in response.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


@pytest.mark.django_db
def test_the_audit_trail_names_related_rows_rather_than_showing_bare_ids(client, analyst):
    russia, wagner = StateFactory(name="Russia"), ActorFactory(name="Wagner Group")
    transfer = TransferFactory(recipient=russia)
    transfer.recipient = wagner
    record_save(instance=transfer, by=analyst, reason="Recipient per the 2022-12-22 briefing")
    client.force_login(analyst)
    page = client.get(_url(Transfer, "change", transfer.pk)).content.decode()
    trail = page[page.index('class="module audit-trail"'):]
    assert f"Russia (#{russia.pk})" in trail and f"Wagner Group (#{wagner.pk})" in trail


@pytest.mark.django_db
def test_the_index_shows_what_waits_for_a_decision_and_the_latest_changes(client, analyst, reviewer):
    allegation = _open_allegation(analyst)
    client.force_login(analyst)
    _propose(client, allegation, S.CONFIRMED)

    page = client.get(reverse("admin:index")).content.decode()
    waiting = page[page.index('id="waiting-module"'):page.index('id="recent-changes-module"')]
    assert allegation.title in waiting and "(you)" in waiting and "another reviewer decides" in waiting
    recent = page[page.index('id="recent-changes-module"'):]
    assert "Allegation: status change requested by anna-analyst" in recent

    client.force_login(reviewer)
    waiting = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:compliance_allegation_status", args=[allegation.pk]) in waiting
    assert "(you)" not in waiting


@pytest.mark.django_db
def test_the_index_queries_do_not_grow_with_pending_requests(client, reviewer):
    client.force_login(reviewer)
    url = reverse("admin:index")
    _allegations(2, reviewer)
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _allegations(8, reviewer)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("proposed by rita-reviewer") == 5
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --------------------------------------------------------------------------- originators and withdrawal


@pytest.mark.django_db
def test_a_statements_originators_are_edited_on_its_form(client, analyst):
    us, uk = StateFactory(name="US"), StateFactory(name="UK")
    client.force_login(analyst)
    response = client.post(_url(Statement, "add"), {
        "on_behalf_of": [str(us.pk), str(uk.pk)], "stance": "asserts", "gist": "Shells went by rail.",
        "stated_on_precision": "day", "source_links-TOTAL_FORMS": "0", "source_links-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = Statement.objects.get(gist="Shells went by rail.")
    assert set(statement.on_behalf_of.all()) == {us, uk}
    page = client.get(_url(Statement, "change", statement.pk)).content.decode()
    assert 'name="on_behalf_of"' in page


@pytest.mark.django_db
def test_withdraw_and_reinstate_from_the_list_with_a_reason(client, analyst):
    statement = StatementFactory()
    client.force_login(analyst)
    response = client.post(_url(Statement, "changelist"), {
        "action": "withdraw_selected", "_selected_action": [statement.pk], "reason": ""}, follow=True)
    assert any("reason is required" in m for m in _messages(response))
    statement.refresh_from_db()
    assert not statement.is_withdrawn

    response = client.post(_url(Statement, "changelist"), {
        "action": "withdraw_selected", "_selected_action": [statement.pk], "reason": "Retracted."}, follow=True)
    assert any("Withdrew 1" in m for m in _messages(response))
    statement.refresh_from_db()
    assert statement.is_withdrawn and statement.withdrawal_reason == "Retracted." and statement.withdrawn_by == analyst
    page = client.get(_url(Statement, "change", statement.pk)).content.decode()
    assert "Retracted." in page and "Withdrawn" in page
    assert client.get(_url(Statement, "changelist") + "?withdrawn=yes").context["cl"].result_count == 1

    client.post(_url(Statement, "changelist"), {
        "action": "reinstate_selected", "_selected_action": [statement.pk], "reason": "Hoax retraction."})
    statement.refresh_from_db()
    assert not statement.is_withdrawn
    assert list(AuditEntry.objects.order_by("id").values_list("reason", flat=True)) == [
        "Retracted.", "Hoax retraction."]


@pytest.mark.django_db
def test_the_delete_page_of_a_used_actor_names_its_uses_and_offers_no_delete(client, analyst):
    actor = StateFactory(name="Republic of Example")
    statement = StatementFactory(on_behalf_of=[actor])
    client.force_login(analyst)
    page = client.get(_url(Actor, "delete", actor.pk)).content.decode()
    assert f"originator of statement #{statement.pk}" in page
    assert "Withdraw it instead" in page and 'name="post"' not in page
def test_a_statement_without_an_originator_is_refused(client, analyst, db):
    client.force_login(analyst)
    url = reverse("admin:compliance_statement_add")
    response = client.post(url, {"stance": "asserts", "gist": "Said.", "stated_on_precision": "day",
                                 "source_links-TOTAL_FORMS": "0", "source_links-INITIAL_FORMS": "0"})
    assert response.status_code == 200 and not Statement.objects.exists()
    assert "on_behalf_of" in response.context["adminform"].form.errors


def test_a_viewer_cannot_be_chosen_as_an_allegations_reviewer(client, analyst, viewer, db):
    client.force_login(analyst)
    response = client.post(_url(Allegation, "add"), {"title": "Shells by sea", "assigned_reviewer": viewer.pk})
    assert response.status_code == 200 and not Allegation.objects.exists()
    assert "assigned_reviewer" in response.context["adminform"].form.errors


@pytest.mark.django_db
def test_link_and_inline_changes_move_the_version_on_so_a_stale_form_is_refused(client, analyst, reviewer):
    """Two editors load the same statement; the first changes only its originators, or only an
    inline row: the second's form is stale and refused (case 6 of issue 10)."""
    statement = StatementFactory(documents=[SourceDocumentFactory()])
    other = StateFactory(name="Japan")
    mine, theirs = client, type(client)()
    mine.force_login(analyst)
    theirs.force_login(reviewer)
    url = _url(Statement, "change", statement.pk)

    stale = form_data(theirs.get(url))
    first = form_data(mine.get(url))
    first["on_behalf_of"] = [str(other.pk)]
    assert mine.post(url, first).status_code == 302
    stale["gist"] = "Their wording"
    refused = theirs.post(url, stale)
    assert refused.status_code == 200 and "changed by someone else" in refused.content.decode()

    stale = form_data(theirs.get(url))
    first = form_data(mine.get(url))
    first["source_links-0-excerpt"] = "A new excerpt."
    assert mine.post(url, first).status_code == 302
    stale["on_behalf_of"] = [str(StateFactory().pk)]
    refused = theirs.post(url, stale)
    assert refused.status_code == 200 and "changed by someone else" in refused.content.decode()
    statement.refresh_from_db()
    assert list(statement.on_behalf_of.all()) == [other] and statement.gist != "Their wording"
