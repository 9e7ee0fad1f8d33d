"""Small helpers of the staff pages' templates."""

from django import template

from compliance.choices import EvidentiaryStatus

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    return EvidentiaryStatus.short_label(value) if value in EvidentiaryStatus.values else (value or "—")


@register.simple_tag
def page_query(querystring: str, **params) -> str:
    """The current filters with some parameters replaced (e.g. the page)."""
    from django.http import QueryDict

    query = QueryDict(querystring, mutable=True)
    for key, value in params.items():
        query[key] = value
    return query.urlencode()
