"""Reads of the API: published editions, the drafts an API client may see, monitoring values.

Published editions are the strategies approved by their maslikhat: in force (approved) or
replaced by an approved amendment (superseded). Their content is read from the approved
snapshot, never from the working rows.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)

from api.authentication import APIClient
from approvals.models import Decision, MaslikhatRecord, Process, Snapshot, StageRun
from core.compiled_query import CompiledQuery
from core.exceptions import NotFound
from core.models import Organisation
from indicators.models import Indicator, YearlyValue
from strategies.models import RoadmapProgress, Strategy

PUBLISHED_STATES = (Strategy.State.APPROVED, Strategy.State.SUPERSEDED)


def _approved_process() -> QuerySet[Process]:
    return Process.objects.filter(strategy=OuterRef("pk"), state=Process.State.APPROVED).order_by(
        "-finished_at"
    )


def edition_list() -> QuerySet[Strategy]:
    """Every published edition with its approval summary (snapshot number and hash, approval
    time, maslikhat session and decision number), in one query."""
    approved = _approved_process()
    record = MaslikhatRecord.objects.filter(
        stage_run__process__strategy=OuterRef("pk"),
        stage_run__process__state=Process.State.APPROVED,
    ).order_by("-stage_run__process__finished_at")
    return (
        Strategy.objects.filter(state__in=PUBLISHED_STATES)
        .annotate(
            snapshot_number=Subquery(approved.values("snapshot__number")[:1]),
            snapshot_sha256=Subquery(approved.values("snapshot__content_hash")[:1]),
            approved_at=Subquery(approved.values("finished_at")[:1]),
            session_on=Subquery(record.values("session_on")[:1]),
            decision_number=Subquery(record.values("decision_number")[:1]),
        )
        .filter(snapshot_number__isnull=False)
        .select_related("city__region")
    )


def edition_list_with_sdg_goal(queryset: QuerySet[Strategy], number: int) -> QuerySet[Strategy]:
    """The editions with an indicator serving a target of SDG `number`."""
    return queryset.filter(
        Exists(
            Indicator.objects.filter(
                direction__strategy=OuterRef("pk"), sdg_target__goal__number=number
            )
        )
    )


@dataclass(frozen=True)
class EditionHead:
    """What identifies a published edition's representation, read without its content."""

    strategy: Strategy
    process: Process
    snapshot: Snapshot
    superseded_by: int | None
    # The version of the city's road map monitoring (roadmap_monitoring_version), which the
    # edition's representation carries beside the frozen document.
    roadmap_version: str = ""


def edition_head(pk: int) -> EditionHead:
    """The published edition of strategy `pk` (one query; two when superseded), its snapshot
    without the content, and the version of its road map monitoring. Raises NotFound for
    anything but a published edition."""
    roadmap = (
        RoadmapProgress.objects.filter(city_id=OuterRef("strategy__city_id"))
        .order_by()
        .values("city_id")
    )
    process = (
        Process.objects.filter(
            strategy_id=pk, state=Process.State.APPROVED, strategy__state__in=PUBLISHED_STATES
        )
        .annotate(
            roadmap_count=Subquery(roadmap.annotate(n=Count("pk")).values("n")),
            roadmap_versions=Subquery(roadmap.annotate(n=Sum("version")).values("n")),
            roadmap_last=Subquery(roadmap.annotate(n=Max("updated_at")).values("n")),
        )
        .select_related("snapshot", "strategy__city__region")
        .defer("snapshot__content")
        .order_by("-finished_at")
        .first()
    )
    if process is None:
        raise NotFound()
    strategy = process.strategy
    superseded_by = None
    if strategy.state == Strategy.State.SUPERSEDED:
        superseded_by = (
            Strategy.objects.filter(amends=strategy, state__in=PUBLISHED_STATES)
            .values_list("pk", flat=True)
            .first()
        )
    last = process.roadmap_last.timestamp() if process.roadmap_last else 0
    version = f"{process.roadmap_count or 0}.{process.roadmap_versions or 0}.{last:.6f}"
    return EditionHead(strategy, process, process.snapshot, superseded_by, version)


class _Heads:
    """edition_head per edition, kept in the worker process (the most recently used, up to
    `limit`), each with the stamp it was read under and when that stamp was last read
    (time.monotonic())."""

    def __init__(self, limit: int):
        self.limit = limit
        self.entries: OrderedDict[int, tuple[tuple, EditionHead, float]] = OrderedDict()
        self.lock = threading.Lock()

    def fresh(self, pk: int, now: float, seconds: float) -> EditionHead | None:
        """The head of `pk` if its stamp was read less than `seconds` before `now`."""
        with self.lock:
            found = self.entries.get(pk)
            if found is None or now - found[2] >= seconds:
                return None
            self.entries.move_to_end(pk)
            return found[1]

    def get(self, pk: int, stamp: tuple, now: float) -> EditionHead | None:
        """The head of `pk` if it was read under `stamp` (marked as checked at `now`)."""
        with self.lock:
            found = self.entries.get(pk)
            if found is None or found[0] != stamp:
                return None
            self.entries[pk] = (stamp, found[1], now)
            self.entries.move_to_end(pk)
            return found[1]

    def put(self, pk: int, stamp: tuple, head: EditionHead, now: float) -> None:
        with self.lock:
            self.entries[pk] = (stamp, head, now)
            self.entries.move_to_end(pk)
            while len(self.entries) > self.limit:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


HEADS = _Heads(limit=4096)


def _stamp_queryset(pk: int):
    """The query of edition_head_current's stamp, for one strategy."""
    roadmap = (
        RoadmapProgress.objects.filter(city_id=OuterRef("city_id")).order_by().values("city_id")
    )
    return (
        Strategy.objects.filter(pk=pk, state__in=PUBLISHED_STATES)
        .order_by()
        .annotate(
            roadmap_count=Subquery(roadmap.annotate(n=Count("pk")).values("n")),
            roadmap_versions=Subquery(roadmap.annotate(n=Sum("version")).values("n")),
            roadmap_last=Subquery(roadmap.annotate(n=Max("updated_at")).values("n")),
        )
        .values("state", "updated_at", "roadmap_count", "roadmap_versions", "roadmap_last")
    )


# Compiled once per process: every request of a detail, 304s included, runs it.
_STAMP = CompiledQuery(_stamp_queryset)


def edition_head_current(pk: int) -> EditionHead:
    """edition_head, read in full only when the edition changed since this worker last read it
    (issue 11 item 8). Whether it changed is read at most once every
    settings.API_REVALIDATE_SECONDS per edition and worker (0: on every request): one light
    query (no join, no model instance, its SQL compiled once: core.compiled_query) reads its
    stamp, the strategy's state and last change (an amendment's approval supersedes it: both
    change) and the version of its road map monitoring. A change thus shows within that window,
    far inside the max-age the responses declare (api.representations.PUBLIC_MAX_AGE). Raises
    NotFound as edition_head does."""
    now = time.monotonic()
    head = HEADS.fresh(pk, now, settings.API_REVALIDATE_SECONDS)
    if head is not None:
        return head
    row = _STAMP.first(pk)
    if row is None:
        raise NotFound()
    stamp = tuple(
        row[name]
        for name in ("state", "updated_at", "roadmap_count", "roadmap_versions", "roadmap_last")
    )
    head = HEADS.get(pk, stamp, now)
    if head is None:
        head = edition_head(pk)
        HEADS.put(pk, stamp, head, now)
    return head


def frozen_content(snapshot_pk: int) -> dict:
    """The content of a snapshot (a large JSON value: read only when it is needed)."""
    return Snapshot.objects.values_list("content", flat=True).get(pk=snapshot_pk)


PROCESS_STAGES = Prefetch(
    "stage_runs",
    queryset=StageRun.objects.select_related("stage", "hearing", "maslikhat_record")
    .prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.select_related("organisation"))
    )
    .order_by("stage__position"),
)


def with_stages(processes: list[Process]) -> list[Process]:
    """Load each process's stages with their hearing, maslikhat record and decisions (three
    queries for any number of processes)."""
    prefetch_related_objects(processes, PROCESS_STAGES)
    return processes


# --- monitoring ----------------------------------------------------------------------------


def monitoring_values(city_id: int, uids: list[str]) -> dict[str, list[YearlyValue]]:
    """The yearly plan/actual values of the indicators with these identities, by identity,
    oldest year first (monitoring data: recorded after approval, not part of any snapshot)."""
    values: dict[str, list[YearlyValue]] = {uid: [] for uid in uids}
    for value in YearlyValue.objects.filter(city_id=city_id, indicator_uid__in=uids).order_by(
        "year"
    ):
        values[str(value.indicator_uid)].append(value)
    return values


# --- drafts of an API client's organisation ------------------------------------------------


def draft_visibility(client) -> Q:
    """What an API client may read besides published editions: the working copies (draft or in
    approval) of its city, when its key belongs to the city's akimat. Nothing for anonymous
    clients or keys of other organisations."""
    if (
        not isinstance(client, APIClient)
        or client.organisation.kind != Organisation.Kind.CITY_AKIMAT
    ):
        return Q(pk__in=[])
    return Q(city_id=client.organisation.city_id, state__in=Strategy.OPEN_STATES)


def draft_list(client) -> QuerySet[Strategy]:
    """The working copies the client may read, with the state of their open process."""
    open_process = Process.objects.filter(strategy=OuterRef("pk"), state=Process.State.IN_PROGRESS)
    return (
        Strategy.objects.filter(draft_visibility(client))
        .annotate(
            stage=Subquery(open_process.values("current_stage__kind")[:1]),
            snapshots_count=Count("snapshots", distinct=True),
        )
        .select_related("city__region")
    )


def draft_get(client, pk: int) -> Strategy:
    """A working copy the client may read; NotFound (404) for any other, whether it exists or
    not, so that a client learns nothing of drafts it may not see."""
    strategy = (
        Strategy.objects.filter(draft_visibility(client), pk=pk).select_related("city").first()
    )
    if strategy is None:
        raise NotFound()
    return strategy
