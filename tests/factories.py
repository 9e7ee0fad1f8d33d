"""factory_boy factories for the domain. Factories write rows directly: they build the
world a test starts from; the behaviour under test goes through the services."""

import datetime

import factory

from compliance import models
from compliance.choices import (
    ActorKind,
    Bearing,
    DocumentKind,
    EvidenceKind,
    ItemCategory,
    PlaceKind,
    ProvisionCategory,
    Stance,
    TransferStatus,
    TransportMode,
)


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Resolution
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 3000 + n)
    adopted_on = datetime.date(2006, 10, 14)
    vote = "15-0"
    chapter_vii = True


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Provision

    resolution = factory.SubFactory(ResolutionFactory)
    paragraph = factory.Sequence(lambda n: f"{n + 1}(b)")
    category = ProvisionCategory.ARMS_EXPORT_BAN
    obligation = "DPRK shall cease the export of listed arms; all states shall prohibit their procurement."


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    kind = ActorKind.GOVERNMENT_BODY


class StateFactory(ActorFactory):
    name = factory.Sequence(lambda n: f"State {n}")
    kind = ActorKind.STATE


class PersonFactory(ActorFactory):
    name = factory.Faker("name")
    kind = ActorKind.PERSON


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Place

    name = factory.Sequence(lambda n: f"Place {n}")
    kind = PlaceKind.PORT
    country = "RU"
    latitude = factory.Sequence(lambda n: round(40 + (n % 40) * 0.1, 5))
    longitude = factory.Sequence(lambda n: round(120 + (n % 50) * 0.1, 5))


class VesselFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Vessel

    name = factory.Sequence(lambda n: f"Vessel {n}")
    flag = "RU"
    imo_number = None


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SourceDocument

    title = factory.Sequence(lambda n: f"Article {n}")
    kind = DocumentKind.NEWS_ARTICLE
    published_on = datetime.date(2023, 10, 20)
    reliability = "C"
    credibility = "3"


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Transfer

    title = factory.Sequence(lambda n: f"Transfer {n}")
    supplier = factory.SubFactory(StateFactory)
    recipient = factory.SubFactory(StateFactory)
    status_claimed = TransferStatus.DELIVERED


class TransferItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TransferItem

    transfer = factory.SubFactory(TransferFactory)
    category = ItemCategory.ARTILLERY_AMMUNITION


class RouteLegFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RouteLeg

    transfer = factory.SubFactory(TransferFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    from_place = factory.SubFactory(PlaceFactory)
    to_place = factory.SubFactory(PlaceFactory)
    mode = TransportMode.SEA


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Statement
        skip_postgeneration_save = True

    stance = Stance.ASSERTS
    gist = factory.Sequence(lambda n: f"Claim number {n}")
    stated_on = datetime.date(2023, 10, 13)

    @factory.post_generation
    def on_behalf_of(self, create, extracted, **kwargs):
        if create:
            self.on_behalf_of.set(extracted if extracted is not None else [StateFactory()])

    @factory.post_generation
    def documents(self, create, extracted, **kwargs):
        if create and extracted:
            for doc in extracted:
                models.StatementSource.objects.create(statement=self, document=doc)


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.EvidenceItem

    kind = EvidenceKind.SATELLITE_IMAGERY
    description = "Containers stacked on the quay"


class AllegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Allegation

    title = factory.Sequence(lambda n: f"Allegation {n}")
    summary = "DPRK supplied munitions to Russia."


class AllegationStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AllegationStatement

    allegation = factory.SubFactory(AllegationFactory)
    statement = factory.SubFactory(StatementFactory)
    bearing = Bearing.SUPPORTS


class AllegationEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AllegationEvidence

    allegation = factory.SubFactory(AllegationFactory)
    evidence = factory.SubFactory(EvidenceItemFactory)
    bearing = Bearing.SUPPORTS
