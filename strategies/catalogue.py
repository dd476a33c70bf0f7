"""Catalogues shipped with the product: higher-level planning documents (p.12) and the smart-city
base list of initiatives (2025 standard). Loaded by a data migration; administrators keep them."""

from core.i18n import read_data, translated

GROUPS = ("republican", "regional", "district")  # strategies.models.SmartCityGroup


def set_initiative_groups(apps) -> None:
    """The groups each shipped base-list initiative is meant for, and its year (the 2025 list;
    entries created before the groups were kept)."""
    SmartCityInitiative = apps.get_model("strategies", "SmartCityInitiative")
    for item in read_data(__file__, "smartcity_initiatives.json"):
        SmartCityInitiative.objects.filter(code=item["code"]).update(
            catalogue_year=item["catalogue_year"],
            **{f"for_{group}": group in item["groups"] for group in GROUPS},
        )


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
    if any(f.name == "for_republican" for f in SmartCityInitiative._meta.fields):
        set_initiative_groups(apps)  # migration 0004 on: the base list keeps its groups
