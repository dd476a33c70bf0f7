"""Reference data shipped with the product: regions, cities, settlements and the organisations of
the approval route (p.3, 11, 15, 16). Loaded by a data migration; administrators edit it after."""

from core.i18n import read_data, translated


def load_reference(apps) -> None:
    """Create the regions, cities, settlements and organisations that do not exist yet.

    Takes an app registry so the same code runs in a migration (historical models) and elsewhere.
    Existing rows are left as administrators edited them.
    """
    Region = apps.get_model("core", "Region")
    City = apps.get_model("core", "City")
    Settlement = apps.get_model("core", "Settlement")
    Organisation = apps.get_model("core", "Organisation")

    def organisation(code, kind, names, **territory):
        return Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": kind, **territory, **translated("name", names, original=True)},
        )[0]

    for body in read_data(__file__, "central_bodies.json"):
        organisation(body["code"], "central_planning_body", body["name"])

    regions = {}
    region_maslikhats = {}
    for item in read_data(__file__, "regions.json"):
        region = Region.objects.get_or_create(
            code=item["code"], defaults=translated("name", item["name"], original=True)
        )[0]
        regions[region.code] = region
        organisation(
            f"region-akimat-{region.code}", "regional_akimat", item["akimat"], region=region
        )
        region_maslikhats[region.code] = organisation(
            f"region-maslikhat-{region.code}", "maslikhat", item["maslikhat"], region=region
        )

    for item in read_data(__file__, "cities.json"):
        region = regions[item["region"]] if item["region"] else None
        city, created = City.objects.get_or_create(
            code=item["code"],
            defaults={
                "category": item["category"],
                "region": region,
                **translated("name", item["name"], original=True),
            },
        )
        organisation(f"city-akimat-{city.code}", "city_akimat", item["akimat"], city=city)
        if item["maslikhat"]:
            # p.16: a city of republican significance approves at its own maslikhat.
            maslikhat = organisation(
                f"city-maslikhat-{city.code}", "maslikhat", item["maslikhat"], city=city
            )
        else:
            maslikhat = region_maslikhats[item["region"]]
        if created:
            city.maslikhat = maslikhat
            city.save(update_fields=["maslikhat"])
            city.adjacent_regions.set([regions[code] for code in item["adjacent_regions"]])

    cities = {city.code: city for city in City.objects.all()}
    for item in read_data(__file__, "settlements.json"):
        Settlement.objects.get_or_create(
            code=item["code"],
            defaults={
                "city": cities[item["city"]],
                "kind": item["kind"],
                **translated("name", item["name"], original=True),
            },
        )
