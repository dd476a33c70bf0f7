"""Template filters of monitoring: numbers as printed in the reader's language, status labels."""

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from indicators.monitoring import Progress, ProgressStatus, YearStatus
from indicators.numbers import format_printed_number

register = template.Library()


@register.filter
def printed(value: Decimal | None, bound: str = "") -> str:
    """A stored number with its bound, in the active language's format ("2 401,4", "≤33")."""
    return format_printed_number(
        value,
        bound or "",
        decimal=formats.get_format("DECIMAL_SEPARATOR"),
        thousands="\u00a0",
    )


@register.filter
def signed(value: Decimal | None) -> str:
    """A deviation with its sign ("+27,7", "−1"); a dash when there is none."""
    if value is None:
        return "—"
    text = printed(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


@register.filter
def year_label(status: str) -> str:
    return str(YearStatus(status).label)


@register.filter
def progress_label(status: str) -> str:
    return str(ProgressStatus(status).label)


@register.filter
def progress_note(progress: Progress) -> str:
    """What the progress status rests on, in words."""
    if progress.status == ProgressStatus.NOT_ENOUGH_DATA:
        if progress.reason == "no_baseline":
            return _("The indicator has no baseline.")
        if progress.reason == "no_milestone":
            return _("The indicator has no milestones.")
        return _("No actual value after the baseline year %(year)s yet.") % {
            "year": progress.base_year
        }
    values = {
        "base": printed(progress.base_value),
        "base_year": progress.base_year,
        "current": printed(progress.current_value),
        "year": progress.current_year,
        "target": printed(progress.milestone_value),
        "target_year": progress.milestone_year,
    }
    if progress.status == ProgressStatus.ACHIEVED:
        return (
            _("%(current)s in %(year)s already meets the %(target_year)s milestone, %(target)s.")
            % values
        )
    if progress.ratio is None:
        return (
            _(
                "From %(base)s (%(base_year)s) to %(current)s (%(year)s); the %(target_year)s milestone %(target)s equals the baseline."
            )
            % values
        )
    values["ratio"] = printed(Decimal(str(round(progress.ratio * 100))))
    return (
        _(
            "From %(base)s (%(base_year)s) to %(current)s (%(year)s): %(ratio)s %% of the pace needed "
            "to reach %(target)s by %(target_year)s."
        )
        % values
    )
