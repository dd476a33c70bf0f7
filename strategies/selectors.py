"""Reads of strategies, each filtered to what the user may see."""

from django.db.models import Prefetch, QuerySet

from core.models import AuditEvent
from indicators.models import Indicator
from strategies.models import AnalysisSeries, Direction, RoadmapItem, Solution, Strategy
from strategies.permissions import strategy_visibility


def strategy_list_for_user(user) -> QuerySet[Strategy]:
    """The working copies a user may read (approved editions are listed for everyone apart)."""
    return (
        Strategy.objects.filter(strategy_visibility(user), state__in=Strategy.OPEN_STATES)
        .select_related("city")
        .distinct()
    )


def strategy_list_approved() -> QuerySet[Strategy]:
    """The approved editions in force, public to everyone."""
    return Strategy.objects.filter(state=Strategy.State.APPROVED).select_related("city")


def strategy_list_in_preparation() -> QuerySet[Strategy]:
    """Which cities are preparing a strategy and at which state: public, without the content."""
    return Strategy.objects.filter(state__in=Strategy.OPEN_STATES).select_related("city")


def strategy_document(pk: int) -> Strategy:
    """The whole document in a fixed number of queries, whatever its size: for the editor's
    checklist, the preview, the compliance check and snapshots."""
    indicators = Indicator.objects.select_related("recommended", "sdg_target").prefetch_related(
        "milestones", "benchmarks"
    )
    directions = Direction.objects.prefetch_related(
        "problems",
        Prefetch("solutions", queryset=Solution.objects.prefetch_related("problems")),
        Prefetch("indicators", queryset=indicators),
    )
    return (
        Strategy.objects.select_related("city", "analysis", "vision", "mechanism")
        .prefetch_related(
            "settlements",
            Prefetch("series", queryset=AnalysisSeries.objects.prefetch_related("values")),
            "institutions",
            "evidence",
            "swot_items",
            "international_cases",
            "vision__documents",
            "sphere_assessments",
            Prefetch(
                "roadmap",
                queryset=RoadmapItem.objects.select_related("initiative").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.only("id", "uid"))
                ),
            ),
            Prefetch("directions", queryset=directions),
        )
        .get(pk=pk)
    )


def strategy_history(strategy: Strategy) -> QuerySet[AuditEvent]:
    """The audit trail of a strategy, newest first."""
    return AuditEvent.objects.filter(strategy=strategy).select_related("actor", "target_type")


def startable_cities(cities) -> list:
    """Of `cities`, those where a new strategy may be started: none being drafted, in approval
    or in force (a strategy in force changes by an amendment: services.strategy_create)."""
    taken = set(
        Strategy.objects.filter(
            city__in=cities, state__in=(*Strategy.OPEN_STATES, Strategy.State.APPROVED)
        ).values_list("city_id", flat=True)
    )
    return [city for city in cities if city.pk not in taken]
