"""A submission through the approval route (p.14-16) as data: its snapshot, the public hearing,
every stage with its decisions, and the maslikhat's records. Read by a published edition's
approval details and by an organisation's view of its drafts."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from api.languages import columns, label
from approvals.models import Hearing, MaslikhatRecord, Process, StageKind


def local_date(value) -> str | None:
    return value.isoformat() if value else None


def local_time(value) -> str | None:
    """ISO 8601 in the site's time zone (Asia/Almaty), as DRF writes times."""
    return timezone.localtime(value).isoformat() if value else None


def _related(row, name: str):
    """A reverse one-to-one loaded with select_related, or None where there is none."""
    try:
        return getattr(row, name)
    except ObjectDoesNotExist:
        return None


def hearing_data(hearing: Hearing | None) -> dict | None:
    if hearing is None:
        return None
    return {
        "published_from": local_date(hearing.published_from),
        "published_until": local_date(hearing.published_until),
        "held_on": local_date(hearing.held_on),
        "place": hearing.place,
        "public_council": hearing.public_council,
        "participants": hearing.participants,
    }


def maslikhat_data(record: MaslikhatRecord | None) -> dict | None:
    if record is None:
        return None
    return {
        "recommended_on": local_date(record.recommended_on),
        "consulted_on": local_date(record.consulted_on),
        "consultation_reference": record.consultation_reference,
        "session_on": local_date(record.session_on),
        "decision_number": record.decision_number,
    }


def process_data(process: Process) -> dict:
    """One submission (loaded with api.selectors.with_stages): the snapshot it froze, when it
    began and ended, its hearing, stages and decisions, and the maslikhat's records."""
    runs = list(process.stage_runs.all())
    hearings = [h for run in runs if (h := _related(run, "hearing")) is not None]
    records = [r for run in runs if (r := _related(run, "maslikhat_record")) is not None]
    snapshot = process.snapshot
    return {
        "snapshot": {
            "number": snapshot.number,
            "sha256": snapshot.content_hash,
            "frozen_at": local_time(snapshot.created_at),
        },
        "submitted_at": local_time(process.started_at),
        "finished_at": local_time(process.finished_at),
        "hearing": hearing_data(hearings[0] if hearings else None),
        "stages": [
            {
                "stage": run.stage.kind,
                "title": label(StageKind(run.stage.kind).label),
                "state": run.state,
                "started_at": local_time(run.started_at),
                "finished_at": local_time(run.finished_at),
                "decisions": [
                    {
                        "organisation": {
                            "code": decision.organisation.code,
                            "name": columns(decision.organisation, "name"),
                        },
                        "outcome": decision.outcome,
                        "decided_at": local_time(decision.created_at),
                    }
                    for decision in run.decisions.all()
                ],
            }
            for run in runs
        ],
        "maslikhat": maslikhat_data(records[0] if records else None),
    }
