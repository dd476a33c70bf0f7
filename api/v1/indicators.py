"""The indicators of a published edition with their monitoring: baseline and milestones from
the snapshot, yearly plan / actual values, deviation and status recorded since approval."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView

from api.indicators import edition_indicators
from api.languages import localize
from api.representations import etag, finish, language_key, not_modified
from api.schema import IF_NONE_MATCH, NOT_MODIFIED, errors
from api.selectors import edition_head
from api.v1.base import LanguageMixin, Pagination
from api.v1.schemas import INDICATOR_PAGE
from indicators.selectors import monitoring_version
from strategies.models import DirectionKind
from strategies.models.analysis import YEAR_MAX, YEAR_MIN


def _target_order(target: str | None) -> tuple:
    """SDG targets in their numbering (11.2 before 11.10); indicators without one last."""
    if not target:
        return (1,)
    return (0, *(int(part) if part.isdigit() else 0 for part in target.split(".")))


# ?ordering= keys: a row and the response language → the sort key. "direction" keeps the
# Methodology's order of directions, then the document's order within each.
ORDERINGS = {
    "direction": None,
    "name": lambda row, lang: localize(row["name"], lang or "kk").casefold(),
    "sdg_target": lambda row, lang: _target_order(row["sdg_target"]),
    "id": lambda row, lang: row["id"],
}


class IndicatorQuery(serializers.Serializer):
    direction = serializers.ChoiceField(
        choices=[kind.slug for kind in DirectionKind],
        required=False,
        help_text="Only the indicators of this strategic direction.",
    )
    sdg_goal = serializers.IntegerField(
        min_value=1, max_value=17, required=False, help_text="Only those serving this UN SDG."
    )
    year = serializers.IntegerField(
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        required=False,
        help_text="Only the yearly values of this year, and only indicators that have one.",
    )
    ordering = serializers.ChoiceField(
        choices=[f"{sign}{name}" for name in ORDERINGS for sign in ("", "-")],
        required=False,
        help_text="direction (default), name, sdg_target or id; a leading '-' reverses.",
    )


def select(rows: list[dict], query: dict, lang: str | None) -> list[dict]:
    """The rows the query asks for, in its order."""
    if "direction" in query:
        rows = [row for row in rows if row["direction"]["slug"] == query["direction"]]
    if "sdg_goal" in query:
        rows = [row for row in rows if row["sdg_goal"] == query["sdg_goal"]]
    if "year" in query:
        year = query["year"]
        rows = [
            {**row, "yearly": [y for y in row["yearly"] if y["year"] == year]}
            for row in rows
            if any(y["year"] == year for y in row["yearly"])
        ]
    ordering = query.get("ordering", "direction")
    key = ORDERINGS[ordering.lstrip("-")]
    if key is not None:
        rows = sorted(rows, key=lambda row: key(row, lang))
    return rows[::-1] if ordering.startswith("-") else rows


@extend_schema(
    summary="The indicators of a published edition, with monitoring",
    parameters=[
        OpenApiParameter("id", int, OpenApiParameter.PATH, description="The strategy's id."),
        IndicatorQuery,
        OpenApiParameter("page", int, description="Page number, from 1."),
        OpenApiParameter("page_size", int, description="Indicators per page (at most 500)."),
        IF_NONE_MATCH,
    ],
    responses={200: INDICATOR_PAGE, **NOT_MODIFIED, **errors()},
)
class EditionIndicatorList(LanguageMixin, GenericAPIView):
    """Each indicator with its baseline, milestones (p.26), yearly plan and actual values, their
    deviation and status, and the course toward the next milestone (indicators.monitoring).
    The ETag follows the snapshot's SHA-256 and the version of the city's monitoring values."""

    pagination_class = Pagination

    def get(self, request, pk: int):
        query = IndicatorQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        head = edition_head(pk)
        version = monitoring_version(head.strategy.city_id)
        tag = etag(
            head.snapshot.content_hash,
            version,
            language_key(self.lang),
            request.META.get("QUERY_STRING", ""),
        )
        response = not_modified(request, tag)
        if response is None:
            rows = select(edition_indicators(head, version), query.validated_data, self.lang)
            page = self.paginate_queryset(rows)
            response = self.get_paginated_response(localize(page, self.lang))
        return finish(response, tag=tag, lang=self.lang, public=True)
