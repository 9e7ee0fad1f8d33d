"""Reads about actors shared by the suggested status, the dossier and the exports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from compliance.choices import ActorKind
from compliance.hierarchy import chain_root, lineage
from compliance.models import Actor


def actors_with_ancestors(actors: dict[int, Actor]) -> dict[int, Actor]:
    """Add every actor's parent chain to ``actors`` (in place; one query per level of the
    chain) and return it."""
    pending = {a.parent_id for a in actors.values() if a.parent_id and a.parent_id not in actors}
    while pending:
        for actor in Actor.objects.filter(pk__in=pending):
            actors[actor.pk] = actor
        pending = {a.parent_id for a in actors.values() if a.parent_id and a.parent_id not in actors}
    return actors


def actor_lineage(actor_id: int | None, actors: dict[int, Actor]) -> Iterator[Actor]:
    """The actor and its ancestors, nearest first, from ``actors`` (see
    :func:`actors_with_ancestors`)."""
    for pk in lineage(actor_id, lambda pk: actors[pk].parent_id if actors[pk].parent_id in actors else None):
        yield actors[pk]


def actor_root_of(actor_id: int | None, actors: dict[int, Actor]) -> Actor | None:
    """The state at the top of the actor's parent chain (compliance/hierarchy.py), from
    ``actors`` (see :func:`actors_with_ancestors`)."""
    root = chain_root(
        actor_id,
        lambda pk: actors[pk].parent_id if actors[pk].parent_id in actors else None,
        lambda pk: actors[pk].kind == ActorKind.STATE,
    )
    return None if root is None else actors[root]


def actor_roots(actor_ids: Iterable[int]) -> dict[int, Actor]:
    """Map each actor to its independent originator: the state at the top of its parent
    chain (e.g. the US National Security Council and the State Department both map to the
    United States). One query per level of the chains."""
    actor_ids = set(actor_ids)
    known = {a.pk: a for a in Actor.objects.filter(pk__in=actor_ids).only("id", "name", "parent_id", "kind")}
    pending = {a.parent_id for a in known.values() if a.parent_id and a.parent_id not in known}
    while pending:
        for actor in Actor.objects.filter(pk__in=pending).only("id", "name", "parent_id", "kind"):
            known[actor.pk] = actor
        pending = {a.parent_id for a in known.values() if a.parent_id and a.parent_id not in known}
    return {pk: actor_root_of(pk, known) for pk in actor_ids if pk in known}
