"""The permission matrix of the route: every role × every action × own or other organisation,
at every stage; what available_actions offers is exactly what the transitions accept, and every
refusal says which it is: 403 for whoever never takes the action, 409 for the right person at
the wrong moment."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from approvals import services
from approvals.models import Comment, Remark
from approvals.rules import Action, available_actions, open_process
from core.exceptions import ApplicationError
from tests.approvals.conftest import STAGES, bring, protocol, tomorrow, user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate

EDITOR, OTHER_EDITOR = "almaty.editor", "karaganda.editor"
MINISTRY = "ministry.reviewer"
ADJACENT, OTHER_ADJACENT = "almaty-region.reviewer", "akmola-region.reviewer"
SECRETARY, OTHER_SECRETARY = "almaty.maslikhat", "karaganda.maslikhat"
ANONYMOUS = "anonymous"
PEOPLE = [
    EDITOR,
    OTHER_EDITOR,
    MINISTRY,
    ADJACENT,
    OTHER_ADJACENT,
    SECRETARY,
    OTHER_SECRETARY,
    ANONYMOUS,
]

# What PRODUCT.md allows: at each stage, who may do what to Almaty's strategy; nobody else may.
ALLOWED = {
    "draft": {EDITOR: {Action.SUBMIT, Action.ANSWER_REMARK}},
    "returned": {EDITOR: {Action.SUBMIT, Action.ANSWER_REMARK}},
    "hearings": {
        EDITOR: {
            Action.RECORD_HEARING,
            Action.CHANGE_HEARING_PERIOD,
            Action.ANSWER_COMMENT,
            Action.CLOSE_HEARINGS,
        }
    },
    "central": {MINISTRY: {Action.AGREE, Action.RETURN}},
    "adjacent": {ADJACENT: {Action.AGREE, Action.RETURN}},
    "maslikhat": {EDITOR: {Action.RECOMMEND}, SECRETARY: {Action.APPROVE, Action.RETURN}},
    "approved": {EDITOR: {Action.AMEND}},
}


# Who takes which action on Almaty's strategy at some moment (PRODUCT.md, the route): anyone else
# asking is refused with 403, whatever the stage.
EVER = {
    EDITOR: {
        Action.SUBMIT, Action.RECORD_HEARING, Action.CHANGE_HEARING_PERIOD, Action.ANSWER_COMMENT,
        Action.CLOSE_HEARINGS, Action.RECOMMEND, Action.ANSWER_REMARK, Action.AMEND,
    },
    MINISTRY: {Action.AGREE, Action.RETURN},
    ADJACENT: {Action.AGREE, Action.RETURN},
    SECRETARY: {Action.APPROVE, Action.RETURN},
}  # fmt: skip


def attempt(action: str, strategy, actor) -> None:
    """Carry out an action through its transition."""
    calls = {
        Action.SUBMIT: lambda: services.process_submit(actor=actor, strategy=strategy, hearing_until=tomorrow()),
        Action.RECORD_HEARING: lambda: services.hearing_record(
            actor=actor, strategy=strategy, held_on=TODAY(), place="Алматы", public_council="Кеңес",
            participants=5, protocol=protocol(),
        ),
        Action.CHANGE_HEARING_PERIOD: lambda: services.hearing_period_change(
            actor=actor, strategy=strategy, hearing_until=tomorrow() + timedelta(days=6),
        ),
        Action.ANSWER_COMMENT: lambda: services.comment_answer(
            actor=actor, comment=Comment.objects.filter(hearing__stage_run__process__strategy=strategy).latest("id"),
            answer="Жауап",
        ),
        Action.CLOSE_HEARINGS: lambda: services.hearings_close(actor=actor, strategy=strategy),
        Action.AGREE: lambda: services.stage_agree(actor=actor, strategy=strategy, **page(strategy)),
        Action.RETURN: lambda: services.stage_return(
            actor=actor, strategy=strategy, **page(strategy),
            remarks=[services.RemarkInput("section:vision", "Ескерту")],
        ),
        Action.RECOMMEND: lambda: services.maslikhat_recommend(
            actor=actor, strategy=strategy, snapshot_number=page(strategy)["snapshot_number"],
            recommended_on=TODAY(), recommendation="Ұсыныс", consulted_on=TODAY(),
            consultation_reference="01-12/1",
        ),
        Action.APPROVE: lambda: services.maslikhat_approve(
            actor=actor, strategy=strategy, snapshot_number=page(strategy)["snapshot_number"],
            session_on=TODAY(), decision_number="1/1",
        ),
        Action.ANSWER_REMARK: lambda: services.remark_answer(
            actor=actor, remark=Remark.objects.filter(strategy=strategy).latest("id"),
            snapshot_number=page(strategy)["snapshot_number"], response="accepted", answer="Ескерілді",
        ),
        Action.AMEND: lambda: services.strategy_amend(actor=actor, strategy=strategy),
    }  # fmt: skip
    calls[action]()


def page(strategy) -> dict:
    """What the actor's page shows: the snapshot under decision and its stage, else the latest
    snapshot (the first one, before any submission)."""
    process = open_process(strategy)
    if process is not None:
        return {"snapshot_number": process.snapshot.number, "stage": process.current_stage.kind}
    latest = strategy.snapshots.order_by("-number").first()
    return {"snapshot_number": latest.number if latest else 1, "stage": ""}


def person(name: str):
    return AnonymousUser() if name == ANONYMOUS else user(name)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("stage", STAGES)
def test_permission_matrix(almaty, other_reviewers, stage, who):
    bring(almaty, stage)
    almaty.refresh_from_db()
    actor = person(who)
    expected = ALLOWED[stage].get(who, set())
    assert available_actions(almaty, actor) == expected

    for action in Action:
        if action in expected or not has_object(action, almaty):
            continue
        with pytest.raises(ApplicationError) as refused:
            attempt(action, almaty, actor)
        # Someone who never takes the action is refused as such; the right person at the wrong
        # moment is told it is not the moment.
        status = 409 if action in EVER.get(who, set()) else 403
        assert refused.value.status == status, (action, refused.value)
    # Refusals changed nothing: the stage is where it was.
    almaty.refresh_from_db()
    assert available_actions(almaty, actor) == expected


def has_object(action: str, strategy) -> bool:
    """Whether there is something to act on (a comment to answer, a remark to answer)."""
    if action == Action.ANSWER_COMMENT:
        return Comment.objects.filter(hearing__stage_run__process__strategy=strategy).exists()
    if action == Action.ANSWER_REMARK:
        return Remark.objects.filter(strategy=strategy).exists()
    return True


@pytest.mark.parametrize(
    ("stage", "who"), [(s, w) for s, people in ALLOWED.items() for w in people]
)
def test_every_offered_action_is_accepted(almaty, stage, who):
    bring(almaty, stage)
    almaty.refresh_from_db()
    for action in sorted(ALLOWED[stage][who]):
        if not has_object(action, almaty):
            continue
        if action == Action.SUBMIT:
            continue  # submitting ends the draft state; covered on its own in test_route
        if action in (
            Action.AGREE,
            Action.RETURN,
            Action.APPROVE,
            Action.CLOSE_HEARINGS,
            Action.AMEND,
        ):
            continue  # each ends the stage; covered by the route tests
        attempt(action, almaty, person(who))


# The review page's decisions and what each one does.
REVIEW = {
    "agree": Action.AGREE,
    "return": Action.RETURN,
    "recommend": Action.RECOMMEND,
    "approve": Action.APPROVE,
}


def review_post(action: str, shown: dict) -> dict:
    """A complete, valid form of `action` from the review page as it shows now (`shown`)."""
    today = TODAY().isoformat()
    data = {"action": action, "snapshot": shown["snapshot_number"]}
    return data | {
        "agree": {"stage": shown["stage"], "comment": ""},
        "return": {
            "stage": shown["stage"], "comment": "", "remarks-TOTAL_FORMS": 1,
            "remarks-INITIAL_FORMS": 0, "remarks-0-target": "section:vision",
            "remarks-0-text": "Ескерту",
        },
        "recommend": {
            "recommended_on": today, "recommendation": "Ұсыныс", "consulted_on": today,
            "consultation_reference": "01-12/1",
        },
        "approve": {"session_on": today, "decision_number": "1/1"},
    }[action]  # fmt: skip


@pytest.mark.parametrize("action", REVIEW)
@pytest.mark.parametrize("who", [EDITOR, MINISTRY, ADJACENT, SECRETARY])
@pytest.mark.parametrize("stage", ["central", "adjacent", "maslikhat"])
def test_the_review_page_refuses_whoever_never_decides_with_403_and_out_of_turn_with_409(
    client, almaty, stage, who, action
):
    bring(almaty, stage)
    if stage == "maslikhat":  # the session may follow the akimat's recommendation
        attempt(Action.RECOMMEND, almaty, user(EDITOR))
    client.force_login(user(who))
    url = reverse("approvals:review", args=[almaty.pk])

    response = client.post(url, review_post(action, page(almaty)))

    if REVIEW[action] not in EVER.get(who, set()):
        expected = 403
    elif REVIEW[action] in ALLOWED[stage].get(who, set()):
        expected = 302  # decided: on to the timeline (or the published edition)
    else:
        expected = 409
    assert response.status_code == expected


def test_a_form_of_someone_who_never_decides_is_refused_before_it_is_read(client, almaty):
    """An empty form from the city's editor asking to agree is a 403, not a 400."""
    bring(almaty, "central")
    client.force_login(user(EDITOR))
    url = reverse("approvals:review", args=[almaty.pk])
    assert client.post(url, {"action": "agree"}).status_code == 403
    client.force_login(user(MINISTRY))
    remarks = reverse("approvals:remarks", args=[almaty.pk])
    assert client.post(remarks, {"remark": "1"}).status_code == 403
