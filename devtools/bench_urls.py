"""The URLconf of ``manage.py bench_exports`` only: the project's URLs plus a bare Django view
of the statements, so that the load test can set the API list (DRF: authentication, throttling,
FilterSet, serializer, cursor page) beside the same rows served by a plain view.

gunicorn loads it when the benchmark starts it with ``ROOT_URLCONF=devtools.bench_urls``.
``config.urls`` never names this module, so the bare view, which asks for no login, cannot be
reached in a normal deployment."""

from __future__ import annotations

from collections import defaultdict

from django.http import JsonResponse
from django.urls import include, path

from compliance.api.base import IdCursorPagination
from compliance.models import Statement, StatementSource

# The serializer's own fields of a statement, read as plain values.
_FIELDS = (
    "id", "speaker_id", "speaker_title", "stated_on", "stated_on_precision", "venue", "stance", "reporting_verb",
    "estimative_phrase", "estimative_term_id", "quote", "gist", "ref", "version", "created_at", "updated_at",
    "withdrawn_at", "withdrawn_by", "withdrawal_reason",
)
_BAND = ("estimative_term__term", "estimative_term__scale", "estimative_term__low_percent",
         "estimative_term__high_percent")
_SOURCE = ("statement_id", "document_id", "document__title", "document__url", "document__published_on",
           "document__reliability", "document__credibility", "excerpt")


def _page_size(request) -> int:
    pagination = IdCursorPagination
    try:
        wanted = int(request.GET.get(pagination.page_size_query_param, pagination.page_size))
    except ValueError:
        return pagination.page_size
    return min(max(wanted, 1), pagination.max_page_size)


def bench_statement_list(request):
    """The first page of /api/v1/statements/ (same size, same order: newest id first; the same
    fields and nested lists) built from ``.values()`` in three queries, without DRF."""
    rows = list(Statement.objects.order_by("-id").values(*_FIELDS, *_BAND)[:_page_size(request)])
    ids = [row["id"] for row in rows]
    originators: dict[int, list[tuple[int, str]]] = defaultdict(list)
    links = (Statement.on_behalf_of.through.objects.filter(statement_id__in=ids)
             .order_by("actor__name", "actor_id").values_list("statement_id", "actor_id", "actor__name"))
    for statement_id, actor_id, name in links:
        originators[statement_id].append((actor_id, name))
    sources: dict[int, list[dict]] = defaultdict(list)
    for source in StatementSource.objects.filter(statement_id__in=ids).order_by("pk").values(*_SOURCE):
        sources[source["statement_id"]].append({
            "document": source["document_id"], "title": source["document__title"],
            "url": source["document__url"], "published_on": source["document__published_on"],
            "grade": f"{source['document__reliability']}{source['document__credibility']}",
            "excerpt": source["excerpt"],
        })
    results = []
    for row in rows:
        band = {key.removeprefix("estimative_term__"): row.pop(key) for key in _BAND}
        row["speaker"] = row.pop("speaker_id")
        row["estimative_term"] = row.pop("estimative_term_id")
        row["estimative_band"] = band if row["estimative_term"] is not None else None
        row["on_behalf_of"] = [actor_id for actor_id, _ in originators[row["id"]]]
        row["on_behalf_of_names"] = [name for _, name in originators[row["id"]]]
        row["sources"] = sources[row["id"]]
        row["withdrawn"] = row["withdrawn_at"] is not None
        results.append(row)
    return JsonResponse({"results": results})


urlpatterns = [
    path("bench/statements/", bench_statement_list, name="bench-statement-list"),
    path("", include("config.urls")),
]
