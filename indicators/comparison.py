"""The ministry's comparison of cities on the recommended target indicators of p.26.

The central planning body reviews every city's strategy (p.15) and compares cities on the
indicators the Methodology recommends (p.26; indicators.catalogue). For each catalogue indicator
that at least two cities use, one row per city: its baseline (year, value), its latest actual
value (monitoring data, indicators.YearlyValue), its 2030 milestone and the Open SDG progress
status toward its next milestone (indicators.monitoring.assess_progress).

Whose rows: every approved edition is public (PRODUCT.md, "Who uses it"); a ministry reviewer (or
an operator) also sees, for each city, the latest snapshot it submitted for approval that is not
approved yet (a strategy in approval, or a draft returned with remarks), read from the frozen
snapshot as the reviewer reviews it. Such a row says so (`source`, `snapshot_number`).

Bounded reads: a fixed number of queries whatever the number of cities and indicators (the
snapshots' indicators are read from their JSON content; tests/indicators/test_comparison.py
asserts it with every city of the reference data).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import translation

from approvals.models import Snapshot
from core.models import Membership
from indicators.models import (
    MILESTONE_YEARS,
    Indicator,
    Milestone,
    RecommendedIndicator,
    SdgTarget,
    YearlyValue,
)
from indicators.monitoring import Progress, ProgressStatus, assess_progress
from strategies.models import DirectionKind, Strategy
from strategies.permissions import strategy_visibility

# The milestone every city is compared at: the first 5-year step (p.26).
COMPARED_MILESTONE = MILESTONE_YEARS[0]
# A comparison needs at least this many cities.
MIN_CITIES = 2
# How the rows of an indicator may be ordered (the page's `sort` choices).
SORT_KEYS = ("city", "baseline", "latest", "milestone", "status")
PROGRESS_ORDER = {status: position for position, status in enumerate(ProgressStatus.values)}


class Source:
    APPROVED = "approved"
    SUBMITTED = "submitted"


@dataclass
class CityRow:
    """One city's use of a catalogue indicator. Values are Decimals in the city's unit."""

    city: str
    city_code: str
    strategy_id: int
    source: str
    snapshot_number: int | None
    name: str
    unit: str
    sdg_target: str | None
    goal: int | None
    good_direction: str
    baseline_year: int | None
    baseline_value: Decimal | None
    latest_year: int | None
    latest_value: Decimal | None
    milestone: Decimal | None
    progress: Progress

    @property
    def status(self) -> str:
        return str(self.progress.status)


@dataclass
class IndicatorComparison:
    """A catalogue indicator and the cities that use it."""

    recommended: RecommendedIndicator
    rows: list[CityRow] = field(default_factory=list)

    @property
    def direction(self) -> DirectionKind:
        return DirectionKind(self.recommended.direction_kind)

    @property
    def goals(self) -> set[int]:
        return {row.goal for row in self.rows if row.goal is not None}

    @property
    def cities(self) -> int:
        return len({row.city_code for row in self.rows})


@dataclass
class Comparison:
    """The page: the compared indicators (filtered, rows sorted), the catalogue indicators used
    by one city only (not compared), and whether submitted snapshots are included."""

    indicators: list[IndicatorComparison]
    single: list[RecommendedIndicator]
    with_submitted: bool


def sees_submitted(user) -> bool:
    """Ministry reviewers (the central planning body, p.15) and operators see submitted
    snapshots in the comparison; everyone else sees approved editions only."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.memberships.filter(role=Membership.Role.MINISTRY_REVIEWER).exists()
    )


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _text(texts: dict | None, lang: str) -> str:
    texts = texts or {}
    return (texts.get(lang) or texts.get("ru") or texts.get("kk") or "").strip()


@dataclass
class _Use:
    """A city's indicator before its monitoring values are read."""

    code: str
    uid: str
    city_id: int
    city: str
    city_code: str
    strategy_id: int
    source: str
    snapshot_number: int | None
    name: str
    unit: str
    sdg_target: str | None
    good_direction: str
    baseline_year: int | None
    baseline_value: Decimal | None
    milestones: dict[int, Decimal]


def _approved_uses() -> list[_Use]:
    """Catalogue indicators of the approved editions (two queries)."""
    indicators = (
        Indicator.objects.filter(
            recommended__isnull=False, direction__strategy__state=Strategy.State.APPROVED
        )
        .select_related("recommended", "sdg_target", "direction__strategy__city")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("year")))
    )
    return [
        _Use(
            code=indicator.recommended.code,
            uid=str(indicator.uid),
            city_id=indicator.direction.strategy.city_id,
            city=indicator.direction.strategy.city.name,
            city_code=indicator.direction.strategy.city.code,
            strategy_id=indicator.direction.strategy_id,
            source=Source.APPROVED,
            snapshot_number=None,
            name=indicator.name,
            unit=indicator.unit,
            sdg_target=indicator.sdg_target.code if indicator.sdg_target_id else None,
            good_direction=indicator.good_direction,
            baseline_year=indicator.baseline_year,
            baseline_value=indicator.baseline_value,
            milestones={m.year: m.value for m in indicator.milestones.all()},
        )
        for indicator in indicators
    ]


def _submitted_uses(user, lang: str) -> list[_Use]:
    """Catalogue indicators of each city's latest submitted snapshot of a strategy not yet
    approved that the user may read (two queries: the user's memberships, the snapshots)."""
    latest = Snapshot.objects.filter(strategy=OuterRef("strategy")).order_by("-number")
    snapshots = (
        Snapshot.objects.filter(
            strategy__state__in=Strategy.OPEN_STATES,
            strategy__in=Strategy.objects.filter(strategy_visibility(user)).values("pk"),
            number=Subquery(latest.values("number")[:1]),
        )
        .select_related("strategy__city")
        .order_by("strategy__city__code")
    )
    uses = []
    for snapshot in snapshots:
        city = snapshot.strategy.city
        for direction in (snapshot.content.get("directions") or {}).values():
            for item in direction.get("indicators") or []:
                if not item.get("recommended"):
                    continue
                uses.append(
                    _Use(
                        code=item["recommended"],
                        uid=str(item.get("uid") or ""),
                        city_id=city.pk,
                        city=city.name,
                        city_code=city.code,
                        strategy_id=snapshot.strategy_id,
                        source=Source.SUBMITTED,
                        snapshot_number=snapshot.number,
                        name=_text(item.get("name"), lang),
                        unit=_text(item.get("unit"), lang),
                        sdg_target=item.get("sdg_target"),
                        good_direction=item.get("good_direction") or "up",
                        baseline_year=item.get("baseline_year"),
                        baseline_value=_decimal(item.get("baseline_value")),
                        milestones={
                            int(year): value
                            for year, text in (item.get("milestones") or {}).items()
                            if (value := _decimal(text)) is not None
                        },
                    )
                )
    return uses


def _actuals(uses: list[_Use]) -> dict[tuple[str, int], dict[int, Decimal | None]]:
    """The recorded actual values of the indicators, by (identity, city) and year (one query)."""
    found: dict[tuple[str, int], dict[int, Decimal | None]] = {}
    rows = YearlyValue.objects.filter(
        indicator_uid__in={use.uid for use in uses if use.uid}, actual__isnull=False
    ).values_list("indicator_uid", "city_id", "year", "actual")
    for uid, city_id, year, actual in rows:
        found.setdefault((str(uid), city_id), {})[year] = actual
    return found


def _row(use: _Use, actuals: dict[int, Decimal | None], goals: dict[str, int]) -> CityRow:
    latest_year = max(actuals) if actuals else None
    return CityRow(
        city=use.city,
        city_code=use.city_code,
        strategy_id=use.strategy_id,
        source=use.source,
        snapshot_number=use.snapshot_number,
        name=use.name,
        unit=use.unit,
        sdg_target=use.sdg_target,
        goal=goals.get(use.sdg_target or ""),
        good_direction=use.good_direction,
        baseline_year=use.baseline_year,
        baseline_value=use.baseline_value,
        latest_year=latest_year,
        latest_value=actuals[latest_year] if latest_year is not None else None,
        milestone=use.milestones.get(COMPARED_MILESTONE),
        progress=assess_progress(
            good_direction=use.good_direction,
            baseline_year=use.baseline_year,
            baseline_value=use.baseline_value,
            milestones=use.milestones,
            actuals=actuals,
        ),
    )


def sort_rows(rows: list[CityRow], key: str, descending: bool = False) -> list[CityRow]:
    """Rows ordered by `key` (one of SORT_KEYS); rows without that value come last either way,
    ties by city name."""

    def value(row: CityRow):
        if key == "baseline":
            return row.baseline_value
        if key == "latest":
            return row.latest_value
        if key == "milestone":
            return row.milestone
        if key == "status":
            return PROGRESS_ORDER[row.status]
        return row.city.casefold()

    by_city = sorted(rows, key=lambda row: (row.city.casefold(), row.source))
    known = [row for row in by_city if value(row) is not None]
    unknown = [row for row in by_city if value(row) is None]
    return sorted(known, key=value, reverse=descending) + unknown


def city_comparison(
    user,
    *,
    lang: str,
    direction: int | None = None,
    goal: int | None = None,
    indicator: str | None = None,
    sort: str = "city",
    descending: bool = False,
    with_submitted: bool = False,
) -> Comparison:
    """The comparison for `user` in `lang`: catalogue indicators used by at least MIN_CITIES
    cities, filtered by direction (DirectionKind), SDG goal number (an indicator is kept when a
    city links it to a target of that goal) and catalogue code, rows sorted by `sort` (SORT_KEYS).

    `with_submitted` adds each city's latest submitted snapshot; the caller has checked
    `sees_submitted(user)` (a PermissionDenied is its to raise). At most eight queries.
    """
    with translation.override(lang):
        catalogue = {item.code: item for item in RecommendedIndicator.objects.all()}
        uses = _approved_uses()
        if with_submitted:
            uses += _submitted_uses(user, lang)
        targets = {use.sdg_target for use in uses if use.sdg_target}
        goals = dict(SdgTarget.objects.filter(code__in=targets).values_list("code", "goal__number"))
        actuals = _actuals(uses)
        grouped: dict[str, IndicatorComparison] = {}
        for use in uses:
            if use.code not in catalogue:
                continue
            group = grouped.setdefault(use.code, IndicatorComparison(catalogue[use.code]))
            group.rows.append(_row(use, actuals.get((use.uid, use.city_id), {}), goals))
        compared, single = [], []
        for code, item in catalogue.items():  # the catalogue's order: direction, then position
            group = grouped.get(code)
            if group is None:
                continue
            if group.cities < MIN_CITIES:
                single.append(item)
                continue
            if direction is not None and item.direction_kind != direction:
                continue
            if goal is not None and goal not in group.goals:
                continue
            if indicator and code != indicator:
                continue
            group.rows = sort_rows(group.rows, sort, descending)
            compared.append(group)
        return Comparison(compared, single, with_submitted)
