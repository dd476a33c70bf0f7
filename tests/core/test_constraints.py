"""Invariants held by the database: a violation is refused, whatever code path attempts it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import City, Membership, Organisation, Region, User
from indicators.models import Milestone, YearlyValue
from strategies.models import Direction, SeriesValue, SphereAssessment, Strategy

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_regional_centre_needs_a_region_and_republican_city_has_none():
    refused(lambda: City.objects.create(code="x1", name_kk="X", category="regional_centre"))
    refused(
        lambda: City.objects.create(
            code="x2", name_kk="X", category="republican", region=Region.objects.first()
        )
    )


def test_organisation_territory_must_match_its_kind():
    refused(lambda: Organisation.objects.create(code="o1", name_kk="O", kind="city_akimat"))
    refused(
        lambda: Organisation.objects.create(
            code="o2",
            name_kk="O",
            kind="maslikhat",
            city=City.objects.first(),
            region=Region.objects.first(),
        )
    )


def test_membership_role_must_fit_the_organisation_kind():
    membership = Membership(
        user=User.objects.create(username="someone"),
        organisation=Organisation.objects.get(code="mne"),
        role=Membership.Role.CITY_EDITOR,
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "organisation" in error.value.message_dict


def test_one_direction_of_each_kind_and_only_the_five(almaty):
    refused(lambda: Direction.objects.create(strategy=almaty, kind=1))
    refused(lambda: Direction.objects.create(strategy=almaty, kind=6))


def test_horizon_is_2050(almaty):
    refused(lambda: Strategy.objects.filter(pk=almaty.pk).update(horizon=2045))


def test_one_open_strategy_per_city(almaty):
    refused(lambda: Strategy.objects.create(city=almaty.city, title_kk="Екінші"))


def test_milestone_years_are_the_five_steps_and_unique(almaty):
    indicator = almaty.directions.get(kind=1).indicators.first()
    refused(lambda: Milestone.objects.create(indicator=indicator, year=2031, value=1))
    refused(lambda: Milestone.objects.create(indicator=indicator, year=2030, value=1))


def test_one_yearly_value_per_indicator_and_year(almaty):
    indicator = almaty.directions.get(kind=1).indicators.first()
    key = {"city": almaty.city, "indicator_uid": indicator.uid, "year": 2019}
    YearlyValue.objects.create(**key, plan=Decimal(1))
    refused(lambda: YearlyValue.objects.create(**key, plan=Decimal(2)))


def test_one_series_value_per_year(almaty):
    series = almaty.series.first()
    year = series.values.first().year
    refused(lambda: SeriesValue.objects.create(series=series, year=year, value=1))


def test_smart_city_levels_are_one_to_five(karaganda):
    refused(lambda: SphereAssessment.objects.create(strategy=karaganda, sphere="safety", level=6))


# The audit trail survives any attempt to delete what an event refers to (issue 8 item 1).


def _trail(strategy):
    from core.models import AuditEvent

    return list(AuditEvent.objects.filter(strategy=strategy).values_list("pk", flat=True))


def test_a_strategy_with_an_audit_trail_cannot_be_deleted(karaganda):
    from django.db.models import ProtectedError

    trail = _trail(karaganda)
    assert trail
    with pytest.raises(ProtectedError), transaction.atomic():
        karaganda.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Strategy.objects.filter(pk=karaganda.pk).delete()
    assert Strategy.objects.filter(pk=karaganda.pk).exists() and _trail(karaganda) == trail


def test_the_actor_and_the_target_type_of_an_event_cannot_be_deleted(karaganda):
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import ProtectedError

    from core.models import AuditEvent

    event = AuditEvent.objects.filter(strategy=karaganda, actor__isnull=False).first()
    with pytest.raises(ProtectedError), transaction.atomic():
        event.actor.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        ContentType.objects.filter(pk=event.target_type_id).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_removing_an_item_keeps_its_events_with_its_name_and_values(karaganda, karaganda_editor):
    from core.models import AuditEvent
    from strategies.services import content_delete, content_update

    item = karaganda.swot_items.first()
    item = content_update(actor=karaganda_editor, row=item, expected_version=item.version,
                          changes={"text_ru": "Удаляемый пункт"})  # fmt: skip
    content_delete(actor=karaganda_editor, row=item, expected_version=item.version)
    events = AuditEvent.objects.filter(target_id=item.pk, target_type__model="swotitem")
    assert set(events.values_list("event_type", flat=True)) >= {
        "content.updated",
        "content.deleted",
    }
    removed = events.get(event_type="content.deleted")
    assert removed.target_repr == str(item)
    assert removed.extra["removed"]["text_ru"] == "Удаляемый пункт"


def test_the_database_refuses_to_delete_an_audit_event(karaganda):
    from django.db import DatabaseError, connection

    from core.models import AuditEvent

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's (SQLite is emptied by DELETE)")
    event = AuditEvent.objects.filter(strategy=karaganda).first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()
