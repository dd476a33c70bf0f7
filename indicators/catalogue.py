"""Catalogues shipped with the product: the 17 UN SDGs with their targets and the p.26
recommended target indicators. Loaded by a data migration; administrators keep them."""

from core.i18n import read_data, translated
from strategies.models.directions import DirectionKind


def load_catalogues(apps) -> None:
    """Create the SDG goals, targets and recommended indicators that do not exist yet."""
    SdgGoal = apps.get_model("indicators", "SdgGoal")
    SdgTarget = apps.get_model("indicators", "SdgTarget")
    RecommendedIndicator = apps.get_model("indicators", "RecommendedIndicator")
    for item in read_data(__file__, "sdg.json"):
        goal = SdgGoal.objects.get_or_create(
            number=item["number"], defaults=translated("title", item["title"], original=True)
        )[0]
        for position, target in enumerate(item["targets"]):
            SdgTarget.objects.get_or_create(
                code=target["code"],
                defaults={
                    "goal": goal,
                    "position": position,
                    **translated("title", target["title"], original=True),
                },
            )
    for item in read_data(__file__, "recommended_indicators.json"):
        RecommendedIndicator.objects.get_or_create(
            code=item["code"],
            defaults={
                "direction_kind": DirectionKind.from_slug(item["direction"]),
                "good_direction": item["good_direction"],
                "position": item["position"],
                **translated("name", item["name"], original=True),
                **translated("unit", item["unit"], original=True),
            },
        )
