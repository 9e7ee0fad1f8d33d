"""HTTP responses of the exports, shared by the API and the staff lists."""

from __future__ import annotations

import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from .tables import export_kind


def table_response(kind: str, queryset, fmt: str) -> StreamingHttpResponse:
    export = export_kind(kind, queryset, fmt)
    response = StreamingHttpResponse(iter(export), content_type=export.content_type)
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}{export.suffix}"'
    return response


def json_response(data, filename: str, content_type: str = "application/json") -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
