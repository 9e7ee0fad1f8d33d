"""``manage.py generate_volume``: synthetic record data at volume, for measuring the staff pages.

Fills the configured database with a record shaped like the real one, at the size the
pages must cope with (10,000 allegations and 100,000 statements by default): states with
their government bodies, officials with roles, outlets and their articles, transfers with
items and consecutive route legs, allegations with their transfers, provisions, statements,
evidence and status history, and a few pending status-change proposals.

It writes with ``bulk_create``, not through the services: the rows are synthetic benchmark
data, so they carry no audit entries, and the services' per-row checks would make the run
take hours. Every generated row that has a ``ref`` gets ``vol-<model>-<n>``; the command
refuses to run beside allegations that are not its own unless told to, and links its rows
only to its own rows and to reference tables (provisions, estimative terms)."""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
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
from compliance.workflow import transitions_from

PREFIX = "vol-"
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
BEARING_OF_STANCE = {
    Stance.ASSERTS: Bearing.SUPPORTS,
    Stance.ASSESSES: Bearing.SUPPORTS,
    Stance.CONDEMNS: Bearing.SUPPORTS,
    Stance.WARNS: Bearing.CONTEXT,
    Stance.DENIES: Bearing.CONTRADICTS,
    Stance.DECLINES_TO_COMMENT: Bearing.CONTEXT,
}
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


class Command(BaseCommand):
    help = (
        "Fill the configured database with synthetic record data at volume (default 10,000 allegations, "
        "100,000 statements) for measuring the staff pages. Rows are bulk-written, bypassing the services "
        "and the audit trail on purpose: they are benchmark data, recognisable by refs starting 'vol-'. "
        "Refuses to run beside allegations that are not its own unless --allow-existing is given. Use a "
        "throwaway database: on PostgreSQL the status history it writes can never be deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allegations", type=int, default=10_000, help="Allegations (default 10,000).")
        parser.add_argument("--statements", type=int, default=100_000,
                            help="Statements, at least one per allegation (default 100,000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1): same seed, same data.")
        parser.add_argument("--batch", type=int, default=5_000, help="Rows per INSERT, and statements generated per round (default 5,000).")
        parser.add_argument("--allow-existing", action="store_true",
                            help="Generate even though the database holds allegations that are not "
                            "generated ones (they are not touched or linked to).")

    def handle(self, *args, allegations: int, statements: int, seed: int, batch: int,
               allow_existing: bool, **options):
        for name, value in (("--allegations", allegations), ("--statements", statements),
                            ("--batch", batch)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise CommandError(f"{name} must be a positive whole number (got {value!r}).")
        if statements < allegations:
            raise CommandError(
                f"--statements ({statements}) must be at least --allegations ({allegations}): "
                "every allegation gets at least one statement."
            )
        real = Allegation.objects.exclude(ref__startswith=PREFIX).count()
        if real and not allow_existing:
            raise CommandError(
                f"The database holds {real} allegation(s) that were not generated by this command (their "
                f"ref does not start with '{PREFIX}'). Generating beside a real record would mix synthetic "
                "rows into its lists; use a throwaway database (manage.py bench_pages makes one), or "
                "pass --allow-existing if this database is meant for it."
            )

        started = time.perf_counter()
        volume = _Volume(rng=random.Random(seed), batch=batch, out=self.stdout)
        with transaction.atomic():
            volume.run(allegations=allegations, statements=statements)
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
        write(self.style.SUCCESS(
            f"Generated {allegations:,} allegations and {statements:,} statements "
            f"({sum(volume.counts.values()):,} rows) in {elapsed:.1f} s "
            f"(writing {written:.1f} s) on {connection.vendor}, seed {seed}; no audit entries (synthetic data)."
        ))


def _ref_offset(model: type[models.Model]) -> int:
    """The highest n among the model's existing vol-<model>-<n> refs, so that a second run
    numbers on instead of colliding."""
    prefix = f"{PREFIX}{model._meta.model_name}-"
    refs = model._default_manager.filter(ref__startswith=prefix).values_list("ref", flat=True)
    return max((int(ref[len(prefix):]) for ref in refs if ref[len(prefix):].isdigit()), default=0)


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
    def run(self, *, allegations: int, statements: int) -> None:
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
