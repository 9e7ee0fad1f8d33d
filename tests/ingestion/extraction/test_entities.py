"""Names as news prose writes them: bodies under their descriptive names, outlets and
research groups, resolutions described rather than numbered, capitals standing for their
governments, places under their Korean and Russian spellings."""

from __future__ import annotations

import dataclasses

import pytest

from ingestion.extraction import extract
from ingestion.extraction.gazetteer import Gazetteer
from ingestion.extraction.ner import load_ner
from ingestion.extraction.types import RESOLUTION

from .reference_fixture import seed_gazetteer, seed_reference


def mentions(text: str, reference=None):
    return extract(text, reference=reference or seed_gazetteer()).mentions


def names(text: str, category: str, reference=None) -> list[str]:
    return [m.name for m in mentions(text, reference) if m.category == category]


def keyed(text: str, category: str) -> list[tuple[str, str | None]]:
    return [(m.name, m.key) for m in mentions(text) if m.category == category]


# ----------------------------------------------------------------- organisations
def test_intelligence_agencies_under_their_descriptive_names_are_the_recorded_agencies():
    found = keyed("South Korea's spy agency said so. Ukraine's military intelligence agreed, and HUR "
                  "published photos.", "organization")
    assert [name for name, _ in found] == [
        "National Intelligence Service", "Main Intelligence Directorate of Ukraine",
        "Main Intelligence Directorate of Ukraine",
    ]
    assert all(key for _, key in found)


def test_missions_to_the_un_and_prosecutors_are_their_state_bodies():
    assert names("North Korea's mission to the UN did not respond. Russia's UN mission declined to comment. "
                 "Ukraine's Prosecutor General's Office said the debris was North Korean.", "organization") == [
        "DPRK Mission to the UN", "United Nations", "Russian Mission to the UN",
        "Office of the Prosecutor General of Ukraine",
    ]


def test_outlets_and_research_groups_are_recorded_names():
    found = keyed("Reuters, TASS, KCNA and NK News reported it; CSIS's Beyond Parallel, the Open Source Centre, "
                  "Conflict Armament Research and 38 North analysed it.", "organization")
    assert [name for name, _ in found] == [
        "Reuters", "TASS", "Korean Central News Agency", "NK News", "Center for Strategic and International Studies",
        "Beyond Parallel", "Open Source Centre", "Conflict Armament Research", "38 North",
    ]
    assert all(key for _, key in found)


def test_a_recorded_state_news_agency_still_speaks_for_its_state():
    kcna = seed_gazetteer().targets_by_key[next(
        m.key for m in mentions("KCNA said the reports were false.") if m.name == "Korean Central News Agency")]
    assert kcna.body == "state_media"
    assert seed_gazetteer().root_state(kcna).name == "DPRK"


def test_un_bodies_by_their_press_names():
    assert names("The U.N. Security Council's 1718 Committee and its panel of experts met.", "organization") == [
        "UN Security Council", "1718 Committee", "Panel of Experts (1718 Committee)",
    ]


def test_words_in_a_resolution_are_not_an_organisation():
    assert names("Security Council Resolution 1718 was adopted in 2006.", "organization") == ["UN Security Council"]


def test_a_states_government_or_military_in_general_is_the_state_not_an_organisation():
    found = mentions("The Japanese government said so. The Russian military is short of shells. Moscow's "
                     "military agreed. The Korean People's Army and Russia's Pacific Fleet took part.")
    assert [m.name for m in found if m.category == "organization"] == ["Korean People's Army", "Pacific Fleet"]
    assert [m.name for m in found if m.category == "country"] == ["Japan", "Russia", "Russia", "Russia"]


def test_capitalised_names_with_a_body_noun_are_organisations_not_people():
    assert names("A report by the Henry Jackson Society said so. Russian Railways said so. The Far Eastern "
                 "Shipping Company said so.", "organization") == [
        "Henry Jackson Society", "Russian Railways", "Far Eastern Shipping Company"]
    assert names("A report by the Henry Jackson Society said so.", "person") == []


def test_a_name_after_a_firm_noun_is_an_organisation():
    assert names("The vessel is owned by the sanctioned Russian firm MG-Flot. The state arms exporter "
                 "Rosoboronexport declined to comment. The company said nothing.", "organization") == [
        "MG-Flot", "Rosoboronexport"]


def test_a_bare_un_before_a_title_is_not_the_persons_affiliation():
    person = next(m for m in mentions("Russia's U.N. Ambassador Vassily Nebenzia called it unfounded.")
                  if m.category == "person")
    assert (person.role, person.affiliation) == ("Ambassador", "Russia")


# ----------------------------------------------------------------- capitals
def test_a_capital_standing_for_its_government_is_a_mention_of_its_state():
    found = [(m.category, m.text, m.name, m.key) for m in mentions(
        "Moscow has denied it. Seoul warned that arms were sent to Pyongyang, and Washington's envoy agreed.")]
    assert found == [
        ("country", "Moscow", "Russia", "actor:2"), ("country", "Seoul", "Republic of Korea", "actor:5"),
        ("country", "Pyongyang", "DPRK", "actor:1"), ("country", "Washington", "United States", "actor:3"),
    ]


def test_a_capital_used_as_a_place_is_a_place():
    text = ("SEOUL, Nov 8 (Reuters) - Officials in Seoul and Kyiv said so. Lavrov travelled to Pyongyang, the "
            "North Korean capital. Shoigu visited Pyongyang. Flights out of Pyongyang stopped. A Washington think "
            "tank said. Russia's embassy in London declined to comment. Kim went to the Russian capital, Moscow.")
    places = [m.text for m in mentions(text) if m.category == "place"]
    assert places == ["SEOUL", "Seoul", "Kyiv", "Pyongyang", "Pyongyang", "Pyongyang", "Washington", "London",
                      "Moscow"]


def test_a_capital_in_a_title_case_dateline_or_with_a_city_noun_is_a_place():
    places = [m.text for m in mentions("Seoul (AFP) - Flights left Pyongyang's Sunan airport. Moscow residents "
                                       "queued. Seoul warned.") if m.category == "place"]
    assert places == ["Seoul", "Pyongyang", "Sunan", "Moscow"]


# ----------------------------------------------------------------- places
def test_korean_and_russian_spellings_of_route_places():
    assert names("Ships sailed from Rajin, Najin and Rason, and from Chongjin, to Vostochny, Dunai and Dunay; "
                 "trains crossed from Tumangang to Khasan.", "place") == [
        "Rajin (Najin) port", "Rajin (Najin) port", "Rajin (Najin) port", "Chongjin", "Vostochny Port (Nakhodka)",
        "Dunay naval facility", "Dunay naval facility", "Tumangang rail crossing", "Khasan rail crossing",
    ]


def test_other_names_of_a_region_are_the_same_place():
    assert names("Troops fought in the Kursk border region, in Kursk Oblast and in the Kursk region; ships "
                 "reached Primorye, in the Far East.", "place") == [
        "Kursk region", "Kursk region", "Kursk region", "Primorsky Krai", "Russian Far East"]


def test_regions_named_with_their_region_noun():
    assert names("The summit was at the Vostochny Cosmodrome in the Amur region; a missile landed in Zaporizhzhia "
                 "Oblast; troops are in the Kursk region and in Primorsky Krai. Border regions were shelled.",
                 "place") == ["Vostochny Cosmodrome", "Amur region", "Zaporizhzhia Oblast", "Kursk region",
                              "Primorsky Krai"]


# ----------------------------------------------------------------- people
def test_people_with_roles_and_affiliations_before_and_after_their_names():
    found = {m.name: (m.role, m.affiliation) for m in mentions(
        "Foreign Ministry spokesperson Maria Zakharova said so. Kirby, the National Security Council spokesman, "
        "said so. China's ambassador Zhang Jun said so. Under Secretary of the Treasury for Terrorism and "
        "Financial Intelligence Brian E. Nelson said so. The Treasury sanctioned Ashot Mkrtychev, a Slovakian "
        "national.") if m.category == "person"}
    assert found["Maria Zakharova"][0] == "spokesperson"
    assert found["John Kirby"] == ("spokesman", "US National Security Council")
    assert found["Zhang Jun"] == ("ambassador", "China")
    assert "Brian E. Nelson" in found and "Ashot Mkrtychev" in found
    assert names("Lee Jun said on Jun 3 that it was done.", "person") == ["Lee Jun"]


def test_spellings_of_recorded_people_and_their_surnames_alone():
    found = [(m.text, m.name, m.key is not None) for m in mentions(
        "Ukrainian President Volodymyr Zelenskiy said so. Sergey Shoigu and Andrey Belousov met. Zakharova "
        "disagreed.") if m.category == "person"]
    assert found == [("Volodymyr Zelenskiy", "Volodymyr Zelensky", True), ("Sergey Shoigu", "Sergei Shoigu", True),
                     ("Andrey Belousov", "Andrei Belousov", True), ("Zakharova", "Maria Zakharova", True)]


def test_a_circumstance_after_a_name_is_not_a_role():
    found = [m for m in mentions("Sergei Lavrov, on an official trip to Pyongyang, pledged support.")
             if m.category == "person"]
    assert found[0].role is None


# ----------------------------------------------------------------- resolutions
def test_numbered_resolutions_in_lists_and_plural_abbreviations():
    assert names("It breached resolutions 1718 and 1874, Resolutions 2371, 2375 and 2397, and UNSCRs 2087 and 2094.",
                 RESOLUTION) == ["UNSCR 1718", "UNSCR 1874", "UNSCR 2371", "UNSCR 2375", "UNSCR 2397", "UNSCR 2087",
                                 "UNSCR 2094"]


def test_an_embargo_named_by_its_year_is_the_resolution_adopted_then_that_imposed_it():
    assert keyed("The shipments break the 2006 arms embargo.", RESOLUTION) == [("UNSCR 1718", "resolution:1718")]
    assert names("It breaks an arms embargo imposed by the U.N. Security Council in 2006.", RESOLUTION) == [
        "UNSCR 1718"]


@pytest.mark.parametrize("text", [
    "The transfers breach the arms embargo imposed on North Korea in 2006.",
    "The transfers breach the arms embargo that the Security Council imposed on North Korea in 2006.",
])
def test_the_year_of_an_embargo_is_read_past_the_state_it_was_imposed_on_and_a_relative_that(text):
    assert names(text, RESOLUTION) == ["UNSCR 1718"]


def test_sanctions_named_by_their_year_are_every_resolution_adopted_that_year():
    assert names("They evade the 2017 sanctions.", RESOLUTION) == ["UNSCR 2356", "UNSCR 2371", "UNSCR 2375",
                                                                  "UNSCR 2397"]
    assert names("The sanctions imposed in 2016 remain.", RESOLUTION) == ["UNSCR 2270", "UNSCR 2321"]
    assert names("The 2016 and 2017 resolutions stand.", RESOLUTION) == [
        "UNSCR 2270", "UNSCR 2321", "UNSCR 2356", "UNSCR 2371", "UNSCR 2375", "UNSCR 2397"]


def test_a_month_of_adoption_says_which_resolution_of_the_year():
    assert names("Under sanctions imposed by the UN Security Council in December 2017, oil is capped.",
                 RESOLUTION) == ["UNSCR 2397"]
    assert names("It has been barred since a U.N. Security Council resolution adopted in October 2006.",
                 RESOLUTION) == ["UNSCR 1718"]


def test_sanctions_of_a_year_are_its_binding_resolutions():
    # 1695 (July 2006) was not adopted under Chapter VII: no sanctions
    assert names("Russia voted for the sanctions in 2006 and 2009.", RESOLUTION) == ["UNSCR 1718", "UNSCR 1874"]
    assert names("The 2006 resolutions stand.", RESOLUTION) == ["UNSCR 1695", "UNSCR 1718"]


def test_resolutions_of_a_year_are_the_ones_on_what_their_sentence_names():
    assert names("The transfers breach the ban on weapons exports imposed under the 2006 and 2009 resolutions.",
                 RESOLUTION) == ["UNSCR 1718", "UNSCR 1874"]


def test_one_resolution_of_a_year_is_the_one_on_what_its_sentence_names():
    # 1695 (July 2006, missiles, no provisions on record) and 1718 (October 2006, the arms bans)
    assert names("North Korea has been barred from selling weapons since a U.N. Security Council resolution "
                 "in 2006.", RESOLUTION) == ["UNSCR 1718"]
    assert names("The 2006 resolution stands.", RESOLUTION) == ["UNSCR 1718"]


def test_a_description_without_a_date_names_no_particular_resolution_and_is_kept_by_its_words():
    found = [(m.name, m.key) for m in mentions("It is in breach of the resolution banning coal.")
             if m.category == RESOLUTION]
    assert found == [("resolution banning coal", None)]


@pytest.mark.parametrize("text", [
    "The transfers violate U.N. Security Council resolutions that ban any arms trade with North Korea.",
    "Multiple UN Security Council resolutions prohibit North Korea from exporting or importing weapons.",
    "UN sanctions ban North Korea from buying or selling weapons, and Russia voted for them.",
    "Any arms trade with North Korea is banned under UN sanctions that Russia supported.",
    "The DPRK's export of arms is prohibited under multiple UN Security Council resolutions.",
    "The deal would breach UN resolutions barring any country from buying weapons from North Korea.",
    "The UN ban on arms sales to and from North Korea stands.",
    "North Korea is banned from trading weapons under UN Security Council resolutions.",
])
def test_an_undated_prohibition_of_arms_trade_is_the_arms_embargo(text):
    """However the prohibition is worded (a relative clause, a present-tense verb, a participle,
    the passive), UN measures banning arms trade with the DPRK are the embargo: 1718 and 1874."""
    assert keyed(text, RESOLUTION) == [("UNSCR 1718", "resolution:1718"), ("UNSCR 1874", "resolution:1874")]


def test_one_resolution_prohibiting_arms_trade_is_the_first_and_others_bans_are_not_the_uns():
    assert names("It is in breach of the resolution banning arms exports.", RESOLUTION) == ["UNSCR 1718"]
    assert names("UN sanctions ban on arms holds.", RESOLUTION) == ["UNSCR 1718", "UNSCR 1874"]
    assert names("The European Union sanctions ban arms sales to Russia. Japan banned arms exports under its "
                 "own law.", RESOLUTION) == []
    assert keyed("Exports of coal are banned under UN sanctions.", RESOLUTION) == [
        ("UN Security Council resolutions", None)]


def test_the_standing_arms_embargo_is_every_binding_resolution_that_bans_arms_both_ways():
    """Undated, "the UN arms embargo" is the embargo in force: the resolutions that ban both the
    supply of arms to the DPRK and their purchase from it (1718 imposed it, 1874 extended it);
    2270, which adds an export ban only, does not carry the embargo by itself."""
    found = [m.key for m in mentions("The shipments breach the UN arms embargo on North Korea.")
             if m.category == RESOLUTION]
    assert found == ["resolution:1718", "resolution:1874"]


def test_a_reference_to_un_resolutions_in_general_is_kept_unresolved():
    found = [m for m in mentions("It breaks Security Council sanctions resolutions, UN sanctions and U.N. Security "
                                 "Council resolutions that Russia voted for.")
             if m.category == RESOLUTION]
    assert [(m.name, m.key, m.text) for m in found] == [
        ("UN Security Council resolutions", None, "Security Council sanctions resolutions"),
        ("UN Security Council resolutions", None, "UN sanctions"),
        ("UN Security Council resolutions", None, "U.N. Security Council resolutions"),
    ]


def test_un_resolutions_in_general_are_the_ones_the_article_names():
    assert names("It violates multiple U.N. Security Council resolutions -- resolutions 1718 (2006), 1874 (2009), "
                 "2087 (2013), 2094 (2013), 2270 (2016), 2321 (2016), 2371 (2017), 2375 (2017) and 2397 (2017).",
                 RESOLUTION) == ["UNSCR 1718", "UNSCR 1874", "UNSCR 2087", "UNSCR 2094", "UNSCR 2270", "UNSCR 2321",
                                 "UNSCR 2371", "UNSCR 2375", "UNSCR 2397"]


def test_un_as_an_adjective_of_sanctions_is_not_the_organisation():
    assert names("Oil flows in breach of UN sanctions.", "organization") == []
    assert names("The UN said the Security Council's sanctions stand.", "organization") == [
        "United Nations", "UN Security Council"]


def test_a_states_own_sanctions_are_not_un_resolutions():
    assert names("US sanctions from 2017, the EU's arms embargo and Japan's unilateral sanctions apply. The "
                 "2017 sanctions banned coal exports.", RESOLUTION) == ["UNSCR 2371"]  # of 2017's, the one on coal
    assert names("Sanctions against North Korea were tightened.", RESOLUTION) == []


def test_a_draft_resolution_is_not_a_resolution():
    assert names("Thirteen members voted for the draft resolution. Russia vetoed a U.S.-drafted Security Council "
                 "resolution.", RESOLUTION) == []


def test_descriptions_follow_the_reference_data_not_code():
    reference = seed_reference()
    entries = tuple(
        dataclasses.replace(e, adopted_on=e.adopted_on.replace(year=2005)) if e.key == "resolution:1718" else e
        for e in reference.entries
    )
    moved = Gazetteer.build(dataclasses.replace(reference, entries=entries, fingerprint="1718-in-2005"))
    assert names("The 2005 arms embargo.", RESOLUTION, moved) == ["UNSCR 1718"]


def test_a_general_reference_stays_unresolved_beside_resolutions_numbered_elsewhere():
    found = [(m.name, m.key) for m in mentions(
        "Seoul said the shipment broke U.N. Security Council resolutions. In resolution 2270, adopted in 2016, "
        "the council ordered cargo inspections.") if m.category == RESOLUTION]
    assert found == [("UN Security Council resolutions", None), ("UNSCR 2270", "resolution:2270")]


def test_a_general_reference_spelled_out_by_a_list_is_only_the_list():
    assert names("The deal breaks several Security Council resolutions, including resolutions 2270 and 2321.",
                 RESOLUTION) == ["UNSCR 2270", "UNSCR 2321"]


def test_a_body_named_without_its_state_is_the_datelines_states():
    found = mentions("MOSCOW, Dec 3 (Reuters) - The foreign ministry summoned the envoy on Tuesday.")
    assert [(m.name, m.text) for m in found if m.category == "organization"] == [
        ("Reuters", "Reuters"), ("Russian Foreign Ministry", "foreign ministry")]


def test_a_body_named_without_its_state_is_the_one_named_with_it_before():
    found = [m for m in mentions("SEOUL, May 5 (Yonhap) -- Japan's defense ministry said a ship had passed. "
                                 "The defense ministry later gave its name.") if m.category == "organization"]
    assert [m.name for m in found if m.text.lower().endswith("defense ministry")] == [
        "Japanese Defense Ministry", "Japanese Defense Ministry"]


# ----------------------------------------------------------------- vessels
def test_a_warship_or_tanker_named_after_its_noun_is_a_vessel():
    assert names("The delegation toured the destroyer Admiral Tributs and the tanker Sky Venture, which was "
                 "moored nearby.", "vessel") == ["Admiral Tributs", "Sky Venture"]


# ----------------------------------------------------------------- what the model gets wrong
@pytest.fixture(scope="module")
def ner():
    model = load_ner()
    if model is None:
        pytest.skip("the statistical name finder is not installed")
    return model


def test_a_model_number_after_a_name_is_not_a_person(ner):
    found = extract("Officials said Kim Su-57 fighters and Su-35 jets were shown to the delegation.",
                    reference=seed_gazetteer(), ner=ner).mentions
    assert [m.name for m in found if m.category == "person"] == []


def test_an_adjective_before_a_named_port_is_not_a_place(ner):
    found = extract("Officials said the tanker docked at the Arctic port of Murmansk.",
                    reference=seed_gazetteer(), ner=ner).mentions
    assert "Arctic" not in [m.name for m in found if m.category == "place"]


def test_a_states_general_staff_is_its_recorded_command_not_the_state():
    found = mentions("Russia's General Staff claimed the village; Ukraine's General Staff denied it.")
    assert [m.name for m in found if m.category == "organization"] == [
        "General Staff of the Russian Armed Forces", "General Staff of the Armed Forces of Ukraine"]


def test_the_body_a_known_organisation_belongs_to_is_named_too():
    found = mentions("A decision of the Central Military Commission of the ruling Workers' Party was published.")
    assert [m.name for m in found if m.category == "organization"] == [
        "Central Military Commission of the Workers' Party of Korea", "Workers' Party of Korea"]


def test_an_outlet_or_think_tank_named_after_its_noun_is_an_organisation():
    found = mentions("She told the Japanese newspaper The Sankei Shimbun, and the think tank Stimson agreed.")
    assert [m.name for m in found if m.category == "organization"] == ["The Sankei Shimbun", "Stimson"]


# ----------------------------------------------------------------- places
def test_a_city_and_the_region_named_after_it_are_two_places():
    found = mentions("Shelling hit Luhansk on Friday, and later villages across the Luhansk region.")
    assert [(m.name, m.text) for m in found if m.category == "place"] == [
        ("Luhansk", "Luhansk"), ("Luhansk Oblast", "Luhansk region")]


def test_a_place_name_with_a_possessive_inside_it_is_one_place():
    found = mentions("The freighter called at Simon's Town before sailing north.")
    assert [m.name for m in found if m.category == "place"] == ["Simon's Town"]


def test_a_capital_standing_for_its_state_links_the_state_without_listing_it_as_named():
    from ingestion.extraction import extraction_to_json

    text = ("North Korea has sent artillery shells to Russia, officials said. Seoul warned on Monday that the "
            "transfers break UN sanctions, and Tokyo said it shared the concern.")
    extraction = extract(text, reference=seed_gazetteer())
    linked = {m.name for m in extraction.mentions if m.category == "country" and m.key}
    assert {"Republic of Korea", "Japan"} <= linked
    countries = extraction_to_json(extraction, source="t")["entities"]["countries"]
    assert "Republic of Korea" not in countries and "Japan" not in countries
    assert "Russia" in countries


def test_a_states_own_security_council_is_never_the_un_one():
    text = ("Nikolai Patrushev, who then ran Russia's Security Council, met envoys. The Security Council of Russia "
            "later said the talks went well, while the U.N. Security Council stayed silent.")
    assert names(text, "organization") == ["Security Council of Russia", "Security Council of Russia",
                                           "UN Security Council"]


def test_a_body_named_in_full_after_its_state_is_that_states_body():
    found = names("The Ministry of Foreign Affairs of the Republic of Korea welcomed the report. The Ministry of "
                  "Defence of Japan did not.", "organization")
    assert found == ["South Korean Ministry of Foreign Affairs", "Japanese Ministry of Defence"]


@pytest.mark.parametrize("dateline", ["Seoul, October 16, 2024 -- ", "SEOUL, Nov. 20 (Yonhap) \u2014 ",
                                      "Seoul (AFP) - ", "SEOUL, November 20. /TASS/. "])
def test_a_dateline_in_any_wire_or_release_form_gives_the_unowned_ministry_its_state(dateline):
    text = f"Envoys meet\n\n{dateline}Envoys met on Monday, the foreign ministry said."
    assert names(text, "organization")[-1] == "South Korean Foreign Ministry"  # after the agency, if any


def test_a_title_case_name_and_a_dash_without_a_date_or_agency_is_no_dateline():
    text = "Envoys meet\n\nKim Jong Un - the leader - met envoys on Monday, the foreign ministry said."
    assert names(text, "organization") == []


def test_bare_numbers_listed_after_resolutions_are_each_a_resolution():
    assert names("Moscow has flouted Security Council resolutions, notably 2270 and 2321, for a year.",
                 RESOLUTION) == ["UNSCR 2270", "UNSCR 2321"]
    # a year in the list is no resolution number
    assert names("Analysts cite resolutions, including 2017's, as toothless.", RESOLUTION) == []


def test_numbered_resolutions_described_by_what_they_ban_stay_numbered():
    assert names("Hiring them breaks resolutions 2375 and 2397, which ban North Korean labourers abroad.",
                 RESOLUTION) == ["UNSCR 2375", "UNSCR 2397"]


def test_the_councils_sanctions_resolutions_are_one_unresolved_reference():
    assert names("The envoy said the Security Council's sanctions resolutions bind every member.",
                 RESOLUTION) == ["UN Security Council resolutions"]


def test_a_resolution_named_by_its_month_and_year_of_adoption():
    assert names("Imports breach the Council resolution of September 2017 and the December 2017 one.",
                 RESOLUTION)[:1] == ["UNSCR 2375"]


def test_the_state_right_before_a_title_with_its_portfolio_is_the_persons():
    found = {m.name: (m.role, m.affiliation) for m in mentions(
        "Australian Assistant Minister for Foreign Affairs Tim Watts said so on Monday. Canada's Deputy "
        "Minister of Foreign Affairs David Morrison said so too.") if m.category == "person"}
    assert found["Tim Watts"] == ("Assistant Minister for Foreign Affairs", "Australia")
    assert found["David Morrison"] == ("Deputy Minister of Foreign Affairs", "Canada")


def test_a_cap_named_by_its_year_is_the_last_resolution_of_that_year_that_set_one():
    """A later cap replaces an earlier one: "the 2017 cap" is the one in force from that year."""
    assert names("It breached the 2017 cap on refined petroleum.", RESOLUTION) == ["UNSCR 2397"]
    assert names("Oil flowed above the cap set by the U.N. Security Council in 2017.", RESOLUTION) == ["UNSCR 2397"]


def test_a_cap_of_no_un_resolution_is_not_a_resolution():
    assert names("The G7 price cap on Russian oil and a cap on oil prices remain.", RESOLUTION) == []


def test_sanctions_resolutions_and_resolutions_voted_for_in_the_council_are_the_councils():
    assert names("Moscow pays in violation of the sanctions resolutions that Russia itself voted for in the UN "
                 "Security Council, he said.", RESOLUTION) == ["UN Security Council resolutions"]
    assert names("Japan imposed sanctions after the UN report.", RESOLUTION) == []


def test_a_general_reference_whose_list_opens_with_a_numbered_resolutions_measure_is_only_the_list():
    assert names("It violates the relevant UN Security Council resolutions, including the arms embargo imposed by "
                 "resolution 1718 and strengthened by resolution 1874.", RESOLUTION) == [
        "UNSCR 1718", "UNSCR 1874", "UNSCR 1718", "UNSCR 1874"]
    # a list that opens with a measure named by its year only still leaves the reference unresolved
    assert "UN Security Council resolutions" in names(
        "It violates multiple UN Security Council resolutions, including the arms embargo first imposed in 2006.",
        RESOLUTION)


def test_a_range_of_resolution_numbers_is_every_reference_resolution_in_it():
    assert names("Resolutions 2371-2397 ban that, as do resolutions 1718 (2006) to 2087 (2013).", RESOLUTION) == [
        "UNSCR 2371", "UNSCR 2375", "UNSCR 2397", "UNSCR 1718", "UNSCR 1874", "UNSCR 2087"]
    # "to" a lower number or a year is no range
    assert names("It held supplies under resolution 2397 to 2016 levels.", RESOLUTION) == ["UNSCR 2397"]


def test_a_state_bodys_recorded_name_that_names_its_state_names_the_state_too():
    assert names("A spokesperson for the US State Department said so. South Korea's National Intelligence "
                 "Service (NIS) told lawmakers.", "country") == ["United States", "Republic of Korea"]
    # an outlet's proper name is not its state's mention
    assert names("The Korean Central News Agency said so.", "country") == []


def test_a_name_with_a_list_of_words_in_it_is_one_organisation():
    assert names("The bans are run by the Ministry of Economy, Trade and Industry. The UK Foreign, Commonwealth "
                 "and Development Office said so.", "organization") == [
        "Ministry of Economy, Trade and Industry", "UK Foreign, Commonwealth and Development Office"]


def test_a_list_of_bodies_is_not_one_organisation():
    assert names("The Defense Ministry, Foreign Ministry and Unification Ministry said so.",
                 "organization")[-2:] == ["Foreign Ministry", "Unification Ministry"]


def test_a_title_before_a_known_body_and_person_is_no_organisation():
    assert set(names("Chief of Defence Intelligence of Ukraine Kyrylo Budanov said so.", "organization")) == {
        "Main Intelligence Directorate of Ukraine"}


def test_a_law_or_treaty_is_not_an_organisation():
    assert names("Japan acted under the Foreign Exchange and Foreign Trade Act.", "organization") == []


def test_an_acronym_in_brackets_after_a_new_organisation_is_that_organisation_wherever_it_is_used():
    found = [(m.text, m.name) for m in mentions("The Security Service of Ukraine (SBU) said so. The SBU added more.")
             if m.category == "organization"]
    assert found == [("Security Service of Ukraine", "Ukrainian Security Service"),
                     ("SBU", "Ukrainian Security Service"), ("SBU", "Ukrainian Security Service")]
    found = [(m.text, m.name) for m in mentions("The Defence Research Bureau (DRB) said so. The DRB added more.")
             if m.category == "organization"]
    assert found == [("Defence Research Bureau", "Defence Research Bureau"), ("DRB", "Defence Research Bureau"),
                     ("DRB", "Defence Research Bureau")]


def test_the_un_panel_is_the_panel_of_experts():
    assert names("Russia vetoed the renewal of the U.N. panel that monitored sanctions.", "organization") == [
        "Panel of Experts (1718 Committee)"]


def test_a_states_body_is_its_own_not_another_states_body_of_that_name():
    assert names("Japan's Ministry of Defense said so. Russia's Ministry of Defence agreed.", "organization") == [
        "Japanese Ministry of Defense", "Russian Ministry of Defence"]


def test_security_services_and_special_forces_are_their_states_bodies():
    assert names("Ukraine's Security Service and Ukraine's Special Operations Forces said so.", "organization") == [
        "Ukrainian Security Service", "Ukrainian Special Operations Forces"]


def test_a_body_of_a_known_organisation_is_named_with_it():
    assert names("The Council of the European Union said so.", "organization") == [
        "Council of the European Union", "European Union"]
    assert "Center for North Korean Studies" in names(
        "Cheong Seong-chang of the Center for North Korean Studies at the Sejong Institute said so.", "organization")


def test_a_ban_is_a_un_measure_only_with_the_council_or_a_year_of_its_resolutions():
    assert names("The 2006 ban on arms exports stands.", RESOLUTION) == ["UNSCR 1718"]
    assert names("It broke a U.N. ban on supplying luxury goods.", RESOLUTION) == ["UN Security Council resolutions"]
    assert names("Japan's ban on imports and a travel ban apply.", RESOLUTION) == []


def test_a_date_after_the_subject_of_a_measure_is_its_date():
    assert names("The embargo on arms imposed by the Council in 2006 holds.", RESOLUTION) == ["UNSCR 1718"]


def test_one_measure_of_a_year_the_record_cannot_tell_apart_stays_unresolved():
    """Neither the provisions nor the summaries of 2017's resolutions name technical training:
    which one is not guessed."""
    assert keyed("The ban on technical training imposed in 2017 holds.", RESOLUTION) == [
        ("ban on technical training imposed in 2017", None)]


def test_a_mission_to_the_united_nations_names_the_united_nations():
    assert names("North Korea's mission to the United Nations did not respond.", "organization") == [
        "DPRK Mission to the UN", "United Nations"]
    assert names("Russia's UN mission declined to comment.", "organization") == ["Russian Mission to the UN"]


def test_the_model_takes_no_two_joined_names_or_a_titles_portfolio_for_a_body():
    from ingestion.extraction.document import Doc
    from ingestion.extraction.entities import _model_name_ok
    tokens = Doc.of("Fighting near Vorozhba and Martynovka. The Minister of Natural Resources spoke.", None).tokens
    at = tokens.norm.index("vorozhba")
    assert not _model_name_ok("organization", ["Vorozhba", "and", "Martynovka"], tokens, range(at, at + 3))
    at = tokens.norm.index("natural")
    assert not _model_name_ok("organization", ["Natural", "Resources"], tokens, range(at, at + 2))


def test_sanctions_of_a_list_of_years_are_the_binding_resolutions_of_each():
    assert names("Russia voted for the sanctions adopted in 2006, 2009 and 2016.", RESOLUTION) == [
        "UNSCR 1718", "UNSCR 1874", "UNSCR 2270", "UNSCR 2321"]


def test_a_permanent_mission_to_the_united_nations_is_the_states_mission():
    assert names("Russia's Permanent Mission to the United Nations called them fabrications.", "organization") == [
        "Russian Mission to the UN", "United Nations"]


def test_names_listed_with_a_place_after_a_preposition_of_place_are_places():
    assert names("Assaults near Kursk, Vorozhba and Martynovka failed.", "place") == [
        "Kursk region", "Vorozhba", "Martynovka"]
    assert names("In Seoul, Lee said so.", "place") == ["Seoul"]


def test_resolution_numbers_in_slash_lists_document_symbols_and_numbered_lists():
    assert names("It breaches resolutions 1718/1874/2270, S/RES/2397 (2017) and Resolutions No. 2371 and No. 2375.",
                 RESOLUTION) == ["UNSCR 1718", "UNSCR 1874", "UNSCR 2270", "UNSCR 2397", "UNSCR 2371", "UNSCR 2375"]


def test_a_new_government_body_after_a_states_possessive_is_named_as_that_states():
    assert names("Lithuania's State Security Department said so. Russia's Federal Security Service (FSB) agreed, "
                 "and the FSB added more.", "organization") == [
        "Lithuanian State Security Department", "Russian Federal Security Service", "Russian Federal Security Service",
        "Russian Federal Security Service"]
    # a research group is no state body
    assert names("South Korea's Sejong Policy Forum said so.", "organization") == ["Sejong Policy Forum"]


def test_a_resolution_vetoed_or_blocked_is_a_draft_not_a_resolution():
    assert names("The Security Council resolution that Russia vetoed would have extended the mandate. Russia "
                 "blocked a UN resolution to renew the panel.", RESOLUTION) == []
    assert names("North Korea has rejected the UN resolutions.", RESOLUTION) == ["UN Security Council resolutions"]


def test_an_acronym_in_brackets_after_a_recorded_body_is_that_body():
    found = keyed("South Korea's Ministry of National Defense (MND) said so. The MND added more.", "organization")
    assert [name for name, _ in found] == ["South Korean Defense Ministry"] * 3
    assert all(key for _, key in found)


def test_a_body_named_again_without_its_state_is_the_body_named_before():
    found = keyed("Ukraine's military intelligence (HUR) said so on Monday. Military intelligence also noted that "
                  "troops moved. The military intelligence added more.", "organization")
    assert [name for name, _ in found] == ["Main Intelligence Directorate of Ukraine"] * 4
    # a sentence opening with the words and no such body before them names none
    assert names("Foreign ministry officials met on Monday.", "organization") == []


def test_a_name_after_the_village_or_town_of_is_a_place():
    assert names("Soldiers died near the village of Makhnovka and in the town of Sudzha. Assaults on the villages "
                 "of Plekhovo, Vorozhba and Martynovka failed.", "place") == [
        "Makhnovka", "Sudzha", "Plekhovo", "Vorozhba", "Martynovka"]


def test_united_nations_before_sanctions_only_qualifies_them():
    assert names("It was in violation of United Nations sanctions.", "organization") == []
    assert names("The United Nations said so.", "organization") == ["United Nations"]


def test_measures_that_block_something_are_still_measures():
    assert names("UN sanctions blocking oil imports remain.", RESOLUTION) == ["UN Security Council resolutions"]


def test_uk_or_un_after_a_name_word_is_a_syllable_of_a_korean_name():
    assert names("Yang Uk, an analyst at the Asan Institute, said so.", "person") == ["Yang Uk"]
    assert names("The UK and the UN said so.", "person") == []


def test_a_name_with_a_companys_legal_form_is_a_firm():
    assert names("The action targets Slovakia-based Verus s.r.o. and Russia-based Limited Liability Company "
                 "Defense Engineering, and Sovfracht Ltd said nothing.", "organization") == [
        "Verus s.r.o.", "Limited Liability Company Defense Engineering", "Sovfracht Ltd"]


def test_the_model_takes_no_title_for_a_body():
    from ingestion.extraction.document import Doc
    from ingestion.extraction.entities import _model_name_ok
    tokens = Doc.of("The High Representative of the European Union said so.", None).tokens
    at = tokens.norm.index("high")
    assert not _model_name_ok("organization", ["High", "Representative"], tokens, range(at, at + 2))


def test_subsequent_resolutions_are_the_councils():
    assert names("It breaches Resolution 1718 (2006) and subsequent resolutions.", RESOLUTION) == [
        "UNSCR 1718", "UN Security Council resolutions"]
    assert names("Subsequent sanctions hit coal.", RESOLUTION) == []


def test_a_resolutions_number_before_its_measures_is_that_resolution():
    assert names("The 1718 sanctions regime is eroding and the 2397 cap is broken.", RESOLUTION) == [
        "UNSCR 1718", "UNSCR 2397"]
    assert names("The 1718 Committee met.", RESOLUTION) == []


def test_a_date_in_an_apposition_after_a_resolution_is_its_date():
    assert names("The latest UN resolution, adopted in December 2017, capped oil.", RESOLUTION) == ["UNSCR 2397"]


def test_a_ship_named_among_ship_words_is_that_ship_wherever_named_again():
    found = names("The cargo ship Angara docked at Rajin. The presence of the Angara in China raises questions.",
                  "vessel")
    assert found == ["Angara", "Angara"]
    assert names("The presence of the Angara in China raises questions.", "vessel") == []


def test_an_ambassador_serves_the_state_before_the_title_not_the_one_he_is_posted_to(ner):
    found = extract("Alexander Matsegora, Russia's ambassador to North Korea, told the daily Izvestia that North "
                    "Korean builders would help.", reference=seed_gazetteer(), ner=ner).mentions
    person = next(m for m in found if m.category == "person")
    assert (person.name, person.affiliation) == ("Alexander Matsegora", "Russia")


def test_a_korean_surname_that_is_an_english_word_opens_a_name_inside_a_sentence():
    assert names("The UK sanctioned the defence minister, No Kwang Chol, and two generals.", "person") == [
        "No Kwang Chol"]
    assert names("No Russian official said anything.", "person") == []


def test_un_before_modifiers_and_a_qualified_head_only_qualifies_it():
    assert names("It was in breach of a UN arms embargo. UN weapons inspectors left.", "organization") == []
    assert names("United Nations (United States) (AFP) - Russia vetoed the panel.", "organization") == [
        "United Nations", "AFP"]


def test_a_reference_whose_relative_clause_leads_to_numbered_resolutions_names_them():
    text = ("Any such deals would violate UN Security Council resolutions that Russia itself voted for, "
            "including resolution 2270 of 2016 and resolution 2397.")
    assert names(text, RESOLUTION) == ["UNSCR 2270", "UNSCR 2397"]
    assert "UN Security Council resolutions" in names(
        "Such deals would violate UN Security Council resolutions that Russia backed. Resolution 2270 is one.",
        RESOLUTION)


def test_capitals_linked_by_a_connection_are_places_not_governments():
    assert names("They agreed to expand rail links between Moscow and Pyongyang.", "place") == [
        "Moscow", "Pyongyang"]
    assert names("Relations between Moscow and Pyongyang have deepened.", "place") == []


def test_a_place_opening_an_organisations_name_is_part_of_it():
    text = "The animals came from the Moscow Zoo and went to the Pyongyang Central Zoo, officials said."
    assert names(text, "organization") == ["Moscow Zoo", "Pyongyang Central Zoo"]
    assert names(text, "place") == []


def test_a_title_with_its_portfolio_before_a_name_makes_it_a_person():
    assert names("U.S. Deputy Secretary of State Kurt Campbell met Minister of Foreign Affairs Cho Tae-yul.",
                 "person") == ["Kurt Campbell", "Cho Tae-yul"]
    assert names("The Ministry of Foreign Affairs Han Min-soo building stood empty.", "person") == []


def test_a_capitalised_body_with_no_state_is_the_datelines_or_its_seats_states():
    assert names("MOSCOW (Reuters) - The Defence Ministry said its forces had retaken the village.",
                 "organization") == ["Reuters", "Russian Ministry of Defence"]
    assert names("SEOUL (Yonhap) -- The Foreign Ministry said it was concerned.", "organization") == [
        "Yonhap", "South Korean Foreign Ministry"]
    assert names("The Foreign Ministry in Tokyo said it had protested.", "organization") == [
        "Japanese Foreign Ministry"]


def test_the_model_takes_no_acronym_after_an_indefinite_article_for_a_body():
    from ingestion.extraction.document import Doc
    from ingestion.extraction.entities import _model_name_ok
    tokens = Doc.of("He likened the veto to destroying a CCTV to avoid being caught. The SBU said so.", None).tokens
    at = tokens.surface.index("CCTV")
    assert not _model_name_ok("organization", ["CCTV"], tokens, range(at, at + 1))
    at = tokens.surface.index("SBU")
    assert _model_name_ok("organization", ["SBU"], tokens, range(at, at + 1))


def test_the_model_takes_no_region_adjective_before_a_group_of_states_for_a_place():
    from ingestion.extraction.document import Doc
    from ingestion.extraction.entities import _model_name_ok
    tokens = Doc.of("Poland and the Baltic states called for more. The Baltic Sea froze.", None).tokens
    at = tokens.surface.index("Baltic")
    assert not _model_name_ok("place", ["Baltic"], tokens, range(at, at + 1))
    at = tokens.surface.index("Baltic", at + 1)
    assert _model_name_ok("place", ["Baltic", "Sea"], tokens, range(at, at + 2))


@pytest.mark.parametrize(("text", "expected"), [
    ("The shipments breached a 2017 UN cap on refined petroleum products.", ["UNSCR 2397"]),
    ("Russia breached the 2017 resolution capping refined petroleum at 500,000 barrels a year.", ["UNSCR 2397"]),
    ("A 2017 UN resolution caps North Korea's refined petroleum imports at 500,000 barrels a year.", ["UNSCR 2397"]),
    ("The deliveries broke a UN cap of 500,000 barrels of refined petroleum a year.", ["UNSCR 2397"]),
    ("North Korean workers abroad were to be sent home under a 2017 UN resolution.", ["UNSCR 2397"]),
    ("The ban on North Korean workers abroad, imposed by the Security Council in 2017, holds.", ["UNSCR 2397"]),
    ("The 2017 ban on coal exports holds.", ["UNSCR 2371"]),
    ("The 2016 cap on coal exports holds.", ["UNSCR 2321"]),
])
def test_the_goods_a_description_names_are_told_apart_by_the_resolutions_summaries(text, expected):
    """Which of a year's resolutions capped petroleum, banned coal or sent workers home is read
    from each resolution's summary in the reference data; a cap in force is the last one set."""
    assert names(text, RESOLUTION) == expected


def test_the_topics_of_a_resolution_come_from_its_summary_not_code():
    reference = seed_reference()
    entries = tuple(dataclasses.replace(e, summary="Bans DPRK exports of seafood.") if e.key == "resolution:2375"
                    else dataclasses.replace(e, summary="") if e.key == "resolution:2371" else e
                    for e in reference.entries)
    moved = Gazetteer.build(dataclasses.replace(reference, entries=entries, fingerprint="seafood-in-2375"))
    assert names("The 2017 ban on seafood holds.", RESOLUTION, moved) == ["UNSCR 2375"]


def test_sanctions_the_council_imposed_since_a_year_are_that_years():
    assert names("The UN Security Council has imposed sanctions on North Korea since 2006.", RESOLUTION) == [
        "UNSCR 1718"]


def test_the_state_a_body_belongs_to_named_last_is_still_named():
    assert names("The EU added the Missile General Bureau of the DPRK to its list.", "country") == ["DPRK"]
    assert names("The Center for North Korean Studies said so.", "country") == []


def test_a_compass_point_opening_a_regions_name_is_part_of_it():
    assert names("A factory in North Hamgyong Province and a base in South Pyongan Province.", "place") == [
        "North Hamgyong Province", "South Pyongan Province"]
    assert names("In the south Kursk region, fighting continued.", "place") == ["Kursk region"]


def test_a_body_of_another_state_after_a_states_possessive_is_the_states_own():
    assert names("Ukraine's Defence Intelligence agency said so.", "organization") == [
        "Main Intelligence Directorate of Ukraine"]
    assert names("The U.S. Defense Intelligence Agency said so.", "organization") == ["Defense Intelligence Agency"]


def test_bodies_joined_by_and_are_each_named_and_each_the_states():
    assert names("Japan's Foreign Ministry and Defense Ministry declined to comment.", "organization") == [
        "Japanese Foreign Ministry", "Japanese Defense Ministry"]
    assert names("Russia's defence ministry and foreign ministry did not reply.", "organization") == [
        "Russian Ministry of Defence", "Russian Foreign Ministry"]


def test_an_unknown_body_ends_before_a_states_possessive():
    assert names("Shin Won-sik, director of the National Security Office at South Korea's presidential office, "
                 "spoke.", "organization") == ["National Security Office",
                                               "Office of the President of the Republic of Korea"]


def test_a_body_of_a_state_named_by_its_adjective_is_one_body_and_names_the_state():
    text = "Photos released by the General Staff of the Ukrainian Armed Forces showed soldiers."
    assert names(text, "organization") == ["General Staff of the Armed Forces of Ukraine"]
    assert names(text, "country") == ["Ukraine"]


def test_a_body_of_no_state_before_a_title_is_the_datelines_states():
    text = ("Russia dismisses claims\n\nMOSCOW, Nov 9 (Reuters) - Foreign Ministry spokeswoman Maria Zakharova "
            "called the claims fakes.")
    assert names(text, "organization") == ["Reuters", "Russian Foreign Ministry"]
    # filed from Seoul, the spokeswoman the record puts in Russia's foreign ministry still speaks for it
    text = ("Russia dismisses claims\n\nSEOUL, Nov 9 (Reuters) - Foreign Ministry spokeswoman Maria Zakharova "
            "called the claims fakes.")
    assert names(text, "organization") == ["Reuters", "Russian Foreign Ministry"]


def test_a_title_naming_its_body_before_a_name_is_a_title_and_the_body_is_the_datelines():
    text = ("Russia confirms troops\n\nMOSCOW, April 26 (AFP) - Chief of the General Staff Valery Gerasimov told "
            "President Vladimir Putin that the troops had helped.")
    assert names(text, "organization") == ["AFP", "General Staff of the Russian Armed Forces"]
    assert names(text, "person") == ["Valery Gerasimov", "Vladimir Putin"]


def test_a_name_before_a_site_noun_is_a_place_under_the_name_alone():
    assert names("Kim saw bombers at the Knevichi airbase and a frigate near the Zvezda shipyard.", "place") == [
        "Knevichi", "Zvezda"]
    assert names("The tanker docked at the Arctic port of Murmansk. The Russian base was hit.", "place") == [
        "Murmansk"]


def test_unknown_names_listed_with_a_place_after_a_preposition_are_places():
    assert names("Troops trained in Ussuriysk and Sergeevka before moving.", "place") == ["Ussuriysk", "Sergeevka"]
    assert names("Ships sailed to Vladivostok, Nakhodka and Bolshoy Kamen.", "place") == [
        "Vladivostok", "Nakhodka", "Bolshoy Kamen"]
    assert names("Officials in Seoul and Kim said so. In Seoul, Lee said so.", "place") == ["Seoul", "Seoul"]


def test_a_states_navy_and_air_force_are_bodies_of_their_own():
    text = ("Ukraine's air force said Russia launched North Korean missiles at Kyiv. The troops travelled aboard "
            "Russian navy ships to Vladivostok.")
    assert names(text, "organization") == ["Ukrainian Air Force", "Russian Navy"]


def test_a_person_of_a_body_is_a_person_affiliated_to_it():
    found = [m for m in mentions("North Korea sent troops to Russia. Artyom Lukin of Far Eastern Federal University "
                                 "said the treaty gives Moscow cover.") if m.category in ("person", "organization")]
    assert [(m.category, m.name, m.affiliation) for m in found] == [
        ("person", "Artyom Lukin", "Far Eastern Federal University"),
        ("organization", "Far Eastern Federal University", None)]


def test_a_name_with_its_body_after_it_and_a_verb_of_saying_is_a_person():
    text = ("Ankit Panda of the Carnegie Endowment said the missiles fired at Kharkiv were North Korean. "
            "Panda said it was likely that more missiles would follow.")
    assert "Ankit Panda" in names(text, "person")
    assert [s.speaker for s in extract(text, reference=seed_gazetteer()).statements] == ["Ankit Panda", "Ankit Panda"]


def test_a_bare_foreign_office_after_another_states_is_that_one():
    found = keyed("The German Foreign Office summoned North Korea's envoy over troops sent to Russia. The Foreign "
                  "Office wrote on X that the deployment threatened Europe.", "organization")
    assert [name for name, _ in found] == ["Federal Foreign Office", "Federal Foreign Office"]
    assert keyed("The Foreign Office said North Korean troops were in Russia.", "organization")[0][0] \
        == "Foreign, Commonwealth and Development Office"
