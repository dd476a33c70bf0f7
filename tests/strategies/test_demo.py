"""The demo content: Almaty's strategy is complete by every Methodology rule; Karaganda's is a draft."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from approvals.models import Process
from core.i18n import DRAFTING_LANGUAGES
from core.models import Membership, User
from indicators.models import MILESTONE_YEARS, Indicator, YearlyValue
from indicators.translation import TRANSLATED as INDICATOR_TEXTS
from strategies.models import AnalysisSeries, DirectionKind, Strategy, SwotItem
from strategies.translation import TRANSLATED as STRATEGY_TEXTS

pytestmark = pytest.mark.django_db

# Text fields that a complete strategy may leave empty: optional details of a row.
OPTIONAL_TEXTS = {"rankings", "country", "adopted", "explanation"}


def rows_of(strategy: Strategy):
    """Every content row of a strategy, paired with its translated fields."""
    yield strategy, STRATEGY_TEXTS[Strategy]
    for name in ("analysis", "vision", "mechanism"):
        row = getattr(strategy, name)
        yield row, STRATEGY_TEXTS[type(row)]
    for manager in (
        strategy.series,
        strategy.institutions,
        strategy.evidence,
        strategy.swot_items,
        strategy.international_cases,
        strategy.sphere_assessments,
        strategy.roadmap,
    ):
        for row in manager.all():
            yield row, STRATEGY_TEXTS[type(row)]
    for direction in strategy.directions.all():
        yield direction, STRATEGY_TEXTS[type(direction)]
        for row in [*direction.problems.all(), *direction.solutions.all()]:
            yield row, STRATEGY_TEXTS[type(row)]
        for indicator in direction.indicators.all():
            yield indicator, INDICATOR_TEXTS[Indicator]
            for benchmark in indicator.benchmarks.all():
                yield benchmark, INDICATOR_TEXTS[type(benchmark)]


def test_almaty_texts_are_written_in_kazakh_and_russian(almaty):
    empty = [
        f"{type(row).__name__}#{row.pk}.{field}_{lang}"
        for row, fields in rows_of(almaty)
        for field in fields
        if field not in OPTIONAL_TEXTS
        for lang in DRAFTING_LANGUAGES
        if not getattr(row, f"{field}_{lang}").strip()
    ]
    assert empty == []


def test_almaty_analysis_has_a_ten_year_series_of_every_p18_kind(almaty):
    for kind in AnalysisSeries.Kind:
        series = almaty.series.filter(kind=kind)
        assert series.exists(), kind
        for row in series:
            years = sorted(row.values.values_list("year", flat=True))
            assert len(years) >= 10 and years[-1] - years[0] == len(years) - 1, (kind, years)
            assert row.source_kk and row.source_ru


def test_almaty_has_swot_cases_vision_and_mechanism(almaty):
    quadrants = set(almaty.swot_items.values_list("quadrant", flat=True))
    assert quadrants == set(SwotItem.Quadrant.values)
    cases = almaty.international_cases.all()
    assert len(cases) >= 3 and all(case.conclusion_kk and case.conclusion_ru for case in cases)
    assert almaty.vision.documents.filter(code="kazakhstan-2050").exists()
    assert almaty.institutions.filter(kind="university").exists()
    assert almaty.institutions.filter(kind="college").exists()
    assert set(almaty.evidence.values_list("kind", flat=True)) >= {"survey", "focus_group"}
    assert almaty.mechanism.procedure_kk and almaty.mechanism.procedure_ru
    assert almaty.sphere_assessments.count() == 8
    assert almaty.settlements.count() >= 5


def test_almaty_has_the_five_directions_each_with_problems_answered_by_solutions(almaty):
    directions = list(almaty.directions.order_by("kind"))
    assert [d.kind for d in directions] == list(DirectionKind.values)
    for direction in directions:
        problems = list(direction.problems.prefetch_related("solutions"))
        assert problems and direction.solutions.exists(), direction
        assert {p.factor for p in problems} == {"external", "internal"}, direction
        assert all(p.solutions.exists() for p in problems), direction
        assert direction.indicators.exists(), direction


def test_almaty_indicators_have_all_milestones_source_and_tool(almaty):
    indicators = Indicator.objects.filter(direction__strategy=almaty).prefetch_related("milestones")
    assert len(indicators) >= 20
    for indicator in indicators:
        assert sorted(m.year for m in indicator.milestones.all()) == list(MILESTONE_YEARS), (
            indicator
        )
        assert (indicator.unit_kk and indicator.unit_ru) or indicator.recommended_id, indicator
        assert indicator.baseline_year and indicator.baseline_value is not None, indicator
        for lang in DRAFTING_LANGUAGES:
            assert getattr(indicator, f"source_{lang}") and getattr(
                indicator, f"collection_tool_{lang}"
            )
    recommended = {i.recommended.code for i in indicators if i.recommended_id}
    assert len(recommended) == 12


def test_almaty_is_approved_through_the_route_and_monitors_its_sdg11_indicators(almaty_approved):
    assert almaty_approved.processes.filter(state="approved").count() == 1
    assert almaty_approved.processes.filter(state="returned").count() == 1
    uids = Indicator.objects.filter(direction__strategy=almaty_approved).values("uid")
    yearly = YearlyValue.objects.filter(indicator_uid__in=uids)
    assert yearly.values("indicator_uid").distinct().count() == 11
    housing = Indicator.objects.get(
        direction__strategy=almaty_approved, name_ru__startswith="Общая площадь введ"
    )
    assert housing.sdg_target.code == "11.1"
    values = {v.year: (v.plan, v.actual) for v in yearly.filter(indicator_uid=housing.uid)}
    assert values[2021] == (Decimal("2604.0"), Decimal("2631.7"))
    assert values[2023] == (Decimal("1650.0"), None)


def test_almaty_p18_series_take_the_vlr_values_and_name_it(almaty_approved):
    maternal = almaty_approved.series.get(kind="maternal_mortality")
    values = {v.year: v.value for v in maternal.values.all()}
    assert (values[2020], values[2021], values[2022]) == (Decimal(23), Decimal("53.8"), Decimal(12))
    assert "VLR" in maternal.source_ru and "VLR" in maternal.source_kk
    neet = almaty_approved.series.get(kind="neet_share")
    assert {v.year: v.value for v in neet.values.all()}[2015] == Decimal("8.6")


def test_karaganda_is_an_incomplete_draft_of_a_regional_centre(karaganda):
    assert karaganda.state == Strategy.State.DRAFT
    assert karaganda.city.category == "regional_centre"
    assert karaganda.directions.count() == 5
    assert not karaganda.vision.documents.exists()


def test_there_is_a_demo_user_for_every_role():
    roles = set(
        Membership.objects.filter(user__username__contains=".").values_list("role", flat=True)
    )
    assert roles == set(Membership.Role.values)
    assert User.objects.get(username="admin").is_superuser


def test_seed_demo_runs_again_without_duplicating(almaty):
    def counts():
        return (
            Strategy.objects.count(),
            Indicator.objects.count(),
            User.objects.count(),
            YearlyValue.objects.count(),
            Process.objects.count(),
        )

    before = counts()
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
