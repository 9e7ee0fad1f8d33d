"""The quickstart's promise: after `make run`, the printed login opens the admin on the
Najin–Dunay–Tikhoretsk record with its route, its statements and its evidentiary status."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from compliance.models import Allegation, StatusTransition, Transfer

NAJIN_DUNAY = "dprk-russia-najin-dunay-2023"


@pytest.fixture
def logins(db, settings, tmp_path) -> dict[str, str]:
    """Seed the database and create the demo logins as the quickstart does; return what it prints."""
    settings.VAR_DIR = tmp_path
    call_command("load_seeds", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_users", "--force", stdout=out)
    return dict(re.findall(r"^\s+\w+\s+(\S+)\s+password: (\S+)$", out.getvalue(), re.M))


def log_in(client, username: str, password: str) -> None:
    response = client.post(reverse("admin:login"), {"username": username, "password": password,
                                                    "next": reverse("admin:index")})
    assert response.status_code == 302, "the printed login was refused"


def text_of(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_printed_login_shows_the_transfer_its_route_statements_and_allegation(client, logins):
    log_in(client, "reviewer", logins["reviewer"])
    transfer = Transfer.objects.get(ref=NAJIN_DUNAY)
    page = client.get(reverse("admin:compliance_transfer_change", args=[transfer.pk]))
    text = text_of(page)

    legs = [(leg.from_place.name, leg.to_place.name, leg.get_mode_display())
            for leg in page.context["inline_admin_formsets"][1].formset.queryset]
    assert [leg[2] for leg in legs] == ["Sea", "Rail"]
    assert "Najin" in legs[0][0] and "Dunay" in legs[0][1] and "Tikhoretsk" in legs[1][1]

    # The statements of its allegation: US, UK, DPRK and Russia, each with its stance.
    for originator, stance in [("White House", "Asserts"), ("UK Ministry of Defence", "Assesses"),
                               ("DPRK", "Denies"), ("Kremlin", "Declines to comment"),
                               ("Russia", "Denies")]:
        assert re.search(rf"{re.escape(originator)} .{{0,120}}{stance}", text), (originator, stance)
    assert "“almost certain” (95–100%)" in text

    # Its allegation with a status and a suggested status with reasons.
    assert "Status: Corroborated" in text
    assert "The record suggests: Confirmed" in text
    assert "2 independent originators assert the claim (United Kingdom, United States)" in text


def test_the_allegation_page_shows_status_suggestion_reasons_and_statements(client, logins):
    log_in(client, "viewer", logins["viewer"])
    allegation = Allegation.objects.get(ref=NAJIN_DUNAY)
    text = text_of(client.get(reverse("admin:compliance_allegation_change", args=[allegation.pk])))
    assert "Current status: Corroborated" in text
    assert "The record suggests: Confirmed" in text
    assert "declined to comment: Russia" in text
    assert "Statements in the record, by date" in text
    assert "13 Oct 2023 White House John Kirby" in text


def test_the_two_demo_reviewers_confirm_an_allegation_with_four_eyes(client, logins):
    allegation = Allegation.objects.get(ref=NAJIN_DUNAY)
    status_url = reverse("admin:compliance_allegation_status", args=[allegation.pk])
    rationale = "US and UK assessments, with Planet Labs imagery, establish the deliveries."

    log_in(client, "reviewer", logins["reviewer"])
    client.post(status_url, {"action": "propose", "to_status": "confirmed", "rationale": rationale,
                             "expected_version": allegation.version})
    pending = allegation.status_requests.get(state="pending")
    refused = client.post(status_url, {"action": "approve", "request": pending.pk, "note": "Agreed."},
                          follow=True)
    assert "four eyes" in text_of(refused)
    allegation.refresh_from_db()
    assert allegation.status == "corroborated"

    client.logout()
    log_in(client, "reviewer2", logins["reviewer2"])
    client.post(status_url, {"action": "approve", "request": pending.pk, "note": "Agreed."})
    allegation.refresh_from_db()
    assert allegation.status == "confirmed"
    last = StatusTransition.objects.filter(allegation=allegation).latest("at", "id")
    assert (last.proposed_by.username, last.decided_by.username) == ("reviewer", "reviewer2")
    history = text_of(client.get(status_url))
    assert "reviewer2" in history and rationale in history


def test_the_printed_logins_open_the_dossier_and_decide_with_four_eyes(client, logins):
    """The quickstart as README tells it: the seeds and their five articles ingested, the
    dossier with the four governments and the five articles, a decision confirmed by a
    second reviewer."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    call_command("ingest", str(seeds), "--no-progress", stdout=io.StringIO())
    response = client.post(reverse("login"), {"username": "reviewer", "password": logins["reviewer"]})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    allegation = Allegation.objects.get(ref=NAJIN_DUNAY)
    page = client.get(reverse("allegation-list"), {"q": "Najin Tikhoretsk"})
    assert reverse("allegation-detail", args=[allegation.pk]) in page.content.decode()
    dossier = client.get(reverse("allegation-detail", args=[allegation.pk]))
    matrix = {row.root.name: row for row in dossier.context["dossier"].matrix}
    assert {"United States", "United Kingdom", "DPRK", "Russia"} <= set(matrix)
    assert len(dossier.context["dossier"].documents) == 5
    assert {ref.number for row in matrix.values() for ref in row.documents} == {1, 2, 3, 4, 5}
    assert b"route-map" in dossier.content and b"timeline" in dossier.content

    url = reverse("allegation-detail", args=[allegation.pk])
    client.post(url, {"action": "propose", "to_status": "confirmed", "expected_version": allegation.version,
                      "rationale": "Two governments and imagery agree on the shipments."})
    request = allegation.status_requests.get(state="pending")
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "reviewer2", "password": logins["reviewer2"]})
    client.post(url, {"action": "approve", "request": request.pk, "note": "Confirmed on the cited record."})
    allegation.refresh_from_db()
    assert allegation.status == "confirmed"
    assert StatusTransition.objects.filter(allegation=allegation, to_status="confirmed").count() == 1
