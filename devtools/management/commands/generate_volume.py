"""``manage.py generate_volume``: synthetic record data at volume, for measuring the staff pages.

Fills the configured database with a record shaped like the real one, at the size the
pages must cope with (10,000 allegations and 100,000 statements by default): states with
their government bodies, officials with roles, outlets and their articles, transfers with
items and consecutive route legs, allegations with their transfers, provisions, statements,
evidence and status history, and a few pending status-change proposals. With --articles
(2,000 by default) it adds ingestion's side: articles with one revision each, their
submissions, a few near-duplicate clusters, about ten proposals per article (statements,
transfer details, new names) pointing at valid spans of the article's text and suggesting the
generated allegations, and the known names each article holds, linked as extraction links them.

It writes with ``bulk_create``, not through the services: the rows are synthetic benchmark
data, so they carry no audit entries, and the services' per-row checks would make the run
take hours. Every generated row that has a ``ref`` gets ``vol-<model>-<n>``, and every generated
article a URL ending ``/vol-article-<n>`` on the reserved ``.example`` domain; the command
refuses to run beside allegations or articles that are not its own unless told to, and links
its rows only to its own rows and to reference tables (provisions, estimative terms)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from compliance.choices import (
    ActorKind,
    Bearing,
    DatePrecision,
    DocumentKind,
    EvidenceKind,
    EvidentiaryStatus,
    InformationCredibility,
    ItemCategory,
    PlaceKind,
    ProvisionCategory,
    SourceReliability,
    Stance,
    TransferStatus,
    TransportMode,
)
from compliance.models import (
    Actor,
    ActorRole,
    Allegation,
    AllegationEvidence,
    AllegationProvision,
    AllegationStatement,
    EstimativeTerm,
    EvidenceItem,
    Place,
    Provision,
    Resolution,
    RouteLeg,
    SourceDocument,
    Statement,
    StatementSource,
    StatusChangeRequest,
    StatusTransition,
    Transfer,
    TransferItem,
    Vessel,
)
from compliance.models.base import Verification
from compliance.stances import STANCES
from compliance.workflow import transitions_from
from ingestion.choices import (
    ExtractionState,
    ProposalKind,
    ProposalState,
    SubmissionOrigin,
    SubmissionOutcome,
    SubmissionState,
)
from ingestion.cleaning import content_hash
from ingestion.dedup import NUM_PERM
from ingestion.extraction import EXTRACTOR_VERSION
from ingestion.extraction.types import COUNTRY, ORGANIZATION, PERSON, PLACE
from ingestion.models import Article, ArticleEntity, ArticleRevision, Cluster, Proposal, Submission

PREFIX = "vol-"
ARTICLE_URL_PATTERN = rf"/{PREFIX}article-[0-9]+$"
ACTOR_LABEL = "generate_volume"
USERNAME = "volume-generator"
SYNTHETIC = "Synthetic volume data (manage.py generate_volume); not a real source."
FIRST_DAY = dt.date(2022, 1, 1)

# The shape of the reference data; documents, transfers and evidence scale with the allegations.
STATES = 20
BODIES_PER_STATE = 3
ORGANISATIONS = 10
OUTLETS = 40
PERSONS = 70
PLACES = 300
VESSELS = 150
DOCUMENTS_PER_ALLEGATION = 2
TRANSFERS_PER_ALLEGATION = 0.8
EVIDENCE_PER_ALLEGATION = 0.25
PENDING_REQUEST_SHARE = 0.01
# A few allegations carry about a hundred statements each: the worst case of the dossier.
HOT_ALLEGATION_EVERY = 500
HOT_ALLEGATION_STATEMENTS = 100

STATUS_WEIGHTS = {
    EvidentiaryStatus.REPORTED: 40,
    EvidentiaryStatus.CORROBORATED: 25,
    EvidentiaryStatus.DISPUTED: 12,
    EvidentiaryStatus.CONFIRMED: 10,
    EvidentiaryStatus.REFUTED: 5,
    EvidentiaryStatus.RETRACTED: 8,
}
# How each status is reached from the opening row, through transitions the workflow allows,
# so that an allegation's history always ends at its status.
STATUS_PATHS = {
    EvidentiaryStatus.REPORTED: [EvidentiaryStatus.REPORTED],
    EvidentiaryStatus.CORROBORATED: [EvidentiaryStatus.CORROBORATED],
    EvidentiaryStatus.DISPUTED: [EvidentiaryStatus.REPORTED, EvidentiaryStatus.DISPUTED],
    EvidentiaryStatus.CONFIRMED: [EvidentiaryStatus.CORROBORATED, EvidentiaryStatus.CONFIRMED],
    EvidentiaryStatus.REFUTED: [EvidentiaryStatus.REPORTED, EvidentiaryStatus.REFUTED],
    EvidentiaryStatus.RETRACTED: [EvidentiaryStatus.REPORTED, EvidentiaryStatus.RETRACTED],
}
STANCE_WEIGHTS = {
    Stance.ASSERTS: 35,
    Stance.ASSESSES: 18,
    Stance.CONDEMNS: 17,
    Stance.WARNS: 10,
    Stance.DENIES: 15,
    Stance.DECLINES_TO_COMMENT: 5,
}
# The bearing a stance gets when nobody chose one: the stance table's (compliance/stances.py).
BEARING_OF_STANCE = {stance: rule.position for stance, rule in STANCES.items()}
GIST = {
    Stance.ASSERTS: "{origin} says {supplier} has delivered {item} to {recipient} through {place}.",
    Stance.ASSESSES: "{origin} assesses that it is {term} that {supplier} supplied {item} to {recipient}.",
    Stance.CONDEMNS: "{origin} condemns the transfer of {item} from {supplier} to {recipient} as a "
    "breach of Security Council resolutions.",
    Stance.WARNS: "{origin} warns that further shipments of {item} to {recipient} through {place} "
    "would violate UN sanctions.",
    Stance.DENIES: "{origin} denies that any {item} were sent from {supplier} to {recipient}.",
    Stance.DECLINES_TO_COMMENT: "{origin} declines to comment on reports of {item} moving through {place}.",
}
RELIABILITY_WEIGHTS = dict(zip(SourceReliability, [5, 30, 35, 12, 5, 13]))  # A..F
CREDIBILITY_WEIGHTS = dict(zip(InformationCredibility, [10, 30, 30, 10, 5, 15]))  # 1..6
ITEMS = [
    # category, description, unit, quantity range (None: not quantified)
    (ItemCategory.ARTILLERY_AMMUNITION, "152 mm artillery shells", "rounds", (10_000, 3_000_000)),
    (ItemCategory.ARTILLERY_AMMUNITION, "122 mm artillery shells", "rounds", (5_000, 1_000_000)),
    (ItemCategory.ROCKETS, "multiple-launch rocket system rockets", "rockets", (500, 60_000)),
    (ItemCategory.BALLISTIC_MISSILES, "short-range ballistic missiles", "missiles", (5, 120)),
    (ItemCategory.SMALL_ARMS, "assault rifles and ammunition", "rifles", (1_000, 80_000)),
    (ItemCategory.MILITARY_EQUIPMENT, "military equipment and munitions", "containers", (50, 3_000)),
    (ItemCategory.RAW_MATERIALS, "explosive precursors", "tonnes", (10, 5_000)),
    (ItemCategory.TECHNOLOGY, "satellite and missile technology", "", None),
    (ItemCategory.PERSONNEL, "military personnel", "troops", (1_000, 12_000)),
    (ItemCategory.OTHER, "dual-use machine tools", "containers", (5, 500)),
]
SYLLABLES = ["Al", "Bre", "Cor", "Dal", "Es", "Far", "Gor", "Hal", "Ist", "Jor", "Kar", "Lun", "Mor",
             "Nor", "Ost", "Pel", "Quar", "Ros", "Sel", "Tor", "Ul", "Vel", "Wes", "Yar", "Zan"]
ENDINGS = ["dovia", "mark", "land", "istan", "ria", "nesia", "gard", "mora", "thia", "via"]
BODIES = ["Ministry of Defence", "Ministry of Foreign Affairs", "National Security Council",
          "Defence Intelligence Agency", "Office of the President", "Joint Chiefs of Staff",
          "Mission to the United Nations", "Customs Service"]
ORGANISATION_NAMES = ["Orbital Imaging", "Conflict Armament Monitor", "Open Source Arms Observatory",
                      "Maritime Transparency Project", "Institute for Strategic Studies",
                      "Sanctions Research Centre", "Rail Logistics Watch", "Harbour Analytics",
                      "Munitions Forensics Group", "Northern Security Forum"]
OUTLET_NOUNS = ["Herald", "Times", "Post", "Wire", "Daily", "Tribune", "Gazette", "Observer",
                "Chronicle", "Broadcasting", "Review", "News Agency"]
FIRST_NAMES = ["Anna", "Boris", "Chen", "Daniel", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid",
               "Jae-won", "Kofi", "Lena", "Mikhail", "Nadia", "Oleg", "Priya", "Quentin", "Rosa",
               "Sergei", "Tomoko", "Umar", "Vera", "William", "Xu", "Yuna", "Zoltan"]
LAST_NAMES = ["Abramov", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Gallagher", "Haddad",
              "Ito", "Jansen", "Kim", "Lindqvist", "Moreau", "Novak", "Okafor", "Park", "Quinn",
              "Romanov", "Sato", "Tanaka", "Ueda", "Volkov", "Walsh", "Yamada", "Zhang"]
TITLES = ["spokesperson", "minister", "deputy minister", "ambassador", "press secretary",
          "director", "coordinator for strategic communications", "chief of staff"]
PLACE_WORDS = {
    PlaceKind.PORT: "Port of {name}",
    PlaceKind.NAVAL_FACILITY: "{name} naval base",
    PlaceKind.DEPOT: "{name} ammunition depot",
    PlaceKind.RAIL_CROSSING: "{name} rail crossing",
    PlaceKind.CITY: "{name}",
    PlaceKind.COSMODROME: "{name} cosmodrome",
    PlaceKind.REGION: "{name} region",
    PlaceKind.OTHER: "{name} facility",
}
PLACE_KIND_WEIGHTS = {PlaceKind.PORT: 25, PlaceKind.NAVAL_FACILITY: 5, PlaceKind.DEPOT: 20,
                      PlaceKind.RAIL_CROSSING: 15, PlaceKind.CITY: 20, PlaceKind.COSMODROME: 2,
                      PlaceKind.REGION: 8, PlaceKind.OTHER: 5}
COUNTRIES = ["KP", "RU", "CN", "BY", "IR", "KR", "JP", "US", "GB", "UA", "MN", "KZ", "SY", "FR", "DE",
             "PL", "TR", "IN", "VN", "LA"]
MODE_WEIGHTS = {TransportMode.SEA: 40, TransportMode.RAIL: 38, TransportMode.ROAD: 14,
                TransportMode.AIR: 4, TransportMode.UNKNOWN: 4}
TRANSFER_STATUS_WEIGHTS = {TransferStatus.NEGOTIATING: 8, TransferStatus.AGREED: 10,
                           TransferStatus.IN_TRANSIT: 17, TransferStatus.DELIVERED: 45,
                           TransferStatus.USED_IN_COMBAT: 20}
VENUES = ["press briefing", "press conference", "interview", "written statement",
          "UN Security Council meeting", "parliamentary hearing", "social media post", ""]
SENTENCES = [
    "Officials said the shipments had been observed over several weeks.",
    "Satellite images showed containers stacked on the quay before they were loaded onto rail cars.",
    "The ministry did not respond to a request for comment.",
    "Analysts said the volume of ammunition was consistent with earlier assessments.",
    "The statement came a day after the foreign ministers met in the capital.",
    "Independent researchers traced the vessels' movements using commercial tracking data.",
    "Diplomats at the United Nations called for the sanctions committee to investigate.",
    "The government rejected the reports as baseless and politically motivated.",
]

# Ingestion at volume: articles of 2-4 KB, about ten proposals each, kinds mixed as in a real
# run of the extractor over news about transfers.
ARTICLE_CHARS = (2_000, 4_000)
PROPOSALS_PER_ARTICLE = (7, 13)
NEAR_DUPLICATE_SHARE = 0.03
SUGGESTED_SHARE = 0.5  # statements and transfer details that suggest an allegation
PROPOSAL_KIND_WEIGHTS = {ProposalKind.STATEMENT: 30, ProposalKind.TRANSFER: 7, ProposalKind.NEW_ACTOR: 5,
                         ProposalKind.NEW_PLACE: 8}
# Known names linked on each article (ArticleEntity, one row per occurrence), besides those in
# its findings' sentences.
KNOWN_NAMES_PER_ARTICLE = (3, 8)
PROPOSAL_STATE_WEIGHTS = {ProposalState.PENDING: 80, ProposalState.ACCEPTED: 8, ProposalState.REJECTED: 8,
                          ProposalState.SUPERSEDED: 4}
# New names are never accepted here: accepting one creates an actor or place, which this
# generator does not do.
DECIDABLE = {ProposalKind.STATEMENT, ProposalKind.TRANSFER}
# What a statement says, by stance: the attribution verb and the reported words, in which
# {S}, {R} and {P} are the supplier, recipient and place (marked as names).
CLAIMS = {
    Stance.ASSERTS: ("said", "{S} has delivered {item} to {R} through {P}"),
    Stance.ASSESSES: ("assessed", "it is {term} that {S} supplied {item} to {R}"),
    Stance.CONDEMNS: ("said", "the transfer of {item} from {S} to {R} was a flagrant breach of "
                              "Security Council resolutions"),
    Stance.WARNS: ("warned", "further shipments of {item} to {R} through {P} would violate UN sanctions"),
    Stance.DENIES: ("said", "no {item} had been sent from {S} to {R}"),
    Stance.DECLINES_TO_COMMENT: ("said", "it would not comment on reports of {item} moving through {P}"),
}
# Sentences that mention one known name ({N}), to spread the gazetteer's hits over the record.
NAME_SENTENCES = {
    PLACE: ["Satellite images of {N} showed increased activity in recent weeks.",
            "Rail cars were seen leaving {N} under guard, residents said.",
            "Customs records list several consignments cleared at {N} last year."],
    ORGANIZATION: ["Officials at {N} did not respond to a request for comment.",
                   "{N} said it had tracked the shipments using commercial satellite imagery.",
                   "The claims were first reported by {N}."],
    PERSON: ["{N} has repeatedly rejected the accusations.",
             "{N} declined to take questions after the briefing."],
    COUNTRY: ["Relations with {N} have deepened since the start of the war.",
              "{N} has not commented publicly on the reports."],
}
NEW_ACTOR_SENTENCES = ["A company called {N} arranged the shipments, according to the documents.",
                       "Freight for the consignment was booked through {N}, the investigators found."]
NEW_ACTOR_WORDS = ["Trading Company", "Logistics", "Shipping Ltd", "Machine Works", "Freight Services"]
NEW_PLACE_SENTENCES = ["The containers were later seen at {N}, according to local residents.",
                       "Trucks from the port were tracked to {N} the following week."]
NEW_PLACE_WORDS = ["airfield", "freight terminal", "border crossing", "warehouse district", "storage site"]
TRANSFER_ROUTE_SENTENCE = "The cargo was then moved from {P} to {Q} by {mode}, the report said."
ARTICLE_SENTENCES = [
    *SENTENCES,
    "The reports could not be independently verified.",
    "Experts said the munitions were likely to be used on the front line within weeks.",
    "A spokesperson for the sanctions committee said the panel would review the evidence.",
    "The shipments are believed to have begun in the second half of the year.",
    "Both governments have denied violating any international obligations.",
    "Shipping data showed the vessels switching off their transponders near the coast.",
    "The panel of experts has documented similar transfers in previous reports.",
    "Western officials said the deliveries had expanded the supplier's export revenue.",
    "Photographs published online appeared to show markings on the crates.",
    "Lawmakers called for new designations of the companies involved.",
    "The foreign ministry summoned the ambassador to protest against the reports.",
    "Analysts cautioned that the figures were estimates based on partial data.",
]


@dataclass
class _Transfer:
    pk: int
    title: str
    supplier: str
    recipient: str
    item: str
    place: str
    start: dt.date


@dataclass
class _Allegation:
    pk: int
    status: str
    version: int
    context: _Transfer


@dataclass(frozen=True)
class _Name:
    """A name as written into an article: a known actor or place (``key`` as the gazetteer
    gives it, "actor:<pk>" or "place:<pk>") or a new one that extraction proposes (no key)."""

    text: str
    category: str
    key: str | None = None


@dataclass
class _Line:
    """One sentence of a generated article: text and names, the reported words of a statement
    (``quote``) and what extraction finds in it. The lines of one transfer share their finding."""

    lead: list
    quote: list = field(default_factory=list)
    tail: list = field(default_factory=list)
    kind: str = ""
    finding: dict | None = None


@dataclass
class _ArticlePlan:
    """What an article reports, before fillers are added; a near duplicate reuses its original's."""

    record: _Allegation
    blocks: list[list[_Line]]
    entities: int
    title: str


@dataclass
class _Composed:
    text: str
    line_spans: dict[int, tuple[int, int]]  # id(line) -> span of the sentence
    quote_spans: dict[int, tuple[int, int]]  # id(line) -> span of the reported words
    mentions: list[tuple[_Name, int, int, tuple[int, int]]]  # name, start, end, span of its sentence


class Command(BaseCommand):
    help = (
        "Fill the configured database with synthetic record data at volume (default 10,000 allegations, "
        "100,000 statements, 2,000 ingested articles with their proposals) for measuring the staff pages. "
        "Rows are bulk-written, bypassing the services and the audit trail on purpose: they are benchmark "
        "data, recognisable by refs starting 'vol-' (articles: URLs ending '/vol-article-<n>'). Refuses to "
        "run beside allegations or articles that are not its own unless --allow-existing is given. Use a "
        "throwaway database: on PostgreSQL the status history it writes can never be deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allegations", type=int, default=10_000, help="Allegations (default 10,000).")
        parser.add_argument("--statements", type=int, default=100_000,
                            help="Statements, at least one per allegation (default 100,000).")
        parser.add_argument("--articles", type=int, default=2_000,
                            help="Ingested articles, with about ten proposals each (default 2,000; 0: none).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1): same seed, same data.")
        parser.add_argument("--batch", type=int, default=5_000, help="Rows per INSERT, and statements generated per round (default 5,000).")
        parser.add_argument("--allow-existing", action="store_true",
                            help="Generate even though the database holds allegations that are not "
                            "generated ones (they are not touched or linked to).")

    def handle(self, *args, allegations: int, statements: int, seed: int, batch: int,
               allow_existing: bool, articles: int = 2_000, **options):
        for name, value in (("--allegations", allegations), ("--statements", statements),
                            ("--batch", batch)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise CommandError(f"{name} must be a positive whole number (got {value!r}).")
        if statements < allegations:
            raise CommandError(
                f"--statements ({statements}) must be at least --allegations ({allegations}): "
                "every allegation gets at least one statement."
            )
        if not isinstance(articles, int) or isinstance(articles, bool) or articles < 0:
            raise CommandError(f"--articles must be zero or a positive whole number (got {articles!r}).")
        real = Allegation.objects.exclude(ref__startswith=PREFIX).count()
        if real and not allow_existing:
            raise CommandError(
                f"The database holds {real} allegation(s) that were not generated by this command (their "
                f"ref does not start with '{PREFIX}'). Generating beside a real record would mix synthetic "
                "rows into its lists; use a throwaway database (manage.py bench_pages makes one), or "
                "pass --allow-existing if this database is meant for it."
            )
        real_articles = Article.objects.exclude(url__regex=ARTICLE_URL_PATTERN).count() if articles else 0
        if real_articles and not allow_existing:
            raise CommandError(
                f"The database holds {real_articles} article(s) that were not generated by this command "
                f"(their URL does not end '/{PREFIX}article-<n>'). Generating beside them would mix synthetic "
                "proposals into the review queue; use a throwaway database, or pass --allow-existing."
            )

        started = time.perf_counter()
        volume = _Volume(rng=random.Random(seed), batch=batch, out=self.stdout)
        with transaction.atomic():
            volume.run(allegations=allegations, statements=statements, articles=articles)
        written = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather them soon after a load of this size;
            # without them the first queries plan against empty tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE " + ", ".join(sorted({model._meta.db_table for model in volume.models})))
        elapsed = time.perf_counter() - started

        write = self.stdout.write
        write("")
        write(f"{'table':<40} {'generated':>10} {'in database':>12}")
        for model in volume.models:
            table = model._meta.db_table
            write(f"{table:<40} {volume.counts[table]:>10,} {model._default_manager.count():>12,}")
        write(f"{'total':<40} {sum(volume.counts.values()):>10,}")
        ingested = (f", {articles:,} articles with {volume.counts[Proposal._meta.db_table]:,} proposals"
                    if articles else "")
        write(self.style.SUCCESS(
            f"Generated {allegations:,} allegations and {statements:,} statements{ingested} "
            f"({sum(volume.counts.values()):,} rows) in {elapsed:.1f} s "
            f"(writing {written:.1f} s) on {connection.vendor}, seed {seed}; no audit entries (synthetic data)."
        ))


def _ref_offset(model: type[models.Model]) -> int:
    """The highest n among the model's existing vol-<model>-<n> refs, so that a second run
    numbers on instead of colliding."""
    prefix = f"{PREFIX}{model._meta.model_name}-"
    refs = model._default_manager.filter(ref__startswith=prefix).values_list("ref", flat=True)
    return max((int(ref[len(prefix):]) for ref in refs if ref[len(prefix):].isdigit()), default=0)


def _article_offset() -> int:
    """The highest n among generated articles' URLs (…/vol-article-<n>), as _ref_offset."""
    urls = Article.objects.filter(url__regex=ARTICLE_URL_PATTERN).values_list("url", flat=True)
    return max((int(url.rsplit("-", 1)[1]) for url in urls), default=0)


def _fingerprint(*parts) -> str:
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()


def _pieces(template: str, names: dict[str, _Name], **words: str) -> list:
    """A template's text split into plain strings and the names it marks ({S}, {N}, ...)."""
    pieces = []
    for part in re.split(r"(\{\w+\})", template):
        if not part:
            continue
        key = part[1:-1] if part.startswith("{") else None
        if key in names:
            pieces.append(names[key])
        else:
            pieces.append(part.format(**words) if key else part)
    return pieces


def _plain(pieces: list) -> str:
    return "".join(piece.text if isinstance(piece, _Name) else piece for piece in pieces)


def _compose(paragraphs: list[list[_Line]]) -> _Composed:
    """The article's text, and where each sentence, reported words and name ended up in it."""
    parts: list[str] = []
    length = 0
    line_spans, quote_spans, mentions = {}, {}, []

    def put(pieces: list, found: list) -> tuple[int, int]:
        nonlocal length
        start = length
        for piece in pieces:
            text = piece.text if isinstance(piece, _Name) else piece
            if isinstance(piece, _Name):
                found.append((piece, length, length + len(text)))
            parts.append(text)
            length += len(text)
        return start, length

    for p, paragraph in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            length += 2
        for n, line in enumerate(paragraph):
            if n:
                parts.append(" ")
                length += 1
            found: list = []
            start, _ = put(line.lead, found)
            if line.quote:
                quote_spans[id(line)] = put(line.quote, found)
            _, end = put(line.tail, found)
            line_spans[id(line)] = (start, end)
            mentions.extend((*mention, (start, end)) for mention in found)
    return _Composed("".join(parts), line_spans, quote_spans, mentions)


def _unique(name: str, taken: set, max_length: int) -> str:
    """The name, or the name with a number, so that it is not among the taken ones."""
    candidate, n = name[:max_length], 1
    while candidate in taken:
        n += 1
        suffix = f" ({n})"
        candidate = name[: max_length - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


class _Volume:
    """One generation run: reference rows first, then the record that points at them."""

    def __init__(self, *, rng: random.Random, batch: int, out):
        self.rng = rng
        self.batch = batch
        self.out = out
        self.today = timezone.localdate()
        self.days = max(1, (self.today - FIRST_DAY).days)
        self.counts: Counter[str] = Counter()
        self.models: list[type[models.Model]] = []
        self.statement_of: dict[int, int] = {}  # allegation pk -> one of its statements

    # ---------------------------------------------------------------- helpers
    def _bulk(self, model: type[models.Model], rows: list) -> list:
        created = model._default_manager.bulk_create(rows, batch_size=self.batch)
        if model not in self.models:
            self.models.append(model)
        self.counts[model._meta.db_table] += len(rows)
        return created

    def _refs(self, model: type[models.Model], count: int) -> list[str]:
        start = _ref_offset(model)
        name = model._meta.model_name
        return [f"{PREFIX}{name}-{start + n}" for n in range(1, count + 1)]

    def _pick(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _date(self, start: dt.date = FIRST_DAY) -> dt.date:
        span = max(0, (self.today - start).days)
        return start + dt.timedelta(days=self.rng.randint(0, span))

    def _progress(self, message: str) -> None:
        self.out.write(f"  {message}")
        self.out.flush()

    def _place_name(self) -> str:
        return self.rng.choice(SYLLABLES) + self.rng.choice(SYLLABLES).lower() + self.rng.choice(
            ["ovo", "insk", "an", "o", "ri", "sk", "grad", "port", "ny", "ino"])

    # ---------------------------------------------------------------- the run
    def run(self, *, allegations: int, statements: int, articles: int = 0) -> None:
        self.user = self._user()
        self._actors()
        self._places()
        self._vessels()
        self._documents(allegations * DOCUMENTS_PER_ALLEGATION)
        self._provisions()
        transfers = self._transfers(max(1, round(allegations * TRANSFERS_PER_ALLEGATION)))
        records = self._allegations(allegations, transfers)
        self._history(records)
        self._statements(statements, records)
        self._evidence(max(1, round(allegations * EVIDENCE_PER_ALLEGATION)), records)
        self._requests(records)
        if articles:
            self._articles(articles, records)

    def _user(self):
        user, created = get_user_model()._default_manager.get_or_create(username=USERNAME)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def _actors(self) -> None:
        rng = self.rng
        taken: dict[str, set[str]] = {kind: set() for kind in ActorKind.values}
        for name, kind in Actor.objects.values_list("name", "kind"):
            taken[kind].add(name)

        def actor(name: str, kind: str, **fields) -> Actor:
            return Actor(name=_unique(name, taken[kind], 200), kind=kind, **fields)

        state_names = [a + b for a in SYLLABLES for b in ENDINGS]
        rng.shuffle(state_names)
        states = [actor(name, ActorKind.STATE, country=COUNTRIES[i % len(COUNTRIES)],
                        aliases=[f"Republic of {name}"], description=SYNTHETIC)
                  for i, name in enumerate(state_names[:STATES])]
        for row, ref in zip(states, self._refs(Actor, STATES)):
            row.ref = ref
        self.states = self._bulk(Actor, states)

        others: list[Actor] = []
        for state in self.states:
            for body in rng.sample(BODIES, BODIES_PER_STATE):
                others.append(actor(f"{state.name} {body}", ActorKind.GOVERNMENT_BODY, parent=state,
                                    country=state.country))
        for name in ORGANISATION_NAMES[:ORGANISATIONS]:
            kind = rng.choice([ActorKind.ORGANISATION, ActorKind.INTERNATIONAL_BODY])
            others.append(actor(name, kind))
        for _ in range(OUTLETS):
            state = rng.choice(self.states)
            others.append(actor(f"{rng.choice(['The ', ''])}{state.name} {rng.choice(OUTLET_NOUNS)}",
                                ActorKind.MEDIA_OUTLET, country=state.country))
        for _ in range(PERSONS):
            others.append(actor(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", ActorKind.PERSON))
        for row, ref in zip(others, self._refs(Actor, len(others))):
            row.ref = ref
        created = self._bulk(Actor, others)
        self.bodies = [a for a in created if a.kind == ActorKind.GOVERNMENT_BODY]
        self.organisations = [a for a in created if a.kind in (ActorKind.ORGANISATION,
                                                               ActorKind.INTERNATIONAL_BODY)]
        self.outlets = [a for a in created if a.kind == ActorKind.MEDIA_OUTLET]
        persons = [a for a in created if a.kind == ActorKind.PERSON]

        roles, self.speakers = [], []
        for person in persons:
            body = rng.choice(self.bodies)
            title = rng.choice(TITLES)
            start = self._date()
            roles.append(ActorRole(person=person, title=title, organisation=body, start_date=start,
                                   source=SYNTHETIC, verification=Verification.UNVERIFIED))
            self.speakers.append((person, f"{title.capitalize()}, {body.name}", body))
        self._bulk(ActorRole, roles)
        self._progress(f"{len(self.states) + len(created)} actors, {len(roles)} roles")

    def _places(self) -> None:
        rng = self.rng
        taken = set(Place.objects.values_list("name", flat=True))
        rows = []
        for ref in self._refs(Place, PLACES):
            kind = self._pick(PLACE_KIND_WEIGHTS)
            rows.append(Place(
                ref=ref, name=_unique(PLACE_WORDS[kind].format(name=self._place_name()), taken, 200),
                kind=kind, country=rng.choice(COUNTRIES),
                latitude=Decimal(f"{rng.uniform(30, 65):.5f}"),
                longitude=Decimal(f"{rng.uniform(25, 145):.5f}"),
                source=SYNTHETIC, verification=Verification.UNVERIFIED,
            ))
        self.places = self._bulk(Place, rows)

    def _vessels(self) -> None:
        rng = self.rng
        rows = []
        for ref in self._refs(Vessel, VESSELS):
            name = f"{self._place_name().upper()} {rng.randint(1, 99)}"
            former = [f"{self._place_name().upper()}"] if rng.random() < 0.3 else []
            # imo_number stays empty: a made-up number would need a valid check digit and
            # could collide with a real ship's.
            rows.append(Vessel(ref=ref, name=name, former_names=former, flag=rng.choice(COUNTRIES),
                               source=SYNTHETIC, verification=Verification.UNVERIFIED))
        self.vessels = self._bulk(Vessel, rows)

    def _documents(self, count: int) -> None:
        rng = self.rng
        rows = []
        for n, ref in enumerate(self._refs(SourceDocument, count)):
            roll = rng.random()
            if roll < 0.85:
                kind, outlet = DocumentKind.NEWS_ARTICLE, rng.choice(self.outlets)
            elif roll < 0.95:
                kind, outlet = DocumentKind.OFFICIAL_RELEASE, rng.choice(self.bodies)
            else:
                kind, outlet = DocumentKind.REPORT, rng.choice(self.organisations)
            published = self._date()
            subject = rng.choice(ITEMS)[1]
            title = (f"{rng.choice(self.states).name} {rng.choice(['ships', 'sends', 'moves', 'delivers'])} "
                     f"{subject} to {rng.choice(self.states).name}, "
                     f"{rng.choice(['officials say', 'report says', 'images show', 'sources claim'])}")
            domain = re.sub(r"[^a-z0-9]+", "-", outlet.name.lower().removeprefix("the ")).strip("-")
            rows.append(SourceDocument(
                ref=ref, title=title, kind=kind, outlet=outlet,
                url=f"https://{domain}.example/{published:%Y/%m/%d}/{ref}",
                published_on=published, published_on_inferred=rng.random() < 0.05,
                text=" ".join(rng.sample(SENTENCES, rng.randint(3, 7))),
                reliability=self._pick(RELIABILITY_WEIGHTS), credibility=self._pick(CREDIBILITY_WEIGHTS),
                grading_note="Synthetic grade." if rng.random() < 0.2 else "",
            ))
        self.documents = [d.pk for d in self._bulk(SourceDocument, rows)]
        self._progress(f"{len(self.documents):,} source documents")

    def _provisions(self) -> None:
        """The provisions in the database (reference data); a handful of its own if there are none."""
        self.provisions = list(Provision.objects.values_list("pk", flat=True))
        if self.provisions:
            return
        used = set(Resolution.objects.values_list("number", flat=True))
        numbers = [n for n in range(9001, 9100) if n not in used][:3]
        resolutions = self._bulk(Resolution, [
            Resolution(ref=ref, number=number, adopted_on=dt.date(2006 + i * 3, 10, 14), vote="15-0",
                       title=f"Synthetic resolution {number}", chapter_vii=True, summary=SYNTHETIC,
                       source=SYNTHETIC, verification=Verification.UNVERIFIED)
            for i, (number, ref) in enumerate(zip(numbers, self._refs(Resolution, len(numbers))))
        ])
        categories = [ProvisionCategory.ARMS_EXPORT_BAN, ProvisionCategory.MISSILE_TRANSFERS,
                      ProvisionCategory.VESSEL_MEASURES]
        rows = [Provision(resolution=resolution, paragraph=f"{p + 8}", category=categories[p],
                          obligation=f"{categories[p].label} (synthetic).", source=SYNTHETIC,
                          verification=Verification.UNVERIFIED)
                for resolution in resolutions for p in range(3)]
        for row, ref in zip(rows, self._refs(Provision, len(rows))):
            row.ref = ref
        self.provisions = [p.pk for p in self._bulk(Provision, rows)]

    def _parties(self) -> tuple[Actor, Actor]:
        # Most reported transfers run from one state to one other, as in the real record.
        rng = self.rng
        supplier = self.states[0] if rng.random() < 0.75 else rng.choice(self.states)
        recipient = self.states[1] if rng.random() < 0.75 else rng.choice(self.states)
        while recipient.pk == supplier.pk:
            recipient = rng.choice(self.states)
        return supplier, recipient

    def _item(self) -> TransferItem:
        rng = self.rng
        category, description, unit, bounds = rng.choice(ITEMS)
        low = high = None
        text = f"large quantities of {description}"
        if bounds is not None and rng.random() < 0.8:
            low = rng.randint(*bounds)
            if rng.random() < 0.4:
                high = low + rng.randint(0, low)
                text = f"between {low:,} and {high:,} {unit}"
            else:
                text = f"over {low:,} {unit}"
        return TransferItem(category=category, description=description,
                            quantity_min=None if low is None else Decimal(low),
                            quantity_max=None if high is None else Decimal(high),
                            unit=unit if low is not None else "", quantity_text=text)

    def _transfers(self, count: int) -> list[_Transfer]:
        rng = self.rng
        rows, items, legs, records = [], [], [], []
        for ref in self._refs(Transfer, count):
            supplier, recipient = self._parties()
            start = self._date()
            precision = DatePrecision.MONTH if rng.random() < 0.25 else DatePrecision.DAY
            if precision == DatePrecision.MONTH:
                start = start.replace(day=1)
            end = min(start + dt.timedelta(days=rng.randint(0, 120)), self.today) if rng.random() < 0.8 else None
            own_items = [self._item() for _ in range(rng.randint(1, 3))]
            path = rng.sample(self.places, rng.randint(1, 3) + 1)
            own_legs, day = [], start
            for sequence, (origin, destination) in enumerate(zip(path, path[1:]), start=1):
                mode = self._pick(MODE_WEIGHTS)
                departed = day + dt.timedelta(days=rng.randint(0, 10))
                arrived = departed + dt.timedelta(days=rng.randint(0, 12))
                dated = rng.random() < 0.7
                own_legs.append(RouteLeg(
                    sequence=sequence, from_place=origin, to_place=destination, mode=mode,
                    vessel=rng.choice(self.vessels) if mode == TransportMode.SEA and rng.random() < 0.6 else None,
                    departed_on=departed if dated else None, arrived_on=arrived if dated else None,
                ))
                day = arrived
            title = (f"{supplier.name} to {recipient.name}: {own_items[0].description} via "
                     + "–".join(place.name for place in path))[:300]
            rows.append(Transfer(
                ref=ref, title=title, supplier=supplier, recipient=recipient,
                period_start=start, period_start_precision=precision,
                period_end=end, status_claimed=self._pick(TRANSFER_STATUS_WEIGHTS),
                description=" ".join(rng.sample(SENTENCES, 2)),
            ))
            items.append(own_items)
            legs.append(own_legs)
            records.append(_Transfer(0, title, supplier.name, recipient.name, own_items[0].description,
                                     path[0].name, start))
        created = self._bulk(Transfer, rows)
        for transfer, own_items, own_legs, record in zip(created, items, legs, records):
            record.pk = transfer.pk
            for row in (*own_items, *own_legs):
                row.transfer_id = transfer.pk
        all_items = [row for own in items for row in own]
        all_legs = [row for own in legs for row in own]
        self._bulk(TransferItem, all_items)
        self._bulk(RouteLeg, all_legs)
        self._progress(f"{len(created):,} transfers, {len(all_items):,} items, {len(all_legs):,} route legs")
        return records

    def _allegations(self, count: int, transfers: list[_Transfer]) -> list[_Allegation]:
        rng = self.rng
        taken = set(Allegation.objects.values_list("title", flat=True))
        rows, plans = [], []
        for ref in self._refs(Allegation, count):
            linked = rng.sample(transfers, min(len(transfers), rng.choice([1, 1, 1, 2])))
            main = linked[0]
            status = self._pick(STATUS_WEIGHTS)
            title = _unique(f"{main.supplier} supplied {main.item} to {main.recipient} via {main.place}, "
                            f"{main.start:%b %Y}", taken, 300)
            rows.append(Allegation(
                ref=ref, title=title, status=status, version=len(STATUS_PATHS[status]),
                summary=f"{main.title}. " + " ".join(rng.sample(SENTENCES, 2)), created_by=self.user,
            ))
            plans.append(linked)
        created = self._bulk(Allegation, rows)

        through = Allegation.transfers.through
        links, provision_links, records = [], [], []
        for allegation, linked in zip(created, plans):
            links.extend(through(allegation_id=allegation.pk, transfer_id=t.pk) for t in linked)
            for provision in rng.sample(self.provisions, min(len(self.provisions), rng.randint(1, 3))):
                provision_links.append(AllegationProvision(
                    allegation_id=allegation.pk, provision_id=provision,
                    note="Transfer of arms and related materiel." if rng.random() < 0.5 else ""))
            records.append(_Allegation(allegation.pk, allegation.status, allegation.version, linked[0]))
        self._bulk(through, links)
        self._bulk(AllegationProvision, provision_links)
        self._progress(f"{len(created):,} allegations, {len(links):,} transfer links, "
                       f"{len(provision_links):,} provision links")
        return records

    def _history(self, records: list[_Allegation]) -> None:
        """The opening row of each allegation, then the changes that led to its status."""
        rows = []
        for record in records:
            path = STATUS_PATHS[EvidentiaryStatus(record.status)]
            previous = ""
            for step, status in enumerate(path):
                rows.append(StatusTransition(
                    allegation_id=record.pk, from_status=previous, to_status=status,
                    actor_label=ACTOR_LABEL,
                    rationale="Opened." if step == 0 else f"Synthetic change to {status}, for volume.",
                ))
                previous = status
        self._bulk(StatusTransition, rows)

    def _allocation(self, allegations: int, statements: int) -> list[int]:
        """The allegation (by index) each statement is linked to: at least one each, about ten
        on average, skewed, with a few allegations carrying about a hundred."""
        rng = self.rng
        counts = [1] * allegations
        spare = statements - allegations
        hot = rng.sample(range(allegations), max(1, allegations // HOT_ALLEGATION_EVERY))
        extra = min(HOT_ALLEGATION_STATEMENTS - 1, spare // (2 * len(hot)))
        for index in hot:
            counts[index] += extra
        spare -= extra * len(hot)
        hot_set = set(hot)
        others = [i for i in range(allegations) if i not in hot_set] or hot
        weights = [rng.expovariate(1.0) for _ in others]
        for index in rng.choices(others, weights=weights, k=spare):
            counts[index] += 1
        allocation = [index for index, n in enumerate(counts) for _ in range(n)]
        rng.shuffle(allocation)
        return allocation

    def _statements(self, count: int, records: list[_Allegation]) -> None:
        rng = self.rng
        terms = list(EstimativeTerm.objects.values_list("pk", "term"))
        allocation = self._allocation(len(records), count)
        refs = self._refs(Statement, count)
        behalf_model = Statement.on_behalf_of.through
        originators = self.bodies + self.states + self.organisations
        stances, stance_weights = list(STANCE_WEIGHTS), list(STANCE_WEIGHTS.values())
        totals = Counter()
        for start in range(0, count, self.batch):
            stop = min(start + self.batch, count)
            rows, plans = [], []
            for index in range(start, stop):
                record = records[allocation[index]]
                context = record.context
                stance = rng.choices(stances, weights=stance_weights)[0]
                speaker = title = None
                if rng.random() < 0.6:
                    speaker, title, origin = rng.choice(self.speakers)
                else:
                    origin = rng.choice(originators)
                term_pk, phrase, term = None, "", "likely"
                if terms and stance == Stance.ASSESSES and rng.random() < 0.6:
                    term_pk, phrase = rng.choice(terms)
                    term = phrase
                gist = GIST[stance].format(origin=origin.name, supplier=context.supplier, item=context.item,
                                           recipient=context.recipient, place=context.place, term=term)
                stated = self._date()
                roll = rng.random()
                precision = (DatePrecision.DAY if roll < 0.9 else
                             DatePrecision.MONTH if roll < 0.98 else DatePrecision.YEAR)
                if precision == DatePrecision.MONTH:
                    stated = stated.replace(day=1)
                elif precision == DatePrecision.YEAR:
                    stated = stated.replace(month=1, day=1)
                rows.append(Statement(
                    ref=refs[index], speaker=speaker, speaker_title=title or "", stated_on=stated,
                    stated_on_precision=precision, venue=rng.choice(VENUES), stance=stance,
                    estimative_phrase=phrase, estimative_term_id=term_pk,
                    quote=f"“{gist}”" if rng.random() < 0.3 else "", gist=gist,
                ))
                plans.append((record.pk, origin.pk, stance, gist))
            created = self._bulk(Statement, rows)
            behalf, sources, links = [], [], []
            for statement, (allegation_pk, origin_pk, stance, gist) in zip(created, plans):
                self.statement_of.setdefault(allegation_pk, statement.pk)
                behalf.append(behalf_model(statement_id=statement.pk, actor_id=origin_pk))
                for document in rng.sample(self.documents, min(len(self.documents), rng.randint(1, 3))):
                    sources.append(StatementSource(statement_id=statement.pk, document_id=document,
                                                   excerpt=f"{gist} {rng.choice(SENTENCES)}"))
                links.append(AllegationStatement(allegation_id=allegation_pk, statement_id=statement.pk,
                                                 bearing=BEARING_OF_STANCE[stance]))
            self._bulk(behalf_model, behalf)
            self._bulk(StatementSource, sources)
            self._bulk(AllegationStatement, links)
            totals["statements"] += len(created)
            self._progress(f"{totals['statements']:,} / {count:,} statements")

    def _evidence(self, count: int, records: list[_Allegation]) -> None:
        rng = self.rng
        kinds = list(EvidenceKind)
        providers = self.organisations + self.bodies + self.outlets
        rows = []
        for ref in self._refs(EvidenceItem, count):
            kind = rng.choice(kinds)
            rows.append(EvidenceItem(
                ref=ref, kind=kind,
                description=f"{kind.label} of {rng.choice(ITEMS)[1]} at {rng.choice(self.places).name}. "
                + rng.choice(SENTENCES),
                provider=rng.choice(providers) if rng.random() < 0.8 else None,
                captured_on=self._date() if rng.random() < 0.9 else None,
                url=f"https://evidence.example/{ref}" if rng.random() < 0.5 else "",
                document_id=rng.choice(self.documents) if rng.random() < 0.5 else None,
                place=rng.choice(self.places) if rng.random() < 0.7 else None,
            ))
        created = self._bulk(EvidenceItem, rows)
        bearings = {Bearing.SUPPORTS: 70, Bearing.CONTEXT: 20, Bearing.CONTRADICTS: 10}
        links = [
            AllegationEvidence(allegation_id=record.pk, evidence_id=item.pk, bearing=self._pick(bearings))
            for item in created
            for record in rng.sample(records, min(len(records), rng.randint(1, 2)))
        ]
        self._bulk(AllegationEvidence, links)

    def _requests(self, records: list[_Allegation]) -> None:
        """A few proposals waiting for a reviewer: at most one per allegation (a constraint)."""
        rng = self.rng
        rows = []
        for record in rng.sample(records, max(1, round(len(records) * PENDING_REQUEST_SHARE))):
            target = rng.choice(transitions_from(record.status))
            rows.append(StatusChangeRequest(
                allegation_id=record.pk, from_status=record.status, to_status=target.target,
                allegation_version=record.version, proposed_by=self.user,
                rationale=f"Synthetic proposal: {target.meaning}.",
            ))
        self._bulk(StatusChangeRequest, rows)

    # ---------------------------------------------------------------- ingestion
    def _articles(self, count: int, records: list[_Allegation]) -> None:
        """Articles as ingestion leaves them after extraction: one revision, its submission and
        its proposals, most pending. Each article reports on one generated allegation."""
        rng = self.rng
        self._gazetteer()
        self.now = timezone.now()
        self.terms = list(EstimativeTerm.objects.values_list("pk", "term", "low_percent", "high_percent"))
        offset = _article_offset()
        plans: list[_ArticlePlan] = []
        originals: list[int] = []
        duplicate_of: dict[int, int] = {}  # index -> its original's index
        for index in range(count):
            if originals and rng.random() < NEAR_DUPLICATE_SHARE:
                duplicate_of[index] = rng.choice(originals)
                plans.append(plans[duplicate_of[index]])
            else:
                originals.append(index)
                plans.append(self._article_plan(rng.choice(records)))
        with_copies = sorted(set(duplicate_of.values()))
        clusters = dict(zip(with_copies, (c.pk for c in self._bulk(Cluster, [Cluster() for _ in with_copies]))))

        article_pks: list[int] = []
        totals: Counter[str] = Counter()
        for start in range(0, count, self.batch):
            stop = min(start + self.batch, count)
            rows, texts = [], []
            for index in range(start, stop):
                plan, n = plans[index], offset + index + 1
                outlet = rng.choice(self.outlets)
                published = self._date(plan.record.context.start)
                texts.append(self._article_text(plan, self.known[outlet.pk], published, n))
                domain = re.sub(r"[^a-z0-9]+", "-", outlet.name.lower().removeprefix("the ")).strip("-")
                original = duplicate_of.get(index)
                rows.append(Article(
                    url=f"https://{domain}.example/{published:%Y/%m/%d}/{PREFIX}article-{n}",
                    title=plan.title, published_on=published, language="en",
                    cluster_id=clusters.get(index if original is None else original),
                    similarity=None if original is None else round(rng.uniform(0.55, 0.95), 3),
                    source_document_id=rng.choice(self.documents) if rng.random() < 0.2 else None,
                    extraction_state=ExtractionState.EXTRACTED, extractor_version=EXTRACTOR_VERSION,
                    extracted_at=self.now,
                ))
            created = self._bulk(Article, rows)
            article_pks.extend(article.pk for article in created)
            revisions = self._bulk(ArticleRevision, [
                # No MinHash bands are written: the synthetic texts never take part in
                # near-duplicate detection of real arrivals, so an empty signature will do.
                ArticleRevision(article_id=article.pk, number=1, content_hash=content_hash(composed.text),
                                title=article.title, text=composed.text, minhash=bytes(NUM_PERM * 8))
                for article, composed in zip(created, texts)
            ])
            first_revision = ArticleRevision.objects.filter(article=models.OuterRef("pk"), number=1)
            Article.objects.filter(pk__range=(created[0].pk, created[-1].pk), current_revision__isnull=True).update(
                current_revision=models.Subquery(first_revision.values("pk")[:1]),
                extracted_revision=models.Subquery(first_revision.values("pk")[:1]),
            )
            self._bulk(Submission, [
                Submission(origin=SubmissionOrigin.FILE, locator=f"volume/{PREFIX}article-{offset + index + 1}.txt",
                           content=composed.text.encode(), content_type="text/plain",
                           state=SubmissionState.INGESTED, outcome=SubmissionOutcome.NEW_ARTICLE, attempts=1,
                           article_id=article.pk, revision_id=revision.pk, submitted_via=ACTOR_LABEL,
                           finished_at=self.now)
                for index, article, revision, composed in zip(range(start, stop), created, revisions, texts)
            ])
            proposals = [
                proposal
                for index, article, revision, composed in zip(range(start, stop), created, revisions, texts)
                for proposal in self._proposals(plans[index], composed, article.pk, revision.pk)
            ]
            self._bulk(Proposal, proposals)
            self._bulk(ArticleEntity, [
                entity
                for index, article, revision, composed in zip(range(start, stop), created, revisions, texts)
                for entity in self._entities(plans[index], composed, article.pk, revision.pk)
            ])
            totals["articles"] += len(created)
            totals["proposals"] += len(proposals)
            self._progress(f"{totals['articles']:,} / {count:,} articles, {totals['proposals']:,} proposals")
        Article.objects.bulk_update(
            [Article(pk=article_pks[index], near_duplicate_of_id=article_pks[original])
             for index, original in duplicate_of.items()],
            ["near_duplicate_of"], batch_size=self.batch,
        )

    def _gazetteer(self) -> None:
        """The generated actors and places as names the articles mention, keyed as the
        extractor's gazetteer keys them."""
        self.known: dict[int, _Name] = {}
        categories = [(self.states, COUNTRY), (self.bodies + self.organisations + self.outlets, ORGANIZATION),
                      ([person for person, _, _ in self.speakers], PERSON)]
        self.name_pool: dict[str, list[_Name]] = {}
        for actors, category in categories:
            self.name_pool[category] = [_Name(a.name, category, f"actor:{a.pk}") for a in actors]
            self.known.update((a.pk, name) for a, name in zip(actors, self.name_pool[category]))
        self.name_pool[PLACE] = [_Name(p.name, PLACE, f"place:{p.pk}") for p in self.places]
        self.states_by_name = {name.text: name for name in self.name_pool[COUNTRY]}
        self.places_by_name = {name.text: name for name in self.name_pool[PLACE]}
        self.item_of = {description: (category, unit, bounds) for category, description, unit, bounds in ITEMS}

    def _article_plan(self, record: _Allegation) -> _ArticlePlan:
        rng = self.rng
        context = record.context
        names = {"S": self.states_by_name[context.supplier], "R": self.states_by_name[context.recipient],
                 "P": self.places_by_name[context.place]}
        kinds = Counter(rng.choices(list(PROPOSAL_KIND_WEIGHTS), weights=list(PROPOSAL_KIND_WEIGHTS.values()),
                                    k=rng.randint(*PROPOSALS_PER_ARTICLE)))
        blocks = [[self._statement_line(names, context)] for _ in range(kinds[ProposalKind.STATEMENT])]
        blocks += [self._transfer_lines(names, context) for _ in range(kinds[ProposalKind.TRANSFER])]
        for kind in (ProposalKind.NEW_ACTOR, ProposalKind.NEW_PLACE):
            blocks += [[self._new_name_line(kind)] for _ in range(kinds[kind])]
        title = (f"{context.supplier} {rng.choice(['ships', 'sends', 'moves', 'delivers'])} {context.item} to "
                 f"{context.recipient}, {rng.choice(['officials say', 'report says', 'images show'])}")
        return _ArticlePlan(record=record, blocks=blocks, entities=rng.randint(*KNOWN_NAMES_PER_ARTICLE),
                            title=title[:500])

    def _statement_line(self, names: dict[str, _Name], context: _Transfer) -> _Line:
        rng = self.rng
        stance = self._pick(STANCE_WEIGHTS)
        cue, claim = CLAIMS[stance]
        term, term_key, band = "likely", None, None
        if stance == Stance.ASSESSES and self.terms:
            pk, term, low, high = rng.choice(self.terms)
            term_key, band = f"term:{pk}", [low, high]
        speaker = role = None
        if rng.random() < 0.6:
            person, title, origin = rng.choice(self.speakers)
            speaker, role = self.known[person.pk], title.split(", ", 1)[0].lower()
            lead = [speaker, f", {role} of the ", self.known[origin.pk], f", {cue}"]
        else:
            origin = rng.choice(self.bodies + self.states + self.organisations)
            lead = [self.known[origin.pk], f" {cue}"]
        stated = self._date(context.start) if rng.random() < 0.7 else None
        if stated:
            lead.append(f" on {stated.day} {stated:%B %Y}")
        quote = _pieces(claim, names, item=context.item, term=term)
        direct = rng.random() < 0.4
        if direct:
            lead.append(": “")
            if isinstance(quote[0], str):
                quote[0] = quote[0][0].upper() + quote[0][1:]
        else:
            lead.append(" that ")
        words = _plain(quote)
        who = f"{speaker.text} ({origin.name})" if speaker else origin.name
        key = f"actor:{origin.pk}"
        payload = {
            "speaker": speaker.text if speaker else None, "speaker_key": speaker.key if speaker else None,
            "speaker_role": role, "on_behalf_of": origin.name, "on_behalf_of_key": key,
            "stance": stance.value, "probability_term": term if stance == Stance.ASSESSES else None,
            "term_key": term_key, "band": band, "date": stated.isoformat() if stated else None,
            "date_precision": DatePrecision.DAY.value, "quote": words, "direct": direct,
            "start": None, "end": None, "cue": cue, "on_behalf_of_names": [origin.name], "on_behalf_of_keys": [key],
        }
        return _Line(lead=lead, quote=quote, tail=[".”" if direct else "."], kind=ProposalKind.STATEMENT,
                     finding={"payload": payload, "summary": f"{who} {stance.label.lower()}: {words}"[:300],
                              "identity": (stance.value, speaker.key if speaker else key, words)})

    def _transfer_lines(self, names: dict[str, _Name], context: _Transfer) -> list[_Line]:
        rng = self.rng
        category, unit, bounds = self.item_of[context.item]
        quantity = f"more than {rng.randint(*bounds):,} {unit}" if bounds else ""
        first = context.start.replace(day=1)
        last = (first + dt.timedelta(days=rng.randint(31, 180))).replace(day=1)
        source = rng.choice(self.name_pool[ORGANIZATION])
        template = ("{S} shipped " + (f"{quantity} of " if quantity else "") + "{item} to {R} through {P} "
                    "between {first} and {last}, according to {O}.")
        lines = [_Line(lead=_pieces(template, {**names, "O": source}, item=context.item,
                                    first=f"{first:%B %Y}", last=f"{last:%B %Y}"))]
        route = [names["P"].text]
        if rng.random() < 0.5:
            onward = rng.choice(self.name_pool[PLACE])
            if onward.text != route[0]:
                route.append(onward.text)
                lines.append(_Line(lead=_pieces(TRANSFER_ROUTE_SENTENCE, {"P": names["P"], "Q": onward},
                                                mode=rng.choice(["rail", "sea", "road"]))))
        payload = {
            "supplier": names["S"].text, "supplier_key": names["S"].key,
            "recipient": names["R"].text, "recipient_key": names["R"].key,
            "items": [context.item], "item_categories": [category.value], "quantity": quantity or None,
            "period_start": first.isoformat(), "period_end": last.isoformat(), "route": route, "legs": [],
            "status_claimed": self._pick(TRANSFER_STATUS_WEIGHTS).value, "start": None, "end": None, "spans": [],
        }
        finding = {"payload": payload, "identity": (names["S"].key, names["R"].key, ",".join(route), context.item),
                   "summary": f"{names['S'].text} → {names['R'].text}: {context.item} ({' → '.join(route)})"[:300]}
        for line in lines:
            line.kind, line.finding = ProposalKind.TRANSFER, finding
        return lines

    def _new_name_line(self, kind: str) -> _Line:
        rng = self.rng
        if kind == ProposalKind.NEW_ACTOR:
            name = _Name(f"{self._place_name()} {rng.choice(NEW_ACTOR_WORDS)}", ORGANIZATION)
            template = rng.choice(NEW_ACTOR_SENTENCES)
        else:
            name = _Name(f"{self._place_name()} {rng.choice(NEW_PLACE_WORDS)}", PLACE)
            template = rng.choice(NEW_PLACE_SENTENCES)
        return _Line(lead=_pieces(template, {"N": name}), kind=kind)

    def _name_line(self, known: set[str]) -> _Line:
        """A filler sentence with a known name in it."""
        rng = self.rng
        category = rng.choice(list(NAME_SENTENCES))
        name = rng.choice(self.name_pool[category])
        known.add(name.key)
        return _Line(lead=_pieces(rng.choice(NAME_SENTENCES[category]), {"N": name}))

    def _article_text(self, plan: _ArticlePlan, outlet: _Name, published: dt.date, n: int) -> _Composed:
        """The plan's sentences among fillers, up to a length of 2-4 KB, in paragraphs; a
        near duplicate gets its own fillers and order around the same findings."""
        rng = self.rng
        blocks = [list(block) for block in plan.blocks]
        known = {piece.key for block in blocks for line in block
                 for piece in (*line.lead, *line.quote, *line.tail) if isinstance(piece, _Name) and piece.key}
        while len(known) < plan.entities:  # enough known names for the planned links
            blocks.append([self._name_line(known)])
        size = sum(len(_plain([*line.lead, *line.quote, *line.tail])) + 1 for block in blocks for line in block)
        target, deck = rng.randint(*ARTICLE_CHARS), []
        while size < target:
            if not deck:  # each filler once before any repeats
                deck = rng.sample(ARTICLE_SENTENCES, len(ARTICLE_SENTENCES))
            line = self._name_line(known) if rng.random() < 0.25 else _Line(lead=[deck.pop()])
            blocks.append([line])
            size += len(_plain(line.lead)) + 1
        rng.shuffle(blocks)
        paragraphs, current, wanted = [], [], rng.randint(2, 4)
        for block in blocks:  # a transfer's sentences stay together
            current.extend(block)
            if len(current) >= wanted:
                paragraphs.append(current)
                current, wanted = [], rng.randint(2, 4)
        if current:
            paragraphs.append(current)
        dateline = _Line(lead=[outlet, f", {published.day} {published:%B %Y}"])
        # The closing line makes every text, and so its content hash, unique across runs.
        closing = _Line(lead=[f"(Synthetic article {PREFIX}article-{n}, written by {ACTOR_LABEL}; "
                              "not a real source.)"])
        return _compose([[dateline], *paragraphs, [closing]])

    def _proposals(self, plan: _ArticlePlan, composed: _Composed, article: int, revision: int) -> list[Proposal]:
        text, record = composed.text, plan.record
        rows: list[Proposal] = []

        def propose(kind: str, identity, summary: str, payload: dict, start: int, end: int, excerpt: str,
                    **links) -> None:
            state = self._pick(PROPOSAL_STATE_WEIGHTS)
            if state == ProposalState.ACCEPTED and kind not in DECIDABLE:
                state = ProposalState.PENDING
            decided = state in (ProposalState.ACCEPTED, ProposalState.REJECTED)
            if state == ProposalState.ACCEPTED:
                links.update(
                    statement_id=self.statement_of.get(record.pk) if kind == ProposalKind.STATEMENT else None,
                    transfer_id=record.context.pk if kind == ProposalKind.TRANSFER else None,
                )
            rows.append(Proposal(
                article_id=article, revision_id=revision, kind=kind, state=state,
                fingerprint=_fingerprint(kind, len(rows), *identity), summary=summary, payload=payload,
                start=start, end=end, excerpt=excerpt, extractor_version=EXTRACTOR_VERSION,
                decided_by=self.user if decided else None, decided_at=self.now if decided else None,
                decision_note="Synthetic rejection: not about a transfer." if state == ProposalState.REJECTED
                else "",
                **links,
            ))

        transfers: dict[int, tuple[dict, list[tuple[int, int]]]] = {}  # the sentences of each
        for line in (line for block in plan.blocks for line in block if line.finding):
            start, end = composed.line_spans[id(line)]
            if line.kind == ProposalKind.TRANSFER:
                transfers.setdefault(id(line.finding), (line.finding, []))[1].append((start, end))
                continue
            finding = line.finding
            quote_start, quote_end = composed.quote_spans[id(line)]
            propose(ProposalKind.STATEMENT, finding["identity"], finding["summary"],
                    {**finding["payload"], "start": quote_start, "end": quote_end},
                    start, end, text[start:end], **self._suggestion(record, ProposalKind.STATEMENT))
        for finding, spans in transfers.values():
            start, end = spans[0][0], spans[-1][1]
            propose(ProposalKind.TRANSFER, finding["identity"], finding["summary"],
                    {**finding["payload"], "start": start, "end": end, "spans": [list(span) for span in spans]},
                    start, end, text[start:end], **self._suggestion(record, ProposalKind.TRANSFER))

        new_names: dict[tuple, list[tuple[_Name, int, int, tuple[int, int]]]] = {}
        for mention in composed.mentions:
            name = mention[0]
            if not name.key:
                new_names.setdefault((name.category, name.text), []).append(mention)
        for ident, mentions in new_names.items():
            mentions = sorted(mentions, key=lambda m: m[1])
            name, start, end, (sentence_start, sentence_end) = mentions[0]
            kind = ProposalKind.NEW_PLACE if name.category == PLACE else ProposalKind.NEW_ACTOR
            payload = {"category": name.category, "name": name.text, "key": None, "method": "pattern",
                       "roles": [], "affiliations": [], "mentions": [[s, e, text[s:e]] for _, s, e, _ in mentions]}
            propose(kind, ident, f"New {name.category}: {name.text}"[:300], payload, start, end,
                    text[sentence_start:sentence_end])
        return rows

    def _entities(self, plan: _ArticlePlan, composed: _Composed, article: int, revision: int) -> list[ArticleEntity]:
        """The known names of the article as extraction links them: some of them (the
        plan's number), each at every occurrence."""
        known = sorted({name.key for name, *_ in composed.mentions if name.key})
        chosen = set(self.rng.sample(known, min(plan.entities, len(known))))
        rows = []
        for name, start, end, _ in sorted(composed.mentions, key=lambda m: m[1]):
            if name.key not in chosen:
                continue
            prefix, pk = name.key.split(":")
            rows.append(ArticleEntity(article_id=article, revision_id=revision, category=name.category,
                                      text=composed.text[start:end], start=start, end=end, method="gazetteer",
                                      extractor_version=EXTRACTOR_VERSION, **{f"{prefix}_id": int(pk)}))
        return rows

    def _suggestion(self, record: _Allegation, kind: str) -> dict:
        """The allegation a finding bears on, for about half of them, and now and then the
        statement or transfer of the record that it repeats."""
        rng = self.rng
        if rng.random() >= SUGGESTED_SHARE:
            return {}
        links = {"suggested_allegation_id": record.pk}
        if kind == ProposalKind.STATEMENT and rng.random() < 0.1:
            links["matching_statement_id"] = self.statement_of.get(record.pk)
        elif kind == ProposalKind.TRANSFER and rng.random() < 0.2:
            links["matching_transfer_id"] = record.context.pk
        return links
