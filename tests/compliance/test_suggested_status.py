"""The suggested status counts independent originators, not articles."""

import pytest

from compliance.choices import ActorKind, Bearing, EvidentiaryStatus, Stance
from compliance.models import Allegation, EstimativeTerm
from compliance.selectors.allegations import allegation_suggested_status
from tests.factories import (
    ActorFactory,
    AllegationEvidenceFactory,
    AllegationFactory,
    AllegationStatementFactory,
    EvidenceItemFactory,
    SourceDocumentFactory,
    StateFactory,
    StatementFactory,
    TransferFactory,
)


@pytest.fixture
def world(db):
    us = StateFactory(name="United States")
    uk = StateFactory(name="United Kingdom")
    dprk = StateFactory(name="DPRK")
    russia = StateFactory(name="Russia")
    white_house = ActorFactory(name="White House", parent=us)
    nsc = ActorFactory(name="National Security Council", parent=white_house)
    state_dept = ActorFactory(name="State Department", parent=us)
    uk_mod = ActorFactory(name="UK Ministry of Defence", parent=uk)
    allegation = AllegationFactory()
    allegation.transfers.add(TransferFactory(supplier=dprk, recipient=russia))
    return locals()


def _link(allegation, bearing=Bearing.SUPPORTS, **statement):
    return AllegationStatementFactory(
        allegation=allegation, statement=StatementFactory(**statement), bearing=bearing
    )


def test_one_claim_in_three_articles_is_one_originator(world):
    articles = SourceDocumentFactory.create_batch(3)
    _link(world["allegation"], on_behalf_of=[world["nsc"]], documents=articles)
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["United States"]
    assert suggestion.status == EvidentiaryStatus.REPORTED


def test_bodies_of_one_government_count_once(world):
    _link(world["allegation"], on_behalf_of=[world["nsc"]])
    _link(world["allegation"], on_behalf_of=[world["state_dept"]])
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["United States"]
    assert suggestion.status == EvidentiaryStatus.REPORTED


def test_a_second_government_corroborates(world):
    _link(world["allegation"], on_behalf_of=[world["white_house"]],
          documents=SourceDocumentFactory.create_batch(3))
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]], stance=Stance.ASSESSES)
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["United Kingdom", "United States"]
    assert suggestion.status == EvidentiaryStatus.CORROBORATED
    assert any("2 independent originators assert" in r for r in suggestion.reasons)


def test_a_denial_by_a_party_to_the_transfer_is_noted_but_does_not_dispute(world):
    _link(world["allegation"], on_behalf_of=[world["nsc"]])
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]])
    _link(world["allegation"], bearing=Bearing.CONTRADICTS, stance=Stance.DENIES,
          on_behalf_of=[world["dprk"]])
    _link(world["allegation"], bearing=Bearing.CONTEXT, stance=Stance.DECLINES_TO_COMMENT,
          on_behalf_of=[world["russia"]])
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.status == EvidentiaryStatus.CORROBORATED
    assert suggestion.interested_denials == ["DPRK"]
    assert suggestion.declined_to_comment == ["Russia"]
    assert any("interested denial" in r for r in suggestion.reasons)


def test_an_independent_contradiction_suggests_disputed(world):
    _link(world["allegation"], on_behalf_of=[world["nsc"]])
    _link(world["allegation"], bearing=Bearing.CONTRADICTS, stance=Stance.ASSERTS,
          on_behalf_of=[world["uk_mod"]])
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.status == EvidentiaryStatus.DISPUTED
    assert suggestion.contradicting_originators == ["United Kingdom"]


def test_well_graded_sources_and_evidence_suggest_confirmed(world):
    graded = SourceDocumentFactory(reliability="B", credibility="2")
    _link(world["allegation"], on_behalf_of=[world["nsc"]], documents=[graded])
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]])
    assert allegation_suggested_status(allegation=world["allegation"]).status == (
        EvidentiaryStatus.CORROBORATED
    )
    AllegationEvidenceFactory(allegation=world["allegation"])
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.status == EvidentiaryStatus.CONFIRMED
    assert suggestion.best_grade == "B2"


def test_evidence_released_by_an_originator_does_not_confirm_its_own_claim(world):
    graded = SourceDocumentFactory(reliability="A", credibility="2")
    _link(world["allegation"], on_behalf_of=[world["nsc"]], documents=[graded])
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]])
    AllegationEvidenceFactory(allegation=world["allegation"],
                              evidence=EvidenceItemFactory(provider=world["white_house"]))
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert (suggestion.supporting_evidence, suggestion.independent_evidence) == (1, 0)
    assert suggestion.status == EvidentiaryStatus.CORROBORATED
    assert any("released by an originator of the claim (United States)" in r for r in suggestion.reasons)

    planet = ActorFactory(name="Planet Labs", kind=ActorKind.ORGANISATION)
    AllegationEvidenceFactory(allegation=world["allegation"], evidence=EvidenceItemFactory(provider=planet))
    assert allegation_suggested_status(allegation=world["allegation"]).status == EvidentiaryStatus.CONFIRMED


def test_an_assessment_below_likely_is_not_support(world):
    unlikely = EstimativeTerm.objects.create(scale="uk_phia", term="unlikely",
                                             low_percent=25, high_percent=35)
    _link(world["allegation"], on_behalf_of=[world["nsc"]])
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]], stance=Stance.ASSESSES,
          estimative_term=unlikely)
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["United States"]
    assert suggestion.status == EvidentiaryStatus.REPORTED


def test_the_suggestion_never_changes_status(world):
    _link(world["allegation"], on_behalf_of=[world["nsc"]])
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]])
    allegation_suggested_status(allegation=world["allegation"])
    assert Allegation.objects.get(pk=world["allegation"].pk).status == EvidentiaryStatus.REPORTED


def test_the_suggestion_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(10):
        _link(world["allegation"], on_behalf_of=[ActorFactory(kind=ActorKind.GOVERNMENT_BODY,
                                                              parent=world["us"])],
              documents=SourceDocumentFactory.create_batch(2))
    with django_assert_max_num_queries(10):
        allegation_suggested_status(allegation=world["allegation"])


def test_a_condemnation_supports_and_a_warning_is_context_whatever_its_link_says(world):
    # compliance/stances.py: condemning a transfer presupposes it; a warning looks forward.
    _link(world["allegation"], on_behalf_of=[world["nsc"]], stance=Stance.CONDEMNS)
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]], stance=Stance.WARNS)
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["United States"]
    assert suggestion.status == EvidentiaryStatus.REPORTED
    assert any("context by its stance, not counted: warns" in r for r in suggestion.reasons)


def test_an_assessment_of_a_roughly_even_chance_does_not_support(world):
    even = EstimativeTerm.objects.create(scale="us_icd_203", term="roughly even chance",
                                         low_percent=45, high_percent=55)
    _link(world["allegation"], on_behalf_of=[world["nsc"]])
    _link(world["allegation"], on_behalf_of=[world["uk_mod"]], stance=Stance.ASSESSES, estimative_term=even)
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["United States"]
    assert any("below “likely” not counted" in r for r in suggestion.reasons)


def test_a_state_under_an_international_body_is_its_own_originator(world):
    union = ActorFactory(name="European Union", kind=ActorKind.INTERNATIONAL_BODY)
    france = StateFactory(name="France", parent=union)
    germany = StateFactory(name="Germany", parent=union)
    _link(world["allegation"], on_behalf_of=[ActorFactory(name="Quai d'Orsay", parent=france)])
    _link(world["allegation"], on_behalf_of=[germany])
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["France", "Germany"]
    assert suggestion.status == EvidentiaryStatus.CORROBORATED
def test_a_withdrawn_statement_no_longer_counts_and_the_reasons_say_so(world, analyst):
    from compliance.services.records import record_withdraw

    _link(world["allegation"], on_behalf_of=[world["white_house"]])
    uk_claim = _link(world["allegation"], on_behalf_of=[world["uk_mod"]]).statement
    assert allegation_suggested_status(allegation=world["allegation"]).status == EvidentiaryStatus.CORROBORATED

    record_withdraw(instance=uk_claim, by=analyst, reason="The ministry withdrew the briefing.")
    suggestion = allegation_suggested_status(allegation=world["allegation"])
    assert suggestion.supporting_originators == ["United States"]
    assert suggestion.status == EvidentiaryStatus.REPORTED
    assert f"1 withdrawn statement(s) not counted (#{uk_claim.pk})" in suggestion.reasons
