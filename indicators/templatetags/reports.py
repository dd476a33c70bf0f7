"""Template filters of the monitoring reports: labels of the codes a report's JSON carries."""

from django import template

from indicators.models import Bound, GoodDirection

register = template.Library()


@register.filter
def good_direction_label(code: str) -> str:
    """ "higher is better" / "lower is better" in the active language."""
    return str(GoodDirection(code).label) if code in GoodDirection.values else ""


@register.filter
def bound_of(code: str) -> str:
    """A stored bound code as indicators.monitoring reads it ("le", "ge" or "")."""
    return code if code in Bound.values else ""


@register.filter
def get_chart(charts: dict, key: str):
    """The chart stored under `key`, or nothing."""
    return charts.get(key, "")
