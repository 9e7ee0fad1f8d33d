"""What every endpoint shares: roles, errors, pagination, filters and optimistic concurrency."""

from __future__ import annotations

import django_filters.rest_framework as df_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import exceptions, filters, permissions, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from compliance.choices import Role
from compliance.errors import (
    ConcurrentEdit,
    DomainError,
    FourEyesRequired,
    RecordProtected,
    RoleRequired,
)
from compliance.roles import has_role

# --------------------------------------------------------------------------- roles


class RolePermission(permissions.BasePermission):
    """Reads need the viewer role, writes the analyst role; a view or action may ask for more
    with ``required_role`` (e.g. reviewers decide). The services check again."""

    message = "Your role does not allow this."

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            # DRF checks permissions before throttles, so an anonymous caller would be refused
            # (401) without ever being counted: count it here, and answer 429 past the rate.
            view.check_throttles(request)
            return False
        needed = getattr(view, "required_role", None)
        if needed is None:
            needed = Role.VIEWER if request.method in permissions.SAFE_METHODS else Role.ANALYST
        if not has_role(request.user, needed):
            self.message = f"This needs the {needed.label.lower()} role."
            return False
        return True


# --------------------------------------------------------------------------- errors


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The row changed since you read it."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = ("Send the version you read: an If-Match header with the ETag, or a `version` field. "
                      "Without it a stale update could overwrite someone else's change.")
    default_code = "precondition_required"


def exception_handler(exc, context):
    """Domain refusals become clear HTTP answers: 403 for roles and four eyes, 412 for a
    stale version, 409 for protected records, 400 for any other rule."""
    # Imported here: this module is named in settings and loaded while rest_framework.views is.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, (RoleRequired, FourEyesRequired)):
        exc = exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, ConcurrentEdit):
        exc = PreconditionFailed(str(exc))
    elif isinstance(exc, RecordProtected):
        response = Response({"detail": str(exc), "uses": [u.as_dict() for u in exc.uses]},
                            status=status.HTTP_409_CONFLICT)
        return response
    elif isinstance(exc, DomainError):
        exc = exceptions.ValidationError({"detail": str(exc)})
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    return drf_exception_handler(exc, context)


# --------------------------------------------------------------------------- lists


class IdCursorPagination(CursorPagination):
    """Cursor pagination: stable pages however many rows are added meanwhile."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"


def api_filterset(filterset_class):
    """The pages' FilterSet without its `ordering` filter: the API orders with DRF's
    OrderingFilter, which the cursor pagination understands."""
    base = {k: v for k, v in filterset_class.base_filters.items() if k != "ordering"}
    return type(filterset_class.__name__, (filterset_class,), {"base_filters": base})


FILTER_BACKENDS = [df_filters.DjangoFilterBackend, filters.OrderingFilter]


# --------------------------------------------------------------------------- concurrency


def etag_of(instance) -> str:
    return f'"{instance.pk}-{instance.version}"'


def expected_version(request, instance) -> int:
    """The version the client read: from If-Match (the ETag) or the `version` field."""
    header = request.headers.get("If-Match", "").strip()
    if header:
        if header == "*" or "," in header:
            # "*" matches any version: it would let a stale client overwrite a newer change.
            raise PreconditionRequired(
                f"If-Match {header} is not accepted: send the one ETag you read (e.g. If-Match: "
                f"{etag_of(instance)}), so that a change made since is never overwritten."
            )
        try:
            pk, version = header.strip('W/"').split("-")
            if int(pk) != instance.pk:
                raise ValueError
            return int(version)
        except ValueError as exc:
            raise PreconditionFailed(
                f"If-Match {header} is not this row's ETag (it looks like {etag_of(instance)})."
            ) from exc
    if "version" in request.data:
        try:
            return int(request.data["version"])
        except (TypeError, ValueError) as exc:
            raise exceptions.ValidationError({"version": "A whole number."}) from exc
    raise PreconditionRequired()


class ETagMixin:
    """Reads carry an ETag; updates need If-Match (or a version) and are refused with 412
    when the row changed meanwhile, never silently applied."""

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag_of(self.get_object())
        return response

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        self.expected = expected_version(request, instance)
        if self.expected != instance.version:
            raise PreconditionFailed(
                f"“{instance}” was changed by someone else since you read it (version {self.expected}, "
                f"now {instance.version}). Nothing was saved: read it again and reapply your change."
            )
        with transaction.atomic():
            response = super().update(request, *args, **kwargs)
        instance.refresh_from_db(fields=["version"])
        response["ETag"] = etag_of(instance)
        return response
