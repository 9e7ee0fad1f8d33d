"""Export actions of the API: the filtered set of a list, as CSV, XLSX, Parquet or JSON (and
STIX 2.1, FollowTheMoney, GeoJSON). The same FilterSet as the list decides the rows."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action

from compliance.exports.http import json_response, table_response  # noqa: F401 (re-exported)
from compliance.exports.tables import FORMATS

FORMAT_PATTERN = "|".join(FORMATS)


def export_action(kind: str, name: str = "export"):
    """A list-level action `<name>.<format>` of a viewset whose rows are ``kind``; assign it
    to the attribute ``name`` of the viewset."""

    def export(self, request, fmt: str):
        queryset = self.filter_queryset(self.get_queryset())
        return table_response(kind, queryset, fmt)

    export.__name__ = name
    export = action(detail=False, methods=["get"], url_path=rf"{name.replace('_', '-')}\.(?P<fmt>{FORMAT_PATTERN})",
                    pagination_class=None)(export)
    return extend_schema(
        summary=f"Export the filtered {kind.replace('_', ' ')}",
        description="The same filters as the list; every row, streamed. Formats: " + ", ".join(FORMATS) + ".",
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(FORMATS))],
        # No schema for the body: it is a file (CSV, XLSX, Parquet or a JSON array of rows).
        responses={200: OpenApiResponse(description="The export file, streamed.")},
    )(export)
