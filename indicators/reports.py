"""The yearly monitoring report of an approved edition, in the form a Voluntary Local Review takes
(Almaty's 2023 VLR is the model: a summary first, then by UN SDG goal each indicator's plan and
actual values, the status of the year, the explanation of a missed plan and a chart).

The report of year Y is the monitoring data as it stood for Y: each indicator's recorded years up
to Y, the status of Y's plan (indicators.monitoring.assess_year) and the progress toward the next
milestone from the actual values up to Y (assess_progress, the Open SDG progress measure). It is
built as plain JSON (numbers as decimal strings, statuses as codes, texts in one language), so
that the page and the PDF (publishing, a Render of kind "report") show exactly the same data and
a stored PDF is found again by the hash of what it shows.
"""

from collections import Counter
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext as _

from indicators import charts
from indicators.models import Indicator, Milestone, YearlyValue
from indicators.monitoring import Progress, ProgressStatus, YearStatus
from indicators.selectors import indicator_monitoring, values_by_identity
from strategies.models import Strategy

# Only an approved edition (or one an amendment has superseded) has monitoring reports: a draft's
# values are the ones it starts from, not a year of implementation (p.17 item 6).
REPORT_STATES = (Strategy.State.APPROVED, Strategy.State.SUPERSEDED)
# The group of indicators that serve no SDG goal comes last in the report.
NO_GOAL = 0


def report_years(strategy: Strategy) -> list[int]:
    """The years for which the strategy's indicators have a recorded plan or actual value,
    ascending (one query): the years a report can be made of."""
    uids = Indicator.objects.filter(direction__strategy=strategy).values("uid")
    return list(
        YearlyValue.objects.filter(indicator_uid__in=uids, city_id=strategy.city_id)
        .filter(Q(plan__isnull=False) | Q(actual__isnull=False))
        .order_by("year")
        .values_list("year", flat=True)
        .distinct()
    )


def default_report_year(years: list[int], strategy: Strategy) -> int | None:
    """The year a report opens on: the last year with an actual value, else the last year."""
    uids = Indicator.objects.filter(direction__strategy=strategy).values("uid")
    latest = (
        YearlyValue.objects.filter(
            indicator_uid__in=uids, city_id=strategy.city_id, actual__isnull=False
        )
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest if latest is not None else (years[-1] if years else None)


def number(value) -> str | None:
    """A stored Decimal as a plain decimal string without trailing zeros (JSON keeps it exact)."""
    return None if value is None else format(Decimal(value).normalize(), "f")


def decimal(text) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text))


def _progress_json(progress: Progress) -> dict:
    return {
        "status": str(progress.status),
        "milestone_year": progress.milestone_year,
        "milestone_value": number(progress.milestone_value),
        "base_year": progress.base_year,
        "base_value": number(progress.base_value),
        "current_year": progress.current_year,
        "current_value": number(progress.current_value),
        "observed_rate": progress.observed_rate,
        "required_rate": progress.required_rate,
        "ratio": progress.ratio,
        "method": progress.method,
        "reason": progress.reason,
    }


def _counts(items: list[dict]) -> dict:
    year = Counter(item["status"] for item in items)
    progress = Counter(item["progress"]["status"] for item in items)
    return {
        "total": len(items),
        "year": {status: year[status] for status in YearStatus.values},
        "progress": {status: progress[status] for status in ProgressStatus.values},
    }


def _explanation(value: YearlyValue | None) -> str:
    """The explanation in the active language, else in the languages the settings fall back on
    (MODELTRANSLATION_FALLBACK_LANGUAGES: an English reader reads the Russian one)."""
    return "" if value is None else (value.explanation or "").strip()


def _indicator_json(indicator: Indicator, values: list[YearlyValue], year: int) -> dict:
    """One indicator as of `year` (texts in the active language): its years up to `year`, the
    status of `year`, the progress."""
    shown = [value for value in values if value.year <= year]
    item = indicator_monitoring(indicator, shown)
    row_of_year = next((row for row in item.years if row.year == year), None)
    target = indicator.sdg_target
    return {
        "uid": str(indicator.uid),
        "name": indicator.name,
        "unit": indicator.unit,
        "direction": indicator.direction.slug,
        "sdg_target": target.code if target else None,
        "good_direction": indicator.good_direction,
        "baseline_year": indicator.baseline_year,
        "baseline_value": number(indicator.baseline_value),
        "milestones": {str(y): number(v) for y, v in sorted(item.milestones.items())},
        "years": [
            {
                "year": row.year,
                "plan": number(row.value.plan),
                "plan_bound": row.value.plan_bound or "",
                "actual": number(row.value.actual),
                "actual_bound": row.value.actual_bound or "",
                "deviation": number(row.assessment.deviation),
                "deviation_percent": number(row.assessment.deviation_percent),
                "status": str(row.assessment.status),
            }
            for row in item.years
        ],
        "status": str(row_of_year.assessment.status if row_of_year else YearStatus.NO_DATA),
        "explanation_required": bool(row_of_year and row_of_year.assessment.explanation_required),
        "explanation": _explanation(row_of_year.value if row_of_year else None),
        "progress": _progress_json(item.progress),
    }


def monitoring_report(strategy: Strategy, year: int, lang: str) -> dict:
    """The report of `year` in `lang` (kk, ru or en) as JSON-safe data (module docstring).

    Shape: {"year", "lang", "city", "title", "summary": {"total", "year": {status: n},
    "progress": {status: n}}, "directions": [{"slug", "name", "counts"}], "goals": [{"number",
    "title", "counts", "indicators": [indicator...]}]}; the goal numbered 0 holds the indicators
    that serve no SDG goal. Numbers are decimal strings in the indicator's unit. Five queries
    whatever the number of indicators and years.
    """
    with translation.override(lang):
        indicators = list(
            Indicator.objects.filter(direction__strategy=strategy)
            .select_related("direction", "sdg_target__goal")
            .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("year")))
            .order_by("direction__kind", "position", "id")
        )
        values = values_by_identity(strategy)
        items = [
            (indicator, _indicator_json(indicator, values.get(indicator.uid, []), year))
            for indicator in indicators
        ]
        goals: dict[int, dict] = {}
        directions: dict[str, dict] = {}
        for indicator, item in items:
            goal = indicator.sdg_target.goal if indicator.sdg_target_id else None
            number_ = goal.number if goal else NO_GOAL
            group = goals.setdefault(
                number_, {"number": number_, "title": goal.title if goal else "", "indicators": []}
            )
            group["indicators"].append(item)
            directions.setdefault(
                indicator.direction.slug,
                {
                    "slug": indicator.direction.slug,
                    "name": str(indicator.direction.get_kind_display()),
                    "indicators": [],
                },
            )["indicators"].append(item)
        ordered_goals = sorted(goals.values(), key=lambda g: (g["number"] == NO_GOAL, g["number"]))
        for group in ordered_goals:
            group["counts"] = _counts(group["indicators"])
        direction_rows = [
            {"slug": d["slug"], "name": d["name"], "counts": _counts(d["indicators"])}
            for d in directions.values()
        ]
        return {
            "year": year,
            "lang": lang,
            "city": strategy.city.name,
            "title": strategy.title,
            "summary": _counts([item for _indicator, item in items]),
            "directions": direction_rows,
            "goals": ordered_goals,
        }


def report_view(report: dict) -> dict:
    """The report's data as templates read it: numbers back to Decimal, the progress as an
    indicators.monitoring.Progress (for the progress_note filter), each goal's indicators split
    into `reported` (with values up to the year: a table and a chart each) and `unreported`
    (named in one line, as a VLR lists what it cannot report yet). Does not change `report`."""

    def row(data: dict) -> dict:
        return {
            **data,
            **{
                key: decimal(data[key])
                for key in ("plan", "actual", "deviation", "deviation_percent")
            },
        }

    def progress(data: dict) -> Progress:
        return Progress(
            **{
                **data,
                "status": ProgressStatus(data["status"]),
                **{
                    key: decimal(data[key])
                    for key in ("milestone_value", "base_value", "current_value")
                },
            }
        )

    def indicator(data: dict) -> dict:
        return {
            **data,
            "baseline_value": decimal(data["baseline_value"]),
            "milestones": {int(y): decimal(v) for y, v in data["milestones"].items()},
            "years": [row(r) for r in data["years"]],
            "progress": progress(data["progress"]),
        }

    def counts(data: dict) -> dict:
        # In the order of the statuses (a JSON column does not keep the order of keys).
        return {
            "total": data["total"],
            "year": {status: data["year"].get(status, 0) for status in YearStatus.values},
            "progress": {
                status: data["progress"].get(status, 0) for status in ProgressStatus.values
            },
        }

    goals = []
    for goal in report["goals"]:
        items = [indicator(i) for i in goal["indicators"]]
        goals.append(
            {
                **goal,
                "counts": counts(goal["counts"]),
                "indicators": items,
                "reported": [item for item in items if item["years"]],
                "unreported": [item for item in items if not item["years"]],
            }
        )
    return {
        **report,
        "summary": counts(report["summary"]),
        "directions": [{**d, "counts": counts(d["counts"])} for d in report["directions"]],
        "goals": goals,
    }


def report_with_charts(report: dict, lang: str) -> dict:
    """A report (indicators.reports.monitoring_report) as the shared template reads it
    (report_view), with its charts (indicators.charts): the summary per status, and each
    indicator's baseline, milestones and yearly plan against actual up to the report's year. The
    page and the PDF both show exactly these."""
    data = report_view(report)
    summary = data["summary"]
    with translation.override(lang):
        data["charts"] = {
            "year": charts.status_summary_chart(
                summary["year"],
                lang=lang,
                title=_("Plan of %(year)s: indicators by status") % {"year": data["year"]},
                statuses=YearStatus,
            ),
            "progress": charts.status_summary_chart(
                summary["progress"],
                lang=lang,
                title=_("Progress toward the next milestone: indicators by status"),
                statuses=ProgressStatus,
            ),
        }
        for goal, raw_goal in zip(data["goals"], report["goals"], strict=True):
            for item, raw in zip(goal["indicators"], raw_goal["indicators"], strict=True):
                if raw["years"]:  # an indicator without values is named, not drawn
                    item["chart"] = charts.indicator_chart(
                        chart_input(raw, lang), lang=lang, yearly=raw["years"]
                    )
    return data


def chart_input(item: dict, lang: str) -> dict:
    """A report's indicator as indicators.charts.indicator_chart reads an indicator."""
    return {
        "name": {lang: item["name"]},
        "unit": {lang: item["unit"]},
        "good_direction": item["good_direction"],
        "baseline_year": item["baseline_year"],
        "baseline_value": item["baseline_value"],
        "milestones": {str(year): value for year, value in item["milestones"].items()},
    }
