"""CSV that streams: rows are read in chunks and written as they come, in constant memory."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from .columns import Column

CHUNK_SIZE = 2000


class _Echo:
    def write(self, value: str) -> str:
        return value


def cell_text(value) -> str:
    """A column's typed value as CSV text: dates in ISO 8601, booleans as yes/no, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):  # and datetime
        return value.isoformat()
    return str(value)


def _safe(value) -> str:
    # A cell starting with = + - @ would be run as a formula by spreadsheet programs.
    text = cell_text(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(queryset: QuerySet, columns: Sequence[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([c.header for c in columns])
    rows: Iterable = queryset.iterator(chunk_size=CHUNK_SIZE)
    for row in rows:
        yield writer.writerow([_safe(c.value(row)) for c in columns])


def csv_response(queryset: QuerySet, columns: Sequence[Column], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(queryset, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
