"""The PDF button in real Chromium: a visitor of the public edition asks for the Russian PDF, sees
the render's progress while a real Celery worker makes it, downloads the file, and pdftotext
reads it; an editor does the same for the working draft from the strategy's overview."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from strategies.models import Strategy
from tests.publishing.conftest import DRAFT_MARKS, pdf_pages
from tests.publishing.worker import celery_worker, disk_storage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the real Redis"),
]
RENDER_TIMEOUT = 180_000  # ms: a busy test machine renders the demo in well under a minute


@pytest.fixture
def files_on_disk(settings, tmp_path) -> Path:
    return disk_storage(settings, tmp_path)


def download_pdf(page, lang: str) -> bytes:
    """Click the button of `lang`, see the progress, then download what the link gives."""
    item = page.locator("[data-pdf-item]", has=page.locator(f"button[lang={lang}]"))
    item.locator("button[type=submit]").click()
    status = item.locator(".pdf-status")
    expect(status).to_have_attribute("data-status", re.compile("pending|rendering"))  # live
    expect(status).not_to_be_empty()
    link = item.locator("a.pdf-download")
    expect(link).to_be_visible(timeout=RENDER_TIMEOUT)
    expect(status).to_have_attribute("data-status", "ready")
    with page.expect_download() as download:
        link.click()
    return Path(download.value.path()).read_bytes()


def test_a_visitor_downloads_the_approved_edition_as_pdf(open_page, files_on_disk):
    approved = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    with celery_worker(files_on_disk):
        page = open_page(None, lang="ru")
        page.goto(f"{page.base_url}/ru/public/{approved.pk}/")
        pages = pdf_pages(download_pdf(page, "ru"))
    text = " ".join(" ".join(pages).split())
    assert "45/312-VIII" in text
    assert DRAFT_MARKS["ru"] not in text and DRAFT_MARKS["kk"] not in text


def test_an_editor_downloads_the_working_draft_from_the_overview(open_page, files_on_disk):
    draft = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    with celery_worker(files_on_disk):
        page = open_page("almaty.editor", lang="kk")
        page.goto(f"{page.base_url}/kk/strategies/{draft.pk}/")
        pages = pdf_pages(download_pdf(page, "kk"))
    assert all(DRAFT_MARKS["kk"] in text for text in pages)
