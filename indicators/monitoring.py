"""Status rules of monitoring (p.17 item 6): pure functions of numbers, no database, no request.

Two questions, two statuses (PRODUCT.md, "Implementation and monitoring"):

1. *Did we meet this year's plan?* `assess_year` compares a year's actual value with its plan,
   respecting the direction of good change and the printed bounds (≤ / ≥):

   - the requirement is "at most the plan" for a plan printed "≤X", "at least the plan" for "≥X";
     for a plain plan it follows the indicator: at least for "higher is better", at most for
     "lower is better";
   - achieved: the requirement is met;
   - at risk: missed by at most `AT_RISK_TOLERANCE` (5 %) of the plan's absolute value, i.e. the
     actual reached at least 95 % of a floor (or at most 105 % of a ceiling): the same 95 % that
     the Open SDG progress measure takes as "on track" (below), applied to the year's plan;
   - off track: missed by more; an explanation is then required (p.17 item 6: "an explanation
     where the plan was missed");
   - no data: the plan or the actual value is missing.

   An actual printed with a bound is judged by its number, but a bound that leaves open whether
   the requirement was met (an actual "≤X" against a floor, "≥X" against a ceiling) never counts
   as achieved. A plan of zero has no relative tolerance: any miss is off track, and the
   deviation in per cent is undefined (None).

2. *Are we on course for the next milestone?* `assess_progress` is the Open SDG progress measure
   for a quantitative target (open-sdg/sdg-build, sdg/ProgressMeasure.py, "methodology 2"; the
   method of Statistics Canada's Sustainable Development Goals Data Hub):

       observed rate  r_o = (x_t / x_0) ** (1 / (t - t_0)) - 1      (compound annual growth)
       required rate  r_r = (x* / x_0) ** (1 / (T - t_0)) - 1
       ratio          = s * d * r_o / |r_r|

   where x_0, t_0 is the indicator's baseline (p.26), x_t, t the latest actual value after the
   baseline year, x*, T the next milestone after t (2030, then 2035 ... 2050; after 2050 the 2050
   milestone), d = +1 when higher is better and -1 when lower is better, and s = -1 when the
   values are negative (so that a rise of a negative value counts as a rise). Statuses, with Open
   SDG's thresholds: achieved (the latest value already meets the milestone), on track (ratio
   ≥ 0.95), acceleration needed (0.6 ≤ ratio < 0.95), limited progress (0 ≤ ratio < 0.6),
   deterioration (ratio < 0).

   Where the compound rate is undefined, because the baseline, the latest value or the milestone
   is zero or they do not share a sign, the same ratio is taken of linear annual changes,
   ((x_t - x_0) / (t - t_0)) / |(x* - x_0) / (T - t_0)|. (Open SDG instead puts 0.001 in place
   of a zero and gives no status across a change of sign; the linear change keeps the status
   meaningful for counts that start from zero, such as objects built.) Where the milestone equals
   the baseline and is not met, no change was required and any shortfall is deterioration.

   Not enough data: no baseline (year and value), no actual value after the baseline year (Open
   SDG likewise asks for two data points), or no milestone.

Thresholds are module constants; indicators.selectors applies these functions to stored values,
and the REST API and the charts call the same functions.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.models import Bound, GoodDirection

AT_RISK_TOLERANCE = Decimal("0.05")  # a year missed by at most 5 % of its plan is at risk
ON_TRACK_RATIO = 0.95  # Open SDG progress measure, "substantial progress"
ACCELERATION_RATIO = 0.6  # Open SDG progress measure, "moderate progress"
LIMITED_RATIO = 0.0  # Open SDG progress measure, "limited progress"; below it, deterioration


class YearStatus(models.TextChoices):
    """Whether one year's plan was met."""

    ACHIEVED = "achieved", _("achieved")
    AT_RISK = "at_risk", _("at risk")
    OFF_TRACK = "off_track", _("off track")
    NO_DATA = "no_data", _("no data")


class ProgressStatus(models.TextChoices):
    """Whether the indicator is on course for its next milestone."""

    ACHIEVED = "achieved", _("milestone achieved")
    ON_TRACK = "on_track", _("on track")
    ACCELERATION_NEEDED = "acceleration_needed", _("acceleration needed")
    LIMITED_PROGRESS = "limited_progress", _("limited progress")
    DETERIORATION = "deterioration", _("deterioration")
    NOT_ENOUGH_DATA = "not_enough_data", _("not enough data")


@dataclass(frozen=True)
class YearAssessment:
    """One indicator-year: deviation of the actual value from the plan and its status.

    `deviation` is actual − plan in the indicator's unit; `deviation_percent` is that deviation
    as a per cent of |plan| (None when the plan is zero or either value is missing).
    """

    deviation: Decimal | None
    deviation_percent: Decimal | None
    status: YearStatus

    @property
    def explanation_required(self) -> bool:
        """An off-track year must be explained (p.17 item 6)."""
        return self.status == YearStatus.OFF_TRACK


def required_side(good_direction: str, plan_bound: str = Bound.EXACT) -> str:
    """Which side of the plan meets it: Bound.AT_LEAST or Bound.AT_MOST."""
    if plan_bound in (Bound.AT_MOST, Bound.AT_LEAST):
        return plan_bound
    return Bound.AT_LEAST if good_direction == GoodDirection.UP else Bound.AT_MOST


def assess_year(
    *,
    good_direction: str,
    plan: Decimal | None,
    actual: Decimal | None,
    plan_bound: str = Bound.EXACT,
    actual_bound: str = Bound.EXACT,
) -> YearAssessment:
    """Deviation and status of one year (rules in the module docstring).

    `good_direction` is GoodDirection.UP or DOWN; bounds are Bound values. Never raises.
    """
    if plan is None or actual is None:
        return YearAssessment(None, None, YearStatus.NO_DATA)
    deviation = actual - plan
    percent = None if plan == 0 else (deviation * 100 / abs(plan)).quantize(Decimal("0.1"))
    side = required_side(good_direction, plan_bound)
    shortfall = plan - actual if side == Bound.AT_LEAST else actual - plan
    undecided = (side == Bound.AT_LEAST and actual_bound == Bound.AT_MOST) or (
        side == Bound.AT_MOST and actual_bound == Bound.AT_LEAST
    )
    if shortfall <= 0 and not undecided:
        status = YearStatus.ACHIEVED
    elif max(shortfall, Decimal(0)) <= abs(plan) * AT_RISK_TOLERANCE:
        status = YearStatus.AT_RISK
    else:
        status = YearStatus.OFF_TRACK
    return YearAssessment(deviation, percent, status)


@dataclass(frozen=True)
class Progress:
    """An indicator's course toward its next milestone.

    Years are calendar years; values are in the indicator's unit; `observed_rate` and
    `required_rate` are per year (a fraction for the compound method, units per year for the
    linear one); `ratio` is the progress measure (None when it is not computed); `method` is
    "compound", "linear" or "" (no ratio); `reason` says why there is not enough data.
    """

    status: ProgressStatus
    milestone_year: int | None = None
    milestone_value: Decimal | None = None
    base_year: int | None = None
    base_value: Decimal | None = None
    current_year: int | None = None
    current_value: Decimal | None = None
    observed_rate: float | None = None
    required_rate: float | None = None
    ratio: float | None = None
    method: str = ""
    reason: str = ""


def status_of_ratio(ratio: float) -> ProgressStatus:
    """Open SDG's thresholds for the ratio of observed to required growth."""
    if ratio >= ON_TRACK_RATIO:
        return ProgressStatus.ON_TRACK
    if ratio >= ACCELERATION_RATIO:
        return ProgressStatus.ACCELERATION_NEEDED
    if ratio >= LIMITED_RATIO:
        return ProgressStatus.LIMITED_PROGRESS
    return ProgressStatus.DETERIORATION


def next_milestone(milestones: dict[int, Decimal], after_year: int) -> tuple[int, Decimal] | None:
    """The first milestone after `after_year`, else the last one; None without milestones."""
    if not milestones:
        return None
    years = sorted(milestones)
    year = next((y for y in years if y > after_year), years[-1])
    return year, milestones[year]


def _meets(value: Decimal, target: Decimal, good_direction: str) -> bool:
    return value >= target if good_direction == GoodDirection.UP else value <= target


def assess_progress(
    *,
    good_direction: str,
    baseline_year: int | None,
    baseline_value: Decimal | None,
    milestones: dict[int, Decimal],
    actuals: dict[int, Decimal | None],
) -> Progress:
    """The progress measure toward the next milestone (rules in the module docstring).

    `milestones` maps milestone years to target values; `actuals` maps years to actual values
    (None for a missing one). Never raises.
    """
    if baseline_year is None or baseline_value is None:
        return Progress(ProgressStatus.NOT_ENOUGH_DATA, reason="no_baseline")
    base_year, base = baseline_year, Decimal(baseline_value)
    observed = sorted(
        (year, Decimal(value))
        for year, value in actuals.items()
        if value is not None and year > base_year
    )
    if not observed:
        return Progress(
            ProgressStatus.NOT_ENOUGH_DATA,
            base_year=base_year,
            base_value=base,
            reason="no_actual_after_baseline",
        )
    year, current = observed[-1]
    milestone = next_milestone(milestones, year)
    known = {
        "base_year": base_year,
        "base_value": base,
        "current_year": year,
        "current_value": current,
    }
    if milestone is None:
        return Progress(ProgressStatus.NOT_ENOUGH_DATA, reason="no_milestone", **known)
    target_year, target = milestone
    known.update(milestone_year=target_year, milestone_value=target)
    if _meets(current, target, good_direction):
        return Progress(ProgressStatus.ACHIEVED, **known)
    d = 1 if good_direction == GoodDirection.UP else -1
    same_sign = (base > 0 and current > 0 and target > 0) or (
        base < 0 and current < 0 and target < 0
    )
    if same_sign:
        method = "compound"
        observed_rate = float(current / base) ** (1 / (year - base_year)) - 1
        required_rate = float(target / base) ** (1 / (target_year - base_year)) - 1
        sign = -1 if base < 0 else 1
    else:
        method = "linear"
        observed_rate = float(current - base) / (year - base_year)
        required_rate = float(target - base) / (target_year - base_year)
        sign = 1
    if required_rate == 0:
        # The milestone equals the baseline and is not met: the value moved the wrong way.
        return Progress(
            ProgressStatus.DETERIORATION,
            observed_rate=observed_rate,
            required_rate=required_rate,
            method=method,
            **known,
        )
    ratio = sign * d * observed_rate / abs(required_rate)
    return Progress(
        status_of_ratio(ratio),
        observed_rate=observed_rate,
        required_rate=required_rate,
        ratio=round(ratio, 4),
        method=method,
        **known,
    )
