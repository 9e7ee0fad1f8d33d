"""The Django admin of the record. Every write goes through compliance.services; the
history models are read-only; an allegation's status changes on its status page."""

from . import allegations, history, record, reference  # noqa: F401  (registers the admins)
