"""Reference data and catalogues, errors and rate limits."""

from django.test import override_settings
from rest_framework.settings import api_settings


def test_cities_with_their_region_adjacent_regions_and_maslikhat(client, db):
    almaty = client.get("/api/v1/cities/almaty/", {"lang": "ru"}).json()
    assert almaty["name"] == "Алматы" and almaty["category"] == "republican"
    assert almaty["category_label"] == "город республиканского значения"
    assert almaty["adjacent_regions"] == ["almaty-region"] or almaty["adjacent_regions"]
    assert almaty["maslikhat"]["code"] == "city-maslikhat-almaty"
    centres = client.get("/api/v1/cities/", {"category": "regional_centre", "page_size": 100})
    assert all(c["region"] for c in centres.json()["results"])
    every = client.get("/api/v1/cities/karaganda/").json()
    assert set(every["name"]) == {"kk", "ru", "en"}


def test_reference_lists_run_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # count, page, adjacent regions, settlements
        client.get("/api/v1/cities/", {"page_size": 500})


def test_sdg_catalogues_and_recommended_indicators(client, db):
    goal = client.get("/api/v1/sdg/goals/11/", {"lang": "en"}).json()
    assert goal["number"] == 11 and "cities" in goal["title"].lower()
    targets = client.get("/api/v1/sdg/targets/", {"goal": 11, "page_size": 100}).json()
    assert targets["results"] and all(t["goal"] == 11 for t in targets["results"])
    assert client.get("/api/v1/sdg/targets/11.6/").json()["code"] == "11.6"
    recommended = client.get(
        "/api/v1/recommended-indicators/", {"direction": "human_development", "lang": "ru"}
    ).json()["results"]
    assert recommended and {r["direction"] for r in recommended} == {"human_development"}


def test_anonymous_clients_are_throttled_with_the_error_format(client, db):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anonymous": "3/m"}
    with override_settings(REST_FRAMEWORK={**_rest_framework(), "DEFAULT_THROTTLE_RATES": rates}):
        statuses = [client.get("/api/v1/regions/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = client.get("/api/v1/regions/")
        assert response.json()["code"] == "throttled"
        assert int(response["Retry-After"]) > 0


def _rest_framework() -> dict:
    from django.conf import settings

    return settings.REST_FRAMEWORK


def test_the_schema_and_its_documentation_are_served_from_here(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Qala Strategy API"
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "<script>" not in page
