"""How the monitoring layer's audit events read (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from core.audit_labels import EventType, register_event_types
from indicators.models import Indicator


def _indicator_names(extras: list[dict], memo: dict) -> None:
    """The names of the indicators the events name by identity (an amendment keeps it: the
    latest indicator of that identity names it), in one query."""
    uids = {extra.get("indicator") for extra in extras} - {None}
    names = memo.setdefault("indicators", {})
    for indicator in Indicator.objects.filter(uid__in=uids - names.keys()).order_by("pk"):
        names[str(indicator.uid)] = str(indicator)


def _indicator(extra: dict, memo: dict) -> dict:
    uid = extra.get("indicator")
    return {"indicator": memo.get("indicators", {}).get(uid, uid or "—")}


def _recorded(extra: dict, memo: dict) -> dict:
    """The indicator, and whether the editor confirmed values the plausibility check warned
    about (indicators.plausibility)."""
    names = {"plan": _("plan"), "actual": _("actual")}
    fields = [str(names.get(name, name)) for name in extra.get("implausible_confirmed") or []]
    confirmed = (
        str(_(" (implausible values confirmed: %(fields)s)") % {"fields": ", ".join(fields)})
        if fields
        else ""
    )
    return {**_indicator(extra, memo), "confirmed": confirmed}


register_event_types(
    *(
        EventType(code, sentence, _recorded, _indicator_names)
        for code, sentence in (
            (
                "monitoring.value_created",
                _(
                    "Recorded the plan and actual values of %(year)s for “%(indicator)s”"
                    "%(confirmed)s"
                ),
            ),
            (
                "monitoring.value_changed",
                _(
                    "Changed the plan and actual values of %(year)s for “%(indicator)s”"
                    "%(confirmed)s"
                ),
            ),
        )
    ),
    EventType(
        "monitoring.value_removed",
        _("Removed the plan and actual values of %(year)s for “%(indicator)s”"),
        _indicator,
        _indicator_names,
    ),
    EventType(
        "monitoring.import_applied",
        _(
            "Imported “%(file)s”: %(values)s yearly values (%(created)s new, %(changed)s "
            "changed) and %(indicators_created)s new indicators"
        ),
    ),
)
