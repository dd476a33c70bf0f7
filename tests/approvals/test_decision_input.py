"""What reviewers, the akimat and the maslikhat type into the route's forms: dates within their
plausible windows (a session dated next year, a consultation in 1800), texts within their bounds
(a megabyte of comment, 51 remarks), ids and hidden numbers that are not ids. Each refusal is a
message at the field (400) and nothing is recorded; the service refuses the same for every other
caller."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from approvals import services
from approvals.models import (
    MAX_REMARKS_PER_RETURN,
    Decision,
    MaslikhatRecord,
    Remark,
    StageRun,
)
from core.exceptions import InvalidInput
from core.models import AuditEvent
from tests.approvals.conftest import bring, on_page, user
from tests.clock import days_pass

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
EDITOR, MINISTRY, SECRETARY = "almaty.editor", "ministry.reviewer", "almaty.maslikhat"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def recommend(strategy, **dates):
    return services.maslikhat_recommend(
        actor=user(EDITOR), strategy=strategy, snapshot_number=1,
        recommendation="Әкімдік ұсынады.", consultation_reference="01-12/345",
        **{"recommended_on": TODAY(), "consulted_on": TODAY(), **dates},
    )  # fmt: skip


def approve(strategy, session_on: date):
    return services.maslikhat_approve(
        actor=user(SECRETARY), strategy=strategy, snapshot_number=1, session_on=session_on,
        decision_number="45/312-VIII",
    )  # fmt: skip


def written(strategy) -> tuple:
    return (
        list(
            MaslikhatRecord.objects.filter(stage_run__process__strategy=strategy).values_list(
                "recommended_on", "consulted_on", "session_on", "decision_number"
            )
        ),
        Decision.objects.filter(stage_run__process__strategy=strategy).count(),
        AuditEvent.objects.filter(strategy=strategy).count(),
    )


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("recommended_on", lambda: TODAY() + timedelta(days=1), "in the future"),
        ("recommended_on", lambda: date(2030, 1, 1), "in the future"),
        ("recommended_on", lambda: TODAY() - timedelta(days=1), "before the maslikhat stage began"),
        ("consulted_on", lambda: date(1800, 1, 1), "before the draft was submitted"),
        ("consulted_on", lambda: TODAY() + timedelta(days=30), "in the future"),
    ],
)  # fmt: skip
def test_the_recommendation_and_the_consultation_are_dated_within_their_windows(
    almaty, field, value, message
):
    bring(almaty, "maslikhat")  # the stage begins today
    before = written(almaty)
    with pytest.raises(InvalidInput) as refused:
        recommend(almaty, **{field: value()})
    assert message in refused.value.details[field][0]
    assert written(almaty) == before


def test_the_consultation_may_precede_the_maslikhat_stage_but_not_the_submission(almaty):
    bring(almaty, "maslikhat")
    days_pass(3)
    submitted = almaty.snapshots.get().created_at
    record = recommend(almaty, consulted_on=timezone.localdate(submitted))
    assert record.consulted_on == timezone.localdate(submitted)


def stage_began(strategy) -> date:
    run = StageRun.objects.get(process__strategy=strategy, stage__kind="maslikhat")
    return timezone.localdate(run.started_at)


@pytest.mark.parametrize(
    ("session", "message"),
    [
        (lambda began: max(date(2027, 6, 1), began + timedelta(days=4)), "in the future"),
        (lambda began: began - timedelta(days=1), "before the maslikhat stage began"),
        (lambda began: began + timedelta(days=1), "before the akimat's recommendation"),
        (lambda began: began + timedelta(days=2), "before the consultation"),
    ],
)
def test_the_session_follows_the_stage_the_recommendation_and_the_consultation(
    almaty, session, message
):
    bring(almaty, "maslikhat")
    began = stage_began(almaty)
    days_pass(3)  # today is the third day of the stage
    assert TODAY() == began + timedelta(days=3)
    recommend(almaty, recommended_on=began + timedelta(days=2), consulted_on=TODAY())
    before = written(almaty)
    with pytest.raises(InvalidInput) as refused:
        approve(almaty, session(began))
    assert message in refused.value.details["session_on"][0]
    assert written(almaty) == before
    approve(almaty, TODAY())  # the day of the consultation, or later, is plausible
    almaty.refresh_from_db()
    assert almaty.state == "approved"


def review(strategy, query: str = "") -> str:
    return reverse("approvals:review", args=[strategy.pk]) + query


def test_an_impossible_session_date_is_refused_at_the_field(client, almaty):
    bring(almaty, "maslikhat")
    recommend(almaty)
    client.force_login(user(SECRETARY))
    response = client.post(
        review(almaty),
        {"action": "approve", "snapshot": 1, "session_on": "2099-01-01", "decision_number": "1"},
    )
    assert response.status_code == 400
    form = response.context["forms"]["approve"]
    assert "in the future" in form.errors["session_on"][0]
    assert 'class="field invalid"' in response.content.decode()
    almaty.refresh_from_db()
    assert almaty.state == "in_approval"


def test_the_date_inputs_offer_only_the_plausible_days(client, almaty):
    bring(almaty, "maslikhat")
    client.force_login(user(EDITOR))
    response = client.get(review(almaty))
    today = TODAY().isoformat()
    submitted = timezone.localdate(almaty.snapshots.get().created_at).isoformat()
    fields = response.context["forms"]["recommend"].fields
    window = {name: (fields[name].widget.attrs["min"], fields[name].widget.attrs["max"])
              for name in ("recommended_on", "consulted_on")}  # fmt: skip
    assert window == {
        "recommended_on": (stage_began(almaty).isoformat(), today),
        "consulted_on": (submitted, today),
    }
    assert f'min="{submitted}"' in response.content.decode()


# --- texts -------------------------------------------------------------------------------------


def test_a_megabyte_of_comment_is_refused_at_the_field_and_nothing_is_recorded(client, almaty):
    bring(almaty, "central")
    client.force_login(user(MINISTRY))
    response = client.post(
        review(almaty),
        {"action": "agree", "snapshot": 1, "stage": "central", "comment": "ы" * 1_000_000},
    )
    assert response.status_code == 400
    error = response.context["forms"]["agree"].errors["comment"][0]
    assert error == "At most 2000 characters (this text has 1000000)."
    assert not Decision.objects.filter(stage_run__process__strategy=almaty, outcome="agreed")


def test_the_services_bound_texts_for_every_caller(almaty):
    bring(almaty, "central")
    with pytest.raises(InvalidInput) as refused:
        services.stage_agree(
            actor=user(MINISTRY), strategy=almaty, **on_page(almaty), comment="x" * 2001
        )
    assert "comment" in refused.value.details
    with pytest.raises(InvalidInput) as refused:
        services.stage_return(
            actor=user(MINISTRY), strategy=almaty, **on_page(almaty),
            remarks=[services.RemarkInput("section:vision", "x" * 3001)],
        )  # fmt: skip
    assert "remarks" in refused.value.details
    decision = services.stage_agree(
        actor=user(MINISTRY), strategy=almaty, **on_page(almaty),
        comment="  Келісемін\x00\u200b  " + "ы" * 1980,
    )  # fmt: skip
    assert decision.comment.startswith("Келісемін") and "\x00" not in decision.comment


def test_a_long_recommendation_or_answer_is_refused_at_its_field(client, almaty):
    bring(almaty, "maslikhat")
    client.force_login(user(EDITOR))
    today = TODAY().isoformat()
    response = client.post(
        review(almaty),
        {
            "action": "recommend", "snapshot": 1, "recommended_on": today, "consulted_on": today,
            "recommendation": "ы" * 5001, "consultation_reference": "01-12/345",
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert (
        "At most 5000 characters"
        in response.context["forms"]["recommend"].errors["recommendation"][0]
    )
    record = MaslikhatRecord.objects.get(stage_run__process__strategy=almaty)
    assert not record.recommendation


def test_a_long_answer_to_a_remark_is_refused_at_its_field(client, almaty):
    bring(almaty, "returned")
    remark = Remark.objects.get(strategy=almaty)
    client.force_login(user(EDITOR))
    prefix = f"remark-{remark.pk}"
    response = client.post(
        reverse("approvals:remarks", args=[almaty.pk]),
        {
            "remark": remark.pk, f"{prefix}-snapshot": 1, f"{prefix}-response": "accepted",
            f"{prefix}-answer": "ы" * 3001,
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "At most 3000 characters" in response.content.decode()
    remark.refresh_from_db()
    assert remark.is_open


def remarks_post(count: int) -> dict:
    data = {
        "action": "return", "snapshot": 1, "stage": "central", "comment": "",
        "remarks-TOTAL_FORMS": count, "remarks-INITIAL_FORMS": 0, "remarks-MIN_NUM_FORMS": 0,
        "remarks-MAX_NUM_FORMS": MAX_REMARKS_PER_RETURN,
    }  # fmt: skip
    for n in range(count):
        data[f"remarks-{n}-target"] = "section:vision"
        data[f"remarks-{n}-text"] = f"Ескерту {n + 1}"
    return data


def test_the_51st_remark_is_refused_and_50_are_accepted(client, almaty):
    bring(almaty, "central")
    client.force_login(user(MINISTRY))
    response = client.post(review(almaty), remarks_post(51))
    assert response.status_code == 400
    assert "A return holds at most 50 remarks." in response.content.decode()
    assert not Remark.objects.filter(strategy=almaty).exists()

    response = client.post(review(almaty), remarks_post(50))
    assert response.status_code == 302
    assert Remark.objects.filter(strategy=almaty).count() == 50


def test_the_service_refuses_more_than_50_remarks(almaty):
    bring(almaty, "central")
    with pytest.raises(InvalidInput) as refused:
        services.stage_return(
            actor=user(MINISTRY), strategy=almaty, **on_page(almaty),
            remarks=[services.RemarkInput("section:vision", f"Ескерту {n}") for n in range(51)],
        )  # fmt: skip
    assert refused.value.details["remarks"] == ["A return holds at most 50 remarks."]


def test_a_remark_row_names_what_it_points_at(client, almaty):
    bring(almaty, "central")
    client.force_login(user(MINISTRY))
    data = remarks_post(2)
    data["remarks-0-target"] = ""  # a text pointing at nothing
    data["remarks-1-text"] = ""  # a target with no text
    response = client.post(review(almaty), data)
    assert response.status_code == 400
    rows = response.context["forms"]["remarks"].forms
    assert rows[0].errors["target"] == ["Choose what the remark points at."]
    assert rows[1].errors["text"] == ["Write the remark, or leave the row empty."]


# --- ids and hidden numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999", "-1", " 1"])
def test_a_snapshot_number_that_is_no_id_is_a_404(client, almaty, value):
    bring(almaty, "central")
    client.force_login(user(MINISTRY))
    diff = reverse("approvals:diff", args=[almaty.pk])
    assert client.get(diff, {"from": value, "to": "1"}).status_code == 404
    assert client.get(diff, {"from": "1", "to": value}).status_code == 404
    assert client.get(review(almaty), {"snapshot": value}).status_code == 404


def test_a_remark_id_that_is_no_id_is_a_404(client, almaty):
    bring(almaty, "returned")
    client.force_login(user(EDITOR))
    response = client.post(reverse("approvals:remarks", args=[almaty.pk]), {"remark": "²"})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999", ""])
def test_a_decision_with_a_hidden_snapshot_that_is_no_id_is_refused_at_the_form(
    client, almaty, value
):
    bring(almaty, "central")
    client.force_login(user(MINISTRY))
    response = client.post(
        review(almaty), {"action": "agree", "snapshot": value, "stage": "central"}
    )
    assert response.status_code == 400
    assert "This page is out of date: reload it." in response.content.decode()
    assert not Decision.objects.filter(stage_run__process__strategy=almaty, outcome="agreed")


def test_a_remark_pointing_at_an_indicator_that_is_no_id_is_refused(almaty):
    bring(almaty, "central")
    for target in ("indicator:²", "indicator:٣", "indicator:99999999999999999999"):
        with pytest.raises(InvalidInput):
            services.stage_return(
                actor=user(MINISTRY), strategy=almaty, **on_page(almaty),
                remarks=[services.RemarkInput(target, "Обоснуйте.")],
            )  # fmt: skip


def test_an_unknown_action_is_a_400(client, almaty):
    bring(almaty, "central")
    client.force_login(user(MINISTRY))
    assert client.post(review(almaty), {"action": "delete", "snapshot": 1}).status_code == 400


def test_the_messages_at_the_field_are_in_the_readers_language(client, almaty):
    bring(almaty, "maslikhat")
    recommend(almaty)
    client.force_login(user(SECRETARY))
    with translation.override("ru"):
        url = review(almaty)
    response = client.post(
        url, {"action": "approve", "snapshot": 1, "session_on": "2099-01-01", "decision_number": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Эта дата в будущем: записывайте только то, что уже состоялось." in html
    assert "Обязательное поле." in html


@pytest.mark.parametrize(
    "typed", ["№ 45/312-VIII", "№45/312-VIII", "No. 45/312-VIII", "45/312-VIII"]
)
def test_a_number_sign_typed_before_the_decision_number_is_not_printed_twice(client, almaty, typed):
    bring(almaty, "maslikhat")
    recommend(almaty)
    services.maslikhat_approve(
        actor=user(SECRETARY), strategy=almaty, snapshot_number=1, session_on=TODAY(),
        decision_number=typed,
    )  # fmt: skip
    assert written(almaty)[0][0][3] == "45/312-VIII"
    with translation.override("kk"):
        page = client.get(reverse("approvals:timeline", args=[almaty.pk])).content.decode()
    assert "№ 45/312-VIII" in page
    assert "№ №" not in page and "№ No" not in page
