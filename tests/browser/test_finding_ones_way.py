"""Finding one's way in real Chromium: an anonymous visitor reaches the approved edition and a
draft in public hearing from the home page by clicking."""

import re

import pytest
from playwright.sync_api import expect

from approvals.services import process_submit
from core.models import User
from strategies.models import Strategy
from tests.approvals.conftest import tomorrow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_anonymous_visitor_clicks_from_home_to_the_edition_and_to_the_open_hearing(open_page):
    approved = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    astana = Strategy.objects.get(city__code="astana")
    process_submit(
        actor=User.objects.get(username="astana.editor"), strategy=astana, hearing_until=tomorrow()
    )
    page = open_page(None, lang="kk")
    page.goto(f"{page.base_url}/kk/")

    page.get_by_role("link", name=approved.title_kk).first.click()
    expect(page).to_have_url(re.compile(rf"/kk/public/{approved.pk}/$"))
    expect(page.locator("h1")).to_contain_text(approved.title_kk)

    page.go_back()
    page.get_by_role("link", name=astana.title_kk).first.click()
    expect(page).to_have_url(re.compile(rf"/kk/public/{astana.pk}/hearing/$"))
    expect(page.locator("main")).to_contain_text(astana.title_kk)
    expect(page.locator("details.comment-box").first).to_be_attached()  # a comment form
