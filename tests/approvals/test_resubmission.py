"""The flow after a return (p.14-16): a resubmitted draft goes back to the stage that returned it,
its public hearing kept on record, unless the akimat chooses to hold new hearings; the submission
page says which. The refusal to close the hearings says each reason once."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from approvals import services
from approvals.models import Hearing, MaslikhatRecord, Notification, Process, StageRun
from approvals.selectors import latest_hearing
from core.exceptions import Conflict, InvalidInput
from core.models import AuditEvent
from strategies.models import Strategy
from tests.approvals.conftest import bring, latest_snapshot, on_page, tomorrow, user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
REMARK = [services.RemarkInput("section:vision", "Уточните видение.")]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def returned_at(strategy, stage: str) -> Hearing:
    """Walk Almaty to `stage` and return it there with a remark; the hearing held on the way."""
    bring(strategy, stage)
    hearing = latest_hearing(strategy)
    returner = {
        "central": "ministry.reviewer",
        "adjacent": "almaty-region.reviewer",
        "maslikhat": "almaty.maslikhat",
    }[stage]
    if stage == "maslikhat":
        services.maslikhat_recommend(
            actor=user("almaty.editor"), strategy=strategy,
            snapshot_number=latest_snapshot(strategy), recommended_on=TODAY(),
            recommendation="Ұсынылады.", consulted_on=TODAY(), consultation_reference="01-12/345",
        )  # fmt: skip
    services.stage_return(
        actor=user(returner), strategy=strategy, **on_page(strategy), remarks=REMARK
    )
    strategy.refresh_from_db()
    assert strategy.state == Strategy.State.DRAFT
    return hearing


def open_process(strategy) -> Process:
    return Process.objects.select_related("current_stage", "snapshot").get(
        strategy=strategy, state=Process.State.IN_PROGRESS
    )


@pytest.mark.parametrize("stage", ["central", "adjacent", "maslikhat"])
def test_a_resubmitted_draft_goes_back_to_the_stage_that_returned_it(almaty, stage):
    hearing = returned_at(almaty, stage)
    assert services.resubmission_stage(almaty).kind == stage

    process = services.process_submit(actor=user("almaty.editor"), strategy=almaty)

    almaty.refresh_from_db()
    assert almaty.state == Strategy.State.IN_APPROVAL
    assert process.current_stage.kind == stage and process.snapshot.number == 2
    assert [run.stage.kind for run in process.stage_runs.all()] == [stage]
    # The hearing is held once: the earlier one stays the record, with its comments.
    assert Hearing.objects.filter(stage_run__process__strategy=almaty).count() == 1
    assert latest_hearing(almaty) == hearing and hearing.is_recorded
    assert hearing.comments.count() == 1
    event = AuditEvent.objects.get(
        strategy=almaty, event_type="approval.resubmitted", extra__snapshot=2
    )
    assert event.extra["stage"] == stage and event.extra["hearing_until"] is None


def test_after_a_return_at_the_central_body_the_ministry_decides_again_and_the_route_goes_on(
    almaty,
):
    returned_at(almaty, "central")
    ministry = user("ministry.reviewer")
    Notification.objects.all().delete()

    services.process_submit(actor=user("almaty.editor"), strategy=almaty)

    assert Notification.objects.filter(user=ministry, strategy=almaty).exists()
    with pytest.raises(Conflict):  # nothing to record at the central stage
        services.hearings_close(actor=user("almaty.editor"), strategy=almaty)
    services.stage_agree(actor=ministry, strategy=almaty, snapshot_number=2, stage="central")
    assert open_process(almaty).current_stage.kind == "adjacent"


def test_after_a_return_at_the_adjacent_akimat_the_central_body_is_not_asked_again(almaty):
    returned_at(almaty, "adjacent")
    services.process_submit(actor=user("almaty.editor"), strategy=almaty)
    services.stage_agree(
        actor=user("almaty-region.reviewer"), strategy=almaty, snapshot_number=2, stage="adjacent"
    )
    process = open_process(almaty)
    assert process.current_stage.kind == "maslikhat"
    assert [r.stage.kind for r in process.stage_runs.order_by("id")] == ["adjacent", "maslikhat"]


def test_after_a_maslikhat_return_the_akimat_recommends_the_new_snapshot_again(almaty):
    returned_at(almaty, "maslikhat")
    editor = user("almaty.editor")
    services.process_submit(actor=editor, strategy=almaty)
    record = MaslikhatRecord.objects.get(stage_run__process=open_process(almaty))
    assert not record.recommendation_recorded
    with pytest.raises(Conflict):
        services.maslikhat_approve(
            actor=user("almaty.maslikhat"), strategy=almaty, snapshot_number=2,
            session_on=TODAY(), decision_number="46/1-VIII",
        )  # fmt: skip
    services.maslikhat_recommend(
        actor=editor, strategy=almaty, snapshot_number=2, recommended_on=TODAY(),
        recommendation="Ұсынылады.", consulted_on=TODAY(), consultation_reference="01-12/346",
    )  # fmt: skip
    services.maslikhat_approve(
        actor=user("almaty.maslikhat"), strategy=almaty, snapshot_number=2,
        session_on=TODAY(), decision_number="46/1-VIII",
    )  # fmt: skip
    almaty.refresh_from_db()
    assert almaty.state == Strategy.State.APPROVED


def test_the_akimat_may_choose_new_hearings_after_a_return(almaty):
    first = returned_at(almaty, "central")
    editor = user("almaty.editor")
    with pytest.raises(InvalidInput) as refused:  # new hearings need their comment period
        services.process_submit(actor=editor, strategy=almaty, new_hearings=True)
    assert "hearing_until" in refused.value.details
    assert not Process.objects.filter(strategy=almaty, state="in_progress").exists()

    process = services.process_submit(
        actor=editor, strategy=almaty, hearing_until=tomorrow(), new_hearings=True
    )

    assert process.current_stage.kind == "hearings"
    second = Hearing.objects.get(stage_run__process=process)
    assert second != first and second.published_until == tomorrow()
    assert latest_hearing(almaty) == second
    assert Hearing.objects.filter(stage_run__process__strategy=almaty).count() == 2


def test_a_first_submission_always_opens_the_hearings(almaty):
    assert services.resubmission_stage(almaty) is None
    with pytest.raises(InvalidInput) as refused:
        services.process_submit(actor=user("almaty.editor"), strategy=almaty)
    assert "hearing_until" in refused.value.details
    process = services.process_submit(
        actor=user("almaty.editor"), strategy=almaty, hearing_until=tomorrow()
    )
    assert process.current_stage.kind == "hearings"
    assert StageRun.objects.filter(process=process).count() == 1


# --- the submission page -----------------------------------------------------------------------


def submit_url(strategy) -> str:
    with translation.override("en"):
        return reverse("approvals:submit", args=[strategy.pk])


def test_the_submission_page_of_a_returned_draft_says_where_it_goes(client, almaty):
    returned_at(almaty, "central")
    client.force_login(user("almaty.editor"))
    html = client.get(submit_url(almaty)).content.decode()
    assert "returned by the central planning body" in html
    assert "Back to the stage that returned it: central planning body" in html
    assert "Hold new public hearings first" in html
    assert "Public hearing on record" in html

    response = client.post(submit_url(almaty), {"route": "central"})

    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:timeline", args=[almaty.pk])
    assert open_process(almaty).current_stage.kind == "central"
    timeline = client.get(response["Location"]).content.decode()
    assert "goes back to the stage that returned it (central planning body)" in timeline
    assert "approval.resubmitted" not in timeline.replace('"approval.resubmitted"', "")


def test_new_hearings_chosen_on_the_page_need_the_end_of_the_period_at_the_field(client, almaty):
    returned_at(almaty, "central")
    client.force_login(user("almaty.editor"))

    response = client.post(submit_url(almaty), {"route": "hearings", "hearing_until": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["hearing_until"] == [
        "Give the last day of the comment period."
    ]
    assert not Process.objects.filter(strategy=almaty, state="in_progress").exists()
    response = client.post(
        submit_url(almaty), {"route": "hearings", "hearing_until": tomorrow().isoformat()}
    )
    assert response.status_code == 302
    assert open_process(almaty).current_stage.kind == "hearings"


def test_a_first_submission_page_asks_no_route(client, almaty):
    client.force_login(user("almaty.editor"))
    form = client.get(submit_url(almaty)).context["form"]
    assert list(form.fields) == ["hearing_until"] and form.fields["hearing_until"].required


# --- closing the hearings ----------------------------------------------------------------------


def test_the_refusal_to_close_the_hearings_says_each_reason_once(client, almaty):
    bring(almaty, "hearings")
    with pytest.raises(Conflict) as refused:
        services.hearings_close(actor=user("almaty.editor"), strategy=almaty)
    problems = refused.value.details["problems"]
    assert len(problems) == 3
    assert refused.value.message == "The public hearings cannot be closed yet."
    assert problems[2] == "1 public comment is not answered yet."

    client.force_login(user("almaty.editor"))
    response = client.post(
        reverse("approvals:hearing", args=[almaty.pk]), {"action": "close"}, follow=True
    )
    text = " ".join(str(m) for m in response.context["messages"])
    for sentence in [
        "cannot be closed yet",
        "runs until",
        "Record the hearing first",
        "not answered",
    ]:
        assert text.count(sentence) == 1, sentence


def test_the_overview_says_what_happens_next(client, almaty):
    returned_at(almaty, "adjacent")
    client.force_login(user("almaty.editor"))
    overview = reverse("strategies:overview", args=[almaty.pk])
    html = client.get(overview).content.decode()
    assert "goes back to the adjacent akimats, which returned it" in html
    services.process_submit(actor=user("almaty.editor"), strategy=almaty)
    html = client.get(overview).content.decode()
    assert "each agree the draft or return it with remarks" in html
    assert "the working copy is read-only" in html
