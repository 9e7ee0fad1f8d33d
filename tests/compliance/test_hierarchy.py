"""An actor's parent chain and the state at its top: one rule (compliance/hierarchy.py)."""

from compliance.choices import ActorKind
from compliance.hierarchy import chain_root, lineage
from compliance.selectors.actors import actor_roots
from tests.factories import ActorFactory, StateFactory


def _parents(mapping):
    return mapping.get


def test_lineage_walks_up_once_even_when_the_data_loops():
    assert list(lineage("nsc", _parents({"nsc": "wh", "wh": "us"}))) == ["nsc", "wh", "us"]
    assert list(lineage("a", _parents({"a": "b", "b": "a"}))) == ["a", "b"]
    assert list(lineage(None, _parents({}))) == []


def test_the_root_is_the_first_state_going_up_else_the_top():
    parents = {"quai": "fr", "fr": "eu", "unsc": None}
    states = {"fr"}
    assert chain_root("quai", parents.get, states.__contains__) == "fr"
    assert chain_root("fr", parents.get, states.__contains__) == "fr"
    assert chain_root("unsc", parents.get, states.__contains__) == "unsc"
    assert chain_root("x", {"x": "y", "y": "x"}.get, states.__contains__) == "y"  # a loop ends the walk


def test_actor_roots_reads_the_chain_from_the_database(db, django_assert_max_num_queries):
    us = StateFactory(name="United States")
    white_house = ActorFactory(name="White House", parent=us)
    nsc = ActorFactory(name="National Security Council", parent=white_house)
    un = ActorFactory(name="UN Security Council", kind=ActorKind.INTERNATIONAL_BODY)
    with django_assert_max_num_queries(3):  # one per level of the chain
        roots = actor_roots({nsc.pk, white_house.pk, us.pk, un.pk})
    assert {pk: actor.name for pk, actor in roots.items()} == {
        nsc.pk: "United States", white_house.pk: "United States", us.pk: "United States",
        un.pk: "UN Security Council"}
