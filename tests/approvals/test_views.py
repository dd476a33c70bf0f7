"""The approval pages through Django's test client: public comments, what reviewers read, refusals
shown on the page, the timeline."""

import uuid

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from approvals.models import Comment, Hearing
from core.models import AuditEvent
from strategies.services import content_update
from tests.approvals.conftest import bring, tomorrow, user

pytestmark = pytest.mark.django_db


def url(name, strategy, lang="en"):
    with translation.override(lang):
        return reverse(f"approvals:{name}", args=[strategy.pk])


def open_hearing(strategy) -> Hearing:
    """The hearing of the strategy's open process (the demo's approved edition has its own)."""
    return Hearing.objects.get(
        stage_run__process__strategy=strategy, stage_run__process__state="in_progress"
    )


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_anyone_comments_on_a_section_during_the_hearing(client, almaty):
    bring(almaty, "hearings")
    page = client.get(url("public_hearing", almaty))
    assert page.status_code == 200 and "draft-mark" in page.content.decode()
    response = client.post(
        url("public_hearing", almaty),
        {
            "section": "swot",
            "author_name": "",
            "text": "Су тапшылығын қосыңыз.",
            "token": uuid.uuid4(),
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(hearing=open_hearing(almaty), section="swot").count() == 1
    assert "Су тапшылығын қосыңыз." in client.get(url("public_hearing", almaty)).content.decode()


def test_a_comment_without_text_or_section_is_refused_with_the_field_named(client, almaty):
    bring(almaty, "hearings")
    response = client.post(url("public_hearing", almaty), {"section": "nowhere", "text": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html and "Select a valid choice." in html


def test_comments_are_rate_limited(client, almaty):
    bring(almaty, "hearings")
    statuses = [
        client.post(
            url("public_hearing", almaty),
            {"section": "vision", "text": f"Пікір {n}", "token": uuid.uuid4()},
        ).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429, 429]
    # One from bring(), five from the posts.
    assert Comment.objects.filter(hearing=open_hearing(almaty), section="vision").count() == 1 + 5


def test_a_hidden_comment_is_not_shown_to_the_public(client, almaty):
    from approvals import services

    bring(almaty, "hearings")
    comment = open_hearing(almaty).comments.get()
    services.comment_answer(actor=user("almaty.editor"), comment=comment, hidden=True)
    assert comment.text not in client.get(url("public_hearing", almaty)).content.decode()


def test_no_public_hearing_page_outside_the_hearing(client, almaty):
    assert client.get(url("public_hearing", almaty)).status_code == 404


def test_reviewers_read_the_snapshot_never_the_live_draft(client, almaty):
    bring(almaty, "returned")
    editor = user("almaty.editor")
    content_update(
        actor=editor, row=almaty.vision, expected_version=almaty.vision.version,
        changes={"text_ru": "<p>Живой черновик после возврата.</p>"},
    )  # fmt: skip
    client.force_login(user("ministry.reviewer"))
    assert client.get(reverse("strategies:preview", args=[almaty.pk])).status_code == 403
    overview = client.get(reverse("strategies:overview", args=[almaty.pk]))
    assert overview.status_code == 302 and overview.url.endswith("/approval/review/")
    review = client.get(url("review", almaty, "ru") + "?lang=ru").content.decode()
    assert "Живой черновик" not in review
    assert "Уточните связь со Стратегией" in review  # the remark travels with the strategy


def test_a_failing_submission_lists_the_failing_checks(client, karaganda):
    client.force_login(user("karaganda.editor"))
    response = client.post(
        url("submit", karaganda), {"hearing_until": tomorrow().isoformat()}, follow=True
    )
    html = response.content.decode()
    assert "cannot be submitted while the Methodology compliance check fails" in html
    assert (
        "The SWOT matrix is filled" in html and "The vision serves Strategy Kazakhstan-2050" in html
    )
    karaganda.refresh_from_db()
    assert karaganda.state == "draft"


def test_a_protocol_that_is_not_a_pdf_is_refused_on_the_page(client, almaty):
    bring(almaty, "hearings")
    client.force_login(user("almaty.editor"))
    response = client.post(
        url("hearing", almaty),
        {
            "action": "record", "held_on": timezone.localdate().isoformat(), "place": "Алматы",
            "public_council": "Кеңес", "participants": "12",
            "protocol": SimpleUploadedFile("protocol.pdf", b"GIF89a not a pdf"),
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "The protocol must be a PDF file." in response.content.decode()
    assert not open_hearing(almaty).protocol


def test_the_timeline_shows_every_transition_with_actor_and_snapshot(client, almaty):
    bring(almaty, "approved")
    html = client.get(url("timeline", almaty)).content.decode()  # public once approved
    for kind in (
        "approval.submitted",
        "approval.hearings_closed",
        "approval.agreed",
        "approval.recommended",
        "approval.approved",
    ):
        assert f'data-event="{kind}"' in html
    assert html.count('data-outcome="agreed"') == 2
    assert "45/312-VIII" in html
    assert AuditEvent.objects.filter(strategy=almaty, event_type="approval.approved").count() == 1


def test_the_approved_edition_is_public(client, almaty):
    assert client.get(url("edition", almaty)).status_code == 404  # nothing approved yet
    bring(almaty, "approved")
    html = client.get(url("edition", almaty, "ru") + "?lang=ru").content.decode()
    assert almaty.title_ru in html and "draft-mark" not in html


def test_garbage_snapshot_numbers_are_404(client, almaty):
    bring(almaty, "central")
    client.force_login(user("ministry.reviewer"))
    assert client.get(url("diff", almaty) + "?from=x&to=1").status_code == 404
    assert client.get(url("review", almaty) + "?snapshot=abc").status_code == 404


def test_notifications_are_listed_and_marked_read(client, almaty):
    bring(almaty, "central")
    ministry = user("ministry.reviewer")
    client.force_login(ministry)
    with translation.override("en"):
        html = client.get(reverse("approvals:notifications")).content.decode()
    assert "awaits your decision: central planning body" in html
    assert not ministry.notifications.filter(read_at__isnull=True).exists()


def test_the_approved_snapshot_carries_no_draft_mark_and_earlier_ones_do(client, almaty):
    bring(almaty, "approved")
    client.force_login(user("ministry.reviewer"))
    assert "draft-mark" not in client.get(url("review", almaty)).content.decode()
    assert "draft-mark" not in client.get(url("edition", almaty)).content.decode()
    earlier = almaty.snapshots.create(
        number=99,
        content=almaty.snapshots.get().content,
        content_hash="0" * 64,
        created_by=user("almaty.editor"),
    )
    assert (
        "draft-mark"
        in client.get(url("review", almaty) + f"?snapshot={earlier.number}").content.decode()
    )


def test_the_hearing_summary_counts_comments_per_section_with_the_answers(client, almaty):
    from approvals import services

    bring(almaty, "hearings")
    hearing = open_hearing(almaty)
    services.comment_add(hearing=hearing, section="swot", author_name="", text="Су тапшылығы")
    services.comment_add(hearing=hearing, section="vision", author_name="", text="Тағы бір пікір")
    services.comment_answer(
        actor=user("almaty.editor"),
        comment=Comment.objects.get(text="Су тапшылығы"),
        answer="Қосылды",
    )
    client.force_login(user("almaty.editor"))
    response = client.get(url("hearing", almaty))
    summary = {
        row["section"]: (row["total"], row["answered"]) for row in response.context["summary"]
    }
    assert summary == {"Vision": (2, 0), "SWOT analysis": (1, 1)}
    assert "Қосылды" in response.content.decode()


def test_the_checklist_no_longer_says_ready_for_submission_once_submitted(client, almaty):
    client.force_login(user("almaty.editor"))
    with translation.override("en"):
        overview = reverse("strategies:overview", args=[almaty.pk])
    assert "ready for submission" in client.get(overview).content.decode()
    bring(almaty, "central")
    html = client.get(overview).content.decode()
    assert "ready for submission" not in html and "all mandatory checks pass" in html
