"""The reference rows a document cites by code, and their names in every language.

A document (strategies.document_json layout) names catalogue and reference rows by code: the city,
the settlements of its functional urban area (p.11), the higher-level documents of the vision
(p.12), the p.26 recommended indicators, the UN SDG targets and the smart-city base-list
initiatives. A snapshot freezes their names with it (`references`, built here), so an approved
edition reads the same whatever administrators later rename; approvals.snapshots refuses to delete
a row a snapshot cites.

Layout of `references`, each text {"kk": ..., "ru": ..., "en": ...}:
    {"cities": {code: {"name": texts, "region": texts | None}},
     "settlements": {code: {"name": texts}},
     "higher_level_documents": {code: {"title": texts, "adopted": texts}},
     "recommended_indicators": {code: {"name": texts}},
     "sdg_targets": {code: {"title": texts, "goal": number, "goal_title": texts}},
     "smartcity_initiatives": {code: {"name": texts}}}
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from core.i18n import CONTENT_LANGUAGES
from core.models import City, Settlement
from indicators.models import RecommendedIndicator, SdgTarget
from strategies.models import DirectionKind, HigherLevelDocument, SmartCityInitiative


def directions_in_order(content: dict) -> list[tuple[str, dict]]:
    """The document's directions as (slug, direction) in the Methodology's order (p.17: creative
    economy, human development, environment, smartcity / digitalization, urban planning).

    Every reader of stored JSON iterates this, never the "directions" object: its key order is
    not kept (the canonical JSON of a snapshot sorts keys, PostgreSQL's jsonb reorders them).
    """
    directions = content.get("directions") or {}
    return [(kind.slug, directions[kind.slug]) for kind in DirectionKind if kind.slug in directions]


def _texts(row: models.Model | None, field: str) -> dict[str, str] | None:
    if row is None:
        return None
    return {lang: getattr(row, f"{field}_{lang}") or "" for lang in CONTENT_LANGUAGES}


@dataclass(frozen=True)
class Catalogue:
    """A kind of reference row a document cites: its model, and how to describe one row."""

    key: str
    model: type[models.Model]
    describe: Callable[[models.Model], dict]
    related: tuple[str, ...] = ()


CATALOGUES: tuple[Catalogue, ...] = (
    Catalogue(
        "cities",
        City,
        lambda c: {"name": _texts(c, "name"), "region": _texts(c.region, "name")},
        ("region",),
    ),
    Catalogue("settlements", Settlement, lambda s: {"name": _texts(s, "name")}),
    Catalogue(
        "higher_level_documents",
        HigherLevelDocument,
        lambda d: {"title": _texts(d, "title"), "adopted": _texts(d, "adopted")},
    ),
    Catalogue(
        "recommended_indicators", RecommendedIndicator, lambda r: {"name": _texts(r, "name")}
    ),
    Catalogue(
        "sdg_targets",
        SdgTarget,
        lambda t: {
            "title": _texts(t, "title"),
            "goal": t.goal.number,
            "goal_title": _texts(t.goal, "title"),
        },
        ("goal",),
    ),
    Catalogue("smartcity_initiatives", SmartCityInitiative, lambda i: {"name": _texts(i, "name")}),
)
CATALOGUE_OF_MODEL = {catalogue.model: catalogue for catalogue in CATALOGUES}


def cited_codes(content: dict) -> dict[str, set[str]]:
    """Codes of the reference rows a document cites, per catalogue key (see CATALOGUES)."""
    indicators = [i for _slug, d in directions_in_order(content) for i in d.get("indicators", [])]
    roadmap = (content.get("smartcity") or {}).get("roadmap") or []
    codes = {
        "cities": {content.get("city")},
        "settlements": set(content.get("settlements") or []),
        "higher_level_documents": set((content.get("vision") or {}).get("documents") or []),
        "recommended_indicators": {i.get("recommended") for i in indicators},
        "sdg_targets": {i.get("sdg_target") for i in indicators},
        "smartcity_initiatives": {item.get("initiative") for item in roadmap},
    }
    return {key: {code for code in values if code} for key, values in codes.items()}


def reference_names(content: dict) -> dict[str, dict[str, dict]]:
    """The names, in every content language, of every reference row the document cites, as they
    are in the catalogues now (one query per catalogue the document uses). Codes that no longer
    exist are left out."""
    codes = cited_codes(content)
    names = {}
    for catalogue in CATALOGUES:
        wanted = codes[catalogue.key]
        rows = (
            catalogue.model.objects.filter(code__in=wanted).select_related(*catalogue.related)
            if wanted
            else []
        )
        names[catalogue.key] = {row.code: catalogue.describe(row) for row in rows}
    return names
