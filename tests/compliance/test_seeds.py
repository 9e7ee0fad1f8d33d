"""The seed loader: validated before anything is written, atomic, idempotent, audited,
and the seeded record says what the articles say."""

import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from compliance.choices import EvidentiaryStatus, Role, Stance, TransportMode
from compliance.models import (
    Allegation,
    AllegationStatement,
    AuditEntry,
    Place,
    Statement,
    StatusTransition,
)
from compliance.roles import SystemActor
from compliance.selectors.allegations import allegation_suggested_status
from compliance.services.records import record_save
from compliance.services.seeds import SeedError, seeds_load
from compliance.services.workflow import allegation_transition
from tests.factories import PlaceFactory

SEEDS = Path(settings.BASE_DIR) / "seeds"
LOADER = SystemActor("load_seeds", Role.REVIEWER)  # as manage.py load_seeds
NAJIN_DUNAY = "dprk-russia-najin-dunay-2023"


def load(directory: Path = SEEDS, **kwargs):
    return seeds_load(directory=directory, by=LOADER, **kwargs)


def row_counts() -> dict[str, int]:
    """Rows of every compliance table, many-to-many tables included."""
    config = apps.get_app_config("compliance")
    return {m._meta.label: m._default_manager.count() for m in config.get_models(include_auto_created=True)}


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    directory = tmp_path / "seeds"
    shutil.copytree(SEEDS, directory)
    return directory


def root(actor):
    while actor.parent_id:
        actor = actor.parent
    return actor


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test no longer matches the seed file"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ----------------------------------------------------------------------------- idempotence


@pytest.mark.django_db
def test_loading_twice_changes_no_row_and_writes_no_audit_row():
    first = load()
    after_first = row_counts()
    assert after_first["compliance.Allegation"] == 3
    assert first.counts["statements"].created == Statement.objects.count()

    second = load()

    assert row_counts() == after_first
    assert not second.changed and not second.kept
    assert all(c.created == c.kept == c.updated == 0 for c in second.counts.values())
    assert second.counts["places"].unchanged == Place.objects.count()


@pytest.mark.django_db
def test_every_loaded_row_is_audited_as_the_loader():
    load()
    created = AuditEntry.objects.filter(action="create")
    assert created.exists()
    assert set(AuditEntry.objects.values_list("actor_label", flat=True)) == {"load_seeds"}
    for place in Place.objects.all():
        assert created.filter(model="compliance.Place", object_id=str(place.pk)).count() == 1
    # Each allegation opens with one history row naming the loader.
    assert StatusTransition.objects.filter(actor_label="load_seeds").count() == Allegation.objects.count()


# ----------------------------------------------------------------------------- validation


@pytest.mark.django_db
@pytest.mark.parametrize("loaded_before", [False, True], ids=["empty-database", "after-a-load"])
def test_a_bad_coordinate_is_refused_naming_file_and_entry_and_nothing_is_written(seeds_copy, loaded_before):
    if loaded_before:
        load()
    # A valid new entry too: it must not be written either.
    edit(seeds_copy / "places.yaml", "latitude: 42.880", "latitude: 142.88")
    with (seeds_copy / "places.yaml").open("a", encoding="utf-8") as f:
        f.write("\n  - ref: fokino\n    name: Fokino\n    kind: city\n    country: RU\n"
                "    source: https://en.wikipedia.org/wiki/Fokino,_Primorsky_Krai\n")
    before = row_counts()
    audit_before = AuditEntry.objects.count()

    with pytest.raises(SeedError) as excinfo:
        load(seeds_copy)

    assert 'places.yaml: places[1] (ref "dunay"): latitude 142.88 is out of range -90..90' in str(excinfo.value)
    assert len(excinfo.value.errors) == 1
    assert row_counts() == before
    assert AuditEntry.objects.count() == audit_before
    assert not Place.objects.filter(ref="fokino").exists()


@pytest.mark.django_db
def test_an_unknown_resolution_number_in_a_provision_link_is_refused_naming_the_entry(seeds_copy):
    edit(seeds_copy / "allegations.yaml", "provision: 2270 OP6", "provision: 2207 OP6")
    with pytest.raises(SeedError) as excinfo:
        load(seeds_copy)
    [error] = excinfo.value.errors
    assert f'allegations.yaml: allegations[0] (ref "{NAJIN_DUNAY}"): provisions[2]' in error
    assert "unknown resolution 2207" in error
    assert row_counts()["compliance.Allegation"] == 0


@pytest.mark.django_db
def test_an_unknown_paragraph_of_a_known_resolution_is_refused(seeds_copy):
    edit(seeds_copy / "allegations.yaml", "provision: 2270 OP6", "provision: 2270 OP99")
    with pytest.raises(SeedError, match=r"resolution 2270 has no provision OP99"):
        load(seeds_copy)


@pytest.mark.django_db
def test_a_bad_imo_check_digit_is_refused(seeds_copy):
    edit(seeds_copy / "vessels.yaml", 'imo_number: "9179842"', 'imo_number: "9179843"')
    with pytest.raises(SeedError) as excinfo:
        load(seeds_copy)
    [error] = excinfo.value.errors
    assert 'vessels.yaml: vessels[0] (ref "angara"): imo_number 9179843 is not a valid IMO number' in error
    assert "check digit" in error


@pytest.mark.django_db
def test_every_problem_is_listed_in_one_run(seeds_copy):
    edit(seeds_copy / "places.yaml", "kind: naval_facility", "kind: naval_base")
    edit(seeds_copy / "actors.yaml", "country: JP", "country: XJ")
    edit(seeds_copy / "allegations.yaml", "vessel: angara", "vessel: angora")
    edit(seeds_copy / "documents.yaml", "grade: B2", "grade: A7")
    edit(seeds_copy / "vessels.yaml", "flag: RU\n", "flag: RU\n    tonnage: 3000\n")
    with pytest.raises(SeedError) as excinfo:
        load(seeds_copy)
    errors = "\n".join(excinfo.value.errors)
    assert len(excinfo.value.errors) == 5
    assert 'places[1] (ref "dunay"): kind "naval_base" is not one of' in errors
    assert 'actors[5] (ref "japan"): country "XJ" is not an ISO 3166-1 alpha-2 country code' in errors
    assert 'route[0]: vessel "angora" is not a known vessel' in errors
    assert 'grade "A7" is not an Admiralty grade' in errors
    assert 'vessels[0] (ref "angara"): unknown key "tonnage"' in errors


@pytest.mark.django_db
def test_a_yaml_syntax_error_names_the_file_and_line(seeds_copy):
    (seeds_copy / "places.yaml").write_text("places:\n  - ref: x\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"places\.yaml: YAML syntax error at line \d+"):
        load(seeds_copy)


@pytest.mark.django_db
def test_a_key_given_twice_is_refused_rather_than_silently_overwritten(seeds_copy):
    edit(seeds_copy / "places.yaml", "latitude: 42.880\n", "latitude: 42.880\n    latitude: 42.9\n")
    with pytest.raises(SeedError, match='the key "latitude" appears twice'):
        load(seeds_copy)


@pytest.mark.django_db
def test_duplicate_refs_are_refused(seeds_copy):
    edit(seeds_copy / "places.yaml", "ref: pyongyang", "ref: dunay")
    with pytest.raises(SeedError, match=r'places\[4\] \(ref "dunay"\): duplicate ref "dunay"'):
        load(seeds_copy)


@pytest.mark.django_db
def test_an_excerpt_that_is_not_in_the_article_is_refused(seeds_copy):
    edit(seeds_copy / "allegations.yaml", "excerpt: North Korea has denied shipping arms to Russia",
         "excerpt: North Korea has firmly denied shipping arms to Russia")
    with pytest.raises(SeedError) as excinfo:
        load(seeds_copy)
    [error] = excinfo.value.errors
    assert '(ref "dprk-2023-denial-reported-2023-10-20"): sources[0]: excerpt' in error
    assert 'is not in the text of document "article-2023-10-20-foreign-ministers-talks"' in error


@pytest.mark.django_db
def test_a_model_validation_error_during_writing_names_the_entry_and_rolls_everything_back(seeds_copy):
    # A place typed in by hand before the seeds, with the seeded name but no ref: the
    # loader's Dunay would duplicate it, which the model refuses when it is written.
    PlaceFactory(name="Dunay naval facility")
    before = row_counts()
    with pytest.raises(SeedError) as excinfo:
        load(seeds_copy)
    [error] = excinfo.value.errors
    assert 'places.yaml: places[1] (ref "dunay"): name: Place with this Name already exists.' in error
    assert row_counts() == before


# ----------------------------------------------------------------------------- edits after loading


@pytest.fixture
def edited_dunay(analyst):
    load()
    dunay = Place.objects.get(ref="dunay")
    dunay.latitude = Decimal("42.9")
    record_save(instance=dunay, by=analyst, reason="Survey correction")
    return dunay


@pytest.mark.django_db
def test_a_row_edited_after_loading_is_kept_and_reported(edited_dunay):
    audit_before = AuditEntry.objects.count()
    report = load()
    assert report.kept == ["kept: places/dunay latitude 42.9 in the database, 42.88 in the file"]
    assert report.counts["places"].kept == 1
    assert Place.objects.get(ref="dunay").latitude == Decimal("42.9")
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.django_db
def test_update_overwrites_an_edited_row_with_an_audit_row(edited_dunay):
    report = load(update=True)
    assert report.updated == ["updated: places/dunay latitude 42.9 in the database, 42.88 in the file"]
    dunay = Place.objects.get(ref="dunay")
    assert dunay.latitude == Decimal("42.88")
    entry = AuditEntry.objects.filter(model="compliance.Place", object_id=str(dunay.pk)).first()
    assert entry.actor_label == "load_seeds" and entry.action == "update"
    assert set(entry.changes) == {"latitude"}
    assert [Decimal(v) for v in entry.changes["latitude"]] == [Decimal("42.9"), Decimal("42.88")]
    assert load().kept == []


@pytest.mark.django_db
def test_a_removed_link_is_reported_not_silently_restored(analyst):
    load()
    AllegationStatement.objects.get(allegation__ref=NAJIN_DUNAY,
                                    statement__ref="kremlin-2023-09-nothing-to-say").delete()
    report = load()
    [kept] = report.kept
    assert kept.startswith(
        f"kept: allegations/{NAJIN_DUNAY} statements: 8 in the database, 9 in the file; "
        "only in the file: kremlin-2023-09-nothing-to-say (context, "
    )
    assert AllegationStatement.objects.filter(allegation__ref=NAJIN_DUNAY).count() == 8
    load(update=True)
    assert AllegationStatement.objects.filter(allegation__ref=NAJIN_DUNAY).count() == 9


@pytest.mark.django_db
def test_the_loader_never_changes_an_allegation_status_after_opening_it(reviewer):
    load()
    wagner = Allegation.objects.get(ref="dprk-wagner-rockets-missiles-2022")
    allegation_transition(allegation=wagner, to_status=EvidentiaryStatus.DISPUTED, by=reviewer,
                          rationale="Contrary reporting under review.", expected_version=wagner.version)
    report = load(update=True)
    wagner.refresh_from_db()
    assert wagner.status == EvidentiaryStatus.DISPUTED
    assert report.kept == [] and report.updated == []


# ----------------------------------------------------------------------------- dry run


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_reports_what_it_would_create():
    report = load(dry_run=True)
    assert report.counts["allegations"].created == 3
    assert all(n == 0 for n in row_counts().values())
    assert AuditEntry.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_with_update_leaves_an_edited_row_alone(edited_dunay):
    before, audit_before = row_counts(), AuditEntry.objects.count()
    report = load(update=True, dry_run=True)
    assert report.counts["places"].updated == 1
    assert Place.objects.get(ref="dunay").latitude == Decimal("42.9")
    assert row_counts() == before and AuditEntry.objects.count() == audit_before


# ----------------------------------------------------------------------------- the seeded record


@pytest.fixture
def najin_dunay(db):
    load()
    return Allegation.objects.get(ref=NAJIN_DUNAY)


def test_the_najin_dunay_transfer_goes_by_sea_then_rail_najin_dunay_tikhoretsk(najin_dunay):
    [transfer] = najin_dunay.transfers.all()
    assert (transfer.supplier.ref, transfer.recipient.ref) == ("dprk", "russia")
    legs = list(transfer.legs.order_by("sequence"))
    assert [leg.sequence for leg in legs] == [1, 2]
    assert [(leg.from_place.ref, leg.to_place.ref, leg.mode) for leg in legs] == [
        ("najin", "dunay", TransportMode.SEA),
        ("dunay", "tikhoretsk-depot", TransportMode.RAIL),
    ]
    assert legs[0].vessel.imo_number == "9179842"
    [item] = transfer.items.all()
    assert (item.quantity_min, item.unit) == (1000, "containers")
    assert (str(transfer.period_start), str(transfer.period_end)) == ("2023-09-07", "2023-10-01")


def test_the_najin_dunay_allegation_has_statements_from_the_us_uk_dprk_and_russia(najin_dunay):
    stances: dict[str, set[tuple[str, str]]] = {}
    for link in najin_dunay.statement_links.select_related("statement"):
        for originator in link.statement.on_behalf_of.all():
            stances.setdefault(root(originator).name, set()).add((link.statement.stance, link.bearing))
    assert stances["United States"] == {(Stance.ASSERTS, "supports"), (Stance.CONDEMNS, "context"),
                                        (Stance.ASSERTS, "context")}
    assert stances["Republic of Korea"] == {(Stance.ASSERTS, "context"), (Stance.CONDEMNS, "context")}
    assert stances["United Kingdom"] == {(Stance.ASSESSES, "supports"), (Stance.ASSERTS, "context")}
    assert stances["DPRK"] == {(Stance.DENIES, "contradicts")}
    assert stances["Russia"] == {(Stance.DENIES, "contradicts"), (Stance.DECLINES_TO_COMMENT, "context")}
    uk = Statement.objects.get(ref="uk-mod-2023-10-26-munitions-reached-depots")
    assert (uk.estimative_phrase, uk.estimative_term.term, uk.estimative_term.scale) == (
        "almost certain", "almost certain", "uk_phia")
    assert str(uk.stated_on) == "2023-10-26"


def test_the_white_house_claim_is_one_statement_with_three_articles(najin_dunay):
    claim = Statement.objects.get(ref="wh-2023-10-13-containers-najin-dunay")
    assert sorted(str(d) for d in claim.sources.values_list("published_on", flat=True)) == [
        "2023-10-19", "2023-10-20", "2023-10-27"]
    assert all(link.excerpt for link in claim.source_links.all())
    assert claim.speaker.name == "John Kirby" and str(claim.stated_on) == "2023-10-13"


def test_the_suggested_status_counts_the_white_house_once_and_the_uk_mod_as_a_second_originator(najin_dunay):
    suggestion = allegation_suggested_status(allegation=najin_dunay)
    assert suggestion.supporting_originators == ["United Kingdom", "United States"]
    assert suggestion.contradicting_originators == []
    assert suggestion.interested_denials == ["DPRK", "Russia"]
    assert suggestion.declined_to_comment == ["Russia"]
    assert suggestion.best_grade == "B2"
    assert suggestion.supporting_evidence == 2
    # The White House's own images do not corroborate the White House; Planet Labs' do.
    assert suggestion.independent_evidence == 1
    assert any("released by an originator of the claim (United States)" in r for r in suggestion.reasons)
    # Two independent originators, independent evidence and a B2 source meet the selector's
    # bar for suggesting "confirmed"; the allegation itself was opened as corroborated.
    assert suggestion.status == EvidentiaryStatus.CONFIRMED
    assert najin_dunay.status == EvidentiaryStatus.CORROBORATED


def test_the_other_allegations_get_the_status_their_originators_support(najin_dunay):
    wagner = Allegation.objects.get(ref="dprk-wagner-rockets-missiles-2022")
    talks = Allegation.objects.get(ref="russia-dprk-arms-negotiations-2023")
    assert wagner.status == EvidentiaryStatus.REPORTED
    assert talks.status == EvidentiaryStatus.CORROBORATED
    wagner_suggestion = allegation_suggested_status(allegation=wagner)
    assert wagner_suggestion.supporting_originators == ["United States"]
    assert wagner_suggestion.status == EvidentiaryStatus.REPORTED
    talks_suggestion = allegation_suggested_status(allegation=talks)
    assert talks_suggestion.supporting_originators == [
        "Japan", "Republic of Korea", "United Kingdom", "United States"]
    assert talks_suggestion.status == EvidentiaryStatus.CORROBORATED


def test_each_seeded_fact_carries_the_verification_its_public_source_supports(najin_dunay):
    from compliance.models import Provision, Vessel

    assert Vessel.objects.get(ref="angara").verification == "secondary"
    assert Vessel.objects.get(ref="maria").verification == "secondary"
    assert Vessel.objects.get(ref="maria").imo_number is None
    assert Place.objects.get(ref="tikhoretsk-depot").verification == "unverified"
    assert Place.objects.get(ref="najin").verification == "secondary"
    # Both paragraph numbers are right: checked against the resolutions' texts.
    for number, paragraph in ((1874, "9"), (2270, "6"), (1718, "8(b)"), (1718, "8(c)")):
        provision = Provision.objects.get(resolution__number=number, paragraph=paragraph)
        assert provision.verification == "verified", (number, paragraph)
        assert f"S/RES/{number} (" in provision.source and "operative paragraph" in provision.source
    # A paragraph number seen only in summaries is not claimed as verified.
    assert Provision.objects.get(resolution__number=2270, paragraph="8").verification == "secondary"


@pytest.mark.django_db
def test_no_seeded_fact_is_verified_without_saying_so_in_the_file():
    """A row is "verified in a primary source" only where the seed file says so: every
    seeded SourcedFact row whose file entry has no `verification` is unverified."""
    import yaml

    from compliance.models import EstimativeTerm, Resolution, VesselDesignation

    load()
    files = {name: yaml.safe_load((SEEDS / f"{name}.yaml").read_text(encoding="utf-8"))
             for name in ("resolutions", "places", "vessels", "estimative_terms")}
    said = {entry["ref"]: entry.get("verification") for entry in files["resolutions"]["resolutions"]}
    for resolution in Resolution.objects.all():
        assert resolution.verification == (said[resolution.ref] or "unverified"), resolution.ref
    said = {entry["ref"]: entry.get("verification") for entry in files["places"]["places"]}
    for place in Place.objects.all():
        assert place.verification == (said[place.ref] or "unverified"), place.ref
    said = {(entry["scale"], entry["term"]): entry.get("verification")
            for entry in files["estimative_terms"]["estimative_terms"]}
    for term in EstimativeTerm.objects.all():
        assert term.verification == (said[(term.scale, term.term)] or "unverified"), term.term
    assert not VesselDesignation.objects.filter(verification="verified").exists()


@pytest.mark.django_db
def test_an_entry_without_verification_is_loaded_as_unverified(seeds_copy):
    edit(seeds_copy / "places.yaml", "    note: City point.\n    source: City point from https://en.wikipedia.org/wiki/Pyongyang\n"
         "    verification: secondary\n",
         "    note: City point.\n    source: City point from https://en.wikipedia.org/wiki/Pyongyang\n")
    load(seeds_copy)
    assert Place.objects.get(ref="pyongyang").verification == "unverified"


@pytest.mark.django_db
@pytest.mark.parametrize("source, problem", [
    ("REFERENCE.md (Places).", 'source cites "REFERENCE.md", a file that is not in the repository'),
    ("/work/shared/REFERENCE.md, Places", 'source cites "/work/shared/REFERENCE.md", a file that is not in the repository'),
    ("UNSCR 1695 (2006); notes.txt", 'source cites "notes.txt", a file that is not in the repository'),
    ("RUSI report, October 2023", "source must cite a public source: a web address"),
], ids=["file-name", "absolute-path", "symbol-less-resolution-and-file", "no-address"])
def test_a_source_that_is_not_a_public_citation_is_refused_naming_the_entry(seeds_copy, source, problem):
    edit(seeds_copy / "places.yaml", "    source: City point from https://en.wikipedia.org/wiki/Pyongyang\n",
         f"    source: {source}\n")
    with pytest.raises(SeedError) as excinfo:
        load(seeds_copy)
    [error] = excinfo.value.errors
    assert 'places.yaml: places[4] (ref "pyongyang"): ' + problem in error


@pytest.mark.django_db
@pytest.mark.parametrize("source", [
    "S/RES/1718 (2006), operative paragraph 8(c)",
    "https://undocs.org/S/RES/1718(2006)",
    "S/2024/255 (draft resolution)",
    "Checked on the map and against seeds/places.yaml in this repository, https://www.openstreetmap.org/",
], ids=["un-symbol", "url", "un-document", "repository-file-and-url"])
def test_a_public_citation_or_a_file_in_the_repository_is_accepted(seeds_copy, source):
    edit(seeds_copy / "places.yaml", "    source: City point from https://en.wikipedia.org/wiki/Pyongyang\n",
         f"    source: {source}\n")
    load(seeds_copy)
    assert Place.objects.get(ref="pyongyang").source == source


def test_najin_is_the_rajin_port_quays_not_the_sonbong_district_point(najin_dunay):
    najin = Place.objects.get(ref="najin")
    assert (najin.latitude, najin.longitude) == (Decimal("42.245"), Decimal("130.295"))
    assert "Sonbong" in najin.note and "openstreetmap.org" in najin.source


def test_the_seeded_route_map_draws_najin_at_rajin_port(najin_dunay):
    from compliance.web.charts import transfer_route_map

    transfer = najin_dunay.transfers.prefetch_related("legs__from_place", "legs__to_place").get()
    svg = str(transfer_route_map(transfer)["svg"])
    [najin] = re.findall(r'data-name="Rajin \(Najin\) port"[^>]*data-latitude="([^"]+)" data-longitude="([^"]+)"', svg)
    assert (float(najin[0]), float(najin[1])) == pytest.approx((42.245, 130.295), abs=0.005)


def test_the_2017_resolutions_were_adopted_15_0_not_by_consensus(najin_dunay):
    from compliance.models import Resolution

    votes = dict(Resolution.objects.values_list("number", "vote"))
    assert votes[2371] == votes[2397] == "15-0"
    assert set(votes.values()) == {"15-0"}
    assert "unanimously" in Resolution.objects.get(number=2371).source


def test_1718_op8c_on_technical_training_and_assistance_is_loaded(najin_dunay):
    from compliance.choices import ProvisionCategory
    from compliance.models import Provision

    op8c = Provision.objects.get(resolution__number=1718, paragraph="8(c)")
    assert op8c.category == ProvisionCategory.TECHNICAL_ASSISTANCE
    assert "technical training, advice, services or assistance" in op8c.obligation
    assert "https://undocs.org/S/RES/1718(2006)" in op8c.source
    talks = Allegation.objects.get(ref="russia-dprk-arms-negotiations-2023")
    assert talks.provision_links.filter(provision=op8c).exists()


def test_maia_1_reported_eu_listing_is_recorded_as_unverified_not_as_fact(najin_dunay):
    from compliance.models import Vessel

    maia = Vessel.objects.get(ref="maia-1")
    eu = maia.designations.get(authority="EU")
    assert eu.verification == "unverified" and eu.designated_on is None
    assert "Maya-1" in eu.reference and "Reported" in eu.reference
    rok = maia.designations.get(authority="Republic of Korea")
    assert (str(rok.designated_on), rok.verification) == ("2024-05-24", "secondary")


def test_every_seeded_source_is_a_public_citation(najin_dunay):
    from compliance.services.seeds.check import public_source_problem
    from compliance.models import (ActorRole, EstimativeTerm, Provision, Resolution, Vessel,
                                   VesselDesignation)

    roots = (Path(settings.BASE_DIR),)
    for model in (ActorRole, EstimativeTerm, Place, Provision, Resolution, Vessel, VesselDesignation):
        for row in model.objects.all():
            assert public_source_problem(row.source, roots=roots) is None, (model.__name__, row.pk)
            assert "REFERENCE" not in row.source


# ----------------------------------------------------------------------------- the command


@pytest.mark.django_db
def test_the_command_prints_a_summary_and_says_when_there_is_nothing_to_do():
    out = io.StringIO()
    call_command("load_seeds", stdout=out)
    assert "allegations" in out.getvalue()
    assert re.search(r"Seeds loaded: [1-9]\d* created, 0 updated\.", out.getvalue())
    out = io.StringIO()
    call_command("load_seeds", stdout=out)
    assert "Nothing to do: the database already matches the seed files." in out.getvalue()


@pytest.mark.django_db
def test_the_command_refuses_bad_seeds_with_a_command_error(seeds_copy):
    edit(seeds_copy / "places.yaml", "latitude: 42.880", "latitude: 142.88")
    with pytest.raises(CommandError, match=r"nothing was written"):
        call_command("load_seeds", "--dir", str(seeds_copy), stdout=io.StringIO())
    assert all(n == 0 for n in row_counts().values())


@pytest.mark.django_db
def test_the_command_dry_run_says_so_and_writes_nothing():
    out = io.StringIO()
    call_command("load_seeds", "--dry-run", stdout=out)
    assert "dry run: nothing was written" in out.getvalue()
    assert all(n == 0 for n in row_counts().values())


@pytest.mark.django_db
def test_a_changed_originator_in_the_file_is_reported_then_applied_with_update(seeds_copy):
    load(seeds_copy)
    edit(seeds_copy / "allegations.yaml", "    on_behalf_of: [white-house]\n",
         "    on_behalf_of: [white-house, us-nsc]\n")
    claim = Statement.objects.get(ref="wh-2023-10-13-containers-najin-dunay")

    report = load(seeds_copy)
    assert report.kept == [
        'kept: statements/wh-2023-10-13-containers-najin-dunay on_behalf_of ["white-house"] in the database, '
        '["white-house", "us-nsc"] in the file'
    ]
    assert [a.ref for a in claim.on_behalf_of.all()] == ["white-house"]

    load(seeds_copy, update=True)
    assert sorted(a.ref for a in claim.on_behalf_of.all()) == ["us-nsc", "white-house"]
    entry = AuditEntry.objects.filter(model="compliance.Statement", object_id=str(claim.pk)).first()
    assert entry.actor_label == "load_seeds" and "on_behalf_of" in entry.changes
    assert load(seeds_copy).kept == []
