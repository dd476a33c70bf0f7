"""The compliance check: every check passes on the demo, fails on an empty strategy, and fails
when the one thing it guards is broken."""

import pytest
from django.db.models import F

from core.models import City
from indicators.models import BenchmarkValue, Indicator, Milestone
from strategies.compliance import CHECKS, compliance_check
from strategies.models import AnalysisSeries, EducationInstitution, Solution
from strategies.selectors import strategy_document
from strategies.services import strategy_create

pytestmark = pytest.mark.django_db


def direction(strategy, kind=4):
    return strategy.directions.get(kind=kind)


def blank(row, *fields):
    for field in fields:
        for lang in ("kk", "ru", "en"):
            setattr(row, f"{field}_{lang}", "")
    row.save()


BREAK = {
    "analysis.narrative": lambda s: blank(s.analysis, "narrative"),
    "analysis.series": lambda s: s.series.filter(kind=AnalysisSeries.Kind.NEET_SHARE).delete(),
    "analysis.institutions": lambda s: s.institutions.filter(kind=EducationInstitution.Kind.COLLEGE).delete(),
    "analysis.evidence": lambda s: s.evidence.all().delete(),
    "analysis.swot": lambda s: s.swot_items.filter(quadrant="threat").delete(),
    "international.case": lambda s: [blank(case, "conclusion") for case in s.international_cases.all()],
    "vision.text": lambda s: blank(s.vision, "text"),
    "vision.documents": lambda s: s.vision.documents.clear(),
    "directions.content": lambda s: blank(direction(s), "current_situation"),
    "directions.answers": lambda s: [sol.problems.clear() for sol in Solution.objects.filter(direction=direction(s))],
    "indicators.present": lambda s: direction(s).indicators.all().delete(),
    "indicators.complete": lambda s: Milestone.objects.filter(indicator__direction__strategy=s, year=2045)[:1].get().delete(),
    "indicators.criteria": lambda s: Indicator.objects.filter(direction__strategy=s).update(comparable=False),
    "mechanism": lambda s: blank(s.mechanism, "procedure"),
    "languages": lambda s: (setattr(s.analysis, "narrative_ru", ""), s.analysis.save()),
    "functional_area": lambda s: s.settlements.clear(),
    "benchmarks": lambda s: BenchmarkValue.objects.filter(indicator__direction__strategy=s).delete(),
    # Advice (indicators.trajectory): milestones that fall while higher is better.
    "indicators.trajectory": lambda s: Milestone.objects.filter(indicator=Indicator.objects.filter(direction__strategy=s, good_direction="up").first()).update(value=2100 - F("year")),
    # Smart-city advisory checks (2025 standard): tests/strategies/test_smartcity.py has the rest.
    "smartcity.assessment": lambda s: s.sphere_assessments.filter(sphere="ecology").delete(),
    "smartcity.base_list": lambda s: s.roadmap.filter(initiative__code="tr-smart-parking").update(reason_kk="", reason_ru="", reason_en=""),
    "smartcity.roadmap": lambda s: s.roadmap.filter(status="planned").update(deadline=None),
}  # fmt: skip


def report_of(strategy):
    return compliance_check(strategy_document(strategy.pk))


def test_every_check_has_a_failing_case_here():
    assert {c.code for c in CHECKS} == BREAK.keys()


def test_the_demo_strategy_passes_every_check(almaty):
    report = report_of(almaty)
    assert [r.check.code for r in report.results if not r.passed] == []
    assert report.passed and report.readiness == 100


@pytest.mark.parametrize("code", sorted(BREAK))
def test_breaking_what_a_check_guards_fails_that_check(almaty, code):
    BREAK[code](almaty)
    report = report_of(almaty)
    result = next(r for r in report.results if r.check.code == code)
    assert not result.passed
    assert all(finding.message and finding.section for finding in result.findings)
    if result.check.mandatory:
        assert not report.passed and report.readiness < 100
    else:
        assert report.passed  # advisory checks never block submission


def test_an_empty_strategy_fails_every_mandatory_check(new_editor):
    strategy = strategy_create(actor=new_editor, city=City.objects.get(code="shymkent"))
    report = report_of(strategy)
    failing = {r.check.code for r in report.failing}
    assert failing == {c.code for c in CHECKS if c.mandatory}
    assert report.readiness == 0


def test_a_text_in_one_language_only_fails_the_language_check(new_editor):
    strategy = strategy_create(actor=new_editor, city=City.objects.get(code="shymkent"))
    strategy.analysis.narrative_kk = "<p>Шымкент — республикалық маңызы бар қала.</p>"
    strategy.analysis.save()
    languages = next(r for r in report_of(strategy).results if r.check.code == "languages")
    assert not languages.passed
    assert "RU" in languages.findings[0].message


def test_the_incomplete_draft_reports_its_gaps_with_places_to_fix(karaganda):
    report = report_of(karaganda)
    assert 0 < report.readiness < 100
    failing = {r.check.code: r for r in report.failing}
    assert {
        "analysis.swot",
        "vision.documents",
        "mechanism",
        "indicators.complete",
    } <= failing.keys()
    assert failing["analysis.swot"].findings[0].anchor == "quadrant-threat"
    assert failing["indicators.complete"].findings[0].section == "indicators-human_development"


def test_the_check_runs_in_a_fixed_number_of_queries(almaty, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        compliance_check(strategy_document(almaty.pk))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_finding_that_starts_with_a_directions_name_starts_with_a_capital(new_editor, lang):
    from django.utils import translation

    strategy = strategy_create(actor=new_editor, city=City.objects.get(code="shymkent"))
    with translation.override(lang):
        messages = [f.message for r in report_of(strategy).results for f in r.findings]
    named = [m for m in messages if m.split(":")[0].lower().startswith(("smartcity", "креатив"))]
    assert named and all(message[0].isupper() for message in named), named
