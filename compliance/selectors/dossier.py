"""The allegation dossier: everything a reviewer weighs, read in a fixed number of queries
whatever the size of the record (the query count is pinned in tests)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from compliance.choices import Bearing, RequestState
from compliance.models import (
    Actor,
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    RouteLeg,
    SourceDocument,
    StatementSource,
    StatusChangeRequest,
    StatusTransition,
    Transfer,
    TransferSource,
)

from compliance.stances import MATRIX_COLUMNS, counted_bearing, stance_rule

from .actors import actor_roots
from .allegations import SuggestedStatus, allegation_suggested_status


@dataclass
class DocumentRef:
    """A source document in the dossier, numbered for the matrix's article chips."""

    number: int
    document: SourceDocument

    @property
    def outlet(self) -> str:
        return self.document.outlet.name if self.document.outlet_id else ""


@dataclass
class MatrixEntry:
    link: AllegationStatement
    documents: list[DocumentRef]

    @property
    def statement(self):
        return self.link.statement

    @property
    def counts_as(self) -> str:
        """What the statement counts as for the allegation: its link's bearing as far as its
        stance allows (compliance/stances.py), as in the suggested status."""
        return counted_bearing(stance=self.statement.stance, bearing=self.link.bearing,
                               term=self.statement.estimative_term)


@dataclass
class MatrixRow:
    """One independent originator (a state or body at the top of its parent chain) and what
    it, or bodies belonging to it, said about the claim."""

    root: Actor
    originators: list[str]
    is_party: bool
    cells: dict[str, list[MatrixEntry]] = field(default_factory=dict)
    documents: list[DocumentRef] = field(default_factory=list)

    def cell_list(self) -> list[list[MatrixEntry]]:
        return [self.cells.get(column.key, []) for column in MATRIX_COLUMNS]


@dataclass
class Dossier:
    allegation: Allegation
    provision_links: list[AllegationProvision]
    transfers: list[Transfer]
    statement_links: list[AllegationStatement]
    evidence_links: list[AllegationEvidence]
    documents: list[DocumentRef]
    matrix: list[MatrixRow]
    history: list[StatusTransition]
    requests: list[StatusChangeRequest]
    suggestion: SuggestedStatus

    def mark_new_since(self, since) -> dict[str, int]:
        """Mark what was added or decided after ``since`` (a person's last visit) and count it."""
        counts = {"statements": 0, "documents": 0, "evidence": 0, "decisions": 0}
        if since is None:
            return counts
        for link in self.statement_links:
            link.is_new = link.statement.created_at > since
            counts["statements"] += link.is_new
        for ref in self.documents:
            ref.is_new = ref.document.created_at > since
            counts["documents"] += ref.is_new
        for link in self.evidence_links:
            link.is_new = link.evidence.created_at > since
            counts["evidence"] += link.is_new
        for transition in self.history:
            transition.is_new = transition.at > since
            counts["decisions"] += transition.is_new
        for request in self.requests:
            request.is_new = request.proposed_at > since or bool(request.decided_at and request.decided_at > since)
            counts["decisions"] += request.is_new and request.state == RequestState.PENDING
        return counts

    @property
    def pending_requests(self) -> list[StatusChangeRequest]:
        return [r for r in self.requests if r.state == RequestState.PENDING]

    @property
    def parties(self) -> list[Actor]:
        seen: dict[int, Actor] = {}
        for transfer in self.transfers:
            seen.setdefault(transfer.supplier_id, transfer.supplier)
            seen.setdefault(transfer.recipient_id, transfer.recipient)
        return list(seen.values())

    @property
    def independent_supporters(self) -> list[MatrixRow]:
        """Originators other than the parties that put the claim forward (statements that
        count as support by their stance and bearing, as in the suggested status)."""
        return [
            row for row in self.matrix
            if not row.is_party and any(
                entry.counts_as == Bearing.SUPPORTS
                for entries in row.cells.values() for entry in entries
            )
        ]


def _history(allegation: Allegation):
    cited = ("cited_statements__speaker", "cited_statements__on_behalf_of", "cited_documents", "cited_evidence")
    history = list(
        StatusTransition.objects.filter(allegation=allegation)
        .select_related("proposed_by", "decided_by").prefetch_related(*cited).order_by("at", "id")
    )
    requests = list(
        StatusChangeRequest.objects.filter(allegation=allegation)
        .select_related("proposed_by", "decided_by").prefetch_related(*cited).order_by("-proposed_at", "-id")
    )
    return history, requests


def allegation_dossier(*, allegation: Allegation) -> Dossier:
    provision_links = list(
        AllegationProvision.objects.filter(allegation=allegation)
        .select_related("provision__resolution").order_by("provision__resolution__number", "provision__paragraph")
    )
    legs = RouteLeg.objects.select_related("from_place", "to_place", "vessel").order_by("sequence")
    transfers = list(
        allegation.transfers.select_related("supplier", "recipient")
        .prefetch_related("items", Prefetch("legs", queryset=legs),
                          Prefetch("source_links", queryset=TransferSource.objects.select_related("document").order_by(
                              "document__published_on", "document_id")))
        .order_by("period_start", "id")
    )
    sources = StatementSource.objects.select_related("document__outlet").order_by(
        "document__published_on", "document_id")
    statement_links = list(
        AllegationStatement.objects.filter(allegation=allegation)
        .select_related("statement__speaker", "statement__estimative_term")
        .prefetch_related("statement__on_behalf_of", Prefetch("statement__source_links", queryset=sources))
        .order_by("statement__stated_on", "id")
    )
    evidence_links = list(
        AllegationEvidence.objects.filter(allegation=allegation)
        .select_related("evidence__provider", "evidence__document__outlet", "evidence__place")
        .order_by("evidence__captured_on", "id")
    )

    # Number the documents once, by date, so each article has one chip across the matrix.
    documents: dict[int, DocumentRef] = {}
    all_docs = {}
    for link in statement_links:
        for source in link.statement.source_links.all():
            all_docs[source.document_id] = source.document
    for item in evidence_links:
        if item.evidence.document_id:
            all_docs[item.evidence.document_id] = item.evidence.document
    ordered = sorted(all_docs.values(), key=lambda d: (d.published_on is None, d.published_on, d.pk))
    for number, document in enumerate(ordered, start=1):
        documents[document.pk] = DocumentRef(number, document)

    matrix = _matrix(statement_links, transfers, documents)
    history, requests = _history(allegation)
    return Dossier(
        allegation=allegation,
        provision_links=provision_links,
        transfers=transfers,
        statement_links=statement_links,
        evidence_links=evidence_links,
        documents=list(documents.values()),
        matrix=matrix,
        history=history,
        requests=requests,
        suggestion=allegation_suggested_status(allegation=allegation, links=statement_links, transfers=transfers,
                                               evidence_links=evidence_links),
    )


def _matrix(statement_links, transfers, documents: dict[int, DocumentRef]) -> list[MatrixRow]:
    originator_ids = {a.pk for link in statement_links for a in link.statement.on_behalf_of.all()}
    party_ids = {t.supplier_id for t in transfers} | {t.recipient_id for t in transfers}
    roots = actor_roots(originator_ids | party_ids)
    party_roots = {roots[i].pk for i in party_ids}
    rows: dict[int, MatrixRow] = {}
    names: dict[int, dict[str, None]] = defaultdict(dict)
    for link in statement_links:
        statement = link.statement
        originators = list(statement.on_behalf_of.all())
        # Read once here; the page shows the names in four places.
        statement.originator_names = ", ".join(a.name for a in originators) or "Unnamed"
        refs = [documents[s.document_id] for s in statement.source_links.all()]
        link.document_refs = refs
        column = stance_rule(statement.stance).matrix_column
        statement_roots = {}
        for actor in originators:
            root = roots[actor.pk]
            statement_roots[root.pk] = root
            names[root.pk][actor.name] = None
        for root in statement_roots.values():
            row = rows.get(root.pk)
            if row is None:
                row = rows[root.pk] = MatrixRow(root=root, originators=[], is_party=root.pk in party_roots)
            row.cells.setdefault(column, []).append(MatrixEntry(link=link, documents=refs))
            for ref in refs:
                if ref not in row.documents:
                    row.documents.append(ref)
    rank = {Bearing.SUPPORTS: 0, Bearing.CONTRADICTS: 1, Bearing.CONTEXT: 2}
    for pk, row in rows.items():
        for entries in row.cells.values():
            entries.sort(key=lambda e: (rank.get(e.link.bearing, 3), e.statement.stated_on is None,
                                        e.statement.stated_on))
        row.originators = list(names[pk])
        row.documents.sort(key=lambda ref: ref.number)
    # Independent originators first (most articles first), then the parties to the transfer.
    return sorted(rows.values(), key=lambda r: (r.is_party, -len(r.documents), r.root.name))


