"""Published editions: served from the frozen snapshot, as bytes with an ETag, in one language
or all three, in a fixed number of queries."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.representations import LOCAL
from approvals.models import Process
from strategies.models import Strategy
from tests.api.helpers import approved_almaty


def url(strategy) -> str:
    return f"/api/v1/strategies/{strategy.pk}/"


def approved_snapshot(strategy):
    return Process.objects.get(strategy=strategy, state="approved").snapshot


def test_published_edition_equals_the_frozen_snapshot_field_by_field(client, edition):
    snapshot = approved_snapshot(edition)
    response = client.get(url(edition))
    assert response.status_code == 200
    body = response.json()
    document = body["document"]
    assert document.keys() == snapshot.content.keys()
    for field, value in snapshot.content.items():
        assert document[field] == value, field
    assert body["approval"]["snapshot"] == {
        "number": snapshot.number,
        "sha256": snapshot.content_hash,
        "frozen_at": body["approval"]["snapshot"]["frozen_at"],
    }
    assert body["approval"]["maslikhat"]["decision_number"] == "45/312-VIII"
    assert body["state"] == "approved" and body["in_force"] is True
    assert body["city"]["code"] == "almaty"
    # The five directions in the Methodology's order (p.17), whatever order the database keeps.
    assert list(document["directions"]) == [
        "creative_economy",
        "human_development",
        "environment",
        "smartcity",
        "urban_planning",
    ]


def test_edition_comes_in_the_language_asked_for(client, edition):
    title = approved_snapshot(edition).content["title"]

    by_parameter = client.get(url(edition), {"lang": "ru"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert by_parameter["Content-Language"] == "ru"
    assert by_parameter.json()["title"] == title["ru"]
    assert by_parameter.json()["city"]["name"] == "Алматы"

    by_header = client.get(url(edition), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,ru;q=0.5")
    assert by_header["Content-Language"] == "en"
    assert by_header.json()["document"]["title"] == title["en"]

    kazakh = client.get(url(edition), HTTP_ACCEPT_LANGUAGE="de, kk;q=0.3").json()
    assert kazakh["title"] == title["kk"]
    # The demo's last cycle went straight back to the central body that returned it (p.15).
    assert kazakh["approval"]["stages"][-1]["stage"] == "maslikhat"
    assert kazakh["approval"]["stages"][-1]["title"] == "мәслихат"

    every = client.get(url(edition))
    assert every["Content-Language"] == "kk, ru, en"
    assert every.json()["title"] == title
    assert every.json()["approval"]["stages"][-1]["title"] == {
        "kk": "мәслихат",
        "ru": "маслихат",
        "en": "maslikhat",
    }


def test_an_unknown_language_is_a_field_error(client, edition):
    response = client.get(url(edition), {"lang": "de"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["details"]) == ["lang"]


def test_conditional_get_with_the_etag_answers_304_without_a_body(client, edition):
    first = client.get(url(edition))
    tag = first["ETag"]
    assert approved_snapshot(edition).content_hash in tag
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert "Accept-Language" in first["Vary"]

    again = client.get(url(edition), HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == tag
    assert "max-age=" in again["Cache-Control"]

    russian = client.get(url(edition), {"lang": "ru"}, HTTP_IF_NONE_MATCH=tag)
    assert russian.status_code == 200
    assert russian["ETag"] != tag
    stale = client.get(url(edition), HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200 and stale.content == first.content


def test_the_bytes_are_built_once_and_served_from_the_cache(client, edition):
    first = client.get(url(edition), {"lang": "kk"})
    with CaptureQueriesContext(connection) as cached:
        second = client.get(url(edition), {"lang": "kk"})
    assert second.content == first.content
    assert len(cached) == 1  # the edition's head (strategy, process, snapshot number and hash)


def detail_queries(client, strategy, *, cached: bool) -> int:
    if not cached:
        cache.clear()
        LOCAL.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(strategy))
    assert response.status_code == 200
    return len(queries)


def test_the_detail_runs_as_many_queries_for_200_indicators_as_for_5(client, db):
    small = approved_almaty(indicators=5)
    small_queries = (
        detail_queries(client, small, cached=False),
        detail_queries(client, small, cached=True),
    )
    large = approved_almaty(indicators=200)
    large_queries = (
        detail_queries(client, large, cached=False),
        detail_queries(client, large, cached=True),
    )
    assert (
        len(client.get(url(large)).json()["document"]["directions"]["environment"]["indicators"])
        > 5
    )
    assert small_queries == large_queries


def test_a_superseded_edition_names_the_amendment_that_replaced_it(client, db):
    first = approved_almaty()
    second = approved_almaty()
    body = client.get(url(first)).json()
    assert body["state"] == "superseded" and body["in_force"] is False
    assert body["superseded_by"] == second.pk
    assert client.get(url(second)).json()["amends"] == first.pk
    listed = client.get("/api/v1/strategies/", {"city": "almaty", "in_force": "true"}).json()
    assert [item["id"] for item in listed["results"]] == [second.pk]


def test_a_draft_is_no_published_edition(client, edition):
    karaganda = Strategy.objects.get(city__code="karaganda")
    for path in (
        url(karaganda),
        f"/api/v1/strategies/{karaganda.pk}/indicators/",
        "/api/v1/strategies/99999999/",
        "/api/v1/strategies/123456789012345678901234567890/",
        "/api/v1/strategies/almaty/",
        "/api/v1/no-such-thing/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found", path
        assert set(response.json()) == {"code", "message", "details"}


def test_the_list_filters_published_editions(client, edition):
    def ids(**query) -> list[int]:
        response = client.get("/api/v1/strategies/", query)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["results"]]

    assert ids() == [edition.pk]
    assert ids(city="almaty") == [edition.pk]
    assert ids(city="karaganda") == []
    assert ids(category="republican") == [edition.pk]
    assert ids(category="regional_centre") == []
    assert ids(sdg_goal=11) == [edition.pk]
    assert ids(sdg_goal=1) == []
    assert ids(in_force="false") == []
    item = client.get("/api/v1/strategies/", {"lang": "ru"}).json()["results"][0]
    snapshot = approved_snapshot(edition)
    assert item["snapshot"] == {"number": snapshot.number, "sha256": snapshot.content_hash}
    assert item["maslikhat"]["decision_number"]
    assert item["url"].endswith(url(edition))
    assert item["city"] == {
        "code": "almaty",
        "name": "Алматы",
        "category": "republican",
        "region": None,
    }

    assert client.get("/api/v1/strategies/", {"sdg_goal": 18}).status_code == 400
    assert client.get("/api/v1/strategies/", {"category": "village"}).status_code == 400


def test_the_list_runs_a_fixed_number_of_queries(client, edition, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the count and the page
        client.get("/api/v1/strategies/")


def test_a_worker_reads_whether_an_edition_changed_once_per_revalidation_window(
    client, db, monkeypatch, settings
):
    """Within API_REVALIDATE_SECONDS a worker serves the edition's head it read without a
    query; after it, the first request reads the stamp again and sees the supersession."""
    from types import SimpleNamespace

    from api import selectors

    clock = SimpleNamespace(now=1000.0)
    monkeypatch.setattr(selectors, "time", SimpleNamespace(monotonic=lambda: clock.now))
    settings.API_REVALIDATE_SECONDS = 1
    first = approved_almaty()
    assert client.get(url(first)).json()["state"] == "approved"
    second = approved_almaty()  # an amendment approved: the first edition is superseded

    clock.now += 0.5
    with CaptureQueriesContext(connection) as within:
        body = client.get(url(first)).json()
    assert len(within) == 0 and body["state"] == "approved"

    clock.now += 0.5
    body = client.get(url(first)).json()
    assert body["state"] == "superseded" and body["superseded_by"] == second.pk
