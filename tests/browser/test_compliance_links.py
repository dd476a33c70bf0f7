"""No dead ends in the compliance checklist, in real Chromium: every link of a failing check of an
empty strategy lands on the page and the field (or the new item's form) that fixes it."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_drafting import make_editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONTROL = ", ".join(
    f"{control}:visible"
    for control in ("input:not([type=hidden])", "select", "textarea", "[contenteditable=true]")
)


def test_every_link_of_a_failing_check_lands_on_the_field_that_fixes_it(open_page):
    make_editor("shymkent.editor", "shymkent")
    page = open_page("shymkent.editor")
    page.click("button[name=city]")
    expect(page.locator("#checklist")).to_be_visible()

    links = page.eval_on_selector_all(
        '#checklist li.check[data-passed="false"]',
        """(checks) => checks.flatMap((check) => Array.from(check.querySelectorAll("a"))
            .map((a) => [check.dataset.check, a.getAttribute("href"), a.textContent.trim()]))""",
    )
    failing = {code for code, _href, _text in links}
    # An empty strategy: the checks of every kind of field fail, mandatory and advisory.
    assert {"analysis.narrative", "analysis.swot", "vision.text", "mechanism"} <= failing
    assert {
        "indicators.present",
        "smartcity.assessment",
        "functional_area",
        "benchmarks",
    } <= failing

    for code, href, text in links:
        assert "#" in href, f"{code}: “{text}” links to {href}, no field"
        page.goto(f"{page.base_url}{href}")
        anchor = href.split("#", 1)[1]
        target = page.locator(f"[id='{anchor}']")
        expect(target, f"{code}: {href}").to_have_count(1)
        # The field itself, or the form (a new item's) whose fields fix it, open and visible.
        control = target.locator(CONTROL).first
        expect(control, f"{code}: {href}").to_be_visible()
