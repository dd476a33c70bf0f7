"""The road map's yearly monitoring after approval (2025 smart-city reference standard): the
status of each item and the cost spent in a year, recorded as monitoring data like the
indicators' actual values (indicators.services): keyed to the item's identity
(`RoadmapItem.uid`, kept by amendments), never written into the approved snapshot."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import Conflict, InvalidInput, NotFound
from core.i18n import CONTENT_LANGUAGES
from indicators.services import lock_for_monitoring
from strategies.models import RoadmapItem, RoadmapProgress, Strategy
from strategies.models.smartcity import STANDARD_YEAR
from strategies.rendering import localized_number


@transaction.atomic
def roadmap_progress_record(
    *,
    actor,
    strategy: Strategy,
    item_uid,
    year: int,
    status: str,
    spent: Decimal | None,
    note: dict[str, str] | None = None,
    expected_version: int | None = None,
) -> RoadmapProgress:
    """Record (or change) the status, the cost spent (million tenge, >= 0) and the explanation
    (`note`: {"kk": ..., "ru": ...}) of one road map item of an approved strategy in `year`
    (2025 to this year). `expected_version` is the version of that year's record the actor's
    page showed (None: the page showed no record). Raises PermissionDenied unless the actor
    records the city's monitoring, NotFound when the approved edition has no such item,
    InvalidInput for a value out of range, Conflict when someone recorded that year since the
    page was shown. The approved snapshot is never changed."""
    strategy = lock_for_monitoring(actor, strategy)
    if (
        strategy.state != Strategy.State.APPROVED
        or not RoadmapItem.objects.filter(strategy=strategy, uid=item_uid).exists()
    ):
        raise NotFound(_("The approved road map has no such item."))
    errors = {}
    if not STANDARD_YEAR <= year <= timezone.localdate().year:
        errors["year"] = [
            _(
                "Road map monitoring is recorded for a year since the 2025 reference standard: from %(first)s to %(last)s."
            )
            % {"first": STANDARD_YEAR, "last": timezone.localdate().year}
        ]
    if status not in RoadmapItem.Status.values:
        errors["status"] = [_("Select a valid choice.")]
    if spent is not None and spent < 0:
        errors["spent"] = [_("The cost spent is never negative.")]
    if errors:
        raise InvalidInput(details=errors)
    notes = {f"note_{lang}": (note or {}).get(lang, "") for lang in CONTENT_LANGUAGES}
    raced = Conflict(
        _("Someone recorded the year %(year)s meanwhile; reload the page.") % {"year": year}
    )
    current = (
        RoadmapProgress.objects.select_for_update().filter(item_uid=item_uid, year=year).first()
    )
    if current is None:
        try:
            with transaction.atomic():
                current = RoadmapProgress.objects.create(
                    item_uid=item_uid, city_id=strategy.city_id, year=year, status=status,
                    spent=spent, recorded_by=actor, **notes,
                )  # fmt: skip
        except IntegrityError as error:
            raise raced from error
        action, old = "created", None
    else:
        if expected_version != current.version:
            raise raced
        old = {"status": current.status, "spent": _plain(current.spent)}
        current.status, current.spent = status, spent
        for column, text in notes.items():
            setattr(current, column, text)
        current.recorded_by, current.version = actor, current.version + 1
        current.save()
        action = "changed"
    audit_record(
        actor=actor,
        event_type=f"monitoring.roadmap_{action}",
        target=current,
        strategy=strategy,
        extra={
            "item": str(item_uid),
            "year": year,
            "status": status,
            "spent": _plain(spent),
            **({"old": old} if old else {}),
        },
    )
    return current


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def roadmap_progress_of(strategy: Strategy) -> dict:
    """{item uid: [RoadmapProgress by year]} for the road map of a strategy (two queries)."""
    uids = list(strategy.roadmap.values_list("uid", flat=True))
    result: dict = {uid: [] for uid in uids}
    for progress in RoadmapProgress.objects.filter(item_uid__in=uids).order_by("year"):
        result[progress.item_uid].append(progress)
    return result


def latest_roadmap_progress(city_id: int, lang: str) -> dict[str, dict]:
    """{item uid (str): the latest year's monitoring as plain JSON values} for the road map
    items of a city (every edition's, keyed by identity): "year", "status" (its label in
    `lang`), "status_code", "spent" (million tenge, a plain decimal string or None),
    "spent_shown" (in the format of `lang`: 300,5), "note" (in
    `lang`, else in the other drafting language). One query; items with no record are left
    out."""
    latest: dict[str, dict] = {}
    rows = (
        RoadmapProgress.objects.filter(city_id=city_id)
        .order_by("item_uid", "-year")
        .values("item_uid", "year", "status", "spent", "note_kk", "note_ru", "note_en")
    )
    with translation.override(lang):
        for row in rows:
            uid = str(row["item_uid"])
            if uid in latest:
                continue
            notes = [row.get(f"note_{code}") or "" for code in (lang, "ru", "kk")]
            latest[uid] = {
                "year": row["year"],
                "status": str(RoadmapItem.Status(row["status"]).label),
                "status_code": row["status"],
                "spent": _plain(row["spent"]),
                "spent_shown": localized_number(_plain(row["spent"]), lang) or "",
                "note": next((n for n in notes if n.strip()), ""),
            }
    return latest
