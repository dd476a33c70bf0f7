"""The indicators of a published edition with their monitoring: each indicator as the snapshot
froze it (baseline, 5-year milestones, source, SDG target: p.9, 26) beside the yearly plan and
actual values recorded since (p.17 item 6), their deviation and status, and the course toward
the next milestone (indicators.monitoring: the rules and their sources are there).
"""

from decimal import Decimal

from django.core.cache import cache

from api.languages import columns, label
from api.representations import CACHE_SECONDS, REPRESENTATION_VERSION
from api.selectors import EditionHead, frozen_content, monitoring_values
from indicators.models import YearlyValue
from indicators.monitoring import assess_progress, assess_year
from strategies.models import DirectionKind
from strategies.references import directions_in_order


def decimal_text(value) -> str | None:
    """A decimal as the snapshot writes numbers: exact, in plain notation, without trailing
    zeros ("2401.4"); None stays None."""
    return None if value is None else format(Decimal(value).normalize(), "f")


def sdg_goal(content: dict, target: str | None) -> int | None:
    """The SDG a target belongs to (11 for "11.6"), from the names frozen with the snapshot."""
    if not target:
        return None
    frozen = ((content.get("references") or {}).get("sdg_targets") or {}).get(target)
    if frozen:
        return frozen["goal"]
    goal = target.split(".")[0]
    return int(goal) if goal.isdigit() else None


def _yearly(indicator: dict, value: YearlyValue) -> dict:
    assessment = assess_year(
        good_direction=indicator["good_direction"],
        plan=value.plan,
        actual=value.actual,
        plan_bound=value.plan_bound,
        actual_bound=value.actual_bound,
    )
    return {
        "year": value.year,
        "plan": decimal_text(value.plan),
        "plan_bound": value.plan_bound,
        "actual": decimal_text(value.actual),
        "actual_bound": value.actual_bound,
        "deviation": decimal_text(assessment.deviation),
        "deviation_percent": decimal_text(assessment.deviation_percent),
        "status": assessment.status.value,
        "explanation": columns(value, "explanation"),
    }


def _progress(indicator: dict, values: list[YearlyValue]) -> dict:
    milestones = indicator.get("milestones") or {}
    progress = assess_progress(
        good_direction=indicator["good_direction"],
        baseline_year=indicator.get("baseline_year"),
        baseline_value=None
        if indicator.get("baseline_value") is None
        else Decimal(indicator["baseline_value"]),
        milestones={int(year): Decimal(value) for year, value in milestones.items()},
        actuals={value.year: value.actual for value in values},
    )
    return {
        "status": progress.status.value,
        "milestone_year": progress.milestone_year,
        "milestone_value": decimal_text(progress.milestone_value),
        "current_year": progress.current_year,
        "current_value": decimal_text(progress.current_value),
        "ratio": progress.ratio,
        "method": progress.method,
    }


def indicator_rows(content: dict, city_id: int) -> list[dict]:
    """Every indicator of the snapshot `content` in every language, in the Methodology's order
    of directions and the document's order within each, with the city's monitoring values."""
    found = [
        (number, slug, indicator)
        for number, (slug, direction) in enumerate(directions_in_order(content), start=1)
        for indicator in direction.get("indicators", [])
    ]
    values = monitoring_values(
        city_id, [indicator["uid"] for _n, _s, indicator in found if indicator.get("uid")]
    )
    rows = []
    for _number, slug, indicator in found:
        yearly = values.get(indicator.get("uid"), [])
        milestones = indicator.get("milestones") or {}
        rows.append(
            {
                "id": indicator["id"],
                "uid": indicator.get("uid"),
                "direction": {
                    "slug": slug,
                    "title": label(DirectionKind.from_slug(slug).label),
                },
                "name": indicator["name"],
                "unit": indicator["unit"],
                "good_direction": indicator["good_direction"],
                "recommended": indicator.get("recommended"),
                "sdg_target": indicator.get("sdg_target"),
                "sdg_goal": sdg_goal(content, indicator.get("sdg_target")),
                "baseline": {
                    "year": indicator.get("baseline_year"),
                    "value": indicator.get("baseline_value"),
                },
                "milestones": [
                    {"year": int(year), "value": value}
                    for year, value in sorted(milestones.items())
                ],
                "source": indicator["source"],
                "collection_tool": indicator["collection_tool"],
                "benchmarks": indicator.get("benchmarks", []),
                "yearly": [_yearly(indicator, value) for value in yearly],
                "progress": _progress(indicator, yearly),
            }
        )
    return rows


def edition_indicators(head: EditionHead, version: str) -> list[dict]:
    """The edition's indicator rows in every language, cached per snapshot and monitoring
    version (the snapshot is read only on a miss)."""
    key = f"api:v{REPRESENTATION_VERSION}:indicators:{head.snapshot.content_hash}:{version}"
    rows = cache.get(key)
    if rows is None:
        rows = indicator_rows(frozen_content(head.snapshot.pk), head.strategy.city_id)
        cache.set(key, rows, CACHE_SECONDS)
    return rows
