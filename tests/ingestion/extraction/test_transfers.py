"""Transfer details: parties, items, quantity, period, route and status."""

from __future__ import annotations

import datetime as dt

import pytest

from ingestion.extraction import extract

from .reference_fixture import seed_gazetteer

PUBLISHED = dt.date(2023, 10, 19)


def transfers(text: str):
    return extract(text, reference=seed_gazetteer(), published=PUBLISHED).transfers


def only(text: str):
    found = transfers(text)
    assert len(found) == 1, [(t.supplier, t.recipient, t.items, t.status_claimed) for t in found]
    return found[0]


def test_capitals_stand_for_their_states():
    t = only("Pyongyang has supplied up to 1,000 containers of equipment and munitions to Moscow.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert (t.supplier_key, t.recipient_key) == ("actor:1", "actor:2")
    assert t.items == ("equipment", "munitions")
    assert t.quantity == "up to 1,000 containers"
    assert t.status_claimed == "delivered"


def test_route_legs_in_order_with_their_modes():
    t = only("North Korea shipped artillery shells to Russia between September 7 and October 1. "
             "The containers were shipped between Najin and Dunay. "
             "The munitions were then moved by rail to a depot near Tikhoretsk.")
    assert t.route == ("Rajin (Najin) port", "Dunay naval facility", "Ammunition depot near Tikhoretsk")
    assert [(leg.from_place, leg.to_place, leg.mode) for leg in t.legs] == [
        ("Rajin (Najin) port", "Dunay naval facility", "sea"),
        ("Dunay naval facility", "Ammunition depot near Tikhoretsk", "rail"),
    ]
    assert (t.period_start, t.period_end) == (dt.date(2023, 9, 7), dt.date(2023, 10, 1))


def test_via_sea_and_rail_to_a_single_place():
    t = only("North Korea has sent munitions to Russia. The equipment was exported via sea and rail to a "
             "supply depot near Tikhoretsk.")
    assert t.route == ("Ammunition depot near Tikhoretsk",)
    assert [leg.mode for leg in t.legs] == ["sea", "rail"]
    assert t.legs[-1].to_key == "place:3"


def test_a_rail_crossing_and_a_named_ship():
    t = only("North Korea delivered shells to Russia by rail from Tumangang to Khasan.")
    assert [(leg.from_place, leg.to_place, leg.mode) for leg in t.legs] == [
        ("Tumangang rail crossing", "Khasan rail crossing", "rail"),
    ]
    t = only("North Korea sent munitions to Russia. The cargo ship Angara sailed from Rajin to Vostochny "
             "with the containers.")
    assert [(leg.from_place, leg.to_place, leg.mode, leg.vessel) for leg in t.legs] == [
        ("Rajin (Najin) port", "Vostochny Port (Nakhodka)", "sea", "Angara"),
    ]


def test_incoming_verbs_make_the_subject_the_recipient():
    t = only("Russia has been relying on North Korea for millions of rounds and artillery shells.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.quantity == "millions of rounds"


def test_end_user_named_after_for_use_by():
    t = only("North Korea delivered infantry rockets and missiles to Russia for use by the Wagner group.")
    assert t.recipient == "Wagner Group"


def test_negotiations_are_not_deliveries():
    t = only("Russia is negotiating deals to acquire artillery ammunition from North Korea.")
    assert (t.supplier, t.recipient, t.status_claimed) == ("DPRK", "Russia", "negotiating")


def test_items_made_in_a_state_come_from_it():
    t = only("North Korean missiles were fired at Ukrainian cities by Russia, after North Korea sent them to Russia.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.status_claimed == "used_in_combat"


def test_denials_are_not_claims_of_transfer():
    assert transfers("North Korea denied that it had ever exported weapons or ammunition to Russia.") == ()


def test_transfers_without_the_dprk_are_out_of_scope():
    assert transfers("North Korea was mentioned. The United States sent tanks to Ukraine.") == ()


def test_items_are_categorised():
    t = only("North Korea shipped artillery shells, ballistic missiles and rifles to Russia.")
    assert set(t.item_categories) == {"artillery_ammunition", "ballistic_missiles", "small_arms"}


def test_item_categories_come_from_the_records_vocabulary():
    from compliance.choices import ItemCategory

    t = only("North Korea shipped artillery shells, rockets and fuel to Russia in October.")
    assert t.items == ("artillery shells", "rockets", "fuel")
    assert t.item_categories == tuple(ItemCategory.of(item) for item in t.items) == (
        "artillery_ammunition", "rockets", "raw_materials")


def by_direction(text: str) -> dict:
    return {(t.supplier, t.recipient): t for t in transfers(text)}


def legs_of(t) -> list[tuple]:
    return [(leg.from_place, leg.to_place, leg.mode, leg.vessel) for leg in t.legs]


NAJIN, DUNAY, TIKHORETSK = "Rajin (Najin) port", "Dunay naval facility", "Ammunition depot near Tikhoretsk"


def test_what_goes_back_in_exchange_is_a_transfer_the_other_way():
    found = by_direction("North Korea has shipped millions of artillery shells to Russia in exchange for food, "
                         "oil and military technology.")
    assert found[("DPRK", "Russia")].items == ("artillery shells",)
    assert found[("DPRK", "Russia")].status_claimed == "delivered"
    # what is given in exchange, not reported as received, was agreed on
    assert found[("Russia", "DPRK")].items == ("food", "oil", "military technology")
    assert found[("Russia", "DPRK")].status_claimed == "agreed"


def test_in_return_russia_is_the_supplier_of_its_own_clause():
    found = by_direction("North Korea has sent munitions to Russia. In return, Russia has provided North Korea with "
                         "air defence systems and refined petroleum, South Korean officials said.")
    back = found[("Russia", "DPRK")]
    assert back.items == ("air defence systems", "refined petroleum")
    assert set(back.item_categories) == {"military_equipment", "raw_materials"}


def test_a_request_in_return_for_what_was_shipped():
    found = by_direction("North Korea has asked Russia for advanced fighter jets in return for the millions of "
                         "artillery rounds it has shipped to Moscow, U.S. officials said.")
    assert found[("Russia", "DPRK")].status_claimed == "sought"
    assert found[("Russia", "DPRK")].items == ("advanced fighter jets",)
    assert found[("DPRK", "Russia")].status_claimed == "delivered"


def test_the_reporting_state_is_never_the_recipient():
    for text in ("South Korea's spy agency said North Korea had sent about 13,000 containers of munitions. "
                 "Russia has used them in Ukraine.",
                 "According to South Korea's Joint Chiefs of Staff, North Korea sent more than 6,700 containers of "
                 "munitions, most of them to Russia's war in Ukraine."):
        assert [(t.supplier, t.recipient) for t in transfers(text)] == [("DPRK", "Russia")]


def test_the_other_party_is_the_state_the_article_names_not_the_reporter():
    t = only("Russia and North Korea have deepened their ties. South Korea's spy agency said on Friday that "
             "North Korea had sent about 13,000 containers of munitions.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.quantity == "about 13,000 containers"


def test_legs_told_over_several_sentences_in_travel_order():
    t = only("North Korea has sent artillery shells to Russia, officials said. The Russian-flagged cargo ship "
             "Angara docked at Rajin on Aug. 17. It then sailed to Dunay, where the containers were loaded onto "
             "freight cars bound for Tikhoretsk.")
    assert t.route == (NAJIN, DUNAY, TIKHORETSK)
    assert legs_of(t) == [(NAJIN, DUNAY, "sea", "Angara"), (DUNAY, TIKHORETSK, "rail", None)]


def test_the_seed_route_with_its_sea_and_rail_legs_and_the_angara():
    t = only("North Korea has delivered more than 1,000 containers of military equipment and munitions to Russia, "
             "the White House said. The containers were loaded aboard the Russian-flagged cargo ship Angara at "
             "Najin and shipped to Dunay between September 7 and October 1. From Dunay they were moved by rail "
             "to an ammunition depot near Tikhoretsk.")
    assert t.route == (NAJIN, DUNAY, TIKHORETSK)
    assert legs_of(t) == [(NAJIN, DUNAY, "sea", "Angara"), (DUNAY, TIKHORETSK, "rail", None)]
    assert t.legs[0].vessel_key is not None
    assert t.quantity == "more than 1,000 containers"
    assert (t.period_start, t.period_end) == (dt.date(2023, 9, 7), dt.date(2023, 10, 1))


def test_route_sentences_before_the_claim_count():
    t = only("Two Russian-flagged cargo ships, the Angara and the Maria, have made repeated trips between the "
             "North Korean port of Rajin and a Russian military port at Dunai. From Dunai, containers were "
             "transported by rail to an ammunition depot near Tikhoretsk. A think tank said the shipments "
             "likely contain munitions for Russia's war in Ukraine.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.route == (NAJIN, DUNAY, TIKHORETSK)
    assert [leg.mode for leg in t.legs] == ["sea", "rail"]


def test_a_vessel_named_with_aboard_gives_a_sea_leg():
    t = only("North Korea sent munitions to Russia. The containers were carried aboard the Angara from Najin to "
             "Dunai, then by rail to a depot near Tikhoretsk.")
    assert legs_of(t) == [(NAJIN, DUNAY, "sea", "Angara"), (DUNAY, TIKHORETSK, "rail", None)]


def test_several_ports_of_departure_then_the_port_of_arrival():
    t = only("About 1,500 North Korean special forces troops were moved aboard Russian navy landing ships from "
             "the areas of Chongjin, Hamhung and Musudan to Vladivostok, South Korea's spy agency said.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.route == ("Chongjin", "Hamhung", "Musudan", "Vladivostok")
    assert t.legs[-1].mode == "sea"


def test_a_region_after_a_place_says_where_it_is():
    t = only("North Korea shipped munitions to Russia by rail from Tumangang to Khasan in Primorsky Krai, "
             "crossing the Tumen River.")
    assert t.route == ("Tumangang rail crossing", "Khasan rail crossing")
    assert legs_of(t) == [("Tumangang rail crossing", "Khasan rail crossing", "rail", None)]


def test_a_leaders_trip_is_not_the_route():
    t = only("North Korea has sent munitions to Russia by rail from Tumangang to Khasan. Weeks earlier, Kim "
             "Jong Un travelled to Vladivostok by armoured train for a summit with Putin.")
    assert t.route == ("Tumangang rail crossing", "Khasan rail crossing")


def test_troops_and_shells_are_two_transfers():
    found = transfers("North Korea has sent more than 10,000 troops to Russia, in addition to millions of "
                      "artillery shells.")
    assert sorted((t.items, t.quantity) for t in found) == [
        (("artillery shells",), "millions of artillery shells"), (("troops",), "more than 10,000 troops")]


def test_quantities_say_what_they_count():
    t = only("Russia has supplied North Korea with more than one million barrels of oil since March, in breach "
             "of UN sanctions.")
    assert (t.supplier, t.recipient, t.quantity) == ("Russia", "DPRK", "more than one million barrels")
    t = only("Satellite images showed about 73 freight cars at Tumangang as North Korea shipped shells to Russia.")
    assert t.quantity == "about 73 freight cars"


@pytest.mark.parametrize("text", [
    "Russia could supply North Korea with fighter jets in return for its shells, analysts said.",
    "Russia may be preparing to transfer advanced military technology to North Korea.",
    "North Korea is likely to send more artillery shells to Russia.",
    "It is unclear what Moscow has agreed to provide to Pyongyang in military technology.",
    "Kim's visit triggered speculation that he seeks Russian technologies in return for supplying arms to Russia.",
])
def test_a_possibility_is_no_transfer(text):
    assert transfers(text) == ()


def test_a_possibility_adds_to_a_transfer_claimed_elsewhere():
    t = only("North Korea has sent artillery shells to Russia. It could send more shells to Russia next year.")
    assert t.status_claimed == "delivered"


@pytest.mark.parametrize(("text", "status"), [
    ("North Korea is seeking Russian help with satellite technology in return for shells sent to Moscow.", "sought"),
    ("North Korea has requested fighter jets and air defence systems from Russia.", "sought"),
    ("Russia is in the process of buying millions of artillery shells from North Korea.", "negotiating"),
    ("Russia agreed to supply North Korea with military technology.", "agreed"),
    ("North Korea has likely shipped more than 1 million artillery shells to Russia.", "delivered"),
    ("The DPRK is covertly supplying Russia with a significant number of artillery shells.", "in_transit"),
    ("Russian forces have fired North Korean KN-23 missiles at Ukrainian cities.", "used_in_combat"),
])
def test_speculation_and_requests_are_not_deliveries(text, status):
    found = [t for t in transfers(text)]
    assert found and found[0].status_claimed == status, [(t.supplier, t.recipient, t.status_claimed) for t in found]


def test_statements_of_the_law_and_questions_are_not_claims():
    assert transfers("North Korea has been barred from selling major weapons abroad since a U.N. Security Council "
                     "resolution in 2006.") == ()
    assert transfers("Buying North Korean shells would violate resolutions that Russia voted for.") == ()
    assert transfers("Has North Korea supplied weapons to Russia before?") == ()


def test_the_dprk_firing_its_own_missiles_is_not_a_transfer():
    assert transfers("North Korea fired more than 20 missiles in a single day, one of which landed near South "
                     "Korea's waters.") == ()


def test_made_in_another_state_is_not_a_dprk_transfer():
    found = transfers("Russia is buying artillery shells from North Korea. Weeks earlier Russia had taken delivery "
                      "of Iranian-made Mohajer-6 and Shahed-series drones.")
    assert [(t.supplier, t.recipient, t.items) for t in found] == [("DPRK", "Russia", ("artillery shells",))]


def test_a_participle_after_the_items_is_passive():
    t = only("Russia has launched ballistic missiles supplied by North Korea against Ukraine, the White House said.")
    assert (t.supplier, t.recipient, t.status_claimed) == ("DPRK", "Russia", "used_in_combat")


def test_an_attribution_inside_the_sentence_names_no_party():
    t = only("North Korea has sent more troops to Russia, South Korea's Joint Chiefs of Staff said on Wednesday, "
             "after some 11,000 soldiers deployed earlier suffered heavy casualties in the Kursk region.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.route == ()  # where the troops fight is where they serve, not a stop of their route


def test_ammunition_that_comes_from_the_dprk():
    t = only("About half of the artillery ammunition Russia fires in Ukraine now comes from North Korea, "
             "Ukraine's military intelligence chief said.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.items == ("artillery ammunition",)


def test_transport_planes_carry_and_are_not_carried():
    t = only("Russian military transport aircraft have made six round trips between Vladivostok and Pyongyang, "
             "raising suspicion that Moscow is flying sensitive components and technology to North Korea.")
    assert (t.supplier, t.recipient, t.status_claimed) == ("Russia", "DPRK", "in_transit")
    assert "aircraft" not in " ".join(t.items)
    assert t.route == ("Vladivostok", "Pyongyang") and [leg.mode for leg in t.legs] == ["air"]


# ---------------------------------------------------------------- general rules (issue 11, second round)
def test_a_gift_to_a_titled_leader_names_the_recipient():
    t = only("Vladimir Putin gave North Korean leader Kim Jong Un a luxury limousine last week, "
             "defying sanctions.")
    assert (t.supplier, t.recipient) == ("Russia", "DPRK")
    assert t.items == ("limousine",)
    assert t.status_claimed == "delivered"


def test_any_item_after_the_party_given_to_makes_it_the_recipient():
    t = only("Moscow gave Pyongyang two dozen attack drones in April, the ministry of defence said.")
    assert (t.supplier, t.recipient) == ("Russia", "DPRK")


def test_a_ban_named_by_a_later_reporter_does_not_undo_the_claim():
    t = only("Russia has given North Korea 30 cars, state media said, a move Seoul said broke a U.N. ban "
             "on supplying vehicles to the North under the sanctions.")
    assert (t.supplier, t.recipient) == ("Russia", "DPRK")


def test_items_of_another_kind_are_another_transfer():
    found = transfers("North Korea has sent Russia artillery shells since the summer. "
                      "It has also supplied Russia with KN-24 missiles, officials said.")
    assert sorted(t.items for t in found) == [("KN-24 missiles",), ("artillery shells",)]
    found = transfers("Russia gave North Korea a car in March, despite sanctions. Moscow has also sent food to "
                      "Pyongyang.")
    assert sorted(t.items for t in found) == [("car",), ("food",)]


def test_generic_or_referred_back_items_join_the_transfer_named_before():
    found = transfers("North Korea supplied weapons to Russia last year. North Korea supplied artillery "
                      "shells to Russia in the spring.")
    assert len(found) == 1
    found = transfers("Russia gave North Korea a car in March, despite sanctions. North Korea obtains such "
                      "vehicles through smuggling networks.")
    assert len(found) == 1


def test_to_after_an_incoming_verb_names_no_recipient():
    found = transfers("Russia shipped diesel to North Korea in May, despite sanctions. Pyongyang received the "
                      "fuel and expressed its gratitude to Russia.")
    assert [(t.supplier, t.recipient) for t in found] == [("Russia", "DPRK")]


@pytest.mark.parametrize("text", [
    "North Korea has sent 5,000 troops to Russia. The soldiers have been deployed to the Kursk region.",
    "North Korea has sent more than 10,000 soldiers to Russia, most of whom have been deployed to the Kursk region.",
    "Zelensky said 11,000 North Korean troops were now in Russia's Kursk region.",
    "The NIS said North Korea sent about 11,000 troops to Russia's Kursk region last autumn.",
])
def test_where_troops_were_deployed_ends_their_route(text):
    assert only(text).route == ("Kursk region",)


def test_where_weapons_are_used_is_no_route_stop():
    t = only("North Korea sent artillery to Russia, and it is now being used in the fighting in the Kursk region.")
    assert t.route == ()


def test_counts_of_different_kinds_are_separate_transfers():
    found = transfers("North Korea has delivered about 40 of its 152-millimeter howitzers and about 12 "
                      "multiple rocket launchers to Russia.")
    assert sorted(t.quantity for t in found) == ["about 12 multiple rocket launchers",
                                                  "about 40 of its 152-millimeter howitzers"]
    assert {(t.supplier, t.recipient) for t in found} == {("DPRK", "Russia")}


def test_a_further_batch_is_a_transfer_of_its_own():
    found = transfers("North Korea sent 8,000 soldiers to Russia in the autumn and roughly 2,000 more in January.")
    assert sorted(t.quantity for t in found) == ["8,000 soldiers", "roughly 2,000 more"]


def test_a_threat_to_a_state_makes_it_no_recipient():
    found = transfers("North Korea has shipped shells to Russia. The minister said the arms deals could help "
                      "North Korea improve its missiles, posing a threat to Japan.")
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]


def test_another_destination_from_the_same_port_is_another_run():
    found = transfers("North Korea shipped munitions from Rajin to Dunay in the autumn. Other ships have "
                      "shuttled North Korean shells from Rajin to Vostochny since then.")
    assert sorted(t.route for t in found) == [("Rajin (Najin) port", "Dunay naval facility"),
                                              ("Rajin (Najin) port", "Vostochny Port (Nakhodka)")]


def test_troops_counted_in_another_state_were_sent_there():
    t = only("About 3,000 North Korean soldiers are now in Russia, officials in Kyiv said.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.quantity == "About 3,000 North Korean soldiers"
    assert t.status_claimed == "delivered"


def test_a_later_clause_that_contradicts_a_denial_is_claimed():
    t = only("Pyongyang has denied selling munitions to Moscow, but Ukrainian officials say North Korean "
             "shells supplied to Russia have been fired at Kharkiv.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.status_claimed == "used_in_combat"
    assert transfers("Pyongyang has denied selling munitions to Moscow, calling the reports groundless.") == ()


def test_military_assistance_is_something_transferred():
    found = transfers("North Korea shipped artillery shells to Russia. In return, the North is seeking military "
                      "assistance from Moscow.")
    assert ("Russia", "DPRK", "sought") in {(t.supplier, t.recipient, t.status_claimed) for t in found}


def test_weapons_used_in_combat_are_not_the_count_of_a_shipment():
    found = transfers("North Korea has shipped more than 2,000 containers of munitions to Russia. Officials say "
                      "North Korean weapons have been used in Ukraine.")
    assert sorted((t.status_claimed, t.quantity) for t in found) == [
        ("delivered", "more than 2,000 containers"), ("used_in_combat", None)]


def test_a_region_passed_through_is_on_the_route_and_one_given_as_cover_is_not():
    t = only("North Korea has been funnelling artillery shells to Russia through the Middle East and Africa.")
    assert t.route == ("Middle East", "Africa")
    t = only("North Korea shipped artillery shells to Russia, disguising them as cargo bound for the Middle East.")
    assert t.route == ()


def test_a_state_named_as_a_supplier_of_items_supplies_them():
    t = only("Analysts say North Korea is now one of Russia's biggest suppliers of artillery ammunition.")
    assert (t.supplier, t.recipient) == ("DPRK", "Russia")
    assert t.items == ("artillery ammunition",)


def test_launchers_join_what_they_launch_but_ammunition_does_not_join_launchers():
    found = transfers("North Korea has supplied ballistic missiles to Russia. It has also provided Russia "
                      "with launchers for them.")
    assert len(found) == 1
    found = transfers("North Korea has delivered rocket launchers to Russia. North Korea has also sent Russia "
                      "artillery ammunition.")
    assert sorted(t.items for t in found) == [("artillery ammunition",), ("rocket launchers",)]


def test_an_open_period_is_not_narrowed_to_a_later_month():
    t = only("Officials accused North Korea of selling weapons to Russia since the invasion began, in February "
             "2022. Last September, Russia was reported to be buying millions of artillery shells from North Korea.")
    assert (t.period_start, t.period_end) == (dt.date(2022, 2, 1), None)


def test_places_the_cargo_only_passed_through_are_route_places_without_a_leg_between_them():
    t = only("North Korea has supplied artillery shells to Russia, funneling them through the Middle East and "
             "Africa.")
    assert t.route == ("Middle East", "Africa")
    assert t.legs == ()


@pytest.mark.parametrize(("text", "supplier", "recipient", "item"), [
    ("In return, Moscow has given Pyongyang combat data from the launches.", "Russia", "DPRK", "combat data"),
    ("Russia has also paid North Korea in hard currency for its munitions.", "Russia", "DPRK", "hard currency"),
    ("North Korea provided Russia with the blueprints of its failed launches.", "DPRK", "Russia", "blueprints"),
])
def test_data_and_money_given_or_paid_are_transfers(text, supplier, recipient, item):
    # a first sentence on the arms trade makes the text one extraction reads
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    t = next(t for t in found if item in t.items)
    assert (t.supplier, t.recipient) == (supplier, recipient)
    assert item in t.items


@pytest.mark.parametrize("text", [
    "Officials are closely watching the possibility that Russia hands over submarine technology to North Korea.",
    "Russia is weighing fighter jets for the North, though there were no signs that any had been delivered to "
    "North Korea.",
])
def test_a_watched_possibility_or_no_sign_of_delivery_is_no_transfer(text):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]


def test_an_additional_batch_named_first_is_apart_from_the_earlier_one():
    found = transfers("The North had dispatched about 3,000 additional troops to Russia in January, on top of the "
                      "roughly 11,000 soldiers it sent last October. The North Korean troops have been deployed to "
                      "the Kursk region.")
    assert sorted(t.quantity for t in found) == ["about 3,000 additional troops", "roughly 11,000 soldiers"]


def test_workers_sent_are_apart_from_troops_sent():
    found = transfers("North Korea will send 5,000 military construction workers to Russia's Kursk region. The "
                      "North sent around 11,000 soldiers to Russia last year to repel a Ukrainian incursion.")
    assert sorted(t.quantity for t in found if t.supplier == "DPRK") == [
        "5,000 military construction workers", "around 11,000 soldiers"]


@pytest.mark.parametrize("text", [
    "North Korea shipped munitions to Russia. The Angara sailed between Rajin and Russian ports, including Dunay.",
    "North Korea shipped munitions to Russia by rail over the bridge that links Rajin in North Korea with Dunay.",
])
def test_a_leg_to_one_of_several_places_or_along_a_link(text):
    assert only(text).route == ("Rajin (Najin) port", "Dunay naval facility")


@pytest.mark.parametrize(("text", "route"), [
    ("North Korea sent thousands of workers to Russia. Most of the workers flew from Pyongyang to Vladivostok "
     "before being sent on to construction sites in Primorsky Krai.", ("Pyongyang", "Vladivostok")),
    ("North Korea sent Russia data on its satellite launches. The North launched the satellite from the launch "
     "pad near Rajin on Tuesday.", ()),
])
def test_work_sites_and_launch_sites_are_no_route_places(text, route):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert [t.route for t in found if "artillery shells" not in t.items] == [route]


@pytest.mark.parametrize(("text", "item"), [
    ("South Korean officials have said Russia has provided North Korea with help on its satellite launches.",
     "help on"),
    ("Russia's minister has handed over more than 70 animals to North Korea's central zoo.", "animals"),
])
def test_help_and_animals_given_are_transfers(text, item):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert [(t.supplier, t.recipient) for t in found if item in " ".join(t.items)] == [("Russia", "DPRK")]


def test_help_as_a_verb_is_no_item():
    found = transfers("North Korea has sent artillery shells to Russia. North Korea will send 5,000 workers to "
                      "Russia's Kursk region to help rebuild infrastructure.")
    assert not any("help" in " ".join(t.items) for t in found)


def test_a_dateline_city_is_no_party_and_a_made_in_adjective_names_the_supplier():
    found = transfers("KYIV, April 24 (Reuters) - Russia fired a North Korean-made KN-23 ballistic missile at Kyiv "
                      "overnight, President Volodymyr Zelenskiy said on Thursday, citing preliminary information from "
                      "Ukraine's intelligence services. North Korea has sent artillery shells to Russia.")
    assert [(t.supplier, t.recipient, t.status_claimed) for t in found if "shells" not in " ".join(t.items)] == [
        ("DPRK", "Russia", "used_in_combat")]


def test_weapons_fired_with_no_maker_named_are_the_users_own():
    found = transfers("North Korea has sent artillery shells to Russia. Ukraine's air force said Russia launched 70 "
                      "missiles and 145 drones at the country overnight.")
    assert [t.items for t in found] == [("artillery shells",)]


@pytest.mark.parametrize("text", [
    "North Korean tankers have been seen at Vostochny Port loading fuel, which they then carry back to North Korea.",
    "North Korean tankers have been seen loading fuel at Vostochny Port and carrying it back to North Korea.",
])
def test_a_pronoun_object_stands_for_the_item_named_before(text):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    back = [t for t in found if t.recipient == "DPRK"]
    assert [(t.supplier, t.items, t.route) for t in back] == [("Russia", ("fuel",), ("Vostochny Port (Nakhodka)",))]
    assert next(t for t in found if t.supplier == "DPRK").route == ()


def test_a_transfer_announced_for_later_is_agreed_not_delivered():
    found = transfers("North Korea has sent artillery shells to Russia. North Korea will send 1,000 deminers and "
                      "5,000 military construction workers to Russia's Kursk region.")
    assert [t.status_claimed for t in found if "workers" in t.items] == ["agreed"]


@pytest.mark.parametrize(("text", "item"), [
    ("Putin gifted Kim Jong Un 24 horses, the Kremlin said.", "horses"),
    ("Putin presented Kim with a Russian-made Aurus limousine.", "limousine"),
])
def test_gifts_between_the_leaders_are_transfers(text, item):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert [(t.supplier, t.recipient) for t in found if item in t.items] == [("Russia", "DPRK")]


@pytest.mark.parametrize("text", [
    "Russian troops arrived in the village on Monday.",
    "Russian forces deployed drones near Kupiansk.",
])
def test_a_states_own_forces_are_not_sent_to_the_dprk_named_before(text):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]


@pytest.mark.parametrize(("text", "expected"), [
    ("In return, Moscow has handed Pyongyang combat data from the launches.", [("Russia", "DPRK")]),
    ("The court handed Russian soldiers long sentences for their missiles.", []),
    ("On the other hand, North Korea sent drones to Russia.", [("DPRK", "Russia")]),
])
def test_handed_is_a_transfer_only_with_the_state_given_to_next(text, expected):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert [(t.supplier, t.recipient) for t in found if "artillery shells" not in t.items] == expected


def test_hands_shaken_in_a_caption_are_no_transfer_that_dates_the_shipments():
    t = only("In this file picture, Vladimir Putin and North Korea's leader Kim Jong-un shake hands during their "
             "meeting at the Vostochny cosmodrome, Russia, on Sept. 13.\n\nPyongyang had sent more than 1,000 "
             "containers of military equipment and munitions to Moscow as the two leaders held a summit last month.")
    assert (t.supplier, t.recipient, t.period_start) == ("DPRK", "Russia", None)


def test_the_adjective_of_troops_sent_is_their_supplier_and_to_fight_in_names_who_gets_them():
    # "North Korean" qualifies the troops: not the one they are sent to; the reporting state is no party
    found = transfers("The UK has sanctioned North Korea's defence minister for his role in sending North Korean "
                      "troops to fight in Russia's illegal war against Ukraine.")
    assert [(t.supplier, t.recipient, t.items) for t in found] == [("DPRK", "Russia", ("troops",))]


def test_fighting_somewhere_is_no_transfer_to_it():
    found = transfers("North Korea delivered rockets and missiles to the Wagner Group, the Russian private military "
                      "company fighting in Ukraine.")
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Wagner Group")]


def test_in_return_between_a_subject_and_its_verb_keeps_the_subject_as_supplier():
    # (the UK, named most, is not taken for the one who gave the oil)
    found = transfers("The UK has sanctioned three generals of the Korean People's Army. The UK and its partners "
                      "will keep up the pressure, and the UK will act.\n\nNorth Korea has supplied Russia with "
                      "millions of artillery shells, and Russia has in return provided the DPRK with oil, money "
                      "and military technology, the Foreign Office said.")
    assert sorted((t.supplier, t.recipient) for t in found) == [("DPRK", "Russia"), ("Russia", "DPRK")]
    back = next(t for t in found if t.supplier == "Russia")
    assert "oil" in back.items


def test_a_datelines_month_of_may_is_no_modal_that_makes_the_claim_a_possibility():
    found = transfers("Headline\n\nSEOUL, May 29 (Reuters) - North Korea has shipped at least 9 million rounds of "
                      "artillery ammunition to Russia since September 2023.")
    assert [(t.supplier, t.recipient, t.status_claimed) for t in found] == [("DPRK", "Russia", "delivered")]
    assert transfers("Headline\n\nSEOUL, May 29 (Reuters) - Russia may send more oil to North Korea.") == ()


@pytest.mark.parametrize(("text", "status"), [
    ("North Korean soldiers have been fighting alongside Russian forces since late last year.", "used_in_combat"),
    ("North Korean soldiers have returned to the front line in Russia's Kursk region after a pause.",
     "used_in_combat"),
    ("Thousands of North Korean troops are now in Russia, officials said.", "delivered"),
    ("The leaders condemned the deployment of DPRK troops to Russia.", "delivered"),
])
def test_troops_reported_where_they_serve_without_a_count_were_sent_there(text, status):
    found = transfers("Headline\n\n" + text)
    assert [(t.supplier, t.recipient, t.status_claimed) for t in found] == [("DPRK", "Russia", status)]


def test_troops_fighting_in_ukraine_were_sent_to_the_state_they_fight_for_not_to_ukraine():
    found = transfers("North Korea has sent artillery shells to Russia. North Korean troops are fighting in Ukraine.")
    assert sorted((t.supplier, t.recipient, t.items) for t in found) == [
        ("DPRK", "Russia", ("artillery shells",)), ("DPRK", "Russia", ("troops",))]


def test_a_state_that_condemns_a_deployment_is_not_where_the_troops_went():
    found = transfers("North Korea has sent artillery shells to Russia. Japan condemned it. Japan said it "
                      "strongly condemned the deployment of North Korean soldiers to fight against Ukraine.")
    assert {(t.supplier, t.recipient) for t in found} == {("DPRK", "Russia")}


@pytest.mark.parametrize("text", [
    "It is unclear whether North Korean troops are fighting in Ukraine.",
    "North Korean troops could soon be fighting in Ukraine.",
    "Russian forces fighting alongside North Korean troops retook the town.",
    "North Korean troops in Russia face a harsh winter.",
])
def test_troops_named_without_a_claim_that_they_serve_abroad_are_no_transfer(text):
    assert transfers("North Korea has sent artillery shells to Russia. " + text)[1:] == ()


def test_what_a_state_pays_with_goes_back_to_the_dprk_and_what_it_pays_for_is_not_what_it_gives():
    found = transfers("The DPRK delivered 148 ballistic missiles to Russia in 2024, Ukraine's military intelligence "
                      "reports. Ukraine says the missiles hit Ukrainian cities. \"Moscow pays for these supplies "
                      "with oil, food and military technology,\" a Ukrainian official said.")
    back = [t for t in found if t.supplier == "Russia"]
    assert [(t.recipient, t.items) for t in back] == [("DPRK", ("oil", "food", "military technology"))]


def test_paying_for_shells_and_soldiers_does_not_send_them_to_the_dprk():
    found = transfers("North Korea has shipped shells to Russia. Russia has been paying for Pyongyang's shells "
                      "and soldiers with oil, cash and, increasingly, military know-how.")
    back = [t for t in found if t.supplier == "Russia"]
    assert [(t.recipient, t.items) for t in back] == [("DPRK", ("oil", "cash", "military know-how"))]
    found = transfers("North Korea has shipped shells to Russia. Moscow paid for the shells.")
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]


def test_troops_carried_from_one_place_to_another_have_that_route():
    t = only("North Korea has begun sending troops to Russia. The soldiers were carried from Rajin to "
             "Vladivostok between Oct. 8 and Oct. 13.")
    assert t.route == ("Rajin (Najin) port", "Vladivostok")


@pytest.mark.parametrize("text", [
    "Washington believed North Korea was supplying artillery shells to Russia.",
    "John Kirby said last week that Washington believed North Korea was covertly supplying a significant number "
    "of artillery shells to Russia.",
])
def test_a_state_that_believes_a_transfer_is_no_party_to_it(text):
    found = only(text)
    assert (found.supplier, found.recipient) == ("DPRK", "Russia")


def test_the_recipient_is_never_the_state_that_only_believes_the_transfer_happened():
    """Russia, named earlier, receives; Washington, which believes it, never does."""
    text = ("Russia is short of shells for its war. John Kirby said last week that Washington believed "
            "North Korea was covertly supplying a significant number of artillery shells.")
    assert [(t.supplier, t.recipient) for t in transfers(text)] == [("DPRK", "Russia")]


def test_training_of_a_kind_received_by_dprk_troops_comes_from_the_state_that_gives_it():
    found = transfers("North Korea has sent troops to Russia. Ukraine's military intelligence has said North Korean "
                      "troops also received Russian drone training.")
    assert ("Russia", "DPRK", ("drone training",)) in [(t.supplier, t.recipient, t.items) for t in found]
    found = transfers("North Korea has sent 10,000 soldiers to Russia for training.")
    assert [(t.supplier, t.recipient, t.items) for t in found] == [("DPRK", "Russia", ("soldiers",))]


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea has supplied Russia with artillery shells. In return, it has received oil and air defence systems.",
     [("DPRK", "Russia"), ("Russia", "DPRK")]),
    ("South Korea says North Korea is helping Russia's war. It has sent more than 10,000 troops and millions of "
     "shells.", [("DPRK", "Russia"), ("DPRK", "Russia")]),
])
def test_it_at_the_start_of_a_claim_is_the_state_the_sentence_before_was_about(text, expected):
    found = transfers("Headline\n\n" + text)
    assert sorted((t.supplier, t.recipient) for t in found) == expected


def test_it_after_a_sentence_about_a_ship_is_no_state():
    found = transfers("Headline\n\nNorth Korea sent shells to Russia. The Angara left Rajin in August. It carried "
                      "containers of munitions to Dunay.")
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]


@pytest.mark.parametrize(("text", "items"), [
    ("Moscow has rewarded Pyongyang with oil and food.", ("oil", "food")),
    ("Russian oil has flowed to North Korea in return.", ("oil",)),
    ("North Korea has benefited from Russian oil and air defence systems.", ("oil", "air defence systems")),
])
def test_what_russia_gives_back_in_other_words(text, items):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert [(t.supplier, t.recipient, t.items) for t in found if t.supplier == "Russia"] == [("Russia", "DPRK", items)]


def test_compensating_a_state_for_its_support_names_nothing_given():
    found = transfers("Analysts assess that North Korea has deployed about 11,000 to 12,000 troops to Russia and that "
                      "the Kremlin is compensating Pyongyang for its support.")
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]


@pytest.mark.parametrize("text", [
    "Officials confirmed the presence of North Korean troops in Russia.",
    "Officials confirmed the presence of North Korean troops in Ukraine.",
    "The US condemned North Korea's troop deployment to Russia.",
])
def test_the_presence_or_deployment_of_dprk_troops_is_a_sending_to_the_state_they_serve(text):
    found = transfers("North Korea has sent artillery shells to Russia. " + text)
    assert sorted((t.supplier, t.recipient, t.items) for t in found) == [
        ("DPRK", "Russia", ("artillery shells",)), ("DPRK", "Russia", ("troops",))]


def test_help_building_air_defences_goes_to_the_state_helped():
    found = transfers("North Korea has sent troops to Russia. Russia has helped North Korea build air defences "
                      "around Pyongyang.")
    assert ("Russia", "DPRK", ("air defences",)) in [(t.supplier, t.recipient, t.items) for t in found]


def test_dprk_troops_fighting_at_home_are_sent_nowhere():
    found = transfers("North Korea has sent artillery shells to Russia. North Korean soldiers are fighting in "
                      "North Korea's mountains against smugglers.")
    assert [(t.supplier, t.recipient, t.items) for t in found] == [("DPRK", "Russia", ("artillery shells",))]


def test_a_relative_clause_gives_back_what_the_state_before_it_pays_with():
    found = transfers("North Korea has shipped shells to Russia.\n\nAnalysts asked how much help Pyongyang had "
                      "received from Russia, which has been paying for the shells and soldiers with oil, cash and, "
                      "increasingly, military know-how.")
    back = [(t.supplier, t.recipient, t.items) for t in found if t.supplier == "Russia"]
    assert back == [("Russia", "DPRK", ("oil", "cash", "military know-how"))]


def test_what_is_paid_in_before_for_is_what_is_given_and_a_source_with_knowledge_is_not_paid():
    found = transfers("North Korea has shipped shells to Russia.\n\nRussia has also paid North Korea in hard currency "
                      "for its munitions, a South Korean official with knowledge of the matter said.")
    back = [(t.supplier, t.recipient, t.items) for t in found if t.supplier == "Russia"]
    assert back == [("Russia", "DPRK", ("hard currency",))]


def test_a_buyer_that_paid_for_the_arms_gives_nothing_back():
    found = transfers("North Korea has completed an initial arms delivery to Wagner, which paid for that equipment, "
                      "Kirby said.")
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Wagner Group")]


def test_the_port_a_ship_was_launched_at_is_no_route_of_what_russia_gives():
    found = transfers("Russia has been paying for Pyongyang's shells with oil and cash.\n\nThe destroyer was "
                      "launched on Friday at the western port of Rajin.")
    assert [(t.supplier, t.route) for t in found if t.supplier == "Russia"] == [("Russia", ())]


@pytest.mark.parametrize("text", [
    "South Korea's military says North Korea has been arming Russia. About 13,000 containers of shells have been "
    "shipped since August 2023.",
    "Officials said Pyongyang is supplying Moscow. Since last year, more than 12,000 containers have been sent.",
])
def test_a_shipment_told_in_the_passive_takes_the_states_of_the_sentence_before(text):
    found = transfers("Headline\n\n" + text)
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]


@pytest.mark.parametrize("text", [
    "North Korea and Russia have stepped up rail traffic. Some 2,000 containers have been shipped since September.",
    "Russia is turning to North Korea. The official gave no details on the quantity of weapons involved.",
])
def test_states_joined_or_an_unnamed_giver_lend_no_parties_to_the_next_sentence(text):
    assert transfers("Headline\n\n" + text) == ()


@pytest.mark.parametrize("text", [
    "The Angara carried containers of munitions from Rajin to Dunay.",
    "Containers of munitions were shipped from Rajin to Dunay and then moved by rail to Tikhoretsk.",
    "The ships shuttled between Rajin and Dunay, carrying containers of munitions.",
])
def test_with_no_state_named_the_states_of_the_places_a_shipment_went_between_are_its_parties(text):
    found = only(text)
    assert (found.supplier, found.recipient) == ("DPRK", "Russia")
    assert found.route[:2] == ("Rajin (Najin) port", "Dunay naval facility")


def test_places_of_one_state_or_without_the_dprk_make_no_parties():
    assert transfers("The vessel carried containers of munitions from Nakhodka to Vladivostok.") == ()


def test_a_second_reported_clause_opened_by_and_that_is_a_claim_of_its_own():
    """What Russia provides and what befell the DPRK's soldiers are two claims: the equipment is
    delivered, not used in combat."""
    found = transfers("He said Russia was already providing North Korea with military equipment and training, "
                      "and that more than 1,000 North Korean soldiers had been killed or wounded in Russia's Kursk "
                      "border region.")
    assert [(t.supplier, t.recipient, t.status_claimed) for t in found][:1] == [("Russia", "DPRK", "delivered")]


def test_ukraine_is_never_the_dprks_counterpart_by_default():
    text = ("Ukrainian forces have clashed with North Korean troops, Ukraine's defence minister said. Ukraine "
            "says its troops hold ground in Ukraine's north. Seoul has said it would consider supplying weapons "
            "to Ukraine in response to the deployment.")
    assert not any(t.recipient == "Ukraine" for t in transfers(text))


def test_a_decision_to_send_is_an_agreed_transfer():
    t = only("North Korea has decided to send around 12,000 troops to Russia, South Korea's spy agency said Friday.")
    assert (t.supplier, t.recipient, t.status_claimed) == ("DPRK", "Russia", "agreed")


def test_items_said_in_a_relative_clause_to_be_fired_at_ukraine_were_used_in_combat():
    t = only("North Korea has transferred at least 100 ballistic missiles to Russia, which Russia has fired at "
             "Ukrainian cities.")
    assert t.status_claimed == "used_in_combat"
    t = only("North Korea has transferred at least 100 ballistic missiles to Russia, which Russia keeps in depots.")
    assert t.status_claimed == "delivered"


def test_examples_after_a_bare_in_return_are_what_is_sought_not_what_goes_back():
    found = transfers("Kirby said North Korea is seeking military assistance from Russia in return, including fighter "
                      "aircraft and surface-to-air missiles.")
    assert [(t.supplier, t.recipient, t.status_claimed) for t in found] == [("Russia", "DPRK", "sought")]
    assert "fighter aircraft" in found[0].items


def test_a_concern_about_any_transfer_is_no_transfer():
    found = transfers("North Korea sent shells to Russia. The EU remains concerned about any transfer of technology or "
                      "know-how from Russia to the DPRK.")
    assert [(t.supplier, t.recipient) for t in found] == [("DPRK", "Russia")]
