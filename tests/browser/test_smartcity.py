"""The smart-city direction (2025 reference standard) in real Chromium: the group, the
self-assessment with its history and chart, and the road map with the indicators each item
moves, in Kazakh and Russian, in the editor's preview of Almaty's working draft and of Astana's
draft ready to submit, and in Almaty's public edition; then the road map's yearly monitoring
typed by Almaty's editor as a Russian reader writes numbers (300,5) and read in the public
edition."""

from datetime import date

import pytest

from strategies.models import RoadmapProgress, SmartCitySphere, Strategy

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "ru": {
        "group": "город республиканского значения",
        "assessment": "Самооценка цифровизации по сферам",
        "roadmap": "Дорожная карта",
        "sphere": "Экология",
        "initiative": "Портал открытых данных города",
        "not_planned": "не планируется",
        "moves": "Показатели, на которые влияет",
        "indicator": "Удовлетворённость жителей цифровыми городскими сервисами",
    },
    "kk": {
        "group": "республикалық маңызы бар қала",
        "assessment": "Салалар бойынша цифрландыруды өзіндік бағалау",
        "roadmap": "Жол картасы",
        "sphere": "Экология",
        "initiative": "Қаланың ашық деректер порталы",
        "not_planned": "жоспарланбаған",
        "moves": "Әсер ететін көрсеткіштері",
    },
}


# The whole document with its charts is about 600 KB: on a loaded machine it takes longer than
# the default 10 s to load.
DOCUMENT_TIMEOUT = 40_000


def document_page(open_page, *args, **kwargs):
    page = open_page(*args, **kwargs)
    page.set_default_timeout(DOCUMENT_TIMEOUT)
    return page


def smartcity_block(page):
    block = page.locator("#smartcity")
    block.wait_for()
    return block


def check_block(block, lang, *, city="almaty"):
    words = WORDS[lang]
    text = block.inner_text()
    for key in ("group", "assessment", "roadmap", "sphere", "initiative", "moves"):
        assert words[key].lower() in text.lower(), (lang, key)
    # Every item the city plans names the indicators it moves, in the document's language.
    assert block.locator(".roadmap-indicators").count() > 20
    if city == "astana":
        if lang == "ru":
            assert words["indicator"] in text
        assert block.locator("table").first.locator("tbody tr").count() == len(SmartCitySphere)
        assert block.locator("#smartcity-history th", has_text="2025").count() == 1
        return
    assert words["not_planned"].lower() in text.lower()
    # Eight spheres of the latest year, and their history beside it (2025 and this year).
    assert block.locator("table").first.locator("tbody tr").count() == len(SmartCitySphere)
    assert block.locator("#smartcity-history th", has_text="2025").count() == 1
    chart = block.locator("svg[role=img]")
    assert chart.count() == 1
    assert words["assessment"].lower() in chart.locator("title").first.text_content().lower()
    assert "2025: " in chart.locator("desc").text_content()  # every number, for screen readers
    # The road map's costs are written as the reader writes numbers (decimal comma).
    assert "850,5" in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_preview_and_the_public_edition_show_the_smart_city_direction(open_page, lang):
    draft = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    approved = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)

    page = document_page(open_page, "almaty.editor", lang=lang)
    page.goto(f"{page.base_url}/{lang}/strategies/{draft.pk}/preview/")
    check_block(smartcity_block(page), lang)

    visitor = document_page(open_page, lang=lang)
    visitor.goto(f"{visitor.base_url}/{lang}/public/{approved.pk}/")
    check_block(smartcity_block(visitor), lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_preview_of_astanas_draft_shows_the_smart_city_direction(open_page, lang):
    draft = Strategy.objects.get(city__code="astana", state=Strategy.State.DRAFT)
    page = document_page(open_page, "astana.editor", lang=lang)
    page.goto(f"{page.base_url}/{lang}/strategies/{draft.pk}/preview/")
    check_block(smartcity_block(page), lang, city="astana")


def test_the_editor_records_a_year_of_the_road_map_and_the_public_edition_shows_it(open_page):
    approved = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    item = approved.roadmap.get(initiative__code="gov-open-data")
    year = date.today().year
    page = document_page(open_page, "almaty.editor", lang="ru")
    page.goto(f"{page.base_url}/ru/strategies/{approved.pk}/monitoring/")
    page.get_by_role("link", name="Мониторинг дорожной карты").first.click()
    page.locator(f'#item-{item.uid} a[href*="item={item.uid}"]').last.click()
    page.fill("#id_year", str(year))
    page.select_option("#id_status", "in_progress")
    page.fill("#id_spent", "300,5")
    page.fill("#id_note_ru", "Запущена первая очередь портала")
    page.fill("#id_note_kk", "Порталдың бірінші кезегі іске қосылды")
    page.click("form.roadmap-progress-form button.primary")
    page.wait_for_selector(".message")
    record = RoadmapProgress.objects.get(item_uid=item.uid, year=year)
    assert str(record.spent) == "300.5" and record.note_ru.startswith("Запущена")
    assert "300,5" in page.locator(f"#item-{item.uid}").inner_text()

    visitor = document_page(open_page, lang="ru")
    visitor.goto(f"{visitor.base_url}/ru/public/{approved.pk}/")
    latest = visitor.locator("#roadmap-monitoring")
    latest.wait_for()
    text = latest.inner_text()
    assert "Запущена первая очередь портала" in text and "300,5" in text
