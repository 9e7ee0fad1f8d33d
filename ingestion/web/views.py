"""The review queue of ingestion's proposals and the article reader."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, Prefetch, Q, When
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views import View
from django.views.generic import DetailView

from compliance.choices import Role
from compliance.errors import DomainError
from compliance.roles import has_role
from compliance.models import Actor, Allegation, Vessel
from compliance.web.highlight import Span, find_all, highlight
from compliance.web.mixins import FilteredListView, RoleRequiredMixin
from ingestion.choices import ProposalKind, ProposalState
from ingestion.filters import ArticleFilterSet, ProposalFilterSet
from ingestion.decisions import DecisionInvalid
from ingestion.lookups import LOOKUPS, lookup_json, lookup_search
from ingestion.extraction.sentences import paragraphs_of, split_sentences
from ingestion.extraction.types import Sentence
from ingestion.models import Article, ArticleRevision, Proposal
from ingestion.selectors import article_entity_list, named_entities
from ingestion.services.proposals import proposal_accept, proposal_reject, proposal_undo
from ingestion.suggestions import proposal_suggestions

from .forms import EDIT_FORMS, LINK_FIELDS, BulkForm, QueueDecisionForm

_NEW_NAME_KINDS = (ProposalKind.NEW_ACTOR, ProposalKind.NEW_PLACE, ProposalKind.NEW_VESSEL)


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class TextLayout:
    """Where a text's sentences and paragraphs are: what a card shows around a finding.
    Split by the extraction's own splitter, so a card's sentences are the ones extraction read."""

    sentences: tuple[Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> TextLayout:
        paragraphs = paragraphs_of(text)
        return cls(tuple(split_sentences(text, paragraphs)), tuple(paragraphs))

    def around(self, start: int, end: int, *, sentences: int = 1) -> tuple[int, int]:
        """The sentences holding [start, end) with ``sentences`` more before and after."""
        inside = [i for i, s in enumerate(self.sentences) if s.start < max(end, start + 1) and s.end > start]
        if not inside:
            return start, end
        first = self.sentences[max(0, inside[0] - sentences)]
        last = self.sentences[min(len(self.sentences) - 1, inside[-1] + sentences)]
        return min(start, first.start), max(end, last.end)

    def paragraph(self, start: int, end: int) -> tuple[int, int]:
        """The paragraph(s) holding [start, end)."""
        inside = [p for p in self.paragraphs if p[0] < max(end, start + 1) and p[1] > start]
        if not inside:
            return start, end
        return min(start, inside[0][0]), max(end, inside[-1][1])


def name_spans(entities, proposals) -> list[Span]:
    """Marks for the names in a text: the known ones (recorded on the article) and the new
    ones (proposals of new actors, places and vessels)."""
    spans = [Span(e.start, e.end, "entity", f"{e.get_category_display()}: {e.target}") for e in entities]
    for other in proposals:
        if other.kind not in _NEW_NAME_KINDS:
            continue
        category = other.payload.get("category", "")
        for mention in other.payload.get("mentions") or []:
            spans.append(Span(mention[0], mention[1], "new-name", f"new {category}: {other.payload.get('name', '')}"))
    return spans


def proposal_spans(proposal: Proposal, text: str, names: list[Span], window: tuple[int, int]) -> list[Span]:
    """What to mark in a proposal's context (``window`` of the text): its span, then the
    extracted fields found in it."""
    payload = proposal.payload
    left, right = window
    shown = text[left:right]
    spans = [s for s in names if s.end > left and s.start < right]
    if proposal.kind == ProposalKind.STATEMENT:
        spans.append(Span(payload.get("start", proposal.start), payload.get("end", proposal.end), "quote",
                          f"{payload.get('stance', '')}: the statement"))
        for field, css, title in (("speaker", "speaker", "speaker"), ("on_behalf_of", "originator", "originator"),
                                  ("probability_term", "term", "probability term"), ("cue", "cue", "attribution")):
            spans += find_all(shown, payload.get(field) or "", css, title, offset=left)
    elif proposal.kind == ProposalKind.TRANSFER:
        for start, end in payload.get("spans") or [(proposal.start, proposal.end)]:
            spans.append(Span(start, end, "transfer", "transfer details"))
        for field, css in (("supplier", "party"), ("recipient", "party"), ("quantity", "quantity")):
            spans += find_all(shown, payload.get(field) or "", css, field, offset=left)
        for item in payload.get("items") or []:
            spans += find_all(shown, item, "item", "item", offset=left)
        for place in payload.get("route") or []:
            spans += find_all(shown, place, "place", "route", offset=left)
    else:
        for mention in payload.get("mentions") or [(proposal.start, proposal.end)]:
            spans.append(Span(mention[0], mention[1], "focus", proposal.get_kind_display()))
    return spans


def proposal_context(proposal: Proposal, text: str, names: list[Span], layout: TextLayout | None = None) -> dict:
    """The finding's sentence(s) with one sentence before and after, marked; and its whole
    paragraph when that holds more than the card shows (empty otherwise)."""
    layout = layout or TextLayout.of(text)
    left, right = layout.around(proposal.start, proposal.end)
    p_left, p_right = layout.paragraph(proposal.start, proposal.end)
    spans = proposal_spans(proposal, text, names, (min(left, p_left), max(right, p_right)))
    more = p_left < left or p_right > right
    # A statement of the record reported in several passages of the article is one card: the
    # other passages are shown under the first.
    passages = [highlight(text[start:end], [Span(start, end, "focus", "the same statement")], offset=start)
                for start, end in (proposal.payload.get("passages") or [])[1:]]
    return {
        "html": highlight(text[left:right], spans, offset=left),
        "passages": passages,
        "paragraph_html": highlight(text[p_left:p_right], spans, offset=p_left) if more else "",
        "cut_left": left > 0,
        "cut_right": right < len(text),
    }


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

    def paginate_queryset(self, queryset, page_size):
        """A page past the end (its last cards were just decided) shows the last page, not a 404."""
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            self.kwargs[self.page_kwarg] = "last"
            return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["object_list"])
        revision_ids = {p.revision_id for p in page}
        entities: dict[int, list] = {}
        new_names: dict[int, list[Proposal]] = {}
        if revision_ids:
            for entity in article_entity_list(revision_ids=revision_ids):
                entities.setdefault(entity.revision_id, []).append(entity)
            for other in Proposal.objects.filter(revision_id__in=revision_ids, kind__in=_NEW_NAME_KINDS).only(
                    "id", "revision_id", "kind", "payload"):
                new_names.setdefault(other.revision_id, []).append(other)
        layouts = {p.revision_id: TextLayout.of(p.revision.text) for p in page}
        names = {rid: name_spans(entities.get(rid, []), new_names.get(rid, [])) for rid in revision_ids}
        for proposal in page:
            proposal.context = proposal_context(proposal, proposal.revision.text, names[proposal.revision_id],
                                                layouts[proposal.revision_id])
        # What accepting each pending finding will do, from the record as it is now.
        pending = [p for p in page if p.state == ProposalState.PENDING]
        suggestions = proposal_suggestions(proposals=pending) if pending else {}
        for proposal in page:
            proposal.suggestion = suggestions.get(proposal.pk)
        self._set_next(page, context.get("page_obj"))
        context.update(object_list=page, pending_states=[ProposalState.PENDING])
        return context

    def _set_next(self, page: list[Proposal], page_obj) -> None:
        """Where each card's actions return to without scripts: the queue as it was, at the
        next card's anchor (the previous card's for the last one, unless the next page has
        one, which moves up on this page once this card is decided)."""
        after = None
        if page_obj is not None and page_obj.has_next():
            end = page_obj.end_index()
            after = next(iter(page_obj.paginator.object_list[end:end + 1].values_list("pk", flat=True)), None)
        here = self.request.get_full_path()
        for index, proposal in enumerate(page):
            following = page[index + 1].pk if index + 1 < len(page) else after
            if following is None and index > 0:
                following = page[index - 1].pk
            proposal.next_anchor = f"#proposal-{following}" if following else ""
            proposal.next_url = here + proposal.next_anchor


def _back(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _form_errors(form) -> str:
    """A form's errors in one line, each with its field's label."""
    return "; ".join(f"{form.fields[name].label or name.capitalize()}: {error}" if name in form.fields else error
                     for name, errors in form.errors.items() for error in errors)


def _wants_json(request) -> bool:
    """The queue's script sends decisions with fetch and reads the answer as JSON; a plain
    form post gets a redirect back to the queue."""
    return "application/json" in request.headers.get("Accept", "")


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
        names = name_spans(article_entity_list(revision_ids=[proposal.revision_id]),
                           Proposal.objects.filter(revision_id=proposal.revision_id, kind__in=_NEW_NAME_KINDS)
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
    """Accept as extracted (linked as chosen; a new place with the coordinates given on the
    card) or reject with a reason, from the queue. Answers the queue's script in JSON, and a
    plain form post with a redirect to the next card."""

    required_role = Role.ANALYST

    def post(self, request, pk: int):
        proposal = get_object_or_404(Proposal, pk=pk)
        back = _back(request, reverse("proposal-queue"))
        action = request.POST.get("action")
        form = QueueDecisionForm(request.POST, proposal=proposal)
        error, done = "", ""
        if not form.is_valid():
            error = _form_errors(form)
        else:
            note = form.cleaned_data.get("note") or ""
            try:
                if action == "accept":
                    proposal_accept(proposal=proposal, by=request.user, edits=form.decision_edits(), note=note)
                    done = f"Accepted: {proposal.summary[:120]}"
                elif action == "reject":
                    proposal_reject(proposal=proposal, by=request.user, note=note)
                    done = f"Rejected: {proposal.summary[:120]}"
                else:
                    error = "Unknown action: nothing was changed."
            except DomainError as exc:
                error = f"Proposal #{proposal.pk}: {exc}"
        if _wants_json(request):
            if error:
                return JsonResponse({"ok": False, "error": error}, status=400)
            proposal.refresh_from_db(fields=["state"])
            return JsonResponse({"ok": True, "message": done, "state": proposal.state,
                                 "state_label": proposal.get_state_display()})
        if error:
            messages.error(request, error)
        else:
            messages.success(request, done)
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
        done, refused, left = 0, [], []
        proposals = list(Proposal.objects.filter(pk__in=data["ids"]).select_related("suggested_allegation"))
        # Accepting as suggested cannot work where the suggestion names a problem (a new place
        # without coordinates, a statement with nobody on whose behalf): those wait for a
        # person to complete them, and are not failures of the batch.
        pending = [p for p in proposals if p.state == ProposalState.PENDING]
        problems = ({pk: s.problem for pk, s in proposal_suggestions(proposals=pending).items() if s.problem}
                    if data["action"] == "accept" and pending else {})
        for proposal in proposals:
            if proposal.pk in problems:
                left.append(f"#{proposal.pk}: {problems[proposal.pk]}")
                continue
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
        if left:
            messages.warning(request, f"Left {len(left)} pending for you to complete first (open each): "
                             + "; ".join(left[:20]))
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
        entities = article_entity_list(revision_ids=[shown.pk]) if shown else []
        spans = [Span(e.start, e.end, "entity", f"{e.get_category_display()}: {e.target}", _record_url(e.target))
                 for e in entities]
        for proposal in proposals:
            url = _supported_url(proposal)
            if proposal.kind in _NEW_NAME_KINDS:
                for mention in proposal.payload.get("mentions") or []:
                    spans.append(Span(mention[0], mention[1], "new-name", proposal.summary, url))
            elif proposal.kind == ProposalKind.TRANSFER:
                for start, end in proposal.payload.get("spans") or [(proposal.start, proposal.end)]:
                    spans.append(Span(start, end, "transfer", proposal.summary, url))
            elif proposal.kind == ProposalKind.STATEMENT:
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
            named=[(n, _record_url(n.target)) for n in named_entities(entities)],
            new_names=[p for p in proposals if p.kind in _NEW_NAME_KINDS],
            cluster=cluster, near_duplicates=list(article.near_duplicates.only("id", "title", "similarity")),
        )
        return context


def _record_url(target) -> str:
    """Where a known name leads: its row in the record's lists, where it has one."""
    if isinstance(target, Actor):
        return f"{reverse('actor-list')}?{urlencode({'q': target.name})}"
    if isinstance(target, Vessel):
        return f"{reverse('vessel-list')}?{urlencode({'q': target.name})}"
    return ""


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

