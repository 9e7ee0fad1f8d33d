"""Transfer details: parties, items, quantity, period, route and status."""

from __future__ import annotations

import datetime as dt

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
