"""The editor with the keyboard alone, in real Chromium: the rich-text area and its toolbar are
reached with Tab, speak Kazakh, carry the content's language, and a section is saved."""

import pytest
from playwright.sync_api import expect

from strategies.models import Strategy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 250) -> None:
    """Press Tab (Shift+Tab) until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{selector} was never reached with the keyboard")


def test_a_rich_text_field_is_filled_formatted_and_saved_with_the_keyboard_alone(open_page):
    karaganda = Strategy.objects.get(city__code="karaganda")
    page = open_page("karaganda.editor", lang="kk")
    page.goto(f"{page.base_url}/kk/strategies/{karaganda.pk}/edit/vision/")
    area = ".lang-col:has(#id_vision-text_kk) .jodit-wysiwyg"
    expect(page.locator(area)).to_be_visible()
    # Nothing in English in the editor's status bar of a Kazakh page (no vendor link).
    expect(page.locator(".jodit-status-bar a")).to_have_count(0)

    # The editing area is a tab stop, announced by its field and language, in Kazakh.
    tab_to(page, area)
    expect(page.locator(area)).to_have_attribute("lang", "kk")
    expect(page.locator(area)).to_have_attribute("aria-label", "Пайым, Қазақ тілі")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Таза ауа")

    # The last two words selected with the keyboard, then back to the toolbar's "Bold" button
    # (named in Kazakh), pressed with Enter.
    page.keyboard.press("Control+Shift+ArrowLeft")
    page.keyboard.press("Control+Shift+ArrowLeft")
    bold = '.lang-col:has(#id_vision-text_kk) button[aria-label="Қалың"]'
    tab_to(page, bold, backwards=True)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")

    # On to the section's save button, pressed with Enter.
    tab_to(page, "section#vision button[value=save]")
    page.keyboard.press("Enter")
    expect(page.locator(".message.success")).to_be_visible()
    karaganda.vision.refresh_from_db()
    assert "келетін қала. <strong>Таза ауа</strong>" in karaganda.vision.text_kk
    assert "<strong>Таза ауа</strong>" in karaganda.vision.text_kk


def test_errors_are_summarised_at_the_top_with_links_to_their_fields_and_get_the_focus(
    open_page,
):
    karaganda = Strategy.objects.get(city__code="karaganda")
    page = open_page("karaganda.editor", lang="ru")
    page.goto(f"{page.base_url}/ru/strategies/{karaganda.pk}/edit/evidence/")
    # A new item sent empty: the form comes back with its errors.
    page.locator("details.item-box.new:has(form#evidence-new) > summary").click()
    page.locator("form#evidence-new button[value=save]").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("h2")).to_have_text("Исправьте эти поля:")
    links = summary.locator("a")
    assert links.count() >= 1
    target = links.first.get_attribute("href")[1:]
    assert page.locator(f"[id='{target}_error']").count() == 1  # the error shown at the field
    # With the keyboard: Tab to the first link, Enter, and the field has the focus.
    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id || document.activeElement.className")
    assert focused == target or "jodit-wysiwyg" in focused
