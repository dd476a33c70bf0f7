"""What a remark points at, read in the reader's language (approvals.snapshots.remark_target)."""

from django import template

from approvals.snapshots import remark_target

register = template.Library()


@register.filter
def target(remark) -> str:
    """{{ remark|target }}: "Vision" on /en/, "Видение" on /ru/, an indicator by its name."""
    return remark_target(remark)
