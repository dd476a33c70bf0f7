"""Recording monitoring values: apart from the frozen content, audited, following the indicator
into the next approved edition, refused to whoever may not record them."""

from decimal import Decimal

import pytest

from approvals.models import Snapshot
from approvals.services import published_snapshot
from approvals.snapshots import snapshot_is_intact
from core.exceptions import Conflict, InvalidInput, NotFound, PermissionDenied
from core.models import AuditEvent
from indicators.models import Indicator, YearlyValue
from indicators.numbers import PrintedNumber
from indicators.selectors import monitoring_overview
from indicators.services import YearInput, yearly_values_save
from strategies.models import Strategy

pytestmark = pytest.mark.django_db


def recycling(strategy) -> Indicator:
    return Indicator.objects.get(
        direction__strategy=strategy, name_ru__startswith="Доля переработки и утилизации ТБО"
    )


def stored(indicator, year) -> YearlyValue:
    return YearlyValue.objects.get(indicator_uid=indicator.uid, year=year)


def test_recording_after_approval_leaves_the_approved_snapshot_and_its_hash(
    almaty_approved, almaty_editor
):
    edition = published_snapshot(almaty_approved)
    content, digest = edition.content, edition.content_hash
    indicator = recycling(almaty_approved)

    yearly_values_save(
        actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
        rows=[YearInput(
            2023, PrintedNumber(Decimal("24.5")), PrintedNumber(Decimal("25.1")),
            version=stored(indicator, 2023).version,
        )],
    )  # fmt: skip

    edition = Snapshot.objects.get(pk=edition.pk)
    assert (edition.content, edition.content_hash) == (content, digest)
    assert snapshot_is_intact(edition)
    assert stored(indicator, 2023).actual == Decimal("25.1")
    almaty_approved.refresh_from_db()
    assert almaty_approved.state == Strategy.State.APPROVED


def test_the_values_follow_the_indicator_into_the_amended_edition(
    almaty, almaty_approved, almaty_editor
):
    from tests.approvals.conftest import bring

    indicator = recycling(almaty_approved)
    yearly_values_save(
        actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
        rows=[YearInput(
            2023, PrintedNumber(Decimal("24.5")), PrintedNumber(Decimal("26")),
            version=stored(indicator, 2023).version,
        )],
    )  # fmt: skip
    bring(almaty, "approved")  # the amendment passes the route

    almaty.refresh_from_db()
    almaty_approved.refresh_from_db()
    assert (almaty.state, almaty_approved.state) == ("approved", "superseded")
    amended = recycling(almaty)
    assert amended.pk != recycling(almaty_approved).pk
    rows = {
        row.year: row.value.actual
        for direction in monitoring_overview(almaty).directions
        for item in direction.indicators
        if item.indicator == amended
        for row in item.years
    }
    assert rows[2022] == Decimal(18) and rows[2023] == Decimal(26)


def test_every_change_is_audited_with_who_and_the_old_and_new_values(
    almaty_approved, almaty_editor
):
    indicator = recycling(almaty_approved)
    value = stored(indicator, 2022)
    yearly_values_save(
        actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
        rows=[YearInput(
            2022, PrintedNumber(Decimal("22.5")), PrintedNumber(Decimal("18.5")),
            explanation={"ru": "Задержка ввода мусоросортировочного комплекса."},
            version=value.version,
        )],
    )  # fmt: skip
    event = AuditEvent.objects.get(strategy=almaty_approved, event_type="monitoring.value_changed")
    assert event.actor == almaty_editor
    assert event.extra["year"] == 2022 and event.extra["indicator"] == str(indicator.uid)
    assert event.extra["changes"]["actual"] == ["18.0000", "18.5"]
    assert event.extra["changes"]["explanation_ru"][1].startswith("Задержка")


def test_an_off_track_year_needs_an_explanation(almaty_approved, almaty_editor):
    indicator = recycling(almaty_approved)
    with pytest.raises(InvalidInput) as refused:
        yearly_values_save(
            actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
            rows=[YearInput(
                2023, PrintedNumber(Decimal("24.5")), PrintedNumber(Decimal(20)),
                version=stored(indicator, 2023).version,
            )],
        )  # fmt: skip
    assert "year_2023" in refused.value.details
    assert not YearlyValue.objects.filter(
        indicator_uid=indicator.uid, year=2023, actual=20
    ).exists()


def test_a_year_changed_meanwhile_is_a_conflict(almaty_approved, almaty_editor):
    indicator = recycling(almaty_approved)
    value = stored(indicator, 2021)
    stale = value.version
    save = {"actor": almaty_editor, "strategy": almaty_approved, "indicator": indicator}
    row = YearInput(2021, PrintedNumber(Decimal(13)), PrintedNumber(Decimal(16)), version=stale)
    yearly_values_save(**save, rows=[row])
    with pytest.raises(Conflict):
        yearly_values_save(**save, rows=[row])
    assert stored(indicator, 2021).version == stale + 1


def test_a_year_can_be_removed_and_the_removal_is_audited(almaty_approved, almaty_editor):
    indicator = recycling(almaty_approved)
    value = stored(indicator, 2025)
    yearly_values_save(
        actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
        rows=[YearInput(2025, version=value.version, remove=True)],
    )  # fmt: skip
    assert not YearlyValue.objects.filter(pk=value.pk).exists()
    event = AuditEvent.objects.get(event_type="monitoring.value_removed", target_id=value.pk)
    assert event.extra["removed"]["plan"] == "33.0000"


@pytest.mark.parametrize(
    ("who", "error"),
    [("karaganda_editor", PermissionDenied), ("ministry_reviewer", PermissionDenied)],
)
def test_only_the_citys_editors_record(almaty_approved, request, who, error):
    actor = request.getfixturevalue(who)
    with pytest.raises(error):
        yearly_values_save(
            actor=actor, strategy=almaty_approved, indicator=recycling(almaty_approved),
            rows=[YearInput(2023, PrintedNumber(Decimal(1)), PrintedNumber(Decimal(1)))],
        )  # fmt: skip


def test_a_draft_is_invisible_to_another_citys_editor(almaty, karaganda_editor):
    with pytest.raises(NotFound):
        yearly_values_save(
            actor=karaganda_editor, strategy=almaty, indicator=recycling(almaty),
            rows=[YearInput(2023, PrintedNumber(Decimal(1)), PrintedNumber(Decimal(1)))],
        )  # fmt: skip


def test_a_strategy_in_approval_or_superseded_records_nothing(almaty, almaty_editor):
    from tests.approvals.conftest import bring

    bring(almaty, "central")
    with pytest.raises(PermissionDenied):
        yearly_values_save(
            actor=almaty_editor, strategy=almaty, indicator=recycling(almaty),
            rows=[YearInput(2023, PrintedNumber(Decimal(1)), PrintedNumber(Decimal(1)))],
        )  # fmt: skip


def test_an_indicator_of_another_strategy_is_refused(almaty_approved, almaty_editor, karaganda):
    other = Indicator.objects.filter(direction__strategy=karaganda).first() or recycling(
        almaty_approved
    )
    if other.direction.strategy_id == almaty_approved.pk:
        pytest.skip("Karaganda's draft has no indicator")
    with pytest.raises(InvalidInput):
        yearly_values_save(
            actor=almaty_editor, strategy=almaty_approved, indicator=other,
            rows=[YearInput(2023, PrintedNumber(Decimal(1)), PrintedNumber(Decimal(1)))],
        )  # fmt: skip


def test_a_stored_year_without_its_explanation_does_not_stop_the_next_year(
    almaty_approved, almaty_editor
):
    """A missed year imported without an explanation, left as it was, lets the editor record
    another year (the monitoring page lists the explanation as missing); changing it needs one."""
    indicator = recycling(almaty_approved)
    old = stored(indicator, 2023)
    YearlyValue.objects.filter(pk=old.pk).update(
        plan=Decimal("24.5"), actual=Decimal(20), explanation_kk="", explanation_ru=""
    )
    old.refresh_from_db()
    unchanged = YearInput(
        2023, PrintedNumber(old.plan), PrintedNumber(old.actual),
        explanation={"kk": "", "ru": ""}, version=old.version,
    )  # fmt: skip
    counts = yearly_values_save(
        actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
        rows=[unchanged, YearInput(2047, PrintedNumber(Decimal(30)), confirmed=True)],
    )  # fmt: skip
    assert counts["created"] == 1 and stored(indicator, 2047).plan == 30

    with pytest.raises(InvalidInput) as refused:
        yearly_values_save(
            actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
            rows=[YearInput(
                2023, PrintedNumber(old.plan), PrintedNumber(Decimal(19)),
                explanation={"kk": "", "ru": ""}, version=old.version, confirmed=True,
            )],
        )  # fmt: skip
    assert "year_2023" in refused.value.details
