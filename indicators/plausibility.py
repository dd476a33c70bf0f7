"""Plausibility of a monitoring value (plan or actual of a year): a warning the editor confirms,
never a refusal, since real values can jump.

The rule. A value is implausible when
- the indicator is measured in per cent (indicators.trajectory.is_percent) and the value is
  outside 0-100; or
- it lies outside the range its references span (the baseline, the milestones and the values
  recorded for the indicator's other years) by more than ten times the references' scale, the
  larger of the range's width and its largest magnitude. For a baseline of -0,25 and a 2030
  milestone of 0 the scale is 0,25, so values from -2,75 to 2,5 pass and 76,5 does not.

Why ten times: an indicator's values over a strategy's period stay within an order of magnitude
of its baseline and targets (the Methodology's milestones are steps of five years from a
measured baseline, p.26), while the typing slips seen in monitoring shift a value by one or more
orders of magnitude: a per cent typed for a fraction (76,5 for 0,765), thousands typed for units,
a grouping separator read as a decimal one, another indicator's row. References all zero give no
scale to judge by, and no reference gives none either: then only the per cent rule applies.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.trajectory import is_percent
from strategies.forms import format_number

TIMES = Decimal(10)
FIELDS = ("plan", "actual")


@dataclass(frozen=True)
class Implausible:
    """A value to confirm: its year, its field ("plan" or "actual") and why, in the active
    language."""

    year: int
    field: str
    value: Decimal
    message: str


@dataclass(frozen=True)
class References:
    """What an indicator's values are judged by: its unit ({lang: text}), baseline and milestone
    values, and the recorded plan and actual values by year."""

    unit: dict
    targets: tuple[Decimal, ...]
    recorded: dict[int, tuple[Decimal, ...]]

    def bounds(self, year: int) -> tuple[Decimal, Decimal] | None:
        """The plausible range of a value of `year` (the year's own recorded values are not
        references: they are what is being changed), or None when there is no scale."""
        values = [*self.targets, *(v for y, vs in self.recorded.items() if y != year for v in vs)]
        if not values:
            return None
        low, high = min(values), max(values)
        scale = max(high - low, abs(low), abs(high))
        if not scale:
            return None
        return low - TIMES * scale, high + TIMES * scale


def references(indicator, recorded: Iterable, *, milestones: Iterable | None = None) -> References:
    """The references of an indicator: its baseline, its milestones (`milestones`, or read from
    `indicator.milestones.all()`) and its recorded years (YearlyValue rows)."""
    unit = {lang: getattr(indicator, f"unit_{lang}", "") or "" for lang in ("kk", "ru", "en")}
    if milestones is None:
        milestones = indicator.milestones.all()
    targets = [m.value for m in milestones]
    if indicator.baseline_value is not None:
        targets.append(indicator.baseline_value)
    by_year = {
        row.year: tuple(v for v in (row.plan, row.actual) if v is not None) for row in recorded
    }
    return References(unit, tuple(targets), by_year)


def check_year(refs: References, year: int, values: dict[str, Decimal | None]) -> list[Implausible]:
    """The implausible values among `values` ({"plan": ..., "actual": ...}) of one year."""
    found = []
    bounds = refs.bounds(year)
    for field in FIELDS:
        value = values.get(field)
        if value is None:
            continue
        shown = format_number(value)
        if is_percent(refs.unit) and not Decimal(0) <= value <= Decimal(100):
            message = _(
                "%(value)s is outside 0-100, and the indicator is measured in per cent: check "
                "the value, or confirm it."
            ) % {"value": shown}
        elif bounds is not None and not bounds[0] <= value <= bounds[1]:
            message = _(
                "%(value)s is more than ten times outside the range of the indicator's "
                "baseline, milestones and recorded values (plausible: %(low)s to %(high)s): "
                "check the unit and the decimal separator, or confirm the value."
            ) % {"value": shown, "low": format_number(bounds[0]), "high": format_number(bounds[1])}
        else:
            continue
        found.append(Implausible(year, field, value, message))
    return found
