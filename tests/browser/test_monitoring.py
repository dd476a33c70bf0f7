"""Monitoring in real Chromium: Almaty's editor imports the SDG 11 workbook of the 2023 VLR through
the page, reads the preview, confirms it and sees the monitoring page with both statuses; a
visitor reads the same page without signing in."""

import pytest
from playwright.sync_api import expect

from indicators.models import GoodDirection, Indicator, YearlyValue
from strategies.models import Strategy
from tests.indicators.conftest import XLSX

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go(page, path: str):
    return page.goto(f"{page.base_url}{path}")


def empty_row(page):
    """The first row of the monitoring grid with no year yet (a new year is typed there)."""
    rows = page.locator("form.year-grid-form tbody tr")
    return next(
        rows.nth(i)
        for i in range(rows.count())
        if rows.nth(i).locator("input[name$='-year']").input_value() == ""
    )


def test_an_editor_imports_the_workbook_previews_confirms_and_reads_the_statuses(open_page):
    edition = Strategy.objects.get(city__code="almaty", state="approved")
    YearlyValue.objects.filter(city=edition.city).delete()  # the import starts from nothing
    editor = open_page("almaty.editor")

    go(editor, f"/ru/strategies/{edition.pk}/monitoring/")
    editor.click("text=Импортировать таблицу")
    editor.set_input_files("#id_file", str(XLSX))
    editor.click("form button.primary")

    # The preview: what will be added, and nothing written yet.
    expect(editor.locator('[data-count="indicators"]')).to_have_text("11")
    expect(editor.locator('[data-count="created"]')).to_have_text("67")
    expect(editor.locator('tr[data-action="created"]')).to_have_count(67)
    expect(editor.locator(".import-errors")).to_have_count(0)
    assert not YearlyValue.objects.filter(city=edition.city).exists()

    editor.click("form.confirm-import button.primary")
    expect(editor.locator(".message.success")).to_contain_text("67")
    assert YearlyValue.objects.filter(city=edition.city).count() == 67

    # The monitoring page: both statuses, in Russian, with the real values.
    recycling = editor.locator(
        "article.indicator-monitoring", has_text="Доля переработки и утилизации ТБО"
    )
    expect(recycling.locator('td[data-row="actual"][data-year="2022"]')).to_have_text("18")
    expect(recycling.locator('[data-kind="year"][data-year="2022"]')).to_have_text(
        "отстаёт от плана"
    )
    expect(recycling.locator('[data-kind="progress"]')).to_have_text("в графике")
    expect(recycling.locator('li.missing[data-year="2022"]')).to_be_visible()
    expect(editor.locator('[data-summary="progress"] [data-status="on_track"]')).to_be_visible()

    # The visitor reads the same page from the public edition, without signing in.
    visitor = open_page(None)
    go(visitor, f"/ru/public/{edition.pk}/")
    visitor.click("text=Мониторинг целевых индикаторов")
    expect(visitor.locator("article.indicator-monitoring")).to_have_count(33)
    expect(visitor.locator("text=Импортировать таблицу")).to_have_count(0)


def test_a_missed_plan_without_explanation_is_summarised_at_the_top_with_a_link(open_page):
    """The error of a whole year's row (the plan missed, no explanation) joins the error
    summary, which takes the focus and links to the row (WCAG 3.3.1), as field errors do."""
    edition = Strategy.objects.get(city__code="almaty", state="approved")
    indicator = Indicator.objects.filter(
        direction__strategy=edition, good_direction=GoodDirection.UP, unit="%"
    ).first()
    editor = open_page("almaty.editor")
    go(editor, f"/ru/strategies/{edition.pk}/monitoring/indicators/{indicator.pk}/")
    row = empty_row(editor)
    row.locator("input[name$='-year']").fill("2024")
    row.locator("input[name$='-plan']").fill("50")
    row.locator("input[name$='-actual']").fill("10")
    editor.click("form.year-grid-form button.primary")

    summary = editor.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_contain_text("2024")
    summary.locator("a", has_text="2024").first.click()
    # The focus is on the first field of that row: its year.
    assert editor.evaluate("document.activeElement.name").endswith("-year")
    assert editor.evaluate("document.activeElement.value") == "2024"


def test_values_to_confirm_are_summarised_at_the_top_with_links_to_their_cells(open_page):
    """Values the plausibility check warns about (far outside the indicator's range) are listed
    in a focused summary whose links land on their cells, where the confirmation is."""
    edition = Strategy.objects.get(city__code="almaty", state="approved")
    indicator = Indicator.objects.filter(
        direction__strategy=edition, good_direction=GoodDirection.UP, unit="%"
    ).first()
    editor = open_page("almaty.editor", lang="kk", viewport=(390, 844))
    go(editor, f"/kk/strategies/{edition.pk}/monitoring/indicators/{indicator.pk}/")
    row = empty_row(editor)
    row.locator("input[name$='-year']").fill("2026")
    row.locator("input[name$='-plan']").fill("900 000")
    editor.click("form.year-grid-form button.primary")

    summary = editor.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    summary.locator("a").first.click()
    assert editor.evaluate("document.activeElement.name").endswith("-plan")
    assert not YearlyValue.objects.filter(indicator_uid=indicator.uid, year=2026).exists()
