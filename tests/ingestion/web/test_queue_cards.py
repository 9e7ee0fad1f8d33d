"""The review queue's cards: the sentence with one sentence around it (the paragraph on
request), names marked, decisions that return to the next card (in JSON for the queue's
script, by redirect without it), and a new place accepted with the coordinates asked on
its card."""

import html
import io
import re
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from compliance.models import Place
from ingestion.choices import ProposalKind, ProposalState, SubmissionOrigin
from ingestion.models import Proposal
from ingestion.services.submissions import submission_create
from ingestion.web.views import TextLayout
from tests.ingestion.conftest import SEEDS

PARAGRAPH = (
    "Officials met in the morning. The White House said on Friday that North Korea had delivered more than "
    "1,000 containers of military equipment and munitions to Russia. A third sentence follows it. "
    "A fourth sentence closes the paragraph."
)
TEXT = f"Shipments reported\n\n{PARAGRAPH}\n\nA later paragraph about something else."


@pytest.fixture
def ingested(seeded, run_tasks):
    with run_tasks():
        call_command("ingest", str(SEEDS), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def _ingest_text(user, text: str, run_tasks, name="story.txt"):
    with run_tasks():
        submission = submission_create(origin=SubmissionOrigin.PASTE, locator=name, by=user,
                                       content=text.encode(), content_type="text/plain")
    submission.refresh_from_db()
    return submission.article


def _card(html: str, pk: int) -> str:
    start = html.index(f'id="proposal-{pk}"')
    end = html.find('<li class="proposal', start)
    return html[start:end if end != -1 else len(html)]


def test_the_layout_gives_one_sentence_either_side_and_the_paragraph():
    text = TEXT
    layout = TextLayout.of(text)
    start = text.index("The White House")
    end = text.index("to Russia.") + len("to Russia.")
    left, right = layout.around(start, end)
    assert text[left:right] == ("Officials met in the morning. " + text[start:end] + " A third sentence follows it.")
    p_left, p_right = layout.paragraph(start, end)
    assert text[p_left:p_right] == PARAGRAPH


def test_a_card_shows_the_sentence_around_the_finding_and_the_paragraph_on_request(client, analyst, seeded,
                                                                                    run_tasks):
    article = _ingest_text(analyst, TEXT, run_tasks)
    proposal = Proposal.objects.filter(article=article, kind=ProposalKind.STATEMENT).first()
    assert proposal is not None
    client.force_login(analyst)
    html = client.get(reverse("proposal-queue"), {"article": article.pk, "state": "pending"}).content.decode()
    card = _card(html, proposal.pk)
    context = card[card.index('<blockquote class="context">'):card.index("</blockquote>")]
    assert "Officials met in the morning." in context and "A third sentence follows it." in context
    assert "A fourth sentence" not in context and "A later paragraph" not in context
    assert 'class="hl hl--quote' in context
    paragraph = card[card.index('<details class="paragraph">'):card.index("</details>")]
    assert "A fourth sentence closes the paragraph." in paragraph and "A later paragraph" not in paragraph


def test_each_card_returns_to_the_next_card(client, analyst, ingested):
    client.force_login(analyst)
    response = client.get(reverse("proposal-queue"), {"state": "pending", "kind": "statement"})
    page = list(response.context["object_list"])
    html = response.content.decode()
    first, second = page[0], page[1]
    assert f'name="next" value="/review/?state=pending&amp;kind=statement#proposal-{second.pk}"' in _card(
        html, first.pk)
    assert f'href="#proposal-{second.pk}" data-skip' in _card(html, first.pk)
    # The last card of a page returns to the first card of the next one, which moves up.
    following = Proposal.objects.filter(state=ProposalState.PENDING, kind=ProposalKind.STATEMENT)
    assert following.count() > len(page)
    assert page[-1].next_anchor == f"#proposal-{response.context['page_obj'].paginator.object_list[len(page)].pk}"


def test_without_scripts_a_decision_redirects_to_the_next_card(client, analyst, ingested):
    client.force_login(analyst)
    page = list(client.get(reverse("proposal-queue"), {"state": "pending", "kind": "statement"})
                .context["object_list"])
    first, second = page[0], page[1]
    response = client.post(reverse("proposal-decide", args=[first.pk]), {
        "action": "reject", "note": "Not about arms.", "next": first.next_url})
    assert response.status_code == 302
    assert response["Location"] == f"/review/?state=pending&kind=statement#proposal-{second.pk}"
    landed = client.get(response["Location"])
    assert b"Rejected:" in landed.content  # the message, as before
    assert second in list(landed.context["object_list"])


def test_the_queues_script_gets_json_and_no_page(client, analyst, ingested):
    proposal = Proposal.objects.filter(kind=ProposalKind.NEW_ACTOR, state=ProposalState.PENDING).first()
    client.force_login(analyst)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "accept"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    answer = response.json()
    assert answer["ok"] and answer["state"] == ProposalState.ACCEPTED and answer["message"].startswith("Accepted")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    # No message left over for the next page the person loads: the card said it already.
    assert b"Accepted:" not in client.get(reverse("proposal-queue")).content

    again = client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "reject", "note": "x"},
                        HTTP_ACCEPT="application/json")
    assert again.status_code == 400 and "already accepted" in again.json()["error"]
    other = Proposal.objects.filter(kind=ProposalKind.STATEMENT, state=ProposalState.PENDING).first()
    refused = client.post(reverse("proposal-decide", args=[other.pk]), {"action": "reject", "note": " "},
                          HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and not refused.json()["ok"] and "Say why" in refused.json()["error"]


def test_the_script_cannot_decide_for_a_viewer_or_without_the_csrf_token(client, viewer, analyst, ingested):
    from django.test import Client

    proposal = Proposal.objects.filter(kind=ProposalKind.NEW_ACTOR, state=ProposalState.PENDING).first()
    client.force_login(viewer)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "accept"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(analyst)
    response = strict.post(reverse("proposal-decide", args=[proposal.pk]), {"action": "accept"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING


def test_a_new_place_card_asks_for_coordinates_instead_of_offering_a_failing_accept(client, analyst, seeded,
                                                                                     run_tasks):
    article = _ingest_text(analyst, "North Korea shipped shells to Russia through the port of Tsiolkovsky, "
                                    "officials said on Friday, adding that the munitions were for the war.",
                           run_tasks)
    proposal = Proposal.objects.get(article=article, kind=ProposalKind.NEW_PLACE)
    client.force_login(analyst)
    card = _card(client.get(reverse("proposal-queue"), {"article": article.pk, "state": "pending"})
                 .content.decode(), proposal.pk)
    assert 'name="latitude"' in card and 'name="longitude"' in card and "required" in card
    accept = re.search(r'<button[^>]*value="accept"[^>]*>', card).group()
    assert "disabled" not in accept and "Accept with these coordinates" in card

    url = reverse("proposal-decide", args=[proposal.pk])
    for bad, field in (({}, "Latitude"), ({"latitude": "95", "longitude": "130"}, "Latitude"),
                       ({"latitude": "51.8", "longitude": "east"}, "Longitude")):
        response = client.post(url, {"action": "accept", **bad}, HTTP_ACCEPT="application/json")
        assert response.status_code == 400 and response.json()["error"].startswith(field), response.json()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PENDING

    response = client.post(url, {"action": "accept", "latitude": "51.8842195", "longitude": "128.3331"},
                           HTTP_ACCEPT="application/json")
    assert response.json()["ok"], response.json()
    proposal.refresh_from_db()
    place = Place.objects.get(name="Tsiolkovsky")
    assert proposal.state == ProposalState.ACCEPTED and proposal.place == place
    assert (place.latitude, place.longitude) == (Decimal("51.88422"), Decimal("128.33310"))


def test_a_new_place_accepted_without_scripts_takes_the_coordinates_too(client, analyst, seeded, run_tasks):
    article = _ingest_text(analyst, "North Korea shipped shells to Russia through the port of Tsiolkovsky, "
                                    "officials said on Friday, adding that the munitions were for the war.",
                           run_tasks)
    proposal = Proposal.objects.get(article=article, kind=ProposalKind.NEW_PLACE)
    client.force_login(analyst)
    response = client.post(reverse("proposal-decide", args=[proposal.pk]),
                           {"action": "accept", "latitude": "51.88", "longitude": "128.33"}, follow=True)
    assert b"Accepted:" in response.content
    assert Place.objects.filter(name="Tsiolkovsky", latitude=Decimal("51.88")).exists()


def test_the_queue_loads_its_script_from_the_projects_static_files(client, analyst, ingested, settings):
    from django.test import Client

    client.force_login(analyst)
    html = client.get(reverse("proposal-queue")).content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/ingestion/queue.js" in sources
    assert all(src.startswith("/static/") for src in sources)  # same origin, no CDN
    assert "<script>" not in html  # nothing inline: the Content-Security-Policy forbids it
    path = finders.find("ingestion/queue.js")
    assert path is not None
    script = open(path, encoding="utf-8").read()
    assert "fetch(" in script and '"Accept": "application/json"' in script and "credentials: \"same-origin\"" in script
    assert "http://" not in script and "https://" not in script
    # Served as the production middleware serves it.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    served = Client().get("/static/ingestion/queue.js")
    assert served.status_code == 200 and b"data-decide" in b"".join(served.streaming_content)


def test_a_page_past_the_end_shows_the_last_page(client, analyst, ingested):
    client.force_login(analyst)
    response = client.get(reverse("proposal-queue"), {"state": "pending", "kind": "statement", "page": 99})
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["paginator"].num_pages


def test_queue_query_count_does_not_grow_with_the_articles(client, analyst, ingested, run_tasks,
                                                           django_assert_max_num_queries):
    client.force_login(analyst)
    params = {"state": "pending"}
    client.get(reverse("proposal-queue"), params)
    with django_assert_max_num_queries(40) as before:
        client.get(reverse("proposal-queue"), params)
    for n in range(3):
        _ingest_text(analyst, f"Story {n}: the White House said North Korea sent {n + 2},000 shells to Russia "
                              f"by rail from Najin, a spokesman said on Friday. Pyongyang denied it.", run_tasks,
                     f"s{n}.txt")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("proposal-queue"), params)


def test_a_card_of_one_recorded_statement_shows_every_passage(client, analyst, ingested):
    grouped = next(p for p in Proposal.objects.filter(kind=ProposalKind.STATEMENT, state=ProposalState.PENDING)
                   if len(p.payload.get("passages") or []) > 1)
    client.force_login(analyst)
    response = client.get(reverse("proposal-queue"), {"state": "pending", "kind": "statement", "article": grouped.article_id})
    card = _card(response.content.decode(), grouped.pk)
    assert "The same statement of the record, also in:" in card
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", "", card)).split())
    text = grouped.revision.text
    for start, end in grouped.payload["passages"][1:]:
        assert " ".join(text[start:end].split()) in shown


def test_the_seed_transfer_via_najin_dunay_and_tikhoretsk_is_proposed_with_its_legs_modes_and_the_angara(
        client, analyst, ingested):
    """Issue 11's acceptance: no seed names the Angara, and none names all three places; the
    findings of the White House's containers (the sea leg from Najin to Dunay, the rail leg to
    Tikhoretsk) repeat the recorded transfer, and their cards show the route they join."""
    findings = [p for p in Proposal.objects.filter(kind=ProposalKind.TRANSFER, state=ProposalState.PENDING)
                if any(leg.get("mode") == "rail" for leg in p.payload.get("legs") or [])
                and any(leg.get("mode") == "sea" for leg in p.payload.get("legs") or [])]
    assert {p.matching_transfer_id for p in findings} == {findings[0].matching_transfer_id} != {None}
    places = {leg.get(end) for p in findings for leg in p.payload["legs"] for end in ("from_place", "to_place")}
    assert {"Rajin (Najin) port", "Dunay naval facility", "Ammunition depot near Tikhoretsk"} <= places
    client.force_login(analyst)
    for p in findings:
        for url in (reverse("proposal-detail", args=[p.pk]),):
            shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", client.get(url).content.decode())).split())
            assert ("Route on record Rajin (Najin) port → Dunay naval facility (sea, Angara) → "
                    "Ammunition depot near Tikhoretsk (rail)") in shown
    page = client.get(reverse("proposal-queue"), {"state": "pending", "kind": "transfer"}).content.decode()
    card = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", _card(page, findings[0].pk))).split())
    assert "Dunay naval facility (sea, Angara) → Ammunition depot near Tikhoretsk (rail)" in card
