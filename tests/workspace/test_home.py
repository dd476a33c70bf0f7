"""The home page and the public index: each role's home page starts with what waits for it, with a
direct link to the page where it is done; anyone reaches the approved editions and the drafts in
public hearing; the queries a page makes do not grow with the number of strategies."""

import html as html_module
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from approvals import services
from tests.approvals.conftest import bring, latest_snapshot, on_page, user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def home(client, username=None, *, max_queries=None) -> str:
    if username:
        client.force_login(user(username))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    assert response.status_code == 200
    if max_queries is not None:
        assert len(queries) <= max_queries, [q["sql"] for q in queries.captured_queries]
    return response.content.decode()


def queue(html: str) -> str:
    """The "Waiting for you" section of the home page."""
    match = re.search(r'<section aria-labelledby="queue-heading".*?</section>', html, re.S)
    assert match, "no work queue on the page"
    return html_module.unescape(match.group(0))


def test_an_anonymous_visitor_reaches_every_approved_edition_and_open_hearing(client, almaty):
    bring(almaty, "hearings")
    approved = (
        user("almaty.editor").memberships.first().organisation.city.strategies.get(state="approved")
    )
    html = home(client, max_queries=8)
    assert reverse("approvals:edition", args=[approved.pk]) in html
    assert reverse("approvals:public_hearing", args=[almaty.pk]) in html
    assert reverse("public_index") in html
    assert "Waiting for you" not in html and "Your working copies" not in html


def test_a_ministry_reviewer_sees_the_snapshot_awaiting_their_decision(client, almaty):
    bring(almaty, "central")
    number = latest_snapshot(almaty)
    html = queue(home(client, "ministry.reviewer", max_queries=14))
    link = reverse("approvals:review", args=[almaty.pk]) + f"?snapshot={number}"
    assert f'href="{link}"' in html
    assert f"Snapshot #{number} awaits your decision: central planning body." in html


def test_the_reviewer_home_has_no_working_copies_title(client, almaty):
    assert "Your working copies" not in home(client, "ministry.reviewer")


def test_an_adjacent_reviewer_sees_their_stage_until_their_akimat_decides(client, almaty):
    bring(almaty, "adjacent")
    link = reverse("approvals:review", args=[almaty.pk])
    assert link in queue(home(client, "almaty-region.reviewer", max_queries=14))
    assert link not in queue(home(client, "ministry.reviewer"))  # decided, moved on
    services.stage_agree(actor=user("almaty-region.reviewer"), strategy=almaty, **on_page(almaty))
    assert link not in queue(home(client, "almaty-region.reviewer"))


def test_the_akimat_sees_the_hearing_to_record_and_the_comments_to_answer(client, almaty):
    bring(almaty, "hearings")  # one comment, unanswered; nothing recorded
    html = queue(home(client, "almaty.editor", max_queries=40))
    assert reverse("approvals:hearing", args=[almaty.pk]) in html
    assert "1 public comment to answer." in html
    assert "Record the public hearing" in html


def test_the_akimat_sees_the_remarks_to_answer_after_a_return(client, almaty):
    bring(almaty, "returned")
    html = queue(home(client, "almaty.editor"))
    assert reverse("approvals:remarks", args=[almaty.pk]) in html
    assert "1 remark of the reviewers to answer." in html


def test_the_akimat_then_the_secretary_see_their_part_of_the_maslikhat_stage(client, almaty):
    bring(almaty, "maslikhat")
    review = reverse("approvals:review", args=[almaty.pk])
    assert "Record the akimat's recommendation" in queue(home(client, "almaty.editor"))
    secretary = queue(home(client, "almaty.maslikhat", max_queries=14))
    assert "The akimat's recommendation is awaited" in secretary and "data-waiting" in secretary
    today = timezone.localdate()
    services.maslikhat_recommend(
        actor=user("almaty.editor"), strategy=almaty, snapshot_number=latest_snapshot(almaty),
        recommended_on=today, recommendation="Ұсынылады.", consulted_on=today,
        consultation_reference="01-12/345",
    )  # fmt: skip
    secretary = queue(home(client, "almaty.maslikhat"))
    assert "Record the session of the maslikhat" in secretary and review in secretary
    assert "data-waiting" not in secretary
    assert "Record the akimat's recommendation" not in queue(home(client, "almaty.editor"))


def test_the_approved_edition_and_its_history_are_one_click_from_the_editors_home(
    client, almaty_approved
):
    html = home(client, "almaty.editor")
    assert reverse("approvals:edition", args=[almaty_approved.pk]) in html
    assert reverse("approvals:timeline", args=[almaty_approved.pk]) in html
    assert "Your working copies" in html


def test_the_public_index_lists_cities_by_region_with_their_editions(client, almaty):
    bring(almaty, "hearings")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/kk/public/")
    assert response.status_code == 200 and len(queries) <= 6
    html = response.content.decode()
    approved = almaty.amends_id
    assert reverse("approvals:edition", args=[approved]).replace("/en/", "/kk/") in html
    assert f"/kk/public/{almaty.pk}/hearing/" in html
    assert "Қарағанды" in html and "Ақмола" in html


def test_the_public_hearing_names_the_city_and_has_a_comment_form_beside_each_section(
    client, almaty
):
    bring(almaty, "hearings")
    page = reverse("approvals:public_hearing", args=[almaty.pk])
    html = client.get(page).content.decode()
    assert "Public hearing of the draft strategy of Almaty" in html
    forms = re.findall(r'<details class="comment-box" id="([a-z-]+)-comment"', html)
    assert len(forms) == len(set(forms))  # one form per section
    assert {"analysis", "swot", "vision", "mechanism", "smartcity"} <= set(forms)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # every field of every form has its own id
    # A comment refused at its field comes back in the form of its section, opened.
    response = client.post(page, {"section": "swot", "text": " ", "token": "x"})
    assert response.status_code == 400
    html = html_module.unescape(response.content.decode())
    swot = re.search(
        r'<details class="comment-box" id="swot-comment" lang="en" open>.*?</details>', html, re.S
    )
    assert swot and "This field is required." in swot.group(0)


def test_a_city_with_a_strategy_in_force_is_offered_an_amendment_not_a_new_strategy(client, db):
    """An approved strategy changes by an amendment (a new draft cycle of its edition): the home
    page offers that, and starting a new strategy beside it is refused."""
    from core.exceptions import Conflict
    from core.models import City
    from strategies.services import strategy_create
    from tests.api.helpers import approved_almaty

    edition = approved_almaty()  # Almaty: in force, no working copy
    html = home(client, "almaty.editor")
    assert f'action="{reverse("approvals:amend", args=[edition.pk])}"' in html
    assert f'name="city" value="{edition.city_id}"' not in html
    with pytest.raises(Conflict):
        strategy_create(actor=user("almaty.editor"), city=City.objects.get(code="almaty"))
    page = client.get(reverse("strategies:create")).content.decode()
    assert "<select" not in page and "changed by an amendment" in page
