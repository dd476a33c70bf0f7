"""Catalogues shipped with the product: higher-level planning documents (p.12) and the smart-city
base list of initiatives (2025 standard). Loaded by a data migration; administrators keep them."""

from core.i18n import read_data, translated


def load_catalogues(apps) -> None:
    """Create the catalogue entries that do not exist yet (by code)."""
    HigherLevelDocument = apps.get_model("strategies", "HigherLevelDocument")
    SmartCityInitiative = apps.get_model("strategies", "SmartCityInitiative")
    for position, item in enumerate(read_data(__file__, "higher_level_documents.json")):
        HigherLevelDocument.objects.get_or_create(
            code=item["code"],
            defaults={
                "mandatory": item["mandatory"],
                "position": position,
                **translated("title", item["title"], original=True),
                **translated("adopted", item["adopted"], original=True),
            },
        )
    for item in read_data(__file__, "smartcity_initiatives.json"):
        SmartCityInitiative.objects.get_or_create(
            code=item["code"],
            defaults={
                "sphere": item["sphere"],
                "catalogue_year": item["catalogue_year"],
                **translated("name", item["name"], original=True),
            },
        )
