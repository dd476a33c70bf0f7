"""The yearly monitoring report in real Chromium: a visitor goes from the demo's public edition to
its monitoring report and sees the SDG 11 table with its statuses and charts, then chooses another
year, and downloads the Kazakh PDF a real Celery worker makes; the ministry's comparison of cities
opens with its filters."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from strategies.models import Strategy
from tests.browser.test_pdf import download_pdf
from tests.publishing.conftest import pdf_pages
from tests.publishing.worker import celery_worker, disk_storage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def files_on_disk(settings, tmp_path) -> Path:
    return disk_storage(settings, tmp_path)


def test_a_visitor_reads_the_sdg11_table_with_its_statuses_and_charts(open_page):
    edition = Strategy.objects.get(city__code="almaty", state="approved")
    visitor = open_page(None)
    visitor.goto(f"{visitor.base_url}/ru/public/{edition.pk}/")
    visitor.click("text=Ежегодный отчёт о мониторинге")

    expect(visitor.locator("h1")).to_have_text("Отчёт о мониторинге за 2022 год")
    expect(visitor.locator("#id_year")).to_have_value("2022")
    sdg11 = visitor.locator('section.report-goal[data-goal="11"]')
    expect(sdg11.locator("h2")).to_contain_text("ЦУР 11.")
    recycling = sdg11.locator(
        "article.report-indicator", has_text="Доля переработки и утилизации ТБО"
    )
    expect(recycling.locator('td[data-row="actual"][data-year="2022"]')).to_have_text("18")
    expect(recycling.locator('p.statuses [data-kind="year"]')).to_have_text("отстаёт от плана")
    expect(recycling.locator('p.statuses [data-kind="progress"]')).to_have_text("в графике")
    expect(recycling.locator("p.explanation.missing")).to_be_visible()
    chart = recycling.locator('figure.chart-figure svg[role="img"]')
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 200
    expect(chart.locator("title")).to_contain_text("Доля переработки и утилизации ТБО")
    # The summary: counts per status with their charts.
    expect(visitor.locator('[data-summary="year"] [data-status="off_track"]')).to_be_visible()
    expect(visitor.locator('.report-summary svg[role="img"]')).to_have_count(2)
    expect(visitor.locator(".pdf-export button")).to_have_count(2)

    # Another year: the report of 2021 stops at 2021.
    visitor.select_option("#id_year", "2021")
    visitor.click("form.filters button")
    expect(visitor.locator("h1")).to_have_text("Отчёт о мониторинге за 2021 год")
    expect(recycling.locator('td[data-year="2022"]')).to_have_count(0)
    expect(recycling.locator('td[data-row="actual"][data-year="2021"]')).to_be_visible()


def test_the_ministry_opens_the_comparison_from_its_home_page(open_page):
    reviewer = open_page("ministry.reviewer", lang="en")
    reviewer.click("text=Comparison of cities on the recommended indicators")
    expect(reviewer.locator("h1")).to_have_text(
        "Comparison of cities on the recommended indicators"
    )
    expect(reviewer.locator('[data-scope="submitted"]')).to_be_visible()
    reviewer.select_option("#id_sort", "status")
    reviewer.click("form.filters button")
    expect(reviewer.locator("#id_sort")).to_have_value("status")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the real Redis")
def test_a_visitor_downloads_the_kazakh_report_made_by_a_real_worker(open_page, files_on_disk):
    edition = Strategy.objects.get(city__code="almaty", state="approved")
    with celery_worker(files_on_disk):
        visitor = open_page(None, lang="kk")
        visitor.goto(f"{visitor.base_url}/kk/strategies/{edition.pk}/monitoring/report/?year=2022")
        text = " ".join(" ".join(pdf_pages(download_pdf(visitor, "kk"))).split())
    assert "2022 жылғы мониторинг есебі" in text and "ТДМ 11." in text
    assert "жоспардан қалып отыр" in text and "631,7" in text
