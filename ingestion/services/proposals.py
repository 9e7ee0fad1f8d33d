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
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz

from compliance.choices import (
    ActorKind,
    AuditAction,
    Bearing,
    DatePrecision,
    ItemCategory,
    PlaceKind,
    Role,
    Stance,
    TransferStatus,
    TransportMode,
)
from compliance.errors import DomainError
from compliance.hierarchy import chain_root
from compliance.models import (
    Actor,
    Allegation,
    AllegationStatement,
    EstimativeTerm,
    Place,
    SourceDocument,
    Statement,
    StatementSource,
    Transfer,
    TransferItem,
    Vessel,
)
from compliance.roles import Actor as Who
from compliance.roles import SystemActor, require_role
from compliance.services.audit import audit_record
from compliance.services.records import record_save, record_set_related
from compliance.services.transfers import LegData, transfer_set_route
from compliance.services.workflow import allegation_create
from compliance.stances import default_bearing
from ingestion.choices import ProposalKind, ProposalState
from ingestion.extraction import EXTRACTOR_VERSION
from ingestion.extraction.types import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE,
    VESSEL,
    Extraction,
    Mention,
    StatementCandidate,
    TransferCandidate,
)
from ingestion.models import Article, ArticleRevision, Proposal

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


def _key_id(key: str | None, prefix: str) -> int | None:
    if key and key.startswith(prefix + ":"):
        try:
            return int(key.split(":", 1)[1])
        except ValueError:
            return None
    return None


class _Roots:
    """Each actor's independent originator (the state at the top of its parent chain:
    compliance/hierarchy.py), from one query."""

    def __init__(self):
        rows = list(Actor.objects.values_list("id", "parent_id", "kind"))
        self.parent = {pk: parent for pk, parent, _ in rows}
        self.states = {pk for pk, _, kind in rows if kind == ActorKind.STATE}
        self._families: dict[int | None, set[int]] = {}

    def root(self, actor_id: int | None) -> int | None:
        return chain_root(actor_id, self.parent.get, self.states.__contains__)

    def family(self, actor_id: int | None) -> set[int]:
        root = self.root(actor_id)
        if root is None:
            return set()
        if root not in self._families:
            self._families[root] = {a for a in self.parent if self.root(a) == root}
        return self._families[root]


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


@dataclass(frozen=True)
class ProposalCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    superseded: int = 0
    kept_decided: int = 0


# ----------------------------------------------------------------- building proposals
def _who(candidate: StatementCandidate) -> str:
    if candidate.speaker and candidate.on_behalf_of:
        return f"{candidate.speaker} ({candidate.on_behalf_of})"
    return candidate.speaker or candidate.on_behalf_of or "Unnamed source"


def _allegation_of_statement(statement_id: int) -> int | None:
    return (
        AllegationStatement.objects.filter(statement_id=statement_id)
        .order_by("allegation_id")
        .values_list("allegation_id", flat=True)
        .first()
    )


class _RecordedStatements:
    """The record's statements that an article's candidates could repeat, fetched in one go:
    those of the same originators (or speakers), newest first."""

    LIMIT = 2000

    def __init__(self, candidates: tuple[StatementCandidate, ...], roots: _Roots):
        self.roots = roots
        originators: set[int] = set()
        speakers: set[int] = set()
        for candidate in candidates:
            for key in (candidate.on_behalf_of_key, *candidate.on_behalf_of_keys):
                originator = _key_id(key, "actor")
                if originator is not None:
                    originators |= roots.family(originator)
            speaker = _key_id(candidate.speaker_key, "actor")
            if speaker is not None:
                speakers.add(speaker)
        # Cached per originator (its whole family) and per speaker, so articles about the
        # same governments share one read of their statements.
        rows: dict[int, tuple[Statement, set[int], list[str]]] = {}
        for root in {roots.root(a) for a in originators}:
            family = roots.family(root)
            for row in record_cached(("statements-of", root), lambda family=family: self._load(
                    Q(on_behalf_of__in=family))):
                rows[row[0].pk] = row
        for speaker in speakers:
            for row in record_cached(("statements-by", speaker), lambda speaker=speaker: self._load(
                    Q(speaker_id=speaker))):
                rows[row[0].pk] = row
        self.rows = list(rows.values())

    def _load(self, condition: Q) -> list[tuple[Statement, set[int], list[str]]]:
        rows = []
        statements = (
            Statement.objects.filter(condition)
            .distinct()
            .order_by("-stated_on", "-id")
            .prefetch_related("source_links", "on_behalf_of")[: self.LIMIT]
        )
        for statement in statements:
            texts = [_norm(t) for t in (statement.quote, statement.gist,
                                        *(link.excerpt for link in statement.source_links.all()))]
            rows.append((statement, {a.pk for a in statement.on_behalf_of.all()},
                         [t for t in texts if len(t) >= 15]))
        return rows

    def match(self, candidate: StatementCandidate) -> int | None:
        """A statement already in the record that says the same thing for the same originator."""
        quote = _norm(candidate.quote)
        if len(quote) < 15:
            return None
        originator = _key_id(candidate.on_behalf_of_key, "actor")
        family = self.roots.family(originator) if originator is not None else set()
        speaker = _key_id(candidate.speaker_key, "actor")
        for statement, originators, texts in self.rows:
            if statement.stance != candidate.stance:
                continue
            if family and not (originators & family):
                continue
            if not family and statement.speaker_id != speaker:
                continue
            if any(fuzz.partial_ratio(quote, text) >= 85 for text in texts):
                return statement.pk
        return None


class _RecordedTransfers:
    """The record's transfers between the same parties, fetched once per pair of originators."""

    def __init__(self, roots: _Roots):
        self.roots = roots

    def _between(self, supplier: int, recipient: int) -> list[Transfer]:
        pair = (self.roots.root(supplier), self.roots.root(recipient))
        return record_cached(("transfers", pair), lambda: list(
            Transfer.objects.filter(
                supplier__in=self.roots.family(supplier), recipient__in=self.roots.family(recipient)
            ).prefetch_related("legs")[:200]
        ))

    def match(self, candidate: TransferCandidate) -> int | None:
        supplier = _key_id(candidate.supplier_key, "actor")
        recipient = _key_id(candidate.recipient_key, "actor")
        if supplier is None or recipient is None:
            return None
        route = {_key_id(key, "place") for leg in candidate.legs for key in (leg.from_key, leg.to_key)}
        route.discard(None)
        best, best_score = None, 0
        for transfer in self._between(supplier, recipient):
            places = {p for leg in transfer.legs.all() for p in (leg.from_place_id, leg.to_place_id)}
            score = 2 * len(route & places)
            if candidate.period_start and transfer.period_start and transfer.period_end:
                end = candidate.period_end or candidate.period_start
                if candidate.period_start <= transfer.period_end and end >= transfer.period_start:
                    score += 1
            if score > best_score:
                best, best_score = transfer.pk, score
        return best

    def allegation(self, transfer_id: int) -> int | None:
        return record_cached(("transfer-allegation", transfer_id), lambda: (
            Allegation.objects.filter(transfers=transfer_id).order_by("id").values_list("id", flat=True).first()
        ))


def _statement_drafts(extraction: Extraction, roots: _Roots) -> list[_Draft]:
    drafts = []
    recorded = _RecordedStatements(extraction.statements, roots)
    allegations = {}
    for candidate in extraction.statements:
        matching = recorded.match(candidate)
        if matching and matching not in allegations:
            allegations[matching] = record_cached(("statement-allegation", matching),
                                            lambda matching=matching: _allegation_of_statement(matching))
        who = candidate.speaker_key or candidate.speaker or ""
        drafts.append(_Draft(
            kind=ProposalKind.STATEMENT,
            fingerprint=_fingerprint(candidate.stance, who, candidate.on_behalf_of_key or candidate.on_behalf_of,
                                     candidate.quote[:300]),
            summary=f"{_who(candidate)} {Stance(candidate.stance).label.lower()}: {candidate.quote}"[:300],
            payload=_jsonable(candidate),
            start=candidate.start,
            end=candidate.end,
            matching_statement_id=matching,
            suggested_allegation_id=allegations.get(matching),
        ))
    return drafts


def _transfer_drafts(extraction: Extraction, roots: _Roots) -> list[_Draft]:
    drafts = []
    recorded = _RecordedTransfers(roots)
    for candidate in extraction.transfers:
        matching = recorded.match(candidate)
        allegation = recorded.allegation(matching) if matching else None
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
            matching_transfer_id=matching,
            suggested_allegation_id=allegation,
        ))
    return drafts


_NEW_KIND = {PERSON: ProposalKind.NEW_ACTOR, ORGANIZATION: ProposalKind.NEW_ACTOR, COUNTRY: ProposalKind.NEW_ACTOR,
             PLACE: ProposalKind.NEW_PLACE, VESSEL: ProposalKind.NEW_VESSEL}


def _entity_drafts(extraction: Extraction) -> list[_Draft]:
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in extraction.mentions:
        if mention.key:
            groups[(ProposalKind.ENTITY, mention.key)].append(mention)
        elif mention.category in _NEW_KIND:
            groups[(_NEW_KIND[mention.category], f"{mention.category}:{_norm(mention.name)}")].append(mention)
    drafts = []
    for (kind, ident), mentions in groups.items():
        first = min(mentions, key=lambda m: m.start)
        roles = sorted({m.role for m in mentions if m.role})
        affiliations = sorted({m.affiliation for m in mentions if m.affiliation})
        label = "Mentions" if kind == ProposalKind.ENTITY else "New"
        drafts.append(_Draft(
            kind=kind,
            fingerprint=_fingerprint(ident),
            summary=f"{label} {first.category}: {first.name}"
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


def proposals_replace(*, article: Article, revision: ArticleRevision, extraction: Extraction) -> ProposalCounts:
    """Bring the article's proposals in line with a new extraction. A finding already decided
    (accepted or rejected) is left as it was decided; pending findings are refreshed; pending
    ones that the extraction no longer produces are marked superseded, not deleted."""
    roots = record_cached("roots", _Roots)
    drafts = [*_statement_drafts(extraction, roots), *_transfer_drafts(extraction, roots),
              *_entity_drafts(extraction)]
    # A transfer matched to an allegation suggests that allegation for the article's statements.
    article_allegation = next((d.suggested_allegation_id for d in drafts
                               if d.kind == ProposalKind.TRANSFER and d.suggested_allegation_id), None)
    existing = {(p.kind, p.fingerprint): p for p in article.proposals.all()}
    counts = defaultdict(int)
    seen = set()
    new: list[Proposal] = []
    for draft in drafts:
        key = (draft.kind, draft.fingerprint)
        if key in seen:
            continue
        seen.add(key)
        if draft.kind == ProposalKind.STATEMENT and draft.suggested_allegation_id is None:
            draft.suggested_allegation_id = article_allegation
        if draft.kind in (ProposalKind.STATEMENT, ProposalKind.TRANSFER):
            lo, hi = draft.start, draft.end
        else:
            lo, hi = _sentence_around(extraction, draft.start, draft.end)
        values = {
            "revision_id": revision.pk,
            "summary": draft.summary,
            "payload": draft.payload,
            "start": draft.start,
            "end": draft.end,
            "excerpt": revision.text[lo:hi],
            "extractor_version": EXTRACTOR_VERSION,
            "suggested_allegation_id": draft.suggested_allegation_id,
            "matching_statement_id": draft.matching_statement_id,
            "matching_transfer_id": draft.matching_transfer_id,
        }
        proposal = existing.get(key)
        if proposal is None:
            new.append(Proposal(article=article, kind=draft.kind, fingerprint=draft.fingerprint, **values))
            continue
        if proposal.state in (ProposalState.ACCEPTED, ProposalState.REJECTED):
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
    counts["created"] = len(new)
    stale = [p.pk for key, p in existing.items() if key not in seen and p.state == ProposalState.PENDING]
    if stale:
        counts["superseded"] = Proposal.objects.filter(pk__in=stale).update(
            state=ProposalState.SUPERSEDED, updated_at=timezone.now()
        )
    return ProposalCounts(**counts)


# ----------------------------------------------------------------- deciding proposals
def _user_of(by: Who | None):
    if by is None or isinstance(by, SystemActor) or not getattr(by, "is_authenticated", False):
        return None
    return by


def _lock_pending(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().select_related("article", "revision").get(pk=proposal.pk)
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
    changes = {"state": [before, state], **{k: [None, str(v)] for k, v in results.items() if v is not None}}
    audit_record(by=by, action=AuditAction.UPDATE, instance=proposal, changes=changes, reason=note)
    return proposal


def _actor(key_or_id: Any, label: str) -> Actor | None:
    if key_or_id in (None, ""):
        return None
    actor_id = key_or_id if isinstance(key_or_id, int) else _key_id(str(key_or_id), "actor")
    if actor_id is None and str(key_or_id).isdigit():
        actor_id = int(key_or_id)
    actor = Actor.objects.filter(pk=actor_id).first() if actor_id is not None else None
    if actor is None:
        raise DomainError(f"The {label} “{key_or_id}” is not an actor in the record.")
    return actor


def _date(value: Any, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DomainError(f"The {label} “{value}” is not a date (YYYY-MM-DD).") from exc


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


def _allegation_for(proposal: Proposal, edits: dict, by: Who | None) -> Allegation | None:
    """The allegation a person chose to link the finding to: an existing one by id, or a new
    one opened (at "reported") with the title they gave."""
    title = (edits.get("new_allegation_title") or "").strip()
    if title:
        if Allegation.objects.filter(title__iexact=title).exists():
            raise DomainError(f"An allegation titled “{title}” already exists: link to it instead.")
        return allegation_create(
            allegation=Allegation(title=title[:300], summary=proposal.summary), by=by,
            rationale=f"Opened from proposal #{proposal.pk} (article #{proposal.article_id}).",
        )
    allegation_id = edits.get("allegation_id")
    if not allegation_id:
        return None
    allegation = Allegation.objects.filter(pk=allegation_id).first() if str(allegation_id).isdigit() else None
    if allegation is None:
        raise DomainError(f"Allegation #{allegation_id} does not exist.")
    return allegation


def _accept_statement(proposal: Proposal, edits: dict, by: Who | None, note: str) -> dict:
    data = {**proposal.payload, **edits}
    document = article_source_document(article=proposal.article, by=by)
    statement = None
    if proposal.matching_statement_id and not edits.get("as_new"):
        statement = proposal.matching_statement
    else:
        keys = data.get("on_behalf_of_ids") or data.get("on_behalf_of_keys") or [data.get("on_behalf_of_key")]
        originators = list(dict.fromkeys(_actor(k, "originator") for k in keys if k not in (None, "")))
        if not originators:
            raise DomainError(
                "Name the government or body whose position this is (on behalf of) before accepting: "
                "extraction did not match one in the reference data."
            )
        stance = data.get("stance")
        if stance not in Stance.values:
            raise DomainError(f"Unknown stance “{stance}”.")
        speaker = _actor(data.get("speaker_id") or data.get("speaker_key"), "speaker") if (
            data.get("speaker_id") or data.get("speaker_key")) else None
        term = None
        term_id = data.get("estimative_term_id") or _key_id(data.get("term_key"), "term")
        if term_id:
            term = EstimativeTerm.objects.filter(pk=term_id).first()
        title = data.get("speaker_title") or data.get("speaker_role") or ""
        if speaker is None and data.get("speaker"):
            title = f"{title} {data['speaker']}".strip()
        statement = Statement(
            speaker=speaker,
            speaker_title=title[:200],
            stated_on=_date(data.get("stated_on") or data.get("date"), "date"),
            stated_on_precision=data.get("date_precision") or DatePrecision.DAY,
            stance=stance,
            estimative_phrase=(data.get("probability_term") or "")[:80],
            estimative_term=term,
            quote=data.get("quote", "") if data.get("direct") else "",
            gist=(data.get("gist") or data.get("quote") or proposal.summary)[:2000],
        )
        if statement.stated_on is None:
            statement.stated_on_precision = DatePrecision.DAY
        record_save(instance=statement, by=by, reason=note or f"Accepted from proposal #{proposal.pk}.")
        record_set_related(instance=statement, field="on_behalf_of", values=originators, by=by,
                           reason=f"Accepted from proposal #{proposal.pk}.")
    if not StatementSource.objects.filter(statement=statement, document=document).exists():
        record_save(instance=StatementSource(statement=statement, document=document, excerpt=proposal.excerpt),
                    by=by, reason=f"Reported by ingested article #{proposal.article_id}.")
    allegation = _allegation_for(proposal, edits, by)
    if allegation is not None and not AllegationStatement.objects.filter(
        allegation=allegation, statement=statement
    ).exists():
        bearing = edits.get("bearing") or default_bearing(statement.stance, statement.estimative_term)
        if bearing not in Bearing.values:
            raise DomainError(f"Unknown bearing “{bearing}”.")
        record_save(instance=AllegationStatement(allegation=allegation, statement=statement, bearing=bearing),
                    by=by, reason=note or f"Linked from proposal #{proposal.pk}.")
    return {"statement": statement}


def _item_category(description: str, suggested: list[str], index: int) -> str:
    if index < len(suggested) and suggested[index] in ItemCategory.values:
        return suggested[index]
    return ItemCategory.of(description)


def _accept_transfer(proposal: Proposal, edits: dict, by: Who | None, note: str) -> dict:
    data = {**proposal.payload, **edits}
    if proposal.matching_transfer_id and not edits.get("as_new"):
        transfer = proposal.matching_transfer
        _link_transfer(_allegation_for(proposal, edits, by), transfer, by, note, proposal)
        return {"transfer": transfer}
    supplier = _actor(data.get("supplier_id") or data.get("supplier_key"), "supplier")
    recipient = _actor(data.get("recipient_id") or data.get("recipient_key"), "recipient")
    if supplier is None or recipient is None:
        raise DomainError("Name the supplier and the recipient before accepting transfer details.")
    status = data.get("status_claimed") or TransferStatus.AGREED
    if status not in TransferStatus.values:
        raise DomainError(f"Unknown transfer status “{status}”.")
    start, end = _date(data.get("period_start"), "start"), _date(data.get("period_end"), "end")
    transfer = Transfer(
        title=(data.get("title") or f"{supplier} to {recipient}: {', '.join(data.get('items') or []) or 'transfer'}"
               + (f" ({start:%b %Y})" if start else ""))[:300],
        supplier=supplier,
        recipient=recipient,
        period_start=start,
        period_end=end,
        status_claimed=status,
        description=f"From ingested article #{proposal.article_id}: {proposal.excerpt}"[:5000],
    )
    reason = note or f"Accepted from proposal #{proposal.pk}."
    record_save(instance=transfer, by=by, reason=reason)
    suggested = list(data.get("item_categories") or [])
    for index, description in enumerate(data.get("items") or []):
        record_save(instance=TransferItem(
            transfer=transfer, category=_item_category(description, suggested, index),
            description=description[:300], quantity_text=(data.get("quantity") or "")[:100] if index == 0 else "",
        ), by=by, reason=reason)
    legs = []
    for leg in data.get("legs") or []:
        origin = Place.objects.filter(pk=_key_id(leg.get("from_key"), "place")).first()
        destination = Place.objects.filter(pk=_key_id(leg.get("to_key"), "place")).first()
        if origin is None or destination is None:
            legs = []  # a route with an unknown place is left for a person to enter
            break
        mode = leg.get("mode") if leg.get("mode") in TransportMode.values else TransportMode.UNKNOWN
        legs.append(LegData(from_place=origin, to_place=destination, mode=mode))
    if legs:
        try:
            transfer_set_route(transfer=transfer, legs=legs, by=by, reason=reason)
        except ValidationError as exc:
            raise DomainError("The extracted route is not a single journey: " + "; ".join(exc.messages)) from exc
    _link_transfer(_allegation_for(proposal, edits, by), transfer, by, note, proposal)
    return {"transfer": transfer}


def _link_transfer(allegation: Allegation | None, transfer: Transfer, by: Who | None, note: str,
                   proposal: Proposal) -> None:
    if allegation is None or allegation.transfers.filter(pk=transfer.pk).exists():
        return
    record_set_related(instance=allegation, field="transfers", values=[*allegation.transfers.all(), transfer],
                       by=by, reason=note or f"Linked from proposal #{proposal.pk}.")


def _accept_entity(proposal: Proposal, edits: dict, by: Who | None, note: str) -> dict:
    key = proposal.payload.get("key") or ""
    if key.startswith("actor:"):
        return {"actor": _actor(key, "actor")}
    if key.startswith("place:"):
        return {"place": Place.objects.filter(pk=_key_id(key, "place")).first()}
    return {}


_ACTOR_KIND = {PERSON: ActorKind.PERSON, ORGANIZATION: ActorKind.ORGANISATION, COUNTRY: ActorKind.STATE}


def _accept_new_actor(proposal: Proposal, edits: dict, by: Who | None, note: str) -> dict:
    name = (edits.get("name") or proposal.payload.get("name") or "").strip()
    kind = edits.get("kind") or _ACTOR_KIND.get(proposal.payload.get("category"), ActorKind.ORGANISATION)
    if kind not in ActorKind.values:
        raise DomainError(f"Unknown actor kind “{kind}”.")
    if Actor.objects.filter(name__iexact=name, kind=kind).exists():
        raise DomainError(f"“{name}” is already in the record as a {ActorKind(kind).label.lower()}.")
    actor = Actor(name=name[:200], kind=kind, country=edits.get("country") or "",
                  description=edits.get("description") or f"First seen in ingested article #{proposal.article_id}.")
    record_save(instance=actor, by=by, reason=note or f"Accepted from proposal #{proposal.pk}.")
    return {"actor": actor}


def _accept_new_place(proposal: Proposal, edits: dict, by: Who | None, note: str) -> dict:
    name = (edits.get("name") or proposal.payload.get("name") or "").strip()
    if edits.get("latitude") in (None, "") or edits.get("longitude") in (None, ""):
        raise DomainError(f"Give the coordinates of “{name}” (latitude and longitude) to add it as a place.")
    place = Place(name=name[:200], kind=edits.get("kind") or PlaceKind.OTHER, country=edits.get("country") or "",
                  latitude=edits["latitude"], longitude=edits["longitude"],
                  note=edits.get("note") or f"First seen in ingested article #{proposal.article_id}.")
    record_save(instance=place, by=by, reason=note or f"Accepted from proposal #{proposal.pk}.")
    return {"place": place}


def _accept_new_vessel(proposal: Proposal, edits: dict, by: Who | None, note: str) -> dict:
    name = (edits.get("name") or proposal.payload.get("name") or "").strip()
    vessel = Vessel(name=name[:120], imo_number=edits.get("imo_number") or "",
                    note=edits.get("note") or f"First seen in ingested article #{proposal.article_id}.")
    record_save(instance=vessel, by=by, reason=note or f"Accepted from proposal #{proposal.pk}.")
    return {}


_ACCEPT = {
    ProposalKind.STATEMENT: _accept_statement,
    ProposalKind.TRANSFER: _accept_transfer,
    ProposalKind.ENTITY: _accept_entity,
    ProposalKind.NEW_ACTOR: _accept_new_actor,
    ProposalKind.NEW_PLACE: _accept_new_place,
    ProposalKind.NEW_VESSEL: _accept_new_vessel,
}


@transaction.atomic
def proposal_accept(*, proposal: Proposal, by: Who | None, edits: dict | None = None, note: str = "") -> Proposal:
    """Accept a proposal, with a person's corrections in ``edits``: the record is written by
    the same services a person uses by hand, and the proposal records who accepted it."""
    require_role(by, Role.ANALYST, "accept proposals")
    proposal = _lock_pending(proposal)
    transaction.on_commit(record_cache_clear)
    try:
        results = _ACCEPT[proposal.kind](proposal, dict(edits or {}), by, note.strip())
    except ValidationError as exc:
        raise DomainError("; ".join(exc.messages)) from exc
    return _decide(proposal, state=ProposalState.ACCEPTED, by=by, note=note.strip(), **results)


@transaction.atomic
def proposal_reject(*, proposal: Proposal, by: Who | None, note: str) -> Proposal:
    """Reject a proposal, with the reason. It is kept, so re-extraction does not propose it again."""
    require_role(by, Role.ANALYST, "reject proposals")
    note = (note or "").strip()
    if not note:
        raise DomainError("Say why the proposal is rejected.")
    proposal = _lock_pending(proposal)
    return _decide(proposal, state=ProposalState.REJECTED, by=by, note=note)
