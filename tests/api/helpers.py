"""Building approved editions for the API tests and the API benchmark: Almaty's demo strategy,
walked through the real route (tests/approvals/conftest.py), with a chosen number of indicators."""

import uuid
from itertools import zip_longest

from approvals import services
from indicators.models import BenchmarkValue, Indicator, Milestone
from strategies.models import Strategy
from tests.approvals.conftest import bring, user


def set_indicator_count(strategy: Strategy, count: int) -> None:
    """Give the draft exactly `count` target indicators (at least one per direction, as the
    compliance check asks): the first ones are kept, copies of them (with their milestones and
    benchmarks) are added round the directions."""
    indicators = list(
        Indicator.objects.filter(direction__strategy=strategy).order_by(
            "direction__kind", "position", "pk"
        )
    )
    per_direction: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        per_direction.setdefault(indicator.direction_id, []).append(indicator)
    assert count >= len(per_direction), "every direction keeps an indicator"
    # Round the directions: the first of each, then the second of each ...
    order = [i for row in zip_longest(*per_direction.values()) for i in row if i is not None]
    keep = order[:count]
    Indicator.objects.filter(direction__strategy=strategy).exclude(
        pk__in=[i.pk for i in keep]
    ).delete()
    for copy in range(count - len(keep)):
        source = keep[copy % len(keep)]
        milestones = list(source.milestones.all())
        benchmarks = list(source.benchmarks.all())
        clone = Indicator.objects.get(pk=source.pk)
        clone.pk = None
        clone.uid = uuid.uuid4()
        clone.position = source.position + 1000 * (copy // len(keep) + 1)
        clone.name_ru = f"{source.name_ru} ({copy + 2})"
        clone.name_kk = f"{source.name_kk} ({copy + 2})"
        clone.save()
        Milestone.objects.bulk_create(
            Milestone(indicator=clone, year=m.year, value=m.value) for m in milestones
        )
        BenchmarkValue.objects.bulk_create(
            BenchmarkValue(
                indicator=clone, year=b.year, value=b.value, city_name_kk=b.city_name_kk,
                city_name_ru=b.city_name_ru, city_name_en=b.city_name_en,
            )
            for b in benchmarks
        )  # fmt: skip
    assert Indicator.objects.filter(direction__strategy=strategy).count() == count


def almaty_draft() -> Strategy:
    """Almaty's open draft: the demo's, or an amendment of its approved edition."""
    draft = Strategy.objects.filter(city__code="almaty", state=Strategy.State.DRAFT).first()
    if draft is not None:
        return draft
    edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    return services.strategy_amend(actor=user("almaty.editor"), strategy=edition)


def approved_almaty(indicators: int | None = None) -> Strategy:
    """A new approved edition of Almaty's strategy, through the real route (approving an
    amendment of the edition in force when there is one), with `indicators` target indicators
    if given."""
    strategy = almaty_draft()
    if indicators is not None:
        set_indicator_count(strategy, indicators)
    bring(strategy, "approved")
    strategy.refresh_from_db()
    return strategy


def almaty_edition() -> Strategy:
    """Almaty's edition in force: the demo's when seed_demo approved it, else approved now."""
    edition = Strategy.objects.filter(city__code="almaty", state=Strategy.State.APPROVED).first()
    return edition or approved_almaty()
