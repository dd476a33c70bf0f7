"""The road map's yearly monitoring beside an approved edition (2025 smart-city reference
standard): monitoring data, recorded after approval and never part of the frozen document, so
it is shown next to the document rather than inside it."""

from django import template
from django.utils import translation

from core.audit_labels import readable_number
from strategies.models import RoadmapItem, Strategy
from strategies.roadmap_monitoring import latest_roadmap_progress

register = template.Library()


@register.filter
def number(value) -> str:
    """A stored number (Decimal, int or a numeric string: a cost or spending in million tenge, a
    plan or actual value) in the active language's format, digits grouped by thousands and
    trailing zeros dropped as the documents and the history print them: "18 000", "2 401,4" in
    kk and ru (a no-break space), "2,401.4" in en; "—" when there is none (None, "")."""
    if value is None or value == "":
        return "—"
    return readable_number(value)


@register.inclusion_tag("strategies/_roadmap_latest.html")
def roadmap_latest(strategy: Strategy, lang: str) -> dict:
    """The latest year recorded for each item of an approved edition's road map, titles in the
    document's language `lang` (two queries)."""
    progress = latest_roadmap_progress(strategy.city_id, lang)
    rows = []
    with translation.override(lang):
        for item in RoadmapItem.objects.filter(strategy=strategy):
            if str(item.uid) in progress:
                rows.append((item.title, progress[str(item.uid)]))
    return {"strategy": strategy, "rows": rows, "lang": lang}
