"""Catalogues shipped with the product: higher-level planning documents (p.12) and the smart-city
base list of initiatives (2025 standard). Loaded by a data migration; administrators keep them."""

import json
from pathlib import Path

from core.i18n import translated

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name: str) -> list[dict]:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load_catalogues(apps) -> None:
    """Create the catalogue entries that do not exist yet (by code)."""
    HigherLevelDocument = apps.get_model("strategies", "HigherLevelDocument")
    SmartCityInitiative = apps.get_model("strategies", "SmartCityInitiative")
    for position, item in enumerate(read("higher_level_documents.json")):
        HigherLevelDocument.objects.get_or_create(
            code=item["code"],
            defaults={
                "mandatory": item["mandatory"],
                "position": position,
                **translated("title", item["title"], original=True),
                **translated("adopted", item["adopted"], original=True),
            },
        )
    for item in read("smartcity_initiatives.json"):
        SmartCityInitiative.objects.get_or_create(
            code=item["code"],
            defaults={
                "sphere": item["sphere"],
                "catalogue_year": item["catalogue_year"],
                **translated("name", item["name"], original=True),
            },
        )
