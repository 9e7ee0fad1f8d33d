"""Who opened which dossier when: what is new to a person on their next visit."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from compliance.models import Allegation, DossierVisit


def dossier_visit_record(*, user, allegation: Allegation) -> dt.datetime | None:
    """Record this visit and return when the person last opened the dossier (None the
    first time)."""
    now = timezone.now()
    visit, created = DossierVisit.objects.get_or_create(user=user, allegation=allegation,
                                                        defaults={"seen_at": now})
    if created:
        return None
    DossierVisit.objects.filter(pk=visit.pk).update(seen_at=now)
    return visit.seen_at
