"""The permission matrix of the route: every role × every action × own or other organisation,
at every stage; what available_actions offers is exactly what the transitions accept."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from approvals import services
from approvals.models import Comment, Remark
from approvals.rules import Action, available_actions
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
        Action.AGREE: lambda: services.stage_agree(actor=actor, strategy=strategy),
        Action.RETURN: lambda: services.stage_return(
            actor=actor, strategy=strategy, remarks=[services.RemarkInput("section:vision", "Ескерту")]
        ),
        Action.RECOMMEND: lambda: services.maslikhat_recommend(
            actor=actor, strategy=strategy, recommended_on=TODAY(), recommendation="Ұсыныс",
            consulted_on=TODAY(), consultation_reference="01-12/1",
        ),
        Action.APPROVE: lambda: services.maslikhat_approve(
            actor=actor, strategy=strategy, session_on=TODAY(), decision_number="1/1"
        ),
        Action.ANSWER_REMARK: lambda: services.remark_answer(
            actor=actor, remark=Remark.objects.filter(strategy=strategy).latest("id"), response="accepted",
            answer="Ескерілді",
        ),
        Action.AMEND: lambda: services.strategy_amend(actor=actor, strategy=strategy),
    }  # fmt: skip
    calls[action]()


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
        assert refused.value.status in (403, 404, 409), (action, refused.value)
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
