"""Speech and attribution read from the dependency parse (ingestion.extraction.speech), and
what the statements made of it look like: cases of news prose the token rules cannot read."""

from __future__ import annotations

import datetime as dt

import pytest

from ingestion.extraction import extract
from ingestion.extraction.document import Doc
from ingestion.extraction.ner import SentenceParses
from ingestion.extraction.speech import frames_in

from .reference_fixture import model_or_skip, seed_gazetteer

FRIDAY = dt.date(2024, 3, 15)


@pytest.fixture(scope="module")
def model():
    return model_or_skip()


def frames(model, sentence: str):
    return frames_in(model(sentence), 0)


def statements(model, text: str):
    return extract(text, reference=seed_gazetteer(), published=FRIDAY, ner=model).statements


def said(model, text: str):
    return [(s.speaker, s.on_behalf_of, s.stance, s.cue) for s in statements(model, text)]


@pytest.mark.parametrize(("sentence", "pattern", "cue", "source"), [
    ("North Korea shipped shells to Russia, Kirby said on Thursday.", "subject", "said", "Kirby"),
    ("“The shipments continue,” said Kirby, the White House spokesman.", "subject", "said",
     "Kirby, the White House spokesman"),
    ("Kirby was quoted as saying that the shipments continued.", "quoted", "quoted as saying", "Kirby"),
    ("The reports were denied by North Korea's foreign ministry.", "agent", "denied",
     "North Korea's foreign ministry"),
    ("According to South Korea's Joint Chiefs of Staff, North Korea fired two missiles.", "according",
     "According to", "South Korea's Joint Chiefs of Staff"),
    ("Satellite imagery analysed by CSIS shows 73 rail cars at Tumangang.", "evidence", "shows", "CSIS"),
    ("A report by the Royal United Services Institute found that the Angara made 11 trips.", "finding", "found",
     "the Royal United Services Institute"),
    ("Reuters reported, citing two sources, that North Korea shipped more shells.", "subject", "reported",
     "Reuters"),
])
def test_each_act_of_speech_has_its_cue_and_the_phrase_that_names_its_source(model, sentence, pattern, cue, source):
    found = frames(model, sentence)
    assert [(f.pattern, f.cue, sentence[f.source[0]:f.source[1]]) for f in found] == [(pattern, cue, source)]


@pytest.mark.parametrize(("sentence", "cue"), [
    ("The Pentagon declined to comment on the North Korean munitions.", "declined to comment"),
    ("The Pentagon did not respond to a request for comment.", "did not respond"),
    ("The North Korean embassy could not be reached for comment.", "could not be reached"),
    ("The Kremlin had no information about the shipments.", "had no information"),
    ("The embassy was not available for comment on Friday.", "was not available"),
    ("The ministry has nothing to say about the claims.", "has nothing to say"),
])
def test_refusals_in_their_forms(model, sentence, cue):
    found = frames(model, sentence)
    assert [(f.cue, f.stance) for f in found] == [(cue, "declines_to_comment")]


def test_the_words_said_are_the_clause_the_cue_governs(model):
    sentence = "It is almost certain that North Korean munitions have reached Russia, the ministry said."
    (frame,) = frames(model, sentence)
    assert sentence[frame.content[0]:frame.content[1]] == (
        "It is almost certain that North Korean munitions have reached Russia")


def test_a_refusal_reported_by_its_speaker_belongs_to_the_statement(model):
    said_frame, refusal = frames(model, "Peskov said Moscow would not comment on such speculation.")
    assert refusal.reported_by == said_frame.cue_index
    assert refusal.stance == "declines_to_comment"


def test_an_act_of_speech_in_a_clause_of_its_own_is_not_reported_by_the_one_before(model):
    found = frames(model, "Putin hinted that Moscow could help Pyongyang build satellites, as Washington warned "
                          "that the two countries were moving towards an arms deal.")
    assert [(f.cue, f.reported_by) for f in found] == [("hinted", -1), ("warned", -1)]


def test_the_parse_runs_once_per_sentence_with_only_the_components_it_needs(model):
    text = ("Kirby said North Korea sent shells to Russia. The weather was fine.\n\n"
            "Lee Sang-min met Russian diplomats in Seoul to discuss the shells.")
    doc = Doc.of(text)
    calls = []

    class Counting:
        pipe_names = model.pipe_names

        def pipe(self, texts, **kwargs):
            texts = list(texts)
            calls.append((texts, sorted(kwargs.get("disable", []))))
            return model.pipe(texts, **kwargs)

    parses = SentenceParses.of(Counting(), doc, wanted={0})
    assert [s for s, _ in parses.entities([2])] == [2]
    assert parses.get(0) is not None and parses.get(1) is None and parses.get(2) is None
    parses.entities([2])
    assert calls == [
        (["Kirby said North Korea sent shells to Russia."], ["ner"]),
        (["Lee Sang-min met Russian diplomats in Seoul to discuss the shells."], ["parser", "tagger"]),
    ]


# ----------------------------------------------------------------- statements from the parse
def test_a_think_tank_reporting_its_imagery_analysis_is_the_originator(model):
    assert said(model, "Satellite imagery analysed by the Center for Strategic and International Studies shows "
                       "73 rail cars at Tumangang, a sign of North Korean arms shipments to Russia.") == [
        (None, "Center for Strategic and International Studies", "asserts", "shows")]


def test_an_unnamed_think_tank_is_the_one_named_next(model):
    text = ("Satellite imagery shows unprecedented rail traffic at a North Korean border station, which likely "
            "indicates arms supplies to Russia, a Washington think tank said on Friday.\n\n"
            "The Center for Strategic and International Studies (CSIS) said in a report that 73 rail cars were seen.")
    assert [(s.on_behalf_of, s.stance) for s in statements(model, text)] == [
        ("Center for Strategic and International Studies", "assesses"),
        ("Center for Strategic and International Studies", "asserts"),
    ]


def test_a_pronoun_refers_to_the_last_speaker_it_can_stand_for(model):
    text = ("Kirby said North Korea had delivered rockets to Russia. Russia's foreign ministry rejected the "
            "claims about North Korean arms. He added that more shipments were expected. It called the claims "
            "absurd.")
    assert [(s.speaker, s.on_behalf_of, s.stance) for s in statements(model, text)] == [
        ("John Kirby", "US National Security Council", "asserts"),
        (None, "Russian Foreign Ministry", "denies"),
        ("John Kirby", "US National Security Council", "asserts"),
        (None, "Russian Foreign Ministry", "denies"),
    ]


def test_an_accusation_keeps_its_reporting_verb(model):
    assert said(model, "The United States accused North Korea of supplying Russia with artillery shells.") == [
        (None, "United States", "asserts", "accused")]


def test_a_dismissal_as_speculation_is_a_denial(model):
    assert said(model, "The Kremlin dismissed the reports of North Korean arms deliveries as speculation.") == [
        (None, "Kremlin", "denies", "dismissed")]


@pytest.mark.parametrize(("sentence", "stance"), [
    ("North Korea's defence ministry said it had never exported any weapons to Russia.", "denies"),
    ("Putin said Russia does not rule out military cooperation with North Korea.", "asserts"),
    ("Kirby said the United States assessed that North Korea would send more shells to Russia.", "assesses"),
    ("Kirby said the United States was still assessing the impact of North Korean missiles.", "asserts"),
    ("Peskov said the Kremlin had no information about North Korean arms.", "declines_to_comment"),
])
def test_the_speakers_own_words_give_the_stance(model, sentence, stance):
    assert [s.stance for s in statements(model, sentence)] == [stance]


def test_the_narration_of_the_journalist_is_no_statement(model):
    assert statements(model, "North Korea has shipped artillery shells to Russia since last year. Satellite "
                             "images show rail cars at Tumangang near the Russian border.") == ()


def test_states_named_together_speak_jointly(model):
    found = statements(model, "South Korea, the United States, Japan and dozens of other countries, along with the "
                              "European Union, condemned North Korea's transfer of missiles to Russia.")
    assert [(s.on_behalf_of_names, s.stance) for s in found] == [
        (("Republic of Korea", "United States", "Japan", "European Union"), "condemns")]


def test_an_estimative_term_of_a_research_group_is_read_on_its_countrys_scale(model):
    (s,) = statements(model, "The Institute for the Study of War assessed that Russian forces were likely using "
                             "North Korean ballistic missiles.")
    assert (s.stance, s.probability_term, s.band) == ("assesses", "likely", (55, 80))  # US ICD 203


def test_an_unnamed_spokesman_speaks_for_the_body_that_refuses(model):
    assert said(model, "The North Korean embassy had no information about the arms shipments to Russia, a "
                       "spokesman said.") == [(None, "DPRK", "declines_to_comment", "said")]


def test_state_media_quoting_an_official_give_the_officials_body(model):
    assert said(model, "\"This is nothing but a fabrication,\" KCNA quoted a foreign ministry spokesperson as saying "
                       "about reports of North Korean arms exports to Russia.") == [
        (None, "DPRK Foreign Ministry", "denies", "quoted as saying")]


def test_a_states_body_is_not_another_states_body_of_the_same_name(model):
    assert said(model, "Russia's Ministry of Defence has not commented on the reports of North Korean shells.") == [
        (None, "Russian Ministry of Defence", "declines_to_comment", "has not commented")]


def test_the_body_of_a_body_speaks_for_itself(model):
    found = statements(model, "The U.N. Security Council's panel of experts, which monitors sanctions on North Korea, "
                              "said in its final report that the missile debris in Kharkiv was North Korean.")
    assert [s.on_behalf_of for s in found] == ["Panel of Experts (1718 Committee)"]


def test_an_outlet_relaying_what_someone_said_is_not_the_source(model):
    assert said(model, "Kim Jong Un said that the soldiers who fought in Russia's Kursk region were heroes, KCNA "
                       "reported.") == [("Kim Jong Un", "DPRK", "asserts", "said")]


def test_coordinated_acts_of_speech_with_their_own_stances_are_two_statements(model):
    found = statements(model, "The foreign ministers of the United States, South Korea and Japan said they were "
                              "monitoring North Korean arms shipments to Russia, and warned that such cooperation "
                              "would undermine peace in Northeast Asia.")
    assert [(s.cue, s.stance) for s in found] == [("said", "asserts"), ("warned", "warns")]


def test_a_body_named_by_its_kind_alone_is_the_datelines_states(model):
    text = ("SEOUL, April 2 (Yonhap) -- South Korea imposed sanctions on two Russian ships on Tuesday.\n\n"
            "The foreign ministry said the ships had carried North Korean munitions to Russia.")
    # the state's foreign ministry when the name finder names it so, else the state
    assert [s.on_behalf_of for s in statements(model, text)] in (
        ["Republic of Korea"], ["South Korean Foreign Ministry"])


def test_an_official_of_a_region_speaks_for_the_regions_state(model):
    assert said(model, "Oleg Kozhemyako, governor of the Primorsky Krai region, said he had given Kim Jong Un "
                       "five kamikaze drones during his visit to Russia's military plants.") == [
        ("Oleg Kozhemyako", "Russia", "asserts", "said")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("North Korea has called such reports of arms exports to Russia \"absurd\".", [("DPRK", "denies")]),
    ("Putin called Kim Jong Un on Friday to discuss North Korean arms for Russia.", []),
])
def test_calling_something_is_an_act_of_speech_when_it_labels_it(model, sentence, expected):
    assert [(s.on_behalf_of, s.stance) for s in statements(model, sentence)] == expected


@pytest.mark.parametrize(("text", "stance"), [
    ("The Japanese delegate expressed grave concern that North Korea could send missiles to Russia.", "warns"),
    ("Canada's foreign minister said Ottawa was deeply concerned about North Korean arms deals with Russia.",
     "warns"),
    ("Seoul's defense ministry said it was closely watching the possibility of North Korean shipments of shells "
     "to Russia.", "warns"),
    ("A South Korean official said it was quite possible Russia would send missiles to North Korea in return.",
     "assesses"),
    ("Moscow said its purchases of North Korean shells violate no international agreements.", "denies"),
])
def test_concern_voiced_warns_a_possibility_judged_assesses_and_no_breach_denies(model, text, stance):
    assert [s[2] for s in said(model, text)] == [stance]


def test_an_analyst_speaks_for_the_institute_in_his_apposition_not_for_the_state_of_its_city(model):
    text = ("Park Ji-won, a researcher at the Asan Institute for Policy Studies in Seoul, said North Korea "
            "would probably send more shells to Russia.")
    assert [(s[0], s[1]) for s in said(model, text)] == [("Park Ji-won", "Asan Institute for Policy Studies")]


@pytest.mark.parametrize(("text", "group"), [
    ("North Korea has sent millions of shells to Russia since August, analysts say.", "analysts"),
    ("Experts here said North Korea would keep shipping shells to Russia.", "experts"),
    ("A freighter that Western governments say has carried North Korean shells to Russia left port.",
     "Western governments"),
])
def test_a_group_the_text_leaves_unnamed_speaks_as_such(model, text, group):
    assert [(s[0], s[1]) for s in said(model, text)] == [(None, group)]


def test_a_group_needing_a_qualifier_or_named_by_its_institute_is_not_an_unnamed_group(model):
    assert [s[1] for s in said(model, "Governments say North Korea has sent shells to Russia.")] == []
    text = "Analysts at the Sejong Institute said North Korea sent shells to Russia."
    assert [s[1] for s in said(model, text)] == ["Sejong Institute"]


@pytest.mark.parametrize(("text", "stance"), [
    ("Experts said North Korea would keep sending shells to Russia for months.", "assesses"),
    ("Park Ji-won, a researcher at the Asan Institute for Policy Studies, said Russia could give North Korea "
     "missile technology in return.", "assesses"),
    # a modal inside a relative clause qualifies a noun: the claim itself is asserted
    ("Park Ji-won, a researcher at the Asan Institute for Policy Studies, said Russia was giving North Korea "
     "fuel that it could not buy elsewhere in exchange for shells.", "asserts"),
    # a government official's "would" stays what the words make it
    ("A South Korean official said North Korea would send more shells to Russia.", "asserts"),
])
def test_an_analysts_prediction_is_an_assessment(model, text, stance):
    assert [s[2] for s in said(model, text)] == [stance]


def test_a_speaker_named_after_the_words_said_that_the_parser_tied_into_them_is_the_source(model):
    # the parser reads "Ivan Petrov" as part of the words said and leaves "said" without a subject
    text = ("North Korea will send 2,000 shells a day to Russia's Belgorod region, Ivan Petrov, a deputy "
            "defence minister of Russia, said Tuesday after talks with North Korean officials in Pyongyang.")
    assert [s[0] for s in said(model, text)] == ["Ivan Petrov"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Reuters could not independently verify the video of North Korean shells arriving in Russia.",
     [(None, "Reuters", "asserts")]),
    ("Reuters was unable to reach the owner of the ship that carried North Korean shells to Russia.",
     [(None, "Reuters", "asserts")]),
    # a government that cannot confirm declines to comment
    ("South Korea's defense ministry could not independently confirm that North Korea sent shells to Russia.",
     [(None, "South Korean Defense Ministry", "declines_to_comment")]),
])
def test_an_outlet_noting_what_it_could_not_check_speaks_in_its_own_voice(model, text, expected):
    assert [s[:3] for s in said(model, text)] == expected


def test_a_research_groups_own_report_voices_its_uncredited_findings(model):
    """A report written in its own voice ("We judge", "This report assesses") by the one
    research group it names: uncredited imagery and "we" are that group's findings."""
    text = (
        "Rail yard at Rajin busier than ever\n\n"
        "Freight cars crowd the port of Rajin. On the Russian side, imagery shows that a new rail siding has "
        "been laid. We judge that North Korean shells are bound for Russia. This report assesses that more "
        "shipments will follow.\n\n"
        "The Royal United Services Institute will continue to monitor the port."
    )
    found = said(model, text)
    assert {s[1] for s in found} == {"RUSI"}
    assert len(found) == 3


def test_a_minister_whose_title_names_no_known_body_speaks_for_the_state_before_the_title(model):
    text = ("Russian Minister of Natural Resources and Ecology Alexander Petrov, who is visiting North Korea, has "
            "handed over two tigers to a zoo in Pyongyang, his ministry said. He said Russia had received shells "
            "from North Korea.")
    assert ("Alexander Petrov", "Russia") in [(s[0], s[1]) for s in said(model, text)]
