"""Writes to the strategy document; every change goes through a function here, is checked against
the permission module, refused when stale (optimistic locking) and recorded in the audit trail."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import Conflict, InvalidInput, PermissionDenied
from core.i18n import CONTENT_LANGUAGES, translated
from core.models import AuditEvent, City
from core.richtext import sanitize_html
from core.text import clean_text
from strategies.models import (
    Analysis,
    Direction,
    DirectionKind,
    ImplementationMechanism,
    Strategy,
    Vision,
)
from strategies.permissions import can_create, can_edit
from strategies.sections import is_rich, translated_fields

# The frame of every strategy (p.17): the strategy, its one-per-strategy sections and the five
# directions. They are edited, never removed or reordered.
FRAME = (Strategy, Analysis, Vision, ImplementationMechanism, Direction)


class EditConflict(Conflict):
    """A save based on an older version: carries the row as it is now, its values in the keys of
    the audit trail (`state`, see content_state) and the events that changed it since."""

    def __init__(
        self, *, current: models.Model, events: list[AuditEvent], state: dict | None = None
    ):
        self.current = current
        self.events = events
        self.state = state or {}
        super().__init__(
            _("Someone else saved this part after you opened it. Their changes are shown below; "
              "your text is kept in the form. Merge both and save again."),
            details={"version": current.version, "changes": [e.extra for e in events]},
        )  # fmt: skip


@dataclass(frozen=True)
class Merge:
    """The outcome of a three-way merge, keyed as the audit trail keys values.

    `values`: what to show the actor again; `taken`: the others' values that replaced the
    actor's untouched ones; `clashes`: the others' values of fields both changed (the actor's
    own stays in `values`).
    """

    values: dict[str, Any]
    taken: dict[str, Any]
    clashes: dict[str, Any]


def conflict_merge(
    conflict: EditConflict,
    *,
    changes: dict[str, Any],
    m2m: dict[str, list] | None = None,
    year_values: tuple[str, dict[int, Decimal | None]] | None = None,
) -> Merge:
    """Three-way merge of a stale save, given the same input as the refused content_update.

    Base: what the actor's page showed, read from the oldest value each field had in the events
    since. For every kind of field the editor holds (text, select, boolean, date, number, foreign
    key, many-to-many choices, year values of a series or milestones): a field the actor left as
    it was takes the other person's value; a field only the actor changed keeps the actor's; a
    field both changed to different values is a clash.
    """
    model = type(conflict.current)
    mine = _input_state(model, changes, m2m, year_values)
    base: dict[str, Any] = {}
    for event in conflict.events:
        for key, (old, _new) in event.extra.get("changes", {}).items():
            base.setdefault(key, _canonical(model, key, old))
    values, taken, clashes = dict(mine), {}, {}
    for key, submitted in mine.items():
        theirs = conflict.state.get(key)
        if key not in base or theirs == base[key] or submitted == theirs:
            continue  # the others left it as the actor's page showed it, or agree with the actor
        if submitted == base[key]:
            values[key] = taken[key] = theirs
        else:
            clashes[key] = theirs
    return Merge(values, taken, clashes)


def content_state(row: models.Model, *, year_related: str = "") -> dict[str, Any]:
    """A content row's values as the audit trail records them (JSON values): each column by its
    attname (language columns, foreign keys as ids), each many-to-many field as the sorted list
    of chosen ids, and the year values of `year_related` ("values", "milestones") as
    "<year_related>.<year>"."""
    model = type(row)
    skip = {"id", "version", "updated_at", *translated_fields(row)}
    state = {
        f.attname: _plain(getattr(row, f.attname))
        for f in model._meta.concrete_fields
        if f.attname not in skip
    }
    for f in model._meta.many_to_many:
        state[f.name] = sorted(obj.pk for obj in getattr(row, f.name).all())
    if year_related:
        for year, value in _year_values(row, year_related).items():
            state[f"{year_related}.{year}"] = _plain(value)
    return state


def _input_state(model, changes, m2m, year_values) -> dict[str, Any]:
    """The input of a save in the keys and values of content_state."""
    state = {key: _plain(_clean(model, key, value)) for key, value in changes.items()}
    for name, objects in (m2m or {}).items():
        state[name] = sorted(obj.pk for obj in objects)
    if year_values:
        related, values = year_values
        for year, value in values.items():
            state[f"{related}.{year}"] = _plain(value)
    return state


def _canonical(model, key: str, value: Any) -> Any:
    """A value read back from the audit trail, as content_state writes it now (older events
    kept decimals with trailing zeros: "3.0000")."""
    if value is None or isinstance(value, bool):
        return value
    numeric = "." in key
    if not numeric:
        field = next((f for f in model._meta.concrete_fields if f.attname == key), None)
        numeric = isinstance(field, models.DecimalField)
    if numeric and isinstance(value, str | int | float):
        return _plain(Decimal(str(value)))
    if isinstance(value, list):
        return sorted(value)
    return value


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
def strategy_create(
    *, actor, city: City, title: dict[str, str] | None = None, amends: Strategy | None = None
) -> Strategy:
    """Start a city's working copy with every section of p.17 and the five directions in place.

    Precondition: the actor edits the city's strategies, and the city has no open strategy and,
    unless this is an amendment of it (`amends`: approvals.services.strategy_amend), none in
    force (an approved strategy is changed by an amendment, a new draft cycle of its edition;
    PRODUCT.md, "Approval route").
    Raises PermissionDenied or Conflict.
    """
    if not can_create(actor, city):
        raise PermissionDenied()
    message = _("%(city)s already has a strategy being drafted or approved.") % {"city": city}
    if Strategy.objects.filter(city=city, state__in=Strategy.OPEN_STATES).exists():
        raise Conflict(message)
    in_force = Strategy.objects.filter(city=city, state=Strategy.State.APPROVED)
    if amends is None and in_force.exists():
        raise Conflict(
            _(
                "%(city)s has a strategy in force: it is changed by an amendment, which its "
                "page offers to start."
            )
            % {"city": city}
        )
    try:
        with transaction.atomic():
            strategy = Strategy.objects.create(
                city=city,
                created_by=actor,
                amends=amends,
                **translated("title", title or default_title(city)),
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
    """Typed text in its canonical form (core.text); rich text cleaned against the allow-list."""
    base, _sep, lang = field.rpartition("_")
    if lang not in CONTENT_LANGUAGES:
        base = field
    if isinstance(value, str):
        value = clean_text(value)
        if is_rich(model, base):
            value = sanitize_html(value)
    return value


def _plain(value: Any) -> Any:
    """A value as it is kept in the audit trail (JSON): decimals without trailing zeros, dates
    in ISO form, objects as ids, identifiers (UUID) as text."""
    if isinstance(value, Decimal):
        return format(value.normalize() + 0, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, UUID):
        return str(value)
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
    version the actor started from. Text is made canonical and rich text cleaned. Raises
    PermissionDenied, or EditConflict when someone saved the row in the meantime (merge the
    input with conflict_merge); nothing is written then.
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
        state = content_state(current, year_related=year_values[0] if year_values else "")
        raise EditConflict(current=current, events=list(events), state=state)
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
    if is_ordered(model):
        group = {name: values.get(name) for name in order_group(model)}
        siblings = model.objects.filter(**parent, **group)
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


def is_ordered(model: type[models.Model]) -> bool:
    """Whether the items of a list keep an order the editor sets (a `position` column)."""
    return any(f.name == "position" for f in model._meta.concrete_fields) and model not in FRAME


def order_group(model: type[models.Model]) -> list[str]:
    """The columns that split a list into separately ordered groups: those the model's ordering
    names before `position` (the quadrant of a SWOT item, the kind of a series)."""
    ordering = [name.lstrip("-") for name in model._meta.ordering]
    before = ordering[: ordering.index("position")] if "position" in ordering else []
    return [name for name in before if "__" not in name]


def _ensure_item(model: type[models.Model]) -> None:
    if model in FRAME:
        raise InvalidInput(
            _("The sections of the strategy and its five directions (p.17) are always there: "
              "they are edited, never removed or moved.")
        )  # fmt: skip


@transaction.atomic
def content_delete(*, actor, row: models.Model, expected_version: int) -> None:
    """Remove an item of a list (a SWOT row, a problem, an indicator...).

    Raises InvalidInput for the strategy, its one-per-strategy sections and its directions
    (never removed), PermissionDenied, or EditConflict if the item changed since the actor saw
    it. The audit event keeps every value the item had.
    """
    _ensure_item(type(row))
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
def content_move(*, actor, row: models.Model, offset: int) -> bool:
    """Move an item one place up (offset -1) or down (+1) among its siblings (within its group:
    the quadrant of a SWOT item, the kind of a series). Returns whether it moved (the first of
    its group stays where it is when moved up, the last when moved down).

    Raises InvalidInput for rows that keep no order of their own, PermissionDenied.
    """
    model = type(row)
    _ensure_item(model)
    if not is_ordered(model) or offset not in (-1, 1):
        raise InvalidInput(_("These items keep no order of their own."))
    strategy = _lock_editable(actor, row)
    parent_field = next(
        f for f in ("strategy", "direction", "indicator") if hasattr(row, f"{f}_id")
    )
    siblings = model.objects.select_for_update().filter(
        **{f"{parent_field}_id": getattr(row, f"{parent_field}_id")},
        **{name: getattr(row, name) for name in order_group(model)},
    )
    ordered = list(siblings.order_by("position", "id"))
    index = next(i for i, item in enumerate(ordered) if item.pk == row.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return False
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
    return True
