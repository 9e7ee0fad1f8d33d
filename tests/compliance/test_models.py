"""Database constraints and validators hold whatever writes the row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from compliance.models import Place, Provision, Resolution, RouteLeg, Transfer, Vessel
from tests.factories import (
    PlaceFactory,
    ResolutionFactory,
    RouteLegFactory,
    StateFactory,
    TransferFactory,
    VesselFactory,
)


@pytest.mark.parametrize("imo", ["9179842", "9161003", "IMO 9179842"])
def test_valid_imo_numbers_pass_their_check_digit(imo):
    Vessel(name="Angara", imo_number=imo, flag="RU").full_clean(validate_unique=False, validate_constraints=False)


@pytest.mark.parametrize("imo", ["9179843", "1234568", "917984", "abcdefg"])
def test_imo_numbers_with_a_bad_check_digit_are_refused(imo):
    with pytest.raises(ValidationError) as excinfo:
        Vessel(name="Angara", imo_number=imo, flag="RU").full_clean(validate_unique=False, validate_constraints=False)
    assert "imo_number" in excinfo.value.message_dict


@pytest.mark.django_db
def test_imo_numbers_are_unique_and_stored_compact():
    VesselFactory(imo_number="IMO 9179842")
    assert Vessel.objects.get().imo_number == "9179842"
    with pytest.raises(IntegrityError), transaction.atomic():
        VesselFactory(imo_number="9179842")


@pytest.mark.django_db
def test_resolution_numbers_are_unique():
    ResolutionFactory(number=1718)
    with pytest.raises(IntegrityError), transaction.atomic():
        Resolution.objects.create(number=1718, adopted_on=datetime.date(2006, 10, 14))


@pytest.mark.django_db
def test_a_paragraph_appears_once_per_resolution():
    resolution = ResolutionFactory()
    Provision.objects.create(resolution=resolution, paragraph="8(b)", category="arms_export_ban",
                             obligation="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Provision.objects.create(resolution=resolution, paragraph="8(b)", category="arms_export_ban",
                                 obligation="y")


@pytest.mark.django_db
@pytest.mark.parametrize(("lat", "lon"), [(91, 130), (-90.5, 130), (42, 181), (42, -180.01)])
def test_coordinates_out_of_range_are_refused_by_the_database(lat, lon):
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.create(name="Bad", kind="port", latitude=lat, longitude=lon)


@pytest.mark.django_db
def test_a_place_has_both_coordinates_or_neither():
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.create(name="Half", kind="port", latitude=42)


@pytest.mark.django_db
def test_a_transfer_period_starts_before_it_ends():
    with pytest.raises(IntegrityError), transaction.atomic():
        TransferFactory(period_start=datetime.date(2023, 10, 1), period_end=datetime.date(2023, 9, 7))


@pytest.mark.django_db
def test_supplier_and_recipient_differ():
    dprk = StateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TransferFactory(supplier=dprk, recipient=dprk)


@pytest.mark.django_db
def test_route_leg_order_is_unique_per_transfer():
    leg = RouteLegFactory(sequence=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RouteLeg.objects.create(transfer=leg.transfer, sequence=1, from_place=PlaceFactory(),
                                to_place=PlaceFactory(), mode="rail")


@pytest.mark.django_db
def test_deleting_a_supplier_is_refused():
    from django.db.models import ProtectedError

    transfer = TransferFactory()
    with pytest.raises(ProtectedError):
        transfer.supplier.delete()
    assert Transfer.objects.filter(pk=transfer.pk).exists()


def test_country_codes_are_checked():
    with pytest.raises(ValidationError) as excinfo:
        Vessel(name="X", flag="XX").full_clean(validate_unique=False, validate_constraints=False)
    assert "flag" in excinfo.value.message_dict
