"""The road map's yearly monitoring after approval (2025 smart-city reference standard): the
status of each item and the cost spent in a year, recorded as monitoring data like the
indicators' actual values (indicators.services): keyed to the item's identity
(`RoadmapItem.uid`, kept by amendments), never written into the approved snapshot."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import Conflict, InvalidInput, NotFound
from indicators.services import lock_for_monitoring
from strategies.models import RoadmapItem, RoadmapProgress, Strategy
from strategies.models.smartcity import STANDARD_YEAR


@transaction.atomic
def roadmap_progress_record(
    *,
    actor,
    strategy: Strategy,
    item_uid,
    year: int,
    status: str,
    spent: Decimal | None,
    note: str = "",
) -> RoadmapProgress:
    """Record (or change) the status and the cost spent (million tenge, >= 0) of one road map
    item of an approved strategy in `year` (2025 to this year). Raises PermissionDenied unless
    the actor records the city's monitoring, NotFound when the approved edition has no such
    item, InvalidInput for a value out of range, Conflict when someone recorded that year
    meanwhile. The approved snapshot is never changed."""
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
    current = (
        RoadmapProgress.objects.select_for_update().filter(item_uid=item_uid, year=year).first()
    )
    if current is None:
        try:
            with transaction.atomic():
                current = RoadmapProgress.objects.create(
                    item_uid=item_uid, city_id=strategy.city_id, year=year, status=status,
                    spent=spent, note=note, recorded_by=actor,
                )  # fmt: skip
        except IntegrityError as error:
            raise Conflict(
                _("Someone recorded the year %(year)s meanwhile; reload the page.") % {"year": year}
            ) from error
        action = "created"
    else:
        current.status, current.spent, current.note = status, spent, note
        current.recorded_by, current.version = actor, current.version + 1
        current.save()
        action = "changed"
    audit_record(
        actor=actor,
        event_type=f"monitoring.roadmap_{action}",
        target=current,
        strategy=strategy,
        extra={"item": str(item_uid), "year": year, "status": status, "spent": str(spent)},
    )
    return current


def roadmap_progress_of(strategy: Strategy) -> dict:
    """{item uid: [RoadmapProgress by year]} for the road map of a strategy (one query)."""
    uids = list(strategy.roadmap.values_list("uid", flat=True))
    result: dict = {uid: [] for uid in uids}
    for progress in RoadmapProgress.objects.filter(item_uid__in=uids).order_by("year"):
        result[progress.item_uid].append(progress)
    return result
