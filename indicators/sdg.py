"""Reads of the SDG pages: the 17 goals of the UN 2030 Agenda (A/RES/70/1) with their targets in
kk / ru / en (reference data, indicators.catalogue), and the target indicators of the approved
strategies that serve each of them (p.26: "an indicator may name the SDG target it serves").

Only approved editions are public (PRODUCT.md, "Outputs"); an approved strategy's rows are its
frozen snapshot's (the route locks them), so they are read as rows, in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from indicators.models import Indicator, Milestone, SdgGoal, SdgTarget
from strategies.models import Strategy

APPROVED = Q(direction__strategy__state=Strategy.State.APPROVED)


@dataclass
class TargetIndicators:
    """A target of a goal and the approved strategies' indicators that serve it."""

    target: SdgTarget
    indicators: list[Indicator] = field(default_factory=list)


def sdg_goals() -> list[SdgGoal]:
    """The 17 goals, each with `served`: how many indicators of approved strategies serve it
    (one query)."""
    return list(
        SdgGoal.objects.annotate(
            served=Count(
                "targets__indicators",
                filter=Q(targets__indicators__direction__strategy__state=Strategy.State.APPROVED),
            )
        ).order_by("number")
    )


def sdg_goal_page(goal: SdgGoal, *, city: str | None = None) -> list[TargetIndicators]:
    """Every target of `goal` in order with the indicators of approved strategies that serve it
    (of the city with code `city` only, when given), by city then position; each indicator with
    its city and its milestones. Three queries."""
    indicators = (
        Indicator.objects.filter(APPROVED, sdg_target__goal=goal)
        .select_related("direction__strategy__city", "sdg_target")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("year")))
        .order_by("direction__strategy__city__name", "direction__kind", "position", "pk")
    )
    if city:
        indicators = indicators.filter(direction__strategy__city__code=city)
    by_target: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_target.setdefault(indicator.sdg_target_id, []).append(indicator)
    return [
        TargetIndicators(target, by_target.get(target.pk, []))
        for target in goal.targets.order_by("position", "code")
    ]


def sdg_goal_cities(goal: SdgGoal) -> list[tuple[str, str]]:
    """(code, name) of the cities whose approved strategy serves `goal` (for the page's filter)."""
    strategies = (
        Strategy.objects.filter(
            state=Strategy.State.APPROVED, directions__indicators__sdg_target__goal=goal
        )
        .select_related("city")
        .distinct()
    )
    return sorted({(s.city.code, s.city.name) for s in strategies}, key=lambda c: c[1])
