"""Writes to the strategy document; every change goes through a function here, is checked against
the permission module, refused when stale (optimistic locking) and recorded in the audit trail."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import Conflict, PermissionDenied
from core.i18n import CONTENT_LANGUAGES, translated
from core.models import AuditEvent, City
from core.richtext import sanitize_html
from strategies.models import (
    Analysis,
    Direction,
    DirectionKind,
    ImplementationMechanism,
    Strategy,
    SwotItem,
    Vision,
)
from strategies.permissions import can_create, can_edit
from strategies.sections import is_rich


class EditConflict(Conflict):
    """A save based on an older version: carries the row as it is now and what changed since."""

    def __init__(self, *, current: models.Model, events: list[AuditEvent]):
        self.current = current
        self.events = events
        super().__init__(
            _("Someone else saved this part after you opened it. Their changes are shown below; "
              "your text is kept in the form. Merge both and save again."),
            details={"version": current.version, "changes": [e.extra for e in events]},
        )  # fmt: skip


def conflict_merge(conflict: EditConflict, model: type[models.Model], mine: dict[str, Any]):
    """Three-way merge of a stale save: a field the actor did not touch takes the other person's
    value; a field both changed keeps the actor's value and is reported as a clash.

    Returns (merged values, names of the fields taken from the others, names that clash).
    """
    base: dict[str, Any] = {}
    for event in conflict.events:
        for field, (old, _new) in event.extra.get("changes", {}).items():
            base.setdefault(field, old)
    merged, taken, clashes = dict(mine), [], []
    for field, original in base.items():
        if field not in mine:
            continue
        theirs = _plain(getattr(conflict.current, field))
        submitted = _plain(_clean(model, field, mine[field]))
        if submitted == theirs:
            continue
        if submitted == original:
            merged[field] = getattr(conflict.current, field)
            taken.append(field)
        else:
            clashes.append(field)
    return merged, taken, clashes


def default_title(city: City) -> dict[str, str]:
    """The title of a new strategy in every content language."""
    titles = {}
    for lang in CONTENT_LANGUAGES:
        with translation.override(lang):
            titles[lang] = _("Development strategy of %(city)s to 2050") % {
                "city": getattr(city, f"name_{lang}") or city.name
            }
    return titles


@transaction.atomic
def strategy_create(*, actor, city: City, title: dict[str, str] | None = None) -> Strategy:
    """Start a city's working copy with every section of p.17 and the five directions in place.

    Precondition: the actor edits the city's strategies and the city has no open strategy.
    Raises PermissionDenied or Conflict.
    """
    if not can_create(actor, city):
        raise PermissionDenied()
    message = _("%(city)s already has a strategy being drafted or approved.") % {"city": city}
    if Strategy.objects.filter(city=city, state__in=Strategy.OPEN_STATES).exists():
        raise Conflict(message)
    try:
        with transaction.atomic():
            strategy = Strategy.objects.create(
                city=city, created_by=actor, **translated("title", title or default_title(city))
            )
    except IntegrityError as error:  # a concurrent creation won the race
        raise Conflict(message) from error
    Analysis.objects.create(strategy=strategy)
    Vision.objects.create(strategy=strategy)
    ImplementationMechanism.objects.create(strategy=strategy)
    Direction.objects.bulk_create(Direction(strategy=strategy, kind=kind) for kind in DirectionKind)
    audit_record(actor=actor, event_type="strategy.created", target=strategy, strategy=strategy)
    return strategy


def strategy_of(row: models.Model) -> Strategy:
    """The strategy a content row belongs to."""
    if isinstance(row, Strategy):
        return row
    for parent in ("strategy", "direction", "indicator", "series"):
        if hasattr(row, f"{parent}_id"):
            return strategy_of(getattr(row, parent))
    raise TypeError(type(row))


def _lock_editable(actor, row: models.Model) -> Strategy:
    """Lock the strategy row (serialising concurrent saves of one document) and check the right."""
    strategy = Strategy.objects.select_for_update().get(pk=strategy_of(row).pk)
    if not can_edit(actor, strategy):
        raise PermissionDenied()
    return strategy


def _clean(model: type[models.Model], field: str, value: Any) -> Any:
    """Trim text; sanitise rich text against the allow-list."""
    base = field.rsplit("_", 1)[0] if field.rsplit("_", 1)[-1] in CONTENT_LANGUAGES else field
    if isinstance(value, str):
        value = value.strip()
        if is_rich(model, base):
            value = sanitize_html(value)
    return value


def _plain(value: Any) -> Any:
    """A value as it is kept in the audit trail (JSON)."""
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _year_values(row: models.Model, related: str) -> dict[int, Decimal]:
    return {v.year: v.value for v in getattr(row, related).all()}


def _set_year_values(row, related: str, values: dict[int, Decimal | None], diff: dict) -> None:
    """Replace the year → value children (series values, milestones) and note what changed."""
    current = _year_values(row, related)
    wanted = {year: value for year, value in values.items() if value is not None}
    manager = getattr(row, related)
    for year in current.keys() - wanted.keys():
        diff[f"{related}.{year}"] = [_plain(current[year]), None]
    manager.filter(year__in=current.keys() - wanted.keys()).delete()
    for year, value in wanted.items():
        if current.get(year) != value:
            diff[f"{related}.{year}"] = [_plain(current.get(year)), _plain(value)]
            manager.update_or_create(year=year, defaults={"value": value})


def _touch(strategy: Strategy) -> None:
    Strategy.objects.filter(pk=strategy.pk).update(updated_at=timezone.now())


@transaction.atomic
def content_update(
    *,
    actor,
    row: models.Model,
    expected_version: int,
    changes: dict[str, Any],
    m2m: dict[str, list] | None = None,
    year_values: tuple[str, dict[int, Decimal | None]] | None = None,
) -> models.Model:
    """Save changed fields of one content row (a section, an item, an indicator).

    Precondition: the actor edits the strategy, it is a draft, and `expected_version` is the
    version the actor started from. Rich text is sanitised. Raises PermissionDenied, or
    EditConflict when someone saved the row in the meantime; nothing is written then.
    """
    strategy = _lock_editable(actor, row)
    model = type(row)
    current = model.objects.select_for_update().get(pk=row.pk)
    if current.version != expected_version:
        events = (
            AuditEvent.objects.filter(
                target_type__model=model._meta.model_name,
                target_type__app_label=model._meta.app_label,
                target_id=current.pk,
                extra__version__gt=expected_version,
            )
            .select_related("actor")
            .order_by("created_at")
        )
        raise EditConflict(current=current, events=list(events))
    diff = {}
    for field, value in changes.items():
        value = _clean(model, field, value)
        old = getattr(current, field)
        if old != value:
            diff[field] = [_plain(old), _plain(value)]
            setattr(current, field, value)
    for field, values in (m2m or {}).items():
        old = sorted(obj.pk for obj in getattr(current, field).all())
        new = sorted(obj.pk for obj in values)
        if old != new:
            diff[field] = [old, new]
            getattr(current, field).set(values)
    if year_values:
        _set_year_values(current, *year_values, diff)
    if not diff:
        return current
    current.version += 1
    current.save()
    _touch(strategy)
    audit_record(
        actor=actor,
        event_type="content.updated",
        target=current,
        strategy=strategy,
        extra={"model": model._meta.model_name, "version": current.version, "changes": diff},
    )
    return current


@transaction.atomic
def content_create(
    *,
    actor,
    model: type[models.Model],
    parent: dict[str, models.Model],
    values: dict[str, Any],
    m2m: dict[str, list] | None = None,
    year_values: tuple[str, dict[int, Decimal | None]] | None = None,
) -> models.Model:
    """Add an item (a SWOT row, a problem, an indicator...) at the end of its list.

    Raises PermissionDenied unless the actor edits the strategy of `parent`.
    """
    probe = model(**parent)
    strategy = _lock_editable(actor, probe)
    values = {field: _clean(model, field, value) for field, value in values.items()}
    if hasattr(probe, "position"):
        siblings = model.objects.filter(**parent)
        if isinstance(probe, SwotItem):
            siblings = siblings.filter(quadrant=values.get("quadrant"))
        values["position"] = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
    row = model.objects.create(**parent, **values)
    diff = {
        field: [None, _plain(value)] for field, value in values.items() if value not in ("", None)
    }
    for field, objects in (m2m or {}).items():
        getattr(row, field).set(objects)
        diff[field] = [[], sorted(obj.pk for obj in objects)]
    if year_values:
        _set_year_values(row, *year_values, diff)
    _touch(strategy)
    audit_record(
        actor=actor,
        event_type="content.created",
        target=row,
        strategy=strategy,
        extra={"model": model._meta.model_name, "version": row.version, "changes": diff},
    )
    return row


@transaction.atomic
def content_delete(*, actor, row: models.Model, expected_version: int) -> None:
    """Remove an item; refused (EditConflict) if it changed since the actor saw it."""
    strategy = _lock_editable(actor, row)
    model = type(row)
    current = model.objects.select_for_update().filter(pk=row.pk).first()
    if current is None:
        return  # already removed by someone else: the wish is fulfilled
    if current.version != expected_version:
        raise EditConflict(current=current, events=[])
    removed = {
        f.attname: _plain(getattr(current, f.attname))
        for f in model._meta.concrete_fields
        if f.attname not in ("id", "version", "updated_at")
    }
    audit_record(
        actor=actor,
        event_type="content.deleted",
        target=current,
        strategy=strategy,
        extra={"model": model._meta.model_name, "removed": removed},
    )
    current.delete()
    _touch(strategy)


@transaction.atomic
def content_move(*, actor, row: models.Model, offset: int) -> None:
    """Move an item one place up (offset -1) or down (+1) among its siblings."""
    strategy = _lock_editable(actor, row)
    model = type(row)
    parent_field = next(
        f for f in ("strategy", "direction", "indicator") if hasattr(row, f"{f}_id")
    )
    siblings = model.objects.select_for_update().filter(
        **{f"{parent_field}_id": getattr(row, f"{parent_field}_id")}
    )
    if isinstance(row, SwotItem):
        siblings = siblings.filter(quadrant=row.quadrant)
    ordered = list(siblings.order_by("position", "id"))
    index = next(i for i, item in enumerate(ordered) if item.pk == row.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            model.objects.filter(pk=item.pk).update(position=position)
    _touch(strategy)
    audit_record(
        actor=actor,
        event_type="content.moved",
        target=row,
        strategy=strategy,
        extra={"model": model._meta.model_name, "changes": {"position": [index, target]}},
    )
