"""The approval route in real Chromium: Almaty from draft to the approved edition an anonymous
visitor reads (hearings, one return with remarks, answers, diff, resubmission, adjacent region,
maslikhat), and a regional centre that goes through without the adjacent stage."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.models import Membership, Organisation, User
from strategies.document_json import document_dump, document_load
from strategies.models import Strategy
from strategies.selectors import strategy_document
from tests.approvals.conftest import PDF, tomorrow
from tests.clock import days_pass

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def today() -> str:
    return timezone.localdate().isoformat()


def go(page, path: str):
    return page.goto(f"{page.base_url}{path}")


def confirming(page, selector: str) -> None:
    """Click a button that asks for confirmation (static/js/confirm.js) and accept."""
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click(selector)
    expect(page.locator("body")).to_be_visible()
    assert asked and "?" in asked[0], asked  # a translated question was asked


def submit(page, pk: int, *, to: str = "hearing") -> None:
    """Submit from the overview: a first submission opens the public hearing; a returned draft
    goes straight back to the stage that returned it (to="timeline")."""
    go(page, f"/ru/strategies/{pk}/")
    page.click(".approval-panel .submit-link a")
    if to == "hearing":
        page.fill("input[name=hearing_until]", tomorrow().isoformat())
    confirming(page, "form.submit-form button.primary")
    expect(page).to_have_url(re.compile(rf"/strategies/{pk}/approval/{to}/"))


def record_and_close_hearing(page, pk: int, tmp_path) -> None:
    protocol = tmp_path / "protocol.pdf"
    protocol.write_bytes(PDF)
    go(page, f"/ru/strategies/{pk}/approval/hearing/")
    page.fill("input[name=held_on]", today())
    page.fill("input[name=place]", "Алматы, Абай даңғылы, 90")
    page.fill("input[name=public_council]", "Алматы қаласының қоғамдық кеңесі")
    page.fill("input[name=participants]", "140")
    page.set_input_files("input[name=protocol]", str(protocol))
    page.click("form.record button.primary")
    expect(page.locator(".message.success")).to_be_visible()
    days_pass(1)  # the comment period has ended
    confirming(page, "form.close-form button.primary")
    expect(page).to_have_url(re.compile(rf"/strategies/{pk}/approval/timeline/"))


def agree(page, pk: int) -> None:
    go(page, f"/ru/strategies/{pk}/approval/review/")
    confirming(page, "form.decision input[value=agree] ~ button")
    expect(page).to_have_url(re.compile(rf"/strategies/{pk}/approval/timeline/"))


def recommend_and_approve(editor, secretary, pk: int, number: str) -> None:
    go(editor, f"/ru/strategies/{pk}/approval/review/")
    form = editor.locator("form#recommend")
    form.locator("input[name=recommended_on]").fill(today())
    form.locator("textarea[name=recommendation]").fill("Әкімдік стратегияны бекітуге ұсынады.")
    form.locator("input[name=consulted_on]").fill(today())
    form.locator("input[name=consultation_reference]").fill("ҚР Президенті Әкімшілігі, 01-12/345")
    form.locator("button").click()
    expect(editor.locator(".message.success")).to_be_visible()
    go(secretary, f"/ru/strategies/{pk}/approval/review/")
    form = secretary.locator("form#approve")
    form.locator("input[name=session_on]").fill(today())
    form.locator("input[name=decision_number]").fill(number)
    confirming(secretary, "form#approve button")
    expect(secretary).to_have_url(re.compile(rf"/public/{pk}/"))


def test_almaty_goes_from_draft_to_a_published_edition(open_page, tmp_path):
    almaty = Strategy.objects.get(city__code="almaty", state="draft")
    pk = almaty.pk
    editor = open_page("almaty.editor")
    ministry = open_page("ministry.reviewer")
    visitor = open_page(None)

    submit(editor, pk)
    # A citizen comments on the vision without signing in.
    go(visitor, f"/ru/public/{pk}/hearing/")
    # The comment form of the vision, beside the vision.
    visitor.click("#vision-comment summary")
    visitor.fill("#vision-comment input[name=author_name]", "Әлия")
    visitor.fill("#vision-comment textarea[name=text]", "Саябақтар мен веложолдар жеткіліксіз.")
    visitor.click("#vision-comment button.primary")
    expect(visitor.locator("#vision .section-comments")).to_contain_text("веложолдар")
    # The akimat answers it, records the hearing and closes it.
    go(editor, f"/ru/strategies/{pk}/approval/hearing/")
    editor.fill("form.answer-form textarea[name=answer]", "Жасыл белдеу жобасына енгізілді.")
    editor.click("form.answer-form button[value=answer]")
    expect(editor.locator(".message.success")).to_be_visible()
    record_and_close_hearing(editor, pk, tmp_path)

    # The ministry returns the draft with a remark on the vision.
    go(ministry, f"/ru/strategies/{pk}/approval/review/")
    expect(ministry.locator(".snapshot-meta")).to_contain_text("#1")
    ministry.select_option("select[name=remarks-0-target]", "section:vision")
    ministry.fill(
        "textarea[name=remarks-0-text]", "Покажите связь видения со Стратегией «Казахстан-2050»."
    )
    confirming(ministry, "form.return button.danger")
    expect(ministry).to_have_url(re.compile(rf"/strategies/{pk}/approval/timeline/"))
    expect(ministry.locator('[data-outcome="returned"]')).to_be_visible()

    # The editor answers the remark, changes the vision and resubmits.
    go(editor, f"/ru/strategies/{pk}/approval/remarks/")
    remark = editor.locator("article.remark").first
    remark.locator("input[value=accepted]").check()
    remark.locator("textarea").fill("Видение дополнено ссылкой на Стратегию «Казахстан-2050».")
    remark.locator("button.primary").click()
    expect(editor.locator('article.remark[data-open="false"]')).to_have_count(1)
    go(editor, f"/ru/strategies/{pk}/edit/vision/")
    area = editor.locator(".lang-col:has(#id_vision-text_ru) .jodit-wysiwyg")
    area.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.type(" Видение служит целям Стратегии Казахстан-2050.")
    editor.locator("section#vision button[value=save]").click()
    expect(editor.locator(".message.success")).to_be_visible()
    submit(editor, pk, to="timeline")  # back to the ministry, which returned it (p.14-16)

    # The ministry sees what changed since it returned the draft, beside its remark and the answer.
    go(ministry, f"/ru/strategies/{pk}/approval/review/")
    ministry.click("text=#1 → #2")
    expect(ministry.locator('#diff-vision[data-changed="true"] ins')).to_contain_text(
        "Казахстан-2050"
    )
    expect(ministry.locator('#diff-swot[data-changed="false"]')).to_be_visible()
    expect(ministry.locator(".decision-panel")).to_contain_text("Видение дополнено")
    agree(ministry, pk)

    # The adjacent region agrees; the maslikhat approves after the akimat's recommendation.
    agree(open_page("almaty-region.reviewer"), pk)
    recommend_and_approve(editor, open_page("almaty.maslikhat"), pk, "45/312-VIII")

    # Anyone reads the approved edition, without sign-in and without the draft mark.
    go(visitor, f"/ru/public/{pk}/")
    expect(visitor.locator(".cover h1")).to_have_text(almaty.title_ru)
    expect(visitor.locator(".draft-mark")).to_have_count(0)
    expect(visitor.locator(".snapshot-meta")).to_contain_text("#2")
    go(visitor, f"/ru/strategies/{pk}/approval/timeline/")
    expect(visitor.locator('.stage-run[data-stage="maslikhat"]')).to_contain_text("45/312-VIII")
    assert Strategy.objects.get(pk=pk).state == Strategy.State.APPROVED


def test_a_regional_centre_goes_through_without_the_adjacent_stage(open_page, tmp_path):
    editor_user = User.objects.create_user("pavlodar.editor", password="qala-demo-2050")
    Membership.objects.create(
        user=editor_user,
        organisation=Organisation.objects.get(code="city-akimat-pavlodar"),
        role="city_editor",
    )
    secretary_user = User.objects.create_user("pavlodar.maslikhat", password="qala-demo-2050")
    Membership.objects.create(
        user=secretary_user, organisation=Organisation.objects.get(code="region-maslikhat-pavlodar"),
        role="maslikhat_secretary",
    )  # fmt: skip
    content = document_dump(
        strategy_document(Strategy.objects.get(city__code="almaty", state="draft").pk)
    )
    content.update(city="pavlodar", settlements=[])
    pk = document_load(content, actor=editor_user).pk

    editor = open_page("pavlodar.editor")
    submit(editor, pk)
    record_and_close_hearing(editor, pk, tmp_path)
    agree(open_page("ministry.reviewer"), pk)
    expect(editor.locator('[data-stage="adjacent"]')).to_have_count(0)
    go(editor, f"/ru/strategies/{pk}/")
    expect(editor.locator(".route li.current")).to_have_text("Маслихат")
    recommend_and_approve(editor, open_page("pavlodar.maslikhat"), pk, "7/56")
    assert Strategy.objects.get(pk=pk).state == Strategy.State.APPROVED
