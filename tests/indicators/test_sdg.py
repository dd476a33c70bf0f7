"""The SDG pages: the 17 goals and each goal's targets in kk / ru / en, each target with the
approved strategies' indicators that serve it (never a draft's), filterable by city, in a fixed
number of queries; the public navigation links to them."""

import pytest
from django.urls import reverse
from django.utils import translation

from indicators.models import Indicator, SdgGoal, SdgTarget
from strategies.models import Strategy

pytestmark = pytest.mark.django_db


def url(name, *args, lang="kk"):
    with translation.override(lang):
        return reverse(name, args=args)


def test_the_goals_page_lists_the_17_goals_in_the_readers_language(client):
    for lang, title in (("kk", "Тұрақты қалалар мен елді мекендер"),
                        ("ru", "Устойчивые города и населенные пункты"),
                        ("en", "Sustainable cities and communities")):  # fmt: skip
        page = client.get(url("sdg:goals", lang=lang)).content.decode()
        assert page.count("data-goal=") == 17
        assert title in page
        assert url("sdg:goal", 11, lang=lang) in page


def test_a_goal_lists_its_targets_and_the_approved_indicators_serving_them(
    client, almaty_approved, django_assert_max_num_queries
):
    served = Indicator.objects.filter(
        direction__strategy=almaty_approved, sdg_target__goal__number=11
    ).select_related("sdg_target")
    assert served.exists()
    with django_assert_max_num_queries(8):
        response = client.get(url("sdg:goal", 11, lang="ru"))
    page = response.content.decode()
    assert response.status_code == 200
    for target in SdgTarget.objects.filter(goal__number=11):
        assert f'id="target-{target.code}"' in page and target.title_ru in page
    for indicator in served:
        row = page[page.index(f'data-indicator="{indicator.pk}"') :].split("</tr>")[0]
        assert indicator.name_ru in row and "Алматы" in row
        assert f"/public/{almaty_approved.pk}/#indicator-{indicator.pk}" in row
    # The draft of the amendment serves the same targets, but a draft is not public.
    draft = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    for indicator in Indicator.objects.filter(direction__strategy=draft, sdg_target__isnull=False):
        assert f'data-indicator="{indicator.pk}"' not in page


def test_the_query_count_does_not_grow_with_the_indicators(
    client, almaty_approved, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url("sdg:goal", 11))
    direction = almaty_approved.directions.first()
    target = SdgTarget.objects.get(code="11.6")
    for n in range(10):
        Indicator.objects.create(
            direction=direction, name_kk=f"Қосымша {n}", good_direction="up", sdg_target=target
        ).milestones.create(year=2030, value=n)
    with django_assert_num_queries(len(before.captured_queries)):
        page = client.get(url("sdg:goal", 11)).content.decode()
    assert "Қосымша 9" in page


def test_a_goal_page_is_filtered_by_city_and_refuses_an_unknown_one(client, almaty_approved):
    almaty = client.get(url("sdg:goal", 11, lang="ru") + "?city=almaty").content.decode()
    assert "data-indicator=" in almaty
    response = client.get(url("sdg:goal", 11, lang="ru") + "?city=nowhere")
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert client.get(url("sdg:goal", 18)).status_code == 404
    assert client.get("/kk/sdg/99999999999999999999/").status_code == 404


def test_a_goal_no_approved_strategy_serves_says_so(client):
    goal = SdgGoal.objects.get(number=14)
    page = client.get(url("sdg:goal", goal.number, lang="en")).content.decode()
    assert "data-indicator=" not in page


def test_the_public_navigation_links_to_the_sdg_pages(client):
    page = client.get(url("public_index", lang="ru")).content.decode()
    assert f'href="{url("sdg:goals", lang="ru")}"' in page


def test_the_public_edition_links_its_indicators_by_sdg_goal(client, almaty_approved):
    page = client.get(url("approvals:edition", almaty_approved.pk, lang="ru")).content.decode()
    links = page[page.index("data-sdg-goals") :].split("</p>")[0]
    assert f'href="{url("sdg:goal", 11, lang="ru")}?city=almaty"' in links
    # Followed, the link lists this edition's SDG 11 indicators, and no other city's.
    listed = client.get(url("sdg:goal", 11, lang="ru") + "?city=almaty").content.decode()
    for indicator in Indicator.objects.filter(
        direction__strategy=almaty_approved, sdg_target__goal__number=11
    ):
        assert f'data-indicator="{indicator.pk}"' in listed


def test_the_editors_indicator_list_is_filtered_by_sdg_goal(client, almaty, almaty_editor):
    from tests.strategies.pages import section_url

    client.force_login(almaty_editor)

    def split(direction):
        rows = list(direction.indicators.select_related("sdg_target__goal"))
        serving = [i for i in rows if i.sdg_target and i.sdg_target.goal.number == 11]
        return rows, serving, [i for i in rows if i not in serving]

    # A direction whose indicators serve SDG 11 and other goals (or none).
    direction = next(d for d in almaty.directions.all() if all(split(d)[1:]))
    rows, serving, others = split(direction)
    url = section_url(almaty, f"indicators-{direction.slug}", lang="ru")
    page = client.get(f"{url}?goal=11").content.decode()
    assert 'data-filter="sdg-goal"' in page
    for indicator in serving:
        assert f'id="indicators-{indicator.pk}"' in page
    for indicator in others:
        assert f'id="indicators-{indicator.pk}"' not in page
    everything = client.get(url).content.decode()
    assert all(f'id="indicators-{i.pk}"' in everything for i in rows)
    refused = client.get(f"{url}?goal=99")
    assert refused.status_code == 400 and 'class="errorlist' in refused.content.decode()
