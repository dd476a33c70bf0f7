"""A published edition as the API serves it: the approved snapshot's document as it was frozen,
with the city and the approval details (snapshot number and SHA-256, hearing, maslikhat session
and decision). Built from the snapshot and the route's records, never from the working rows.
"""

from api.languages import columns, localize
from api.representations import cached_bytes, etag, language_key
from api.route import local_time, process_data
from api.selectors import (
    EditionHead,
    frozen_content,
    with_stages,
)
from core.i18n import CONTENT_LANGUAGES
from core.models import City
from strategies.models import RoadmapProgress, Strategy
from strategies.references import directions_in_order


def city_data(city: City) -> dict:
    """A city as reference data: code, names, category (p.3), region (of a regional centre)."""
    return {
        "code": city.code,
        "name": columns(city, "name"),
        "category": city.category,
        "region": city.region.code if city.region_id else None,
    }


def ordered_document(content: dict) -> dict:
    """The document with its five directions in the Methodology's order (p.17: the stored JSON
    does not keep the order of an object's keys; strategies.references.directions_in_order)."""
    return {**content, "directions": dict(directions_in_order(content))}


def approval_data(head: EditionHead) -> dict:
    """How the edition was approved (p.14-16): its process through the route, and when."""
    process = with_stages([head.process])[0]
    return {**process_data(process), "approved_at": local_time(process.finished_at)}


def edition_data(head: EditionHead) -> dict:
    """The whole published edition in every language (api.languages.localize picks one)."""
    strategy = head.strategy
    content = frozen_content(head.snapshot.pk)
    return {
        "id": strategy.pk,
        "state": strategy.state,
        "in_force": strategy.state == Strategy.State.APPROVED,
        "amends": strategy.amends_id,
        "superseded_by": head.superseded_by,
        "city": city_data(strategy.city),
        "title": content["title"],
        "approval": approval_data(head),
        "document": ordered_document(content),
        "roadmap_monitoring": roadmap_monitoring_data(content),
    }


def roadmap_monitoring_data(content: dict) -> dict:
    """The latest year of monitoring of each item of the edition's road map, by the item's
    identity (its "uid" in the document): {"year", "status", "spent" (million tenge), and the
    "explanation" in every language}. Monitoring data recorded after approval (2025 smart-city
    reference standard), never part of the frozen document; items with no year recorded are
    left out."""
    uids = [item["uid"] for item in (content.get("smartcity") or {}).get("roadmap", [])]
    rows = (
        RoadmapProgress.objects.filter(item_uid__in=[uid for uid in uids if uid])
        .order_by("item_uid", "-year")
        .values("item_uid", "year", "status", "spent", *(f"note_{c}" for c in CONTENT_LANGUAGES))
    )
    latest: dict[str, dict] = {}
    for row in rows:
        uid = str(row["item_uid"])
        if uid not in latest:
            latest[uid] = {
                "year": row["year"],
                "status": row["status"],
                "spent": None if row["spent"] is None else format(row["spent"].normalize(), "f"),
                "explanation": {c: row[f"note_{c}"] or "" for c in CONTENT_LANGUAGES},
            }
    return latest


def edition_tag(head: EditionHead, lang: str | None) -> str:
    """The ETag of an edition's representation: its snapshot's SHA-256, its state (an edition
    superseded by an amendment says so), the version of its road map monitoring, the language."""
    return etag(
        head.snapshot.content_hash,
        head.strategy.state,
        head.roadmap_version,
        language_key(lang),
    )


def edition_bytes(head: EditionHead, lang: str | None) -> bytes:
    """The edition as JSON bytes in `lang` (None: every language), from the shared cache."""
    return cached_bytes(
        f"edition:{head.snapshot.pk}:{edition_tag(head, lang)}",
        lambda: localize(edition_data(head), lang),
    )
