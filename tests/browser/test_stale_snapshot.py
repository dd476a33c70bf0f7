"""The stale page, in real Chromium. The ministry's reviewer keeps the review page of snapshot #1
open; meanwhile another reviewer of the ministry returns the draft, the akimat resubmits it as
snapshot #2 and it reaches the ministry again; the reviewer clicks "Agree" on the old page and
confirms. Refused (409) with a link to #2: nothing recorded, no audit event. And the confirmation
itself (static/js/confirm.js): cancelling it sends nothing."""

import re

import pytest
from playwright.sync_api import expect

from approvals import services
from approvals.models import Decision
from core.models import AuditEvent, Membership
from strategies.models import Strategy
from tests.approvals.conftest import member, on_page, through_hearings, user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def agreements(strategy):
    return Decision.objects.filter(stage_run__process__strategy=strategy, outcome="agreed")


def review_page(page, strategy):
    page.goto(f"{page.base_url}/ru/strategies/{strategy.pk}/approval/review/")


def test_agreeing_on_the_page_of_a_superseded_snapshot_is_refused(open_page):
    almaty = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    editor = user("almaty.editor")
    through_hearings(almaty, editor)  # snapshot #1 reaches the central planning body
    page = open_page("ministry.reviewer")
    review_page(page, almaty)
    expect(page.locator(".snapshot-meta")).to_contain_text("#1")

    # While the page stays open: returned by a colleague, revised, resubmitted as #2.
    deputy = member("ministry.deputy", "mne", Membership.Role.MINISTRY_REVIEWER)
    services.stage_return(
        actor=deputy, strategy=almaty, **on_page(almaty),
        remarks=[services.RemarkInput("section:vision", "Уточните видение.")],
    )  # fmt: skip
    through_hearings(almaty, editor)
    assert on_page(almaty) == {"snapshot_number": 2, "stage": "central"}

    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.fill("form.agree textarea[name=comment]", "Келісемін.")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.click("form.agree button")
    assert answer.value.status == 409
    assert "#1" in questions[0]

    refusal = page.locator(".message.stale")
    expect(refusal).to_contain_text("#1")
    expect(refusal).to_contain_text("#2")
    assert not agreements(almaty).exists()
    assert not AuditEvent.objects.filter(strategy=almaty, event_type="approval.agreed").exists()

    # The link leads to the current snapshot, where the decision is offered on #2.
    link = refusal.locator("a")
    expect(link).to_have_attribute("href", re.compile(r"/approval/review/\?snapshot=2$"))
    link.click()
    expect(page.locator(".snapshot-meta")).to_contain_text("#2")
    expect(page.locator("form.agree input[name=snapshot]")).to_have_value("2")
    # And the page of #1 offers nothing any more.
    page.goto(f"{page.base_url}/ru/strategies/{almaty.pk}/approval/review/?snapshot=1")
    expect(page.locator(".message.superseded")).to_be_visible()
    expect(page.locator("form.decision")).to_have_count(0)


def test_cancelling_the_confirmation_sends_nothing(open_page):
    almaty = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    through_hearings(almaty, user("almaty.editor"))
    page = open_page("ministry.reviewer")
    review_page(page, almaty)
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("form.agree button")
    expect(page.locator("form.agree button")).to_be_visible()
    assert posts == [] and not agreements(almaty).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form.agree button")
    expect(page).to_have_url(re.compile(rf"/strategies/{almaty.pk}/approval/timeline/"))
    assert agreements(almaty).count() == 1
