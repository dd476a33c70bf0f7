"""The smart-city direction (2025 reference standard) of the demo's Almaty in real Chromium: the
group, the self-assessment with its history and chart, and the road map, in Kazakh and Russian,
in the editor's preview of the working draft and in the public edition."""

import pytest

from strategies.models import SmartCitySphere, Strategy

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "ru": {
        "group": "город республиканского значения",
        "assessment": "Самооценка цифровизации по сферам",
        "roadmap": "Дорожная карта",
        "sphere": "Экология",
        "initiative": "Портал открытых данных города",
        "not_planned": "не планируется",
    },
    "kk": {
        "group": "республикалық маңызы бар қала",
        "assessment": "Салалар бойынша цифрландыруды өзіндік бағалау",
        "roadmap": "Жол картасы",
        "sphere": "Экология",
        "initiative": "Қаланың ашық деректер порталы",
        "not_planned": "жоспарланбаған",
    },
}


def smartcity_block(page):
    block = page.locator("#smartcity")
    block.wait_for()
    return block


def check_block(block, lang):
    words = WORDS[lang]
    text = block.inner_text()
    for key in ("group", "assessment", "roadmap", "sphere", "initiative"):
        assert words[key].lower() in text.lower(), (lang, key)
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

    page = open_page("almaty.editor", lang=lang)
    page.goto(f"{page.base_url}/{lang}/strategies/{draft.pk}/preview/")
    check_block(smartcity_block(page), lang)

    visitor = open_page(lang=lang)
    visitor.goto(f"{visitor.base_url}/{lang}/public/{approved.pk}/")
    check_block(smartcity_block(visitor), lang)
