"""The demo content: Almaty's and Astana's strategies are complete by every Methodology rule (Astana's
a draft its editor can submit as it is); Karaganda's is an incomplete draft."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from approvals.models import Hearing, Process, StageKind
from approvals.services import process_submit
from core.i18n import DRAFTING_LANGUAGES
from core.models import Membership, User
from indicators.models import MILESTONE_YEARS, Indicator, YearlyValue
from indicators.translation import TRANSLATED as INDICATOR_TEXTS
from strategies.compliance import compliance_check
from strategies.models import (
    AnalysisSeries,
    DirectionKind,
    SmartCitySphere,
    Strategy,
    SwotItem,
)
from strategies.permissions import can_edit, can_view
from strategies.selectors import strategy_document
from strategies.translation import TRANSLATED as STRATEGY_TEXTS

pytestmark = pytest.mark.django_db

# The complete demo strategies: Almaty's working draft (the amendment) and Astana's draft.
COMPLETE = ["almaty", "astana"]


@pytest.fixture
def astana(db) -> Strategy:
    """Astana's complete demo draft, ready to submit."""
    return Strategy.objects.get(city__code="astana")


@pytest.fixture(params=COMPLETE)
def complete(request) -> Strategy:
    return request.getfixturevalue(request.param)


# Text fields that a complete strategy may leave empty: optional details of a row (a road-map
# item's reason is asked for only when it is not planned).
OPTIONAL_TEXTS = {"rankings", "country", "adopted", "explanation", "reason"}


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


def test_complete_texts_are_written_in_kazakh_and_russian(complete):
    empty = [
        f"{type(row).__name__}#{row.pk}.{field}_{lang}"
        for row, fields in rows_of(complete)
        for field in fields
        if field not in OPTIONAL_TEXTS
        for lang in DRAFTING_LANGUAGES
        if not getattr(row, f"{field}_{lang}").strip()
    ]
    assert empty == []


def test_complete_analysis_has_a_ten_year_series_of_every_p18_kind(complete):
    for kind in AnalysisSeries.Kind:
        series = complete.series.filter(kind=kind)
        assert series.exists(), kind
        for row in series:
            years = sorted(row.values.values_list("year", flat=True))
            assert len(years) >= 10 and years[-1] - years[0] == len(years) - 1, (kind, years)
            assert row.source_kk and row.source_ru


def test_complete_has_swot_cases_vision_and_mechanism(complete):
    quadrants = set(complete.swot_items.values_list("quadrant", flat=True))
    assert quadrants == set(SwotItem.Quadrant.values)
    cases = complete.international_cases.all()
    assert len(cases) >= 3 and all(case.conclusion_kk and case.conclusion_ru for case in cases)
    assert complete.vision.documents.filter(code="kazakhstan-2050").exists()
    assert complete.institutions.filter(kind="university").exists()
    assert complete.institutions.filter(kind="college").exists()
    assert set(complete.evidence.values_list("kind", flat=True)) >= {"survey", "focus_group"}
    assert complete.mechanism.procedure_kk and complete.mechanism.procedure_ru
    spheres = {a.sphere for a in complete.sphere_assessments.all()}
    assert spheres == set(SmartCitySphere.values)
    assert complete.settlements.count() >= 5


def test_complete_has_the_five_directions_each_with_problems_answered_by_solutions(complete):
    directions = list(complete.directions.order_by("kind"))
    assert [d.kind for d in directions] == list(DirectionKind.values)
    for direction in directions:
        problems = list(direction.problems.prefetch_related("solutions"))
        assert problems and direction.solutions.exists(), direction
        assert {p.factor for p in problems} == {"external", "internal"}, direction
        assert all(p.solutions.exists() for p in problems), direction
        assert direction.indicators.exists(), direction


@pytest.mark.parametrize(("city", "catalogue_entries"), [("almaty", 12), ("astana", 10)])
def test_complete_indicators_have_all_milestones_source_and_tool(request, city, catalogue_entries):
    strategy = request.getfixturevalue(city)
    indicators = Indicator.objects.filter(direction__strategy=strategy).prefetch_related(
        "milestones"
    )
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
    assert len(recommended) == catalogue_entries


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


def test_astana_is_a_draft_that_passes_every_compliance_check(astana):
    assert astana.state == Strategy.State.DRAFT
    assert astana.city.category == "capital"
    report = compliance_check(strategy_document(astana.pk))
    failing = {
        r.check.code: [f.message for f in r.findings] for r in report.results if not r.passed
    }
    # The advisory checks too: settlements of the functional area, benchmarks, every initiative of
    # the smart-city base list on the road map.
    assert failing == {}
    assert report.passed and report.readiness == 100


def test_astana_figures_that_are_estimates_say_so_in_their_source(astana):
    for series in astana.series.all():
        assert "оценка разработчика" in series.source_ru.lower(), series
        assert "әзірлеушінің бағалауы" in series.source_kk.lower(), series
    for indicator in Indicator.objects.filter(direction__strategy=astana):
        sources = (indicator.source_ru.lower(), indicator.source_kk.lower())
        surveyed = "опрос" in sources[0] and "пікіртерім" in sources[1]
        assert surveyed or (
            "оценка разработчика" in sources[0] and "әзірлеушінің бағалауы" in sources[1]
        ), indicator


def test_astana_is_submitted_by_its_editor_and_reaches_its_region_and_maslikhat(astana):
    editor = User.objects.get(username="astana.editor")
    region = User.objects.get(username="akmola-region.reviewer")
    secretary = User.objects.get(username="astana.maslikhat")
    assert can_edit(editor, astana)
    assert not can_view(region, astana) and not can_view(secretary, astana)

    until = timezone.localdate() + timedelta(days=30)
    process = process_submit(actor=editor, strategy=astana, hearing_until=until)

    astana.refresh_from_db()
    assert astana.state == Strategy.State.IN_APPROVAL
    assert process.current_stage.kind == StageKind.HEARINGS
    assert Hearing.objects.get(stage_run__process=process).published_until == until
    # Akmola region is the capital's adjacent region: its reviewer and the city maslikhat's
    # secretary read the strategy once it is in approval.
    assert can_view(region, astana) and can_view(secretary, astana)


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
