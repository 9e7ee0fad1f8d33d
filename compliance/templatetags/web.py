"""Small helpers of the staff pages' templates."""

from django import template

from compliance.choices import EvidentiaryStatus

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    return EvidentiaryStatus.short_label(value) if value in EvidentiaryStatus.values else (value or "—")
