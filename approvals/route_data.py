"""The route of the Methodology (p.14-16) as data; loaded by a migration."""

STAGES = [
    # kind, position, decided by, only for republican cities, parallel
    ("hearings", 1, "city_editor", False, False),
    ("central", 2, "ministry_reviewer", False, False),
    ("adjacent", 3, "adjacent_reviewer", True, True),
    ("maslikhat", 4, "maslikhat_secretary", False, False),
]


def create_route(apps, schema_editor):
    Route = apps.get_model("approvals", "Route")
    RouteStage = apps.get_model("approvals", "RouteStage")
    route, _created = Route.objects.get_or_create(
        code="methodology-2019",
        defaults={
            "name": "Әдістеме бойынша келісу және бекіту (14-16-тармақтар)",
            "name_kk": "Әдістеме бойынша келісу және бекіту (14-16-тармақтар)",
            "name_ru": "Согласование и утверждение по Методике (пп. 14-16)",
            "name_en": "Agreement and approval under the Methodology (p.14-16)",
        },
    )
    for kind, position, decided_by, only_republican, parallel in STAGES:
        RouteStage.objects.get_or_create(
            route=route,
            kind=kind,
            defaults={
                "position": position,
                "decided_by": decided_by,
                "only_republican": only_republican,
                "parallel": parallel,
            },
        )
