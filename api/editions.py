"""A published edition as the API serves it: the approved snapshot's document as it was frozen,
with the city and the approval details (snapshot number and SHA-256, hearing, maslikhat session
and decision). Built from the snapshot and the route's records, never from the working rows.
"""

from api.languages import columns, localize
from api.representations import cached_bytes, etag, language_key
from api.route import local_time, process_data
from api.selectors import EditionHead, frozen_content, with_stages
from core.models import City
from strategies.models import DirectionKind, Strategy


def city_data(city: City) -> dict:
    """A city as reference data: code, names, category (p.3), region (of a regional centre)."""
    return {
        "code": city.code,
        "name": columns(city, "name"),
        "category": city.category,
        "region": city.region.code if city.region_id else None,
    }


def directions_in_order(content: dict) -> list[tuple[str, dict]]:
    """The document's directions as (slug, direction) in the Methodology's order (p.17): the
    stored JSON does not keep the order of an object's keys (jsonb reorders them)."""
    directions = content.get("directions") or {}
    return [(kind.slug, directions[kind.slug]) for kind in DirectionKind if kind.slug in directions]


def ordered_document(content: dict) -> dict:
    """The document with its five directions in the Methodology's order."""
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
    }


def edition_tag(head: EditionHead, lang: str | None) -> str:
    """The ETag of an edition's representation: its snapshot's SHA-256, its state (an edition
    superseded by an amendment says so), the language."""
    return etag(head.snapshot.content_hash, head.strategy.state, language_key(lang))


def edition_bytes(head: EditionHead, lang: str | None) -> bytes:
    """The edition as JSON bytes in `lang` (None: every language), from the shared cache."""
    return cached_bytes(
        f"edition:{head.snapshot.pk}:{edition_tag(head, lang)}",
        lambda: localize(edition_data(head), lang),
    )
