"""Writing audit events: the only way rows of AuditEvent come to be. How an event reads, in the
reader's language, is core.audit_labels."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation

from core.i18n import CONTENT_LANGUAGES
from core.models import AuditEvent

TARGET_LENGTH = 300


def target_names(target: models.Model) -> dict[str, str]:
    """The target as it reads now in every content language ({"kk": ..., "ru": ..., "en": ...}):
    its name and any choice label in it are stored at event time, read in the reader's language."""
    names = {}
    for lang in CONTENT_LANGUAGES:
        with translation.override(lang):
            names[lang] = str(target)[:TARGET_LENGTH]
    return names


def audit_record(
    *,
    actor,
    event_type: str,
    target: models.Model,
    strategy=None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event: who did what to which object, with old/new values in `extra` (and, under
    "target_names", the target's name in every language)."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        event_type=event_type,
        strategy=strategy,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_repr=str(target)[:TARGET_LENGTH],
        extra={**(extra or {}), "target_names": target_names(target)},
    )
