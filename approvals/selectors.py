"""Reads of the approval route."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from approvals.models import (
    Comment,
    Decision,
    Hearing,
    MaslikhatRecord,
    Process,
    Remark,
    Snapshot,
    StageRun,
)
from approvals.rules import Action, available_actions, open_process
from core.models import AuditEvent, Membership, User
from strategies.models import Strategy
from strategies.sections import SECTIONS


def approval_context(strategy: Strategy, user) -> dict:
    """Where the strategy stands on the route and what the user may do now (drives buttons)."""
    process = open_process(strategy)
    hearing = record = None
    if process is not None:
        hearing = Hearing.objects.filter(stage_run__process=process).first()
        record = MaslikhatRecord.objects.filter(stage_run__process=process).first()
    actions = available_actions(strategy, user, process)
    resume = None
    if Action.SUBMIT in actions:
        from approvals.services import resubmission_stage

        resume = resubmission_stage(strategy)
    return {
        "process": process,
        "stage": process.current_stage if process else None,
        "actions": actions,
        # Where a resubmission goes (the stage that returned the draft), None for hearings.
        "resubmission_stage": resume,
        "hearing": hearing,
        "unanswered_comments": hearing.comments.filter(hidden=False, answer="").count()
        if hearing
        else 0,
        "maslikhat_record": record,
        "open_remarks": strategy.remarks.filter(response="").count(),
        "snapshots": strategy.snapshots.count(),
    }


def remarks_of(strategy: Strategy) -> QuerySet[Remark]:
    """Every remark on the strategy with its decision, oldest first (open ones travel on)."""
    return strategy.remarks.select_related(
        "decision__organisation",
        "decision__actor",
        "decision__snapshot",
        "decision__stage_run__stage",
        "answered_by",
        "answer_snapshot",
    )


def processes_with_history(strategy: Strategy) -> QuerySet[Process]:
    """Every submission with its stages, decisions, remarks, hearing and maslikhat record."""
    decisions = Decision.objects.select_related(
        "organisation", "actor", "snapshot"
    ).prefetch_related("remarks")
    runs = StageRun.objects.select_related("stage", "hearing", "maslikhat_record").prefetch_related(
        Prefetch("decisions", queryset=decisions),
        Prefetch("hearing__comments", queryset=Comment.objects.order_by("created_at")),
    )
    return (
        strategy.processes.select_related("snapshot", "started_by", "current_stage")
        .prefetch_related(Prefetch("stage_runs", queryset=runs))
        .order_by("started_at")
    )


def approval_events(strategy: Strategy) -> list[AuditEvent]:
    """The audit events of the strategy's route, newest first, as the timeline may show them to
    anyone: a public comment is named by its number, never by its text (the akimat may hide it
    as abuse). Events written before Comment.__str__ said so copied the text into `target_repr`:
    it is replaced here, in memory, for whatever displays the events."""
    events = list(
        AuditEvent.objects.filter(
            strategy=strategy, event_type__startswith="approval."
        ).select_related("actor")
    )
    comment_type = ContentType.objects.get_for_model(Comment)
    for event in events:
        if event.target_type_id == comment_type.pk:
            event.target_repr = f"{Comment._meta.verbose_name} #{event.target_id}"
    return events


def people_labels(user_ids: Iterable[int], *, names: bool) -> dict[int, str]:
    """How each person who acted on the route is shown: by name (or user name) to signed-in
    participants (`names`), by organisation and role to the public, which is never told the
    names of staff. Every id gets a label."""
    ids = set(user_ids)
    if names:
        return {
            user.pk: user.get_full_name() or user.username
            for user in User.objects.filter(pk__in=ids).only("first_name", "last_name", "username")
        }
    labels: dict[int, list[str]] = {pk: [] for pk in ids}
    for membership in Membership.objects.filter(user_id__in=ids).select_related("organisation"):
        labels[membership.user_id].append(
            f"{membership.organisation} ({membership.get_role_display()})"
        )
    return {pk: "; ".join(found) or _("staff of the system") for pk, found in labels.items()}


def latest_hearing(strategy: Strategy) -> Hearing | None:
    """The strategy's latest public hearing, of whichever submission held it: a returned draft
    sent back to the stage that returned it keeps the hearing of an earlier submission
    (approvals.services.resubmission_stage)."""
    return (
        Hearing.objects.filter(stage_run__process__strategy=strategy)
        .order_by("-published_from", "-id")
        .first()
    )


def hearing_comments(hearing: Hearing, *, moderator: bool) -> QuerySet[Comment]:
    """The comments of a hearing by section, oldest first. Comments hidden as abuse are for the
    akimat's moderation (`moderator`: the city's editors) and nobody else."""
    comments = hearing.comments.order_by("section", "created_at")
    return comments if moderator else comments.filter(hidden=False)


def snapshot_of(strategy: Strategy, number: int | None) -> Snapshot | None:
    """A snapshot by number, or the one under review now, or the latest."""
    snapshots = strategy.snapshots.order_by("-number")
    if number is not None:
        return snapshots.filter(number=number).first()
    process = open_process(strategy)
    return process.snapshot if process else snapshots.first()


def hearing_summary(hearing: Hearing) -> list[dict]:
    """Comments per section: how many, how many answered, how many hidden (in section order)."""
    counts = {
        row["section"]: row
        for row in hearing.comments.values("section").annotate(
            total=Count("id"),
            answered=Count("id", filter=~Q(answer="")),
            hidden=Count("id", filter=Q(hidden=True)),
        )
    }
    return [
        {**counts[section.slug], "section": str(section.title)}
        for section in SECTIONS
        if section.slug in counts
    ]
