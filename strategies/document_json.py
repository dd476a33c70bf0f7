"""The whole strategy document as JSON, both ways: `document_dump` (what a snapshot freezes, what
an amendment starts from) and `document_load` (builds a working copy from it; the demo content
is written in the same format).

Layout: title, city, settlements, analysis, series, institutions, evidence, SWOT, cases, vision,
mechanism, smart-city assessment and road map, and the five directions with their problems,
solutions and indicators (milestones, benchmarks). Every text is {"kk": ..., "ru": ..., "en": ...};
catalogue entries are referred to by code. An indicator's `uid` is its identity across editions:
an amendment keeps it (its monitoring values, indicators.YearlyValue, follow it), any other load
gives a new one. Monitoring values are not content and are not part of the document.

The smart-city part (2025 reference standard), {"smartcity": {...}}; every key but "sphere",
"level", "title" is optional when loading, so documents written before these keys still load:
- "group": the city's group (republican, regional, district), derived from the city; ignored
  on load;
- "base_list_year": the year of the base list the strategy was drafted against; ignored on load
  (a working copy takes the list of its own year);
- "assessments": [{"year", "sphere", "level" (1-5), "comment"}], one per sphere and year (a
  missing year is the base-list year); earlier years are the history beside the current one;
- "roadmap": [{"title", "sphere", "initiative" (base-list code or null), "responsible",
  "deadline" (ISO date), "cost" (million tenge), "status" (planned, in_progress, done,
  not_planned), "reason" (why not planned), "uid", "indicators"}]; like an indicator's, the
  item's `uid` is kept by an amendment, and its yearly monitoring (RoadmapProgress) follows it.
  "indicators" names the smartcity direction's indicators the item moves, each by the `uid` of
  that indicator in this document (sorted), or by its "key" in a document written by hand (the
  demo); a name that is not an indicator of the smartcity direction is ignored on load.
"""

import uuid
from datetime import date
from decimal import Decimal

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
)
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
from strategies.models.smartcity import base_list_year
from strategies.sections import SECTIONS, is_rich, translated_fields
from strategies.selectors import strategy_document
from strategies.services import strategy_create


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


@transaction.atomic
def document_load(data: dict, *, actor, amends: Strategy | None = None) -> Strategy:
    """Create a working copy from a document (through strategy_create, so the actor must edit the
    city's strategies and the city must have no open strategy, and none in force unless this
    amends it), then fill every section."""
    city = City.objects.get(code=data["city"])
    strategy = strategy_create(actor=actor, city=city, title=data["title"], amends=amends)
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
    roadmap = _load_smartcity(strategy, data.get("smartcity"), keep_identity=amends is not None)
    indicators_by_name = {}
    for slug, content in data.get("directions", {}).items():
        loaded = _load_direction(strategy, slug, content, keep_identity=amends is not None)
        if slug == DirectionKind.SMARTCITY.slug:
            indicators_by_name = loaded
    _link_roadmap_indicators(roadmap, indicators_by_name)
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


def _load_smartcity(
    strategy: Strategy, smartcity: dict | None, *, keep_identity: bool
) -> list[tuple[RoadmapItem, list[str]]]:
    """The assessments and the road map; each road map item with the names of the indicators it
    moves (linked once the directions are loaded)."""
    if not smartcity:
        return []
    SphereAssessment.objects.bulk_create(
        SphereAssessment(
            strategy=strategy,
            year=item.get("year") or base_list_year(strategy),
            sphere=item["sphere"],
            level=item["level"],
            **translated("comment", item.get("comment")),
        )
        for item in smartcity.get("assessments", [])
    )
    initiatives = {item.code: item for item in SmartCityInitiative.objects.all()}
    roadmap = smartcity.get("roadmap", [])
    items = RoadmapItem.objects.bulk_create(
        RoadmapItem(
            strategy=strategy,
            uid=item["uid"] if keep_identity and item.get("uid") else uuid.uuid4(),
            initiative=initiatives.get(item.get("initiative") or ""),
            sphere=item["sphere"],
            deadline=date.fromisoformat(item["deadline"]) if item.get("deadline") else None,
            cost=_decimal(item.get("cost")),
            status=item.get("status", RoadmapItem.Status.PLANNED),
            position=position,
            **translated("title", item["title"]),
            **translated("responsible", item.get("responsible")),
            **translated("reason", item.get("reason")),
        )
        for position, item in enumerate(roadmap)
    )
    return [(row, item.get("indicators") or []) for row, item in zip(items, roadmap, strict=True)]


def _link_roadmap_indicators(
    roadmap: list[tuple[RoadmapItem, list[str]]], indicators: dict[str, Indicator]
) -> None:
    Link = RoadmapItem.indicators.through
    Link.objects.bulk_create(
        Link(roadmapitem_id=row.pk, indicator_id=indicators[name].pk)
        for row, names in roadmap
        for name in dict.fromkeys(names)
        if name in indicators
    )


def _load_direction(
    strategy: Strategy, slug: str, content: dict, *, keep_identity: bool
) -> dict[str, Indicator]:
    """One direction; its indicators by the names a road map item may give them (the uid and the
    key they have in the document)."""
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

    by_name = {}
    for position, item in enumerate(content.get("indicators", [])):
        indicator = _load_indicator(direction, position, item, keep_identity=keep_identity)
        for name in (item.get("uid"), item.get("key")):
            if name:
                by_name[str(name)] = indicator
    return by_name


ALL_CRITERIA = ("comparable", "sufficient_data", "complete", "attainable_measurable")


def _load_indicator(direction, position: int, item: dict, *, keep_identity: bool) -> Indicator:
    criteria = item.get("criteria") or dict.fromkeys(ALL_CRITERIA, True)
    indicator = Indicator.objects.create(
        direction=direction,
        uid=item["uid"] if keep_identity and item.get("uid") else uuid.uuid4(),
        recommended=RecommendedIndicator.objects.filter(code=item.get("recommended") or "").first(),
        sdg_target=SdgTarget.objects.filter(code=item.get("sdg_target") or "").first(),
        good_direction=item["good_direction"],
        baseline_year=item.get("baseline_year"),
        baseline_value=_decimal(item.get("baseline_value")),
        position=position,
        **{name: bool(criteria.get(name)) for name in ALL_CRITERIA},
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
    return indicator


def _texts(row, field: str) -> dict[str, str]:
    return {lang: getattr(row, f"{field}_{lang}") or "" for lang in CONTENT_LANGUAGES}


def _number(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def document_dump(doc: Strategy) -> dict:
    """The whole document, as loaded by selectors.strategy_document, in the layout above.

    Deterministic: the same content always gives the same JSON (snapshot hashes rely on it).
    """
    analysis, vision, mechanism = doc.analysis, doc.vision, doc.mechanism
    return {
        "city": doc.city.code,
        "title": _texts(doc, "title"),
        "horizon": doc.horizon,
        "settlements": sorted(s.code for s in doc.settlements.all()),
        "analysis": {f: _texts(analysis, f) for f in ("narrative", "institutions_summary")},
        "series": [
            {
                "kind": s.kind,
                "label": _texts(s, "label"),
                "unit": _texts(s, "unit"),
                "source": _texts(s, "source"),
                "values": {str(v.year): _number(v.value) for v in s.values.all()},
            }
            for s in doc.series.all()
        ],
        "institutions": [
            {
                "kind": i.kind,
                "name": _texts(i, "name"),
                "description": _texts(i, "description"),
                "rankings": _texts(i, "rankings"),
                "students": i.students,
            }
            for i in doc.institutions.all()
        ],
        "evidence": [
            {
                "kind": e.kind,
                "title": _texts(e, "title"),
                "held_on": e.held_on.isoformat() if e.held_on else None,
                "participants": e.participants,
                "summary": _texts(e, "summary"),
            }
            for e in doc.evidence.all()
        ],
        "swot": {
            quadrant: [
                _texts(item, "text") for item in doc.swot_items.all() if item.quadrant == quadrant
            ]
            for quadrant in SwotItem.Quadrant.values
        },
        "cases": [
            {
                "city": _texts(c, "city_name"),
                "country": _texts(c, "country"),
                "practice": _texts(c, "practice"),
                "conclusion": _texts(c, "conclusion"),
            }
            for c in doc.international_cases.all()
        ],
        "vision": {
            **{f: _texts(vision, f) for f in ("text", "desired_results", "priorities")},
            "documents": sorted(d.code for d in vision.documents.all()),
        },
        "mechanism": {
            "responsible_bodies": _texts(mechanism, "responsible_bodies"),
            "reporting_frequency": mechanism.reporting_frequency,
            "procedure": _texts(mechanism, "procedure"),
        },
        "smartcity": {
            "group": doc.smartcity_group,
            "base_list_year": base_list_year(doc),
            "assessments": [
                {
                    "year": a.year,
                    "sphere": a.sphere,
                    "level": a.level,
                    "comment": _texts(a, "comment"),
                }
                for a in doc.sphere_assessments.all()
            ],
            "roadmap": [
                {
                    "title": _texts(r, "title"),
                    "sphere": r.sphere,
                    "initiative": r.initiative.code if r.initiative_id else None,
                    "responsible": _texts(r, "responsible"),
                    "deadline": r.deadline.isoformat() if r.deadline else None,
                    "cost": _number(r.cost),
                    "status": r.status,
                    "reason": _texts(r, "reason"),
                    "uid": str(r.uid),
                    "indicators": sorted(str(i.uid) for i in r.indicators.all()),
                }
                for r in doc.roadmap.all()
            ],
        },
        "directions": {d.slug: _dump_direction(d) for d in doc.directions.all()},
    }


def _dump_direction(direction) -> dict:
    return {
        "current_situation": _texts(direction, "current_situation"),
        "problems": [
            {"key": f"p{p.pk}", "factor": p.factor, "text": _texts(p, "text")}
            for p in direction.problems.all()
        ],
        "solutions": [
            {"text": _texts(s, "text"), "answers": sorted(f"p{p.pk}" for p in s.problems.all())}
            for s in direction.solutions.all()
        ],
        "indicators": [_dump_indicator(i) for i in direction.indicators.all()],
    }


def _dump_indicator(indicator) -> dict:
    return {
        "id": indicator.pk,
        "uid": str(indicator.uid),
        "name": _texts(indicator, "name"),
        "unit": _texts(indicator, "unit"),
        "good_direction": indicator.good_direction,
        "recommended": indicator.recommended.code if indicator.recommended_id else None,
        "baseline_year": indicator.baseline_year,
        "baseline_value": _number(indicator.baseline_value),
        "milestones": {str(m.year): _number(m.value) for m in indicator.milestones.all()},
        "source": _texts(indicator, "source"),
        "collection_tool": _texts(indicator, "collection_tool"),
        "criteria": {name: getattr(indicator, name) for name in ALL_CRITERIA},
        "sdg_target": indicator.sdg_target.code if indicator.sdg_target_id else None,
        "benchmarks": [
            {"city": _texts(b, "city_name"), "year": b.year, "value": _number(b.value)}
            for b in indicator.benchmarks.all()
        ],
    }
