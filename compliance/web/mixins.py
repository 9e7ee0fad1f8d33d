"""What every staff page shares: login, a role, and lists filtered by the shared FilterSets."""

from __future__ import annotations

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.generic import ListView

from compliance.choices import Role
from compliance.exports.http import table_response
from compliance.exports.csv import csv_response
from compliance.exports.tables import FORMATS
from compliance.roles import has_role, role_of


class RoleRequiredMixin(AccessMixin):
    """Anonymous visitors go to the login page; a user without the role gets 403.
    Writes check the role again in the services (whatever the page shows)."""

    required_role: Role = Role.VIEWER

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, self.required_role):
            held = role_of(request.user)
            raise PermissionDenied(
                f"This page needs the {self.required_role.label.lower()} role "
                f"(your role: {held.label.lower() if held else 'none'})."
            )
        return super().dispatch(request, *args, **kwargs)


class FilteredListView(RoleRequiredMixin, ListView):
    """A list filtered by a shared FilterSet, paginated, with an export of what it shows."""

    filterset_class = None
    paginate_by = 50
    export_url_name: str | None = None
    export_columns = ()
    export_filename = "export.csv"
    export_kind: str | None = None  # a table of compliance.exports.tables: more formats than CSV

    @property
    def export_formats(self) -> list[str]:
        return list(FORMATS) if self.export_kind else ["csv"]

    def get(self, request, *args, **kwargs):
        if self.kwargs.get("export"):
            # The export holds what the list shows: the same FilterSet, every page.
            fmt = self.kwargs.get("fmt", "csv")
            if fmt not in self.export_formats:
                raise Http404(f"No {fmt} export here: {', '.join(self.export_formats)}.")
            if self.export_kind:
                return table_response(self.export_kind, self.get_queryset(), fmt)
            return csv_response(self.get_queryset(), self.export_columns, self.export_filename)
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET or None, queryset=self.base_queryset(),
                                              request=self.request)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.base_queryset().none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter=self.filterset, querystring=query.urlencode(),
                       export_url_name=self.export_url_name, export_formats=self.export_formats)
        return context
