"""The decision form's script in a real browser: the pickers search the record as one types,
"Add a row" adds a leg that starts where the route ended, the allegation picker chooses the
link, and the accepted transfer has exactly the rows chosen. No console or CSP error."""

import pytest

from compliance.choices import Role
from compliance.models import Transfer
from ingestion.choices import ProposalState
from tests import factories as f
from tests.browser import test_review_flow as flow
from tests.conftest import make_user
from tests.ingestion.builders import known_route, transfer_finding

pytestmark = flow.pytestmark
browser = flow.browser  # the module's headless Chromium


@pytest.fixture
def finding(transactional_db):
    route = known_route()
    allegation = f.AllegationFactory(title="Munitions from Najin to Dunay, autumn 2023")
    make_user("anna-analyst", Role.ANALYST)
    return {**route, "proposal": transfer_finding(route), "allegation": allegation}


def _pick(page, selector: str, typed: str, label: str) -> None:
    box = page.locator(selector)
    box.fill("")
    box.press_sequentially(typed, delay=20)
    option = page.locator(f"#{box.get_attribute('aria-controls')} li", has_text=label).first
    option.wait_for()
    option.click()


def test_pick_add_a_leg_link_and_accept(browser, live_server, finding):
    session = flow.Session(browser, live_server.url).login("anna-analyst")
    page = session.goto(f"/review/{finding['proposal'].pk}/")

    _pick(page, "#id_supplier", "north k", "DPRK")  # by the alias
    assert page.input_value("#id_supplier") == f"DPRK (#{finding['dprk'].pk})"

    page.click("[data-formset=legs] [data-add-row]")
    assert page.input_value("#id_legs-3-from_place") == f"Tikhoretsk depot (#{finding['depot'].pk})"
    _pick(page, "#id_legs-3-to_place", "vost", "Vostochny port")
    page.select_option("#id_legs-3-mode", "rail")
    page.check("#id_legs-2-DELETE")  # the empty row shown for a script-less browser is not needed

    _pick(page, "#id_allegation", "najin dunay", "Munitions from Najin to Dunay")
    assert page.is_checked("input[name=link][value=existing]")
    session.screenshot("decision-form.png")
    page.click("button.button--primary[type=submit]")
    page.wait_for_url(live_server.url + "/review/")

    proposal = finding["proposal"]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    transfer = Transfer.objects.get(pk=proposal.transfer_id)
    assert [(leg.from_place.name, leg.to_place.name, leg.mode) for leg in transfer.legs.all()] == [
        ("Najin", "Dunay", "sea"), ("Dunay", "Tikhoretsk depot", "rail"), ("Tikhoretsk depot", "Vostochny port", "rail")]
    assert transfer.allegations.get() == finding["allegation"]
    session.close()
