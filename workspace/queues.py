"""What waits for a signed-in person: one task per thing their role must do now on a strategy of
an organisation they act for. The roles and stages are those of approvals.rules.STAGE_ACTIONS;
reads only, in a number of queries bounded by the person's memberships (never by the number of
strategies).

A reviewer of the central planning body: every snapshot at the central stage. A reviewer of an
adjacent region's akimat: every snapshot at the adjacent stage of a city next to their region,
until their akimat has decided (p.15). The maslikhat's secretary: the session to record once the
akimat has recommended the draft (p.16). A city's editors: the hearing to record, the comments to
answer and the hearings to close (p.14), the recommendation to make (p.16), the remarks to answer
on a returned draft."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from approvals.models import Decision, Hearing, MaslikhatRecord, Process, StageKind
from core.models import Membership
from strategies.models import Strategy

Role = Membership.Role


@dataclass(frozen=True)
class Task:
    """One thing to do: on which strategy, what (a sentence in the reader's language), where
    (the page it is done on) and whether it is the person's own move or they wait for another."""

    strategy: Strategy
    what: str
    url: str
    waiting: bool = False


def _open_processes() -> QuerySet[Process]:
    return Process.objects.filter(state=Process.State.IN_PROGRESS).select_related(
        "strategy__city", "current_stage", "snapshot"
    )


def _review_url(process: Process) -> str:
    return reverse("approvals:review", args=[process.strategy_id]) + (
        f"?snapshot={process.snapshot.number}"
    )


def _decision_task(process: Process, stage: str) -> Task:
    return Task(
        process.strategy,
        _("Snapshot #%(number)s awaits your decision: %(stage)s.")
        % {"number": process.snapshot.number, "stage": stage},
        _review_url(process),
    )


def _reviewer_tasks(memberships: list[Membership]) -> list[Task]:
    tasks = []
    if any(m.role == Role.MINISTRY_REVIEWER for m in memberships):
        for process in _open_processes().filter(current_stage__kind=StageKind.CENTRAL):
            tasks.append(_decision_task(process, StageKind.CENTRAL.label))
    for membership in memberships:
        organisation = membership.organisation
        if membership.role != Role.ADJACENT_REVIEWER or organisation.region_id is None:
            continue
        decided = Decision.objects.filter(
            stage_run__process=OuterRef("pk"),
            stage_run__stage=OuterRef("current_stage"),
            organisation=organisation,
        )
        for process in _open_processes().filter(
            ~Exists(decided),
            current_stage__kind=StageKind.ADJACENT,
            strategy__city__adjacent_regions=organisation.region_id,
        ):
            tasks.append(_decision_task(process, StageKind.ADJACENT.label))
    return tasks


def _recommended() -> Exists:
    return Exists(
        MaslikhatRecord.objects.filter(
            stage_run__process=OuterRef("pk"),
            stage_run__stage=OuterRef("current_stage"),
            recommended_on__isnull=False,
            consulted_on__isnull=False,
        )
        .exclude(recommendation="")
        .exclude(consultation_reference="")
    )


def _secretary_tasks(memberships: list[Membership]) -> list[Task]:
    maslikhats = [m.organisation_id for m in memberships if m.role == Role.MASLIKHAT_SECRETARY]
    if not maslikhats:
        return []
    tasks = []
    for process in (
        _open_processes()
        .filter(current_stage__kind=StageKind.MASLIKHAT, strategy__city__maslikhat__in=maslikhats)
        .annotate(recommended=_recommended())
    ):
        if process.recommended:
            tasks.append(
                Task(
                    process.strategy,
                    _("Record the session of the maslikhat on snapshot #%(number)s.")
                    % {"number": process.snapshot.number},
                    _review_url(process),
                )
            )
        else:
            tasks.append(
                Task(
                    process.strategy,
                    _("The akimat's recommendation is awaited before the session is recorded."),
                    _review_url(process),
                    waiting=True,
                )
            )
    return tasks


def _hearing_tasks(hearing: Hearing, strategy: Strategy, today: date) -> list[Task]:
    url = reverse("approvals:hearing", args=[strategy.pk])
    tasks = []
    if hearing.unanswered:
        tasks.append(
            Task(
                strategy,
                ngettext(
                    "%(n)s public comment to answer.",
                    "%(n)s public comments to answer.",
                    hearing.unanswered,
                )
                % {"n": hearing.unanswered},
                url,
            )
        )
    if not hearing.is_recorded:
        tasks.append(
            Task(strategy, _("Record the public hearing: date, place, council, protocol."), url)
        )
    if not tasks:
        if today >= hearing.published_until:
            tasks.append(Task(strategy, _("Close the public hearings."), url))
        else:
            tasks.append(
                Task(
                    strategy,
                    _("Comments are open until %(date)s; then close the hearings.")
                    % {"date": _day(hearing.published_until)},
                    url,
                    waiting=True,
                )
            )
    return tasks


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _editor_tasks(memberships: list[Membership]) -> list[Task]:
    cities = [m.organisation.city_id for m in memberships if m.role == Role.CITY_EDITOR]
    cities = [pk for pk in cities if pk is not None]
    if not cities:
        return []
    tasks = []
    today = timezone.localdate()
    processes = {
        process.pk: process
        for process in _open_processes()
        .filter(strategy__city__in=cities)
        .annotate(recommended=_recommended())
    }
    hearings = Hearing.objects.filter(
        stage_run__process__in=[
            p.pk for p in processes.values() if p.current_stage.kind == StageKind.HEARINGS
        ],
        stage_run__state="in_progress",
    ).annotate(unanswered=Count("comments", filter=Q(comments__hidden=False, comments__answer="")))
    for hearing in hearings.select_related("stage_run"):
        process = processes[hearing.stage_run.process_id]
        tasks += _hearing_tasks(hearing, process.strategy, today)
    for process in processes.values():
        if process.current_stage.kind == StageKind.MASLIKHAT and not process.recommended:
            tasks.append(
                Task(
                    process.strategy,
                    _("Record the akimat's recommendation and the consultation (p.16)."),
                    _review_url(process),
                )
            )
        elif process.current_stage.kind in (StageKind.CENTRAL, StageKind.ADJACENT):
            tasks.append(
                Task(
                    process.strategy,
                    _("Snapshot #%(number)s is with the %(stage)s; nothing to do until it decides.")
                    % {
                        "number": process.snapshot.number,
                        "stage": StageKind(process.current_stage.kind).label,
                    },
                    reverse("approvals:timeline", args=[process.strategy_id]),
                    waiting=True,
                )
            )
    for strategy in (
        Strategy.objects.filter(city__in=cities, state=Strategy.State.DRAFT)
        .select_related("city")
        .annotate(open_remarks=Count("remarks", filter=Q(remarks__response="")))
        .filter(open_remarks__gt=0)
    ):
        tasks.append(
            Task(
                strategy,
                ngettext(
                    "%(n)s remark of the reviewers to answer.",
                    "%(n)s remarks of the reviewers to answer.",
                    strategy.open_remarks,
                )
                % {"n": strategy.open_remarks},
                reverse("approvals:remarks", args=[strategy.pk]),
            )
        )
    return tasks


def work_queue(user) -> list[Task]:
    """Everything that waits for `user` (none for an anonymous visitor): their own moves first,
    then what they wait for, each group by city."""
    if not user.is_authenticated:
        return []
    memberships = list(user.memberships.select_related("organisation"))
    tasks = _reviewer_tasks(memberships) + _secretary_tasks(memberships)
    tasks += _editor_tasks(memberships)
    return sorted(tasks, key=lambda t: (t.waiting, t.strategy.city.name, t.strategy.pk))


def is_editor(user) -> bool:
    """Whether the user drafts a city's strategy (the working copies are theirs)."""
    return user.is_authenticated and user.memberships.filter(role=Role.CITY_EDITOR).exists()
