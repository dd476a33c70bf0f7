"""Numbers typed in real Chromium as Kazakh and Russian readers type them (a decimal comma), read
back from the database; the rich-text editor loading nothing from another origin."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from indicators.models import Indicator
from strategies.models import Strategy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_decimal_comma_typed_in_a_milestone_and_a_series_cell_is_stored_as_typed(open_page, lang):
    page = open_page("almaty.editor", lang=lang)
    strategy = Strategy.objects.get(city__code="almaty", state="draft")
    indicator = Indicator.objects.filter(direction__strategy=strategy, direction__kind=3).first()
    base = f"{page.base_url}/{lang}/strategies/{strategy.pk}/edit"

    page.goto(f"{base}/indicators-environment/?open=indicators-{indicator.pk}")
    milestone = page.locator(f"input[name=indicators-{indicator.pk}-year_2030]")
    expect(milestone).to_have_attribute("type", "text")
    expect(milestone).to_have_attribute("inputmode", "decimal")
    milestone.fill("")
    milestone.type("76,5")
    page.locator(f"form#indicators-{indicator.pk} button[value=save]").click()
    expect(page.locator(".message.success")).to_be_visible()
    assert indicator.milestones.get(year=2030).value == Decimal("76.5")
    expect(page.locator(f"input[name=indicators-{indicator.pk}-year_2030]")).to_have_value("76,5")

    series = strategy.series.order_by("pk").first()
    page.goto(f"{base}/series/")
    page.locator(f"p#series-{series.pk} a").click()  # a long list: items are listed by name
    cell = page.locator(f"input[name=series-{series.pk}-year_2020]")
    cell.fill("")
    cell.type("7,2")
    page.locator(f"form#series-{series.pk} button[value=save]").click()
    expect(page.locator(".message.success")).to_be_visible()
    assert series.values.get(year=2020).value == Decimal("7.2")
    expect(page.locator(f"input[name=series-{series.pk}-year_2020]")).to_have_value("7,2")

    # A negative value with thousands is readable whole in its cell.
    cell = page.locator(f"input[name=series-{series.pk}-year_2021]")
    cell.fill("-2 104")
    page.locator(f"form#series-{series.pk} button[value=save]").click()
    expect(page.locator(".message.success")).to_be_visible()
    assert series.values.get(year=2021).value == Decimal("-2104")
    cell = page.locator(f"input[name=series-{series.pk}-year_2021]")
    expect(cell).to_have_value("-2\u00a0104")
    assert cell.evaluate("input => input.scrollWidth <= input.clientWidth")


def test_a_refused_number_is_named_at_its_field_and_nothing_is_saved(open_page):
    page = open_page("almaty.editor", lang="ru")
    strategy = Strategy.objects.get(city__code="almaty", state="draft")
    series = strategy.series.order_by("pk").first()
    before = series.values.get(year=2020).value
    page.goto(f"{page.base_url}/ru/strategies/{strategy.pk}/edit/series/")
    page.locator(f"p#series-{series.pk} a").click()
    cell = page.locator(f"input[name=series-{series.pk}-year_2020]")
    cell.fill("7,21234")
    page.locator(f"form#series-{series.pk} button[value=save]").click()
    error = page.locator(f"form#series-{series.pk} .year-grid .errorlist")
    expect(error).to_be_visible()
    expect(page.locator(".message.success")).to_have_count(0)
    assert series.values.get(year=2020).value == before


def test_the_rich_text_editor_loads_nothing_from_another_origin(open_page):
    page = open_page("almaty.editor", lang="kk")
    strategy = Strategy.objects.get(city__code="almaty", state="draft")
    requested, refused = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{page.base_url}/kk/strategies/{strategy.pk}/edit/vision/")
    area = page.locator(".lang-col:has(#id_vision-text_kk) .jodit-wysiwyg")
    expect(area).to_be_visible()
    area.click()
    page.keyboard.type(" Қосымша сөйлем.")
    page.wait_for_timeout(500)
    foreign = [url for url in requested if not url.startswith((page.base_url, "data:", "blob:"))]
    assert foreign == [] and refused == []


def test_in_a_long_list_a_save_shows_its_message_and_item_and_a_refusal_its_summary(open_page):
    """A save lands on its item: the message and the item's name are in view (tablet width); a
    refusal lands on the error summary at the top, not on the item (the form posts without the
    page's #fragment)."""
    page = open_page("almaty.editor", lang="kk", viewport=(1024, 768))
    strategy = Strategy.objects.get(city__code="almaty", state="draft")
    # The second of a kind with two or more: it can move up (the first of its kind cannot).
    kinds = [row.kind for row in strategy.series.all()]
    series = strategy.series.filter(kind=max(set(kinds), key=kinds.count)).order_by("position")[1]
    page.goto(f"{page.base_url}/kk/strategies/{strategy.pk}/edit/series/")
    page.locator(f"p#series-{series.pk} a").click()
    page.locator(f"input[name=series-{series.pk}-year_2020]").fill("7,5")
    page.locator(f"form#series-{series.pk} button[value=save]").click()
    expect(page.locator(".message.success")).to_be_in_viewport()
    name = page.locator(f"#box-series-{series.pk} > summary")
    expect(name).to_be_in_viewport()
    message = page.locator(".message.success").bounding_box()
    assert name.bounding_box()["y"] >= message["y"] + message["height"] - 1  # not under it

    page.locator(f"input[name=series-{series.pk}-year_2020]").fill("жеті")
    page.locator(f"form#series-{series.pk} button[value=save]").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert series.values.get(year=2020).value == Decimal("7.5")

    page.locator(f"form#series-{series.pk} button[value=up]").click()
    expect(page.locator(f"form#series-{series.pk}")).to_be_visible()  # still open once moved
