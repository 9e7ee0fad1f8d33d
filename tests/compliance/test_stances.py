"""The stance table (compliance/stances.py): what each stance means, written once."""

from pathlib import Path

import pytest

from compliance.choices import Bearing, Stance
from compliance.stances import (
    LIKELY_PERCENT,
    MATRIX_COLUMNS,
    STANCES,
    counted_bearing,
    default_bearing,
    stance_rule,
    stance_table_markdown,
    statement_gist,
)


class _Term:
    def __init__(self, low, high):
        self.low_percent, self.high_percent = low, high


def test_every_stance_has_one_rule_and_one_column():
    assert set(STANCES) == set(Stance.values)
    for rule in STANCES.values():
        assert [c.key for c in MATRIX_COLUMNS].count(rule.matrix_column) == 1
        assert rule.meaning and rule.stix_object in ("opinion", "note")
    assert all(column.stances for column in MATRIX_COLUMNS), "no empty column"


def test_an_unknown_stance_is_a_clear_error():
    with pytest.raises(ValueError, match="Unknown stance “hopes”"):
        stance_rule("hopes")


@pytest.mark.parametrize("stance,bearing", [
    (Stance.ASSERTS, Bearing.SUPPORTS),
    (Stance.ASSESSES, Bearing.SUPPORTS),
    (Stance.CONDEMNS, Bearing.SUPPORTS),
    (Stance.WARNS, Bearing.CONTEXT),
    (Stance.DENIES, Bearing.CONTRADICTS),
    (Stance.DECLINES_TO_COMMENT, Bearing.CONTEXT),
])
def test_the_default_bearing_of_each_stance(stance, bearing):
    assert default_bearing(stance) == bearing


@pytest.mark.parametrize("band,bearing", [
    ((95, 100), Bearing.SUPPORTS),  # almost certain
    ((55, 75), Bearing.SUPPORTS),  # likely
    ((45, 55), Bearing.CONTEXT),  # roughly even chance: reaches 55 but does not start there
    ((40, 50), Bearing.CONTEXT),  # realistic possibility
    ((25, 35), Bearing.CONTEXT),  # unlikely: context unless a person links it as contradicting
])
def test_an_assessment_supports_only_from_likely_up(band, bearing):
    term = _Term(*band)
    assert default_bearing(Stance.ASSESSES, term) == bearing
    assert counted_bearing(stance=Stance.ASSESSES, bearing=Bearing.SUPPORTS, term=term) == bearing
    assert (band[0] >= LIKELY_PERCENT) is (bearing == Bearing.SUPPORTS)


def test_a_link_counts_only_as_far_as_its_stance_allows():
    assert counted_bearing(stance=Stance.WARNS, bearing=Bearing.SUPPORTS) == Bearing.CONTEXT
    assert counted_bearing(stance=Stance.DECLINES_TO_COMMENT, bearing=Bearing.CONTRADICTS) == Bearing.CONTEXT
    assert counted_bearing(stance=Stance.CONDEMNS, bearing=Bearing.SUPPORTS) == Bearing.SUPPORTS
    assert counted_bearing(stance=Stance.CONDEMNS, bearing=Bearing.CONTRADICTS) == Bearing.CONTEXT
    assert counted_bearing(stance=Stance.DENIES, bearing=Bearing.SUPPORTS) == Bearing.CONTEXT
    assert counted_bearing(stance=Stance.ASSERTS, bearing=Bearing.CONTRADICTS) == Bearing.CONTRADICTS
    # An "unlikely" assessment a person links as contradicting counts against the claim.
    assert counted_bearing(stance=Stance.ASSESSES, bearing=Bearing.CONTRADICTS,
                           term=_Term(25, 35)) == Bearing.CONTRADICTS
    # Context stays context whatever the stance.
    assert all(counted_bearing(stance=s, bearing=Bearing.CONTEXT) == Bearing.CONTEXT for s in Stance.values)


def test_the_stix_opinion_agrees_with_what_counts_as_support():
    bands = [(0, 5), (10, 20), (25, 35), (40, 50), (45, 55), (55, 75), (80, 90), (95, 100), (None, None)]
    for stance, rule in STANCES.items():
        for low, high in bands:
            opinion = rule.opinion(low, high)
            position = rule.default_bearing(low)
            if rule.stix_object == "note":
                assert opinion is None and position == Bearing.CONTEXT
            elif position == Bearing.SUPPORTS:
                assert opinion in ("agree", "strongly-agree"), (stance, low)
            elif position == Bearing.CONTRADICTS:
                assert opinion in ("disagree", "strongly-disagree"), (stance, low)
            else:
                assert opinion not in ("agree", "strongly-agree"), (stance, low)


def test_the_ftm_role_names_the_stance_and_its_meaning():
    assert stance_rule(Stance.CONDEMNS).ftm_role() == "Condemns: supports the claim"
    assert stance_rule(Stance.ASSESSES).ftm_role("realistic possibility", 40) == (
        "Assesses (realistic possibility): neither supports nor contradicts the claim")


def test_the_readme_shows_the_stance_table_of_the_module():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert stance_table_markdown() in readme


@pytest.mark.parametrize("speaker, behalf, verb, stance, words, quoted, gist", [
    (None, "United States", "accuses", "asserts", "North Korea of supplying Russia.", False,
     "United States accuses North Korea of supplying Russia."),
    ("John Kirby", "White House", "said", "asserts", "Arms negotiations are actively advancing", True,
     "John Kirby (White House) said: “Arms negotiations are actively advancing”"),
    ("Jake Sullivan", None, "warned", "warns", "North Korea would “pay a price”.", True,
     "Jake Sullivan warned North Korea would “pay a price”."),
    (None, "Reuters", "according to", "asserts", "the cargo reached Dunay.", False,
     "According to Reuters, the cargo reached Dunay."),
    ("Dmitry Peskov", None, "declined to comment", "declines_to_comment", "", False,
     "Dmitry Peskov declined to comment."),
    (None, "Russia", "", "denies", "shipping arms.", False, "Russia denies: shipping arms."),
    (None, None, "", "asserts", "", False, "Unnamed source asserts."),
    # the verb agrees with the gist's subject, not the article's ("South Korean officials claim")
    (None, "Republic of Korea", "claim", "asserts", "weapons were used in Ukraine.", False,
     "Republic of Korea claims weapons were used in Ukraine."),
    (None, "Russia", "deny", "denies", "the reports.", False, "Russia denies the reports."),
    (None, "United States, Japan", "warn", "warns", "of consequences.", False, "United States, Japan warn of consequences."),
    (None, "DPRK", "blaming", "condemns", "the US for the war.", False, "DPRK blaming the US for the war."),
    # an irregular past (extraction's list) stays as it is
    ("Vladimir Putin", None, "wrote", "asserts", "relations would expand.", False,
     "Vladimir Putin wrote relations would expand."),
    ("Cheong Seong-chang", "Sejong Institute", "told", "assesses", "Russia is expected to ask for more.", False,
     "Cheong Seong-chang (Sejong Institute) said Russia is expected to ask for more."),
])
def test_the_gist_keeps_the_reporting_verb(speaker, behalf, verb, stance, words, quoted, gist):
    assert statement_gist(speaker=speaker, on_behalf_of=behalf, reporting_verb=verb, stance=stance, words=words,
                          quoted=quoted) == gist
