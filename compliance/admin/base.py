"""The admin's shared machinery. The admin checks input and calls the audited services
(compliance.services): it never saves, deletes or relates rows itself, so the version
check, the validation and the audit trail hold here as at every other door.

A refusal by a service (DomainError, ValidationError) is shown on the page it came from:
the transaction of the attempt is rolled back and the form is shown again with the
service's message on the form, or on the inline whose rows were refused."""

from __future__ import annotations

import math
from contextlib import contextmanager

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.utils import model_ngettext, unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.forms.models import _get_foreign_key
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy

from compliance.choices import EvidentiaryStatus
from compliance.errors import DomainError
from compliance.models.base import NameListField
from compliance.services.records import (
    is_plain_link,
    record_bump_version,
    record_delete,
    record_reinstate,
    record_save,
    record_set_related,
    record_withdraw,
)

from .audit import AuditTrail

# --------------------------------------------------------------------------- form fields


class NameListFormField(forms.CharField):
    """Edits a JSON list of names as text, one name per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def __init__(self, *, encoder=None, decoder=None, max_length=None, **kwargs):
        kwargs["help_text"] = "One name per line."
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        items = value if isinstance(value, (list, tuple)) else str(value).splitlines()
        names: list[str] = []
        for item in items:
            name = str(item).strip()
            if name and name not in names:
                names.append(name)
        return names

    def has_changed(self, initial, data) -> bool:
        if self.disabled:
            return False
        return self.to_python(initial) != self.to_python(data)


# Links typed without a scheme are taken as https (Django 6's default; 5.2 warns otherwise).
NAME_LIST_OVERRIDES = {
    NameListField: {"form_class": NameListFormField},
    models.URLField: {"assume_scheme": "https"},
}


def status_label(value: str) -> str:
    """The status's name without its gloss: "Confirmed", "Reported"."""
    return EvidentiaryStatus.short_label(value) if value in EvidentiaryStatus.values else (value or "—")


def has_version(model: type[models.Model]) -> bool:
    return any(f.name == "version" for f in model._meta.concrete_fields)


# --------------------------------------------------------------------------- refusals


class ServiceRefused(Exception):
    """A service refused the write. ``target`` is the inline model whose rows were
    refused, or None for the main form."""

    def __init__(self, error: Exception, target: type[models.Model] | None = None):
        super().__init__(str(error))
        self.error = error
        self.target = target

    def messages(self) -> list[str]:
        return error_messages(self.error)

    def apply_to_form(self, form: forms.BaseForm) -> None:
        error = self.error
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                if field in form.fields and field != NON_FIELD_ERRORS:
                    form.add_error(field, errors)
                else:
                    prefix = "" if field == NON_FIELD_ERRORS else f"{_field_label(form, field)}: "
                    form.add_error(None, [prefix + e for e in errors])
        else:
            form.add_error(None, self.messages())


def _field_label(form, name: str) -> str:
    try:
        return str(form._meta.model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - any unknown name is shown as it is
        return name


def error_messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [
                m if field == NON_FIELD_ERRORS else f"{field}: {m}"
                for field, msgs in error.message_dict.items()
                for m in msgs
            ]
        return list(error.messages)
    if isinstance(error, IntegrityError):
        first_line = str(error).splitlines()[0] if str(error) else "integrity error"
        return [
            (
                "The database refused the change because it conflicts with another row or a "
                f"rule of the record ({first_line}). Nothing was saved."
            )
        ]
    return [str(error)]


@contextmanager
def refused_as(target: type[models.Model] | None = None):
    """Turn a service's refusal into ServiceRefused for the page to show."""
    try:
        yield
    except (DomainError, ValidationError, IntegrityError) as exc:
        raise ServiceRefused(exc, target) from exc


# --------------------------------------------------------------------------- forms


class ServiceModelForm(forms.ModelForm):
    """Main admin form: carries the version the editor loaded and an optional reason."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Optional. Kept with the change in the audit trail.",
    )
    service_refusal: ServiceRefused | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if has_version(self._meta.model) and self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if (
            has_version(self._meta.model)
            and self.instance.pk is not None
            and cleaned.get("loaded_version") is None
            and self.is_bound
        ):
            self.add_error(
                None,
                "The form did not say which version of this record you loaded. "
                "Reload the page and apply your change again.",
            )
        if self.service_refusal is not None:
            self.service_refusal.apply_to_form(self)
        return cleaned


class ServiceInlineForm(forms.ModelForm):
    """Inline row form: carries the version of the row as it was loaded."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if has_version(self._meta.model) and self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version


def loaded_version_of(form, obj) -> int | None:
    if form is None or obj.pk is None or not has_version(type(obj)):
        return None
    return form.cleaned_data.get("loaded_version")


class ServiceInlineFormSet(forms.BaseInlineFormSet):
    service_refusal: ServiceRefused | None = None

    def clean(self):
        super().clean()
        if self.service_refusal is not None:
            raise ValidationError(self.service_refusal.messages())


# --------------------------------------------------------------------------- inlines


class ServiceInline:
    """Inline rows are written through the services, one audited row at a time."""

    form = ServiceInlineForm
    formset = ServiceInlineFormSet
    formfield_overrides = NAME_LIST_OVERRIDES
    extra = 0
    # Rows of the inline are part of the parent's audit trail.
    in_parent_audit_trail = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        attrs = {"service_inline": self}
        refusal = getattr(request, "_service_refusal", None)
        if refusal is not None and refusal.target is self.model:
            attrs["service_refusal"] = refusal
        return type(formset.__name__, (formset,), attrs)

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "loaded_version"]
        if has_version(self.model) and self.has_change_permission(request, obj):
            fields.append("loaded_version")
        return fields

    def save_through_services(self, request, parent, formset, reason: str) -> None:
        forms_by_instance = {id(f.instance): f for f in formset.forms}
        with refused_as(self.model):
            instances = formset.save(commit=False)
            for row in formset.deleted_objects:
                record_delete(instance=row, by=request.user, reason=reason)
            for row in instances:
                record_save(
                    instance=row,
                    by=request.user,
                    expected_version=loaded_version_of(forms_by_instance.get(id(row)), row),
                    reason=reason,
                )


class TabularInline(ServiceInline, admin.TabularInline):
    pass


# --------------------------------------------------------------------------- model admin


def delete_reason(request) -> str:
    """The reason typed on the delete confirmation page (kept in the audit trail)."""
    return (request.POST.get("reason") or "").strip()[:1000]


@admin.action(
    permissions=["delete"],
    description=gettext_lazy("Delete selected %(verbose_name_plural)s"),
)
def delete_selected(modeladmin, request, queryset):
    """Django's confirmation page, then one audited ``record_delete`` per row; rows the
    record depends on are refused with the service's message and kept."""
    if not request.POST.get("post"):
        return django_delete_selected(modeladmin, request, queryset)
    deleted = 0
    for obj in queryset:
        try:
            with transaction.atomic():
                modeladmin.log_deletions(request, [obj])
                record_delete(instance=obj, by=request.user, reason=delete_reason(request))
        except (DomainError, ValidationError) as exc:
            for message in error_messages(exc):
                modeladmin.message_user(request, message, messages.ERROR)
        else:
            deleted += 1
    if deleted:
        modeladmin.message_user(
            request,
            f"Deleted {deleted} {model_ngettext(modeladmin.opts, deleted)}.",
            messages.SUCCESS,
        )
    return None


class ServiceModelAdmin(admin.ModelAdmin):
    """Base admin of the record: saves, deletes and relations go through the services;
    the change page shows the object's audit trail."""

    form = ServiceModelForm
    formfield_overrides = NAME_LIST_OVERRIDES
    audit_trail_limit = 10
    change_note_fields = ("change_reason", "loaded_version")

    # ---- layout

    def declared_fieldsets(self, request, obj=None):
        """The fieldsets of the record itself; the change note is added after them."""
        return super().get_fieldsets(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in self.declared_fieldsets(request, obj):
            fields = [f for f in options.get("fields", ()) if f not in self.change_note_fields]
            if fields:
                fieldsets.append((name, {**options, "fields": fields}))
        can_edit = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if can_edit:
            fieldsets.append(("Change note", {"fields": list(self.change_note_fields)}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, "_service_refusal", None)
        if refusal is not None and refusal.target is None:
            form = type(form.__name__, (form,), {"service_refusal": refusal})
        return form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """Links whose explicit table exists only to protect its rows (a statement's
        originators, an allegation's transfers) are edited like automatic ones; Django's
        admin would otherwise leave them out of the form. ``record_set_related`` saves them."""
        if is_plain_link(db_field) and not db_field.remote_field.through._meta.auto_created:
            if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = AutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            if "queryset" not in kwargs:
                queryset = self.get_field_queryset(kwargs.get("using"), db_field, request)
                if queryset is not None:
                    kwargs["queryset"] = queryset
            return db_field.formfield(**kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (
                delete_selected,
                "delete_selected",
                delete_selected.short_description,
            )
        return actions

    # ---- writes

    @staticmethod
    def change_reason(form) -> str:
        return (getattr(form, "cleaned_data", {}) or {}).get("change_reason", "") or ""

    def save_model(self, request, obj, form, change):
        with refused_as():
            record_save(
                instance=obj,
                by=request.user,
                expected_version=loaded_version_of(form, obj) if change else None,
                reason=self.change_reason(form),
            )

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        version = getattr(obj, "version", None)
        self.save_plain_m2m(request, form)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        if change and version is not None and obj.version == version and any(f.has_changed() for f in formsets):
            # Inline rows (links without a version of their own) are part of the row: a change
            # to them moves its version on, so another editor's stale form is refused.
            # save_model checked the loaded version under the row's lock in this transaction.
            record_bump_version(instance=obj, current=version)

    def save_plain_m2m(self, request, form) -> None:
        obj = form.instance
        for field in obj._meta.many_to_many:
            if field.name not in form.cleaned_data or not is_plain_link(field):
                continue
            with refused_as():
                record_set_related(
                    instance=obj,
                    field=field.name,
                    values=form.cleaned_data[field.name],
                    by=request.user,
                    reason=self.change_reason(form),
                )

    def save_formset(self, request, form, formset, change):
        formset.service_inline.save_through_services(
            request, form.instance, formset, self.change_reason(form)
        )

    def delete_model(self, request, obj):
        with refused_as():
            record_delete(instance=obj, by=request.user, reason=delete_reason(request))

    def delete_queryset(self, request, queryset):
        with refused_as():
            for obj in queryset:
                record_delete(instance=obj, by=request.user, reason=delete_reason(request))

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if request.method == "POST" and request.POST.get("post"):
            # Confirmed: the service decides what the record depends on and says so.
            protected = []
        return deleted, model_count, perms_needed, protected

    # ---- views

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.audit_context(request, object_id)}
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refusal:
            # The attempt was rolled back; show the same input again with the refusal.
            request._service_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceRefused as refusal:
            for message in refusal.messages():
                self.message_user(request, message, messages.ERROR)
            try:
                url = reverse(
                    f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
                    args=[object_id],
                )
            except NoReverseMatch:
                url = reverse(
                    f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
                )
            return HttpResponseRedirect(url)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), **self.audit_context(request, object_id, limit=None)}
        return super().history_view(request, object_id, extra_context)

    # ---- audit trail

    def audit_children(self) -> list[tuple[type[models.Model], str]]:
        """Inline models whose rows belong to this object's audit trail, with the
        attname of their foreign key to it."""
        children = []
        for inline in self.inlines:
            if not getattr(inline, "in_parent_audit_trail", False):
                continue
            fk = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            children.append((inline.model, fk.attname))
        return children

    def audit_context(self, request, object_id, limit: int | None = -1) -> dict:
        if object_id is None:
            return {}
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            return {}
        history_url = None
        try:
            history_url = reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history",
                args=[object_id],
            )
        except NoReverseMatch:
            pass
        return {
            "audit_trail": AuditTrail(
                model=self.model,
                pk=pk,
                children=self.audit_children(),
                limit=self.audit_trail_limit if limit == -1 else limit,
                history_url=history_url,
            )
        }


# --------------------------------------------------------------------------- withdrawal


class WithdrawalActionForm(ActionForm):
    reason = forms.CharField(
        required=False, label="Reason", max_length=2000,
        help_text="Required to withdraw or reinstate: kept on the row and in the audit trail.",
    )


def _withdrawal_action(modeladmin, request, queryset, service, done: str):
    reason = (request.POST.get("reason") or "").strip()
    changed = 0
    for obj in queryset:
        try:
            with transaction.atomic():
                service(instance=obj, by=request.user, reason=reason)
        except (DomainError, ValidationError) as exc:
            for message in error_messages(exc):
                modeladmin.message_user(request, f"{obj}: {message}", messages.ERROR)
        else:
            changed += 1
    if changed:
        modeladmin.message_user(
            request, f"{done} {changed} {model_ngettext(modeladmin.opts, changed)}.", messages.SUCCESS
        )


@admin.action(permissions=["change"], description="Withdraw the selected rows (give the reason)")
def withdraw_selected(modeladmin, request, queryset):
    _withdrawal_action(modeladmin, request, queryset, record_withdraw, "Withdrew")


@admin.action(permissions=["change"], description="Reinstate the selected withdrawn rows (give the reason)")
def reinstate_selected(modeladmin, request, queryset):
    _withdrawal_action(modeladmin, request, queryset, record_reinstate, "Reinstated")


class WithdrawnFilter(admin.SimpleListFilter):
    title = "withdrawn"
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", "In force"), ("yes", "Withdrawn")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(withdrawn_at__isnull=self.value() == "no")
        return queryset


WITHDRAWAL = ("Withdrawn", {
                             "fields": ["withdrawn_at", "withdrawn_by", "withdrawal_reason"]})


class WithdrawableAdmin:
    """Actors, statements and documents are withdrawn (retired, with a reason) rather than
    deleted once the record uses them: an action with its reason, the fields shown read-only."""

    action_form = WithdrawalActionForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        for func in (withdraw_selected, reinstate_selected):
            if self._filter_actions_by_permissions(request, [(func, func.__name__, func.short_description)]):
                actions[func.__name__] = (func, func.__name__, func.short_description)
        return actions

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "withdrawn_at", "withdrawn_by", "withdrawal_reason"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return [WITHDRAWAL, *fieldsets] if obj is not None and obj.is_withdrawn else fieldsets

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), WithdrawnFilter]


class HistoryAdmin(admin.ModelAdmin):
    """Rows only the workflow and the services write: read-only for everyone."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def order_key(position: int | None, index: int) -> tuple[float, int]:
    """Rows with an explicit position first, in that order; the rest in page order."""
    return (math.inf if position is None else position, index)
