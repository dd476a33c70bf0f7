"""Reads of monitoring: a strategy's indicators with their yearly values and both statuses, in a
fixed number of queries whatever the number of indicators and years."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Sum
from django.utils import timezone, translation
from django.utils.text import capfirst

from indicators.charts import (
    indicator_chart,
    indicator_data,
    series_data,
    status_summary_chart,
    yearly_rows,
)
from indicators.models import Indicator, Milestone, SdgGoal, YearlyValue
from indicators.monitoring import (
    Progress,
    ProgressStatus,
    YearAssessment,
    YearStatus,
    assess_progress,
    assess_year,
)
from indicators.trajectory import check_trajectory, linked_history
from strategies.models import Direction, Strategy


@dataclass
class YearRow:
    """One indicator-year: the stored value and its assessment."""

    value: YearlyValue
    assessment: YearAssessment

    @property
    def year(self) -> int:
        return self.value.year

    @property
    def explanation_missing(self) -> bool:
        return self.assessment.explanation_required and not (
            (self.value.explanation_kk or "").strip() or (self.value.explanation_ru or "").strip()
        )


@dataclass
class IndicatorMonitoring:
    """An indicator with its milestones, its years and both statuses. `latest` is the last year
    with both a plan and an actual value (None when there is none)."""

    indicator: Indicator
    milestones: dict[int, object]
    years: list[YearRow]
    progress: Progress
    latest: YearRow | None
    chart: str = ""  # indicators.charts.indicator_chart, set by monitoring_charts

    @property
    def year_status(self) -> str:
        return self.latest.assessment.status if self.latest else YearStatus.NO_DATA

    @property
    def explanations_missing(self) -> int:
        return sum(row.explanation_missing for row in self.years)


@dataclass
class DirectionMonitoring:
    """A direction's (filtered) indicators, and how many of all its indicators are in each
    progress status (after the SDG goal filter, before the status filters)."""

    direction: Direction
    indicators: list[IndicatorMonitoring] = field(default_factory=list)
    progress_counts: dict[str, int] = field(default_factory=dict)
    chart: str = ""  # indicators.charts.status_summary_chart, set by monitoring_charts


@dataclass
class MonitoringOverview:
    """The monitoring page: directions with their (filtered) indicators, and how many indicators
    are in each status (counted before the status filters, after the SDG goal filter)."""

    directions: list[DirectionMonitoring]
    progress_counts: dict[str, int]
    year_counts: dict[str, int]
    total: int

    @property
    def shown(self) -> int:
        return sum(len(d.indicators) for d in self.directions)


def indicator_monitoring(indicator: Indicator, values: list[YearlyValue]) -> IndicatorMonitoring:
    """Both statuses of one indicator from its stored years (its milestones prefetched or not)."""
    rows = [
        YearRow(
            value,
            assess_year(
                good_direction=indicator.good_direction,
                plan=value.plan,
                actual=value.actual,
                plan_bound=value.plan_bound,
                actual_bound=value.actual_bound,
            ),
        )
        for value in sorted(values, key=lambda v: v.year)
    ]
    milestones = {m.year: m.value for m in indicator.milestones.all()}
    progress = assess_progress(
        good_direction=indicator.good_direction,
        baseline_year=indicator.baseline_year,
        baseline_value=indicator.baseline_value,
        milestones=milestones,
        actuals={row.year: row.value.actual for row in rows},
    )
    reported = [row for row in rows if row.assessment.status != YearStatus.NO_DATA]
    return IndicatorMonitoring(
        indicator, milestones, rows, progress, reported[-1] if reported else None
    )


def values_by_identity(strategy: Strategy) -> dict:
    """The stored years of the strategy's indicators, by identity (one query)."""
    grouped: dict = {}
    uids = Indicator.objects.filter(direction__strategy=strategy).values("uid")
    for value in YearlyValue.objects.filter(indicator_uid__in=uids, city_id=strategy.city_id):
        grouped.setdefault(value.indicator_uid, []).append(value)
    return grouped


def yearly_by_identity(city_id: int) -> dict[str, list[dict]]:
    """The city's recorded yearly plan / actual values as plain rows by indicator identity
    ({uid: [{"year", "plan", "actual"}]}, years in order), as a document's charts take them
    (strategies.rendering.document_view). One query."""
    rows: dict[str, list[dict]] = {}
    values = YearlyValue.objects.filter(city_id=city_id).order_by("year")
    for value in values.values("indicator_uid", "year", "plan", "actual"):
        rows.setdefault(str(value.pop("indicator_uid")), []).append(value)
    return rows


def monitoring_versions(city_ids) -> dict[int, str]:
    """A version of each city's monitoring values that changes whenever one is added, changed or
    removed (how many, the sum of their row versions, the last change): one grouped query. A
    city without values is "0.0.0"."""
    rows = (
        YearlyValue.objects.filter(city_id__in=set(city_ids))
        .order_by()
        .values("city_id")
        .annotate(count=Count("pk"), versions=Sum("version"), last=Max("updated_at"))
    )
    return {
        row["city_id"]: f"{row['count']}.{row['versions'] or 0}.{row['last'].timestamp():.6f}"
        for row in rows
    }


def monitoring_version(city_id: int) -> str:
    """The version of one city's monitoring values (monitoring_versions)."""
    return monitoring_versions([city_id]).get(city_id, "0.0.0")


def monitoring_page_key(strategy: Strategy, *, filters: dict, can_record: bool) -> str:
    """The key of the monitoring page's summary and list as rendered for this reader (issue 14:
    once per version of what they show, not per request): the strategy's saved version, the
    reference rows, the language and the templates (strategies.panels.page_key), the city's
    monitoring values (monitoring_version), the filters chosen and whether the reader records
    values (their edit links). One query and one cache round trip."""
    from strategies.panels import page_key

    chosen = "&".join(f"{name}={filters[name]}" for name in sorted(filters) if filters[name])
    return ":".join(
        (
            page_key(strategy, "monitoring"),
            monitoring_version(strategy.city_id),
            chosen,
            "record" if can_record else "read",
        )
    )


def monitoring_overview(
    strategy: Strategy,
    *,
    goal: int | None = None,
    progress: str | None = None,
    year_status: str | None = None,
) -> MonitoringOverview:
    """The monitoring page of a strategy, by direction, filtered by SDG goal number and by the
    statuses (ProgressStatus, YearStatus values). Four queries."""
    indicators = Indicator.objects.select_related(
        "sdg_target__goal", "recommended"
    ).prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("year")))
    if goal is not None:
        indicators = indicators.filter(sdg_target__goal__number=goal)
    directions = list(
        strategy.directions.order_by("kind").prefetch_related(
            Prefetch("indicators", queryset=indicators)
        )
    )
    values = values_by_identity(strategy)
    progress_counts: Counter = Counter()
    year_counts: Counter = Counter()
    result, total = [], 0
    for direction in directions:
        entry = DirectionMonitoring(direction)
        counts: Counter = Counter()
        for indicator in direction.indicators.all():
            item = indicator_monitoring(indicator, values.get(indicator.uid, []))
            total += 1
            counts[item.progress.status] += 1
            progress_counts[item.progress.status] += 1
            year_counts[item.year_status] += 1
            if progress and item.progress.status != progress:
                continue
            if year_status and item.year_status != year_status:
                continue
            entry.indicators.append(item)
        entry.progress_counts = {status: counts[status] for status in ProgressStatus.values}
        result.append(entry)
    return MonitoringOverview(
        directions=result,
        progress_counts={status: progress_counts[status] for status in ProgressStatus.values},
        year_counts={status: year_counts[status] for status in YearStatus.values},
        total=total,
    )


def trajectory_history(data: dict, series: list[dict], values) -> dict:
    """The history the trajectory check judges an indicator by (indicators.trajectory): its own
    recorded actual values where there are any, else its linked p.18 series."""
    actuals = {v.year: v.actual for v in values if v.actual is not None}
    return actuals or linked_history(data, series)


def indicator_figures(indicator: Indicator, strategy: Strategy, *, lang: str) -> dict:
    """What the editor shows beside an indicator's form: its chart (its linked p.18 series as
    history, baseline, milestones, yearly plan / actual) and the trajectory advice
    ({"chart": SafeString, "advice": [trajectory.Advice]}). Three queries: the strategy's series
    with their values, the indicator's yearly values."""
    series = [series_data(s) for s in strategy.series.prefetch_related("values")]
    data = indicator_data(indicator)
    values = list(YearlyValue.objects.filter(indicator_uid=indicator.uid, city_id=strategy.city_id))
    with translation.override(lang):
        advice = check_trajectory(
            data,
            history=trajectory_history(data, series, values),
            today_year=timezone.localdate().year,
        )
    return {
        "chart": indicator_chart(
            data, lang=lang, history=linked_history(data, series), yearly=yearly_rows(values)
        ),
        "advice": advice,
    }


def monitoring_charts(overview: MonitoringOverview, *, lang: str) -> MonitoringOverview:
    """The monitoring page's charts, in `lang`: a status summary per direction shown, a chart
    per indicator shown (baseline, milestones, yearly plan / actual). No query."""
    for group in overview.directions:
        if not group.indicators:
            continue
        with translation.override(lang):
            title = capfirst(group.direction.get_kind_display())
        group.chart = status_summary_chart(group.progress_counts, lang=lang, title=title)
        for item in group.indicators:
            item.chart = indicator_chart(
                indicator_data(item.indicator),
                lang=lang,
                yearly=yearly_rows(row.value for row in item.years),
            )
    return overview


def monitoring_goals(strategy: Strategy) -> list[SdgGoal]:
    """The SDG goals the strategy's indicators serve (for the page's filter)."""
    return list(
        SdgGoal.objects.filter(targets__indicators__direction__strategy=strategy)
        .distinct()
        .order_by("number")
    )
