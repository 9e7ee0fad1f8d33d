"""An actor's parent chain, walked in one place.

Which state an actor speaks for decides whether two originators are independent (the US
National Security Council and the State Department are both the United States), whether a
denial is a party's own, and how the dossier groups its rows. The rule: **an actor's root is
the first state met going up its parent chain (a state is its own root); when the chain
holds no state, its top** (an international body, an organisation without a parent).

These functions are pure (keys and a ``parent_of`` callable in, keys out) so that the
selectors (rows of the database), the ingestion services (ids) and the extraction's
gazetteer (reference entries, no database) all share them; a loop in the data ends the walk
instead of hanging it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

K = TypeVar("K")


def lineage(key: K | None, parent_of: Callable[[K], K | None]) -> Iterator[K]:
    """``key``, its parent, its parent's parent... up to the top (each once, even if the
    data loops)."""
    seen = set()
    while key is not None and key not in seen:
        seen.add(key)
        yield key
        key = parent_of(key)


def chain_root(key: K | None, parent_of: Callable[[K], K | None], is_state: Callable[[K], bool]) -> K | None:
    """The state at the top of ``key``'s parent chain: the first state going up, else the
    top of the chain (None for no key)."""
    top = None
    for current in lineage(key, parent_of):
        if is_state(current):
            return current
        top = current
    return top
