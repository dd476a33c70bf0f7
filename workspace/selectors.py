"""Public reads of the workspace: what anyone may open from the home page and the public index."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from approvals.models import Hearing, Process, StageKind
from core.models import City
from strategies.models import Strategy


@dataclass
class CityEntry:
    """A city on the public index: its approved edition in force, its draft in public hearing
    (with the hearing), and whether it is preparing a strategy."""

    city: City
    approved: Strategy | None = None
    in_hearing: Strategy | None = None
    hearing: Hearing | None = None
    in_preparation: Strategy | None = None


@dataclass
class RegionEntry:
    """A region with its cities; `region` is None for the capital and the cities of republican
    significance (p.3), which belong to no region."""

    region: object
    cities: list[CityEntry] = field(default_factory=list)


def drafts_in_hearing() -> list[tuple[Strategy, Hearing]]:
    """Every draft published for public hearings now, with its hearing (p.14): one query."""
    hearings = (
        Hearing.objects.filter(
            stage_run__state="in_progress",
            stage_run__stage__kind=StageKind.HEARINGS,
            stage_run__process__state=Process.State.IN_PROGRESS,
        )
        .select_related("stage_run__process__strategy__city")
        .order_by("stage_run__process__strategy__city__name")
    )
    return [(h.stage_run.process.strategy, h) for h in hearings]


def strategies_by_region() -> list[RegionEntry]:
    """Every city by region (the cities of no region first), each with what the public may read:
    the approved edition and the draft in public hearing. Three queries whatever the number."""
    strategies = Strategy.objects.filter(
        state__in=(Strategy.State.APPROVED, *Strategy.OPEN_STATES)
    ).only("pk", "title", "state", "city_id", "updated_at")
    cities = City.objects.select_related("region").prefetch_related(
        Prefetch("strategies", queryset=strategies, to_attr="public_strategies")
    )
    hearing_of = {strategy.pk: hearing for strategy, hearing in drafts_in_hearing()}
    regions: dict[object, RegionEntry] = {}
    for city in sorted(
        cities, key=lambda c: (c.region is not None, c.region.name if c.region else "", c.name)
    ):
        entry = CityEntry(city)
        for strategy in city.public_strategies:
            if strategy.state == Strategy.State.APPROVED:
                entry.approved = strategy
            elif strategy.pk in hearing_of:
                entry.in_hearing, entry.hearing = strategy, hearing_of[strategy.pk]
            else:
                entry.in_preparation = strategy
        regions.setdefault(city.region_id, RegionEntry(city.region)).cities.append(entry)
    return list(regions.values())
