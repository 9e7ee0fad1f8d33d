"""FilterSets of ingestion's lists (review queue, articles), shared by the pages and the API."""

from __future__ import annotations

import django_filters as filters

from compliance.filters import IdFilter, _search
from ingestion.choices import ExtractionState, ProposalKind, ProposalState
from ingestion.models import Article, Proposal

# What the queue shows unless asked otherwise: the findings that carry weight. Entity links
# are many (every mention of a known name) and are reviewed on request.
QUEUE_DEFAULT_KINDS = [ProposalKind.STATEMENT, ProposalKind.TRANSFER, ProposalKind.NEW_ACTOR,
                       ProposalKind.NEW_PLACE, ProposalKind.NEW_VESSEL]


class ProposalFilterSet(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="search", help_text="Words in the summary or sentence.")
    kind = filters.MultipleChoiceFilter(choices=ProposalKind.choices)
    state = filters.ChoiceFilter(choices=ProposalState.choices, empty_label="Any state")
    # Numbers, not drop-downs: a record holds thousands of articles and allegations.
    article = IdFilter(label="Article number")
    suggested_allegation = IdFilter(label="Bears on allegation number")
    ordering = filters.OrderingFilter(
        fields=(("created_at", "created"), ("article", "article"), ("kind", "kind")),
    )

    class Meta:
        model = Proposal
        fields = ["q", "kind", "state", "article", "suggested_allegation"]

    def __init__(self, data=None, *args, **kwargs):
        # The queue opens on pending statements, transfers and new names; once the form was
        # submitted (even with "any state"), the person's choice holds.
        if data is not None and not any(k in data for k in ("kind", "state")):
            data = data.copy()
            data.setlist("kind", [k.value for k in QUEUE_DEFAULT_KINDS])
            data["state"] = ProposalState.PENDING
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        return _search(queryset, ["summary", "excerpt"], value)


class ArticleFilterSet(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="search", help_text="Words in the title or URL.")
    extraction_state = filters.ChoiceFilter(choices=ExtractionState.choices, label="Extraction")
    near_duplicate = filters.BooleanFilter(
        field_name="near_duplicate_of", lookup_expr="isnull", exclude=True, label="Near duplicate"
    )
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_on", lookup_expr="lte")
    ordering = filters.OrderingFilter(
        fields=(("created_at", "ingested"), ("published_on", "published"), ("title", "title")),
    )

    class Meta:
        model = Article
        fields = ["q", "extraction_state", "near_duplicate", "published_after", "published_before"]

    def search(self, queryset, name, value):
        return _search(queryset, ["title", "url"], value)
