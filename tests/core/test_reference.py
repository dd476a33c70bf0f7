"""Reference data shipped by migration: regions, cities, the route's organisations (p.3, 15, 16)."""

import pytest

from core.i18n import CONTENT_LANGUAGES
from core.models import City, Organisation, Region, Settlement

pytestmark = pytest.mark.django_db

ADJACENT = {"astana": {"akmola"}, "almaty": {"almaty-region"}, "shymkent": {"turkistan"}}


def test_all_seventeen_regions_with_names_in_every_language():
    regions = list(Region.objects.all())
    assert len(regions) == 17
    for region in regions:
        for lang in CONTENT_LANGUAGES:
            assert getattr(region, f"name_{lang}"), (region.code, lang)


def test_every_city_of_republican_significance_has_its_adjacent_region():
    cities = City.objects.filter(category__in=["capital", "republican"]).prefetch_related(
        "adjacent_regions"
    )
    assert {city.code: {r.code for r in city.adjacent_regions.all()} for city in cities} == ADJACENT
    assert City.objects.get(code="astana").category == City.Category.CAPITAL


def test_city_of_republican_significance_is_approved_by_its_own_maslikhat():
    for code in ADJACENT:
        city = City.objects.select_related("maslikhat").get(code=code)
        assert city.maslikhat.kind == Organisation.Kind.MASLIKHAT
        assert city.maslikhat.city_id == city.pk


def test_every_region_has_one_regional_centre_approved_by_the_regional_maslikhat():
    centres = City.objects.filter(category="regional_centre").select_related("maslikhat", "region")
    assert sorted(c.region.code for c in centres) == sorted(
        Region.objects.values_list("code", flat=True)
    )
    for centre in centres:
        assert centre.maslikhat.region_id == centre.region_id, centre.code
        assert not centre.adjacent_regions.exists()


def test_semey_is_the_centre_of_abai_region():
    semey = City.objects.get(code="semey")
    assert semey.region.code == "abai"


def test_each_city_and_region_has_an_akimat_and_there_is_one_central_planning_body():
    assert Organisation.objects.filter(kind="central_planning_body").count() == 1
    assert Organisation.objects.filter(kind="city_akimat").count() == City.objects.count()
    assert Organisation.objects.filter(kind="regional_akimat").count() == 17


def test_functional_urban_area_settlements_are_named_in_every_language():
    settlements = Settlement.objects.filter(city__code__in=["almaty", "karaganda"])
    assert settlements.count() >= 10
    for settlement in settlements:
        for lang in CONTENT_LANGUAGES:
            assert getattr(settlement, f"name_{lang}")
