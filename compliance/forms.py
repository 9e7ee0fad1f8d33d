"""Forms shared by the staff pages and the admin: they check input; the services decide."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from compliance.choices import EvidentiaryStatus
from compliance.models import (
    Allegation,
    AllegationEvidence,
    AllegationStatement,
    EvidenceItem,
    SourceDocument,
    Statement,
    StatementSource,
)
from compliance.services.workflow import MIN_RATIONALE_LENGTH
from compliance.workflow import transitions_from


class StatusChangeForm(forms.Form):
    """Propose (or, where the reviewer may decide alone, apply) a change of status."""

    to_status = forms.ChoiceField(label="New status", widget=forms.RadioSelect)
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=f"Why the status should change (at least {MIN_RATIONALE_LENGTH} characters). "
        "Kept in the status history.",
    )
    statements = forms.ModelMultipleChoiceField(
        label="Cited statements", queryset=Statement.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents = forms.ModelMultipleChoiceField(
        label="Cited documents", queryset=SourceDocument.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence = forms.ModelMultipleChoiceField(
        label="Cited evidence", queryset=EvidenceItem.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, allegation: Allegation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (
                rule.target.value,
                f"{EvidentiaryStatus.short_label(rule.target)}: "
                + ("four eyes, a second reviewer must approve" if rule.needs_four_eyes
                   else "a reviewer may apply it directly")
                + f" ({rule.meaning})",
            )
            for rule in transitions_from(allegation.status)
        ]
        self.fields["expected_version"].initial = allegation.version
        # Subqueries of ids rather than joins with DISTINCT: they stay fast on a large record.
        statement_ids = AllegationStatement.objects.filter(allegation=allegation).values("statement_id")
        self.fields["statements"].queryset = (
            Statement.objects.filter(pk__in=statement_ids)
            .select_related("speaker").prefetch_related("on_behalf_of").order_by("-stated_on", "id")
        )
        evidence_ids = AllegationEvidence.objects.filter(allegation=allegation).values("evidence_id")
        self.fields["documents"].queryset = SourceDocument.objects.filter(
            Q(pk__in=StatementSource.objects.filter(statement_id__in=statement_ids).values("document_id"))
            | Q(pk__in=EvidenceItem.objects.filter(pk__in=evidence_ids, document__isnull=False)
                .values("document_id"))
        ).order_by("-published_on", "title")
        self.fields["evidence"].queryset = EvidenceItem.objects.filter(pk__in=evidence_ids)


    def citation_fields(self):
        """The citation choices that have something to choose from."""
        return [self[name] for name in ("statements", "documents", "evidence")
                if self.fields[name].queryset.exists()]


class DecisionForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
