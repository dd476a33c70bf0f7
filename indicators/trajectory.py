"""The trajectory check of a target indicator (p.26): advice on implausible milestones, shown in the
editor's indicator page and in the compliance panel. Advice only: it never blocks submission.
Pure functions of the indicator as document_json lays it out (indicators.charts.indicator_data
makes the same from a row); no database.

Rules, each with a stable code:

- `against_direction`: a milestone moves against the direction of good change, i.e. it is worse
  than the point before it (the baseline, then the previous milestone): lower when higher is
  better, higher when lower is better. Holding a level (equal values) is not flagged: a city that
  has reached 100 % may plan to stay there.
- `not_monotonic`: the baseline and the milestones, in year order, both rise and fall somewhere.
  The Methodology's milestones are 5-year steps toward one target (p.26); a path that turns back
  is most often a typing error (a swapped pair, a misplaced decimal comma).
- `baseline_year`: the baseline year is not before the first milestone (2030) or lies in the
  future: a baseline is a value already measured (p.26: "baseline year and value").
- `percent_range`: an indicator measured in per cent ("%", процент, пайыз) has a baseline or a
  milestone outside 0-100. Only the bare unit counts: "% to the previous year" may exceed 100.
- `growth_rate`: a 5-year step needs a pace far beyond what the indicator has ever shown. The
  required rate of a step is the compound annual growth from the point before it (the baseline,
  then the previous milestone) to the milestone,
      r_req = (x_m / x_p) ** (1 / (t_m - t_p)) - 1,
  the same compound annual growth rate as the Open SDG progress measure (indicators.monitoring);
  the best five-year rate is the largest r = (x_{y+5} / x_y) ** (1/5) - 1 over the pairs of
  years five years apart within the last ten years of the indicator's history, both taken in the
  direction of good change (multiplied by -1 when lower is better). The step is flagged when
  r_req > 3 × best. Reasoning: p.18 asks for ten years of history precisely to judge what is
  attainable (p.26: "attainable and measurable"); taking the *best* five-year period, not the
  average, already credits the city with its best stretch, and a factor of three leaves room for
  a deliberate policy change before a target is called implausible. Where a value is zero or
  negative the compound rate is undefined and the linear change per year is compared instead
  (units per year, the same fallback as the progress measure). Without two historical values five
  years apart, or when the history never improved over five years (best ≤ 0, the ratio is then
  meaningless), the rule gives no advice rather than a guess.

  The history is the indicator's own recorded actual values where there are any (monitoring,
  indicators.YearlyValue, with the baseline), else its linked p.18 ten-year series: the series of
  the kind that matches its p.26 catalogue indicator (LINKED_SERIES), when the strategy has
  exactly one such series.
"""

import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from indicators.charts import as_decimal, format_number
from indicators.models import GoodDirection

# The p.26 catalogue indicators whose p.18 ten-year series measures the same thing.
LINKED_SERIES = {
    "student-share": "student_share",
    "neet-index": "neet_share",
}
GROWTH_FACTOR = 3  # required pace beyond three times the best five-year pace: advice
HISTORY_YEARS = 10  # p.18: the last ten years
STEP_YEARS = 5  # p.26: milestones every five years
FIRST_MILESTONE = 2030
PERCENT_UNITS = {"%", "percent", "per cent", "процент", "проценты", "пайыз"}


@dataclass(frozen=True)
class Advice:
    """One piece of advice: the rule's code, the milestone year it concerns (None for the whole
    indicator) and the message in the active language."""

    code: str
    message: str
    year: int | None = None


def _series(values) -> dict[int, Decimal]:
    return {
        int(year): number
        for year, value in (values or {}).items()
        if (number := as_decimal(value)) is not None
    }


def linked_history(indicator: dict, series: list[dict]) -> dict[int, Decimal]:
    """The values of the p.18 series linked to `indicator` (LINKED_SERIES) by year; empty when it
    has no catalogue indicator with a series kind, or the strategy has not exactly one series of
    that kind. `series` in document_json layout."""
    kind = LINKED_SERIES.get(indicator.get("recommended") or "")
    matching = [s for s in series if s.get("kind") == kind] if kind else []
    return _series(matching[0].get("values")) if len(matching) == 1 else {}


def _number(value) -> str:
    return format_number(value, translation.get_language() or "kk")


def _rate(start: Decimal, end: Decimal, years: int, compound: bool) -> float:
    if compound:
        return float(end / start) ** (1 / years) - 1
    return float(end - start) / years


def best_five_year_rate(history: dict[int, Decimal], good_direction: str, compound: bool):
    """The largest five-year rate (per year, in the direction of good change) within the last ten
    years of `history`; None without a pair of years five years apart."""
    if not history:
        return None
    last = max(history)
    d = 1 if good_direction == GoodDirection.UP else -1
    rates = [
        d * _rate(history[year], history[year + STEP_YEARS], STEP_YEARS, compound)
        for year in history
        if year >= last - HISTORY_YEARS and year + STEP_YEARS in history
    ]
    return max(rates) if rates else None


def is_percent(unit) -> bool:
    """Whether a unit (a text, or {lang: text}) is per cent in any language (PERCENT_UNITS)."""
    texts = unit.values() if isinstance(unit, dict) else [unit or ""]
    return any((text or "").strip().lower() in PERCENT_UNITS for text in texts)


def check_trajectory(
    indicator: dict, *, history: dict | None = None, today_year: int
) -> list[Advice]:
    """Advice on an indicator's milestones (rules in the module docstring), messages in the
    active language. `indicator` in document_json layout; `history` {year: value}, the values
    known before and since the baseline. Never raises."""
    good = indicator.get("good_direction")
    d = 1 if good == GoodDirection.UP else -1
    milestones = sorted(_series(indicator.get("milestones")).items())
    baseline_year = indicator.get("baseline_year")
    baseline = as_decimal(indicator.get("baseline_value"))
    advice: list[Advice] = []

    if baseline_year is not None and (
        baseline_year >= FIRST_MILESTONE or baseline_year > today_year
    ):
        advice.append(
            Advice(
                "baseline_year",
                _(
                    "The baseline year %(year)s is not a measured year: it must come before "
                    "%(first)s and not after %(today)s."
                )
                % {"year": baseline_year, "first": FIRST_MILESTONE, "today": today_year},
            )
        )

    points = ([(baseline_year, baseline)] if baseline_year and baseline is not None else []) + [
        (year, value) for year, value in milestones if baseline_year is None or year > baseline_year
    ]

    if is_percent(indicator.get("unit")):
        for year, value in points:
            if not Decimal(0) <= value <= Decimal(100):
                advice.append(
                    Advice(
                        "percent_range",
                        _("%(year)s: %(value)s %% is outside 0–100 %%.")
                        % {"year": year, "value": _number(value)},
                        year,
                    )
                )

    for (_prev_year, previous), (year, value) in itertools.pairwise(points):
        if d * (value - previous) < 0:
            advice.append(
                Advice(
                    "against_direction",
                    (
                        _(
                            "%(year)s: the milestone %(value)s falls from %(previous)s, but higher is better."
                        )
                        if d > 0
                        else _(
                            "%(year)s: the milestone %(value)s rises from %(previous)s, but lower is better."
                        )
                    )
                    % {"year": year, "value": _number(value), "previous": _number(previous)},
                    year,
                )
            )

    steps = [value - previous for (_y, previous), (_y2, value) in itertools.pairwise(points)]
    if any(step > 0 for step in steps) and any(step < 0 for step in steps):
        advice.append(
            Advice(
                "not_monotonic",
                _("The milestones both rise and fall: %(path)s.")
                % {"path": " → ".join(f"{y}: {_number(v)}" for y, v in points)},
            )
        )

    known = {int(y): v for y, v in ((history or {}).items()) if as_decimal(v) is not None}
    known = {y: as_decimal(v) for y, v in known.items()}
    if baseline_year is not None and baseline is not None:
        known.setdefault(baseline_year, baseline)
    values = [v for _y, v in points] + list(known.values())
    compound = all(v > 0 for v in values) or all(v < 0 for v in values)
    best = best_five_year_rate(known, good, compound)
    if best is not None and best > 0:
        for (prev_year, previous), (year, value) in itertools.pairwise(points):
            required = d * _rate(previous, value, year - prev_year, compound)
            if required > GROWTH_FACTOR * best:
                advice.append(
                    Advice(
                        "growth_rate",
                        _rate_message(compound)
                        % {
                            "year": year,
                            "required": _pace(required, compound),
                            "best": _pace(best, compound),
                            "factor": GROWTH_FACTOR,
                        },
                        year,
                    )
                )
    return advice


def _pace(rate: float, compound: bool) -> str:
    if compound:
        return _number(Decimal(str(round(rate * 100, 1)))) + " %"
    return _number(Decimal(str(round(rate, 4))))


def _rate_message(compound: bool) -> str:
    if compound:
        return _(
            "%(year)s: the milestone needs %(required)s a year, more than %(factor)s times the "
            "best five-year pace of the last ten years (%(best)s a year)."
        )
    return _(
        "%(year)s: the milestone needs a change of %(required)s a year, more than %(factor)s "
        "times the best five-year change of the last ten years (%(best)s a year)."
    )
