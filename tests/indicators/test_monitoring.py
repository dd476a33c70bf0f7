"""The status rules (indicators.monitoring): a year against its plan, and the Open SDG progress
measure toward the next milestone, for both directions of good change, bounds, missing years,
zero and negative values, and a milestone already reached."""

from decimal import Decimal as D

import pytest

from indicators.models import Bound, GoodDirection
from indicators.monitoring import (
    ProgressStatus,
    YearStatus,
    assess_progress,
    assess_year,
    next_milestone,
)

UP, DOWN = GoodDirection.UP, GoodDirection.DOWN
MILESTONES = {2030: D(200), 2035: D(300), 2040: D(400), 2045: D(500), 2050: D(600)}


@pytest.mark.parametrize(
    ("good", "plan", "actual", "status"),
    [
        (UP, "100", "100", YearStatus.ACHIEVED),
        (UP, "100", "130", YearStatus.ACHIEVED),
        (UP, "100", "95", YearStatus.AT_RISK),  # exactly 95 % of the plan
        (UP, "100", "94.9", YearStatus.OFF_TRACK),
        (DOWN, "47.6", "40.8", YearStatus.ACHIEVED),  # Almaty's emissions, 2021
        (DOWN, "100", "105", YearStatus.AT_RISK),
        (DOWN, "100", "105.1", YearStatus.OFF_TRACK),
        (UP, "22.50", "18.00", YearStatus.OFF_TRACK),  # Almaty's waste recycling, 2022
        (UP, "45.8", "44.8", YearStatus.AT_RISK),  # Almaty's emergency infrastructure, 2022
    ],
)
def test_a_year_is_judged_in_the_direction_of_good_change(good, plan, actual, status):
    assert assess_year(good_direction=good, plan=D(plan), actual=D(actual)).status == status


def test_the_deviation_is_absolute_and_in_per_cent_of_the_plan():
    year = assess_year(good_direction=UP, plan=D("2604.0"), actual=D("2631.7"))
    assert (year.deviation, year.deviation_percent) == (D("27.7"), D("1.1"))
    down = assess_year(good_direction=DOWN, plan=D("47.6"), actual=D("41.5"))
    assert (down.deviation, down.deviation_percent) == (D("-6.1"), D("-12.8"))


def test_a_bound_on_the_plan_decides_the_side_whatever_the_direction():
    # "≤33,0": a ceiling even on an indicator where higher is better.
    assert (
        assess_year(good_direction=UP, plan=D(33), plan_bound=Bound.AT_MOST, actual=D(30)).status
        == YearStatus.ACHIEVED
    )
    assert (
        assess_year(good_direction=UP, plan=D(33), plan_bound=Bound.AT_MOST, actual=D(40)).status
        == YearStatus.OFF_TRACK
    )
    # "≥10": a floor even where lower is better.
    assert (
        assess_year(good_direction=DOWN, plan=D(10), plan_bound=Bound.AT_LEAST, actual=D(12)).status
        == YearStatus.ACHIEVED
    )
    assert (
        assess_year(
            good_direction=DOWN, plan=D(10), plan_bound=Bound.AT_LEAST, actual=D("9.6")
        ).status
        == YearStatus.AT_RISK
    )


def test_an_actual_bound_that_leaves_the_plan_open_is_never_achieved():
    # "≤12" against a floor of 10: it may be 9. Best case within the bound: at risk.
    open_ = assess_year(good_direction=UP, plan=D(10), actual=D(12), actual_bound=Bound.AT_MOST)
    assert open_.status == YearStatus.AT_RISK
    # "≤8" against a ceiling of 10: certainly met.
    met = assess_year(good_direction=DOWN, plan=D(10), actual=D(8), actual_bound=Bound.AT_MOST)
    assert met.status == YearStatus.ACHIEVED


@pytest.mark.parametrize(("plan", "actual"), [(None, D(1)), (D(1), None), (None, None)])
def test_a_year_without_plan_or_actual_has_no_data(plan, actual):
    year = assess_year(good_direction=UP, plan=plan, actual=actual)
    assert (year.status, year.deviation, year.deviation_percent) == (YearStatus.NO_DATA, None, None)
    assert not year.explanation_required


def test_a_zero_plan_has_no_percentage_and_no_tolerance():
    # Almaty's cultural objects built: plan 2, actual 0 in 2021; a plan of 0 met by 0.
    assert assess_year(good_direction=UP, plan=D(2), actual=D(0)).status == YearStatus.OFF_TRACK
    zero = assess_year(good_direction=DOWN, plan=D(0), actual=D("0.1"))
    assert (zero.status, zero.deviation_percent) == (YearStatus.OFF_TRACK, None)
    assert assess_year(good_direction=UP, plan=D(0), actual=D(0)).status == YearStatus.ACHIEVED


def test_only_an_off_track_year_requires_an_explanation():
    assert assess_year(good_direction=UP, plan=D(100), actual=D(50)).explanation_required
    assert not assess_year(good_direction=UP, plan=D(100), actual=D(96)).explanation_required


def test_negative_values_are_compared_as_numbers():
    # A migration balance: -500 planned, -400 observed; higher is better.
    assert (
        assess_year(good_direction=UP, plan=D(-500), actual=D(-400)).status == YearStatus.ACHIEVED
    )
    assert assess_year(good_direction=UP, plan=D(-500), actual=D(-520)).status == YearStatus.AT_RISK


def progress(good=UP, base=(2020, D(100)), milestones=None, **actuals):
    return assess_progress(
        good_direction=good,
        baseline_year=base[0] if base else None,
        baseline_value=base[1] if base else None,
        milestones=MILESTONES if milestones is None else milestones,
        actuals={int(year[1:]): value for year, value in actuals.items()},
    )


def test_the_progress_ratio_is_observed_over_required_compound_growth():
    # 100 → 200 by 2030 needs (2)^(1/10) - 1 = 7.18 % a year; 100 → 115 in two years is 7.24 %.
    result = progress(y2022=D(115))
    assert result.method == "compound"
    assert result.required_rate == pytest.approx(2**0.1 - 1)
    assert result.observed_rate == pytest.approx(1.15**0.5 - 1)
    assert result.ratio == pytest.approx((1.15**0.5 - 1) / (2**0.1 - 1), abs=1e-4)
    assert (result.status, result.milestone_year) == (ProgressStatus.ON_TRACK, 2030)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (D(115), ProgressStatus.ON_TRACK),  # ratio 1.01
        (D(110), ProgressStatus.ACCELERATION_NEEDED),  # ratio 0.68
        (D(105), ProgressStatus.LIMITED_PROGRESS),  # ratio 0.35
        (D(100), ProgressStatus.LIMITED_PROGRESS),  # ratio 0: no change at all
        (D(95), ProgressStatus.DETERIORATION),
    ],
)
def test_the_open_sdg_thresholds(value, status):
    assert progress(y2022=value).status == status


def test_where_lower_is_better_a_fall_is_progress():
    milestones = {2030: D(8), 2050: D("4.5")}
    # Almaty's emissions: 40.8 (2021) → 41.5 (2022) against 8.0 by 2030.
    worse = progress(DOWN, (2021, D("40.8")), milestones, y2022=D("41.5"))
    assert worse.status == ProgressStatus.DETERIORATION
    better = progress(DOWN, (2021, D("40.8")), milestones, y2022=D("33"))
    assert better.status == ProgressStatus.ON_TRACK and better.ratio > 0


def test_a_milestone_already_reached_is_achieved():
    assert progress(y2023=D(250)).status == ProgressStatus.ACHIEVED
    down = progress(DOWN, (2020, D(10)), {2030: D(6), 2035: D(5)}, y2024=D("5.5"))
    assert (down.status, down.milestone_year) == (ProgressStatus.ACHIEVED, 2030)


def test_the_next_milestone_follows_the_latest_year():
    assert progress(y2031=D(250)).milestone_year == 2035
    assert next_milestone(MILESTONES, 2030) == (2035, D(300))
    assert next_milestone(MILESTONES, 2060) == (2050, D(600))  # after 2050: the last one
    assert next_milestone({}, 2025) is None


def test_missing_years_are_skipped_and_the_latest_actual_counts():
    result = progress(y2021=D(104), y2022=None, y2023=D(123))
    assert (result.current_year, result.current_value) == (2023, D(123))


def test_too_little_data_is_said_with_its_reason():
    assert progress(base=None, y2022=D(1)).reason == "no_baseline"
    none_after = progress(y2019=D(90), y2020=D(100))
    assert (none_after.status, none_after.reason) == (
        ProgressStatus.NOT_ENOUGH_DATA,
        "no_actual_after_baseline",
    )
    assert progress(milestones={}, y2022=D(1)).reason == "no_milestone"


def test_a_zero_baseline_uses_the_linear_annual_change():
    # Almaty's cultural objects: 0 built in 2021, 1 in 2022, 2 wanted by 2030.
    result = progress(UP, (2021, D(0)), {2030: D(2)}, y2022=D(1))
    assert result.method == "linear"
    assert result.ratio == pytest.approx(1 / (2 / 9), abs=1e-4)
    assert result.status == ProgressStatus.ON_TRACK


def test_a_change_of_sign_uses_the_linear_annual_change():
    result = progress(UP, (2020, D(-100)), {2030: D(100)}, y2025=D(-50))
    assert result.method == "linear"
    assert result.ratio == pytest.approx(10 / 20)
    assert result.status == ProgressStatus.LIMITED_PROGRESS


def test_negative_values_of_one_sign_keep_the_compound_rate_and_its_sense():
    # -100 → -50 in 5 years toward -10 by 2030 where higher is better: progress, not decline.
    result = progress(UP, (2020, D(-100)), {2030: D(-10)}, y2025=D(-50))
    assert result.method == "compound" and result.ratio > 0


def test_a_milestone_equal_to_the_baseline_and_missed_is_deterioration():
    result = progress(UP, (2020, D(50)), {2030: D(50)}, y2022=D(40))
    assert (result.status, result.ratio) == (ProgressStatus.DETERIORATION, None)


def test_a_zero_milestone_uses_the_linear_change():
    result = progress(DOWN, (2020, D(10)), {2030: D(0)}, y2025=D(5))
    assert result.method == "linear" and result.status == ProgressStatus.ON_TRACK
