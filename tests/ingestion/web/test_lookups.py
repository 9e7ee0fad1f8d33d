"""The pickers of the decision form: JSON endpoints behind login for analysts, and the same
reads resolving what a person types without the script."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compliance.models import AllegationStatement, AllegationTransfer
from ingestion.lookups import lookup_resolve, lookup_search
from tests import factories as f


@pytest.fixture
def known(db):
    dprk = f.StateFactory(name="DPRK", aliases=["North Korea"])
    russia = f.StateFactory(name="Russia")
    kirby = f.PersonFactory(name="John Kirby")
    najin = f.PlaceFactory(name="Najin", aliases=["Rajin"])
    f.PlaceFactory(name="Najin rail terminal")
    angara = f.VesselFactory(name="Angara", imo_number="9179842")
    allegation = f.AllegationFactory(title="Munitions from Najin to Dunay, autumn 2023")
    other = f.AllegationFactory(title="Rockets for Wagner")
    transfer = f.TransferFactory(supplier=dprk, recipient=russia)
    AllegationTransfer.objects.create(allegation=allegation, transfer=transfer)
    uk = f.StateFactory(name="United Kingdom")
    f.AllegationStatementFactory(allegation=other, statement=f.StatementFactory(on_behalf_of=[uk]))
    return {"dprk": dprk, "russia": russia, "kirby": kirby, "najin": najin, "angara": angara,
            "allegation": allegation, "other": other}


# Every request: the session, the user, the user's groups, and the savepoint of the request's
# transaction (two statements). A search adds one query, whatever it matches.
PER_REQUEST = 5


def url(kind, q):
    return reverse("proposal-lookup", args=[kind]) + "?q=" + q


def test_anonymous_visitors_go_to_the_login_page(client, known):
    response = client.get(url("places", "naj"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_viewer_may_not_use_the_pickers(client, viewer, known):
    client.force_login(viewer)
    assert client.get(url("places", "naj")).status_code == 403


def test_the_pickers_only_read(client, analyst, known):
    client.force_login(analyst)
    assert client.post(url("places", "naj")).status_code == 405
    assert client.get(url("passwords", "x")).status_code == 404


def test_places_by_name_and_alias_the_exact_name_first(client, analyst, known, django_assert_max_num_queries):
    client.force_login(analyst)
    with django_assert_max_num_queries(PER_REQUEST + 1):
        body = client.get(url("places", "najin")).json()
    assert [r["label"] for r in body["results"]] == ["Najin", "Najin rail terminal"]
    assert body["results"][0]["value"] == f"Najin (#{known['najin'].pk})"
    assert client.get(url("places", "Rajin")).json()["results"][0]["id"] == known["najin"].pk
    assert client.get(url("places", "")).json() == {"results": []}


def test_vessels_by_imo_number_and_actors_by_kind(client, analyst, known):
    client.force_login(analyst)
    assert client.get(url("vessels", "9179842")).json()["results"][0]["label"] == "Angara"
    assert [r["label"] for r in client.get(url("people", "kirby")).json()["results"]] == ["John Kirby"]
    assert client.get(url("bodies", "kirby")).json()["results"] == []
    assert client.get(url("actors", "north korea")).json()["results"][0]["id"] == known["dprk"].pk


@pytest.mark.parametrize("query, expected", [
    ("najin dunay", "allegation"), ("North Korea", "allegation"), ("russia", "allegation"),
    ("united kingdom", "other"), ("wagner", "other")])
def test_allegations_by_title_words_number_and_actors(client, analyst, known, query, expected,
                                                      django_assert_max_num_queries):
    client.force_login(analyst)
    with django_assert_max_num_queries(PER_REQUEST + 1):
        results = client.get(url("allegations", query)).json()["results"]
    assert [r["id"] for r in results] == [known[expected].pk]
    assert results[0]["detail"].startswith(f"#{known[expected].pk}")


def test_an_allegation_by_its_number_comes_first(known):
    number = known["other"].pk
    assert lookup_search("allegations", f"#{number}")[0] == known["other"]
    assert AllegationStatement.objects.filter(allegation=known["other"]).exists()


def test_what_is_typed_resolves_to_one_row_or_says_what_matched(known):
    assert lookup_resolve("places", "najin") == known["najin"]  # the exact name, though two contain it
    assert lookup_resolve("places", "rajin") == known["najin"]  # an alias
    assert lookup_resolve("places", f"Old name (#{known['najin'].pk})") == known["najin"]
    assert lookup_resolve("allegations", "wagner") == known["other"]  # the only match
    with pytest.raises(ValidationError, match="There is no place #999999"):
        lookup_resolve("places", "#999999")
    with pytest.raises(ValidationError, match="No place in the record matches “Atlantis”"):
        lookup_resolve("places", "Atlantis")
    with pytest.raises(ValidationError, match=r"Several match “naj”: Najin \(#\d+\); Najin rail terminal"):
        lookup_resolve("places", "naj")
    with pytest.raises(ValidationError, match="No person"):
        lookup_resolve("people", "DPRK")
