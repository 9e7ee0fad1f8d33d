"""The review pages in a real browser (Debian's headless Chromium driven by Playwright):
log in, accept a proposal from the seed ingestion with the keyboard, propose a status
change, confirm it as a second reviewer, see the history and the route map.

Screenshots of the queue and the dossier are saved under $TEST_ARTIFACTS_DIR (default
var/test-artifacts). Without Chromium these tests are skipped, unless REQUIRE_BROWSER=1
(CI sets it) makes a missing browser a failure."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from compliance.choices import EvidentiaryStatus, Role
from compliance.models import Allegation, StatusTransition
from ingestion.choices import ProposalKind, ProposalState
from ingestion.models import Proposal
from tests.conftest import make_user

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR") or Path(__file__).resolve().parents[2] / "var"
                 / "test-artifacts")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PASSWORD = "pw-for-tests-only"
NAJIN = "dprk-russia-najin-dunay-2023"

_missing = not Path(CHROMIUM).exists()
if _missing and os.environ.get("REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM}: install Debian's chromium package.")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_missing, reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself (not by the server) are safe here, as pytest-playwright documents for Django.
    # Only while the browser runs: a subprocess started by another test must not inherit it.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch(sync_playwright)
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _launch(sync_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def record(transactional_db):
    """The quickstart's record: the curated seeds, the five articles ingested, staff of each role."""
    call_command("load_seeds", stdout=io.StringIO())
    call_command("ingest", str(SEEDS), "--no-progress", stdout=io.StringIO())
    return {
        "analyst": make_user("anna-analyst", Role.ANALYST),
        "reviewer": make_user("rita-reviewer", Role.REVIEWER),
        "reviewer2": make_user("sam-second-reviewer", Role.REVIEWER),
    }


class Session:
    """One person's browser window, with the page's console errors kept."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))

    def login(self, username: str):
        self.page.goto(self.base + "/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base + "/")
        return self

    def goto(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def close(self):
        # Scripts, styles and images all came from the project: no CSP refusal, no script error.
        problems = list(self.problems)
        self.context.close()
        assert problems == []


def test_accept_propose_confirm_and_see_history_and_map(browser, live_server, record):
    najin = Allegation.objects.get(ref=NAJIN)
    base = live_server.url

    # An analyst accepts, from the keyboard, a statement that bears on the allegation.
    analyst = Session(browser, base).login("anna-analyst")
    page = analyst.goto(f"/review/?kind=statement&state=pending&suggested_allegation={najin.pk}")
    first = page.locator("[data-proposal]").first
    proposal = Proposal.objects.get(pk=int(first.get_attribute("data-proposal")))
    assert first.locator("mark.hl--quote").count() >= 1
    analyst.screenshot("queue.png")
    page.keyboard.press("j")  # the next proposal...
    page.keyboard.press("k")  # ...and back to the first, then accept it
    assert "is-current" in (first.get_attribute("class") or "")
    page.keyboard.press("a")
    page.wait_for_selector(f"#proposal-{proposal.pk}.is-done")  # decided in place, no reload
    assert "Accepted" in first.locator(".proposal__status").inner_text()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert proposal.statement.allegation_links.filter(allegation=najin).exists()
    analyst.close()

    # A reviewer opens the dossier: the four governments in the matrix, the five articles,
    # the timeline and the map with its three places; proposes a confirmation.
    reviewer = Session(browser, base).login("rita-reviewer")
    page = reviewer.goto(f"/allegations/{najin.pk}/")
    matrix = page.locator("#matrix").inner_text()
    for originator in ("United States", "United Kingdom", "DPRK", "Russia"):
        assert originator in matrix
    assert page.locator("#articles li").count() == 5
    assert page.locator("#timeline svg").count() >= 1
    route = page.locator("#route svg.route-map")
    assert route.count() == 1
    labels = route.text_content()
    for place in ("Najin", "Dunay", "Tikhoretsk"):
        assert place in labels
    assert route.locator(".route-map__place").count() == 3
    assert route.bounding_box()["width"] > 300  # drawn, not collapsed
    page.check(f"input[name=to_status][value={EvidentiaryStatus.CONFIRMED}]")
    page.fill("textarea[name=rationale]", "Two independent governments, imagery and a graded wire report concur.")
    page.click("button[name=action][value=propose]")
    page.wait_for_selector(".message--success")
    assert "second reviewer" in page.locator(".messages").inner_text()
    # Their own proposal: no approve button for them.
    assert page.locator("button[name=action][value=approve]").count() == 0
    reviewer.close()

    # The second reviewer confirms; the history shows who proposed and who decided.
    second = Session(browser, base).login("sam-second-reviewer")
    page = second.goto(f"/allegations/{najin.pk}/")
    page.fill("textarea[name=note]", "Agreed on the cited evidence.")
    page.click("button[name=action][value=approve]")
    page.wait_for_selector(".message--success")
    assert page.locator("#current-status").inner_text() == "Confirmed"
    history = page.locator(".history").inner_text()
    assert "Confirmed" in history and "rita-reviewer" in history and "sam-second-reviewer" in history
    second.screenshot("dossier.png")
    second.close()

    najin.refresh_from_db()
    assert najin.status == EvidentiaryStatus.CONFIRMED
    last = StatusTransition.objects.filter(allegation=najin).last()
    assert (last.proposed_by.username, last.decided_by.username) == ("rita-reviewer", "sam-second-reviewer")
    assert (ARTIFACTS / "queue.png").stat().st_size > 10_000
    assert (ARTIFACTS / "dossier.png").stat().st_size > 10_000


def test_a_script_in_an_article_stays_text_in_the_browser(browser, live_server, record):
    from ingestion.choices import SubmissionOrigin
    from ingestion.services.submissions import submission_create

    submission = submission_create(
        origin=SubmissionOrigin.PASTE, locator="pasted.txt", by=record["analyst"], content_type="text/plain",
        content=b"The White House said North Korea shipped munitions to Russia.\n\n"
                b"<script>window.__pwned = true</script><img src=x onerror=\"window.__pwned=true\">",
    )
    submission.refresh_from_db()
    session = Session(browser, live_server.url).login("anna-analyst")
    page = session.goto(f"/articles/{submission.article_id}/")
    assert "<script>window.__pwned" in page.locator(".article-text").inner_text()
    assert page.evaluate("window.__pwned === undefined")
    session.close()


def test_known_names_are_on_the_article_not_in_the_queue(browser, live_server, record):
    from ingestion.models import Article, ArticleEntity

    session = Session(browser, live_server.url).login("rita-reviewer")
    page = session.goto("/review/")
    kinds = set(page.locator("[data-proposal] .kind").all_inner_texts())
    assert "Link to a known entity" not in kinds
    assert not Proposal.objects.filter(kind=ProposalKind.ENTITY).exists()
    article = Article.objects.filter(entities__isnull=False).order_by("pk").first()
    page = session.goto(f"/articles/{article.pk}/")
    named = page.locator("#named li")
    assert named.count() == ArticleEntity.objects.filter(article=article).values("actor", "place", "vessel",
                                                                                "resolution").distinct().count()
    assert page.locator(".article-text mark.hl--entity").count() == ArticleEntity.objects.filter(
        revision=article.current_revision).count()
    session.close()


def test_accepting_a_card_shows_the_next_card_without_a_reload(browser, live_server, record):
    from compliance.models import Place

    # An article with statements, a new actor and a new place to decide.
    article = next(a for a in Proposal.objects.filter(kind=ProposalKind.NEW_PLACE).values_list("article", flat=True)
                   if Proposal.objects.filter(article=a, kind=ProposalKind.NEW_ACTOR).exists())
    session = Session(browser, live_server.url).login("anna-analyst")
    page = session.goto(f"/review/?state=pending&article={article}")
    cards = page.locator("[data-proposal]")
    assert cards.count() >= 3
    page.evaluate("window.__samePage = true")
    # A card well down the page: accepting it must not send the reader back to the top.
    card = page.locator("[data-proposal].proposal--new_actor").first
    pk = int(card.get_attribute("data-proposal"))
    following = page.locator(f"#proposal-{pk} ~ [data-proposal]").first
    next_pk = int(following.get_attribute("data-proposal"))
    card.scroll_into_view_if_needed()
    card.locator("button[value=accept]").click()
    page.wait_for_selector(f"#proposal-{pk}.is-done")
    assert page.evaluate("window.__samePage === true")  # the same page: no reload
    assert "is-current" in (following.get_attribute("class") or "")
    assert page.evaluate("document.activeElement.dataset.proposal") == str(next_pk)
    assert page.evaluate("window.scrollY") > 0
    assert Proposal.objects.get(pk=pk).state == ProposalState.ACCEPTED

    # A new place: its card asks for the coordinates, then accepts in place too.
    place_card = page.locator("[data-proposal].proposal--new_place").first
    place_pk = int(place_card.get_attribute("data-proposal"))
    place_card.locator("input[name=latitude]").fill("48.59")
    place_card.locator("input[name=longitude]").fill("38.0")
    place_card.locator("button[value=accept]").click()
    page.wait_for_selector(f"#proposal-{place_pk}.is-done")
    proposal = Proposal.objects.get(pk=place_pk)
    assert proposal.state == ProposalState.ACCEPTED
    assert Place.objects.get(pk=proposal.place_id).latitude is not None
    # A refusal is said on the card, which stays.
    statement = page.locator("[data-proposal].proposal--statement:not(.is-done)").first
    statement.locator("input[name=note]").fill("   ")
    statement.locator("button[value=reject]").click()
    page.wait_for_selector(".proposal__status.error")
    assert "Say why" in statement.locator(".proposal__status").inner_text()
    assert page.evaluate("window.__samePage === true")
    # The refusal's answer is a 400, which the browser logs; nothing else may be.
    refused = [p for p in session.problems if "status of 400" in p]
    assert len(refused) == 1
    session.problems.remove(refused[0])
    session.screenshot("queue-in-place.png")
    session.close()
