"""How the strategy document's audit events read (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from core.audit_labels import EventType, register_event_types


def _moved(extra: dict, memo: dict) -> dict:
    """Places count from 1 for the reader (positions are stored from 0)."""
    old, new = (extra.get("changes") or {}).get("position") or (None, None)
    return {
        "from": old + 1 if isinstance(old, int) else "—",
        "to": new + 1 if isinstance(new, int) else "—",
    }


register_event_types(
    EventType("strategy.created", _("Created the strategy “%(target)s”")),
    EventType("content.created", _("Added the %(kind)s “%(target)s”")),
    EventType("content.updated", _("Changed the %(kind)s “%(target)s”")),
    EventType("content.deleted", _("Removed the %(kind)s “%(target)s”")),
    EventType(
        "content.moved", _("Moved the %(kind)s “%(target)s” from place %(from)s to %(to)s"), _moved
    ),
)
