"""Reads of ingestion shared by the dashboard, the queue and the API."""

from __future__ import annotations

from django.db.models import Count, Q

from ingestion.choices import ProposalKind, ProposalState, SubmissionState
from ingestion.models import Article, Proposal, Submission


def ingestion_overview(*, recent: int = 8) -> dict:
    """What waits for review, what came in lately, and what failed. Fixed query count."""
    pending = dict(
        Proposal.objects.filter(state=ProposalState.PENDING).order_by()
        .values_list("kind").annotate(n=Count("pk"))
    )
    return {
        "pending_by_kind": [(kind, pending.get(kind.value, 0)) for kind in ProposalKind],
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
        "recent_decisions": list(
            Proposal.objects.exclude(state__in=[ProposalState.PENDING, ProposalState.SUPERSEDED])
            .filter(decided_at__isnull=False)
            .select_related("decided_by", "article").order_by("-decided_at", "-id")[:recent]
        ),
    }

