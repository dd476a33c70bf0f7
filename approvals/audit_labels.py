"""How the approval route's audit events read (core.audit_labels): one sentence per transition."""

from django.utils.translation import gettext_lazy as _

from approvals.models import Remark, StageKind
from core.audit_labels import EventType, readable_date, register_event_types
from core.models import Organisation


def _stage(code) -> str:
    try:
        return str(StageKind(code).label)
    except ValueError:
        return str(code or "—")


def _organisation(code, memo: dict) -> str:
    """The organisation's name in the reader's language (all organisations load once a page)."""
    if "organisations" not in memo:
        memo["organisations"] = {o.code: str(o) for o in Organisation.objects.all()}
    return memo["organisations"].get(code, str(code or "—"))


def _decision(extra: dict, memo: dict) -> dict:
    return {
        "stage": _stage(extra.get("stage")),
        "organisation": _organisation(extra.get("organisation"), memo),
    }


def _stages(extra: dict, memo: dict) -> dict:
    return {"stage": _stage(extra.get("stage")), "next": _stage(extra.get("next"))}


def _period(extra: dict, memo: dict) -> dict:
    new = extra.get("new") or {}
    return {"until": readable_date(new.get("published_until", "—"))}


def _remark(extra: dict, memo: dict) -> dict:
    response = (extra.get("new") or {}).get("response")
    try:
        return {"response": str(Remark.Response(response).label)}
    except ValueError:
        return {"response": str(response or "—")}


register_event_types(
    EventType(
        "approval.submitted",
        _("Submitted the draft as snapshot #%(snapshot)s; public hearings until %(hearing_until)s"),
    ),
    EventType(
        "approval.resubmitted",
        _(
            "Submitted the draft again as snapshot #%(snapshot)s; it goes back to the stage that "
            "returned it (%(stage)s), the public hearing held stays on record"
        ),
        _stages,
    ),
    EventType(
        "approval.hearing_period_changed",
        _("Moved the end of the public hearings of snapshot #%(snapshot)s to %(until)s"),
        _period,
    ),
    EventType(
        "approval.hearing_recorded",
        _(
            "Recorded the public hearing held on %(held_on)s: %(place)s, %(public_council)s, "
            "%(participants)s participants"
        ),
    ),
    EventType("approval.comment_answered", _("Answered public comment #%(target_id)s")),
    EventType(
        "approval.hearings_closed",
        _("Closed the public hearings of snapshot #%(snapshot)s; the draft went to: %(next)s"),
        _stages,
    ),
    EventType(
        "approval.agreed",
        _("%(organisation)s agreed with snapshot #%(snapshot)s at the stage “%(stage)s”"),
        _decision,
    ),
    EventType(
        "approval.returned",
        _(
            "%(organisation)s returned snapshot #%(snapshot)s with %(remarks)s remarks at the "
            "stage “%(stage)s”"
        ),
        _decision,
    ),
    EventType(
        "approval.remark_answered",
        _("Answered the remark “%(target)s”: %(response)s"),
        _remark,
    ),
    EventType(
        "approval.recommended",
        _(
            "Recorded the akimat's recommendation of %(recommended_on)s and the consultation with "
            "the Presidential Administration of %(consulted_on)s (%(reference)s)"
        ),
    ),
    EventType(
        "approval.approved",
        _(
            "Recorded the approval of snapshot #%(snapshot)s by the maslikhat: session of "
            "%(session_on)s, decision No. %(decision_number)s"
        ),
    ),
    EventType(
        "approval.amendment_started",
        _("Started an amendment of the approved snapshot #%(from_snapshot)s"),
    ),
)
