"""Tablet and phone layouts in real Chromium (WCAG 1.4.10 reflow): at 1024 x 768 and 390 x 844 no
page is wider than the screen (tables scroll in their own box), at 1024 the editor keeps its form
beside the section navigation, and at 320 px the indicator form fits."""

import pytest
from playwright.sync_api import expect

from indicators.models import Indicator
from strategies.models import Strategy
from tests.browser.pages import pages_in_every_state

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Kazakh: the longest words of the three languages.
LANG = "kk"
WIDER_THAN_SCREEN = "document.documentElement.scrollWidth - window.innerWidth"
# The outermost elements that stick out on the right, outside any box that scrolls or clips.
STICKING_OUT = """() => {
  const out = [];
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") { return true; }
    }
    return false;
  };
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 && box.width > 0 && !clipped(el)
        && !out.some((o) => o.contains(el))) { out.push(el); }
  }
  return out.slice(0, 4).map((el) => el.tagName.toLowerCase()
    + (el.id ? "#" + el.id : "") + (el.className && el.className.baseVal === undefined
    ? "." + String(el.className).trim().split(/\\s+/).join(".") : ""));
}"""


@pytest.fixture
def open_sized(open_page):
    """open_sized(username, width, height) → a signed-in page with that viewport."""

    def open_as(username: str | None, width: int, height: int):
        return open_page(
            username, lang=LANG, viewport=(width, height), timeout=15_000,
            navigation_timeout=60_000,
        )  # fmt: skip

    return open_as


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (390, 844)])
def test_no_page_is_wider_than_the_screen(open_sized, width, height):
    too_wide = []
    for username, paths in pages_in_every_state().items():
        page = open_sized(username, width, height)
        for path in paths:
            page.goto(f"{page.base_url}/{LANG}{path}")
            page.wait_for_load_state("load")
            overflow = page.evaluate(WIDER_THAN_SCREEN)
            if overflow > 0:
                culprits = ", ".join(page.evaluate(STICKING_OUT))
                who = username or "anonymous"
                too_wide.append(f"{who} {path}: {overflow}px too wide ({culprits})")
    assert not too_wide, "\n".join(too_wide)


def test_at_1024_the_editor_form_is_beside_a_collapsible_section_navigation(open_sized):
    karaganda = Strategy.objects.get(city__code="karaganda")
    page = open_sized("karaganda.editor", 1024, 768)
    page.goto(f"{page.base_url}/{LANG}/strategies/{karaganda.pk}/edit/vision/")
    nav = page.locator("nav.sections").bounding_box()
    form = page.locator("article.editor").bounding_box()
    assert form["x"] >= nav["x"] + nav["width"]  # beside, not below
    assert form["y"] < 768  # the form starts on the first screen
    # The navigation folds away and opens again.
    page.click("nav.sections summary")
    expect(page.locator("nav.sections ol")).to_be_hidden()
    page.click("nav.sections summary")
    expect(page.locator("nav.sections ol")).to_be_visible()


def test_at_320_px_the_indicator_form_fits(open_sized):
    karaganda = Strategy.objects.get(city__code="karaganda")
    indicator = Indicator.objects.filter(direction__strategy=karaganda).first()
    page = open_sized("karaganda.editor", 320, 640)
    page.goto(
        f"{page.base_url}/{LANG}/strategies/{karaganda.pk}/edit/"
        f"indicators-{indicator.direction.slug}/"
        f"?open=indicators-{indicator.pk}#indicators-{indicator.pk}"
    )
    form = page.locator(f"form#indicators-{indicator.pk}")
    expect(form).to_be_visible()
    assert page.evaluate(WIDER_THAN_SCREEN) <= 0, page.evaluate(STICKING_OUT)
    box = form.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
