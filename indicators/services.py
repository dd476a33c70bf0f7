"""Writes specific to indicators."""

from indicators.models import Indicator, RecommendedIndicator
from strategies.models import Direction
from strategies.services import content_create


def indicator_add_recommended(
    *, actor, direction: Direction, recommended: RecommendedIndicator
) -> Indicator:
    """Add a p.26 recommended indicator to a direction, named and measured as the catalogue says.

    Raises PermissionDenied unless the actor edits the strategy.
    """
    values = {"recommended_id": recommended.pk, "good_direction": recommended.good_direction}
    for column in ("name", "unit"):
        for lang_column in (f"{column}_kk", f"{column}_ru", f"{column}_en"):
            values[lang_column] = getattr(recommended, lang_column)
    return content_create(
        actor=actor, model=Indicator, parent={"direction": direction}, values=values
    )
