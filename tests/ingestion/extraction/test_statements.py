"""Attribution patterns of news prose, one at a time, on short texts."""

from __future__ import annotations

import datetime as dt

import pytest

from ingestion.extraction import extract

from .reference_fixture import model_or_skip, seed_gazetteer

FRIDAY = dt.date(2024, 3, 15)  # a Friday
_model = None


@pytest.fixture(autouse=True, params=["rules", "model"])
def mode(request):
    """Every case by the rules alone and with the statistical model (the parse); a case marked
    ``parse_only(reason)`` only with the model, since the token rules do not read it."""
    global _model
    only_parse = request.node.get_closest_marker("parse_only")
    if request.param == "rules" and only_parse is not None:
        pytest.skip(only_parse.args[0])
    _model = model_or_skip() if request.param == "model" else None
    yield request.param
    _model = None


def statements(text: str, published: dt.date = FRIDAY):
    return extract(text, reference=seed_gazetteer(), published=published, ner=_model).statements


def only(text: str, published: dt.date = FRIDAY):
    found = statements(text, published)
    assert len(found) == 1, [(s.speaker, s.on_behalf_of, s.stance, s.quote) for s in found]
    return found[0]


def test_subject_said_with_a_title_before_the_name():
    s = only("North Korea has shipped more shells to Russia, US National Security Council spokesperson "
             "John Kirby said on Thursday.")
    assert s.speaker == "John Kirby"
    assert s.speaker_role == "spokesperson"
    assert s.on_behalf_of == "US National Security Council"
    assert s.stance == "asserts"
    assert s.date == dt.date(2024, 3, 14)
    assert s.quote.startswith("North Korea has shipped more shells to Russia")


def test_inverted_said_after_a_quotation():
    s = only("“The North Korean shipments continue,” said Kirby, the White House national security spokesman.")
    assert s.speaker == "John Kirby"
    assert s.direct
    assert s.quote == "The North Korean shipments continue"


def test_according_to_a_body():
    s = only("According to South Korea's Joint Chiefs of Staff, North Korea fired two ballistic missiles "
             "supplied by Russia's arms makers.")
    assert s.on_behalf_of == "Joint Chiefs of Staff"
    assert s.quote.startswith("North Korea fired")


def test_unknown_official_with_state_adjective_and_title():
    s = only("The claims of North Korean arms sales are baseless, Russian Deputy Foreign Minister Andrei Rudenko "
             "told TASS on Friday.")
    assert s.speaker == "Andrei Rudenko"
    assert s.on_behalf_of == "Russian Foreign Ministry"
    assert s.stance == "denies"
    assert s.date == FRIDAY


def test_spokesperson_for_a_ministry_of_an_unrecorded_state():
    s = only("A spokesperson for Japan's foreign ministry said Tokyo was gravely concerned by the North Korean "
             "arms shipments to Russia.")
    assert s.speaker is None
    assert s.on_behalf_of == "Japanese Foreign Ministry"


@pytest.mark.parametrize("sentence", [
    "The Pentagon declined to comment on the North Korean munitions.",
    "The Pentagon did not respond to a request for comment about North Korean munitions.",
    "The Pentagon would not comment on the North Korean arms shipments.",
    "The Pentagon could not immediately be reached for comment on the North Korean arms.",
])
def test_refusals_to_comment(sentence):
    s = only(sentence)
    assert s.stance == "declines_to_comment"
    assert s.on_behalf_of == "US Department of Defense"


@pytest.mark.parametrize(("sentence", "stance"), [
    ("North Korea's defense ministry dismissed the reports of arms sales to Russia as groundless.", "denies"),
    ("Moscow has denied buying North Korean weapons.", "denies"),
    ("Japan condemned the arms transfers between North Korea and Russia.", "condemns"),
    ("Seoul warned that North Korea would pay a price for shipping arms to Russia.", "warns"),
    ("The State Department said North Korea had shipped artillery shells to Russia.", "asserts"),
])
def test_stance_from_the_reporting_verb_and_the_words(sentence, stance):
    assert only(sentence).stance == stance


def test_metonyms_speak_for_their_state():
    s = only("Moscow has denied buying North Korean weapons.")
    assert s.on_behalf_of == "Russia"


def test_estimative_term_takes_the_scale_of_the_speakers_state():
    uk = only("Britain's defence ministry said it was likely that North Korean shells had reached Russia.")
    us = only("The White House said it was likely that North Korean shells had reached Russia.")
    assert uk.stance == us.stance == "assesses"
    assert uk.probability_term == us.probability_term == "likely"
    assert uk.band == (55, 75)  # UK PHIA
    assert us.band == (55, 80)  # US ICD 203


def test_almost_certainly_maps_to_almost_certain():
    s = only("North Korean missiles were almost certainly used in the strike on Kharkiv, the UK Ministry of "
             "Defence said.")
    assert s.probability_term == "almost certainly"
    assert s.band == (95, 100)


def test_pronoun_carries_over_the_previous_source():
    found = statements(
        "Kirby said North Korea had delivered rockets to Russia. He added that more shipments were expected.\n\n"
        "“We are watching closely,” he said."
    )
    assert [s.speaker for s in found] == ["John Kirby"] * 3


def test_the_ministry_refers_back_to_the_ministry_named_before():
    found = statements(
        "Britain's defence ministry said North Korean munitions had reached Russia.\n\n"
        "The ministry said the shells were moved by rail."
    )
    assert [s.on_behalf_of for s in found] == ["UK Ministry of Defence"] * 2


def test_the_official_refers_back_to_the_previous_source():
    found = statements(
        "North Korea sent rockets to Russia, a senior U.S. official said.\n\n"
        "The official said the rockets were shipped through Rajin."
    )
    assert [s.on_behalf_of for s in found] == ["United States", "United States"]


def test_a_quotation_running_over_sentences_and_paragraphs_is_one_statement():
    text = ("“North Korea has sent shells to Russia. It has done so for months,” Kirby said. “We will act.\n\n"
            "“Those who help will pay,” he added.")
    found = statements(text)
    assert found[0].speaker == "John Kirby"
    assert "It has done so for months" in found[0].quote
    assert "We will act" in found[0].quote
    assert found[0].end >= text.index("We will act")


def test_joint_statement_names_every_originator():
    s = only("The United States, South Korea and Japan said in a joint statement that the arms trade between "
             "North Korea and Russia violated UN resolutions.")
    assert s.on_behalf_of_names == ("United States", "Republic of Korea", "Japan")
    assert s.on_behalf_of == "United States, Republic of Korea, Japan"


def test_a_media_outlet_reporting_its_own_findings_is_their_originator(mode):
    found = statements("Reuters reported, citing two sources, that North Korea shipped more shells to Russia.")
    if mode == "rules":
        assert found == ()  # the token rules cannot tell an outlet reporting from one spoken to
    else:
        assert [(s.on_behalf_of, s.stance, s.cue) for s in found] == [("Reuters", "asserts", "reported")]


def test_an_outlet_spoken_to_is_not_an_originator():
    found = statements("“North Korea shipped more shells to Russia,” a South Korean official told Reuters.")
    assert [s.on_behalf_of for s in found] == ["Republic of Korea"]


def test_passive_with_by_names_the_source():
    s = only("The reports of arms sales to Russia were denied by North Korea's foreign ministry.")
    assert s.on_behalf_of == "DPRK Foreign Ministry"
    assert s.stance == "denies"


def test_relative_clause_does_not_start_a_statement():
    found = statements("Kirby said North Korea sent rockets to Russia, according to Rep. Joe Wilson, who briefed "
                       "reporters.")
    assert [s.speaker for s in found] == ["John Kirby"]


def test_statement_span_is_its_sentence():
    text = "Nothing here. North Korea sent rockets to Russia, Kirby said. Nothing more."
    s = only(text)
    assert text[s.start:s.end] == "North Korea sent rockets to Russia, Kirby said."


def test_headlines_are_not_statements():
    assert statements("US says North Korea to 'pay a price'\n\nThe weather was fine in Seoul.") == ()


def test_attribution_between_two_parts_of_a_quotation():
    s = only("“We are deeply concerned,” Kirby said, “about North Korean shells reaching Russia.”")
    assert s.speaker == "John Kirby"
    assert s.quote == "We are deeply concerned … about North Korean shells reaching Russia."


def test_according_to_a_medium_before_the_real_attribution():
    s = only("According to a statement carried by KCNA, the North's foreign ministry said the reports of arms "
             "sales to Russia were \"absurd\".")
    assert (s.on_behalf_of, s.stance) == ("DPRK Foreign Ministry", "denies")


@pytest.mark.parametrize("sentence", [
    "A North Korean foreign ministry spokesperson said Pyongyang had \"never\" supplied arms to Moscow.",
    "The Russian defence ministry said it had received no weapons from North Korea.",
    "The spokeswoman, Maria Zakharova, said reports of North Korean arms deliveries were false.",
])
def test_denials_in_reported_speech(sentence):
    assert only(sentence).stance == "denies"


def test_a_denial_is_not_a_claim_of_transfer():
    text = "The Russian defence ministry said it had received no weapons from North Korea."
    assert extract(text, reference=seed_gazetteer(), published=FRIDAY).transfers == ()


def test_person_named_after_a_title_phrase_speaks_for_the_state_of_the_title():
    s = only("Moscow's ambassador in Seoul, Georgy Zinoviev, rejected the claims of North Korean arms "
             "deliveries as unfounded.")
    assert (s.speaker, s.on_behalf_of, s.stance) == ("Georgy Zinoviev", "Russia", "denies")


def test_he_refers_to_the_person_named_since_the_last_statement():
    found = statements(
        "Moscow and Pyongyang have denied accusations of arms transfers.\n\n"
        "Russian Ambassador to the United Nations Vassily Nebenzia vetoed the renewal of the panel of experts "
        "on North Korea sanctions. He said the panel had been biased."
    )
    assert [(s.speaker, s.on_behalf_of) for s in found] == [(None, "Russia, DPRK"), ("Vassily Nebenzia", "Russia")]


def test_a_body_of_a_state_named_by_its_adjective_and_a_generic_name():
    s = only("South Korea's Defense Ministry spokesperson Jeon Ha-kyu said North Korean troops were in Russia.")
    assert (s.speaker, s.on_behalf_of) == ("Jeon Ha-kyu", "South Korean Defense Ministry")


BRIEFING = ("White House spokesman John Kirby told reporters on Wednesday that North Korea had shipped artillery "
            "shells to Russia. He added that the shipments violate UN sanctions.\n\nKirby also said the United "
            "States would impose sanctions on those involved. Kirby had said in July that Russia was seeking "
            "North Korean munitions.")


@pytest.mark.parametrize("with_model", [False, True], ids=["rules", "model"])
def test_a_briefing_dates_the_speakers_later_statements_but_not_what_he_said_earlier(with_model):
    from ingestion.extraction.ner import load_ner

    ner = load_ner() if with_model else None
    if with_model and ner is None:
        pytest.skip("the statistical model is not installed")
    found = extract(BRIEFING, reference=seed_gazetteer(), published=dt.date(2023, 10, 13), ner=ner).statements
    dates = {s.quote.split()[1]: s.date for s in found}  # the reported clause's second word
    assert dates["Korea"] == dates["shipments"] == dates["United"] == dt.date(2023, 10, 11)
    assert dates["was"] is None  # "had said in July": another occasion, not the briefing
@pytest.mark.parse_only("references back to a list are read from the parse")
def test_the_states_listed_before_speak_together_when_referred_back_to():
    found = statements(
        "The member states of the new group are Canada, Germany and Japan. "
        "The member states said Russia was buying artillery shells from North Korea. "
        "According to the joint statement, North Korea has shipped ballistic missiles to Russia.\n\n"
        "Foreign Minister Kamikawa said the group would meet again in Tokyo.\n\n"
        "The member states said they would report every three months. "
        "They called on other countries to join the group."
    )
    joint = "Canada, Germany, Japan"
    assert [s.on_behalf_of for s in found if s.speaker is None] == [joint] * 4


@pytest.mark.parse_only("the parts of a joint subject are read from the parse")
def test_officials_of_different_states_speaking_together_speak_for_their_states():
    found = statements(
        "British Foreign Secretary David Lammy and French Foreign Minister Jean-Noel Barrot said in a "
        "joint statement that North Korea had sent missiles to Russia. The ministers said the transfers "
        "broke UN resolutions."
    )
    assert [s.on_behalf_of for s in found] == ["United Kingdom, France"] * 2


@pytest.mark.parse_only("the subject behind a dateline is read from the parse")
def test_an_official_release_speaks_in_the_voice_of_the_issuing_body():
    found = statements(
        "Tokyo, March 15, 2024 -- The Ministry of Foreign Affairs of Japan announces that it has imposed "
        "sanctions on three Russian shipping companies that carried North Korean munitions to Russia.\n\n"
        "The Ministry notes that the ships were seen at the port of Rajin."
    )
    # the record has no Japanese foreign ministry: the body is named with its state
    assert len(found) == 2 and len({s.on_behalf_of for s in found}) == 1
    assert found[0].on_behalf_of in ("Japan Ministry of Foreign Affairs", "Japanese Ministry of Foreign Affairs")


@pytest.mark.parse_only("the speaker of a title-only mention is read from the parse")
def test_a_title_alone_takes_the_state_of_the_fuller_mention_before():
    found = statements(
        "Seoul welcomed U.S. Deputy Secretary of State Richard Verma to talks on Thursday.\n\n"
        "Deputy Secretary Verma said Russia was buying North Korean artillery shells."
    )
    assert ("Richard Verma", "United States") in [(s.speaker, s.on_behalf_of) for s in found]


@pytest.mark.parse_only("the head of the subject is read from the parse")
def test_unnamed_news_agencies_are_the_originator_not_their_state():
    found = statements("North Korea sent a new batch of artillery shells to Russia last month, Russian news "
                       "agencies reported.")
    assert [s.on_behalf_of for s in found] == ["Russian news agencies"]


@pytest.mark.parametrize(("sentence", "stance"), [
    ("Professor Hong Min of the Korea Institute for National Unification cautioned that there was no public "
     "record yet of North Korean shells reaching Russia.", "asserts"),
    ("Professor Hong Min of the Korea Institute for National Unification cautioned that North Korean shells "
     "could prolong the war in Ukraine.", "warns"),
])
@pytest.mark.parse_only("the words said are read from the parse")
def test_cautioned_warns_only_when_the_words_look_ahead(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("relative clauses are read from the parse")
def test_no_basis_inside_a_relative_clause_is_not_a_denial():
    s = only("A Chinese foreign ministry spokesperson said Beijing had always opposed unilateral sanctions that had no "
             "basis in international law, including those on North Korea.")
    assert s.stance != "denies"


@pytest.mark.parse_only("acts of speech inside the words said are read from the parse")
def test_a_lawmaker_relaying_a_bodys_findings_speaks_for_that_body():
    found = statements(
        "Lawmaker Park Sun-won told reporters the National Intelligence Service had said North Korea shipped "
        "more artillery shells to Russia in August. He said the National Intelligence Service believed "
        "Pyongyang was likely to send more missiles."
    )
    assert [(s.speaker, s.on_behalf_of) for s in found] == [("Park Sun-won", "National Intelligence Service")] * 2


def test_a_research_groups_own_report_judges_without_a_verb_of_saying():
    text = ("CSIS assesses that North Korea has sent artillery shells to Russia by rail through Tumangang.\n\n"
            "North Korean engineers likely also repair Russian launchers near the border. "
            "In our assessment, the rail link will carry more munitions this year. "
            "The imagery does not allow us to count the freight cars.\n\n"
            "Rail traffic at Tumangang rose in September.")
    found = {s.quote[:20]: (s.on_behalf_of, s.stance) for s in statements(text)}
    csis = "Center for Strategic and International Studies"
    assert found["North Korean enginee"] == (csis, "assesses")
    assert found["In our assessment, t"] == (csis, "assesses")
    assert found["The imagery does not"] == (csis, "asserts")
    assert not any(q.startswith("Rail traffic") for q in found)


def test_a_spokesman_right_after_his_bodys_dated_statement_speaks_on_the_same_occasion(mode):
    found = statements(
        "The White House on Wednesday said it was concerned that Russia is in talks with North Korea for munitions."
        "\n\n“Arms negotiations between Russia and North Korea are actively advancing,” White House spokesman "
        "John Kirby said.\n\nKirby noted that North Korea supplied infantry rockets to Russia last year.",
        published=dt.date(2023, 8, 31))
    kirby = [s for s in found if s.speaker == "John Kirby"]
    assert len(kirby) == 2
    # "last year" is what he said, not when: the briefing's date still holds
    assert [s.date for s in kirby] == [dt.date(2023, 8, 30)] * 2


def test_a_date_of_the_event_a_statement_follows_is_not_the_statements(mode):
    s = only("After Shoigu's visit to North Korea last month, Russia's defence ministry said the visit would "
             "strengthen military ties with North Korea.", published=dt.date(2023, 8, 31))
    assert s.on_behalf_of == "Russian Ministry of Defence"
    assert s.date is None


def test_a_date_that_starts_what_is_said_is_not_when_it_was_said(mode):
    s = only("The Angara has been moored at a Chinese shipyard since Feb. 9, the Royal United Services Institute "
             "said in a report on North Korean munitions.", published=dt.date(2024, 2, 13))
    assert s.date is None


@pytest.mark.parse_only("the words said are read from the parse")
def test_a_verb_with_only_an_object_says_what_follows_the_object():
    quotes = [s.quote for s in statements(
        "Russian Foreign Minister Sergei Lavrov thanked North Korea for its strong support for Russia's war on "
        "Ukraine. North Korea is a staunch supporter of Russia and has heavily criticized the US and blamed it for "
        "the Kremlin's full-scale invasion. The US says North Korea ships munitions to Russia.")]
    assert quotes[:2] == ["North Korea for its strong support for Russia's war on Ukraine",
                          "the US and blamed it for the Kremlin's full-scale invasion"]


@pytest.mark.parse_only("the words said are read from the parse")
def test_a_phrase_quoted_at_the_end_of_reported_words_keeps_its_closing_mark():
    s = only("Kim Yo Jong dismissed the claims that North Korea was supplying arms to Moscow as “the most absurd "
             "paradox.”")
    assert s.quote.endswith("“the most absurd paradox”")


def test_a_sources_undated_lede_takes_the_one_recent_day_the_article_dates_it_on(mode):
    found = statements(
        "Britain's defence ministry has said it is almost certain that North Korean munitions have arrived in "
        "Russia.\n\n\"North Korean munitions have now reached ammunition depots in western Russia,\" the British "
        "defence ministry said in a post on Thursday.\n\nIn March, the ministry said Russia was short of shells.",
        published=dt.date(2023, 10, 27))
    dates = [s.date for s in found if s.on_behalf_of == "UK Ministry of Defence"]
    assert dates[:2] == [dt.date(2023, 10, 26)] * 2


def test_an_undated_lede_is_not_dated_by_background_from_months_before(mode):
    found = statements(
        "Britain's defence ministry has said it is almost certain that North Korean munitions have arrived in "
        "Russia.\n\nIn March, the British defence ministry said Russia was short of artillery shells.",
        published=dt.date(2023, 10, 27))
    assert found[0].date is None


@pytest.mark.parse_only("the words said are read from the parse")
def test_the_writers_asides_that_end_reported_words_are_not_part_of_them():
    quotes = [s.quote for s in statements(
        "Britain's defense ministry has said North Korean munitions have arrived in western Russia amid "
        "persistent speculation over their arms transfers. The White House accused North Korea of selling "
        "weapons to Russia through the Wagner mercenary group, headed by the late Yevgeny Prigozhin.")]
    assert quotes == ["North Korean munitions have arrived in western Russia",
                      "North Korea of selling weapons to Russia through the Wagner mercenary group"]


@pytest.mark.parse_only("participial cues are read from the parse")
def test_a_cue_written_as_a_participle_is_given_in_its_past_form():
    s = only("North Korea was one of the only countries to openly support the move, blaming the United States for "
             "the war in which Russia uses North Korean shells.")
    assert s.cue == "blamed"


def test_a_statement_made_when_an_event_the_article_dates_happened_takes_its_date(mode):
    found = statements(
        "Officials in Washington have accused Kim of selling weapons to Russia since the invasion began, in "
        "February 2022.\n\nWhen Russia invaded Ukraine, North Korea said the United States was to blame for the "
        "war in which Russia now fires North Korean shells.", published=dt.date(2023, 9, 6))
    dprk = [s for s in found if s.on_behalf_of == "DPRK"]
    assert [(s.date, s.date_precision) for s in dprk] == [(dt.date(2022, 2, 1), "month")]


@pytest.mark.parse_only("naming constructions are read from the parse")
def test_a_naming_clause_is_not_an_act_of_speech():
    found = statements("Russia's defence minister visited Pyongyang for the anniversary of the armistice, which North "
                       "Korea calls Victory Day, amid reports of arms shipments to Russia.")
    assert not found, [(s.on_behalf_of, s.quote) for s in found]


@pytest.mark.parse_only("calling constructions are read from the parse")
def test_calling_reports_fake_is_a_denial():
    s = only("The Kremlin has previously called the U.S. reports of North Korean arms shipments \"fake\".")
    assert s.on_behalf_of == "Kremlin"
    assert s.stance == "denies"


@pytest.mark.parse_only("relative clauses are read from the parse")
def test_a_refusal_in_a_relative_clause_is_its_antecedents():
    found = statements("SEOUL, March 15 (Reuters) - North Korea sent more artillery shells to Russia, Seoul said. "
                       "Russia's defence ministry, which did not respond to a request for comment, has denied "
                       "buying North Korean arms.")
    refusals = [s for s in found if s.stance == "declines_to_comment"]
    assert [s.on_behalf_of for s in refusals] == ["Russian Ministry of Defence"]


@pytest.mark.parse_only("coordinated verbs are read from the parse")
def test_an_accusation_coordinated_with_said_is_a_statement_of_its_own():
    found = statements("Ukrainian President Volodymyr Zelensky said on Thursday that Russia was using North Korean "
                       "soldiers in assaults and accused Moscow of trying to hide their losses.")
    assert [(s.speaker, s.cue) for s in found] == [("Volodymyr Zelensky", "said"),
                                                   ("Volodymyr Zelensky", "accused")]


@pytest.mark.parse_only("references back are resolved for the parse's subjects")
def test_the_newspaper_and_the_report_refer_back_to_the_outlet():
    text = ("WASHINGTON, Sept 5 (Reuters) - Kim Jong Un plans to travel to Russia to discuss arms supplies, the "
            "New York Times reported on Monday, citing U.S. officials.\n\n"
            "Kim would likely travel to Vladivostok by armoured train to meet officials of the Eastern Economic "
            "Forum, the newspaper said.\n\n"
            "Putin wants artillery shells from North Korea, according to the report.")
    found = statements(text)
    assert [s.on_behalf_of for s in found] == ["The New York Times"] * 3


def test_a_korean_name_ending_in_an_abbreviations_letters_is_a_name(mode):
    found = statements("\"Russian engineers have almost certainly shared know-how on military drones with North Korea,\" said "
                       "Yang Uk, a research fellow at the Asan Institute for Policy Studies.")
    assert [s.speaker for s in found] == ["Yang Uk"]


@pytest.mark.parse_only("the construction is read from the parse")
def test_an_outlet_that_could_not_verify_asserts_a_ministry_declines():
    found = statements("SEOUL, March 15 (Reuters) - North Korea shipped more shells to Russia, Seoul said. "
                       "Reuters could not immediately verify the report. "
                       "Russia's defence ministry said it could not verify claims of North Korean arms shipments.")
    stances = {s.on_behalf_of: s.stance for s in found}
    assert stances["Reuters"] == "asserts"


@pytest.mark.parse_only("joint references are resolved for the parse's subjects")
def test_both_countries_are_the_first_two_states_of_the_sentence_before():
    found = statements("The visit comes amid claims that North Korea has supplied artillery shells to Russia for its "
                       "war in Ukraine. Both countries have denied the claims.")
    assert [(s.on_behalf_of_names, s.stance) for s in found] == [(("DPRK", "Russia"), "denies")]


@pytest.mark.parse_only("relative clauses are read from the parse")
def test_a_body_referred_to_questions_is_of_the_state_of_the_source_before_it():
    found = statements("North Korean troops have returned to the front line in Kursk, Ukraine said.\n\n"
                       "Kremlin spokesman Dmitry Peskov declined to comment, referring questions to the defence "
                       "ministry, which did not respond to a request for comment.")
    assert [(s.on_behalf_of, s.stance) for s in found][1:] == [("Kremlin", "declines_to_comment"),
                                                               ("Russian Ministry of Defence", "declines_to_comment")]


@pytest.mark.parse_only("the subject is read from the parse")
def test_an_unnamed_title_holder_speaks_for_the_body_after_of_and_he_refers_back():
    found = statements("SEOUL, Sept 22 (Reuters) - North Korea denied supplying arms to Russia on Thursday.\n\n"
                       "\"We have never exported weapons or ammunition to Russia,\" the vice director of the general "
                       "bureau of equipment of North Korea's defence ministry said in a statement.\n\n"
                       "He warned Washington to stop making reckless remarks about arms sales.")
    assert [(s.on_behalf_of, s.stance) for s in found][1:] == [
        ("DPRK Ministry of National Defence", "denies"), ("DPRK Ministry of National Defence", "warns")]


@pytest.mark.parse_only("the subject is read from the parse")
def test_a_states_military_speaks_as_the_state():
    s = only("North Korean soldiers have returned to the front line in Russia's Kursk region after heavy losses, "
             "Ukraine's military has said.")
    assert s.on_behalf_of == "Ukraine"


@pytest.mark.parse_only("stance patterns are read on the parse")
def test_saying_the_other_side_spreads_speculation_is_a_denial():
    s = only("Russian Ambassador Anatoly Antonov said the United States was spreading speculation about arms "
             "supplies from North Korea to distract attention from its own weapons deliveries to Kyiv.")
    assert s.stance == "denies"


@pytest.mark.parse_only("joint references are resolved for the parse's subjects")
def test_the_ministers_are_the_states_of_the_people_who_met():
    found = statements("SEOUL, March 4 (Reuters) - Russian President Vladimir Putin and North Korean leader Kim Jong Un "
                       "signed a defence pact in Pyongyang on Wednesday. The two leaders said the pact would "
                       "strengthen military cooperation.\n\n"
                       "In Washington, U.S. Secretary of State Antony Blinken met South Korean Foreign Minister Cho "
                       "Tae-yul on Thursday. The ministers condemned the arms transfers between North Korea and Russia.")
    assert [s.on_behalf_of_names for s in found][-1] == ("United States", "Republic of Korea")


@pytest.mark.parametrize("sentence, stance", [
    ("South Korea's foreign ministry said any transfer of North Korean arms to Russia would be met with a resolute response.",
     "warns"),
    ("South Korea's foreign ministry said the government would respond sternly to North Korean arms transfers to Russia.", "warns"),
    ("South Korea's foreign ministry said the missiles were believed to have been made in North Korea in 2023.",
     "assesses"),
    ("Japan's foreign ministry said Pyongyang may have received Russian help with its missiles.", "assesses"),
])
@pytest.mark.parse_only("stance patterns are read on the parse")
def test_promised_responses_warn_and_beliefs_and_past_possibilities_assess(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("references back are resolved for the parse's subjects")
def test_the_think_tank_refers_back_to_the_research_group_that_spoke():
    found = statements("The Institute for the Study of War said in its latest assessment that Russian forces likely "
                       "used North Korean artillery shells in Kursk. The think tank wrote that the shells were of "
                       "poor quality.")
    assert [s.on_behalf_of for s in found] == ["Institute for the Study of War"] * 2


@pytest.mark.parse_only("coordinated verbs are read from the parse")
def test_a_second_reporting_verb_in_another_tense_is_the_speakers_own():
    found = statements("The Kremlin has previously said that its cooperation with Pyongyang is not directed against "
                       "third countries and has declined to discuss North Korean weapons.")
    assert [(s.on_behalf_of, s.stance) for s in found] == [("Kremlin", "asserts"), ("Kremlin", "declines_to_comment")]


@pytest.mark.parse_only("references back are resolved for the parse's subjects")
def test_the_minister_refers_back_past_other_sources_to_the_minister_who_spoke():
    text = ("SEOUL, Oct. 8 (Yonhap) -- Defense Minister Kim Yong-hyun told parliament on Tuesday that North Korea "
            "had shipped about 13,000 containers of munitions to Russia.\n\n"
            "The Kyiv Post reported last week that North Korean officers had been killed near Donetsk.\n\n"
            "Ukrainian media said the officers were working with Russian units.\n\n"
            "The minister warned that the munitions deals could help North Korea improve its own weapons.")
    found = statements(text)
    assert (found[-1].speaker, found[-1].stance) == ("Kim Yong-hyun", "warns")


@pytest.mark.parse_only("clauses are read from the parse")
def test_a_second_speaker_after_comma_and_is_a_statement_of_its_own():
    found = statements("The White House said on Monday that North Korean troops had suffered casualties in Kursk, and "
                       "a U.S. military official said the number of killed and wounded was in the several hundreds.")
    assert [s.on_behalf_of for s in found] == ["White House", "United States"]
    assert "official" not in found[0].quote


@pytest.mark.parse_only("the words said are read from the parse")
def test_an_analysts_caveat_of_no_evidence_is_not_a_denial():
    s = only("Victor Cha, a Korea expert at the Center for Strategic and International Studies, said there was no "
             "evidence so far that Russia had transferred missile technology to North Korea.")
    assert s.stance != "denies"


@pytest.mark.parse_only("the words said are read from the parse")
def test_a_body_saying_it_could_not_verify_reports_of_transfers_declines():
    s = only("Stephane Dujarric, spokesman for U.N. Secretary-General Antonio Guterres, said the United Nations "
             "could not verify the reports of North Korean arms transfers to Russia.")
    assert s.stance == "declines_to_comment"


@pytest.mark.parse_only("the subject is read from the parse")
def test_a_title_after_a_possessive_with_the_name_after_it_is_that_persons():
    s = only("The European Union's foreign policy chief Josep Borrell said the deployment of North Korean troops to "
             "Russia was a dangerous escalation.")
    assert (s.speaker, s.on_behalf_of) == ("Josep Borrell", "European Union")


@pytest.mark.parametrize("words", ["These are fakes spread by Washington.", "The reports are fake."])
@pytest.mark.parse_only("stance patterns are read on the parse")
def test_fakes_and_being_fake_deny(words):
    s = only(f"Asked whether Moscow had received North Korean missiles, Zakharova said: \"{words}\"")
    assert s.stance == "denies"


@pytest.mark.parse_only("references back are resolved for the parse's subjects")
def test_according_to_the_report_is_its_publisher_not_the_one_who_dismissed_it():
    text = ("SEOUL, March 4 (Reuters) - The Royal United Services Institute published a report on Tuesday on North "
            "Korean arms shipments to Russia. It said the Angara had made 11 round trips between Rajin and Dunay.\n\n"
            "Kremlin spokesman Dmitry Peskov dismissed the report.\n\n"
            "According to the report, the ships switched off their transponders.")
    found = statements(text)
    assert found[-1].on_behalf_of == "RUSI"


@pytest.mark.parse_only("acts of speech inside the words said are read from the parse")
def test_the_speakers_state_condemning_in_the_words_said_condemns():
    s = only("Japan's Chief Cabinet Secretary Yoshimasa Hayashi said Tokyo \"strongly condemns\" the deployment of North "
             "Korean troops to Russia.")
    assert s.stance == "condemns"


def test_an_attribution_the_parse_reads_as_a_participle_is_still_found(mode):
    s = only("North Korea has sent more artillery shells to Russia, a South Korean official who declined to be "
             "named said on Monday.")
    assert (s.on_behalf_of, s.stance) == ("Republic of Korea", "asserts")


@pytest.mark.parse_only("pronouns of the parse's subjects")
def test_he_with_no_person_named_is_the_unnamed_official_who_spoke():
    found = statements("North Korea has sent more artillery shells to Russia, a South Korean official said on Monday.\n\n"
                       "He would not say how the information about the shells was obtained.")
    assert [(s.on_behalf_of, s.stance) for s in found] == [("Republic of Korea", "asserts"),
                                                           ("Republic of Korea", "declines_to_comment")]


@pytest.mark.parametrize("sentence, stance", [
    ("South Korea's unification ministry said it was closely watching the North Korean arms shipments to Russia.",
     "asserts"),
    ("South Korea's unification ministry said it was closely watching whether Russia would send arms to North Korea.",
     "asserts"),
    ("South Korea's unification ministry said it was closely watching the possibility that Russia sends arms to "
     "North Korea.", "warns"),
])
def test_closely_watching_says_it_looks_unless_a_possibility_is_watched(sentence, stance):
    assert only(sentence).stance == stance


def test_a_research_groups_own_report_judges_with_probable_and_unlikely():
    text = ("CSIS assesses that North Korea has sent artillery shells to Russia by rail through Tumangang.\n\n"
            "It is more probable that Moscow pays Pyongyang with food and fuel. "
            "Payment in cash is unlikely for such large shipments.")
    found = {s.quote[:20]: (s.on_behalf_of, s.stance) for s in statements(text)}
    csis = "Center for Strategic and International Studies"
    assert found["It is more probable "] == (csis, "assesses")
    assert found["Payment in cash is u"] == (csis, "assesses")


@pytest.mark.parametrize("sentence", [
    "“Such accusations against Moscow over North Korean arms are not supported by any facts,” the Russian "
    "Foreign Ministry said.",
    "The Russian Foreign Ministry said the reports of North Korean missiles were not backed by evidence.",
])
def test_claims_said_to_lack_facts_are_denied(mode, sentence):
    assert only(sentence).stance == "denies"


@pytest.mark.parametrize("sentence", [
    "North Korea appears to have shipped more artillery shells to Russia, South Korea's foreign ministry said.",
    "South Korea's foreign ministry said North Korean troops were also believed to be fighting for Russia in Kursk.",
])
@pytest.mark.parse_only("stance patterns are read on the parse")
def test_what_appears_to_have_happened_or_is_also_believed_is_assessed(sentence):
    assert only(sentence).stance == "assesses"


@pytest.mark.parametrize("sentence, state", [
    ("North Korean leader Kim Jong Un ordered the mass production of artillery shells for Russia, state media "
     "reported Friday.", "DPRK"),
    ("Kim Jong Un ordered the mass production of artillery shells for Russia, state media reported Friday.", "DPRK"),
    ("Russian forces fired more North Korean artillery shells in Kursk, state media reported Friday.", "Russia"),
])
@pytest.mark.parse_only("the words said are read on the parse")
def test_state_media_without_their_state_are_those_of_the_state_the_words_are_about(sentence, state):
    assert only(sentence).on_behalf_of == state


@pytest.mark.parse_only("reported speech inside reported speech is read on the parse")
def test_state_media_named_by_their_state_relay_the_official_they_report():
    found = statements(
        "Russian Deputy Foreign Minister Andrei Rudenko on Thursday rejected U.S. claims that Russia had used North "
        "Korean missiles. Kremlin spokesman Dmitry Peskov declined to comment on the North Korean missiles.\n\n"
        "Russian state media reported that the deputy minister also accused Washington of inventing the North "
        "Korean arms deliveries. He warned that any attempt to pressure Moscow over its ties with Pyongyang would fail.")
    assert [s.speaker for s in found][-2:] == ["Andrei Rudenko", "Andrei Rudenko"]


def test_a_research_groups_own_report_refuses_to_vouch_for_a_claim():
    text = ("CSIS assesses that North Korea has sent artillery shells to Russia by rail through Tumangang.\n\n"
            "We have not been able to independently verify the figures given by Ukrainian officials, who say half "
            "of the North Korean shells fail to fire.")
    found = {s.quote[:20]: (s.on_behalf_of, s.stance) for s in statements(text)}
    assert found["We have not been abl"] == ("Center for Strategic and International Studies", "declines_to_comment")


@pytest.mark.parametrize("sentence, stance", [
    ("Kremlin spokesman Dmitry Peskov told reporters that no agreements on military-technical cooperation with "
     "North Korea had been signed during the visit.", "denies"),
    ("The Russian Foreign Ministry said its arms cooperation with North Korea breaks no international rules.", "denies"),
    ("State Department spokesman Matthew Miller said Washington would not hesitate to impose new sanctions over "
     "North Korean arms sales to Russia.", "warns"),
])
@pytest.mark.parse_only("stance patterns are read on the parse")
def test_agreements_said_not_signed_and_rules_not_broken_deny_and_not_hesitating_warns(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("judgements inside the words said are read on the parse")
def test_a_judgement_in_a_clause_hung_on_a_noun_is_still_the_relayed_bodys():
    found = statements(
        "Lawmaker Park Sun-won told reporters the NIS had said North Korea shipped more artillery shells to Russia "
        "in August. He told reporters after the closed-door session that the NIS believed Pyongyang was preparing "
        "to send more missiles to Russia.")
    assert [(s.on_behalf_of, s.stance) for s in found][-1] == ("National Intelligence Service", "assesses")


@pytest.mark.parse_only("the unknown envoy's name is found by the model")
def test_a_body_after_a_title_is_the_posting_not_the_source():
    s = only("Russia's ambassador to the UN, Vassily Nebenzia, said the accusations about arms shipments from "
             "North Korea were lies.")
    assert (s.speaker, s.on_behalf_of) == ("Vassily Nebenzia", "Russia")


@pytest.mark.parse_only("acts of speech inside the words said are read from the parse")
def test_a_body_named_back_inside_its_spokespersons_words_is_the_speaker():
    s = only("A spokesperson for South Korea's Ministry of National Defense said the ministry could not confirm "
             "reports of North Korean arms shipments to Russia.")
    assert (s.on_behalf_of, s.stance) == ("South Korean Defense Ministry", "declines_to_comment")


@pytest.mark.parametrize("sentence, owner", [
    ("North Korea has shipped about 9 million artillery shells to Russia, according to South Korean "
     "government estimates.", {"Government of the Republic of Korea", "Republic of Korea"}),
    ("Russia has fired at least 24 North Korean missiles, according to Ukrainian military estimates.",
     {"Ukraine"}),
])
def test_estimates_named_by_their_owner_are_the_owners_statement(sentence, owner):
    s = only(sentence)
    assert s.on_behalf_of in owner
    assert s.cue == "according to"


@pytest.mark.parse_only("relative clauses are read on the parse")
def test_words_said_in_a_relative_clause_are_the_antecedents_statement():
    s = only("Ukrainian officials, who say Russia has launched dozens of North Korean missiles since December, gave "
             "the investigators access to the debris.")
    assert (s.on_behalf_of, s.stance, s.cue) == ("Ukraine", "asserts", "say")


@pytest.mark.parse_only("relative clauses are read on the parse")
def test_a_label_in_a_relative_clause_and_the_main_verb_are_two_statements():
    found = statements("U.S. Deputy Ambassador Robert Wood, who called the transfers of North Korean missiles a "
                       "flagrant violation of UN sanctions, warned that Pyongyang would gain valuable insights.")
    assert [(s.speaker, s.stance) for s in found] == [("Robert Wood", "condemns"), ("Robert Wood", "warns")]


@pytest.mark.parse_only("relative clauses are read on the parse")
def test_a_relative_clause_of_background_is_still_no_statement():
    found = statements("North Korea shipped artillery shells to Russia, according to Rep. Joe Wilson, who briefed "
                       "reporters on the intelligence after he spoke to the committee.")
    assert len(found) == 1


@pytest.mark.parse_only("relative clauses are read on the parse")
def test_a_report_refuses_to_vouch_for_figures_its_officials_state_in_a_relative_clause():
    text = ("CSIS assesses that North Korea has sent artillery shells to Russia by rail through Tumangang.\n\n"
            "We have not been able to independently verify the figures given by Ukrainian officials, who say half "
            "of the North Korean shells fail to fire.")
    found = {(s.on_behalf_of, s.stance) for s in statements(text)}
    assert ("Center for Strategic and International Studies", "declines_to_comment") in found
    assert ("Ukraine", "asserts") in found


def test_an_office_only_one_state_has_names_the_speakers_state():
    found = statements(
        "Pentagon press secretary Pat Ryder said North Korea had sent troops to Russia by ship.\n\n"
        "Chief Cabinet Secretary Yoshimasa Hayashi said the deployment of North Korean troops to Russia was "
        "a grave concern.")
    assert (found[-1].speaker, found[-1].on_behalf_of) == ("Yoshimasa Hayashi", "Japan")


def test_a_sentence_opening_with_a_place_gives_an_unqualified_ministers_state():
    found = statements(
        "Pentagon press secretary Pat Ryder said North Korea had sent troops to Russia by ship.\n\n"
        "In Tokyo, Defense Minister Minoru Kihara said the deployment of North Korean troops to Russia was "
        "a grave concern.")
    assert (found[-1].speaker, found[-1].on_behalf_of) in {("Minoru Kihara", "Japan"),
                                                           ("Minoru Kihara", "Japanese Ministry of Defense")}


def test_a_title_in_a_list_of_people_is_not_the_first_ones_apposition():
    text = ("First Vice Foreign Minister Kim Hong-kyun, U.S. Deputy Secretary of State Kurt Campbell and Japanese "
            "Vice-Minister for Foreign Affairs Okano Masataka attended the launch of the team monitoring North "
            "Korean arms exports to Russia.")
    kim = next(m for m in extract(text, reference=seed_gazetteer(), published=FRIDAY, ner=_model).mentions
               if m.name == "Kim Hong-kyun")
    assert kim.role == "First Vice Foreign Minister"
    assert kim.affiliation is None


def test_a_minister_of_no_state_in_a_paragraph_of_his_own_is_the_datelines():
    found = statements(
        "SEOUL, Oct 16 (Yonhap) -- Japan's vice foreign minister said North Korea had shipped missiles to Russia.\n\n"
        "First Vice Foreign Minister Kim Hong-kyun said the transfers of North Korean missiles to Russia "
        "violated UN sanctions.")
    assert (found[-1].speaker, found[-1].on_behalf_of) in {("Kim Hong-kyun", "Republic of Korea"),
                                                           ("Kim Hong-kyun", "Republic of Korea Ministry of Foreign Affairs")}


@pytest.mark.parse_only("the unknown officer's name is found by the model")
def test_a_research_group_described_in_an_apposition_and_its_officer_named_back_speak_for_it():
    found = statements(
        "Conflict Armament Research, a British-based group that identifies and traces weapons used in wars, said "
        "its field team had examined debris of a North Korean missile fired by Russia in Kharkiv.\n\n"
        "Damien Spleeters, the group's deputy director of operations, said the North Korean missile contained "
        "parts made in the United States.")
    assert [(s.speaker, s.on_behalf_of) for s in found] == [
        (None, "Conflict Armament Research"), ("Damien Spleeters", "Conflict Armament Research")]


@pytest.mark.parse_only("indefinite descriptions of a source are read on the parse")
def test_an_indefinite_description_a_bodys_name_carries_is_that_body():
    found = statements(
        "North Korea has supplied Russia with 9 million artillery shells, a multinational team monitoring "
        "sanctions on Pyongyang said Thursday in its first report.\n\n"
        "The Multilateral Sanctions Monitoring Team, set up by 11 countries, said the transfers violated UN "
        "sanctions.\n\nRussia has provided North Korea with air defense systems in return, the report said.")
    assert [s.on_behalf_of for s in found] == ["Multilateral Sanctions Monitoring Team"] * 3


@pytest.mark.parse_only("a first-person voice is read on the parse")
def test_a_commentary_in_the_first_person_is_its_publishers_even_when_it_writes_of_an_armed_group():
    found = statements(
        "The White House has said that North Korea delivered rockets to the Wagner Group in Russia.\n\n"
        "We judge that Moscow could in return offer Pyongyang food and help with its satellite program.\n\n"
        "Views expressed are the author's own and do not necessarily reflect those of 38 North or the Stimson "
        "Center.")
    assert [(s.on_behalf_of, s.stance) for s in found][1] == ("38 North", "assesses")


def test_his_office_speaks_for_the_state_of_the_person_named_before(mode):
    found = statements(
        "Ukraine's President Volodymyr Zelensky said North Korea had sent troops to Russia.\n\n"
        "South Korean President Yoon Suk Yeol convened an emergency security meeting on Friday. His office said "
        "in a statement that the deployment of North Korean troops to Russia posed a grave security threat.")
    assert found[-1].on_behalf_of in {"Republic of Korea", "Government of the Republic of Korea"}
    assert found[-1].speaker is None


@pytest.mark.parametrize("sentence", [
    "Foreign Minister Takeshi Iwaya said the arms cooperation between Russia and North Korea posed a grave threat "
    "to Japan's security.",
    "Chief Cabinet Secretary Yoshimasa Hayashi said the military cooperation between Russia and North Korea "
    "directly affects the security of Europe and the Indo-Pacific.",
])
def test_a_threat_named_to_someones_security_warns(sentence):
    assert only(sentence).stance == "warns"


@pytest.mark.parse_only("the participle is a misreading of the parse")
def test_a_reporting_verb_parsed_as_a_participle_of_its_subject_is_still_its_statement():
    s = only("The Korea Institute for Defense Analyses, a state-run think tank in Seoul, estimated last month that "
             "North Korea may have earned about $20 billion from its arms exports to Russia.")
    assert (s.on_behalf_of, s.stance) == ("Korea Institute for Defense Analyses", "assesses")


@pytest.mark.parse_only("speech inside the words said is read on the parse")
def test_another_side_speaking_inside_a_statement_is_a_statement_of_its_own():
    found = statements(
        "North Korea has shipped artillery shells and troops to Russia.\n\n"
        "South Korea's Joint Chiefs of Staff said in a report to lawmakers that North Korean reinforcements were "
        "deployed to Russia's Kursk region, where Ukrainian officials say North Korean units suffered heavy losses.")
    assert [s.on_behalf_of for s in found] == ["Joint Chiefs of Staff", "Ukraine"]


def test_a_refusal_reported_by_its_own_sides_spokesman_is_still_one_statement(mode):
    found = statements("Kremlin spokesman Dmitry Peskov said Moscow would not comment on reports of North Korean "
                       "arms shipments to Russia.")
    assert len(found) == 1


@pytest.mark.parse_only("the subject of the cue is read on the parse")
def test_bare_investigators_in_a_lead_are_the_research_group_named_next():
    found = statements(
        "A North Korean missile that Russia fired at Kharkiv contained parts made in the United States, "
        "investigators said on Monday.\n\n"
        "Conflict Armament Research said its field team had examined debris of the North Korean missile.")
    assert [s.on_behalf_of for s in found] == ["Conflict Armament Research"] * 2


@pytest.mark.parse_only("speech inside the words said is read on the parse")
def test_it_refers_back_to_the_main_voice_not_to_one_heard_inside_its_words():
    found = statements(
        "North Korea has shipped artillery shells and troops to Russia.\n\n"
        "South Korea's Joint Chiefs of Staff said in a report to lawmakers that North Korean reinforcements were "
        "deployed to Russia's Kursk region, where Ukrainian officials say North Korean units suffered heavy losses. "
        "The new North Korean troops were likely moved in January, it said.")
    assert found[-1].on_behalf_of == "Joint Chiefs of Staff"


def test_its_mission_is_the_mission_of_the_state_named_before():
    found = statements(
        "Japan's ambassador said Japan condemned the transfers of North Korean missiles to Russia.\n\n"
        "North Korea, which is not a council member, did not take part in the meeting. Its mission to the United "
        "Nations did not respond to a request for comment.")
    assert found[-1].stance == "declines_to_comment"
    assert found[-1].on_behalf_of in {"DPRK Mission to the UN", "DPRK"}


@pytest.mark.parse_only("stance patterns are read on the parse")
def test_claims_labelled_fake_are_denied():
    found = statements("Kremlin spokesman Dmitry Peskov dismissed the reports of North Korean troops in Russia. He "
                       "said the Kremlin had already described similar claims as fake.")
    assert found[-1].stance == "denies"


@pytest.mark.parse_only("stance patterns are read on the parse")
def test_saying_a_dealing_does_not_violate_agreements_denies():
    s = only("Moscow has said its arms cooperation with Pyongyang does not violate any international agreements.")
    assert s.stance == "denies"


def test_the_ministry_with_none_named_is_the_ministry_of_the_minister_named_before():
    found = statements(
        "PYONGYANG, November 20. /TASS/. Russian Minister of Natural Resources and Ecology Alexander Kozlov has "
        "handed over more than 70 animals to North Korea despite UN sanctions, the ministry's press service "
        "told TASS.")
    assert found[0].on_behalf_of == "Russia"


@pytest.mark.parse_only("the subject of the cue is read on the parse")
def test_a_leaders_sister_named_after_him_is_the_speaker():
    found = statements("North Korean leader Kim Jong Un's sister Kim Yo Jong said reports of arms exports to Russia "
                       "were the most absurd paradox.")
    assert [s.speaker for s in found] == ["Kim Yo Jong"]


@pytest.mark.parse_only("the subject of the cue is read on the parse")
def test_a_speaker_of_its_own_in_a_with_clause_is_not_part_of_the_words_said():
    found = statements("North Korea has denied supplying arms to Russia, with leader Kim Jong Un's sister Kim Yo Jong "
                       "calling such claims \"the most absurd paradox\" in May.")
    assert ("Kim Yo Jong", "denies") in [(s.speaker, s.stance) for s in found]


@pytest.mark.parametrize("sentence, stance", [
    # a worry voiced about something, or about what may come of it: a warning
    ("South Korea's foreign ministry said it was concerned about the growing military cooperation between "
     "Russia and North Korea.", "warns"),
    ("South Korea's unification ministry said it was concerned that the trip could lead to arms deals between "
     "Russia and North Korea.", "warns"),
    ("South Korea's foreign ministry said it was concerned that the arms trade between Russia and North Korea "
     "threatened peace on the Korean Peninsula.", "warns"),
    # "concerned that" + what is happening discloses it: an assertion
    ("The White House said it was concerned that Russia is in secret talks with North Korea to buy munitions.",
     "asserts"),
])
def test_a_plain_concerned_warns_about_something_or_what_may_come_of_it(sentence, stance):
    assert only(sentence).stance == stance


def test_not_concerned_is_no_warning():
    assert only("South Korea's foreign ministry said it was not concerned about the arms talks between Russia and "
                "North Korea.").stance != "warns"


@pytest.mark.parametrize("sentence, stance", [
    ("President Yoon Suk Yeol said the North Korean arms shipments to Russia posed a grave security threat "
     "to South Korea.", "warns"),
    ("Kremlin spokesman Dmitry Peskov said the arms trade between Russia and North Korea poses no threat "
     "to anyone.", "asserts"),
])
def test_saying_a_thing_poses_a_threat_warns(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("the act of speech inside the words said is read on the parse")
def test_an_unnamed_spokesperson_after_a_bodys_refusal_speaks_for_that_body():
    found = statements("North Korea's foreign ministry denied sending arms to Russia.\n\n"
                       "The Kremlin had nothing to add to the remarks on North Korean arms, a spokesperson said.")
    last = found[-1]
    assert (last.on_behalf_of, last.stance) == ("Kremlin", "declines_to_comment")


def test_the_alliance_named_back_by_natos_chief_is_natos_own_refusal():
    found = only("NATO Secretary-General Mark Rutte said the alliance could not confirm the reports of North Korean "
                 "arms shipments to Russia.")
    assert (found.on_behalf_of, found.stance) == ("NATO", "declines_to_comment")


def test_his_office_speaks_for_the_state_of_the_one_last_named():
    found = statements("President Yoon Suk Yeol said North Korean arms shipments to Russia posed a grave threat.\n\n"
                       "His office warned that Seoul would respond to the arms trade with all available means.")
    last = found[-1]
    assert (last.speaker, last.on_behalf_of, last.stance) == (None, "Republic of Korea", "warns")


def test_a_member_of_a_body_speaks_for_the_body():
    found = statements("The UN Panel of Experts said North Korea had shipped missiles to Russia.\n\n"
                       "A member of the panel, speaking on condition of anonymity, declined to elaborate on the "
                       "missile shipments.")
    last = found[-1]
    assert (last.on_behalf_of, last.stance) == ("Panel of Experts (1718 Committee)", "declines_to_comment")


@pytest.mark.parametrize("sentence, stance", [
    # a judgement in an aside on a noun qualifies that detail, not the claim
    ("South Korea's spy agency said the North Korean soldiers sent to Russia were being paid about $2,000 a month "
     "each, most of which was likely to go to the state.", "asserts"),
    # a judgement of the whole finding stays one
    ("South Korea's spy agency said North Korean arms shipments to Russia had doubled, which likely indicates "
     "that Pyongyang is clearing its stockpiles.", "assesses"),
])
def test_a_judgement_in_an_aside_on_a_noun_does_not_make_the_claim_a_judgement(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parametrize("text, body", [
    ("North Korea has shipped artillery shells to Russia, Seoul said.\n\nThere was no immediate response from the "
     "Kremlin.", "Kremlin"),
    ("North Korea has shipped artillery shells to Russia, Seoul said.\n\nRussia's foreign ministry has yet to "
     "respond to the claims.", "Russian Foreign Ministry"),
    ("North Korea has shipped artillery shells to Russia, Seoul said.\n\nThe Pentagon referred questions to the "
     "State Department.", "US Department of Defense"),
])
@pytest.mark.parse_only("these refusals are read on the parse")
def test_no_response_from_yet_to_respond_and_referred_questions_are_refusals(text, body):
    last = statements(text)[-1]
    assert (last.on_behalf_of, last.stance) == (body, "declines_to_comment")


def test_referring_questions_after_a_refusal_is_part_of_it(mode):
    found = statements("North Korea has shipped artillery shells to Russia, Seoul said.\n\nKremlin spokesman Dmitry "
                       "Peskov declined to comment, referring questions to the defence ministry.")
    assert [(s.speaker, s.stance) for s in found[1:]] == [("Dmitry Peskov", "declines_to_comment")]


def test_a_person_named_after_a_bodys_possessive_speaks_for_the_body():
    found = statements("The U.S. National Security Council's John Kirby said last week that North Korea was "
                       "supplying artillery shells to Russia.")
    assert [(s.speaker, s.on_behalf_of) for s in found] == [("John Kirby", "US National Security Council")]


def test_taking_a_claim_for_a_fake_denies_it_and_promising_a_response_to_sanctions_warns():
    if _model is None:
        pytest.skip("stance patterns are read on the parse")
    text = ("Foreign Ministry spokeswoman Maria Zakharova dismissed U.S. claims about North Korean arms deliveries "
            "to Russia. \"We regard such reports as another fake,\" Zakharova told a weekly briefing. She added "
            "that Russia would respond to any new sanctions over its arms deals with North Korea.")
    found = {s.quote[:20]: s.stance for s in statements(text)}
    assert found["We regard such repor"] == "denies"
    assert [stance for quote, stance in found.items() if quote.startswith("Russia would")] == ["warns"]


@pytest.mark.parse_only("the phrasal verb is read on the parse")
def test_brushing_off_a_claim_denies_it():
    found = only("Russia's ambassador Alexander Matsegora brushed off the reports of North Korean arms shipments to "
                 "Russia as Western propaganda.")
    assert found.stance == "denies"


@pytest.mark.parametrize("sentence", [
    "The Russian embassy said the reports of North Korean arms shipments to Russia were nothing more than "
    "speculation.",
    "Kremlin spokesman Dmitry Peskov said the reports of North Korean arms shipments to Russia were pure fiction.",
])
def test_a_claim_reduced_to_mere_talk_is_denied(sentence):
    assert only(sentence).stance == "denies"


def test_presumed_or_estimated_to_have_is_a_judgement():
    found = only("South Korea's military said North Korea was presumed to have sent artillery shells to Russia.")
    assert found.stance == "assesses"


@pytest.mark.parametrize("sentence, group", [
    ("Western officials say the missiles fired at Kyiv were almost certainly North Korean arms.", "Western officials"),
    ("European diplomats said North Korea had shipped the missiles to Russia.", "European diplomats"),
])
@pytest.mark.parse_only("the group is read from the parse's subject")
def test_officials_of_a_bloc_speak_as_the_group_the_text_names(sentence, group):
    assert only(sentence).on_behalf_of == group


def test_senior_officials_of_no_state_are_no_group(mode):
    found = statements("Senior officials said North Korea had shipped missiles to Russia.")
    assert all(s.on_behalf_of != "Senior officials" for s in found)


@pytest.mark.parametrize("sentence, stance", [
    ("The EU said the North Korean arms transfers to Russia were a serious threat to European security.", "warns"),
    ("Secretary of State Antony Blinken said any arms deal between Russia and North Korea would come at a cost for "
     "both countries.", "warns"),
])
def test_a_threat_named_or_a_cost_promised_warns(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Japan expressed alarm at the arms shipments from North Korea to Russia.", "warns"),
    ("Japan's foreign ministry expressed regret over Russia's veto on the panel monitoring North Korean arms "
     "sanctions.", "condemns"),
    ("South Korea's foreign ministry lodged a strong protest with Moscow over the North Korean arms shipments.",
     "condemns"),
    ("South Korea summoned the Russian ambassador to protest the North Korean arms shipments.", "condemns"),
])
@pytest.mark.parse_only("the object expressed and the protest are read on the parse")
def test_what_is_expressed_and_protests_made_carry_their_stance(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("the pair of cues is read on the parse")
def test_neither_confirm_nor_deny_is_one_refusal():
    found = only("Russia's foreign ministry said it could neither confirm nor deny the North Korean arms shipments.")
    assert found.stance == "declines_to_comment"


@pytest.mark.parametrize("sentence, originators", [
    ("Moscow and Pyongyang have neither confirmed nor denied the North Korean arms shipments.", ("Russia", "DPRK")),
    ("Pyongyang has never publicly confirmed that its troops are in Russia.", ("DPRK",)),
    ("The Kremlin has not officially confirmed the deployment of North Korean troops.", ("Kremlin",)),
])
@pytest.mark.parse_only("the pair of cues is read on the parse")
def test_giving_no_confirmation_is_a_refusal(sentence, originators):
    found = only(sentence)
    assert (found.on_behalf_of_names, found.stance) == (originators, "declines_to_comment")



@pytest.mark.parse_only("the refusal's object is read on the parse")
def test_declining_requests_for_comment_is_a_refusal():
    found = only("Russia's foreign ministry declined requests for comment on the North Korean arms shipments.")
    assert (found.on_behalf_of, found.stance) == ("Russian Foreign Ministry", "declines_to_comment")


@pytest.mark.parse_only("acts of speech inside the words said are read on the parse")
def test_the_strongest_act_of_the_speakers_side_in_the_words_said_wins():
    found = only("White House spokesman John Kirby said the United States was deeply concerned about the North Korean "
                 "arms shipments to Russia and condemned the transfers.")
    assert found.stance == "condemns"


@pytest.mark.parametrize("sentence, stance", [
    ("Japan's foreign ministry said the government would consider further sanctions over the North Korean arms "
     "shipments to Russia.", "warns"),
    ("White House spokesman John Kirby said the United States would respond to the North Korean arms shipments with "
     "sanctions.", "warns"),
    ("South Korea's foreign ministry said it would take steps to check the reports of North Korean arms shipments.",
     "asserts"),
])
def test_measures_promised_against_a_party_warn(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parametrize("sentence, stance", [
    ("Kremlin spokesman Dmitry Peskov said there was no truth to the reports of North Korean arms shipments.",
     "denies"),
    ("Russian foreign ministry spokeswoman Maria Zakharova said the reports of North Korean arms shipments were far "
     "from the truth.", "denies"),
    ("South Korea's spy agency said the North Korean shells were in all likelihood shipped to Russia by sea.",
     "assesses"),
])
def test_claims_said_to_be_untrue_deny_and_in_all_likelihood_judges(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("coordinated verbs are read from the parse")
def test_a_clause_joined_after_neither_nor_is_a_statement_of_its_own():
    found = statements("Russian officials have neither confirmed nor denied the presence of North Korean troops, and "
                       "Moscow has said its military cooperation with Pyongyang complies with international law.")
    assert [(s.on_behalf_of, s.stance) for s in found] == [("Russia", "declines_to_comment"), ("Russia", "asserts")]


@pytest.mark.parse_only("stance patterns are read on the parse")
def test_a_belief_with_grounds_given_is_a_judgement():
    found = statements("\"We have reason to believe that Moscow intends to share advanced satellite technology with "
                       "Pyongyang,\" Blinken said of North Korea's troops in Russia.")
    assert [s.stance for s in found] == ["assesses"]


@pytest.mark.parametrize("sentence, stance", [
    ("South Korea's national security adviser said Russia might also give North Korea technology for its "
     "ballistic missiles in return for its troops.",
     "assesses"),
    ("There was a possibility that North Korea would try to obtain Russian missile technology, Shin Won-sik said.",
     "assesses"),
    ("South Korea's spy agency said a second transport of North Korean troops to Russia was expected soon.",
     "assesses"),
    # a schedule announced, and a response a state weighs, are not judgements
    ("A Kremlin spokesman said North Korea's foreign minister is expected to meet Putin to discuss military "
     "cooperation and arms deliveries.",
     "asserts"),
])
@pytest.mark.parse_only("stance is read on the parse")
def test_a_claim_said_with_a_hedge_is_assessed_whoever_says_it(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("joint references are resolved for the parse's subjects")
def test_both_countries_are_the_two_the_claim_is_about_not_the_claimant():
    found = statements("Ukraine says North Korea sent artillery shells to Russia. Both countries have denied that "
                       "Pyongyang supplies Russia with weapons.")
    assert [(s.on_behalf_of_names, s.stance) for s in found][-1] == (("DPRK", "Russia"), "denies")


@pytest.mark.parse_only("joint references are resolved for the parse's subjects")
def test_both_countries_may_be_named_in_the_two_sentences_before():
    found = statements("Russia's Defence Ministry did not respond to a request for comment. North Korea's mission to "
                       "the United Nations did not respond either. Both countries have denied that Pyongyang "
                       "supplies Russia with weapons, although Russian President Vladimir Putin and North Korean "
                       "leader Kim Jong Un pledged closer military cooperation last September.")
    assert [(sorted(s.on_behalf_of_names), s.stance) for s in found][2:] == [
        (["DPRK", "Russia"], "denies"), (["DPRK", "Russia"], "asserts")]


@pytest.mark.parse_only("the release's subject is read with the parse's cues")
def test_an_official_release_acting_today_speaks_in_its_own_voice():
    found = statements("The UK has today sanctioned North Korea's defence minister for sending North Korean troops "
                       "to fight in Russia's war against Ukraine.\n\nThe designations also target Kim Yong Bok, a "
                       "deputy chief of the North Korean army.\n\nThe sanctions regime dates from 2019.")
    assert [(s.on_behalf_of, s.stance, s.quote[:20]) for s in found] == [
        ("United Kingdom", "asserts", "The UK has today san"), ("United Kingdom", "asserts", "The designations als")]


@pytest.mark.parametrize("text", [
    "SEOUL, Dec 17 (Reuters) - Britain today sanctioned North Korea's defence minister over troops sent to Russia.",
    "The General Assembly met today to debate Russia's veto of the panel monitoring North Korea sanctions.",
])
@pytest.mark.parse_only("the release's subject is read with the parse's cues")
def test_wire_copy_or_a_meeting_reported_today_is_no_release(text):
    assert statements(text) == ()


@pytest.mark.parse_only("joint references are resolved for the parse's subjects")
def test_the_ministers_of_a_grouping_are_the_grouping_not_the_states_they_accuse():
    found = statements("TOKYO, Nov. 8 Kyodo - Foreign ministers from the Group of Seven industrialized nations on "
                       "Wednesday condemned arms transfers between North Korea and Russia. The ministers also said "
                       "they were deeply concerned about any transfer of nuclear technology from Russia to North Korea.")
    assert [(s.on_behalf_of, s.stance) for s in found] == [("G7", "condemns"), ("G7", "warns")]


@pytest.mark.parametrize("sentence, stance", [
    ("\"Any attempt to advance North Korea's missile programs through cooperation with Russia cannot be tolerated,\" "
     "Japan's foreign minister said.", "warns"),
    ("Russia is buying North Korean shells. Ukraine's foreign minister called the decision an attempt to undermine "
     "Ukraine's sovereignty.", "condemns"),
])
@pytest.mark.parse_only("stance patterns are read on the parse")
def test_details_withheld_deny_nothing_and_what_cannot_be_tolerated_warns(sentence, stance):
    assert statements(sentence)[-1].stance == stance


@pytest.mark.parametrize("sentence, originator, stance", [
    ("Experts in Seoul said North Korean shells sent to Russia were likely old stock.", "experts", "assesses"),
    ("Analysts based in Tokyo said North Korean shells sent to Russia were likely old stock.", "analysts", "assesses"),
    ("TASS quoted Medvedev as saying that Russia would never forget the help of North Korean soldiers in Kursk.",
     "Russia", "asserts"),
])
@pytest.mark.parse_only("sources are read on the parse")
def test_a_group_located_somewhere_and_a_promise_never_to_forget(sentence, originator, stance):
    found = statements("North Korea sent artillery shells to Russia. " + sentence)[-1]
    assert (found.on_behalf_of, found.stance) == (originator, stance)


@pytest.mark.parametrize("sentence, stance", [
    ("North Korea's envoy accused the United States of threatening the North with its arms deliveries to Ukraine.",
     "asserts"),
    ("Kremlin spokesman Dmitry Peskov said he had nothing to announce yet about arms talks with North Korea.",
     "declines_to_comment"),
])
@pytest.mark.parse_only("stance is read on the parse")
def test_an_accusation_asserts_and_nothing_to_announce_declines(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parametrize("sentence, stance", [
    ("North Korea sent troops to Russia. South Korea's presidential office said the government would not stand "
     "idly by and would mobilize all available means.", "warns"),
    ("Blinken said there was growing and dangerous military cooperation between North Korea and Russia.", "warns"),
    ("South Korea's foreign ministry said the arms transfers between North Korea and Russia were a clear violation "
     "of U.N. Security Council resolutions.", "condemns"),
])
@pytest.mark.parse_only("stance patterns are read on the parse")
def test_standing_idly_by_a_danger_named_and_a_clear_violation(sentence, stance):
    assert statements(sentence)[-1].stance == stance


@pytest.mark.parse_only("a transcript's answers are read with the parse's cues")
def test_a_transcripts_answers_are_the_labelled_speakers():
    found = statements("Matthew Miller, Department Spokesperson\n\n"
                       "QUESTION: Has North Korea sent troops to Russia?\n\n"
                       "MR MILLER: We are not in a position to confirm them at this time. If they are true, North "
                       "Korean troops fighting for Russia would mark a dangerous and highly concerning development. "
                       "I'm not going to get into hypotheticals.")
    assert [(s.speaker, s.stance) for s in found] == [
        ("Matthew Miller", "declines_to_comment"), ("Matthew Miller", "warns"), ("Matthew Miller", "declines_to_comment")]


@pytest.mark.parse_only("the statement's voice is read with the parse's cues")
def test_a_joint_statement_speaks_as_we():
    found = statements("G7 Foreign Ministers' Joint Statement\n\n"
                       "We, the G7 Foreign Ministers of Canada, France, Germany, Italy, Japan, the United Kingdom and "
                       "the United States of America, met in Charlevoix.\n\n"
                       "We condemn the provision of military assistance to Russia by the DPRK. We are deeply concerned "
                       "about the growing military cooperation between the DPRK and Russia.")
    assert [(s.on_behalf_of, s.stance) for s in found] == [("G7", "condemns"), ("G7", "warns")]


@pytest.mark.parse_only("the negated cue is read on the parse")
def test_having_not_acknowledged_or_reacted_is_a_refusal():
    found = statements("North Korea sent shells to Russia, Seoul says. North Korea did not immediately react. "
                       "Moscow has not acknowledged the shipments.")
    assert [(s.on_behalf_of, s.stance) for s in found][1:] == [("DPRK", "declines_to_comment"),
                                                               ("Russia", "declines_to_comment")]


# ----------------------------------------------------------------- releases, groups, stance words (eleventh round)
def test_a_statement_issued_under_a_header_is_the_ministers_one_paragraph_at_a_time():
    text = ("Statement by Minister Joly on the Russia-DPRK treaty\n\n"
            "June 20, 2024 - Ottawa, Ontario - Global Affairs Canada\n\n"
            "The Honourable Mélanie Joly, Minister of Foreign Affairs, today issued the following statement:\n\n"
            "\"Canada is deeply concerned by the treaty signed in Pyongyang by Russia and North Korea.\n\n"
            "\"Canada condemns in the strongest terms the DPRK's transfer of ballistic missiles to Russia. These "
            "transfers violate UN Security Council resolutions.\n\n"
            "\"Canada calls on Russia and the DPRK to cease all arms transfers between them.\"\n\n"
            "Contact: Media Relations Office, Global Affairs Canada\n")
    found = [(s.speaker, s.on_behalf_of, s.stance, s.quote[:20]) for s in statements(text, dt.date(2024, 6, 20))]
    assert found == [
        ("Mélanie Joly", "Canada", "warns", "Canada is deeply con"),
        ("Mélanie Joly", "Canada", "condemns", "Canada condemns in t"),
        ("Mélanie Joly", "Canada", "asserts", "Canada calls on Russ"),
    ]


def test_quotes_attributable_to_a_minister_are_hers_and_the_honorific_is_no_part_of_her_name():
    text = ("Joint media release: Deployment of DPRK troops to Russia\n\n"
            "Quotes attributable to Minister for Foreign Affairs, Senator the Hon Penny Wong:\n\n"
            "\"Sending North Korean soldiers to fight for Russia is a reckless act that prolongs the war.\"\n\n"
            "\"Russia's reliance on the DPRK shows how isolated Putin has become.\"\n")
    found = [(s.speaker, s.on_behalf_of, s.stance) for s in statements(text, dt.date(2024, 10, 30))]
    assert found == [("Penny Wong", "Australia", "condemns"), ("Penny Wong", "Australia", "asserts")]


def test_a_header_without_a_word_of_statement_announces_nothing():
    text = ("North Korea and Russia\n\n"
            "Present at the talks with Penny Wong:\n\n"
            "\"North Korean soldiers are fighting for Russia,\" a banner read.\n")
    assert all(s.speaker != "Penny Wong" for s in statements(text, dt.date(2024, 10, 30)))


@pytest.mark.parse_only("the report's trailing 'has found' and its 'we assess' are read on the parse")
def test_a_research_groups_report_speaks_in_its_own_voice_after_an_opening_phrase():
    text = ("Satellite imagery of North Korea's Rajin port shows containers bound for Russia, Beyond Parallel, the "
            "Korea project of the Center for Strategic and International Studies (CSIS), has found.\n\n"
            "Based on the number of ship visits, we assess that North Korea has likely shipped more than 2,500 "
            "containers to Russia. The rail link is described in earlier reporting by the Royal United Services "
            "Institute (RUSI).")
    judged = [s for s in statements(text) if s.stance == "assesses"]
    assert [(s.on_behalf_of, s.quote[:20]) for s in judged] == [("Beyond Parallel", "North Korea has like")]


def test_we_assess_inside_a_quotation_is_not_a_reports_own_voice():
    text = ("North Korea has shipped shells to Russia, officials say.\n\n"
            "\"Based on what we have seen, we assess that the shells came by rail,\" said Victor Cha of the Center "
            "for Strategic and International Studies. The shipments are likely to continue.")
    assert all(s.on_behalf_of != "Center for Strategic and International Studies" or s.speaker == "Victor Cha"
               for s in statements(text))


@pytest.mark.parse_only("the subject the cue shares with the clause before is read on the parse")
def test_a_speaker_named_with_an_apposition_after_the_words_said_is_the_source():
    s = only("North Korea is now supplying up to 40% of the artillery ammunition that Russia uses in its war "
             "against Ukraine, Vadym Skibitskyi, deputy head of Ukraine's Defence Intelligence, said in an interview.")
    assert (s.speaker, s.on_behalf_of) == ("Vadym Skibitskyi", "Main Intelligence Directorate of Ukraine")


@pytest.mark.parse_only("'they' is resolved on the parse's subjects")
def test_they_after_two_ministers_of_different_states_met_is_both_states():
    found = statements(
        "U.S. Defense Secretary Lloyd Austin met South Korean Defense Minister Kim Yong-hyun in Washington on "
        "Wednesday. Austin said North Korean troops were moving toward Russia's Kursk region. They said they would "
        "closely monitor any military cooperation between North Korea and Russia.")
    assert found[-1].on_behalf_of.split(", ") in (["United States", "Republic of Korea"],
                                                  ["Republic of Korea", "United States"])
    assert found[-1].speaker is None


@pytest.mark.parametrize("sentence, stance", [
    ("Japan's foreign minister said: \"I would refrain from going into specifics concerning North Korean troops "
     "in Russia.\"", "declines_to_comment"),
    ("State Department spokesman Matthew Miller told reporters: \"I do not have a new figure to share today on the "
     "North Korean troops in Russia.\"", "declines_to_comment"),
    ("Kremlin spokesman Dmitry Peskov said the Kremlin would not reveal the content of the talks on military "
     "cooperation with North Korea.", "declines_to_comment"),
    ("Foreign Minister Takeshi Iwaya said that if North Korean soldiers fight for Russia, it would be a further "
     "escalation of the war.", "warns"),
    ("The European Union said the deployment of North Korean troops to Russia is a dangerous escalation of the war.",
     "condemns"),
    ("Maria Zakharova said Washington had invented the claims about North Korean arms for Russia.", "denies"),
    ("The National Intelligence Service said there were signs that North Korea was preparing to send more "
     "soldiers to Russia.", "assesses"),
    ("\"North Korean troops fighting for Russia is the first step to a world war,\" Volodymyr Zelensky said.",
     "warns"),
    ("Kremlin spokesman Dmitry Peskov said no agreements had been signed at the summit, where arms supplies from "
     "North Korea were discussed.", "asserts"),
])
def test_stance_words_of_refusal_concern_escalation_invention_signs_and_war(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("'voiced' is a cue of the parse")
def test_concern_voiced_is_a_warning_and_support_voiced_is_no_statement():
    assert only("The G7 leaders voiced concern about the possible transfer of missile technology from Russia to "
                "North Korea.").stance == "warns"
    assert not statements("North Korea has voiced support for Russia's war and has sent it artillery shells.")


@pytest.mark.parse_only("details kept back are read on the parse")
def test_details_kept_back_are_a_refusal_of_their_own_and_do_not_turn_what_was_said_into_one():
    found = statements("Kozlov said grain deliveries to North Korea had begun. He did not give volumes.")
    assert [(s.speaker, s.stance) for s in found] == [("Alexander Kozlov", "asserts"),
                                                      ("Alexander Kozlov", "declines_to_comment")]
    found = statements("Kremlin spokesman Dmitry Peskov said Russia intended to develop military relations with "
                       "North Korea, but gave no details.")
    assert [(s.speaker, s.stance) for s in found] == [("Dmitry Peskov", "asserts"), ("Dmitry Peskov", "declines_to_comment")]
    assert only("The Kremlin gave no details of the discussion about North Korean arms.").stance \
        == "declines_to_comment"
    s = statements("Blinken said North Korean troops were in Russia. He said Washington and its allies would "
                   "respond to the deployment, but did not give details.")[-1]
    assert (s.speaker, s.stance) == ("Antony Blinken", "warns")


@pytest.mark.parse_only("the outlet's note on its reporting is read on the parse")
def test_an_outlet_not_able_to_verify_footage_notes_it_in_its_own_name():
    found = statements("North Korean troops were filmed at a Russian base, according to a video released by "
                       "Ukrainian officials. Sky News has not been able to independently verify the footage.")
    assert [(s.on_behalf_of, s.stance) for s in found][-1] == ("Sky News", "asserts")


def test_an_eu_release_speaks_through_the_council_named_by_its_bare_title():
    text = ("EU lists DPRK defence minister over troop deployment\n\n"
            "The Council today adopted a 15th package of restrictive measures against Russia.\n\n"
            "Among those listed today is the Minister of Defence of the DPRK. The Council has found that the DPRK "
            "continues to supply Russia with ballistic missiles.\n\n"
            "The European Union condemns in the strongest possible terms the deployment of DPRK troops to Russia.")
    found = [(s.on_behalf_of, s.quote[:22]) for s in statements(text, dt.date(2024, 12, 16))]
    assert ("European Union", "The Council today adop") in found
    assert ("European Union", "The Council has found ") in found


def test_the_council_after_the_security_council_is_no_eu_release():
    text = ("The UN Security Council met on North Korean arms for Russia.\n\n"
            "The Council today heard a briefing on the DPRK's transfers of missiles to Russia.")
    assert all(s.on_behalf_of != "European Union" for s in statements(text))


@pytest.mark.parametrize("sentence, stance", [
    ("\"If North Korean soldiers are sent to fight for Russia, it would be a further escalation of the war,\" "
     "Japan's foreign minister said.", "warns"),
    ("Russian President Vladimir Putin said: \"If there are photos of North Korean troops in Russia, then they "
     "reflect something.\"", "asserts"),
    ("A South Korean official said: \"We made clear to Moscow that there is a red line on North Korean arms for "
     "Russia.\"", "warns"),
    ("Maria Zakharova said South Korean arms for Ukraine, sent over North Korean troops in Russia, would draw a "
     "Russian response.", "warns"),
])
@pytest.mark.parse_only("the conditions and lines are read on the parse's words said")
def test_a_states_condition_with_a_consequence_warns_and_a_supposed_fact_does_not(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("the subject of the negated confirmation is read on the parse")
def test_neither_state_acknowledging_is_a_refusal_of_both():
    found = statements("North Korea has sent troops to Russia, South Korea says. Neither Moscow nor Pyongyang has "
                       "acknowledged the deployment of North Korean troops.")
    assert found[-1].stance == "declines_to_comment"


def test_a_press_statement_that_follows_its_header_is_the_bodys_paragraph_by_paragraph():
    text = ("Press Statement of Spokesperson for DPRK Foreign Ministry\n\n"
            "Pyongyang, June 1 (KCNA) -- A spokesperson for the Foreign Ministry of the DPRK issued the following "
            "press statement on Sunday:\n\n"
            "The DPRK Foreign Ministry flatly rejects the report on arms transfers to Russia as a politically "
            "motivated fabrication.\n\n"
            "The cooperation between the DPRK and Russia is aimed at defending the sovereignty of the two countries.\n")
    found = statements(text, dt.date(2025, 6, 1))
    assert [(s.on_behalf_of, s.stance) for s in found] == [("DPRK Foreign Ministry", "denies"),
                                                           ("DPRK Foreign Ministry", "asserts")]
    assert found[-1].quote.startswith("The cooperation between the DPRK and Russia")


@pytest.mark.parametrize("sentence, stance", [
    ("The National Intelligence Service said a second transfer of North Korean missiles to Russia was expected "
     "soon.", "assesses"),
    ("An EU spokesperson said Brussels would regard any deployment of North Korean troops to Russia as a serious "
     "escalation.", "warns"),
])
@pytest.mark.parse_only("the words said are read on the parse")
def test_a_thing_expected_is_judged_and_a_step_regarded_as_escalation_warns(sentence, stance):
    assert only(sentence).stance == stance


@pytest.mark.parse_only("the report's own voice is read with the parse's cues")
def test_a_reports_view_and_what_remains_possible_are_its_judgements():
    text = ("Beyond Parallel assesses that North Korea has shipped munitions to Russia through Rajin.\n\n"
            "We assess that North Korea has sent more than 2,500 containers to Russia. Transfers of Russian "
            "submarine technology to North Korea remain possible.")
    judged = [s.quote[:20] for s in statements(text) if s.stance == "assesses"]
    assert "Transfers of Russian" in judged


@pytest.mark.parse_only("the subject's head noun is read on the parse")
def test_a_captured_soldiers_words_are_his_own_not_his_states():
    found = statements(
        "One of the two North Korean soldiers captured by Ukrainian forces in the Kursk region told the newspaper "
        "that his unit had been sent to Russia for training. The soldier said many of his comrades were killed by "
        "drones after North Korea sent them to fight for Russia.")
    assert [s.on_behalf_of for s in found] == ["captured North Korean soldier", "captured North Korean soldier"]
    assert "DPRK" not in [s.on_behalf_of for s in found]
