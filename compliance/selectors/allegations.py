"""Reads about allegations shared by the admin, the pages, the API and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, QuerySet

from compliance.choices import (
    Bearing,
    EvidentiaryStatus,
    InformationCredibility,
    SourceReliability,
    Stance,
)
from compliance.models import Allegation, AllegationEvidence, AllegationStatement, StatementSource
from compliance.stances import stance_rule

from .actors import actor_roots

_STRONG_RELIABILITY = {SourceReliability.A, SourceReliability.B}
_STRONG_CREDIBILITY = {InformationCredibility.CONFIRMED, InformationCredibility.PROBABLY_TRUE}


@dataclass
class SuggestedStatus:
    """What the record suggests, with the reasons; staff decide, this never changes status."""

    status: EvidentiaryStatus
    reasons: list[str] = field(default_factory=list)
    supporting_originators: list[str] = field(default_factory=list)
    contradicting_originators: list[str] = field(default_factory=list)
    interested_denials: list[str] = field(default_factory=list)
    declined_to_comment: list[str] = field(default_factory=list)
    best_grade: str | None = None
    supporting_evidence: int = 0
    independent_evidence: int = 0
    contradicting_evidence: int = 0

    def __str__(self) -> str:
        return f"{self.status.label}: " + "; ".join(self.reasons)


def _grade_rank(reliability: str, credibility: str) -> tuple[int, int]:
    return (SourceReliability.values.index(reliability), InformationCredibility.values.index(credibility))


def allegation_suggested_status(
    *,
    allegation: Allegation,
    links: list[AllegationStatement] | None = None,
    transfers: list | None = None,
    evidence_links: list[AllegationEvidence] | None = None,
) -> SuggestedStatus:
    """Suggest a status from the record: independent originators for and against, the
    best grade of their sources, and the evidence items. A caller that has already read
    the allegation's statement links (with ``statement__on_behalf_of``,
    ``statement__estimative_term`` and ``statement__source_links__document``), transfers
    and evidence links passes them, and nothing is read twice."""
    if links is None:
        links = list(
            AllegationStatement.objects.filter(allegation=allegation)
            .select_related("statement__estimative_term")
            .prefetch_related("statement__on_behalf_of", Prefetch(
                "statement__source_links", queryset=StatementSource.objects.select_related("document")))
        )
    if transfers is None:
        transfers = list(allegation.transfers.all())
    if evidence_links is None:
        evidence = list(
            AllegationEvidence.objects.filter(allegation=allegation)
            .exclude(bearing=Bearing.CONTEXT)
            .values_list("bearing", "evidence__provider_id")
        )
    else:
        evidence = [(link.bearing, link.evidence.provider_id) for link in evidence_links
                    if link.bearing != Bearing.CONTEXT]
    party_ids = {t.supplier_id for t in transfers} | {t.recipient_id for t in transfers}
    originator_ids = {a.pk for link in links for a in link.statement.on_behalf_of.all()}
    provider_ids = {provider for _, provider in evidence if provider is not None}
    roots = actor_roots(originator_ids | party_ids | provider_ids)
    party_roots = {roots[i].pk for i in party_ids}

    support: dict[int, str] = {}
    contra: dict[int, str] = {}
    interested: dict[int, str] = {}
    declined: dict[int, str] = {}
    best: tuple[int, int] | None = None
    best_grade = None
    weak_assessments = 0
    not_support: dict[str, None] = {}
    withdrawn: list[int] = []
    for link in links:
        statement = link.statement
        if statement.withdrawn_at is not None:
            # Withdrawn: kept in the dossier (marked), never counted.
            withdrawn.append(statement.pk)
            continue
        statement_roots = {roots[a.pk] for a in statement.on_behalf_of.all()}
        if statement.stance == Stance.DECLINES_TO_COMMENT:
            declined.update({r.pk: r.name for r in statement_roots})
        # What the stance allows the link's bearing to count as: compliance/stances.py.
        rule = stance_rule(statement.stance)
        term = statement.estimative_term
        counted = rule.counted_bearing(link.bearing, term.low_percent if term else None)
        if link.bearing == Bearing.SUPPORTS and counted != Bearing.SUPPORTS:
            if Bearing.SUPPORTS in rule.can_count_as:
                weak_assessments += 1
            else:
                not_support[rule.label.lower()] = None
            continue
        if counted == Bearing.SUPPORTS:
            support.update({r.pk: r.name for r in statement_roots})
            for doc in (source.document for source in statement.source_links.all()):
                rank = _grade_rank(doc.reliability, doc.credibility)
                if best is None or rank < best:
                    best, best_grade = rank, doc.grade
        elif counted == Bearing.CONTRADICTS:
            for r in statement_roots:
                (interested if r.pk in party_roots else contra)[r.pk] = r.name

    supporting_evidence = sum(1 for bearing, _ in evidence if bearing == Bearing.SUPPORTS)
    contradicting_evidence = len(evidence) - supporting_evidence
    # Material released by an originator of the claim illustrates it; it does not
    # corroborate it independently (e.g. images the accusing government published).
    own_providers = [
        roots[provider].name
        for bearing, provider in evidence
        if bearing == Bearing.SUPPORTS and provider is not None and roots[provider].pk in support
    ]
    own_evidence = sorted(set(own_providers))
    own_evidence_count = len(own_providers)
    independent_evidence = supporting_evidence - own_evidence_count

    result = SuggestedStatus(
        status=EvidentiaryStatus.REPORTED,
        supporting_originators=sorted(support.values()),
        contradicting_originators=sorted(contra.values()),
        interested_denials=sorted(interested.values()),
        declined_to_comment=sorted(declined.values()),
        best_grade=best_grade,
        supporting_evidence=supporting_evidence,
        independent_evidence=independent_evidence,
        contradicting_evidence=contradicting_evidence,
    )
    reasons = result.reasons
    n_for, n_against = len(support), len(contra)
    reasons.append(
        f"{n_for} independent originator{'s' if n_for != 1 else ''} assert the claim"
        + (f" ({', '.join(result.supporting_originators)})" if n_for else "")
    )
    reasons.append(
        f"{n_against} independent originator{'s' if n_against != 1 else ''} contradict it"
        + (f" ({', '.join(result.contradicting_originators)})" if n_against else "")
    )
    if interested:
        reasons.append(
            "denied by a party to the alleged transfer ("
            + ", ".join(result.interested_denials)
            + "): noted, but an interested denial does not dispute a claim by itself"
        )
    if declined:
        reasons.append(f"declined to comment: {', '.join(sorted(declined.values()))}")
    if weak_assessments:
        reasons.append(f"{weak_assessments} assessment(s) below “likely” not counted as support")
    if not_support:
        reasons.append(f"linked as support but context by its stance, not counted: {', '.join(not_support)}")
    if withdrawn:
        reasons.append(
            f"{len(withdrawn)} withdrawn statement(s) not counted "
            f"({', '.join(f'#{pk}' for pk in sorted(withdrawn))})"
        )
    reasons.append(f"best source grade {best_grade}" if best_grade else "no graded source supports it")
    reasons.append(
        f"{supporting_evidence} evidence item(s) for, {contradicting_evidence} against"
        + (
            f"; {own_evidence_count} of those for released by an originator of the claim "
            f"({', '.join(own_evidence)}), so not independent"
            if own_evidence_count
            else ""
        )
    )

    strong_source = best is not None and (
        SourceReliability.values[best[0]] in _STRONG_RELIABILITY
        and InformationCredibility.values[best[1]] in _STRONG_CREDIBILITY
    )
    if n_against >= 2 and contradicting_evidence and not n_for:
        result.status = EvidentiaryStatus.REFUTED
    elif n_against and (n_for or contradicting_evidence):
        result.status = EvidentiaryStatus.DISPUTED
    elif n_for >= 2 and independent_evidence and strong_source and not contradicting_evidence:
        result.status = EvidentiaryStatus.CONFIRMED
    elif n_for >= 2:
        result.status = EvidentiaryStatus.CORROBORATED
    else:
        result.status = EvidentiaryStatus.REPORTED
    return result


def allegation_statement_links(*, allegations) -> QuerySet[AllegationStatement]:
    """The statements of the given allegations with what a reader needs beside each: speaker,
    originators, estimative term, the number of documents repeating it. Fixed query count."""
    return (
        AllegationStatement.objects.filter(allegation__in=allegations)
        .select_related("statement__speaker", "statement__estimative_term")
        .prefetch_related("statement__on_behalf_of")
        .annotate(source_count=Count("statement__source_links", distinct=True))
        .order_by("allegation_id", F("statement__stated_on").asc(nulls_last=True), "id")
    )
