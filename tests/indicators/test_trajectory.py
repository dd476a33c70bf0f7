"""The trajectory check (indicators.trajectory): every rule has a case it passes and a case it
flags; the demo's approved Almaty edition and the Astana draft raise no false warning; the advice
shows in the editor's indicator page and never blocks submission."""

from decimal import Decimal

import pytest
from django.utils import translation

from indicators.charts import indicator_data, series_data
from indicators.models import Indicator, Milestone
from indicators.selectors import trajectory_history, values_by_identity
from indicators.trajectory import best_five_year_rate, check_trajectory, linked_history
from strategies.compliance import compliance_check
from strategies.models import Strategy
from strategies.selectors import strategy_document
from tests.strategies.pages import section_url

TODAY = 2026


def indicator(**changes) -> dict:
    base = {
        "name": {"ru": "Доля переработки ТБО"},
        "unit": {"kk": "%", "ru": "%"},
        "good_direction": "up",
        "recommended": None,
        "baseline_year": 2023,
        "baseline_value": "20",
        "milestones": {"2030": "30", "2035": "40", "2040": "50", "2045": "55", "2050": "60"},
    }
    return {**base, **changes}


def codes(data: dict, history=None) -> list[str]:
    with translation.override("en"):
        return [a.code for a in check_trajectory(data, history=history, today_year=TODAY)]


def test_a_plausible_indicator_gets_no_advice():
    assert codes(indicator()) == []


def test_milestones_that_fall_while_higher_is_better_are_flagged():
    falling = indicator(
        milestones={"2030": "18", "2035": "16", "2040": "14", "2045": "12", "2050": "10"}
    )
    with translation.override("en"):
        advice = check_trajectory(falling, today_year=TODAY)
    against = [a for a in advice if a.code == "against_direction"]
    assert [a.year for a in against] == [2030, 2035, 2040, 2045, 2050]
    assert against[0].message == "2030: the milestone 18 falls from 20, but higher is better."
    assert "not_monotonic" not in [a.code for a in advice]  # falling all the way is monotonic


def test_milestones_that_rise_while_lower_is_better_are_flagged_and_a_plateau_is_not():
    rising = indicator(good_direction="down", milestones={"2030": "25", "2035": "30"})
    assert codes(rising) == ["against_direction", "against_direction"]
    plateau = {"2030": "100", "2035": "100", "2040": "100", "2045": "100", "2050": "100"}
    assert codes(indicator(baseline_value="90", milestones=plateau)) == []


def test_milestones_that_rise_and_fall_are_not_monotonic():
    zigzag = {"2030": "30", "2035": "40", "2040": "35", "2045": "45", "2050": "50"}
    result = codes(indicator(milestones=zigzag))
    assert "not_monotonic" in result and result.count("against_direction") == 1
    assert "not_monotonic" not in codes(indicator())


@pytest.mark.parametrize(
    ("year", "flagged"), [(2023, False), (TODAY, False), (TODAY + 1, True), (2030, True)]
)
def test_the_baseline_year_must_be_measured_and_before_2030(year, flagged):
    assert ("baseline_year" in codes(indicator(baseline_year=year))) is flagged


def test_a_percentage_beyond_0_100_is_flagged_in_every_drafting_language():
    over = indicator(milestones={"2030": "60", "2035": "80", "2040": "100", "2045": "110"})
    with translation.override("ru"):
        advice = check_trajectory(over, today_year=TODAY)
    assert [(a.code, a.year) for a in advice] == [("percent_range", 2045)]
    assert "110 %" in advice[0].message and "0–100" in advice[0].message
    assert codes(indicator(unit={"kk": "пайыз", "ru": ""}, baseline_value="-1")) == [
        "percent_range"
    ]
    # Not a bare per cent: a growth index may pass 100.
    index = indicator(unit={"ru": "% к предыдущему году"}, baseline_value="104", milestones={})
    assert codes(index) == []


HISTORY = {2014: "10", 2016: "11", 2019: "12", 2021: "13", 2024: "15"}  # best: 2019→2024


def test_the_best_five_year_rate_of_the_last_ten_years():
    history = {year: Decimal(v) for year, v in HISTORY.items()}
    best = best_five_year_rate(history, "up", compound=True)
    assert best == pytest.approx((15 / 12) ** (1 / 5) - 1)  # 4.56 % a year
    # Ten years back from 2024: the 2014 → 2019 pair counts; nothing older would.
    assert (
        best_five_year_rate({2010: Decimal(1), 2015: Decimal(9), 2024: Decimal(1)}, "up", True)
        is None
    )


def test_a_step_beyond_three_times_the_best_pace_is_flagged():
    # Best pace 4.56 % a year: three times is 13.7 % a year.
    plausible = indicator(baseline_year=2024, baseline_value="15",
                          milestones={"2030": "30", "2035": "40"})  # fmt: skip
    assert codes(plausible, HISTORY) == []  # 12.2 % a year to 2030
    steep = indicator(baseline_year=2024, baseline_value="15",
                      milestones={"2030": "45", "2035": "50"})  # fmt: skip
    with translation.override("ru"):
        advice = check_trajectory(steep, history=HISTORY, today_year=TODAY)
    assert [(a.code, a.year) for a in advice] == [("growth_rate", 2030)]  # 20.1 % a year
    assert "20,1 %" in advice[0].message and "4,6 %" in advice[0].message


def test_the_pace_rule_uses_linear_change_through_zero_and_stays_silent_without_history():
    history = {2015: "-2", 2020: "0", 2024: "1"}  # best: +0.4 a year
    data = indicator(unit={"ru": "индекс"}, baseline_year=2024, baseline_value="1",
                     milestones={"2030": "3", "2035": "20"})  # fmt: skip
    with translation.override("en"):
        advice = check_trajectory(data, history=history, today_year=TODAY)
    assert [(a.code, a.year) for a in advice] == [("growth_rate", 2035)]  # 3.4 a year
    assert "a change of 3.4 a year" in advice[0].message
    assert "growth_rate" not in codes(data, {2023: "1", 2024: "1"})  # no five-year pair
    assert "growth_rate" not in codes(data, {2015: "3", 2020: "1", 2024: "1"})  # never improved


def test_a_linked_ten_year_series_is_the_history_of_a_catalogue_indicator():
    series = [
        {"kind": "neet_share", "values": {"2015": "7.0", "2020": "6.0"}},
        {"kind": "population", "values": {"2015": "1"}},
    ]
    neet = indicator(recommended="neet-index", good_direction="down")
    assert linked_history(neet, series) == {2015: Decimal("7.0"), 2020: Decimal("6.0")}
    assert linked_history(indicator(recommended="life-expectancy"), series) == {}
    assert linked_history(neet, [*series, {"kind": "neet_share", "values": {}}]) == {}  # which?


@pytest.mark.parametrize("city", ["almaty", "astana"])
def test_the_demo_raises_no_false_warning(db, city):
    """The approved Almaty edition (with its recorded actual values as history) and the Astana
    draft, each indicator judged as the editor and the compliance panel judge it."""
    state = Strategy.State.APPROVED if city == "almaty" else Strategy.State.DRAFT
    strategy = strategy_document(Strategy.objects.get(city__code=city, state=state).pk)
    series = [series_data(s) for s in strategy.series.all()]
    values = values_by_identity(strategy)
    judged = 0
    for direction in strategy.directions.all():
        for row in direction.indicators.all():
            data = indicator_data(row)
            history = trajectory_history(data, series, values.get(row.uid, []))
            assert check_trajectory(data, history=history, today_year=TODAY) == [], row
            judged += 1
    assert judged >= 20


def test_the_advice_shows_in_the_editor_and_the_checklist_but_never_blocks(
    client, almaty, almaty_editor
):
    target = Indicator.objects.filter(direction__strategy=almaty, good_direction="up").first()
    Milestone.objects.filter(indicator=target, year=2040).update(value=Decimal("-5"))
    report = compliance_check(strategy_document(almaty.pk))
    result = next(r for r in report.results if r.check.code == "indicators.trajectory")
    assert not result.passed and not result.check.mandatory
    assert report.passed  # submission is not blocked
    assert result.findings[0].anchor == f"indicators-{target.pk}"

    client.force_login(almaty_editor)
    url = section_url(almaty, f"indicators-{target.direction.slug}", lang="ru")
    page = client.get(f"{url}?open=indicators-{target.pk}").content.decode()
    assert 'data-code="against_direction"' in page and 'data-year="2040"' in page
    assert "не препятствует" in page  # advice only, said in the reader's language
    assert 'class="chart"' in page
