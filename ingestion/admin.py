"""Admin pages of ingestion: submit (upload, URL, pasted text), follow submissions and
articles, re-run extraction, decide proposals. Every write goes through the services."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from compliance.admin.base import ServiceModelAdmin
from compliance.errors import DomainError
from ingestion.choices import ProposalState, SubmissionOrigin
from ingestion.fetchers import FetchError
from ingestion.fetchers.files import check_size, read_upload
from ingestion.models import Article, ArticleEntity, ArticleRevision, Feed, Proposal, Submission
from ingestion.services.proposals import proposal_accept, proposal_reject, proposal_undo
from ingestion.services.submissions import submission_retry, submission_submit, url_check
from ingestion.suggestions import proposal_suggestions


def _link(obj, label=None):
    if obj is None:
        return "—"
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label or str(obj))


def _report(request, done: int, failures: list[str], verb: str) -> None:
    if done:
        messages.success(request, f"{verb}: {done}.")
    for failure in failures[:20]:
        messages.error(request, failure)


# ----------------------------------------------------------------- feeds
@admin.register(Feed)
class FeedAdmin(ServiceModelAdmin):
    list_display = ["__str__", "url", "active", "last_polled_at", "short_error", "entries_seen"]
    list_filter = ["active"]
    search_fields = ["title", "url"]
    fields = ["url", "title", "active", "last_polled_at", "last_error", "entries_seen"]
    readonly_fields = ["last_polled_at", "last_error", "entries_seen"]
    actions = ["poll_now"]

    @admin.display(description="Last error")
    def short_error(self, obj):
        return obj.last_error[:80] or "—"

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request, queryset):
        from ingestion.tasks import poll_feed_task

        ids = list(queryset.values_list("id", flat=True))
        for feed_id in ids:
            transaction.on_commit(lambda feed_id=feed_id: poll_feed_task.delay(feed_id))
        messages.success(request, f"Polling {len(ids)} feed(s); new entries appear under Submissions.")


# ----------------------------------------------------------------- submissions
class SubmitForm(forms.ModelForm):
    """One document: an uploaded file, a URL, or pasted text."""

    upload = forms.FileField(required=False, help_text=".txt, .html, .md or .pdf, up to the size cap.")
    url = forms.CharField(label="URL", required=False, max_length=1000,
                          help_text="An http or https address; it is fetched by the workers.")
    pasted_title = forms.CharField(label="Title of the pasted text", required=False, max_length=500)
    pasted_text = forms.CharField(label="Pasted text", required=False, widget=forms.Textarea(attrs={"rows": 12}))

    class Meta:
        model = Submission
        fields: list[str] = []

    def clean(self):
        data = super().clean()
        given = [name for name in ("upload", "url", "pasted_text") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError("Give exactly one of: a file to upload, a URL, or pasted text.")
        from django.conf import settings

        if data.get("upload"):
            upload = data["upload"]
            try:
                # The size first, so an upload over the cap is never read into memory.
                check_size(upload.size, name=upload.name, max_bytes=settings.INGESTION_MAX_BYTES)
                self.fetched = read_upload(upload.name, upload.read(), max_bytes=settings.INGESTION_MAX_BYTES)
            except FetchError as exc:
                raise forms.ValidationError(exc.message) from exc
        elif data.get("url"):
            try:
                data["url"] = url_check(data["url"])
            except DomainError as exc:
                raise forms.ValidationError(exc.message) from exc
        else:
            title = data.get("pasted_title", "").strip()
            text = data["pasted_text"].strip()
            body = f"{title}\n\n{text}" if title else text
            self.fetched = read_upload("pasted.txt", body.encode("utf-8"), max_bytes=settings.INGESTION_MAX_BYTES)
        return data


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["id", "origin", "short_locator", "state", "outcome", "article_link", "short_error",
                    "short_note", "created_at"]
    list_filter = ["state", "origin", "outcome"]
    search_fields = ["locator", "error"]
    list_select_related = ["article"]
    actions = ["retry"]
    readonly_fields = ["origin", "locator", "content_type", "feed", "feed_entry", "state", "outcome", "error",
                       "note", "broker_error", "attempts", "article_link", "revision", "submitted_by",
                       "submitted_via", "idempotency_key", "created_at", "queued_at", "requeue_at", "finished_at"]

    @admin.display(description="Source")
    def short_locator(self, obj):
        return obj.locator if len(obj.locator) <= 70 else "…" + obj.locator[-69:]

    @admin.display(description="Article")
    def article_link(self, obj):
        return _link(obj.article) if obj.article_id else "—"

    @admin.display(description="Error")
    def short_error(self, obj):
        return obj.error[:100] or "—"

    @admin.display(description="Note")
    def short_note(self, obj):
        return obj.note[:100] or "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SubmitForm
            kwargs["fields"] = ["upload", "url", "pasted_title", "pasted_text"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["upload", "url", "pasted_title", "pasted_text"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # Submissions are not edited; the change permission lets analysts retry them.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if data.get("url"):
            submitted = submission_submit(origin=SubmissionOrigin.URL, locator=data["url"], by=request.user)
        else:
            origin = SubmissionOrigin.UPLOAD if data.get("upload") else SubmissionOrigin.PASTE
            locator = data["upload"].name if data.get("upload") else (data.get("pasted_title") or "Pasted text")
            submitted = submission_submit(origin=origin, locator=locator, by=request.user,
                                          content=form.fetched.content, content_type=form.fetched.content_type)
        if not submitted.created:
            messages.info(request, f"The same document is already submitted and unfinished: "
                                   f"submission #{submitted.submission.pk}.")
        obj.__dict__.update(submitted.submission.__dict__)

    def save_related(self, request, form, formsets, change):
        pass

    @admin.action(description="Retry the selected failed submissions", permissions=["change"])
    def retry(self, request, queryset):
        done, failures = 0, []
        for submission in queryset:
            try:
                submission_retry(submission=submission, by=request.user)
                done += 1
            except DomainError as exc:
                failures.append(f"#{submission.pk} {submission.locator}: {exc.message}")
        _report(request, done, failures, "Queued again")


# ----------------------------------------------------------------- articles
class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    fields = ["number", "title", "content_hash", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class ArticleEntityInline(admin.TabularInline):
    """The known names found in the article, as extraction linked them: read only (they are
    made again by the next extraction; a wrong link is put right in the reference data)."""

    model = ArticleEntity
    fields = ["revision_number", "text", "category", "target_link", "start", "end", "method", "extractor_version"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "Named in this article (known names, linked without review)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("revision", "actor", "place", "vessel", "resolution")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Revision")
    def revision_number(self, obj):
        return obj.revision.number

    @admin.display(description="Links to")
    def target_link(self, obj):
        return _link(obj.target)


@admin.register(ArticleEntity)
class ArticleEntityAdmin(admin.ModelAdmin):
    """Every known name found in the articles: which articles name an actor, a place, a vessel."""

    list_display = ["text", "category", "target_link", "article_link", "start", "extractor_version"]
    list_filter = ["category", "method", "extractor_version"]
    search_fields = ["text", "actor__name", "place__name", "vessel__name"]
    list_select_related = ["article", "actor", "place", "vessel", "resolution"]
    fields = ["article_link", "revision", "text", "category", "target_link", "start", "end", "method",
              "extractor_version", "created_at"]
    readonly_fields = fields

    @admin.display(description="Links to")
    def target_link(self, obj):
        return _link(obj.target)

    @admin.display(description="Article")
    def article_link(self, obj):
        return _link(obj.article)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["compliance/admin.css"]}  # no inline styles: the CSP forbids them

    list_display = ["__str__", "published_on", "extraction_state", "near_duplicate_link", "pending_count",
                    "source_document", "created_at"]
    list_filter = ["extraction_state", "language", ("cluster", admin.EmptyFieldListFilter), "extractor_version"]
    search_fields = ["title", "url"]
    list_select_related = ["near_duplicate_of", "source_document"]
    inlines = [RevisionInline, ArticleEntityInline]
    actions = ["reextract"]
    fields = ["title", "url", "published_on", "published_on_inferred", "language", "source_document",
              "extraction_state", "extraction_error", "extractor_version", "extracted_at",
              "near_duplicate_link", "similarity", "cluster_members", "proposal_list", "current_text",
              "removed"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            pending=Count("proposals", filter=Q(proposals__state=ProposalState.PENDING))
        )

    @admin.display(description="Pending proposals", ordering="pending")
    def pending_count(self, obj):
        return obj.pending

    @admin.display(description="Near duplicate of")
    def near_duplicate_link(self, obj):
        if not obj.near_duplicate_of_id:
            return "—"
        return format_html("{} (similarity {})", _link(obj.near_duplicate_of), f"{obj.similarity:.2f}")

    @admin.display(description="Cluster")
    def cluster_members(self, obj):
        if not obj.cluster_id:
            return "—"
        others = obj.cluster.articles.exclude(pk=obj.pk)
        return format_html_join(", ", "{}", ((_link(a),) for a in others)) or "—"

    @admin.display(description="Proposals")
    def proposal_list(self, obj):
        rows = obj.proposals.order_by("start")
        return format_html_join(
            "", "<div>{} <small>({})</small></div>",
            ((_link(p, p.summary[:140]), p.get_state_display()) for p in rows),
        ) or "—"

    @admin.display(description="Text (current revision)")
    def current_text(self, obj):
        text = obj.current_revision.text if obj.current_revision_id else ""
        return format_html('<div class="ingestion-text">{}</div>', text)

    @admin.display(description="Boilerplate removed")
    def removed(self, obj):
        lines = obj.current_revision.removed_lines if obj.current_revision_id else []
        return format_html_join("", "<div><s>{}</s></div>", ((line,) for line in lines)) or "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing on the page is editable; the change permission lets analysts re-run extraction.
        return obj is None and super().has_change_permission(request, obj)

    @admin.action(description="Re-run extraction on the selected articles", permissions=["change"])
    def reextract(self, request, queryset):
        from ingestion.tasks import extract_article_task

        ids = list(queryset.filter(current_revision__isnull=False).values_list("id", flat=True))
        for article_id in ids:
            transaction.on_commit(lambda article_id=article_id: extract_article_task.delay(article_id, force=True))
        messages.success(
            request, f"Extraction queued for {len(ids)} article(s). Decided proposals are kept as decided."
        )


# ----------------------------------------------------------------- proposals
class UndoForm(forms.Form):
    reason = forms.CharField(label="Why are these merges undone?", widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(forms.Form):
    note = forms.CharField(label="Why are these proposals rejected?", widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["compliance/admin.css"]}  # no inline styles: the CSP forbids them

    list_display = ["summary", "kind", "state", "article_link", "suggested_allegation", "matching_statement",
                    "decided_as", "created_at"]
    list_filter = ["state", "kind", "extractor_version"]
    search_fields = ["summary", "excerpt"]
    list_select_related = ["article", "suggested_allegation", "matching_statement__speaker"]
    actions = ["accept", "reject", "undo"]
    fields = ["kind", "state", "summary", "article_link", "excerpt_in_context", "details",
              "suggested_allegation", "matching_statement", "matching_transfer", "suggestion", "extractor_version",
              "decided_by", "decided_at", "decision_note", "decided_as", "earlier", "statement", "transfer", "actor",
              "place"]
    readonly_fields = fields

    @admin.display(description="Article")
    def article_link(self, obj):
        return _link(obj.article)

    @admin.display(description="Sentence")
    def excerpt_in_context(self, obj):
        text = obj.revision.text
        lo = max(0, obj.start - 300)
        hi = min(len(text), obj.end + 300)
        return format_html(
            '<div class="ingestion-excerpt">…{}<mark>{}</mark>{}…</div>',
            text[lo:obj.start], text[obj.start:obj.end], text[obj.end:hi],
        )

    @admin.display(description="Accepted as")
    def decided_as(self, obj):
        return (obj.decision or {}).get("effect") or "—"

    @admin.display(description="Accepting as suggested")
    def suggestion(self, obj):
        if obj.state != ProposalState.PENDING:
            return "—"
        suggestion = proposal_suggestions(proposals=[obj])[obj.pk]
        return format_html(
            "<p><strong>{}</strong> {}</p><ul>{}</ul>", suggestion.effect, suggestion.problem,
            format_html_join("", "<li>{} ({}{}): {}</li>", (
                (c.label, c.score, ", strong" if c.strong else "", "; ".join(c.reasons))
                for c in suggestion.candidates)),
        )

    @admin.display(description="Extracted")
    def details(self, obj):
        return format_html("<pre class='ingestion-text'>{}</pre>",
                           json.dumps(obj.payload, indent=2, ensure_ascii=False))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Decided through the actions, which call the services.
        return obj is None and super().has_change_permission(request, obj)

    @admin.action(description="Accept the selected proposals as suggested", permissions=["change"])
    def accept(self, request, queryset):
        """The queue's suggestion for each: "same as #N" where the record has it already."""
        done, failures = 0, []
        for proposal in queryset.filter(state=ProposalState.PENDING).select_related("article"):
            try:
                with transaction.atomic():
                    proposal_accept(proposal=proposal, by=request.user)
                done += 1
            except DomainError as exc:
                failures.append(f"“{proposal.summary[:80]}”: {exc.message}")
        _report(request, done, failures, "Accepted")

    def _decide_each_with_reason(self, request, queryset, *, action: str, form_class, field: str, decide,
                                 verb: str, done_word: str, title: str, explanation: str):
        """An action that asks one reason for all the selected proposals, then decides each
        in its own transaction, reporting those refused with why."""
        form = form_class(request.POST if field in request.POST else None)
        if form.is_bound and form.is_valid():
            done, failures = 0, []
            for proposal in queryset:
                try:
                    with transaction.atomic():
                        decide(proposal, form.cleaned_data[field])
                    done += 1
                except DomainError as exc:
                    failures.append(f"“{proposal.summary[:80]}”: {exc.message}")
            _report(request, done, failures, done_word)
            return None
        return TemplateResponse(request, "admin/ingestion/proposal/decide_with_reason.html", {
            **self.admin_site.each_context(request),
            "title": title,
            "action": action,
            "verb": verb,
            "explanation": explanation,
            "form": form,
            "proposals": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    @admin.action(description="Undo the selected merges (reviewers)…", permissions=["change"])
    def undo(self, request, queryset):
        return self._decide_each_with_reason(
            request, queryset, action="undo", form_class=UndoForm, field="reason", verb="Undo", done_word="Undone",
            decide=lambda proposal, reason: proposal_undo(proposal=proposal, by=request.user, reason=reason),
            title="Undo merges",
            explanation="Undoing a merge takes back the source, links and details it added (audited, with your "
                        "reason) and puts the proposal back in the queue. Only reviewers may undo merges.")

    @admin.action(description="Reject the selected proposals…", permissions=["change"])
    def reject(self, request, queryset):
        return self._decide_each_with_reason(
            request, queryset, action="reject", form_class=RejectForm, field="note", verb="Reject",
            done_word="Rejected",
            decide=lambda proposal, note: proposal_reject(proposal=proposal, by=request.user, note=note),
            title="Reject proposals",
            explanation="Rejected proposals are kept, marked as rejected with your reason, so extraction never "
                        "proposes them again.")

