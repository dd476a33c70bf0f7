"""Who may do what on the approval route, and when: the one table of allowed actions. The
buttons, the API's allowed actions and the enforcement in approvals.services all ask here."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from approvals.models import Process, StageKind
from core.models import Membership, Organisation
from strategies.models import Strategy

Role = Membership.Role


class Action(TextChoices):
    SUBMIT = "submit", _("Submit for approval")
    RECORD_HEARING = "record_hearing", _("Record the public hearing")
    CHANGE_HEARING_PERIOD = "change_hearing_period", _("Change the end of the comment period")
    ANSWER_COMMENT = "answer_comment", _("Answer a public comment")
    CLOSE_HEARINGS = "close_hearings", _("Close the public hearings")
    AGREE = "agree", _("Agree")
    RETURN = "return", _("Return with remarks")
    RECOMMEND = "recommend", _("Record the recommendation and the consultation")
    APPROVE = "approve", _("Record the approval by the maslikhat")
    ANSWER_REMARK = "answer_remark", _("Answer a remark")
    AMEND = "amend", _("Start an amendment")


# What may be done at each stage of an open process, and by which role.
STAGE_ACTIONS: dict[str, dict[str, str]] = {
    StageKind.HEARINGS: {
        Action.RECORD_HEARING: Role.CITY_EDITOR,
        Action.CHANGE_HEARING_PERIOD: Role.CITY_EDITOR,
        Action.ANSWER_COMMENT: Role.CITY_EDITOR,
        Action.CLOSE_HEARINGS: Role.CITY_EDITOR,
    },
    StageKind.CENTRAL: {
        Action.AGREE: Role.MINISTRY_REVIEWER,
        Action.RETURN: Role.MINISTRY_REVIEWER,
    },
    StageKind.ADJACENT: {
        Action.AGREE: Role.ADJACENT_REVIEWER,
        Action.RETURN: Role.ADJACENT_REVIEWER,
    },
    StageKind.MASLIKHAT: {
        Action.RECOMMEND: Role.CITY_EDITOR,
        Action.APPROVE: Role.MASLIKHAT_SECRETARY,
        Action.RETURN: Role.MASLIKHAT_SECRETARY,
    },
}
# What may be done to a strategy that is not in approval, by its city's editors.
STATE_ACTIONS: dict[str, set[str]] = {
    Strategy.State.DRAFT: {Action.SUBMIT, Action.ANSWER_REMARK},
    Strategy.State.APPROVED: {Action.AMEND},
}


def acting_organisations(user, strategy: Strategy, role: str) -> list[Organisation]:
    """The user's organisations that act for `role` on this strategy."""
    if not user.is_authenticated:
        return []
    memberships = user.memberships.filter(role=role).select_related("organisation")
    city = strategy.city
    result = []
    for membership in memberships:
        organisation = membership.organisation
        if (
            (role == Role.CITY_EDITOR and organisation.city_id == city.pk)
            or role == Role.MINISTRY_REVIEWER
            or (
                role == Role.ADJACENT_REVIEWER
                and city.adjacent_regions.filter(pk=organisation.region_id).exists()
            )
            or (role == Role.MASLIKHAT_SECRETARY and organisation.pk == city.maslikhat_id)
        ):
            result.append(organisation)
    return result


def roles_for(action: str) -> set[str]:
    """Every role that takes `action` at some stage of the route or in some state of the strategy
    (what is done outside approval, in STATE_ACTIONS, is done by the city's editors)."""
    roles = {
        role for actions in STAGE_ACTIONS.values() for a, role in actions.items() if a == action
    }
    if any(action in actions for actions in STATE_ACTIONS.values()):
        roles.add(Role.CITY_EDITOR)
    return roles


def may_ever(user, strategy: Strategy, action: str) -> bool:
    """Whether the user takes `action` on this strategy at some moment: a role for it in an
    organisation that acts on this strategy. Refusing whoever may not is a 403; refusing whoever
    may, at the wrong moment (another stage, already decided), is a 409."""
    return any(acting_organisations(user, strategy, role) for role in roles_for(action))


def open_process(strategy: Strategy) -> Process | None:
    return (
        strategy.processes.filter(state=Process.State.IN_PROGRESS)
        .select_related("current_stage", "snapshot")
        .first()
    )


def available_actions(strategy: Strategy, user, process: Process | None = None) -> set[str]:
    """The actions the user may take on the strategy now."""
    if not user.is_authenticated:
        return set()
    actions = set()
    if strategy.state in STATE_ACTIONS and acting_organisations(user, strategy, Role.CITY_EDITOR):
        actions |= STATE_ACTIONS[strategy.state]
        if (
            Action.AMEND in actions
            and strategy.city.strategies.filter(state__in=Strategy.OPEN_STATES).exists()
        ):
            actions.discard(Action.AMEND)  # an amendment is already under way
    if strategy.state == Strategy.State.IN_APPROVAL:
        process = process or open_process(strategy)
        if process is not None:
            stage = process.current_stage
            for action, role in STAGE_ACTIONS[stage.kind].items():
                organisations = acting_organisations(user, strategy, role)
                if stage.parallel:
                    decided = set(
                        process.stage_runs.get(stage=stage).decisions.values_list(
                            "organisation_id", flat=True
                        )
                    )
                    organisations = [o for o in organisations if o.pk not in decided]
                if organisations:
                    actions.add(action)
    return actions
