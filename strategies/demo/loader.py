"""Builds the demo strategies from the JSON beside this module.

The JSON layout mirrors the document: analysis, series, institutions, evidence, SWOT, cases,
vision, mechanism, smart-city assessment and road map, and the five directions with problems,
solutions and indicators. Almaty's indicators that match the real SDG 11 table of its 2023
Voluntary Local Review (almaty-sdg11-plan-fact.csv) receive its yearly plan and actual values.
"""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from core.i18n import CONTENT_LANGUAGES, translated
from core.models import City, Settlement
from core.richtext import sanitize_html
from indicators.models import (
    BenchmarkValue,
    Indicator,
    Milestone,
    RecommendedIndicator,
    SdgTarget,
    YearlyValue,
)
from indicators.numbers import parse_printed_number
from strategies.models import (
    AnalysisSeries,
    DirectionKind,
    EducationInstitution,
    EvidenceItem,
    HigherLevelDocument,
    InternationalCase,
    Problem,
    RoadmapItem,
    SeriesValue,
    SmartCityInitiative,
    Solution,
    SphereAssessment,
    Strategy,
    SwotItem,
)
from strategies.sections import SECTIONS, is_rich, translated_fields
from strategies.selectors import strategy_document
from strategies.services import strategy_create

DEMO_DIR = Path(__file__).resolve().parent
PLAN_FACT_CSV = DEMO_DIR / "almaty-sdg11-plan-fact.csv"


def demo_documents() -> list[dict]:
    """The demo strategies' content: Almaty (document + directions) and the Karaganda draft."""
    almaty = json.loads((DEMO_DIR / "almaty" / "document.json").read_text(encoding="utf-8"))
    almaty["directions"] = json.loads(
        (DEMO_DIR / "almaty" / "directions.json").read_text(encoding="utf-8")
    )
    karaganda = json.loads((DEMO_DIR / "karaganda.json").read_text(encoding="utf-8"))
    return [almaty, karaganda]


def read_plan_fact(path: Path = PLAN_FACT_CSV) -> dict[str, list[dict]]:
    """Rows of the long-layout plan/fact table, grouped by indicator name."""
    grouped: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            grouped.setdefault(row["indicator"], []).append(row)
    return grouped


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


@transaction.atomic
def load_demo_strategy(data: dict, *, actor) -> Strategy:
    """Create one strategy from demo content through strategy_create, then fill every section."""
    city = City.objects.get(code=data["city"])
    strategy = strategy_create(actor=actor, city=city, title=data["title"])
    strategy.settlements.set(Settlement.objects.filter(code__in=data.get("settlements", [])))

    analysis = strategy.analysis
    for field in ("narrative", "institutions_summary"):
        for column, value in translated(field, data["analysis"].get(field)).items():
            setattr(analysis, column, value)
    analysis.save()

    _load_series(strategy, data.get("series", []))
    EducationInstitution.objects.bulk_create(
        EducationInstitution(
            strategy=strategy,
            kind=item["kind"],
            students=item.get("students"),
            position=position,
            **translated("name", item["name"]),
            **translated("description", item.get("description")),
            **translated("rankings", item.get("rankings")),
        )
        for position, item in enumerate(data.get("institutions", []))
    )
    EvidenceItem.objects.bulk_create(
        EvidenceItem(
            strategy=strategy,
            kind=item["kind"],
            held_on=date.fromisoformat(item["held_on"]) if item.get("held_on") else None,
            participants=item.get("participants"),
            position=position,
            **translated("title", item["title"]),
            **translated("summary", item.get("summary")),
        )
        for position, item in enumerate(data.get("evidence", []))
    )
    SwotItem.objects.bulk_create(
        SwotItem(
            strategy=strategy, quadrant=quadrant, position=position, **translated("text", text)
        )
        for quadrant, items in data.get("swot", {}).items()
        for position, text in enumerate(items)
    )
    InternationalCase.objects.bulk_create(
        InternationalCase(
            strategy=strategy,
            position=position,
            **translated("city_name", item["city"]),
            **translated("country", item.get("country")),
            **translated("practice", item.get("practice")),
            **translated("conclusion", item.get("conclusion")),
        )
        for position, item in enumerate(data.get("cases", []))
    )
    _load_vision(strategy, data.get("vision") or {})
    _load_mechanism(strategy, data.get("mechanism"))
    _load_smartcity(strategy, data.get("smartcity"))
    plan_fact = read_plan_fact()
    for slug, content in data.get("directions", {}).items():
        _load_direction(strategy, slug, content, plan_fact)
    _sanitize_rich_texts(strategy)
    return strategy


def _sanitize_rich_texts(strategy: Strategy) -> None:
    """Store the demo's HTML exactly as the editor would: cleaned against the allow-list."""
    doc = strategy_document(strategy.pk)
    for section in SECTIONS:
        for row in section.rows(doc):
            columns = [
                f"{field}_{lang}"
                for field in translated_fields(row)
                if is_rich(row, field)
                for lang in CONTENT_LANGUAGES
            ]
            for column in columns:
                setattr(row, column, sanitize_html(getattr(row, column)))
            if columns:
                row.save(update_fields=columns)


def _load_series(strategy: Strategy, series: list[dict]) -> None:
    for position, item in enumerate(series):
        row = AnalysisSeries.objects.create(
            strategy=strategy,
            kind=item["kind"],
            position=position,
            **translated("label", item.get("label")),
            **translated("unit", item.get("unit")),
            **translated("source", item.get("source")),
        )
        SeriesValue.objects.bulk_create(
            SeriesValue(series=row, year=int(year), value=Decimal(str(value)))
            for year, value in item["values"].items()
        )


def _load_vision(strategy: Strategy, vision_data: dict) -> None:
    vision = strategy.vision
    for field in ("text", "desired_results", "priorities"):
        for column, value in translated(field, vision_data.get(field)).items():
            setattr(vision, column, value)
    vision.save()
    vision.documents.set(
        HigherLevelDocument.objects.filter(code__in=vision_data.get("documents", []))
    )


def _load_mechanism(strategy: Strategy, mechanism_data: dict | None) -> None:
    if not mechanism_data:
        return
    mechanism = strategy.mechanism
    mechanism.reporting_frequency = mechanism_data["reporting_frequency"]
    for field in ("responsible_bodies", "procedure"):
        for column, value in translated(field, mechanism_data.get(field)).items():
            setattr(mechanism, column, value)
    mechanism.save()


def _load_smartcity(strategy: Strategy, smartcity: dict | None) -> None:
    if not smartcity:
        return
    SphereAssessment.objects.bulk_create(
        SphereAssessment(
            strategy=strategy,
            sphere=item["sphere"],
            level=item["level"],
            **translated("comment", item.get("comment")),
        )
        for item in smartcity.get("assessments", [])
    )
    initiatives = {item.code: item for item in SmartCityInitiative.objects.all()}
    RoadmapItem.objects.bulk_create(
        RoadmapItem(
            strategy=strategy,
            initiative=initiatives.get(item.get("initiative") or ""),
            sphere=item["sphere"],
            deadline=date.fromisoformat(item["deadline"]) if item.get("deadline") else None,
            cost=_decimal(item.get("cost")),
            status=item.get("status", RoadmapItem.Status.PLANNED),
            position=position,
            **translated("title", item["title"]),
            **translated("responsible", item.get("responsible")),
        )
        for position, item in enumerate(smartcity.get("roadmap", []))
    )


def _load_direction(strategy: Strategy, slug: str, content: dict, plan_fact: dict) -> None:
    direction = strategy.directions.get(kind=DirectionKind.from_slug(slug))
    for column, value in translated("current_situation", content.get("current_situation")).items():
        setattr(direction, column, value)
    direction.save()

    problems = {}
    for position, item in enumerate(content.get("problems", [])):
        problems[item["key"]] = Problem.objects.create(
            direction=direction,
            factor=item["factor"],
            position=position,
            **translated("text", item["text"]),
        )
    for position, item in enumerate(content.get("solutions", [])):
        solution = Solution.objects.create(
            direction=direction, position=position, **translated("text", item["text"])
        )
        solution.problems.set([problems[key] for key in item.get("answers", [])])

    for position, item in enumerate(content.get("indicators", [])):
        _load_indicator(direction, position, item, plan_fact)


def _load_indicator(direction, position: int, item: dict, plan_fact: dict) -> None:
    indicator = Indicator.objects.create(
        direction=direction,
        recommended=RecommendedIndicator.objects.filter(code=item.get("recommended") or "").first(),
        sdg_target=SdgTarget.objects.filter(code=item.get("sdg_target") or "").first(),
        good_direction=item["good_direction"],
        baseline_year=item.get("baseline_year"),
        baseline_value=_decimal(item.get("baseline_value")),
        comparable=True,
        sufficient_data=True,
        complete=True,
        attainable_measurable=True,
        position=position,
        **translated("name", item["name"]),
        **translated("unit", item.get("unit")),
        **translated("source", item.get("source")),
        **translated("collection_tool", item.get("collection_tool")),
    )
    Milestone.objects.bulk_create(
        Milestone(indicator=indicator, year=int(year), value=Decimal(str(value)))
        for year, value in item.get("milestones", {}).items()
    )
    BenchmarkValue.objects.bulk_create(
        BenchmarkValue(
            indicator=indicator,
            year=benchmark["year"],
            value=Decimal(str(benchmark["value"])),
            **translated("city_name", benchmark["city"]),
        )
        for benchmark in item.get("benchmarks", [])
    )
    rows = plan_fact.get(item.get("plan_fact") or "", [])
    yearly = []
    for row in rows:
        plan, actual = parse_printed_number(row["plan"]), parse_printed_number(row["fact"])
        if plan.value is None and actual.value is None:
            continue
        yearly.append(
            YearlyValue(
                indicator=indicator,
                year=int(row["year"]),
                plan=plan.value,
                plan_bound=plan.bound,
                actual=actual.value,
                actual_bound=actual.bound,
            )
        )
    YearlyValue.objects.bulk_create(yearly)
