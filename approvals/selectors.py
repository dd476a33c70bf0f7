"""Reads of the approval route."""

from django.db.models import Count, Prefetch, Q, QuerySet

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
from approvals.rules import available_actions, open_process
from core.models import AuditEvent
from strategies.models import Strategy
from strategies.sections import SECTIONS


def approval_context(strategy: Strategy, user) -> dict:
    """Where the strategy stands on the route and what the user may do now (drives buttons)."""
    process = open_process(strategy)
    hearing = record = None
    if process is not None:
        hearing = Hearing.objects.filter(stage_run__process=process).first()
        record = MaslikhatRecord.objects.filter(stage_run__process=process).first()
    return {
        "process": process,
        "stage": process.current_stage if process else None,
        "actions": available_actions(strategy, user, process),
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


def approval_events(strategy: Strategy) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        strategy=strategy, event_type__startswith="approval."
    ).select_related("actor")


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
