"""The review queue of ingestion's proposals and the article reader."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, Prefetch, Q, When
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import DetailView

from compliance.choices import Role
from compliance.errors import DomainError
from compliance.roles import has_role
from compliance.models import Allegation
from compliance.web.highlight import Span, find_all, highlight
from compliance.web.mixins import FilteredListView, RoleRequiredMixin
from ingestion.choices import ProposalKind, ProposalState
from ingestion.filters import ArticleFilterSet, ProposalFilterSet
from ingestion.models import Article, ArticleRevision, Proposal
from ingestion.decisions import DecisionInvalid
from ingestion.lookups import LOOKUPS, lookup_json, lookup_search
from ingestion.services.proposals import proposal_accept, proposal_reject, proposal_undo
from ingestion.suggestions import proposal_suggestions

from .forms import EDIT_FORMS, LINK_FIELDS, BulkForm, LinkForm

CONTEXT_CHARS = 280
_NAME_KINDS = (ProposalKind.ENTITY, ProposalKind.NEW_ACTOR, ProposalKind.NEW_PLACE, ProposalKind.NEW_VESSEL)


# --------------------------------------------------------------------------- highlighting


def _window(text: str, start: int, end: int, pad: int = CONTEXT_CHARS) -> tuple[int, int]:
    """The proposal's span with about ``pad`` characters around it, cut at sentence ends."""
    left = max(0, start - pad)
    if left:
        cut = max(text.rfind(". ", left, start), text.rfind("\n", left, start))
        left = cut + 1 if cut != -1 else left
    right = min(len(text), end + pad)
    if right < len(text):
        cut = max(text.rfind(". ", end, right), text.rfind("\n", end, right))
        right = cut + 1 if cut != -1 else right
    return left, right


def _mention_spans(proposals) -> list[Span]:
    spans = []
    for other in proposals:
        if other.kind not in _NAME_KINDS:
            continue
        css = "entity" if other.kind == ProposalKind.ENTITY else "new-name"
        category = other.payload.get("category", "")
        for mention in other.payload.get("mentions") or []:
            start, end = mention[0], mention[1]
            spans.append(Span(start, end, css, f"{category}: {other.payload.get('name', '')}"))
    return spans


def proposal_spans(proposal: Proposal, text: str, names: list[Span]) -> list[Span]:
    """What to mark in a proposal's context: its span, then the extracted fields found in it."""
    payload = proposal.payload
    left, right = _window(text, proposal.start, proposal.end)
    window = text[left:right]
    spans = [s for s in names if s.end > left and s.start < right]
    if proposal.kind == ProposalKind.STATEMENT:
        spans.append(Span(payload.get("start", proposal.start), payload.get("end", proposal.end), "quote",
                          f"{payload.get('stance', '')}: the statement"))
        for field, css, title in (("speaker", "speaker", "speaker"), ("on_behalf_of", "originator", "originator"),
                                  ("probability_term", "term", "probability term"), ("cue", "cue", "attribution")):
            spans += find_all(window, payload.get(field) or "", css, title, offset=left)
    elif proposal.kind == ProposalKind.TRANSFER:
        for start, end in payload.get("spans") or [(proposal.start, proposal.end)]:
            spans.append(Span(start, end, "transfer", "transfer details"))
        for field, css in (("supplier", "party"), ("recipient", "party"), ("quantity", "quantity")):
            spans += find_all(window, payload.get(field) or "", css, field, offset=left)
        for item in payload.get("items") or []:
            spans += find_all(window, item, "item", "item", offset=left)
        for place in payload.get("route") or []:
            spans += find_all(window, place, "place", "route", offset=left)
    else:
        spans.append(Span(proposal.start, proposal.end, "focus", proposal.get_kind_display()))
    return spans


def proposal_context(proposal: Proposal, text: str, names: list[Span]):
    left, right = _window(text, proposal.start, proposal.end)
    html = highlight(text[left:right], proposal_spans(proposal, text, names), offset=left)
    return {"html": html, "cut_left": left > 0, "cut_right": right < len(text)}


# --------------------------------------------------------------------------- queue


class ProposalQueueView(FilteredListView):
    model = Proposal
    filterset_class = ProposalFilterSet
    template_name = "web/proposal_queue.html"
    paginate_by = 25

    def get_queryset(self):
        # The queue is filtered even on first visit (pending statements and transfers first).
        self.filterset = self.filterset_class(self.request.GET.copy(), queryset=self.base_queryset(),
                                              request=self.request)
        if not self.filterset.is_valid():
            return self.base_queryset().none()
        return self.filterset.qs

    def base_queryset(self):
        return (
            Proposal.objects.select_related(
                "article", "revision", "suggested_allegation", "matching_statement__speaker", "matching_transfer",
                "decided_by", "earlier",
            )
            .annotate(kind_rank=Case(When(kind=ProposalKind.STATEMENT, then=0),
                                     When(kind=ProposalKind.TRANSFER, then=1), default=2))
            .order_by("-article__created_at", "article_id", "kind_rank", "start", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["object_list"])
        revision_ids = {p.revision_id for p in page}
        names_by_revision: dict[int, list[Span]] = {}
        if revision_ids:
            others = Proposal.objects.filter(revision_id__in=revision_ids, kind__in=_NAME_KINDS).only(
                "id", "revision_id", "kind", "payload")
            grouped: dict[int, list[Proposal]] = {}
            for other in others:
                grouped.setdefault(other.revision_id, []).append(other)
            names_by_revision = {rid: _mention_spans(items) for rid, items in grouped.items()}
        for proposal in page:
            proposal.context = proposal_context(proposal, proposal.revision.text,
                                                names_by_revision.get(proposal.revision_id, []))
        # What accepting each pending finding will do, from the record as it is now.
        pending = [p for p in page if p.state == ProposalState.PENDING]
        suggestions = proposal_suggestions(proposals=pending) if pending else {}
        for proposal in page:
            proposal.suggestion = suggestions.get(proposal.pk)
        context.update(object_list=page, pending_states=[ProposalState.PENDING])
        return context


def _back(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


class ProposalDetailView(RoleRequiredMixin, DetailView):
    """One proposal in full: its context, the form to correct it, accept or reject it."""

    template_name = "web/proposal_detail.html"
    context_object_name = "proposal"
    queryset = Proposal.objects.select_related(
        "article", "revision", "suggested_allegation", "matching_statement__speaker", "matching_transfer", "decided_by",
        "statement", "transfer", "actor", "place", "earlier",
    )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.object
        names = _mention_spans(Proposal.objects.filter(revision_id=proposal.revision_id, kind__in=_NAME_KINDS)
                               .only("id", "kind", "payload"))
        form_class = EDIT_FORMS[proposal.kind]
        suggestion = (proposal_suggestions(proposals=[proposal])[proposal.pk]
                      if proposal.state == ProposalState.PENDING else None)
        if form is None and proposal.state == ProposalState.PENDING:
            form = form_class(initial=form_class.initial_for(proposal, suggestion), proposal=proposal)
        if form is not None and "on_behalf_of" in form.fields:
            found = ", ".join(proposal.payload.get("on_behalf_of_names") or []) or "none matched"
            form.fields["on_behalf_of"].help_text += f" Extraction found: {found}."
        context.update(context_html=proposal_context(proposal, proposal.revision.text, names), form=form,
                       suggestion=suggestion,
                       main_fields=[f for f in form if f.name not in LINK_FIELDS] if form else [],
                       queue_url=reverse("proposal-queue"))
        return context

    def post(self, request, *args, **kwargs):
        """Accept with the corrections in the form (or, asked for one more row of items or
        legs without the script, show the form again with it)."""
        if not has_role(request.user, Role.ANALYST):
            raise PermissionDenied("Deciding proposals needs the analyst role.")
        self.object = proposal = self.get_object()
        form = EDIT_FORMS[proposal.kind](request.POST, proposal=proposal)
        more = request.POST.get("_more")
        if more in form.formsets:
            return self.render_to_response(self.get_context_data(form=form.with_row(more)))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            proposal_accept(proposal=proposal, by=request.user, edits=form.edits(),
                            note=form.cleaned_data.get("note") or "")
        except DecisionInvalid as exc:
            form.add_decision_errors(exc.errors)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        except DomainError as exc:
            form.add_error(None, str(exc))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, f"Accepted: {proposal.summary[:120]}")
        return HttpResponseRedirect(_back(request, reverse("proposal-queue")))


class ProposalLookupView(RoleRequiredMixin, View):
    """The rows of the record matching what a person types in a picker of the decision form
    (places, vessels, actors, allegations), as JSON for the review script. For analysts, who
    decide; reading only."""

    required_role = Role.ANALYST
    http_method_names = ["get", "head"]

    def get(self, request, kind: str):
        if kind not in LOOKUPS:
            raise Http404(f"No picker “{kind}”: {', '.join(LOOKUPS)}.")
        rows = lookup_search(kind, request.GET.get("q", ""))
        return JsonResponse({"results": [lookup_json(kind, row) for row in rows]},
                            headers={"Cache-Control": "private, no-store"})


class ProposalDecideView(RoleRequiredMixin, View):
    """Accept as extracted (linked as chosen) or reject with a reason, from the queue."""

    required_role = Role.ANALYST

    def post(self, request, pk: int):
        proposal = get_object_or_404(Proposal, pk=pk)
        back = _back(request, reverse("proposal-queue"))
        action = request.POST.get("action")
        form = LinkForm(request.POST, proposal=proposal)
        if not form.is_valid():
            messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
            return HttpResponseRedirect(back)
        note = form.cleaned_data.get("note") or ""
        try:
            if action == "accept":
                proposal_accept(proposal=proposal, by=request.user, edits=form.link_edits(), note=note)
                messages.success(request, f"Accepted: {proposal.summary[:120]}")
            elif action == "reject":
                proposal_reject(proposal=proposal, by=request.user, note=note)
                messages.success(request, f"Rejected: {proposal.summary[:120]}")
            else:
                messages.error(request, "Unknown action: nothing was changed.")
        except DomainError as exc:
            messages.error(request, f"Proposal #{proposal.pk}: {exc}")
        return HttpResponseRedirect(back)


class ProposalBulkView(RoleRequiredMixin, View):
    """Accept or reject the selected proposals. Each is decided on its own: one refusal
    leaves the others decided, and the refusals are listed."""

    required_role = Role.ANALYST

    def post(self, request):
        back = _back(request, reverse("proposal-queue"))
        form = BulkForm(request.POST)
        if not form.is_valid():
            messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
            return HttpResponseRedirect(back)
        data = form.cleaned_data
        done, refused = 0, []
        for proposal in Proposal.objects.filter(pk__in=data["ids"]).select_related("suggested_allegation"):
            try:
                with transaction.atomic():
                    if data["action"] == "accept":
                        # As suggested: "same as #N" where a strong candidate exists.
                        proposal_accept(proposal=proposal, by=request.user, note=data["note"])
                    else:
                        proposal_reject(proposal=proposal, by=request.user, note=data["note"])
                done += 1
            except DomainError as exc:
                refused.append(f"#{proposal.pk}: {exc}")
        verb = "Accepted" if data["action"] == "accept" else "Rejected"
        if done:
            messages.success(request, f"{verb} {done} proposal{'s' if done != 1 else ''}.")
        for line in refused[:20]:
            messages.error(request, line)
        return HttpResponseRedirect(back)


class ProposalUndoView(RoleRequiredMixin, View):
    """Undo a merge ("same as #N"), with the reason: a reviewer's decision."""

    required_role = Role.REVIEWER

    def post(self, request, pk: int):
        proposal = get_object_or_404(Proposal, pk=pk)
        back = _back(request, reverse("proposal-detail", args=[pk]))
        try:
            proposal_undo(proposal=proposal, by=request.user, reason=request.POST.get("reason") or "")
            messages.success(request, f"Merge of proposal #{proposal.pk} undone: it is back in the queue.")
        except DomainError as exc:
            messages.error(request, f"Proposal #{proposal.pk}: {exc}")
        return HttpResponseRedirect(back)


# --------------------------------------------------------------------------- articles


class ArticleListView(FilteredListView):
    model = Article
    filterset_class = ArticleFilterSet
    template_name = "web/article_list.html"

    def base_queryset(self):
        return (
            Article.objects.select_related("near_duplicate_of", "source_document")
            .annotate(n_pending=Count("proposals", filter=Q(proposals__state=ProposalState.PENDING)))
            .order_by("-created_at", "-id")
        )


class ArticleDetailView(RoleRequiredMixin, DetailView):
    """The cleaned text with what extraction found in it marked and linked, its revisions
    and its near-duplicate cluster."""

    template_name = "web/article_detail.html"
    context_object_name = "article"
    queryset = Article.objects.select_related("current_revision", "near_duplicate_of", "source_document",
                                              "cluster")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        revisions = list(ArticleRevision.objects.filter(article=article).only(
            "id", "number", "content_hash", "title", "created_at", "article_id").order_by("-number"))
        number = self.request.GET.get("revision")
        shown = article.current_revision
        if number and number.isdigit():
            shown = ArticleRevision.objects.filter(article=article, number=int(number)).first() or shown
        proposals = list(
            Proposal.objects.filter(revision=shown).select_related("statement", "transfer", "actor", "place")
            .prefetch_related(Prefetch("statement__allegations", queryset=Allegation.objects.only("id")))
            .order_by("start", "id")
        ) if shown else []
        spans = []
        for proposal in proposals:
            url = _supported_url(proposal)
            if proposal.kind in _NAME_KINDS:
                for mention in proposal.payload.get("mentions") or []:
                    spans.append(Span(mention[0], mention[1], "entity" if proposal.kind == ProposalKind.ENTITY
                                      else "new-name", proposal.summary, url))
            elif proposal.kind == ProposalKind.TRANSFER:
                for start, end in proposal.payload.get("spans") or [(proposal.start, proposal.end)]:
                    spans.append(Span(start, end, "transfer", proposal.summary, url))
            else:
                payload = proposal.payload
                spans.append(Span(payload.get("start", proposal.start), payload.get("end", proposal.end),
                                  f"quote hl--{proposal.state}", proposal.summary, url))
        cluster = []
        if article.cluster_id:
            cluster = list(Article.objects.filter(cluster_id=article.cluster_id).exclude(pk=article.pk)
                           .only("id", "title", "url", "similarity", "created_at").order_by("created_at"))
        context.update(
            revision=shown, revisions=revisions,
            text_html=highlight(shown.text, spans) if shown else "",
            findings=[p for p in proposals if p.kind in (ProposalKind.STATEMENT, ProposalKind.TRANSFER)],
            names=[p for p in proposals if p.kind in _NAME_KINDS],
            cluster=cluster, near_duplicates=list(article.near_duplicates.only("id", "title", "similarity")),
        )
        return context


def _supported_url(proposal: Proposal) -> str:
    """Where a marked span leads: what it became in the record, or the proposal itself."""
    if proposal.statement_id:
        allegations = list(proposal.statement.allegations.all())
        if allegations:
            allegation = allegations[0]
            return reverse("allegation-detail", args=[allegation.pk]) + f"#statement-{proposal.statement_id}"
    if proposal.transfer_id:
        return reverse("transfer-detail", args=[proposal.transfer_id])
    return reverse("proposal-detail", args=[proposal.pk])

