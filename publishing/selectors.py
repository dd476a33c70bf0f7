"""Reads of publishing: which document a user may have as PDF, what the PDF shows beside the
document (cover details, approval details, the annex of a draft), renders a user may see."""

import hashlib

from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from approvals.models import Hearing, MaslikhatRecord, Process, Remark, Snapshot
from approvals.selectors import snapshot_of
from approvals.snapshots import canonical_json, content_hash, snapshot_content
from core.exceptions import InvalidInput, NotFound
from indicators.models import YearlyValue
from indicators.reports import REPORT_STATES, monitoring_report, report_years
from publishing.models import Render
from publishing.pdf import template_version
from strategies.compliance import CHECKS, compliance_check
from strategies.models import Strategy
from strategies.permissions import can_view_draft, ensure_can_view, ensure_can_view_draft
from strategies.roadmap_monitoring import latest_roadmap_progress
from strategies.selectors import strategy_document


def approved_process(snapshot: Snapshot) -> Process | None:
    """The process that approved `snapshot` (it is then an approved edition), if any; read once
    per snapshot object (the right to it and the PDF's context both ask)."""
    if not hasattr(snapshot, "_approved_process"):
        snapshot._approved_process = Process.objects.filter(
            snapshot=snapshot, state=Process.State.APPROVED
        ).first()
    return snapshot._approved_process


def pdf_source(user, strategy: Strategy, snapshot_number: int | None) -> Snapshot | None:
    """The document a user asks for as PDF: the snapshot numbered `snapshot_number`, or without
    a number the strategy as it stands (its live working draft while it is a draft, for those
    who may read that; otherwise the snapshot under review or the latest). None is the working
    draft.

    Anyone may have an approved edition; any other snapshot only those who may read the
    strategy, the working draft only its city's editors. Raises NotFound or PermissionDenied.
    """
    if snapshot_number is None:
        if strategy.state == Strategy.State.DRAFT and can_view_draft(user, strategy):
            return None
        snapshot = snapshot_of(strategy, None)
        if snapshot is None:
            ensure_can_view_draft(user, strategy)  # a draft never submitted: 403 or 404
            raise NotFound()
    else:
        # The content is read by the worker, not here: a stored PDF is found without it.
        snapshot = strategy.snapshots.defer("content").filter(number=snapshot_number).first()
        if snapshot is None:
            raise NotFound()
    if approved_process(snapshot) is None:
        ensure_can_read_draft_snapshot(user, strategy)
    return snapshot


def report_source(user, strategy: Strategy, year: int) -> Snapshot:
    """The approved edition whose yearly monitoring report of `year` a user asks for as PDF: read
    by whoever may read the strategy's monitoring page (an approved edition is public).

    Raises NotFound for a strategy that is not an approved (or superseded) edition or that the
    user may not see, InvalidInput when no value is recorded for `year`."""
    if strategy.state not in REPORT_STATES:
        raise NotFound()
    ensure_can_view(user, strategy)
    process = approved_processes(strategy).first()
    if process is None:
        raise NotFound()
    if year not in report_years(strategy):
        raise InvalidInput(
            details={"report_year": [_("No plan or actual value is recorded for this year.")]}
        )
    snapshot = process.snapshot
    snapshot._approved_process = process
    return snapshot


def approved_processes(strategy: Strategy):
    """The processes that approved the strategy, the latest first (the snapshot's content
    deferred: a report is made from the monitoring data)."""
    return (
        Process.objects.filter(strategy=strategy, state=Process.State.APPROVED)
        .select_related("snapshot")
        .defer("snapshot__content")
        .order_by("-finished_at")
    )


def ensure_can_read_draft_snapshot(user, strategy: Strategy) -> None:
    """A snapshot that is not an approved edition is read where its review page is: by a signed-in
    user who may read the strategy (strategies.permissions)."""
    if not user.is_authenticated:
        raise NotFound()
    ensure_can_view(user, strategy)


def ensure_can_read_render(user, render: Render) -> None:
    """A render is read by whoever may have the document it was made from (pdf_source)."""
    if render.snapshot_id is None:
        ensure_can_view_draft(user, render.strategy)
    elif render.edition == Render.Edition.DRAFT:
        ensure_can_read_draft_snapshot(user, render.strategy)


def render_for_user(user, pk: int) -> Render:
    """A render the user may read; NotFound (404) for anything else."""
    render = get_object_or_404(
        Render.objects.select_related("strategy__city", "snapshot").defer(
            "draft_content", "context"
        ),
        pk=pk,
    )
    ensure_can_read_render(user, render)
    return render


def working_copy(strategy: Strategy) -> tuple[Strategy, dict]:
    """The live working draft loaded whole (for its compliance check), and its content exactly as
    a snapshot would freeze it now (approvals.snapshots.snapshot_content: with the names of the
    reference rows it cites)."""
    return strategy_document(strategy.pk), snapshot_content(strategy)


def _approval(strategy: Strategy, process: Process) -> dict:
    """Hearing date, maslikhat, session date and decision number of an approved edition (p.14, 16).

    The hearing may belong to an earlier submission: a returned draft goes back to the stage that
    returned it, without a second hearing."""
    hearing = (
        Hearing.objects.filter(
            stage_run__process__strategy_id=strategy.pk,
            stage_run__process__started_at__lte=process.started_at,
            held_on__isnull=False,
        )
        .order_by("-held_on")
        .first()
    )
    record = MaslikhatRecord.objects.filter(stage_run__process=process).first()
    maslikhat = strategy.city.maslikhat
    return {
        "hearing_on": hearing.held_on.isoformat() if hearing else None,
        "maslikhat": maslikhat.name if maslikhat else "",
        "session_on": record.session_on.isoformat() if record and record.session_on else None,
        "decision_number": record.decision_number if record else "",
    }


def _compliance(doc: Strategy | None) -> dict:
    """The compliance result: of the working draft as it is, or of a snapshot as its submission
    guarantees (process_submit refuses a draft while a mandatory check fails)."""
    if doc is None:
        return {
            "at_submission": True,
            "passed": True,
            "failing": 0,
            "checks": [
                {
                    "code": c.code,
                    "paragraph": c.paragraph,
                    "title": str(c.title),
                    "mandatory": True,
                    "passed": True,
                    "findings": [],
                }
                for c in CHECKS
                if c.mandatory
            ],
        }
    report = compliance_check(doc)
    return {
        "at_submission": False,
        "passed": report.passed,
        "failing": len(report.failing),
        "checks": [
            {
                "code": r.check.code,
                "paragraph": r.check.paragraph,
                "title": str(r.check.title),
                "mandatory": r.check.mandatory,
                "passed": r.passed,
                "findings": [str(f.message) for f in r.findings],
            }
            for r in report.results
        ],
    }


def _open_remarks(strategy: Strategy) -> list[dict]:
    remarks = Remark.objects.filter(strategy=strategy, response="").select_related(
        "decision__organisation", "decision__snapshot"
    )
    return [
        {
            "target": r.target_label,
            "text": r.text,
            "organisation": r.decision.organisation.name,
            "snapshot": r.decision.snapshot.number,
        }
        for r in remarks
    ]


def _number(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _yearly(strategy: Strategy, lang: str) -> dict[str, list[dict]]:
    """The yearly plan / actual values recorded for the city's indicators, by indicator identity:
    monitoring data, recorded after approval and keyed to `Indicator.uid` (indicators.YearlyValue),
    which every edition of the strategy shares, so an edition shows the values recorded so far."""
    rows: dict[str, list[dict]] = {}
    values = YearlyValue.objects.filter(city_id=strategy.city_id).order_by("year", "pk")
    fields = ("indicator_uid", "year", "plan", "plan_bound", "actual", "actual_bound")
    for value in values.values(*fields, explained=F(f"explanation_{lang}")):
        uid, explanation = str(value.pop("indicator_uid")), value.pop("explained") or ""
        rows.setdefault(uid, []).append(
            {
                **value,
                "plan": _number(value["plan"]),
                "actual": _number(value["actual"]),
                "explanation": explanation,
            }
        )
    return rows


def render_input(
    strategy: Strategy, snapshot: Snapshot | None, lang: str
) -> tuple[dict | None, dict]:
    """What a PDF is made from besides a snapshot's own content: the live working draft's content
    as it is now (None for a snapshot), and the context beside the document (render_context)."""
    if snapshot is not None:
        return None, render_context(strategy, snapshot, lang)
    doc, content = working_copy(strategy)
    return content, render_context(strategy, None, lang, content_hash(content), doc)


def render_context(
    strategy: Strategy, snapshot: Snapshot | None, lang: str, draft_hash: str = "", doc=None
) -> dict:
    """What the PDF shows beside the document, in `lang`, as JSON: edition (draft / approved),
    snapshot number, content hash, cover date, approval details (approved edition), compliance
    and open remarks (drafts), yearly plan / actual values. Without a snapshot, `doc` is the
    loaded working draft and `draft_hash` the hash of its content."""
    process = approved_process(snapshot) if snapshot is not None else None
    with translation.override(lang):
        if process is not None:
            approval = _approval(strategy, process)
            cover_date = approval["session_on"]
        else:
            approval = None
            when = snapshot.created_at if snapshot is not None else timezone.now()
            cover_date = timezone.localdate(when).isoformat()
        return {
            "edition": Render.Edition.APPROVED if process else Render.Edition.DRAFT,
            "snapshot": {"number": snapshot.number} if snapshot is not None else None,
            "content_hash": snapshot.content_hash if snapshot is not None else draft_hash,
            "date": cover_date,
            "approval": approval,
            "compliance": None if process else _compliance(doc),
            "remarks": [] if process else _open_remarks(strategy),
            "yearly": _yearly(strategy, lang),
            # The approved edition's road map with the latest year of its monitoring.
            "roadmap": latest_roadmap_progress(strategy.city_id, lang) if process else {},
        }


def report_render_context(strategy: Strategy, snapshot: Snapshot, lang: str, year: int) -> dict:
    """What the PDF of a yearly monitoring report shows, as JSON: the approved edition it
    reports on (snapshot number, content hash, approval details) and the report itself
    (indicators.reports.monitoring_report in `lang`)."""
    process = approved_process(snapshot)
    with translation.override(lang):
        return {
            "edition": Render.Edition.APPROVED,
            "kind": Render.Kind.REPORT,
            "snapshot": {"number": snapshot.number},
            "content_hash": snapshot.content_hash,
            "approval": _approval(strategy, process) if process is not None else None,
            "report": monitoring_report(strategy, year, lang),
        }


def render_key(strategy: Strategy, snapshot: Snapshot | None, lang: str, context: dict) -> str:
    """SHA-256 of everything a PDF shows: the same key is the same file."""
    return hashlib.sha256(
        canonical_json(
            {
                "strategy": strategy.pk,
                "snapshot": snapshot.number if snapshot is not None else None,
                "language": lang,
                "template_version": template_version(),
                "context": context,
            }
        )
    ).hexdigest()


def renders_waiting_before(render: Render) -> int:
    """How many renders were asked for earlier and still wait for or occupy a worker."""
    return Render.objects.filter(
        Q(status__in=[Render.Status.PENDING, Render.Status.RENDERING]),
        Q(requested_at__lt=render.requested_at)
        | Q(requested_at=render.requested_at, pk__lt=render.pk),
    ).count()
