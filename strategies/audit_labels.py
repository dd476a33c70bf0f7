"""How the strategy document's audit events read (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from core.audit_labels import EventType, register_event_types
from strategies.models import RoadmapItem


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


def _item_titles(extras: list[dict], memo: dict) -> None:
    """The titles of the road map items the monitoring events name by identity (an amendment
    keeps it: the latest item of that identity names it), in one query."""
    uids = {extra.get("item") for extra in extras} - {None}
    titles = memo.setdefault("roadmap_items", {})
    for item in RoadmapItem.objects.filter(uid__in=uids - titles.keys()).order_by("pk"):
        titles[str(item.uid)] = str(item)


def _item(extra: dict, memo: dict) -> dict:
    uid = extra.get("item")
    return {"item": memo.get("roadmap_items", {}).get(uid, uid or "—")}


register_event_types(
    EventType(
        "monitoring.roadmap_created",
        _("Recorded the road map monitoring of %(year)s for “%(item)s”"),
        _item,
        _item_titles,
    ),
    EventType(
        "monitoring.roadmap_changed",
        _("Changed the road map monitoring of %(year)s for “%(item)s”"),
        _item,
        _item_titles,
    ),
)

# The smart-city base list of a year (strategies.base_list): initiatives that enter and leave it.
register_event_types(
    EventType(
        "smartcity.initiative_entered",
        _("Added the initiative “%(target)s” to the smart-city base list of %(year)s"),
    ),
    EventType(
        "smartcity.initiative_left",
        _("Took the initiative “%(target)s” off the smart-city base list of %(year)s"),
    ),
)
