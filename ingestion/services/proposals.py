"""Proposals: what extraction found, put before a person. Accepting one calls the same
record services a person uses by hand; rejecting one keeps it, so it is never proposed again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from compliance.choices import (
    ActorKind,
    AuditAction,
    Bearing,
    DatePrecision,
    ItemCategory,
    PlaceKind,
    Role,
    Stance,
    TransportMode,
)
from compliance.errors import DomainError
from compliance.models import (
    Actor,
    Allegation,
    AllegationStatement,
    Place,
    SourceDocument,
    Statement,
    StatementSource,
    Transfer,
    TransferItem,
    TransferSource,
    Vessel,
)
from compliance.roles import Actor as Who
from compliance.roles import SystemActor, require_role
from compliance.services.audit import audit_record
from compliance.services.records import record_delete, record_save, record_set_related
from compliance.services.sources import (
    TransferAdditions,
    statement_source_add,
    statement_source_remove,
    transfer_details_add,
    transfer_details_remove,
)
from compliance.services.transfers import LegData, transfer_set_route
from compliance.services.workflow import allegation_create
from compliance.stances import default_bearing, statement_gist
from ingestion.choices import ProposalKind, ProposalState
from ingestion.decisions import (
    AllegationLink,
    Decision,
    DecisionAction,
    NewActorDecision,
    NewPlaceDecision,
    NewVesselDecision,
    StatementDecision,
    TransferDecision,
    decision_parse,
)
from ingestion.extraction import EXTRACTOR_VERSION, lexicon
from ingestion.extraction.types import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE,
    VESSEL,
    Extraction,
    Mention,
)
from ingestion.matching import best, route_additions
from ingestion.models import Article, ArticleRevision, Proposal
from ingestion.selectors import ActorRoots, proposal_candidates
from ingestion.suggestions import decision_effect, proposal_suggestions, route_legs_of

_SPACE = re.compile(r"\s+")

# What proposals are matched against (the record's actors, statements and transfers) is
# read at most this often per process: a match is a suggestion for a person, and a few
# seconds' delay after an edit elsewhere is harmless. Edits in this process clear it.
RECORD_CACHE_SECONDS = 5.0
_record_cache: dict[Any, tuple[float, Any]] = {}


def record_cached(key: Any, build):
    now = time.monotonic()
    hit = _record_cache.get(key)
    if hit is not None and now - hit[0] < RECORD_CACHE_SECONDS:
        return hit[1]
    value = build()
    _record_cache[key] = (now, value)
    return value


def record_cache_clear() -> None:
    from ingestion.reference import gazetteer_expire

    _record_cache.clear()
    gazetteer_expire()


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return _SPACE.sub(" ", text).strip()


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256("|".join(_norm(str(p)) for p in parts).encode()).hexdigest()


def _jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: _jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


@dataclass
class _Draft:
    kind: str
    fingerprint: str
    summary: str
    payload: dict
    start: int
    end: int
    suggested_allegation_id: int | None = None
    matching_statement_id: int | None = None
    matching_transfer_id: int | None = None
    excerpt: str | None = None  # when not the text of its span: the passages of a grouped finding


@dataclass(frozen=True)
class ProposalCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    superseded: int = 0
    kept_decided: int = 0
    repeated: int = 0


# ----------------------------------------------------------------- building proposals
def _statement_drafts(extraction: Extraction) -> list[_Draft]:
    drafts = []
    for candidate in extraction.statements:
        who = candidate.speaker_key or candidate.speaker or ""
        drafts.append(_Draft(
            kind=ProposalKind.STATEMENT,
            fingerprint=_fingerprint(candidate.stance, who, candidate.on_behalf_of_key or candidate.on_behalf_of,
                                     candidate.quote[:300]),
            summary=statement_gist(speaker=candidate.speaker, on_behalf_of=candidate.on_behalf_of,
                                   reporting_verb=candidate.cue, stance=candidate.stance, words=candidate.quote,
                                   quoted=candidate.direct)[:300],
            payload={**_jsonable(candidate), "reporting_verb": candidate.cue},
            start=candidate.start,
            end=candidate.end,
        ))
    return drafts


def _transfer_drafts(extraction: Extraction) -> list[_Draft]:
    drafts = []
    for candidate in extraction.transfers:
        route = " → ".join(candidate.route) or "route not given"
        drafts.append(_Draft(
            kind=ProposalKind.TRANSFER,
            fingerprint=_fingerprint(candidate.supplier_key or candidate.supplier,
                                     candidate.recipient_key or candidate.recipient,
                                     ",".join(candidate.route), ",".join(candidate.items)),
            summary=f"{candidate.supplier or '?'} → {candidate.recipient or '?'}: "
                    f"{', '.join(candidate.items) or 'items not given'} ({route})"[:300],
            payload=_jsonable(candidate),
            start=candidate.start,
            end=candidate.end,
        ))
    return drafts


def _match(article: Article, drafts: list[_Draft], excerpts: list[str]) -> None:
    """Set each statement and transfer draft's matching row (the strong candidate, as the
    queue will show it) and the allegation that row belongs to."""
    transient = [Proposal(article=article, kind=d.kind, payload=d.payload, excerpt=excerpt)
                 for d, excerpt in zip(drafts, excerpts, strict=True)]
    candidates = proposal_candidates(proposals=transient, roots=record_cached("roots", ActorRoots))
    for draft, proposal in zip(drafts, transient, strict=True):
        chosen = best(candidates.get(id(proposal), []))
        if chosen is None:
            continue
        if draft.kind == ProposalKind.STATEMENT:
            draft.matching_statement_id = chosen.id
        elif draft.kind == ProposalKind.TRANSFER:
            draft.matching_transfer_id = chosen.id
    statement_ids = {d.matching_statement_id for d in drafts if d.matching_statement_id}
    transfer_ids = {d.matching_transfer_id for d in drafts if d.matching_transfer_id}
    of_statement, of_transfer = {}, {}
    if statement_ids:
        for statement_id, allegation_id in (AllegationStatement.objects.filter(statement_id__in=statement_ids)
                                            .order_by("-allegation_id").values_list("statement_id", "allegation_id")):
            of_statement[statement_id] = allegation_id
    if transfer_ids:
        for transfer_id, allegation_id in (Allegation.transfers.through.objects.filter(transfer_id__in=transfer_ids)
                                           .order_by("-allegation_id").values_list("transfer_id", "allegation_id")):
            of_transfer[transfer_id] = allegation_id
    for draft in drafts:
        if draft.matching_statement_id:
            draft.suggested_allegation_id = of_statement.get(draft.matching_statement_id)
        if draft.matching_transfer_id:
            draft.suggested_allegation_id = of_transfer.get(draft.matching_transfer_id)


PASSAGE_SEPARATOR = "\n…\n"


def _one_card_per_matched_statement(drafts: list[_Draft], text: str) -> list[_Draft]:
    """Statement findings of one article that match the same statement of the record are one
    decision, not several: the article reports that statement (one briefing quoted in three
    sentences, one joint statement in five). The first becomes the card, carrying every
    passage in its payload and excerpt, so accepting it cites the article once with all of
    them; the others are not proposed. Findings matching nothing stay one card each: they may
    be several statements."""
    groups: dict[int, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.kind == ProposalKind.STATEMENT and draft.matching_statement_id:
            groups[draft.matching_statement_id].append(draft)
    folded = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda d: (d.start, d.end))
        lead = group[0]
        lead.payload = {**lead.payload, "passages": [[d.start, d.end] for d in group]}
        lead.excerpt = PASSAGE_SEPARATOR.join(text[d.start:d.end].strip() for d in group)
        lead.summary = f"{lead.summary[:260]} (+{len(group) - 1} more passage{'s' if len(group) > 2 else ''})"
        folded.update(id(d) for d in group[1:])
    return [d for d in drafts if id(d) not in folded]


_NEW_KIND = {PERSON: ProposalKind.NEW_ACTOR, ORGANIZATION: ProposalKind.NEW_ACTOR, COUNTRY: ProposalKind.NEW_ACTOR,
             PLACE: ProposalKind.NEW_PLACE, VESSEL: ProposalKind.NEW_VESSEL}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_METONYMS = frozenset(_norm(name) for name in lexicon.METONYMS)
# A body of a state as extraction names it ("the Russian embassy", "North Korea's mission to
# the United Nations") is a government body the record may add, not a description.
_BODY_WORDS = frozenset(word for phrase in lexicon.BODY_PHRASES for word in phrase.split())
_LOWER_IN_NAMES = {PLACE: lexicon.NAME_PARTICLES | lexicon.PLACE_NAME_NOUNS,
                   ORGANIZATION: lexicon.NAME_PARTICLES | _BODY_WORDS}


def _words(text: str) -> list[str]:
    """The words of a name as written, a possessive dropped ("Moscow’s" → "Moscow"); a
    hyphenated word is one word ("Kim Jong-un", "Rostov-on-Don")."""
    return [re.sub(r"['’]s$", "", w).rstrip(".") for w in _WORD.findall(text)]


def _route_names(extraction: Extraction) -> set[str]:
    """Every place named as a stop of an extracted transfer (its route and legs)."""
    names = {_norm(n) for t in extraction.transfers for n in t.route}
    for transfer in extraction.transfers:
        for leg in transfer.legs:
            names |= {_norm(n) for n in (leg.from_place, leg.to_place) if n}
    return names


def _starts_sentence(mention: Mention, extraction: Extraction) -> bool:
    for sentence in extraction.sentences:
        if sentence.start <= mention.start < sentence.end:
            return not extraction.text[sentence.start:mention.start].strip(" \"'“‘(")
    return False


def _lower_case_words(text: str) -> set[str]:
    return {w for w in _words(text) if w.islower()}


def _is_dateline(mention: Mention, text: str) -> bool:
    """A place in capitals opening a paragraph ("SEOUL, Jan. 10 (Yonhap) --"): where the
    story was filed, not a place it is about."""
    return (mention.category == PLACE and mention.text.isupper()
            and (mention.start == 0 or not text[:mention.start].rsplit("\n", 1)[-1].strip()))


def new_name_refusal(mention: Mention, extraction: Extraction, *, route: set[str], lower: set[str]) -> str:
    """Why an unresolved mention is not put to a person as a new actor, place or vessel
    (empty: it is). A capital standing for its government ("Moscow said", "Washington's
    revelation") is not a new place, unless a transfer's route stops there, and neither is
    a dateline; a capitalised word is not a name: months, titles and descriptions ("Western
    officials", "Russian arms dealers"), or a common word that only opens a sentence."""
    words = _words(mention.text)
    if not words:
        return "no word"
    if _norm(mention.name) in _METONYMS and _norm(mention.name) not in route:
        return "a capital standing for its government"
    if _is_dateline(mention, extraction.text):
        return "a dateline"
    if all(part.casefold() in lexicon.NOT_NEW_NAME_WORDS for w in words for part in w.split("-") if part):
        return "not a name"
    allowed = _LOWER_IN_NAMES.get(mention.category, lexicon.NAME_PARTICLES)
    # A word's first part decides: "al-Assad" holds a particle, "Jong-un" a name's syllable.
    if any(w[0].islower() and w.split("-")[0].casefold() not in allowed for w in words):
        return "a description, not a name"
    if len(words) == 1 and words[0].casefold() in lower and _starts_sentence(mention, extraction):
        return "a common word opening a sentence"
    return ""


def _new_name_drafts(extraction: Extraction) -> list[_Draft]:
    """New actors, places and vessels: the names extraction found that the reference data
    does not hold, each once per article. Names it does hold are not proposals: they are
    recorded on the article (ingestion.services.entities)."""
    route = _route_names(extraction)
    lower = _lower_case_words(extraction.text)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in extraction.mentions:
        if mention.key or mention.category not in _NEW_KIND:
            continue
        if new_name_refusal(mention, extraction, route=route, lower=lower):
            continue
        groups[(_NEW_KIND[mention.category], f"{mention.category}:{_norm(mention.name)}")].append(mention)
    drafts = []
    for (kind, ident), mentions in groups.items():
        first = min(mentions, key=lambda m: m.start)
        roles = sorted({m.role for m in mentions if m.role})
        affiliations = sorted({m.affiliation for m in mentions if m.affiliation})
        drafts.append(_Draft(
            kind=kind,
            fingerprint=_fingerprint(ident),
            summary=f"New {first.category}: {first.name}"
                    + (f" ({', '.join(roles + affiliations)})" if roles or affiliations else ""),
            payload={
                "category": first.category,
                "name": first.name,
                "key": first.key,
                "method": first.method,
                "roles": roles,
                "affiliations": affiliations,
                "mentions": [[m.start, m.end, m.text] for m in sorted(mentions, key=lambda m: m.start)],
            },
            start=first.start,
            end=first.end,
        ))
    return drafts


def _sentence_around(extraction: Extraction, start: int, end: int) -> tuple[int, int]:
    lo, hi = start, end
    for sentence in extraction.sentences:
        if sentence.start <= start < sentence.end:
            lo = sentence.start
        if sentence.start < end <= sentence.end:
            hi = sentence.end
    return lo, hi


def _span(draft: _Draft, extraction: Extraction) -> tuple[int, int]:
    if draft.kind in (ProposalKind.STATEMENT, ProposalKind.TRANSFER):
        return draft.start, draft.end
    return _sentence_around(extraction, draft.start, draft.end)


def _related_articles(article: Article) -> list[int]:
    """Articles whose decisions a finding of this one may repeat: its near-duplicate
    cluster and the article it was found to repeat (syndicated copies, edited versions)."""
    condition = Q(pk=article.near_duplicate_of_id) if article.near_duplicate_of_id else Q(pk__in=[])
    if article.cluster_id:
        condition |= Q(cluster_id=article.cluster_id)
    return list(Article.objects.filter(condition).exclude(pk=article.pk).values_list("pk", flat=True))


def proposals_replace(*, article: Article, revision: ArticleRevision, extraction: Extraction) -> ProposalCounts:
    """Bring the article's proposals in line with a new extraction. A finding already decided
    (accepted or rejected) is left as it was decided; pending findings are refreshed; pending
    ones that the extraction no longer produces are marked superseded, not deleted. A new
    finding that a near duplicate of the article already raised, with the same text, is
    not asked again: it is recorded as already decided, pointing at that decision."""
    drafts = [*_statement_drafts(extraction), *_transfer_drafts(extraction), *_new_name_drafts(extraction)]
    findings = [d for d in drafts if d.kind in (ProposalKind.STATEMENT, ProposalKind.TRANSFER)]
    _match(article, findings, [revision.text[slice(*_span(d, extraction))] for d in findings])
    drafts = _one_card_per_matched_statement(drafts, revision.text)
    # A transfer matched to an allegation suggests that allegation for the article's statements.
    article_allegation = next((d.suggested_allegation_id for d in drafts
                               if d.kind == ProposalKind.TRANSFER and d.suggested_allegation_id), None)
    existing = {(p.kind, p.fingerprint): p for p in article.proposals.all()}
    related = _related_articles(article)
    earlier = {}
    if related:
        for decided in (Proposal.objects.filter(article_id__in=related, fingerprint__in={d.fingerprint for d in drafts},
                                                state__in=[ProposalState.ACCEPTED, ProposalState.REJECTED])
                        .order_by("decided_at", "id")):
            earlier.setdefault((decided.kind, decided.fingerprint), decided)
    counts = defaultdict(int)
    seen = set()
    new: list[Proposal] = []
    now = timezone.now()
    for draft in drafts:
        key = (draft.kind, draft.fingerprint)
        if key in seen:
            continue
        seen.add(key)
        if draft.kind == ProposalKind.STATEMENT and draft.suggested_allegation_id is None:
            draft.suggested_allegation_id = article_allegation
        lo, hi = _span(draft, extraction)
        values = {
            "revision_id": revision.pk,
            "summary": draft.summary,
            "payload": draft.payload,
            "start": draft.start,
            "end": draft.end,
            "excerpt": draft.excerpt or revision.text[lo:hi],
            "extractor_version": EXTRACTOR_VERSION,
            "suggested_allegation_id": draft.suggested_allegation_id,
            "matching_statement_id": draft.matching_statement_id,
            "matching_transfer_id": draft.matching_transfer_id,
        }
        proposal = existing.get(key)
        if proposal is None:
            repeated = earlier.get(key)
            if repeated is not None:
                values.update(state=ProposalState.REPEATED, earlier=repeated, decided_at=now,
                              decision_note=f"Already decided in proposal #{repeated.pk} "
                                            f"({repeated.get_state_display().lower()}), same text.")
                counts["repeated"] += 1
            new.append(Proposal(article=article, kind=draft.kind, fingerprint=draft.fingerprint, **values))
            continue
        if proposal.state in (ProposalState.ACCEPTED, ProposalState.REJECTED, ProposalState.REPEATED):
            counts["kept_decided"] += 1
            continue
        changed = proposal.state != ProposalState.PENDING or any(
            getattr(proposal, name) != value for name, value in values.items()
        )
        if not changed:
            counts["unchanged"] += 1
            continue
        for name, value in values.items():
            setattr(proposal, name, value)
        proposal.state = ProposalState.PENDING
        proposal.save()
        counts["updated"] += 1
    Proposal.objects.bulk_create(new)
    counts["created"] = len(new) - counts["repeated"]
    stale = [p.pk for key, p in existing.items() if key not in seen and p.state == ProposalState.PENDING]
    if stale:
        counts["superseded"] = Proposal.objects.filter(pk__in=stale).update(
            state=ProposalState.SUPERSEDED, updated_at=timezone.now()
        )
    return ProposalCounts(**counts)


# ----------------------------------------------------------------- deciding proposals
# ----------------------------------------------------------------- deciding proposals
def _user_of(by: Who | None):
    if by is None or isinstance(by, SystemActor) or not getattr(by, "is_authenticated", False):
        return None
    return by


def _lock_pending(proposal: Proposal) -> Proposal:
    locked = (Proposal.objects.select_for_update(of=("self",))
              .select_related("article", "revision", "suggested_allegation").get(pk=proposal.pk))
    if locked.state != ProposalState.PENDING:
        raise DomainError(f"This proposal is already {locked.get_state_display().lower()}; nothing was changed.")
    return locked


def _decide(proposal: Proposal, *, state: str, by: Who | None, note: str, **results) -> Proposal:
    before = proposal.state
    proposal.state = state
    proposal.decided_by = _user_of(by)
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    for name, value in results.items():
        setattr(proposal, name, value)
    proposal.save()
    changes = {"state": [before, state], **{k: [None, str(v)] for k, v in results.items()
                                           if v is not None and k != "decision"}}
    if results.get("decision"):
        changes["decision"] = [None, results["decision"].get("effect", "")]
    audit_record(by=by, action=AuditAction.UPDATE, instance=proposal, changes=changes, reason=note)
    return proposal


def article_source_document(*, article: Article, by: Who | None) -> SourceDocument:
    """The record's source document for an article, created from the article when the
    record has none yet. Its grade starts at F6 (cannot be judged) until someone grades it."""
    if article.source_document_id is not None:
        return article.source_document
    document = SourceDocument(
        title=(article.title or article.url or f"Article #{article.pk}")[:500],
        url=article.url,
        published_on=article.published_on,
        published_on_inferred=article.published_on_inferred,
        text=article.current_revision.text if article.current_revision_id else "",
    )
    record_save(instance=document, by=by, reason=f"Source of ingested article #{article.pk}.")
    Article.objects.filter(pk=article.pk).update(source_document=document)
    article.source_document = document
    return document


def _allegation_for(proposal: Proposal, link: AllegationLink, by: Who | None) -> Allegation | None:
    """The allegation a person chose to link the finding to: an existing one, or a new one
    opened (at "reported") with the title they gave."""
    title = link.new_title.strip()
    if title:
        if Allegation.objects.filter(title__iexact=title).exists():
            raise DomainError(f"An allegation titled “{title}” already exists: link to it instead.")
        return allegation_create(
            allegation=Allegation(title=title[:300], summary=proposal.summary), by=by,
            rationale=f"Opened from proposal #{proposal.pk} (article #{proposal.article_id}).",
        )
    return link.allegation


def statement_link_bearing(decision: StatementDecision) -> str:
    """The bearing a statement decision links with: the one the decision names (a person's
    choice, or context where the queue suggested an allegation only because the article's
    transfer matched it), else the stance's default."""
    if decision.link.bearing:
        return decision.link.bearing
    if decision.same_as is not None:
        return default_bearing(decision.same_as.stance, decision.same_as.estimative_term)
    return default_bearing(decision.stance, decision.estimative_term)


def _link_statement(allegation: Allegation | None, statement: Statement, decision: StatementDecision,
                    by: Who | None, reason: str) -> int | None:
    if allegation is None or AllegationStatement.objects.filter(allegation=allegation, statement=statement).exists():
        return None
    bearing = statement_link_bearing(decision)
    if bearing not in Bearing.values:
        raise DomainError(f"Unknown bearing “{bearing}”.")
    link = record_save(instance=AllegationStatement(allegation=allegation, statement=statement, bearing=bearing),
                       by=by, reason=reason)
    return link.pk


def _accept_statement(proposal: Proposal, decision: StatementDecision, by: Who | None, note: str) -> dict:
    document = article_source_document(article=proposal.article, by=by)
    reason = note or f"Accepted from proposal #{proposal.pk} (article #{proposal.article_id})."
    added: dict[str, Any] = {}
    if decision.action == DecisionAction.SAME_AS:
        statement = decision.same_as
        if statement is None:
            raise DomainError("Say which statement this one is the same as.")
        source = statement_source_add(statement=statement, document=document, excerpt=decision.excerpt, by=by,
                                      reason=note or f"Reported again by ingested article #{proposal.article_id} "
                                                     f"(proposal #{proposal.pk}).")
        added["statement_source"] = source.pk if source else None
    else:
        if not decision.originators:
            raise DomainError(
                "Name the government or body whose position this is (on behalf of) before accepting: "
                "extraction did not match one in the reference data."
            )
        if decision.stance not in Stance.values:
            raise DomainError(f"Unknown stance “{decision.stance}”.")
        statement = Statement(
            speaker=decision.speaker,
            speaker_title=decision.speaker_title[:200],
            stated_on=decision.stated_on,
            stated_on_precision=decision.date_precision if decision.stated_on else DatePrecision.DAY,
            stance=decision.stance,
            reporting_verb=decision.reporting_verb[:60],
            estimative_phrase=decision.estimative_phrase[:80],
            estimative_term=decision.estimative_term,
            quote=decision.quote,
            gist=(decision.gist or proposal.summary)[:2000],
        )
        record_save(instance=statement, by=by, reason=reason)
        record_set_related(instance=statement, field="on_behalf_of", values=list(decision.originators), by=by,
                           reason=reason)
        record_save(instance=StatementSource(statement=statement, document=document, excerpt=decision.excerpt),
                    by=by, reason=f"Reported by ingested article #{proposal.article_id}.")
    allegation = _allegation_for(proposal, decision.link, by)
    added["allegation_link"] = _link_statement(allegation, statement, decision, by,
                                               note or f"Linked from proposal #{proposal.pk}.")
    return {"statement": statement, "added": added}


def _item_category(description: str, suggested: list[str] | tuple[str, ...], index: int) -> str:
    if index < len(suggested) and suggested[index] in ItemCategory.values:
        return suggested[index]
    return ItemCategory.of(description)


def _route(legs: list[tuple[int, int, str]]) -> list[LegData] | None:
    places = Place.objects.in_bulk({p for leg in legs for p in leg[:2]})
    if any(origin not in places or destination not in places for origin, destination, _ in legs):
        return None  # a route with an unknown place is left for a person to enter
    return [LegData(from_place=places[o], to_place=places[d],
                    mode=mode if mode in TransportMode.values else TransportMode.UNKNOWN) for o, d, mode in legs]


def _set_route(transfer: Transfer, legs: list[LegData], by: Who | None, reason: str) -> None:
    version = Transfer.objects.values_list("version", flat=True).get(pk=transfer.pk)
    try:
        transfer_set_route(transfer=transfer, legs=legs, by=by, reason=reason)
    except ValidationError as exc:
        raise DomainError("The extracted route is not a single journey: " + "; ".join(exc.messages)) from exc
    if Transfer.objects.values_list("version", flat=True).get(pk=transfer.pk) == version:
        Transfer.objects.filter(pk=transfer.pk).update(version=F("version") + 1)


def _leg_list(transfer: Transfer) -> list[dict]:
    return [{"from": leg.from_place_id, "to": leg.to_place_id, "mode": leg.mode, "vessel": leg.vessel_id,
             "departed_on": leg.departed_on.isoformat() if leg.departed_on else None,
             "arrived_on": leg.arrived_on.isoformat() if leg.arrived_on else None, "note": leg.note}
            for leg in transfer.legs.order_by("sequence")]


def _accept_transfer(proposal: Proposal, decision: TransferDecision, by: Who | None, note: str) -> dict:
    reason = note or f"Accepted from proposal #{proposal.pk} (article #{proposal.article_id})."
    document = article_source_document(article=proposal.article, by=by)
    added: dict[str, Any] = {}
    if decision.action == DecisionAction.SAME_AS:
        if decision.same_as is None:
            raise DomainError("Say which transfer these details describe.")
        # Read afresh: the suggestion's row carries only what matching needed.
        transfer = Transfer.objects.get(pk=decision.same_as.pk)
        additions = transfer_details_add(
            transfer=transfer, document=document, excerpt=decision.excerpt, items=list(decision.items), by=by,
            reason=note or f"Reported again by ingested article #{proposal.article_id} (proposal #{proposal.pk}).")
        added.update(transfer_source=additions.source_id, items=list(additions.item_ids))
        if decision.add_route:
            kept = list(transfer.legs.order_by("sequence"))
            current = [(leg.from_place_id, leg.to_place_id, leg.mode) for leg in kept]
            # The article's legs as the reviewer corrected them, else as extracted.
            told = ([(leg.from_place.pk, leg.to_place.pk, leg.mode) for leg in decision.legs] if decision.legs
                    else route_legs_of(proposal.payload))
            before, after, _ = route_additions([leg[:2] for leg in current], told)
            legs = _route(before + current + after) if (before or after) else None
            if legs:
                vessels = {(leg.from_place.pk, leg.to_place.pk): leg.vessel for leg in decision.legs}
                for index, (origin, destination, _) in enumerate(before + after):
                    at = index if index < len(before) else index + len(kept)
                    if vessels.get((origin, destination)) is not None:
                        legs[at] = dataclasses.replace(legs[at], vessel=vessels[(origin, destination)])
                # Kept legs keep their vessel, dates and note.
                for index, leg in enumerate(kept, start=len(before)):
                    legs[index] = LegData(from_place=leg.from_place, to_place=leg.to_place, mode=leg.mode,
                                          vessel=leg.vessel, departed_on=leg.departed_on,
                                          arrived_on=leg.arrived_on, note=leg.note)
                added["route_before"] = _leg_list(transfer)
                _set_route(transfer, legs, by, reason)
                added["route_after"] = _leg_list(transfer)
        transfer.refresh_from_db()
    else:
        supplier, recipient = decision.supplier, decision.recipient
        if supplier is None or recipient is None:
            raise DomainError("Name the supplier and the recipient before accepting transfer details.")
        if supplier == recipient:
            raise DomainError("The recipient must differ from the supplier.")
        start, end = decision.period_start, decision.period_end
        named = ", ".join(i.description for i in decision.items) or "transfer"
        transfer = Transfer(
            title=(decision.title or f"{supplier} to {recipient}: {named}" + (f" ({start:%b %Y})" if start else ""))[:300],
            supplier=supplier, recipient=recipient, period_start=start, period_end=end,
            period_start_precision=decision.period_start_precision if start else DatePrecision.DAY,
            period_end_precision=decision.period_end_precision if end else DatePrecision.DAY,
            status_claimed=decision.status_claimed,
            description=f"From ingested article #{proposal.article_id}: {decision.excerpt}"[:5000],
        )
        record_save(instance=transfer, by=by, reason=reason)
        for item in decision.items:
            if item.category not in ItemCategory.values:
                raise DomainError(f"Unknown item category “{item.category}”.")
            record_save(instance=TransferItem(
                transfer=transfer, category=item.category, description=item.description[:300],
                quantity_text=item.quantity_text[:120], quantity_min=item.quantity_min,
                quantity_max=item.quantity_max, unit=item.unit[:40],
            ), by=by, reason=reason)
        record_save(instance=TransferSource(transfer=transfer, document=document, excerpt=decision.excerpt),
                    by=by, reason=f"Reported by ingested article #{proposal.article_id}.")
        if decision.legs:
            _set_route(transfer, [LegData(from_place=leg.from_place, to_place=leg.to_place, mode=leg.mode,
                                          vessel=leg.vessel) for leg in decision.legs], by, reason)
            transfer.refresh_from_db()
    allegation = _allegation_for(proposal, decision.link, by)
    if allegation is not None and not allegation.transfers.filter(pk=transfer.pk).exists():
        record_set_related(instance=allegation, field="transfers", values=[*allegation.transfers.all(), transfer],
                           by=by, reason=note or f"Linked from proposal #{proposal.pk}.")
        added["allegation_transfer"] = allegation.pk
    return {"transfer": transfer, "added": added}


def _accept_new_actor(proposal: Proposal, decision: NewActorDecision, by: Who | None, note: str) -> dict:
    name, kind = decision.name, decision.kind
    if not name:
        raise DomainError("Give the actor's name.")
    if kind not in ActorKind.values:
        raise DomainError(f"Unknown actor kind “{kind}”.")
    if Actor.objects.filter(name__iexact=name, kind=kind).exists():
        raise DomainError(f"“{name}” is already in the record as a {ActorKind(kind).label.lower()}.")
    actor = Actor(name=name[:200], kind=kind, country=decision.country,
                  description=decision.description or f"First seen in ingested article #{proposal.article_id}.")
    record_save(instance=actor, by=by, reason=note or f"Accepted from proposal #{proposal.pk}.")
    return {"actor": actor}


def _accept_new_place(proposal: Proposal, decision: NewPlaceDecision, by: Who | None, note: str) -> dict:
    if decision.latitude is None or decision.longitude is None:
        raise DomainError(f"Give the coordinates of “{decision.name}” (latitude and longitude) to add it as a place.")
    place = Place(name=decision.name[:200], kind=decision.kind or PlaceKind.OTHER, country=decision.country,
                  latitude=decision.latitude, longitude=decision.longitude,
                  note=decision.note or f"First seen in ingested article #{proposal.article_id}.")
    record_save(instance=place, by=by, reason=note or f"Accepted from proposal #{proposal.pk}.")
    return {"place": place}


def _accept_new_vessel(proposal: Proposal, decision: NewVesselDecision, by: Who | None, note: str) -> dict:
    if not decision.name:
        raise DomainError("Give the vessel's name.")
    vessel = Vessel(name=decision.name[:120], imo_number=decision.imo_number,
                    note=decision.note or f"First seen in ingested article #{proposal.article_id}.")
    record_save(instance=vessel, by=by, reason=note or f"Accepted from proposal #{proposal.pk}.")
    return {}


_ACCEPT = {
    ProposalKind.STATEMENT: _accept_statement,
    ProposalKind.TRANSFER: _accept_transfer,
    ProposalKind.NEW_ACTOR: _accept_new_actor,
    ProposalKind.NEW_PLACE: _accept_new_place,
    ProposalKind.NEW_VESSEL: _accept_new_vessel,
}


def _decision_record(decision: Decision, effect: str, added: dict) -> dict:
    record: dict[str, Any] = {"effect": effect, "added": added}
    if isinstance(decision, (StatementDecision, TransferDecision)):
        target = decision.same_as
        record.update(action=decision.action, candidates=list(decision.candidates),
                      same_as=target.pk if target is not None else None)
    return record


@transaction.atomic
def proposal_accept(*, proposal: Proposal, by: Who | None, decision: Decision | None = None,
                    edits: dict | None = None, note: str = "") -> Proposal:
    """Accept a proposal. ``decision`` is a typed decision; or ``edits`` is a person's input
    (the kind's decision fields), read over the suggested decision by the kind's serializer;
    with neither, the queue's suggested decision is executed. The record is written by the
    same services a person uses by hand, and the proposal keeps the decision: what was done,
    the candidates it was chosen among, and what it added (so a merge can be undone)."""
    require_role(by, Role.ANALYST, "accept proposals")
    proposal = _lock_pending(proposal)
    accept = _ACCEPT.get(proposal.kind)
    if accept is None:
        raise DomainError(f"A {proposal.get_kind_display().lower()} is not decided any more: links to known "
                          "names are recorded on the article.")
    transaction.on_commit(record_cache_clear)
    if decision is None:
        suggestion = proposal_suggestions(proposals=[proposal])[proposal.pk]
        if edits:
            decision = decision_parse(proposal=proposal, data=edits, suggested=suggestion.decision)
        else:
            if suggestion.problem:
                raise DomainError(suggestion.problem)
            decision = suggestion.decision
    note = (note or "").strip() if isinstance(note, str) else ""
    try:
        results = accept(proposal, decision, by, note)
    except ValidationError as exc:
        raise DomainError("; ".join(exc.messages)) from exc
    added = results.pop("added", {})
    record = _decision_record(decision, decision_effect(decision, proposal=proposal), added)
    return _decide(proposal, state=ProposalState.ACCEPTED, by=by, note=note, decision=record, **results)


@transaction.atomic
def proposal_reject(*, proposal: Proposal, by: Who | None, note: str) -> Proposal:
    """Reject a proposal, with the reason. It is kept, so re-extraction does not propose it again."""
    require_role(by, Role.ANALYST, "reject proposals")
    note = (note or "").strip() if isinstance(note, str) else ""
    if not note:
        raise DomainError("Say why the proposal is rejected.")
    proposal = _lock_pending(proposal)
    return _decide(proposal, state=ProposalState.REJECTED, by=by, note=note)


@transaction.atomic
def proposal_undo(*, proposal: Proposal, by: Who | None, reason: str) -> Proposal:
    """Undo a merge ("same as #N"): take back the source link, the allegation link and the
    details it added, audited with the reason, and put the proposal back in the queue."""
    require_role(by, Role.REVIEWER, "undo merges")
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise DomainError("Say why the merge is undone.")
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    record = proposal.decision or {}
    if proposal.state != ProposalState.ACCEPTED or record.get("action") != DecisionAction.SAME_AS:
        raise DomainError("Only an accepted “same as” decision (a merge) can be undone.")
    added = record.get("added") or {}
    why = f"Merge of proposal #{proposal.pk} undone: {reason}"
    if proposal.kind == ProposalKind.STATEMENT and proposal.statement_id:
        if added.get("allegation_link"):
            link = AllegationStatement.objects.filter(pk=added["allegation_link"]).first()
            if link is not None:
                record_delete(instance=link, by=by, reason=why)
        if added.get("statement_source"):
            link = StatementSource.objects.filter(pk=added["statement_source"]).select_related("document").first()
            if link is not None:
                statement_source_remove(link=link, by=by, reason=why)
    elif proposal.kind == ProposalKind.TRANSFER and proposal.transfer_id:
        transfer = proposal.transfer
        if added.get("route_before") is not None:
            if _leg_list(transfer) != added.get("route_after"):
                raise DomainError(f"The route of transfer #{transfer.pk} changed since the merge: "
                                  "correct it by hand, then undo.")
            places = Place.objects.in_bulk({leg[k] for leg in added["route_before"] for k in ("from", "to")})
            vessels = Vessel.objects.in_bulk({leg["vessel"] for leg in added["route_before"] if leg["vessel"]})
            _set_route(transfer, [LegData(from_place=places[leg["from"]], to_place=places[leg["to"]], mode=leg["mode"],
                                          vessel=vessels.get(leg["vessel"]), departed_on=_iso(leg["departed_on"]),
                                          arrived_on=_iso(leg["arrived_on"]), note=leg["note"])
                                  for leg in added["route_before"]], by, why)
        if added.get("allegation_transfer"):
            allegation = Allegation.objects.filter(pk=added["allegation_transfer"]).first()
            if allegation is not None:
                record_set_related(instance=allegation, field="transfers",
                                   values=[t for t in allegation.transfers.all() if t.pk != transfer.pk],
                                   by=by, reason=why)
        transfer_details_remove(transfer=transfer, additions=TransferAdditions(
            source_id=added.get("transfer_source"), item_ids=tuple(added.get("items") or ())), by=by, reason=why)
    history = [*(record.get("history") or []),
               {**{k: v for k, v in record.items() if k != "history"},
                "undone_by": getattr(_user_of(by), "username", None) or getattr(by, "label", ""),
                "undone_at": timezone.now().isoformat(), "undo_reason": reason}]
    before = proposal.state
    proposal.state = ProposalState.PENDING
    proposal.statement = proposal.transfer = None
    proposal.decided_by, proposal.decided_at, proposal.decision_note = None, None, ""
    proposal.decision = {"history": history}
    proposal.save()
    audit_record(by=by, action=AuditAction.UPDATE, instance=proposal,
                 changes={"state": [before, ProposalState.PENDING], "decision": [record.get("effect"), "undone"]},
                 reason=why)
    return proposal


def _iso(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None
