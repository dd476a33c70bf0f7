"""The document (strategies.document_json layout) prepared for reading in one language: the
preview of a draft, a snapshot under review or at public hearings, the approved edition and
the PDF all render this, and the snapshot diff compares its sections."""

from django.utils.safestring import SafeString, mark_safe

from core.models import City, Settlement
from core.richtext import html_to_text, sanitize_html
from indicators.models import MILESTONE_YEARS, GoodDirection
from strategies.models import (
    AnalysisSeries,
    DirectionKind,
    EducationInstitution,
    EvidenceItem,
    HigherLevelDocument,
    ImplementationMechanism,
    Problem,
    SwotItem,
)


def _text(texts: dict | None, lang: str) -> str:
    return ((texts or {}).get(lang) or "").strip()


def _rich(texts: dict | None, lang: str) -> SafeString:
    return mark_safe(sanitize_html(_text(texts, lang)))  # noqa: S308 - cleaned against the allow-list


def _names(model, codes: list[str], lang: str, field: str = "name") -> list[str]:
    rows = {row.code: row for row in model.objects.filter(code__in=codes)}
    return [getattr(rows[code], f"{field}_{lang}") for code in codes if code in rows]


def document_view(content: dict, lang: str) -> dict:
    """Every section of the document with its texts in `lang` (empty where not written).

    Choice labels follow the active language: call it inside translation.override(lang).
    """
    city = City.objects.filter(code=content["city"]).first()
    analysis, vision, mechanism = content["analysis"], content["vision"], content["mechanism"] or {}
    return {
        "lang": lang,
        "title": _text(content["title"], lang),
        "city": getattr(city, f"name_{lang}", content["city"]),
        "horizon": content.get("horizon", 2050),
        "settlements": _names(Settlement, content.get("settlements", []), lang),
        "narrative": _rich(analysis.get("narrative"), lang),
        "institutions_summary": _rich(analysis.get("institutions_summary"), lang),
        "series": [
            {
                "kind": AnalysisSeries.Kind(s["kind"]).label,
                "label": _text(s["label"], lang),
                "unit": _text(s["unit"], lang),
                "source": _text(s["source"], lang),
                "values": sorted(s["values"].items()),
            }
            for s in content.get("series", [])
        ],
        "institutions": [
            {
                "kind": EducationInstitution.Kind(i["kind"]).label,
                "name": _text(i["name"], lang),
                "description": _rich(i.get("description"), lang),
                "rankings": _text(i.get("rankings"), lang),
                "students": i.get("students"),
            }
            for i in content.get("institutions", [])
        ],
        "evidence": [
            {
                "kind": EvidenceItem.Kind(e["kind"]).label,
                "title": _text(e["title"], lang),
                "held_on": e.get("held_on"),
                "participants": e.get("participants"),
                "summary": _text(e.get("summary"), lang),
            }
            for e in content.get("evidence", [])
        ],
        "swot": [
            (
                SwotItem.Quadrant(quadrant).label,
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
            "documents": _names(HigherLevelDocument, vision.get("documents", []), lang, "title"),
        },
        "directions": [
            _direction_view(number, slug, direction, lang)
            for number, (slug, direction) in enumerate(content["directions"].items(), start=1)
        ],
        "mechanism": {
            "responsible_bodies": _rich(mechanism.get("responsible_bodies"), lang),
            "reporting_frequency": ImplementationMechanism.Frequency(
                mechanism.get("reporting_frequency", "annual")
            ).label,
            "procedure": _rich(mechanism.get("procedure"), lang),
        },
        "milestone_years": MILESTONE_YEARS,
    }


def _direction_view(number: int, slug: str, direction: dict, lang: str) -> dict:
    return {
        "number": number,
        "slug": slug,
        "title": DirectionKind.from_slug(slug).label,
        "current_situation": _rich(direction.get("current_situation"), lang),
        "problems": [
            {"text": _text(p["text"], lang), "factor": Problem.Factor(p["factor"]).label}
            for p in direction.get("problems", [])
        ],
        "solutions": [_text(s["text"], lang) for s in direction.get("solutions", [])],
        "indicators": [
            {
                "id": i.get("id"),
                "name": _text(i["name"], lang),
                "unit": _text(i.get("unit"), lang),
                "good_direction": GoodDirection(i["good_direction"]).label,
                "baseline_year": i.get("baseline_year"),
                "baseline_value": i.get("baseline_value"),
                "milestones": [i.get("milestones", {}).get(str(year)) for year in MILESTONE_YEARS],
                "source": _text(i.get("source"), lang),
                "collection_tool": _text(i.get("collection_tool"), lang),
                "sdg_target": i.get("sdg_target"),
            }
            for i in direction.get("indicators", [])
        ],
    }


def section_lines(view: dict) -> dict[str, tuple[str, list[str]]]:
    """Plain-text lines of each section of a document view, for comparing two snapshots:
    section slug → (title, lines). Slugs are those of strategies.sections."""
    from django.utils.translation import gettext as _

    def plain(value) -> str:
        return html_to_text(str(value)) if value else ""

    sections = {
        "general": (_("Title and functional urban area"), [view["title"], *view["settlements"]]),
        "analysis": (
            _("Analysis of the current situation"),
            [plain(view["narrative"]), plain(view["institutions_summary"])],
        ),
        "series": (
            _("Ten-year series"),
            [
                f"{s['kind']} {s['label']} ({s['unit']}): "
                + ", ".join(f"{year}: {value}" for year, value in s["values"])
                + f". {s['source']}"
                for s in view["series"]
            ],
        ),
        "institutions": (
            _("Universities and colleges"),
            [
                f"{i['name']} ({i['kind']}). {plain(i['description'])} {i['rankings']}"
                for i in view["institutions"]
            ],
        ),
        "evidence": (
            _("Surveys, interviews, focus groups, consultations"),
            [
                f"{e['title']} ({e['kind']}, {e['held_on']}, {e['participants']}). {e['summary']}"
                for e in view["evidence"]
            ],
        ),
        "swot": (
            _("SWOT analysis"),
            [f"{label}: {text}" for label, items in view["swot"] for text in items],
        ),
        "cases": (
            _("International experience"),
            [
                f"{c['city']}, {c['country']}. {plain(c['practice'])} {plain(c['conclusion'])}"
                for c in view["cases"]
            ],
        ),
        "vision": (
            _("Vision"),
            [plain(view["vision"][f]) for f in ("text", "desired_results", "priorities")]
            + view["vision"]["documents"],
        ),
    }
    for direction in view["directions"]:
        sections[f"direction-{direction['slug']}"] = (
            direction["title"],
            [plain(direction["current_situation"])]
            + [f"{p['text']} ({p['factor']})" for p in direction["problems"]]
            + direction["solutions"],
        )
        sections[f"indicators-{direction['slug']}"] = (
            f"{direction['title']}: " + _("target indicators"),
            [
                f"{i['name']} ({i['unit']}): {i['baseline_value']} ({i['baseline_year']}) → "
                + " / ".join(str(v) for v in i["milestones"])
                + f". {i['source']}; {i['collection_tool']}"
                + (f"; SDG {i['sdg_target']}" if i["sdg_target"] else "")
                for i in direction["indicators"]
            ],
        )
    sections["mechanism"] = (
        _("Implementation and monitoring mechanism"),
        [
            plain(view["mechanism"]["responsible_bodies"]),
            str(view["mechanism"]["reporting_frequency"]),
            plain(view["mechanism"]["procedure"]),
        ],
    )
    return {
        slug: (str(title), [str(line) for line in lines])
        for slug, (title, lines) in sections.items()
    }
