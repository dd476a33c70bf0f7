"""Every decision is made on the snapshot the reviewer saw (issue: a reviewer kept the page of
snapshot #1 open while the draft was returned and resubmitted as #2; "Agree" landed on #2).

The matrix: after a return and a resubmission (snapshot #2 at each stage of the route, or #2
returned again), every kind of decision sent from a page of snapshot #1 is refused with a 409
that links to #2, and nothing is recorded; the same decision sent with #2 is accepted wherever
it is possible at that stage, so the refusal is the snapshot's doing. Service level and view
level (the forms carry the snapshot and the stage)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from approvals import services
from approvals.models import Decision, MaslikhatRecord, Remark
from core.models import AuditEvent
from tests.approvals.conftest import bring, on_page, user

pytestmark = pytest.mark.django_db

EDITOR, MINISTRY = "almaty.editor", "ministry.reviewer"
ADJACENT, SECRETARY = "almaty-region.reviewer", "almaty.maslikhat"
# Where snapshot #2 stands when the page of #1 is used: at a stage of the route, or returned.
STAGES = ["hearings", "central", "adjacent", "maslikhat", "returned"]
KINDS = ["agree", "return", "recommend", "approve", "answer_remark"]
# Who takes each kind of decision at a stage (the reviewer of that stage where there is one).
ACTOR = {
    "agree": {"adjacent": ADJACENT},
    "return": {"adjacent": ADJACENT, "maslikhat": SECRETARY},
    "recommend": {},
    "approve": {},
    "answer_remark": {},
}
DEFAULT_ACTOR = {
    "agree": MINISTRY,
    "return": MINISTRY,
    "recommend": EDITOR,
    "approve": SECRETARY,
    "answer_remark": EDITOR,
}
# Where each kind is possible with the current snapshot (the control).
POSSIBLE = {
    "agree": {"central", "adjacent"},
    "return": {"central", "adjacent", "maslikhat"},
    "recommend": {"maslikhat"},
    "approve": {"maslikhat"},
    "answer_remark": {"returned"},
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def resubmitted(strategy, stage: str) -> None:
    """Snapshot #1 returned by the ministry; #2 brought to `stage` (or returned in its turn)."""
    bring(strategy, "returned")
    bring(strategy, stage)
    assert strategy.snapshots.count() == 2
    if stage == "maslikhat":  # the akimat's recommendation is on #2: the session may follow
        services.maslikhat_recommend(
            actor=user(EDITOR), strategy=strategy, snapshot_number=2,
            recommended_on=timezone.localdate(), recommendation="Әкімдік ұсынады.",
            consulted_on=timezone.localdate(), consultation_reference="01-12/345",
        )  # fmt: skip


def page_stage(stage: str) -> str:
    """The stage a page of #1 names: the current one (only the snapshot is old), else central."""
    return stage if stage not in ("returned",) else "central"


def decide(kind: str, strategy, actor, number: int, stage: str):
    """Take the decision through its transition, as a page of snapshot `number` at `stage`."""
    today = timezone.localdate()
    if kind == "agree":
        return services.stage_agree(
            actor=actor, strategy=strategy, snapshot_number=number, stage=stage
        )
    if kind == "return":
        return services.stage_return(
            actor=actor, strategy=strategy, snapshot_number=number, stage=stage,
            remarks=[services.RemarkInput("section:swot", "Уточните угрозы.")],
        )  # fmt: skip
    if kind == "recommend":
        return services.maslikhat_recommend(
            actor=actor, strategy=strategy, snapshot_number=number, recommended_on=today,
            recommendation="Қайта ұсынады.", consulted_on=today, consultation_reference="01-12/9",
        )  # fmt: skip
    if kind == "approve":
        return services.maslikhat_approve(
            actor=actor, strategy=strategy, snapshot_number=number, session_on=today,
            decision_number="45/312-VIII",
        )  # fmt: skip
    return services.remark_answer(
        actor=actor, remark=first_remark(strategy), snapshot_number=number,
        response="accepted", answer="Ескерілді.",
    )  # fmt: skip


def first_remark(strategy) -> Remark:
    return Remark.objects.filter(strategy=strategy).order_by("id").first()


def record(strategy) -> tuple:
    """Everything a decision writes: decisions, remarks and answers, maslikhat records, audit
    events, the strategy's state."""
    strategy.refresh_from_db()
    return (
        list(Decision.objects.filter(stage_run__process__strategy=strategy).values_list("id")),
        list(Remark.objects.filter(strategy=strategy).values_list("id", "response", "answer")),
        list(
            MaslikhatRecord.objects.filter(stage_run__process__strategy=strategy).values_list(
                "recommendation", "session_on", "decision_number"
            )
        ),
        AuditEvent.objects.filter(strategy=strategy).count(),
        strategy.state,
    )


def actor_for(kind: str, stage: str):
    return user(ACTOR[kind].get(stage, DEFAULT_ACTOR[kind]))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stage", STAGES)
def test_a_decision_from_a_page_of_an_older_snapshot_is_refused(almaty, stage, kind):
    resubmitted(almaty, stage)
    actor, before = actor_for(kind, stage), record(almaty)

    with pytest.raises(services.StaleSnapshot) as refused:
        decide(kind, almaty, actor, 1, page_stage(stage))

    assert refused.value.status == 409 and refused.value.code == "stale_snapshot"
    assert refused.value.details["current_snapshot"] == 2
    assert refused.value.review_url.endswith("/approval/review/?snapshot=2")
    assert "snapshot #1" in refused.value.message and "#2" in refused.value.message
    assert record(almaty) == before  # nothing recorded, no audit event
    if stage in POSSIBLE[kind]:  # the same decision on the snapshot under decision lands
        decide(kind, almaty, actor, 2, page_stage(stage))
        assert record(almaty) != before


@pytest.mark.parametrize(
    ("returned_at", "reviewer"), [("central", MINISTRY), ("adjacent", ADJACENT)]
)
def test_a_draft_resubmitted_straight_to_the_stage_that_returned_it_is_decided_on_anew(
    almaty, returned_at, reviewer
):
    """Without new hearings the revised draft goes straight back to its reviewer (p.14-16): the
    page of #1, still open there, agrees nothing."""
    bring(almaty, returned_at)
    services.stage_return(
        actor=user(reviewer), strategy=almaty, **on_page(almaty),
        remarks=[services.RemarkInput("section:swot", "Уточните угрозы.")],
    )  # fmt: skip
    services.process_submit(actor=user(EDITOR), strategy=almaty)
    assert on_page(almaty) == {"snapshot_number": 2, "stage": returned_at}
    before = record(almaty)
    with pytest.raises(services.StaleSnapshot):
        decide("agree", almaty, user(reviewer), 1, returned_at)
    assert record(almaty) == before
    decide("agree", almaty, user(reviewer), 2, returned_at)
    assert record(almaty) != before


@pytest.mark.parametrize(
    ("kind", "stage"), [("agree", "central"), ("return", "adjacent"), ("approve", "maslikhat")]
)
def test_a_decision_for_a_stage_that_has_moved_on_is_refused(almaty, kind, stage):
    """The right snapshot, the stage before: a page opened at the central stage of #2 cannot
    agree for the adjacent stage by a double click."""
    bring(almaty, {"central": "adjacent", "adjacent": "maslikhat", "maslikhat": "approved"}[stage])
    before = record(almaty)
    with pytest.raises(services.StaleSnapshot) as refused:
        decide(kind, almaty, actor_for(kind, stage), 1, stage)
    assert refused.value.details["current_snapshot"] == 1
    assert record(almaty) == before


def test_a_decision_once_the_route_has_ended_is_refused_with_a_link(almaty):
    bring(almaty, "returned")
    with pytest.raises(services.StaleSnapshot) as refused:
        decide("agree", almaty, user(MINISTRY), 1, "central")
    assert refused.value.details["current_snapshot"] == 1
    assert "Snapshot #1 is no longer under decision" in refused.value.message
    assert refused.value.review_url.endswith("/approval/review/?snapshot=1")


# --- the pages ---------------------------------------------------------------------------------


def review_url(strategy, query: str = "") -> str:
    return reverse("approvals:review", args=[strategy.pk]) + query


def form_data(kind: str, remark: Remark | None, number: int, stage: str) -> dict:
    """What the form of `kind` on a page of snapshot `number` at `stage` sends."""
    today = timezone.localdate().isoformat()
    if kind == "answer_remark":
        prefix = f"remark-{remark.pk}"
        return {
            "remark": remark.pk, f"{prefix}-snapshot": number, f"{prefix}-response": "accepted",
            f"{prefix}-answer": "Ескерілді.",
        }  # fmt: skip
    data = {"action": kind, "snapshot": number}
    if kind in ("agree", "return"):
        data.update(stage=stage, comment="")
    if kind == "return":
        data.update({
            "remarks-TOTAL_FORMS": 1, "remarks-INITIAL_FORMS": 0, "remarks-MIN_NUM_FORMS": 0,
            "remarks-MAX_NUM_FORMS": 50, "remarks-0-target": "section:swot",
            "remarks-0-text": "Уточните угрозы.",
        })  # fmt: skip
    if kind == "recommend":
        data.update(
            recommended_on=today, recommendation="Қайта ұсынады.", consulted_on=today,
            consultation_reference="01-12/9",
        )  # fmt: skip
    if kind == "approve":
        data.update(session_on=today, decision_number="45/312-VIII")
    return data


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stage", STAGES)
def test_the_page_of_an_older_snapshot_is_refused_with_a_link_to_the_current_one(
    client, almaty, stage, kind
):
    resubmitted(almaty, stage)
    actor, before = actor_for(kind, stage), record(almaty)
    client.force_login(actor)
    if kind == "answer_remark":
        url = reverse("approvals:remarks", args=[almaty.pk])
    else:
        url = review_url(almaty, "?snapshot=1")

    response = client.post(url, form_data(kind, first_remark(almaty), 1, page_stage(stage)))

    if kind == "approve" and stage == "returned":
        # The draft is back with the akimat: the maslikhat does not even see it.
        assert response.status_code == 404
    else:
        assert response.status_code == 409
        html = response.content.decode()
        assert 'data-code="stale_snapshot"' in html
        assert f'href="{review_url(almaty, "?snapshot=2")}"' in html
    assert record(almaty) == before


def test_a_superseded_snapshot_is_shown_read_only_with_a_link_to_the_current_one(client, almaty):
    resubmitted(almaty, "central")
    client.force_login(user(MINISTRY))

    old = client.get(review_url(almaty, "?snapshot=1")).content.decode()
    assert 'name="action"' not in old and "data-confirm" not in old
    assert "Snapshot #1 is superseded by snapshot #2" in old
    assert "?snapshot=2" in old

    current = client.get(review_url(almaty)).content.decode()
    assert 'name="action" value="agree"' in current and 'name="action" value="return"' in current
    assert '<input type="hidden" name="snapshot" value="2"' in current
    assert '<input type="hidden" name="stage" value="central"' in current
    assert "superseded" not in current


@pytest.mark.parametrize(
    ("stage", "who", "questions"),
    [
        ("central", MINISTRY, ["Agree snapshot #1 on behalf of your organisation?",
                               "Return snapshot #1 with these remarks?"]),
        ("maslikhat", SECRETARY, ["Record that the maslikhat approved snapshot #1?",
                                  "Return snapshot #1 with these remarks?"]),
    ],
)  # fmt: skip
def test_every_irreversible_decision_asks_for_confirmation(client, almaty, stage, who, questions):
    """static/js/confirm.js (on every page) asks the data-confirm question before sending."""
    bring(almaty, stage)
    client.force_login(user(who))
    html = client.get(review_url(almaty)).content.decode()
    assert "/static/js/confirm.js" in html
    for question in questions:  # the question last, after what it means
        assert re.search(rf'data-confirm="[^"]*{re.escape(question)}"', html), question


def test_starting_an_amendment_asks_for_confirmation(rf, almaty_approved):
    from django.template.loader import render_to_string

    html = render_to_string(
        "approvals/_panel.html",
        {"strategy": almaty_approved, "actions": {"amend"}, "snapshots": 1},
        request=rf.get("/"),
    )
    assert re.search(r'data-confirm="[^"]*Start an amendment\?"', html)


def test_the_refusal_of_a_stale_page_is_in_the_readers_language(client, almaty):
    resubmitted(almaty, "central")
    client.force_login(user(MINISTRY))
    with translation.override("kk"):
        url = review_url(almaty, "?snapshot=1")
    response = client.post(url, form_data("agree", None, 1, "central"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Бетіңізде #1 тіркелген нұсқа көрсетілген, ал ағымдағысы — #2" in html
    assert "Ағымдағы тіркелген нұсқаны ашу" in html
