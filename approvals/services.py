"""Transitions of the approval route, each in one transaction: lock the strategy's process,
check the action against approvals.rules, record what happened, write one audit event and
notify whoever must act next once the transaction has committed."""

import functools
import re
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from approvals.hearing_dates import comment_period_error, held_on_error
from approvals.maslikhat_dates import (
    consulted_on_error,
    recommended_on_error,
    session_on_error,
)
from approvals.models import (
    MAX_PARTICIPANTS,
    MAX_REMARKS_PER_RETURN,
    Comment,
    Decision,
    Hearing,
    MaslikhatRecord,
    Notification,
    Process,
    Remark,
    Route,
    RouteStage,
    Snapshot,
    StageKind,
    StageRun,
)
from approvals.protocols import protocol_check
from approvals.rules import (
    STAGE_ACTIONS,
    Action,
    acting_organisations,
    available_actions,
    may_ever,
)
from approvals.snapshots import snapshot_freeze
from core.audit import audit_record
from core.exceptions import Conflict, InvalidInput, PermissionDenied
from core.http import parse_id
from core.i18n import CONTENT_LANGUAGES, language_neutral_path
from core.models import Membership, User
from core.text import LengthLimit, clean_text
from strategies.compliance import compliance_check
from strategies.document_json import document_load
from strategies.models import Strategy
from strategies.sections import SECTIONS_BY_SLUG
from strategies.selectors import strategy_document

ROUTE_CODE = "methodology-2019"


class SubmissionRefused(InvalidInput):
    """The compliance check fails: nothing is frozen; the failing checks are listed."""

    code = "compliance_failed"

    def __init__(self, report):
        self.report = report
        super().__init__(
            _("The strategy cannot be submitted while the Methodology compliance check fails."),
            details={"failing": [r.check.code for r in report.failing]},
        )


class StaleSnapshot(Conflict):
    """The page an action was taken on showed a snapshot (or a stage) that is no longer the one
    under decision: a newer submission, a stage that has moved on, a route that has ended.
    Nothing is recorded. `review_url` is the review page of the strategy's latest snapshot; the
    API gets it, with the numbers, in `details`."""

    code = "stale_snapshot"

    def __init__(
        self, *, strategy: Strategy, seen: int, latest: Snapshot | None, stage: str
    ) -> None:
        params = {"seen": seen, "current": latest.number if latest else None}
        if latest is not None and latest.number != seen:
            message = _(
                "Your page shows snapshot #%(seen)s, but the current snapshot is #%(current)s: "
                "nothing was recorded. Read the current snapshot first."
            )
        elif not stage:
            message = _("Snapshot #%(seen)s is no longer under decision: nothing was recorded.")
        else:
            params["stage"] = StageKind(stage).label
            message = _(
                "Snapshot #%(seen)s has moved on to another stage (%(stage)s) since your page "
                "was opened: nothing was recorded."
            )
        self.review_url = reverse("approvals:review", args=[strategy.pk])
        if latest is not None:
            self.review_url += f"?snapshot={latest.number}"
        super().__init__(
            message % params,
            details={
                "seen_snapshot": seen,
                "current_snapshot": params["current"],
                "current_stage": stage or None,
                "review_url": self.review_url,
            },
        )


@dataclass(frozen=True)
class RemarkInput:
    """A remark as a reviewer writes it: where it points ("section:vision" or "indicator:42")."""

    target: str
    text: str


# --- locking and checks ------------------------------------------------------------------------


class Busy(Conflict):
    """The strategy's write lock was not had in time (others were changing it): nothing is
    recorded; trying again is safe."""

    code = "busy"


def _transition(function):
    """Run a transition in one transaction (as transaction.atomic does). A write lock not had in
    time is a race lost, Busy (409), never a 500: SQLite's "database is locked" once the busy
    timeout has passed, PostgreSQL's lock timeout, deadlock or serialization failure."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        try:
            with transaction.atomic():
                return function(*args, **kwargs)
        except OperationalError as error:
            sqlstate = getattr(error.__cause__, "sqlstate", None)
            if "database is locked" in str(error) or sqlstate in ("55P03", "40P01", "40001"):
                raise Busy(
                    _("Someone else is changing this strategy at this moment; try again.")
                ) from error
            raise

    return run


def _lock(strategy: Strategy) -> tuple[Strategy, Process | None]:
    """Lock the strategy row (every transition of one strategy goes one at a time) and re-read."""
    strategy = (
        Strategy.objects.select_for_update(of=("self",)).select_related("city").get(pk=strategy.pk)
    )
    process = (
        Process.objects.select_for_update(of=("self",))
        .filter(strategy=strategy, state=Process.State.IN_PROGRESS)
        .select_related("current_stage", "snapshot")
        .first()
    )
    return strategy, process


def _ensure(
    action: str,
    strategy: Strategy,
    actor,
    process: Process | None,
    *,
    snapshot_number: int | None = None,
    stage: str = "",
) -> None:
    """Refuse `action` unless `actor` may take it now (and, given `snapshot_number`, on the
    snapshot their page showed, at `stage` when given).

    Raises PermissionDenied (403) when the actor never takes this action on this strategy (no
    role for it in an organisation acting on it: approvals.rules.may_ever); StaleSnapshot (409)
    when the snapshot or stage is not the one under decision; Conflict (409) when the right
    person comes at the wrong moment (another stage, their organisation has decided, a race lost).
    """
    if not actor.is_authenticated or not may_ever(actor, strategy, action):
        raise PermissionDenied()
    if snapshot_number is not None:
        _ensure_under_decision(action, strategy, process, snapshot_number, stage)
    if action in available_actions(strategy, actor, process):
        return
    if process is not None:
        roles = STAGE_ACTIONS[process.current_stage.kind]
        acts_now = action in roles and acting_organisations(actor, strategy, roles[action])
        if (
            acts_now
            or Decision.objects.filter(
                stage_run__process=process, organisation__memberships__user=actor
            ).exists()
        ):
            # Their stage, or one they have decided at: someone decided first.
            raise Conflict(_("This stage has already been decided; reload the page."))
    raise Conflict(_("This action is not possible at the current stage."))


def _ensure_under_decision(
    action: str, strategy: Strategy, process: Process | None, snapshot_number: int, stage: str
) -> None:
    """The snapshot (and stage) a page showed is the one the action is taken on now: the open
    process's snapshot at its current stage; for an answer to a remark, the latest snapshot
    (the one returned). Raises StaleSnapshot otherwise."""
    latest = strategy.snapshots.order_by("-number").first()
    if action == Action.ANSWER_REMARK:
        current, current_stage = latest, ""
    elif process is not None:
        current, current_stage = process.snapshot, process.current_stage.kind
    else:
        current, current_stage = None, ""
    if current is None or current.number != snapshot_number or stage not in ("", current_stage):
        raise StaleSnapshot(
            strategy=strategy, seen=snapshot_number, latest=latest, stage=current_stage
        )


def _refuse_dates(**problems: str | None) -> None:
    """Raise InvalidInput naming every date field whose window (approvals.maslikhat_dates) it
    falls outside of."""
    details = {field: [problem] for field, problem in problems.items() if problem}
    if details:
        raise InvalidInput(details=details)


def _organisation(actor, strategy: Strategy, action: str, process: Process):
    role = STAGE_ACTIONS[process.current_stage.kind][action]
    run = _current_run(process)
    decided = set(run.decisions.values_list("organisation_id", flat=True))
    for organisation in acting_organisations(actor, strategy, role):
        if organisation.pk not in decided:
            return organisation
    raise Conflict(_("This stage has already been decided; reload the page."))


def _current_run(process: Process) -> StageRun:
    return process.stage_runs.get(stage=process.current_stage)


def _set_state(strategy: Strategy, state: str) -> None:
    Strategy.objects.filter(pk=strategy.pk).update(state=state, updated_at=timezone.now())
    strategy.state = state


def _finish(process: Process, run: StageRun, run_state: str, process_state: str) -> None:
    """End the current stage and the whole process (returned, or approved)."""
    now = timezone.now()
    run.state, run.finished_at = run_state, now
    run.save(update_fields=["state", "finished_at"])
    process.state, process.finished_at, process.current_stage = process_state, now, None
    process.save(update_fields=["state", "finished_at", "current_stage"])


def _stages_for(strategy: Strategy, route: Route) -> list[RouteStage]:
    """The stages of `route` that apply to the strategy's city, in order (the adjacent regions
    agree the draft of a city of republican significance or the capital only, p.15)."""
    return [
        stage
        for stage in route.stages.order_by("position")
        if not stage.only_republican or strategy.city.is_of_republican_significance
    ]


def resubmission_stage(strategy: Strategy) -> RouteStage | None:
    """The stage a returned draft goes back to when it is submitted again: the stage that
    returned it (central planning body, adjacent akimat or maslikhat), its public hearing kept
    on record. p.14-16 hold one public hearing of the draft: the agreements that follow it and
    the maslikhat's return do not ask for a second one (the akimat may still choose to hold
    new hearings). None when the strategy's latest submission was not returned (a first
    submission opens the hearings), or the stage no longer applies to its city."""
    last = strategy.processes.select_related("route").order_by("-started_at", "-id").first()
    if last is None or last.state != Process.State.RETURNED:
        return None
    run = last.stage_runs.filter(state=StageRun.State.RETURNED).select_related("stage").first()
    if run is None or run.stage.kind == StageKind.HEARINGS:
        return None
    return run.stage if run.stage in _stages_for(strategy, last.route) else None


def _advance(process: Process, strategy: Strategy) -> RouteStage:
    """Complete the current stage and start the next one."""
    run = _current_run(process)
    run.state, run.finished_at = StageRun.State.COMPLETED, timezone.now()
    run.save(update_fields=["state", "finished_at"])
    stages = _stages_for(strategy, process.route)
    following = stages[stages.index(process.current_stage) + 1]
    process.current_stage = following
    process.save(update_fields=["current_stage"])
    new_run = StageRun.objects.create(process=process, stage=following)
    if following.kind == StageKind.MASLIKHAT:
        MaslikhatRecord.objects.create(stage_run=new_run)
    return following


# --- notifications -----------------------------------------------------------------------------


def _users_with(role: str, **organisation) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=role,
            **{f"memberships__organisation__{k}": v for k, v in organisation.items()},
        ).distinct()
    )


def _who_acts_next(strategy: Strategy, stage: RouteStage | None) -> list[User]:
    city = strategy.city
    editors = _users_with(Membership.Role.CITY_EDITOR, city=city)
    if stage is None or stage.kind == StageKind.HEARINGS:
        return editors
    if stage.kind == StageKind.CENTRAL:
        return _users_with(Membership.Role.MINISTRY_REVIEWER)
    if stage.kind == StageKind.ADJACENT:
        return _users_with(
            Membership.Role.ADJACENT_REVIEWER, region__in=city.adjacent_regions.all()
        )
    return editors + _users_with(Membership.Role.MASLIKHAT_SECRETARY, pk=city.maslikhat_id)


def notify(strategy: Strategy, users: list[User], message: str, params: dict, url: str) -> None:
    """Tell people what they must do: an in-app notification in every interface language, and an
    e-mail sent by a Celery task once the transaction has committed. The link is kept without its
    language prefix: each reader gets it in their own language (core.i18n.path_in_language)."""
    url = language_neutral_path(url)
    texts = {}
    for lang in CONTENT_LANGUAGES:
        with translation.override(lang):
            texts[f"message_{lang}"] = _(message) % {k: str(v) for k, v in params.items()}
    created = Notification.objects.bulk_create(
        Notification(user=user, strategy=strategy, url=url, **texts) for user in set(users)
    )
    ids = [n.pk for n in created]
    if ids:
        from approvals.tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.delay(ids))


def _timeline_url(strategy: Strategy) -> str:
    return reverse("approvals:timeline", args=[strategy.pk])


def _notify_stage(strategy: Strategy, stage: RouteStage) -> None:
    """Tell whoever decides at the stage that has just begun."""
    notify(
        strategy,
        _who_acts_next(strategy, stage),
        gettext_noop("“%(strategy)s” awaits your decision: %(stage)s."),
        {"strategy": strategy, "stage": StageKind(stage.kind).label},
        _timeline_url(strategy),
    )


# --- transitions -------------------------------------------------------------------------------


@_transition
def process_submit(
    *, actor, strategy: Strategy, hearing_until: date | None = None, new_hearings: bool = False
) -> Process:
    """Submit a draft: refused with the failing checks while the compliance check fails;
    otherwise freeze a snapshot and start the route.

    A first submission, or one where the akimat chooses `new_hearings`, opens public hearings
    from today until `hearing_until` (tomorrow at the earliest, 90 days at the most:
    approvals.hearing_dates). A returned draft otherwise goes back to the stage that returned
    it (resubmission_stage), the earlier hearing kept on record, and `hearing_until` is not
    used.

    Raises SubmissionRefused, InvalidInput ("hearing_until": missing or out of its window),
    PermissionDenied or Conflict.
    """
    strategy, process = _lock(strategy)
    _ensure(Action.SUBMIT, strategy, actor, process)
    route = Route.objects.get(code=ROUTE_CODE)
    first = (not new_hearings and resubmission_stage(strategy)) or _stages_for(strategy, route)[0]
    hearings = first.kind == StageKind.HEARINGS
    today = timezone.localdate()
    if hearings:
        if hearing_until is None:
            raise InvalidInput(
                details={"hearing_until": [_("Give the last day of the comment period.")]}
            )
        _check_comment_period(hearing_until, published_from=today, today=today)
    report = compliance_check(strategy_document(strategy.pk))
    if not report.passed:
        raise SubmissionRefused(report)
    snapshot = snapshot_freeze(strategy=strategy, actor=actor)
    try:
        with transaction.atomic():
            process = Process.objects.create(
                strategy=strategy,
                route=route,
                snapshot=snapshot,
                current_stage=first,
                started_by=actor,
            )
    except IntegrityError as error:
        raise Conflict(_("The strategy is already in approval.")) from error
    run = StageRun.objects.create(process=process, stage=first)
    if hearings:
        Hearing.objects.create(stage_run=run, published_from=today, published_until=hearing_until)
    elif first.kind == StageKind.MASLIKHAT:
        MaslikhatRecord.objects.create(stage_run=run)
    _set_state(strategy, Strategy.State.IN_APPROVAL)
    audit_record(
        actor=actor,
        # A resubmission that goes back to the stage that returned the draft reads apart.
        event_type="approval.submitted" if hearings else "approval.resubmitted",
        target=process,
        strategy=strategy,
        extra={
            "snapshot": snapshot.number,
            "hash": snapshot.content_hash,
            "stage": first.kind,
            "hearing_until": str(hearing_until) if hearings else None,
        },
    )
    if hearings:
        notify(
            strategy,
            _who_acts_next(strategy, first),
            gettext_noop("“%(strategy)s” is published for public hearings until %(date)s."),
            {"strategy": strategy, "date": hearing_until},
            _timeline_url(strategy),
        )
    else:
        _notify_stage(strategy, first)
    return process


def _check_comment_period(value: date, *, published_from: date, today: date) -> None:
    problem = comment_period_error(value, published_from=published_from, today=today)
    if problem:
        raise InvalidInput(details={"hearing_until": [problem]})


# A number sign typed before a number: "№", "N°", "No." (any case), with the spaces after it.
NUMBER_SIGN = re.compile(r"^(?:№|N°|No\.)\s*", re.IGNORECASE)


def _text(value: str, field: str, *, limit: int, required: str = "", multiline: bool = True) -> str:
    """Typed text in its canonical form (core.text: NFC, nothing invisible, no NUL). Raises
    InvalidInput on `field` with the message `required` when it is blank (and that is given),
    or when it is longer than `limit` characters."""
    text = clean_text(value, multiline=multiline)
    if required and not text:
        raise InvalidInput(details={field: [required]})
    try:
        LengthLimit(limit)(text)
    except ValidationError as error:
        raise InvalidInput(details={field: error.messages}) from error
    return text


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


@_transition
def hearing_period_change(*, actor, strategy: Strategy, hearing_until: date) -> Hearing:
    """The akimat corrects the end of the comment period of the open hearing (a typo in the
    year, a hearing that needs more time): within the window of approvals.hearing_dates,
    measured from the day the draft was published.

    Raises InvalidInput ("hearing_until"), PermissionDenied or Conflict (not in hearings).
    """
    strategy, process = _lock(strategy)
    _ensure(Action.CHANGE_HEARING_PERIOD, strategy, actor, process)
    hearing = Hearing.objects.select_for_update().get(stage_run__process=process)
    _check_comment_period(
        hearing_until, published_from=hearing.published_from, today=timezone.localdate()
    )
    old = hearing.published_until
    hearing.published_until = hearing_until
    hearing.save(update_fields=["published_until"])
    audit_record(
        actor=actor,
        event_type="approval.hearing_period_changed",
        target=hearing,
        strategy=strategy,
        extra={
            "snapshot": process.snapshot.number,
            "old": {"published_until": str(old)},
            "new": {"published_until": str(hearing_until)},
        },
    )
    return hearing


def hearing_record(
    *,
    actor,
    strategy: Strategy,
    held_on: date,
    place: str,
    public_council: str,
    participants: int,
    protocol: UploadedFile | None = None,
) -> Hearing:
    """Record where and when the hearing was held (between the publication and today), how many
    took part (1 to 100 000), with its protocol (approvals.protocols: a PDF without active
    content, 10 MB at most). A new protocol replaces the one on file, which is deleted once the
    record is committed; a refused or failed record leaves no file behind.

    Raises InvalidInput (on the field), PermissionDenied or Conflict.
    """
    stored = []
    try:
        return _transition(_hearing_write)(
            actor=actor, strategy=strategy, held_on=held_on, place=place,
            public_council=public_council, participants=participants, protocol=protocol,
            stored=stored,
        )  # fmt: skip
    except BaseException:
        for name in stored:  # the record did not happen: neither does its file
            default_storage.delete(name)
        raise


def _hearing_write(
    *, actor, strategy, held_on, place, public_council, participants, protocol, stored: list
) -> Hearing:
    """hearing_record inside its transaction; the name of a stored file is appended to
    `stored`."""
    strategy, process = _lock(strategy)
    _ensure(Action.RECORD_HEARING, strategy, actor, process)
    hearing = Hearing.objects.select_for_update().get(stage_run__process=process)
    problem = held_on_error(
        held_on, published_from=hearing.published_from, today=timezone.localdate()
    )
    if problem:
        raise InvalidInput(details={"held_on": [problem]})
    place = _text(
        place, "place", limit=_limit(Hearing, "place"), required=_("Give the place."),
        multiline=False,
    )  # fmt: skip
    public_council = _text(
        public_council, "public_council", limit=_limit(Hearing, "public_council"),
        required=_("Give the public council."), multiline=False,
    )  # fmt: skip
    if isinstance(participants, bool) or not 1 <= participants <= MAX_PARTICIPANTS:
        raise InvalidInput(
            details={
                "participants": [
                    _("Give the number of participants, from 1 to %(max)s.")
                    % {"max": MAX_PARTICIPANTS}
                ]
            }
        )
    if protocol is not None:
        protocol_check(protocol)
    hearing.held_on, hearing.place, hearing.public_council = held_on, place, public_council
    hearing.participants = participants
    replaced = hearing.protocol.name if protocol is not None else ""
    if protocol is not None:
        hearing.protocol.save(f"protocol-{strategy.pk}-{process.pk}.pdf", protocol, save=False)
        stored.append(hearing.protocol.name)
    hearing.recorded_by, hearing.recorded_at = actor, timezone.now()
    hearing.save()
    if replaced:
        transaction.on_commit(lambda: default_storage.delete(replaced))
    audit_record(
        actor=actor,
        event_type="approval.hearing_recorded",
        target=hearing,
        strategy=strategy,
        extra={
            "held_on": str(held_on),
            "place": place,
            "public_council": public_council,
            "participants": participants,
            "protocol": bool(hearing.protocol),
        },
    )
    return hearing


@_transition
def comment_add(
    *,
    hearing: Hearing,
    section: str,
    author_name: str,
    text: str,
    token: uuid.UUID | None = None,
) -> Comment:
    """A member of the public comments on a section while the hearing is open (no sign-in).
    `token` is the one-time token of the form it was sent with: the same token again (a double
    click, a retried request, two at once) returns the comment already stored, once.

    Raises InvalidInput (on the field) or Conflict (the hearing is closed).
    """
    if section not in SECTIONS_BY_SLUG:
        raise InvalidInput(details={"section": [_("Choose a section of the strategy.")]})
    text = _text(text, "text", limit=_limit(Comment, "text"), required=_("Write your comment."))
    author_name = _text(
        author_name, "author_name", limit=_limit(Comment, "author_name"), multiline=False
    )
    # The hearing's row is the lock: comments of one hearing, its closing and the check of the
    # token go one at a time.
    hearing = (
        Hearing.objects.select_for_update(of=("self",))
        .select_related("stage_run__process")
        .get(pk=hearing.pk)
    )
    earlier = Comment.objects.filter(token=token).first() if token is not None else None
    if earlier is not None:
        if (earlier.hearing_id, earlier.section, earlier.author_name, earlier.text) == (
            hearing.pk, section, author_name, text,
        ):  # fmt: skip
            return earlier
        # The page was kept (the back button) and another comment written on it: keep the text
        # in the form and ask to send it again, with a new token.
        raise InvalidInput(
            details={
                "token": [_("This form was already used for another comment; send this one again.")]
            }
        )
    run = hearing.stage_run
    today = timezone.localdate()
    if (
        run.state != StageRun.State.IN_PROGRESS
        or run.process.state != Process.State.IN_PROGRESS
        or not hearing.published_from <= today <= hearing.published_until
    ):
        raise Conflict(_("The public hearing of this draft is closed."))
    return Comment.objects.create(
        hearing=hearing, section=section, author_name=author_name, text=text, token=token
    )


@_transition
def comment_answer(
    *, actor, comment: Comment, answer: str = "", hidden: bool | None = None
) -> Comment:
    """The akimat answers a public comment (at most 5000 characters), or hides it as abuse (a
    hidden one needs no answer, and is shown to nobody but the akimat)."""
    strategy, process = _lock(comment.hearing.stage_run.process.strategy)
    _ensure(Action.ANSWER_COMMENT, strategy, actor, process)
    answer = _text(
        answer, "answer", limit=_limit(Comment, "answer"),
        required=_("Write the answer.") if hidden is None else "",
    )  # fmt: skip
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.hearing.stage_run.process_id != process.pk:
        raise Conflict(_("This comment belongs to an earlier submission."))
    old = {"answer": comment.answer, "hidden": comment.hidden}
    if hidden is not None:
        comment.hidden = hidden
    if answer:
        comment.answer, comment.answered_by, comment.answered_at = answer, actor, timezone.now()
    comment.save()
    audit_record(
        actor=actor,
        event_type="approval.comment_answered",
        target=comment,
        strategy=strategy,
        extra={"old": old, "new": {"answer": comment.answer, "hidden": comment.hidden}},
    )
    return comment


@_transition
def hearings_close(*, actor, strategy: Strategy) -> Process:
    """Close the hearings and pass the draft to the central planning body (p.15). Refused while
    the period runs, the hearing is not recorded, or a visible comment is unanswered."""
    strategy, process = _lock(strategy)
    _ensure(Action.CLOSE_HEARINGS, strategy, actor, process)
    # Locked as comment_add locks it: no comment lands unseen while the hearing closes.
    hearing = Hearing.objects.select_for_update().get(stage_run__process=process)
    problems = []
    if timezone.localdate() < hearing.published_until:
        problems.append(
            _("The hearing period runs until %(date)s.")
            % {"date": date_format(hearing.published_until, "SHORT_DATE_FORMAT")}
        )
    if not hearing.is_recorded:
        problems.append(_("Record the hearing first: date, place, public council and protocol."))
    unanswered = hearing.comments.filter(hidden=False, answer="").count()
    if unanswered:
        problems.append(
            ngettext(
                "%(n)s public comment is not answered yet.",
                "%(n)s public comments are not answered yet.",
                unanswered,
            )
            % {"n": unanswered}
        )
    if problems:
        # The message says what is refused, the details why: a page shows both, each once.
        raise Conflict(
            _("The public hearings cannot be closed yet."), details={"problems": problems}
        )
    run = _current_run(process)
    Decision.objects.create(
        stage_run=run,
        organisation=_organisation(actor, strategy, Action.CLOSE_HEARINGS, process),
        snapshot=process.snapshot,
        actor=actor,
        outcome=Decision.Outcome.CLOSED,
    )
    following = _advance(process, strategy)
    audit_record(
        actor=actor,
        event_type="approval.hearings_closed",
        target=process,
        strategy=strategy,
        extra={"snapshot": process.snapshot.number, "next": following.kind},
    )
    _notify_stage(strategy, following)
    return process


@_transition
def stage_agree(
    *, actor, strategy: Strategy, snapshot_number: int, stage: str, comment: str = ""
) -> Decision:
    """A reviewer agrees the draft for their organisation (central body, or one adjacent region:
    the stage completes when every adjacent region has agreed).

    `snapshot_number` and `stage` (a StageKind value) are what the reviewer read: the number of
    the snapshot and the stage their page showed (the review form carries them). The agreement
    is recorded on exactly that snapshot at that stage, or not at all. `comment`: optional, at
    most 2000 characters.

    Raises PermissionDenied (no reviewer of this strategy who ever agrees), StaleSnapshot (the
    snapshot or stage is no longer under decision), Conflict (not their stage now; their
    organisation has decided), InvalidInput ("comment").
    """
    strategy, process = _lock(strategy)
    _ensure(Action.AGREE, strategy, actor, process, snapshot_number=snapshot_number, stage=stage)
    comment = _text(comment, "comment", limit=_limit(Decision, "comment"))
    run = _current_run(process)
    stage = process.current_stage
    organisation = _organisation(actor, strategy, Action.AGREE, process)
    decision = _decide(run, organisation, process, actor, Decision.Outcome.AGREED, comment)
    following = None
    if not stage.parallel or _all_agreed(run, strategy):
        following = _advance(process, strategy)
    audit_record(
        actor=actor,
        event_type="approval.agreed",
        target=decision,
        strategy=strategy,
        extra={
            "stage": stage.kind,
            "organisation": organisation.code,
            "snapshot": process.snapshot.number,
        },
    )
    if following is not None:
        _notify_stage(strategy, following)
    return decision


def _decide(run, organisation, process, actor, outcome, comment) -> Decision:
    try:
        with transaction.atomic():
            return Decision.objects.create(
                stage_run=run,
                organisation=organisation,
                snapshot=process.snapshot,
                actor=actor,
                outcome=outcome,
                comment=comment,
            )
    except IntegrityError as error:  # the organisation decided in a concurrent request
        raise Conflict(_("This stage has already been decided; reload the page.")) from error


def _all_agreed(run: StageRun, strategy: Strategy) -> bool:
    agreed = set(
        run.decisions.filter(outcome=Decision.Outcome.AGREED).values_list(
            "organisation__region_id", flat=True
        )
    )
    return agreed >= set(strategy.city.adjacent_regions.values_list("pk", flat=True))


def _remark_target(process: Process, target: str) -> tuple[str, int | None, str]:
    """Resolve "section:<slug>" or "indicator:<id>" against the snapshot under review."""
    kind, _sep, key = target.partition(":")
    if kind == "section" and key in SECTIONS_BY_SLUG:
        return key, None, str(SECTIONS_BY_SLUG[key].title)
    indicator_id = parse_id(key) if kind == "indicator" else None
    if indicator_id is not None:
        for slug, direction in process.snapshot.content["directions"].items():
            for indicator in direction["indicators"]:
                if indicator.get("id") == indicator_id:
                    name = (
                        indicator["name"].get(translation.get_language()) or indicator["name"]["ru"]
                    )
                    return f"indicators-{slug}", indicator_id, name
    raise InvalidInput(details={"target": [_("Choose what the remark points at.")]})


@_transition
def stage_return(
    *,
    actor,
    strategy: Strategy,
    snapshot_number: int,
    stage: str,
    remarks: list[RemarkInput],
    comment: str = "",
) -> Decision:
    """Return the draft with remarks (1 to 50, each at most 3000 characters; blank ones are
    left out): the process ends, the strategy is a draft again, and the remarks wait for the
    editor's answers. A reviewer returns at the central or adjacent stage, the maslikhat's
    secretary at the maslikhat.

    `snapshot_number` and `stage` (a StageKind value) are what the reviewer read (see
    stage_agree); the remarks point at that snapshot's sections and indicators.

    Raises PermissionDenied, StaleSnapshot, Conflict (as stage_agree), InvalidInput ("remarks",
    "target", "comment").
    """
    strategy, process = _lock(strategy)
    _ensure(Action.RETURN, strategy, actor, process, snapshot_number=snapshot_number, stage=stage)
    texts = [_text(r.text, "remarks", limit=_limit(Remark, "text")) for r in remarks]
    remarks = [(r, text) for r, text in zip(remarks, texts, strict=True) if text]
    if not remarks:
        raise InvalidInput(details={"remarks": [_("A return needs at least one remark.")]})
    if len(remarks) > MAX_REMARKS_PER_RETURN:
        raise InvalidInput(
            details={
                "remarks": [
                    _("A return holds at most %(num)d remarks.") % {"num": MAX_REMARKS_PER_RETURN}
                ]
            }
        )
    comment = _text(comment, "comment", limit=_limit(Decision, "comment"))
    targets = [_remark_target(process, r.target) for r, _text_ in remarks]
    run = _current_run(process)
    organisation = _organisation(actor, strategy, Action.RETURN, process)
    decision = _decide(run, organisation, process, actor, Decision.Outcome.RETURNED, comment)
    Remark.objects.bulk_create(
        Remark(
            strategy=strategy,
            decision=decision,
            section=section,
            indicator_id=indicator_id,
            target_label=label[:400],
            text=text,
        )
        for (_remark, text), (section, indicator_id, label) in zip(remarks, targets, strict=True)
    )
    _finish(process, run, StageRun.State.RETURNED, Process.State.RETURNED)
    _set_state(strategy, Strategy.State.DRAFT)
    audit_record(
        actor=actor,
        event_type="approval.returned",
        target=decision,
        strategy=strategy,
        extra={
            "stage": run.stage.kind,
            "organisation": organisation.code,
            "snapshot": process.snapshot.number,
            "remarks": len(remarks),
        },
    )
    notify(
        strategy,
        _who_acts_next(strategy, None),
        gettext_noop("“%(strategy)s” was returned with %(n)s remarks: %(stage)s."),
        {"strategy": strategy, "n": len(remarks), "stage": StageKind(run.stage.kind).label},
        _timeline_url(strategy),
    )
    return decision


@_transition
def remark_answer(
    *, actor, remark: Remark, snapshot_number: int, response: str, answer: str
) -> Remark:
    """The editor answers a remark while the strategy is a draft: accepted or not accepted, with
    the reason (at most 3000 characters). The answer is given on the latest snapshot, the one
    returned: `snapshot_number` is the number the editor's page showed, and the answer records
    that snapshot.

    Raises PermissionDenied (not an editor of the strategy's city), StaleSnapshot (a newer
    snapshot was frozen since the page was opened), Conflict (the strategy is in approval),
    InvalidInput ("response", "answer").
    """
    strategy, process = _lock(remark.strategy)
    _ensure(Action.ANSWER_REMARK, strategy, actor, process, snapshot_number=snapshot_number)
    if response not in Remark.Response.values:
        raise InvalidInput(details={"response": [_("Choose whether the remark is accepted.")]})
    answer = _text(answer, "answer", limit=_limit(Remark, "answer"), required=_("Give the reason."))
    remark = Remark.objects.select_for_update().get(pk=remark.pk)
    old = {"response": remark.response, "answer": remark.answer}
    remark.response, remark.answer = response, answer
    remark.answered_by, remark.answered_at = actor, timezone.now()
    remark.answer_snapshot = strategy.snapshots.get(number=snapshot_number)
    remark.save()
    audit_record(
        actor=actor,
        event_type="approval.remark_answered",
        target=remark,
        strategy=strategy,
        extra={
            "snapshot": snapshot_number,
            "old": old,
            "new": {"response": response, "answer": remark.answer},
        },
    )
    return remark


def _at_maslikhat(
    action: str, strategy: Strategy, actor, snapshot_number: int
) -> tuple[Strategy, Process, StageRun, MaslikhatRecord]:
    """Lock the strategy and check an action of the maslikhat stage on the snapshot the page
    showed (_ensure); the stage's run and its record, locked."""
    strategy, process = _lock(strategy)
    _ensure(
        action,
        strategy,
        actor,
        process,
        snapshot_number=snapshot_number,
        stage=StageKind.MASLIKHAT,
    )
    run = _current_run(process)
    return strategy, process, run, MaslikhatRecord.objects.select_for_update().get(stage_run=run)


@_transition
def maslikhat_recommend(
    *,
    actor,
    strategy: Strategy,
    snapshot_number: int,
    recommended_on: date,
    recommendation: str,
    consulted_on: date,
    consultation_reference: str,
) -> MaslikhatRecord:
    """The akimat records its recommendation to the maslikhat and the consultation with the
    Administration of the President (p.16), for the snapshot at the maslikhat stage.

    `snapshot_number`: the snapshot the editor's page showed (see stage_agree). The
    recommendation is dated from the day the draft reached the maslikhat stage to today, the
    consultation from the day the snapshot was submitted to today; the recommendation is at
    most 5000 characters, the reference 200.

    Raises PermissionDenied (not an editor of the city), StaleSnapshot, Conflict (not at the
    maslikhat stage), InvalidInput (on the field).
    """
    strategy, process, run, record = _at_maslikhat(
        Action.RECOMMEND, strategy, actor, snapshot_number
    )
    recommendation = _text(
        recommendation, "recommendation", limit=_limit(MaslikhatRecord, "recommendation"),
        required=_("Give the recommendation of the akimat."),
    )  # fmt: skip
    consultation_reference = _text(
        consultation_reference, "consultation_reference",
        limit=_limit(MaslikhatRecord, "consultation_reference"),
        required=_("Give the reference of the consultation."), multiline=False,
    )  # fmt: skip
    today = timezone.localdate()
    _refuse_dates(
        recommended_on=recommended_on_error(
            recommended_on, stage_began=timezone.localdate(run.started_at), today=today
        ),
        consulted_on=consulted_on_error(
            consulted_on, submitted_on=timezone.localdate(process.snapshot.created_at), today=today
        ),
    )
    record.recommended_on, record.recommendation = recommended_on, recommendation
    record.consulted_on, record.consultation_reference = consulted_on, consultation_reference
    record.save()
    audit_record(
        actor=actor,
        event_type="approval.recommended",
        target=record,
        strategy=strategy,
        extra={
            "snapshot": process.snapshot.number,
            "stage": run.stage.kind,
            "recommended_on": str(recommended_on),
            "consulted_on": str(consulted_on),
            "reference": record.consultation_reference,
        },
    )
    notify(
        strategy,
        _users_with(Membership.Role.MASLIKHAT_SECRETARY, pk=strategy.city.maslikhat_id),
        gettext_noop("“%(strategy)s” is recommended to the maslikhat."),
        {"strategy": strategy},
        _timeline_url(strategy),
    )
    return record


@_transition
def maslikhat_approve(
    *, actor, strategy: Strategy, snapshot_number: int, session_on: date, decision_number: str
) -> Process:
    """The maslikhat secretary records the session that approved the strategy: the snapshot
    becomes the published edition; an amended edition it replaces is superseded.

    `snapshot_number`: the snapshot the secretary's page showed (see stage_agree): the one
    approved. The session is dated from the latest of the day the draft reached the maslikhat,
    the recommendation and the consultation, to today; the decision number is at most 100
    characters.

    Raises PermissionDenied (not the secretary of the city's maslikhat), StaleSnapshot,
    Conflict (not at the maslikhat stage; the recommendation is not recorded yet),
    InvalidInput ("session_on", "decision_number").
    """
    strategy, process, run, record = _at_maslikhat(Action.APPROVE, strategy, actor, snapshot_number)
    if not record.recommendation_recorded:
        raise Conflict(
            _(
                "The akimat's recommendation and the consultation with the Presidential Administration are not recorded yet."
            )
        )
    # The pages print "decision No." before the number: a typed "№ 45/312" or "No. 45/312"
    # keeps the number alone, never "№ № 45/312".
    decision_number = NUMBER_SIGN.sub("", clean_text(decision_number or "", multiline=False))
    decision_number = _text(
        decision_number, "decision_number", limit=_limit(MaslikhatRecord, "decision_number"),
        required=_("Give the number of the maslikhat decision."), multiline=False,
    )  # fmt: skip
    _refuse_dates(
        session_on=session_on_error(
            session_on,
            stage_began=timezone.localdate(run.started_at),
            recommended_on=record.recommended_on,
            consulted_on=record.consulted_on,
            today=timezone.localdate(),
        )
    )
    record.session_on, record.decision_number = session_on, decision_number
    record.save(update_fields=["session_on", "decision_number"])
    decision = _decide(
        run,
        _organisation(actor, strategy, Action.APPROVE, process),
        process,
        actor,
        Decision.Outcome.APPROVED,
        "",
    )
    _finish(process, run, StageRun.State.COMPLETED, Process.State.APPROVED)
    if strategy.amends_id:
        _set_state(
            Strategy.objects.select_for_update().get(pk=strategy.amends_id),
            Strategy.State.SUPERSEDED,
        )
    _set_state(strategy, Strategy.State.APPROVED)
    audit_record(
        actor=actor,
        event_type="approval.approved",
        target=decision,
        strategy=strategy,
        extra={
            "snapshot": process.snapshot.number,
            "stage": run.stage.kind,
            "hash": process.snapshot.content_hash,
            "session_on": str(session_on),
            "decision_number": record.decision_number,
        },
    )
    notify(
        strategy,
        _who_acts_next(strategy, None),
        gettext_noop("“%(strategy)s” is approved by the maslikhat (decision %(number)s)."),
        {"strategy": strategy, "number": record.decision_number},
        reverse("approvals:edition", args=[strategy.pk]),
    )
    # The open-data archive of every published edition is rebuilt with this one (api.open_data).
    from api.open_data import archive_request

    transaction.on_commit(archive_request)
    if settings.DRAW_CHARTS_AHEAD:
        from approvals.tasks import draw_edition_charts

        transaction.on_commit(lambda: draw_edition_charts.delay(strategy.pk))
    return process


@_transition
def strategy_amend(*, actor, strategy: Strategy) -> Strategy:
    """Start an amendment: a new working copy made from the approved edition, which stays
    published until the amendment is approved.

    Raises PermissionDenied (not an editor of the city), Conflict (not approved, or an
    amendment of the city's strategy is already under way).
    """
    strategy, process = _lock(strategy)
    _ensure(Action.AMEND, strategy, actor, process)
    edition = published_snapshot(strategy)
    amendment = document_load(edition.content, actor=actor, amends=strategy)
    audit_record(
        actor=actor,
        event_type="approval.amendment_started",
        target=amendment,
        strategy=strategy,
        extra={"from_snapshot": edition.number, "amendment": amendment.pk},
    )
    return amendment


def published_snapshot(strategy: Strategy) -> Snapshot | None:
    """The snapshot of the strategy's approved edition."""
    process = (
        strategy.processes.filter(state=Process.State.APPROVED)
        .select_related("snapshot")
        .order_by("-finished_at")
        .first()
    )
    return process.snapshot if process else None
