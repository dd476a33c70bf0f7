"""Writing audit events: the only way rows of AuditEvent come to be."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import AuditEvent


def audit_record(
    *,
    actor,
    event_type: str,
    target: models.Model,
    strategy=None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event: who did what to which object, with old/new values in `extra`."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        event_type=event_type,
        strategy=strategy,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_repr=str(target)[:300],
        extra=extra or {},
    )
