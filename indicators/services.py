"""Writes specific to indicators: p.26 recommended indicators, and the yearly plan/actual values of
monitoring (p.17 item 6), which are not content: recorded on a draft or on the approved edition,
keyed to the indicator's identity, each change audited with its old and new values."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import Conflict, InvalidInput
from core.i18n import DRAFTING_LANGUAGES
from indicators.models import Bound, Indicator, RecommendedIndicator, YearlyValue
from indicators.monitoring import assess_year
from indicators.numbers import PrintedNumber
from indicators.permissions import ensure_can_record_monitoring
from indicators.plausibility import Implausible, check_year, references
from strategies.models import Direction, Strategy
from strategies.services import content_create

VALUE_FIELDS = ("plan", "plan_bound", "actual", "actual_bound")
MISSING = PrintedNumber(None)


class ImplausibleValues(InvalidInput):
    """Values that look like a typing slip (indicators.plausibility): nothing is written until
    the editor confirms them. `warnings` lists them (Implausible); details by "year_<YYYY>"."""

    code = "implausible"

    def __init__(self, warnings: list[Implausible]):
        self.warnings = warnings
        details: dict[str, dict[str, list[str]]] = {}
        for warning in warnings:
            details.setdefault(f"year_{warning.year}", {}).setdefault(warning.field, []).append(
                warning.message
            )
        super().__init__(
            _("Some values look implausible; check them, or confirm them and save again."),
            details=details,
        )


def indicator_add_recommended(
    *, actor, direction: Direction, recommended: RecommendedIndicator
) -> Indicator:
    """Add a p.26 recommended indicator to a direction, named and measured as the catalogue says.

    Raises PermissionDenied unless the actor edits the strategy.
    """
    values = {"recommended_id": recommended.pk, "good_direction": recommended.good_direction}
    for column in ("name", "unit"):
        for lang_column in (f"{column}_kk", f"{column}_ru", f"{column}_en"):
            values[lang_column] = getattr(recommended, lang_column)
    return content_create(
        actor=actor, model=Indicator, parent={"direction": direction}, values=values
    )


@dataclass(frozen=True)
class YearInput:
    """One year of an indicator as an editor gives it. `explanation` maps languages to texts (a
    language left out keeps its text; None keeps them all); `version` is the version of the
    stored year the editor started from (None for a new year); `remove` deletes the year;
    `confirmed`: the editor confirms values the plausibility check warns about."""

    year: int
    plan: PrintedNumber = MISSING
    actual: PrintedNumber = MISSING
    explanation: dict[str, str] | None = None
    version: int | None = None
    remove: bool = False
    confirmed: bool = False

    def values(self) -> dict:
        data = {
            "plan": self.plan.value,
            "plan_bound": self.plan.bound if self.plan.value is not None else Bound.EXACT,
            "actual": self.actual.value,
            "actual_bound": self.actual.bound if self.actual.value is not None else Bound.EXACT,
        }
        for lang, text in (self.explanation or {}).items():
            data[f"explanation_{lang}"] = text
        return data


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def value_changes(current: YearlyValue | None, data: dict) -> dict[str, list]:
    """The fields `data` would change on a stored year, as {field: [old, new]} (JSON-ready)."""
    changes = {}
    for field, new in data.items():
        old = getattr(current, field) if current is not None else None
        if field.startswith("explanation") and current is None:
            old = ""
        if old != new and not (old in (None, "") and new in (None, "")):
            changes[field] = [_plain(old), _plain(new)]
    return changes


def yearly_value_write(
    *,
    actor,
    strategy: Strategy,
    uid: UUID,
    year: int,
    data: dict,
    current: YearlyValue | None,
    confirmed: tuple[str, ...] = (),
) -> str:
    """Create or change one stored year with its audit event; returns "created", "changed" or
    "unchanged". Call inside a transaction holding the strategy's lock; `current` is the stored
    year read with select_for_update (None when there is none); `confirmed` names the fields
    whose implausible values the editor confirmed (kept in the audit event). Raises Conflict
    when another edition of the strategy created the same year meanwhile."""
    changes = value_changes(current, data)
    if current is not None and not changes:
        return "unchanged"
    if current is None:
        try:
            with transaction.atomic():
                current = YearlyValue.objects.create(
                    city_id=strategy.city_id,
                    indicator_uid=uid,
                    year=year,
                    updated_by=actor,
                    **data,
                )
        except IntegrityError as error:
            raise Conflict(
                _("Someone recorded the year %(year)s meanwhile; reload the page.") % {"year": year}
            ) from error
        action = "created"
    else:
        for field, value in data.items():
            setattr(current, field, value)
        current.version += 1
        current.updated_by = actor
        current.save()
        action = "changed"
    audit_record(
        actor=actor,
        event_type=f"monitoring.value_{action}",
        target=current,
        strategy=strategy,
        extra={
            "indicator": str(uid),
            "year": year,
            "version": current.version,
            "changes": changes,
            **({"implausible_confirmed": list(confirmed)} if confirmed else {}),
        },
    )
    return action


def lock_for_monitoring(actor, strategy: Strategy) -> Strategy:
    """Lock the strategy row (monitoring writes of one strategy go one at a time) and check the
    right on the row as it is now."""
    strategy = (
        Strategy.objects.select_for_update(of=("self",)).select_related("city").get(pk=strategy.pk)
    )
    ensure_can_record_monitoring(actor, strategy)
    return strategy


@transaction.atomic
def yearly_values_save(
    *, actor, strategy: Strategy, indicator: Indicator, rows: list[YearInput]
) -> dict[str, int]:
    """Save an indicator's years as edited in the monitoring grid.

    Precondition: the actor records the strategy's monitoring (its city's editor; a draft or the
    approved edition) and the indicator belongs to it. Every off-track year written needs an
    explanation in Kazakh or Russian (p.17 item 6); a stored one without it, left unchanged, does
    not stop the others being saved. A changed value the plausibility check warns about
    (indicators.plausibility) needs the row's `confirmed`. Nothing is written unless every year
    is valid.
    Returns the counts {"created", "changed", "unchanged", "removed"}.
    Raises PermissionDenied / NotFound, InvalidInput (details by "year_<YYYY>"),
    ImplausibleValues (an InvalidInput: values to confirm), or Conflict when a year changed
    since the editor opened it.
    """
    strategy = lock_for_monitoring(actor, strategy)
    if not Indicator.objects.filter(pk=indicator.pk, direction__strategy=strategy).exists():
        raise InvalidInput(details={"indicator": [_("Choose an indicator of this strategy.")]})
    stored = {
        value.year: value
        for value in YearlyValue.objects.select_for_update().filter(indicator_uid=indicator.uid)
    }
    refs = references(indicator, stored.values())
    implausible: list[Implausible] = []
    confirmed: dict[int, tuple[str, ...]] = {}
    errors: dict[str, list[str]] = {}
    seen = set()
    for row in rows:
        current = stored.get(row.year)
        if row.year in seen:
            errors.setdefault(f"year_{row.year}", []).append(
                _("The year %(year)s is given twice.") % {"year": row.year}
            )
        seen.add(row.year)
        if (current.version if current else None) != row.version:
            raise Conflict(
                _("The year %(year)s was changed by someone else meanwhile; reload the page.")
                % {"year": row.year}
            )
        if row.remove:
            continue
        changed = {
            field: getattr(row, field).value
            for field in ("plan", "actual")
            if current is None or getattr(current, field) != getattr(row, field).value
        }
        warnings = check_year(refs, row.year, changed)
        if warnings and row.confirmed:
            confirmed[row.year] = tuple(w.field for w in warnings)
        elif warnings:
            implausible += warnings
        assessment = assess_year(
            good_direction=indicator.good_direction,
            plan=row.plan.value,
            actual=row.actual.value,
            plan_bound=row.plan.bound,
            actual_bound=row.actual.bound,
        )
        explanation = {
            lang: (row.explanation or {}).get(
                lang, getattr(current, f"explanation_{lang}", "") if current else ""
            )
            for lang in DRAFTING_LANGUAGES
        }
        # A year written now needs its explanation; one stored without it (an imported table)
        # and left as it was does not stop the editor saving other years (the monitoring page
        # lists it as missing).
        untouched = (
            current is not None
            and not changed
            and not any(getattr(current, f"explanation_{lang}") for lang in DRAFTING_LANGUAGES)
        )
        if assessment.explanation_required and not any(explanation.values()) and not untouched:
            errors.setdefault(f"year_{row.year}", []).append(
                _("The plan of %(year)s was missed: explain the deviation.") % {"year": row.year}
            )
    if errors:
        raise InvalidInput(details=errors)
    if implausible:
        raise ImplausibleValues(implausible)
    counts = {"created": 0, "changed": 0, "unchanged": 0, "removed": 0}
    for row in rows:
        current = stored.get(row.year)
        if row.remove:
            if current is not None:
                _remove(actor, strategy, current)
                counts["removed"] += 1
            continue
        action = yearly_value_write(
            actor=actor,
            strategy=strategy,
            uid=indicator.uid,
            year=row.year,
            data=row.values(),
            current=current,
            confirmed=confirmed.get(row.year, ()),
        )
        counts[action] += 1
    return counts


def _remove(actor, strategy: Strategy, value: YearlyValue) -> None:
    audit_record(
        actor=actor,
        event_type="monitoring.value_removed",
        target=value,
        strategy=strategy,
        extra={
            "indicator": str(value.indicator_uid),
            "year": value.year,
            "removed": {
                field: _plain(getattr(value, field))
                for field in (
                    *VALUE_FIELDS,
                    *(f"explanation_{lang}" for lang in DRAFTING_LANGUAGES),
                )
            },
        },
    )
    value.delete()
