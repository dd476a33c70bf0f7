"""The document (strategies.document_json layout) prepared for reading in one language: the
preview of a draft, a snapshot under review or at public hearings, the approved edition, the
snapshot diff, the PDF and the API all read this one view.

What a frozen document shows comes from the document alone: reference names from its
"references" (strategies.references), the directions in the Methodology's order whatever the key
order of the stored JSON. A snapshot frozen before it carried "references" is read with the names
the catalogues hold now.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from django.utils import translation
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.richtext import sanitize_html
from indicators.charts import indicator_chart, series_chart, smartcity_chart
from indicators.models import MILESTONE_YEARS, GoodDirection
from indicators.trajectory import linked_history
from strategies.models import (
    AnalysisSeries,
    DirectionKind,
    EducationInstitution,
    EvidenceItem,
    ImplementationMechanism,
    Problem,
    RoadmapItem,
    SmartCityGroup,
    SmartCitySphere,
    SwotItem,
)
from strategies.references import directions_in_order, reference_names
from strategies.sections import SECTIONS_BY_SLUG


def _text(texts: dict | None, lang: str) -> str:
    return ((texts or {}).get(lang) or "").strip()


def _rich(texts: dict | None, lang: str) -> SafeString:
    return mark_safe(sanitize_html(_text(texts, lang)))  # noqa: S308 - cleaned against the allow-list


@cache
def _separators(lang: str) -> tuple[str, str]:
    """(decimal separator, thousands separator) of a language's formats (kk: config/formats)."""
    return get_format("DECIMAL_SEPARATOR", lang), get_format("THOUSAND_SEPARATOR", lang)


def localized_number(value, lang: str | None = None) -> str | None:
    """A stored number ("2401.4", 12500) in the format of `lang` (the active language by
    default), digits grouped by thousands ("2 401,4" in kk and ru, with a no-break space); exact,
    as stored. None stays None; anything that is not a number is returned as it is."""
    if value is None or value == "":
        return None
    try:
        digits = format(Decimal(str(value)), "f")
    except InvalidOperation:
        return str(value)
    decimal_separator, thousands = _separators(lang or translation.get_language() or "kk")
    sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
    whole, _dot, fraction = digits.partition(".")
    groups = [whole[max(i - 3, 0) : i] for i in range(len(whole), 0, -3)][::-1]
    return sign + thousands.join(groups) + (decimal_separator + fraction if fraction else "")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _label(choices, value) -> str:
    """The label of a stored choice in the active language (the stored value if unknown)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def document_view(
    content: dict, lang: str, *, charts: bool = True, yearly: dict | None = None
) -> dict:
    """Every section of the document with its texts in `lang` (empty where not written), plain
    values ready to print: texts, numbers in the format of `lang`, dates, labels in `lang`.

    With `charts` (the default; the snapshot diff compares words and goes without), each p.18
    series and each indicator carries its chart ("chart", inline SVG, indicators.charts); an
    indicator's chart shows its linked ten-year series as its history
    (indicators.trajectory.linked_history) and the yearly plan / actual rows of `yearly`
    ({indicator uid: [{"year", "plan", "actual", ...}]}, monitoring data beside the document).
    """
    with translation.override(lang):
        view = _document_view(content, lang)
        if charts:
            _add_charts(view, content, lang, yearly or {})
        return view


def _add_charts(view: dict, content: dict, lang: str, yearly: dict) -> None:
    for entry, series in zip(view["series"], content.get("series", []), strict=True):
        entry["chart"] = series_chart(series, lang=lang)
    for entry, (_slug, direction) in zip(
        view["directions"], directions_in_order(content), strict=True
    ):
        for item, indicator in zip(
            entry["indicators"], direction.get("indicators", []), strict=True
        ):
            item["chart"] = indicator_chart(
                indicator,
                lang=lang,
                history=linked_history(indicator, content.get("series", [])),
                yearly=yearly.get(str(indicator.get("uid"))),
            )


# Groups of cities in the 2025 smart-city reference standard.
SMARTCITY_GROUPS = dict(SmartCityGroup.choices)


def _document_view(content: dict, lang: str) -> dict:
    references = content.get("references") or reference_names(content)
    city = references["cities"].get(content["city"]) or {}
    documents = references["higher_level_documents"]
    analysis, vision = content["analysis"], content["vision"]
    mechanism, smartcity = content.get("mechanism") or {}, content.get("smartcity") or {}
    return {
        "lang": lang,
        "title": _text(content["title"], lang),
        "city": _text(city.get("name"), lang) or content["city"],
        "region": _text(city.get("region"), lang),
        "horizon": content.get("horizon", 2050),
        "settlements": [
            _text(references["settlements"][code]["name"], lang)
            for code in content.get("settlements", [])
            if code in references["settlements"]
        ],
        "narrative": _rich(analysis.get("narrative"), lang),
        "institutions_summary": _rich(analysis.get("institutions_summary"), lang),
        "series": [
            {
                "kind": _label(AnalysisSeries.Kind, s["kind"]),
                "label": _text(s["label"], lang),
                "unit": _text(s["unit"], lang),
                "source": _text(s["source"], lang),
                "values": [
                    (int(year), localized_number(value, lang))
                    for year, value in sorted(s["values"].items())
                ],
            }
            for s in content.get("series", [])
        ],
        "institutions": [
            {
                "kind": _label(EducationInstitution.Kind, i["kind"]),
                "name": _text(i["name"], lang),
                "description": _rich(i.get("description"), lang),
                "rankings": _text(i.get("rankings"), lang),
                "students": localized_number(i.get("students"), lang),
            }
            for i in content.get("institutions", [])
        ],
        "evidence": [
            {
                "kind": _label(EvidenceItem.Kind, e["kind"]),
                "title": _text(e["title"], lang),
                "held_on": _date(e.get("held_on")),
                "participants": localized_number(e.get("participants"), lang),
                "summary": _text(e.get("summary"), lang),
            }
            for e in content.get("evidence", [])
        ],
        "swot": [
            (
                str(SwotItem.Quadrant(quadrant).label),
                [_text(item, lang) for item in content["swot"].get(quadrant, [])],
            )
            for quadrant in SwotItem.Quadrant.values
        ],
        "cases": [
            {
                "city": _text(c["city"], lang),
                "country": _text(c.get("country"), lang),
                "practice": _rich(c.get("practice"), lang),
                "conclusion": _rich(c.get("conclusion"), lang),
            }
            for c in content.get("cases", [])
        ],
        "vision": {
            "text": _rich(vision.get("text"), lang),
            "desired_results": _rich(vision.get("desired_results"), lang),
            "priorities": _rich(vision.get("priorities"), lang),
            "documents": [
                _text(documents[code]["title"], lang)
                for code in vision.get("documents", [])
                if code in documents
            ],
        },
        "directions": [
            _direction_view(position, slug, direction, lang, references)
            for position, (slug, direction) in enumerate(directions_in_order(content), start=1)
        ],
        "smartcity": _smartcity_view(
            smartcity, lang, references, _smartcity_indicator_names(content, lang)
        ),
        "mechanism": {
            "responsible_bodies": _rich(mechanism.get("responsible_bodies"), lang),
            "reporting_frequency": _label(
                ImplementationMechanism.Frequency, mechanism.get("reporting_frequency", "annual")
            ),
            "procedure": _rich(mechanism.get("procedure"), lang),
        },
        "milestone_years": MILESTONE_YEARS,
    }


def _direction_view(position: int, slug: str, direction: dict, lang: str, references: dict):
    return {
        "number": position,
        "slug": slug,
        "title": str(DirectionKind.from_slug(slug).label),
        "current_situation": _rich(direction.get("current_situation"), lang),
        "problems": [
            {"text": _text(p["text"], lang), "factor": _label(Problem.Factor, p["factor"])}
            for p in direction.get("problems", [])
        ],
        "solutions": [_text(s["text"], lang) for s in direction.get("solutions", [])],
        "indicators": [
            _indicator_view(i, lang, references) for i in direction.get("indicators", [])
        ],
    }


def _indicator_view(indicator: dict, lang: str, references: dict) -> dict:
    recommended = references["recommended_indicators"].get(indicator.get("recommended") or "")
    target = references["sdg_targets"].get(indicator.get("sdg_target") or "")
    milestones = indicator.get("milestones") or {}
    return {
        "id": indicator.get("id"),
        "uid": indicator.get("uid"),  # its identity across editions
        "name": _text(indicator["name"], lang),
        "unit": _text(indicator.get("unit"), lang),
        "good_direction": _label(GoodDirection, indicator["good_direction"]),
        "recommended": _text(recommended["name"], lang) if recommended else "",
        "baseline_year": indicator.get("baseline_year"),
        "baseline_value": localized_number(indicator.get("baseline_value"), lang),
        "milestones": [
            localized_number(milestones.get(str(year)), lang) for year in MILESTONE_YEARS
        ],
        "source": _text(indicator.get("source"), lang),
        "collection_tool": _text(indicator.get("collection_tool"), lang),
        "sdg_target": indicator.get("sdg_target"),
        "sdg_target_title": _text(target["title"], lang) if target else "",
        "sdg_goal": target["goal"] if target else None,
        "benchmarks": [
            {
                "city": _text(b["city"], lang),
                "year": b["year"],
                "value": localized_number(b["value"], lang),
            }
            for b in indicator.get("benchmarks", [])
        ],
    }


def _smartcity_indicator_names(content: dict, lang: str) -> dict[str, str]:
    """{uid: name in `lang`} of the smartcity direction's indicators of a document."""
    direction = (content.get("directions") or {}).get(DirectionKind.SMARTCITY.slug) or {}
    return {
        str(i["uid"]): _text(i.get("name"), lang)
        for i in direction.get("indicators", [])
        if i.get("uid")
    }


def _smartcity_view(
    smartcity: dict, lang: str, references: dict, indicator_names: dict[str, str]
) -> dict:
    """The smartcity / digitalization direction under the 2025 reference standard: the city's
    group, the base-list year, the latest year's self-assessment in the standard's order of
    spheres with the earlier years beside it (history: a row per sphere, a level per year) and
    its chart, the road map with the smartcity indicators each item moves (by name, in the
    direction's order) and its identity (`uid`, the key of its yearly monitoring). Documents
    frozen before the yearly assessment have no years; before items named their indicators,
    none."""
    initiatives = references["smartcity_initiatives"]
    spheres = list(SmartCitySphere.values)
    all_assessments = smartcity.get("assessments", [])
    years = sorted({a.get("year") for a in all_assessments if a.get("year")})
    latest = years[-1] if years else None
    levels = {(a.get("year"), a["sphere"]): a["level"] for a in all_assessments}
    assessments = sorted(
        (a for a in all_assessments if a.get("year") == latest),
        key=lambda a: spheres.index(a["sphere"]) if a["sphere"] in spheres else len(spheres),
    )
    view = {
        "group": str(SMARTCITY_GROUPS.get(smartcity.get("group"), smartcity.get("group") or "")),
        "base_list_year": smartcity.get("base_list_year"),
        "year": latest,
        "years": years,
        "assessments": [
            {
                "sphere": _label(SmartCitySphere, a["sphere"]),
                "level": a["level"],
                "comment": _text(a.get("comment"), lang),
            }
            for a in assessments
        ],
        "history": [
            {
                "sphere": _label(SmartCitySphere, sphere),
                "levels": [levels.get((year, sphere)) for year in years],
            }
            for sphere in spheres
        ]
        if len(years) > 1
        else [],
        "roadmap": [
            {
                "title": _text(r["title"], lang),
                "sphere": _label(SmartCitySphere, r["sphere"]),
                "initiative": _text(initiatives[r["initiative"]]["name"], lang)
                if r.get("initiative") in initiatives
                else "",
                "responsible": _text(r.get("responsible"), lang),
                "deadline": _date(r.get("deadline")),
                "cost": localized_number(r.get("cost"), lang),
                "status": _label(RoadmapItem.Status, r.get("status") or RoadmapItem.Status.PLANNED),
                "reason": _text(r.get("reason"), lang),
                "indicators": [
                    name
                    for uid, name in indicator_names.items()
                    if uid in set(r.get("indicators") or ())
                ],
                "uid": r.get("uid") or "",
            }
            for r in smartcity.get("roadmap", [])
        ],
    }
    view["chart"] = assessment_chart(view, levels) if assessments else ""
    return view


def assessment_chart(view: dict, levels: dict) -> SafeString:
    """The chart of the self-assessment across the eight spheres, a bar per year assessed (at
    most the last three), levels 1-5 (indicators.charts.smartcity_chart, in the active
    language)."""
    lang = translation.get_language() or "kk"
    return smartcity_chart(levels, lang=lang, years=view["years"][-3:] or [None])


def section_title(slug: str) -> str:
    """A section's title (strategies.sections) in the active language, naming what kind of
    section a direction's are: "Strategic directions: environment", "Target indicators:
    environment"."""
    section = SECTIONS_BY_SLUG.get(slug)
    if section is None:
        return slug
    title = str(section.title)
    if slug.startswith("direction-"):
        return f"{_('Strategic directions')}: {title}"
    if slug.startswith("indicators-"):
        return f"{_('Target indicators')}: {title}"
    return title


def indicator_name(content: dict, indicator_id: int, lang: str) -> str | None:
    """The name of an indicator of a document (by its id) in `lang`, else in the drafting
    languages; None when the document has no such indicator."""
    for _slug, direction in directions_in_order(content):
        for indicator in direction.get("indicators", []):
            if indicator.get("id") == indicator_id:
                names = indicator.get("name") or {}
                return next(
                    (names[code] for code in (lang, "ru", "kk") if (names.get(code) or "").strip()),
                    "",
                )
    return None
