"""The editor in the browser, through Django's test client: rights, saving, conflicts, errors,
preview, history and the cost of the pages in queries."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.models import AuditEvent
from indicators.models import Indicator
from strategies.editor import PAGES
from strategies.models import Analysis, Strategy

pytestmark = pytest.mark.django_db


def section_url(strategy, slug, lang="kk"):
    with translation.override(lang):
        return reverse("strategies:section", args=[strategy.pk, slug])


@pytest.fixture
def editor_client(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


@pytest.mark.parametrize("slug", list(PAGES))
def test_every_editor_page_of_the_demo_opens_in_bounded_queries(
    editor_client, almaty, slug, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        response = editor_client.get(section_url(almaty, slug))
    assert response.status_code == 200
    assert 'data-check="languages"' in response.content.decode()


def test_the_indicator_page_costs_the_same_with_more_indicators(
    editor_client, almaty, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = section_url(almaty, "indicators-environment")
    editor_client.get(url)  # the side panels of this version are computed once (strategies.panels)
    with CaptureQueriesContext(connection) as before:
        editor_client.get(url)
    expected = len(before.captured_queries)  # read now: the next request clears the log
    direction = almaty.directions.get(kind=3)
    template = direction.indicators.first()
    for n in range(15):
        Indicator.objects.create(
            direction=direction, name_kk=f"Қосымша {n}", name_ru=f"Дополнительный {n}",
            good_direction="up", position=100 + n,
        ).milestones.create(year=2030, value=n)  # fmt: skip
    assert direction.indicators.count() >= 15 + 1 and template
    Strategy.objects.filter(pk=almaty.pk).update(updated_at=timezone.now())  # as services do
    editor_client.get(url)
    with django_assert_num_queries(expected):
        response = editor_client.get(url)
    assert "Қосымша 14" in response.content.decode()  # listed by name in the interface language


def test_saving_a_section_stores_both_languages_and_shows_the_checklist_again(
    editor_client, almaty
):
    analysis = almaty.analysis
    url = section_url(almaty, "analysis")
    response = editor_client.post(
        url,
        {
            "part": "analysis",
            "row": analysis.pk,
            "action": "save",
            "analysis-version": analysis.version,
            "analysis-narrative_kk": "<p>Жаңа талдау</p>",
            "analysis-narrative_ru": "<p>Новый анализ</p>",
            "analysis-narrative_en": "",
            "analysis-institutions_summary_kk": analysis.institutions_summary_kk,
            "analysis-institutions_summary_ru": analysis.institutions_summary_ru,
            "analysis-institutions_summary_en": analysis.institutions_summary_en,
        },
    )
    assert response.status_code == 302
    stored = Analysis.objects.get(pk=analysis.pk)
    assert (stored.narrative_kk, stored.narrative_ru) == (
        "<p>Жаңа талдау</p>",
        "<p>Новый анализ</p>",
    )
    page = editor_client.get(response.url).content.decode()
    assert 'data-check="analysis.narrative" data-passed="true"' in page


def test_a_stale_save_is_answered_409_with_the_other_change_and_keeps_the_users_text(
    editor_client, almaty, almaty_editor
):
    from strategies.services import content_update

    item = almaty.swot_items.filter(quadrant="strength").first()
    opened = item.version
    content_update(
        actor=almaty_editor, row=item, expected_version=opened,
        changes={"text_ru": "Правка коллеги"},
    )  # fmt: skip
    response = editor_client.post(
        section_url(almaty, "swot"),
        {
            "part": "swot", "row": item.pk, "action": "save",
            f"swot-{item.pk}-version": opened, f"swot-{item.pk}-quadrant": "strength",
            f"swot-{item.pk}-text_kk": item.text_kk, f"swot-{item.pk}-text_ru": "Моя правка",
            f"swot-{item.pk}-text_en": "",
        },
    )  # fmt: skip
    assert response.status_code == 409
    html = response.content.decode()
    assert "Правка коллеги" in html and "Моя правка" in html
    item.refresh_from_db()
    assert item.text_ru == "Правка коллеги"


def test_invalid_input_is_refused_with_the_field_named_and_nothing_saved(editor_client, almaty):
    series = almaty.series.first()
    response = editor_client.post(
        section_url(almaty, "series", "en"),
        {
            "part": "series", "row": series.pk, "action": "save",
            f"series-{series.pk}-version": series.version, f"series-{series.pk}-kind": series.kind,
            f"series-{series.pk}-year_2020": "много",
        },
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a number, such as 2,401.4." in html
    assert f'id="id_series-{series.pk}-year_2020"' in html
    assert "The form has errors; nothing was saved." in html
    assert series.values.get(year=2020).value != 0


def test_a_required_text_must_be_written_in_at_least_one_language(editor_client, almaty):
    response = editor_client.post(
        section_url(almaty, "swot"),
        {"part": "swot", "row": "new", "action": "save", "swot-new-quadrant": "threat"},
    )
    assert response.status_code == 400
    assert (
        "at least one language" in response.content.decode()
        or "кемінде" in response.content.decode()
    )
    assert not AuditEvent.objects.filter(event_type="content.created").exists()


def test_an_item_is_added_from_the_board(editor_client, almaty):
    count = almaty.swot_items.filter(quadrant="threat").count()
    response = editor_client.post(
        section_url(almaty, "swot"),
        {
            "part": "swot", "row": "new", "action": "save", "swot-new-quadrant": "threat",
            "swot-new-text_kk": "Су тапшылығы", "swot-new-text_ru": "Дефицит воды",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert almaty.swot_items.filter(quadrant="threat").count() == count + 1


def test_a_recommended_indicator_is_added_from_the_catalogue(editor_client, almaty):
    from indicators.models import RecommendedIndicator

    recommended = RecommendedIndicator.objects.get(code="life-expectancy")
    response = editor_client.post(
        section_url(almaty, "indicators-human_development"),
        {"part": "indicators", "action": "from_catalogue", "recommended": recommended.pk},
    )
    assert response.status_code == 302
    added = Indicator.objects.filter(direction__strategy=almaty, recommended=recommended).latest(
        "id"
    )
    assert added.name_kk == recommended.name_kk and added.unit_ru == recommended.unit_ru


@pytest.mark.parametrize(
    ("who", "status"),
    [("karaganda.editor", 404), ("ministry.reviewer", 404), ("almaty-region.reviewer", 404)],
)
def test_others_cannot_open_the_editor_of_a_draft(client, almaty, who, status):
    from core.models import User

    client.force_login(User.objects.get(username=who))
    assert client.get(section_url(almaty, "analysis")).status_code == status
    assert client.get(reverse("strategies:overview", args=[almaty.pk])).status_code == status


def test_a_visible_strategy_that_is_not_a_draft_is_403_to_edit(client, almaty, almaty_editor):
    Strategy.objects.filter(pk=almaty.pk).update(state=Strategy.State.IN_APPROVAL)
    client.force_login(almaty_editor)
    # A link to the editor shows the document read-only with the reason (issue 15, item 3);
    # saving is refused.
    response = client.get(section_url(almaty, "analysis"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/strategies/{almaty.pk}/preview/#analysis")
    assert client.post(section_url(almaty, "analysis"), {"part": "analysis"}).status_code == 403
    assert client.get(reverse("strategies:overview", args=[almaty.pk])).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, almaty):
    response = client.get(section_url(almaty, "analysis"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(("lang", "text"), [("kk", "Пайым"), ("ru", "Видение")])
def test_the_preview_shows_the_whole_document_in_one_language(editor_client, almaty, lang, text):
    response = editor_client.get(reverse("strategies:preview", args=[almaty.pk]) + f"?lang={lang}")
    html = response.content.decode()
    assert response.status_code == 200
    assert text in html and "ЖОБА / ПРОЕКТ" in html
    assert getattr(almaty, f"title_{lang}") in html
    assert f'lang="{lang}"' in html


def test_history_lists_every_save_with_who_and_what(editor_client, almaty, almaty_editor):
    from strategies.services import content_update

    content_update(
        actor=almaty_editor, row=almaty.vision, expected_version=almaty.vision.version,
        changes={"priorities_ru": "<p>Приоритет</p>"},
    )  # fmt: skip
    with translation.override("en"):
        url = reverse("strategies:history", args=[almaty.pk])
    html = editor_client.get(url).content.decode()
    assert "Priorities [ru]" in html and "Приоритет" in html and "Нұрланова" in html


def test_create_a_strategy_from_nothing(client, new_editor):
    from core.models import City

    client.force_login(new_editor)
    shymkent = City.objects.get(code="shymkent")
    response = client.post(reverse("strategies:create"), {"city": shymkent.pk})
    strategy = Strategy.objects.get(city=shymkent)
    assert response.status_code == 302 and response.url == reverse(
        "strategies:overview", args=[strategy.pk]
    )


def test_editors_of_no_city_cannot_create(client, ministry_reviewer):
    client.force_login(ministry_reviewer)
    assert client.get(reverse("strategies:create")).status_code == 403


def test_home_lists_an_editors_strategy_with_its_readiness(editor_client):
    html = editor_client.get("/ru/").content.decode()
    assert 'data-readiness="100"' in html


def test_sign_in_is_locked_after_repeated_failures(client, almaty_editor):
    url = reverse("login")
    for _ in range(5):
        client.post(url, {"username": "almaty.editor", "password": "wrong"})
    response = client.post(url, {"username": "almaty.editor", "password": "qala-demo-2050"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_stale_save_merges_the_fields_the_user_did_not_touch(
    editor_client, almaty, almaty_editor
):
    from strategies.services import content_update

    item = almaty.swot_items.filter(quadrant="weakness").first()
    opened = item.version
    original_kk = item.text_kk
    content_update(
        actor=almaty_editor,
        row=item,
        expected_version=opened,
        changes={"text_ru": "Правка коллеги"},
    )
    fields = {
        "part": "swot", "row": item.pk, "action": "save", f"swot-{item.pk}-quadrant": "weakness",
        f"swot-{item.pk}-text_kk": "Менің түзетуім", f"swot-{item.pk}-text_ru": item.text_ru,
        f"swot-{item.pk}-text_en": item.text_en,
    }  # fmt: skip
    response = editor_client.post(
        section_url(almaty, "swot"), {**fields, f"swot-{item.pk}-version": opened}
    )
    assert response.status_code == 409
    form = response.context["parts"][0][1]["groups"][1][2][0][1]
    assert form.data[f"swot-{item.pk}-text_ru"] == "Правка коллеги"  # merged in
    assert form.data[f"swot-{item.pk}-text_kk"] == "Менің түзетуім"  # the user's own kept
    assert original_kk != "Менің түзетуім"
    # Saving the merged form keeps both changes.
    merged = {
        **fields,
        f"swot-{item.pk}-text_ru": "Правка коллеги",
        f"swot-{item.pk}-version": opened + 1,
    }
    assert editor_client.post(section_url(almaty, "swot"), merged).status_code == 302
    item.refresh_from_db()
    assert (item.text_kk, item.text_ru) == ("Менің түзетуім", "Правка коллеги")


@pytest.mark.parametrize(
    "data",
    [
        {"part": "swot", "row": "abc", "action": "save"},
        {"part": "swot", "row": "99999999", "action": "delete"},
        {"part": "nonsense", "row": "new"},
    ],
)
def test_garbage_posts_are_404_never_500(editor_client, almaty, data):
    assert editor_client.post(section_url(almaty, "swot"), data).status_code == 404


def test_the_sdg_target_is_typed_by_code_and_checked(editor_client, almaty):
    indicator = almaty.directions.get(kind=3).indicators.first()
    prefix = f"indicators-{indicator.pk}"
    url = section_url(almaty, "indicators-environment", "en")
    page = editor_client.get(url).content.decode()
    assert page.count('<datalist id="list-indicators-sdg_target">') == 1
    fields = {
        "part": "indicators", "row": indicator.pk, "action": "save",
        f"{prefix}-version": indicator.version, f"{prefix}-name_kk": indicator.name_kk,
        f"{prefix}-name_ru": indicator.name_ru, f"{prefix}-good_direction": indicator.good_direction,
    }  # fmt: skip
    refused = editor_client.post(url, {**fields, f"{prefix}-sdg_target": "99.9"})
    assert refused.status_code == 400
    assert "“99.9” is not in the catalogue." in refused.content.decode()
    saved = editor_client.post(url, {**fields, f"{prefix}-sdg_target": "11.6"})
    assert saved.status_code == 302
    indicator.refresh_from_db()
    assert indicator.sdg_target.code == "11.6"


def test_the_preview_links_to_the_other_drafting_language(editor_client, almaty):
    with translation.override("ru"):
        url = reverse("strategies:preview", args=[almaty.pk])
    html = editor_client.get(url + "?lang=kk").content.decode()
    assert html.count('href="?lang=ru"') == 1 and 'href="?lang=kk"' not in html


def test_indicators_open_one_at_a_time(editor_client, almaty):
    first, second = almaty.directions.get(kind=3).indicators.all()[:2]
    url = section_url(almaty, "indicators-environment")
    listed = editor_client.get(url).content.decode()
    assert f'name="indicators-{first.pk}-name_kk"' not in listed
    assert f'href="?open=indicators-{first.pk}#box-indicators-{first.pk}"' in listed
    opened = editor_client.get(f"{url}?open=indicators-{first.pk}").content.decode()
    assert f'name="indicators-{first.pk}-name_kk"' in opened
    assert f'name="indicators-{second.pk}-name_kk"' not in opened
    assert 'name="indicators-new-name_kk"' in opened  # a new one can always be written


def test_moving_an_item_says_whether_it_moved_and_keeps_it_open(editor_client, almaty):
    from collections import Counter

    kind = next(
        k for k, n in Counter(almaty.series.values_list("kind", flat=True)).items() if n > 1
    )
    first, second = almaty.series.filter(kind=kind).order_by("position", "id")[:2]
    url = section_url(almaty, "series", "en")

    def move(row, action):
        response = editor_client.post(url, {"part": "series", "row": row.pk, "action": action})
        assert response.status_code == 302
        assert response["Location"].endswith(f"?open=series-{row.pk}#box-series-{row.pk}")
        return editor_client.get(response["Location"]).content.decode()

    shown = move(first, "up")  # a crafted request: the page offers no ↑ on the first
    assert "already the first of its group" in shown
    form = shown[shown.index(f'id="series-{first.pk}"') :].split("</form>")[0]
    assert 'value="up"' not in form and 'value="down"' in form
    assert "Moved up." in move(second, "up")
    assert list(almaty.series.filter(kind=kind).order_by("position", "id")[:2]) == [second, first]
