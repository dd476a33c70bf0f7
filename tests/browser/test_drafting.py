"""Journeys of a city editor in real Chromium: drafting from nothing in two languages while the
checklist turns green, switching the interface language, a conflicting edit, refusals."""

import re

import pytest
from playwright.sync_api import expect

from core.models import Membership, Organisation, User
from strategies.models import Strategy, SwotItem

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def make_editor(username: str, city: str) -> User:
    user = User.objects.create_user(username, password="qala-demo-2050", first_name=username)
    Membership.objects.create(
        user=user,
        organisation=Organisation.objects.get(code=f"city-akimat-{city}"),
        role=Membership.Role.CITY_EDITOR,
    )
    return user


def check(page, code: str):
    return page.locator(f'#checklist [data-check="{code}"]')


def readiness(page) -> int:
    return int(page.locator("#checklist .readiness .figure").get_attribute("data-readiness"))


def write_rich(page, textarea_id: str, text: str) -> None:
    """Type into the rich-text editor that replaced a textarea."""
    area = page.locator(f".lang-col:has(#{textarea_id}) .jodit-wysiwyg")
    area.click()
    page.keyboard.type(text)


def test_a_new_editor_drafts_a_strategy_and_watches_the_checklist_turn_green(open_page):
    make_editor("shymkent.editor", "shymkent")
    page = open_page("shymkent.editor")

    page.click("button[name=city]")
    expect(page.locator("h1")).to_contain_text("Шымкент")
    assert readiness(page) == 0
    strategy = Strategy.objects.get(city__code="shymkent")

    # Analysis, in Kazakh and Russian side by side.
    page.click('nav.sections a[href$="/edit/analysis/"]')
    expect(check(page, "analysis.narrative")).to_have_attribute("data-passed", "false")
    write_rich(page, "id_analysis-narrative_kk", "Шымкент — еліміздің оңтүстігіндегі ірі қала.")
    write_rich(page, "id_analysis-narrative_ru", "Шымкент — крупный город на юге страны.")
    page.locator("section#analysis button[value=save]").click()
    expect(check(page, "analysis.narrative")).to_have_attribute("data-passed", "true")
    after_analysis = readiness(page)
    assert after_analysis > 0
    meters = page.locator('.meters[data-section="analysis"]')
    expect(meters.locator('[data-lang="kk"]')).to_have_attribute("data-percent", "50")

    # SWOT board: one item in each quadrant.
    page.click('nav.sections a[href$="/edit/swot/"]')
    items = {
        "strength": ("Жас халық", "Молодое население"),
        "weakness": ("Су тапшылығы", "Дефицит воды"),
        "opportunity": ("Орталық Азия нарығы", "Рынок Центральной Азии"),
        "threat": ("Климаттың өзгеруі", "Изменение климата"),
    }
    for quadrant, (kk, ru) in items.items():
        expect(check(page, "analysis.swot")).to_have_attribute("data-passed", "false")
        column = page.locator(f"#quadrant-{quadrant} form#swot-new-{quadrant}")
        column.locator("textarea[name=swot-new-text_kk]").fill(kk)
        column.locator("textarea[name=swot-new-text_ru]").fill(ru)
        column.locator("button[value=save]").click()
        expect(page.locator(f"#quadrant-{quadrant}")).to_contain_text(ru)
    expect(check(page, "analysis.swot")).to_have_attribute("data-passed", "true")
    assert readiness(page) > after_analysis
    assert SwotItem.objects.filter(strategy=strategy).count() == 4

    # Vision, linked to Strategy Kazakhstan-2050.
    page.click('nav.sections a[href$="/edit/vision/"]')
    write_rich(page, "id_vision-text_kk", "Шымкент — 2050 жылы жайлы әрі бәсекеге қабілетті қала.")
    write_rich(
        page, "id_vision-text_ru", "Шымкент в 2050 году — комфортный и конкурентоспособный город."
    )
    page.locator('[data-field="documents"] label', has_text="2050").first.click()
    page.locator("section#vision button[value=save]").click()
    expect(check(page, "vision.text")).to_have_attribute("data-passed", "true")
    expect(check(page, "vision.documents")).to_have_attribute("data-passed", "true")
    expect(check(page, "languages")).to_have_attribute("data-passed", "true")

    # The interface switches to English; the content stays as written.
    page.click("form.langs button[value=en]")
    expect(page).to_have_url(re.compile(r"/en/strategies/\d+/edit/vision/"))
    expect(page.locator("#checklist-heading")).to_have_text("Methodology compliance")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(check(page, "vision.text")).to_have_attribute("data-passed", "true")

    strategy.vision.refresh_from_db()
    assert "конкурентоспособный" in strategy.vision.text_ru
    assert "бәсекеге" in strategy.vision.text_kk


def test_a_conflicting_edit_is_shown_and_both_changes_are_kept(open_page):
    make_editor("almaty.deputy", "almaty")
    first = open_page("almaty.editor")
    second = open_page("almaty.deputy")
    strategy = Strategy.objects.get(city__code="almaty", state="draft")
    item = strategy.swot_items.filter(quadrant="opportunity").order_by("position", "id").first()
    for page in (first, second):
        page.goto(f"{page.base_url}/ru/strategies/{strategy.pk}/edit/swot/")

    form = f"form#swot-{item.pk}"
    first.locator(f"{form} textarea[name$=-text_ru]").fill("Правка первого редактора")
    first.locator(f"{form} button[value=save]").click()
    expect(first.locator(".message.success")).to_be_visible()

    second.locator(f"{form} textarea[name$=-text_kk]").fill("Екінші редактордың түзетуі")
    second.locator(f"{form} button[value=save]").click()
    conflict = second.locator(f"{form} [data-conflict]")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Правка первого редактора")
    # The other editor's Russian text is merged in; the Kazakh edit is still there.
    expect(second.locator(f"{form} textarea[name$=-text_ru]")).to_have_value(
        "Правка первого редактора"
    )
    expect(second.locator(f"{form} textarea[name$=-text_kk]")).to_have_value(
        "Екінші редактордың түзетуі"
    )
    second.locator(f"{form} button[value=save]").click()
    expect(second.locator(".message.success")).to_be_visible()

    item.refresh_from_db()
    assert (item.text_kk, item.text_ru) == (
        "Екінші редактордың түзетуі",
        "Правка первого редактора",
    )


def test_leaving_a_form_with_unsaved_changes_asks_first(open_page):
    page = open_page("almaty.editor")
    strategy = Strategy.objects.get(city__code="almaty", state="draft")
    page.goto(f"{page.base_url}/ru/strategies/{strategy.pk}/edit/cases/")
    page.locator("form.item input[name$=-city_name_ru]").first.fill("Вена (изменено)")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.click('nav.sections a[href$="/edit/swot/"]', no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/edit/cases/")


def test_an_editor_is_refused_another_citys_strategy(open_page):
    page = open_page("karaganda.editor")
    almaty = Strategy.objects.get(city__code="almaty", state="draft")
    response = page.goto(f"{page.base_url}/ru/strategies/{almaty.pk}/edit/analysis/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Не найдено")
    own = Strategy.objects.get(city__code="karaganda")
    response = page.goto(f"{page.base_url}/ru/strategies/{own.pk}/edit/analysis/")
    assert response.status == 200
