"""Reads of ingestion shared by the dashboard, the queue and the API."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from compliance.choices import ActorKind
from compliance.hierarchy import chain_root
from compliance.models import Actor, RouteLeg, Statement, StatementSource, Transfer, TransferSource
from ingestion.choices import EntityCategory, ProposalKind, ProposalState, SubmissionState
from ingestion.matching import (
    Candidate,
    StatementFacts,
    TransferFacts,
    normalise,
    statement_score,
    transfer_score,
)
from ingestion.models import Article, ArticleEntity, Proposal, Submission


def ingestion_overview(*, recent: int = 8) -> dict:
    """What waits for review, what came in lately, and what failed. Fixed query count."""
    pending = dict(
        Proposal.objects.filter(state=ProposalState.PENDING).order_by()
        .values_list("kind").annotate(n=Count("pk"))
    )
    return {
        # Links to known names are no longer proposed: their kind is listed only if some wait.
        "pending_by_kind": [(kind, pending.get(kind.value, 0)) for kind in ProposalKind
                            if kind != ProposalKind.ENTITY or pending.get(kind.value)],
        "pending_total": sum(pending.values()),
        "recent_articles": list(
            Article.objects.select_related("near_duplicate_of")
            .annotate(n_pending=Count("proposals", filter=Q(proposals__state=ProposalState.PENDING)))
            .order_by("-created_at", "-id")[:recent]
        ),
        "failures": list(
            Submission.objects.filter(state=SubmissionState.FAILED).order_by("-created_at", "-id")[:recent]
        ),
        "failure_total": Submission.objects.filter(state=SubmissionState.FAILED).count(),
        # Unfinished work, so an operator sees a stopped broker or worker before anyone asks.
        **Submission.objects.filter(state__in=SubmissionState.pending()).aggregate(
            unfinished_total=Count("pk"),
            waiting_for_broker=Count("pk", filter=~Q(broker_error="")),
            extraction_pending=Count("pk", filter=Q(state=SubmissionState.STORED)),
        ),
        "recent_decisions": list(
            Proposal.objects.exclude(state__in=[ProposalState.PENDING, ProposalState.SUPERSEDED])
            .filter(decided_at__isnull=False)
            .select_related("decided_by", "article").order_by("-decided_at", "-id")[:recent]
        ),
    }


# --------------------------------------------------------------------------- names in articles
def article_entity_list(*, revision_ids) -> list[ArticleEntity]:
    """The known names found in these revisions, in text order, with the rows they name.
    One query whatever the number of revisions."""
    return list(ArticleEntity.objects.filter(revision_id__in=list(revision_ids))
                .select_related("actor", "place", "vessel", "resolution").order_by("revision_id", "start", "id"))


@dataclass(frozen=True)
class NamedEntity:
    """A known record named in an article: how it was written there and how often."""

    category: str
    target: object  # the Actor, Place, Vessel or Resolution
    written: tuple[str, ...]
    count: int
    first: int  # where it is first named

    @property
    def category_label(self) -> str:
        return EntityCategory(self.category).label if self.category in EntityCategory.values else self.category


def named_entities(entities: list[ArticleEntity]) -> list[NamedEntity]:
    """The article's names grouped by the row they name, in order of first mention."""
    groups: dict[tuple, list[ArticleEntity]] = {}
    for entity in entities:
        key = (entity.actor_id, entity.place_id, entity.vessel_id, entity.resolution_id)
        groups.setdefault(key, []).append(entity)
    named = [NamedEntity(category=rows[0].category, target=rows[0].target,
                         written=tuple(dict.fromkeys(r.text for r in rows)), count=len(rows), first=rows[0].start)
             for rows in groups.values()]
    return sorted(named, key=lambda n: n.first)


# --------------------------------------------------------------------------- matching and suggestions
class ActorRoots:
    """Each actor's independent originator (the state at the top of its parent chain:
    compliance/hierarchy.py) and name, from one query: what corroboration counts, and so what
    matching compares."""

    def __init__(self):
        rows = list(Actor.objects.values_list("id", "parent_id", "name", "kind"))
        self.parent = {pk: parent for pk, parent, _, _ in rows}
        self.names = {pk: name for pk, _, name, _ in rows}
        self.states = {pk for pk, _, _, kind in rows if kind == ActorKind.STATE}
        self._families: dict[int, set[int]] | None = None

    def root(self, actor_id: int | None) -> int | None:
        if actor_id not in self.parent:
            return None
        return chain_root(actor_id, self.parent.get, self.states.__contains__)

    def roots(self, actor_ids) -> frozenset[int]:
        return frozenset(r for r in (self.root(a) for a in actor_ids) if r is not None)

    def family(self, actor_id: int | None) -> set[int]:
        root = self.root(actor_id)
        if root is None:
            return set()
        if self._families is None:
            self._families = defaultdict(set)
            for pk in self.parent:
                self._families[self.root(pk)].add(pk)
        return self._families[root]


def key_id(key, prefix: str) -> int | None:
    if isinstance(key, str) and key.startswith(prefix + ":"):
        rest = key.split(":", 1)[1]
        return int(rest) if rest.isdigit() else None
    return None


def _iso(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def statement_originator_ids(payload: dict) -> list[int]:
    keys = payload.get("on_behalf_of_keys") or [payload.get("on_behalf_of_key")]
    ids = [key_id(k, "actor") for k in keys]
    return list(dict.fromkeys(i for i in ids if i is not None))


def _statement_found(proposal: Proposal, roots: ActorRoots) -> StatementFacts:
    payload = proposal.payload or {}
    originators = frozenset(i for i in statement_originator_ids(payload) if i in roots.parent)
    document = proposal.article.source_document_id if proposal.article_id else None
    return StatementFacts(
        originators=originators, roots=roots.roots(originators),
        speaker=key_id(payload.get("speaker_key"), "actor"), stance=str(payload.get("stance") or ""),
        date=_iso(payload.get("date")), precision=str(payload.get("date_precision") or "day"),
        texts=tuple(normalise(t) for t in (payload.get("quote"), payload.get("gist")) if isinstance(t, str) and t),
        documents=frozenset([document]) if document else frozenset(),
        excerpts=(normalise(proposal.excerpt),),
    )


def _statement_recorded(statement: Statement, roots: ActorRoots) -> StatementFacts:
    originators = frozenset(a.pk for a in statement.on_behalf_of.all())
    links = list(statement.source_links.all())
    return StatementFacts(
        originators=originators, roots=roots.roots(originators), speaker=statement.speaker_id,
        stance=statement.stance, date=statement.stated_on, precision=statement.stated_on_precision,
        texts=tuple(normalise(t) for t in (statement.quote, statement.gist) if t),
        documents=frozenset(link.document_id for link in links),
        excerpts=tuple(normalise(link.excerpt) for link in links if link.excerpt),
    )


def _transfer_found(proposal: Proposal, roots: ActorRoots) -> TransferFacts:
    payload = proposal.payload or {}
    places = {}
    for leg in payload.get("legs") or []:
        if not isinstance(leg, dict):
            continue
        for key, name in ((leg.get("from_key"), leg.get("from_place")), (leg.get("to_key"), leg.get("to_place"))):
            place = key_id(key, "place")
            if place is not None:
                places[place] = name or f"place #{place}"
    article = proposal.article if proposal.article_id else None
    document = article.source_document_id if article else None
    start = _iso(payload.get("period_start"))
    return TransferFacts(
        supplier_root=roots.root(key_id(payload.get("supplier_key"), "actor")),
        recipient_root=roots.root(key_id(payload.get("recipient_key"), "actor")),
        period_start=start, period_end=_iso(payload.get("period_end")) or start,
        categories=frozenset(c for c in payload.get("item_categories") or [] if isinstance(c, str)),
        items=tuple(normalise(i) for i in payload.get("items") or [] if isinstance(i, str)),
        places=frozenset(places), documents=frozenset([document]) if document else frozenset(),
        published=article.published_on if article else None, place_names=places,
    )


def _transfer_recorded(transfer: Transfer, roots: ActorRoots) -> TransferFacts:
    legs = list(transfer.legs.all())
    items = list(transfer.items.all())
    return TransferFacts(
        supplier_root=roots.root(transfer.supplier_id), recipient_root=roots.root(transfer.recipient_id),
        period_start=transfer.period_start, period_end=transfer.period_end or transfer.period_start,
        categories=frozenset(i.category for i in items),
        items=tuple(normalise(i.description) for i in items if i.description),
        places=frozenset(p for leg in legs for p in (leg.from_place_id, leg.to_place_id)),
        documents=frozenset(link.document_id for link in transfer.source_links.all()),
    )


# Rows read per family of originators (or pair of parties) at most: a suggestion, not an audit.
MATCH_LIMIT = 500
MAX_CANDIDATES = 5


def proposal_candidates(*, proposals: list[Proposal], roots: ActorRoots | None = None,
                        loaded: dict | None = None) -> dict[int | None, list[Candidate]]:
    """For each statement or transfer proposal (keyed by ``id(proposal)`` when unsaved, else
    its pk), the record's rows it may repeat, best first, each with its score and reasons.
    A fixed number of queries whatever the number of proposals: the actors, the statements
    of the originators and speakers found (with their originators and sources), the
    transfers between the parties found (with their items, legs and sources). ``loaded``, if
    given, receives the rows read, by (kind, id), for a caller that needs them too."""
    loaded = {} if loaded is None else loaded
    roots = roots or ActorRoots()
    statements = [p for p in proposals if p.kind == ProposalKind.STATEMENT]
    transfers = [p for p in proposals if p.kind == ProposalKind.TRANSFER]
    found_s = {_key(p): _statement_found(p, roots) for p in statements}
    found_t = {_key(p): _transfer_found(p, roots) for p in transfers}
    result: dict = {_key(p): [] for p in (*statements, *transfers)}

    families = {a for facts in found_s.values() for r in facts.roots for a in roots.family(r)}
    speakers = {facts.speaker for facts in found_s.values() if facts.speaker is not None}
    documents = {d for facts in found_s.values() for d in facts.documents}
    if found_s and (families or speakers or documents):
        condition = Q(on_behalf_of__in=families) | Q(speaker_id__in=speakers) | Q(
            source_links__document_id__in=documents)
        ids = Statement.objects.filter(condition).values("id")
        rows = (Statement.objects.filter(pk__in=ids).order_by("-stated_on", "-id")
                .prefetch_related(Prefetch("on_behalf_of", queryset=Actor.objects.only("id")),
                                  Prefetch("source_links", queryset=StatementSource.objects.only(
                                      "id", "statement_id", "document_id", "excerpt")))
                .only("id", "speaker_id", "stance", "stated_on", "stated_on_precision", "quote", "gist")
                [:MATCH_LIMIT * max(1, len(found_s))])
        recorded = [(s, _statement_recorded(s, roots)) for s in rows]
        loaded.update({("statement", s.pk): s for s, _ in recorded})
        for key, facts in found_s.items():
            scored = [statement_score(facts, rf, record_id=s.pk, label=f"statement #{s.pk}: {s.gist[:120]}",
                                      names=roots.names)
                      for s, rf in recorded]
            result[key] = sorted((c for c in scored if c is not None), key=lambda c: (-c.score, c.id))[
                :MAX_CANDIDATES]

    pairs = {(f.supplier_root, f.recipient_root) for f in found_t.values()
             if f.supplier_root is not None and f.recipient_root is not None}
    if pairs:
        condition = Q()
        for supplier, recipient in pairs:
            condition |= Q(supplier__in=roots.family(supplier), recipient__in=roots.family(recipient))
        # with their places and vessels: the queue shows the recorded route a finding joins
        legs = RouteLeg.objects.select_related("from_place", "to_place", "vessel").order_by("sequence")
        rows = (Transfer.objects.filter(condition).order_by("-period_start", "-id")
                .prefetch_related(Prefetch("legs", queryset=legs), "items",
                                  Prefetch("source_links", queryset=TransferSource.objects.only(
                                      "id", "transfer_id", "document_id")))
                .only("id", "title", "supplier_id", "recipient_id", "period_start", "period_end", "version")[
                    :MATCH_LIMIT * len(pairs)])
        recorded = [(t, _transfer_recorded(t, roots)) for t in rows]
        loaded.update({("transfer", t.pk): t for t, _ in recorded})
        for key, facts in found_t.items():
            scored = [transfer_score(facts, rf, record_id=t.pk, label=f"transfer #{t.pk}: {t.title}",
                                     names=roots.names)
                      for t, rf in recorded]
            result[key] = sorted((c for c in scored if c is not None), key=lambda c: (-c.score, c.id))[
                :MAX_CANDIDATES]
    return result


def _key(proposal: Proposal):
    return proposal.pk if proposal.pk is not None else id(proposal)
