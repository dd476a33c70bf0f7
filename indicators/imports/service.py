"""Import of an indicator table, in two steps: `import_upload` checks and reads the file and keeps
it with its preview (what will be created, changed and left as is, and every problem);
`import_apply` reads it again under the strategy's lock and writes it, all or nothing.

Which indicator a row is: its name and unit, in Kazakh or Russian (letter case, "ё"/"е" and
spacing aside; a row without a unit is identified by the name alone). Into a working draft a row
of an unknown indicator creates one, in the direction its `direction` column names or the one
chosen at upload; into an approved edition it is an error, as the edition's content is frozen and
only monitoring values are recorded (p.17 item 6).
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.exceptions import Conflict, InvalidInput
from core.i18n import CONTENT_LANGUAGES
from indicators.imports.files import detect_layout
from indicators.imports.long_csv import read_long_csv
from indicators.imports.table import Problem, Table, TableRow, Where
from indicators.imports.wide_xlsx import read_wide_xlsx
from indicators.models import (
    GoodDirection,
    Indicator,
    IndicatorImport,
    Milestone,
    SdgTarget,
    YearlyValue,
)
from indicators.monitoring import assess_year
from indicators.permissions import ensure_can_record_monitoring
from indicators.plausibility import Implausible, References, check_year, references
from indicators.services import lock_for_monitoring, value_changes, yearly_value_write
from strategies.models import Direction, DirectionKind, Strategy

STALE_UPLOAD = timedelta(days=1)
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
READERS = {"csv": read_long_csv, "xlsx": read_wide_xlsx}
GOOD_DIRECTIONS = {
    **dict.fromkeys(("up", "↑", "+", "higher", "выше", "жоғары"), GoodDirection.UP),
    **dict.fromkeys(("down", "↓", "lower", "ниже", "төмен"), GoodDirection.DOWN),
}


def _key(text: str, *, unit: bool = False) -> str:
    """How names and units are compared: case, "ё"/"е" and spacing aside (a unit's spaces
    entirely: "кв. м" is "кв.м")."""
    text = text.casefold().replace("ё", "е")
    return re.sub(r"\s+", "" if unit else " ", text).strip()


def direction_of(text: str) -> int | None:
    """A direction from a cell: its number (1-5), code (environment) or name in kk, ru or en."""
    value = _key(text)
    if not value:
        return None
    for kind in DirectionKind:
        names = {str(kind.value), kind.slug}
        for lang in CONTENT_LANGUAGES:
            with translation.override(lang):
                names.add(_key(str(kind.label)))
        if value in names:
            return kind.value
    return None


@dataclass
class PlannedValue:
    """One indicator-year of the file: what happens to it ("created", "changed", "unchanged")."""

    year: int
    action: str
    data: dict
    changes: dict
    status: str
    explanation_missing: bool
    current: YearlyValue | None = None
    where: Where | None = None
    # Values the plausibility check warns about (indicators.plausibility): confirming the import
    # confirms them, and their audit events say so.
    implausible: list[Implausible] = field(default_factory=list)


@dataclass
class PlannedIndicator:
    """An indicator of the file: an existing one, or one to create (in a draft)."""

    name: str
    unit: str
    indicator: Indicator | None
    name_kk: str = ""
    direction_kind: int | None = None
    good_direction: str = GoodDirection.UP
    sdg_target: SdgTarget | None = None
    values: list[PlannedValue] = field(default_factory=list)
    created: bool = False


@dataclass
class ImportPlan:
    """The preview: indicators with their planned years, errors and warnings."""

    layout: str
    indicators: list[PlannedIndicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    def counts(self) -> dict[str, int]:
        counts = {"indicators_created": 0, "created": 0, "changed": 0, "unchanged": 0}
        for planned in self.indicators:
            counts["indicators_created"] += planned.created
            for value in planned.values:
                counts[value.action] += 1
        counts["values"] = counts["created"] + counts["changed"] + counts["unchanged"]
        counts["indicators"] = len(self.indicators)
        return counts


def read_table(data: bytes) -> Table:
    """Check the file (raises files.FileRefused) and read it with the reader of its layout."""
    return READERS[detect_layout(data)](data)


class _Index:
    """The strategy's indicators by name (kk and ru), with their units."""

    def __init__(self, strategy: Strategy):
        self.by_name: dict[str, list[Indicator]] = {}
        indicators = Indicator.objects.filter(direction__strategy=strategy).select_related(
            "direction", "sdg_target"
        )
        for indicator in indicators:
            for lang in ("kk", "ru"):
                name = getattr(indicator, f"name_{lang}") or ""
                if name:
                    bucket = self.by_name.setdefault(_key(name), [])
                    if indicator not in bucket:
                        bucket.append(indicator)

    def find(self, name: str, unit: str, name_kk: str = "") -> tuple[Indicator | None, bool]:
        """The indicator named so, and whether the name was ambiguous."""
        found = []
        for text in (name, name_kk):
            for indicator in self.by_name.get(_key(text), []) if text else []:
                units = {
                    _key(getattr(indicator, f"unit_{lang}") or "", unit=True)
                    for lang in ("kk", "ru")
                }
                if (not unit or _key(unit, unit=True) in units) and indicator not in found:
                    found.append(indicator)
        if len(found) == 1:
            return found[0], False
        return None, len(found) > 1


def import_plan(
    *, strategy: Strategy, table: Table, direction_kind: int | None = None
) -> ImportPlan:
    """What importing the table into the strategy would do; writes nothing. Rows of unknown
    indicators create indicators in a draft and are errors in an approved edition."""
    plan = ImportPlan(layout=table.layout, problems=list(table.problems))
    index = _Index(strategy)
    targets = {target.code: target for target in SdgTarget.objects.all()}
    drafting = strategy.state == Strategy.State.DRAFT
    planned: dict[object, PlannedIndicator] = {}
    seen: dict[tuple[object, int], TableRow] = {}
    for row in table.rows:
        indicator, ambiguous = None, False
        for name, unit in row.names:
            indicator, ambiguous = index.find(name, unit, row.name_kk)
            if indicator is not None or ambiguous:
                break
        label = f"«{row.name}»" + (f" ({row.unit})" if row.unit else "")
        if ambiguous:
            plan.problems.append(
                Problem(
                    _("%(indicator)s: several indicators have this name; give the unit.")
                    % {"indicator": label},
                    row.where,
                )
            )
            continue
        if indicator is None and not drafting:
            plan.problems.append(
                Problem(
                    _("%(indicator)s is not an indicator of this edition.") % {"indicator": label},
                    row.where,
                )
            )
            continue
        target = None
        if row.sdg_target:
            target = targets.get(row.sdg_target)
            if target is None:
                plan.problems.append(
                    Problem(
                        _("“%(code)s” is not a target of the UN SDGs.") % {"code": row.sdg_target},
                        row.where,
                    )
                )
        key = indicator.pk if indicator else (_key(row.name), _key(row.unit, unit=True))
        entry = planned.get(key)
        if entry is None:
            entry = planned[key] = _planned_indicator(plan, row, indicator, target, direction_kind)
        if (key, row.year) in seen:
            plan.problems.append(
                Problem(
                    _("%(indicator)s, %(year)s: the year is given twice (also at %(other)s).")
                    % {"indicator": label, "year": row.year, "other": seen[key, row.year].where},
                    row.where,
                )
            )
            continue
        seen[key, row.year] = row
        entry.values.append(_planned_value(row, entry))
    _compare_with_stored(plan, planned.values())
    plan.indicators = list(planned.values())
    return plan


def _planned_indicator(
    plan: ImportPlan, row: TableRow, indicator, target, direction_kind
) -> PlannedIndicator:
    entry = PlannedIndicator(
        name=row.name,
        unit=row.unit,
        indicator=indicator,
        sdg_target=target,
        created=indicator is None,
    )
    label = f"«{row.name}»"
    if indicator is not None:
        entry.good_direction = indicator.good_direction
        if target is not None and indicator.sdg_target_id not in (None, target.pk):
            plan.problems.append(
                Problem(
                    _(
                        "%(indicator)s serves SDG target %(ours)s, the file says %(theirs)s; the strategy's is kept."
                    )
                    % {
                        "indicator": label,
                        "ours": indicator.sdg_target.code,
                        "theirs": target.code,
                    },
                    row.where,
                    warning=True,
                )
            )
        return entry
    entry.name_kk = row.name_kk
    entry.direction_kind = direction_of(row.direction) if row.direction else direction_kind
    if row.direction and entry.direction_kind is None:
        plan.problems.append(
            Problem(
                _("“%(text)s” is not one of the five directions.") % {"text": row.direction},
                row.where,
            )
        )
    elif entry.direction_kind is None:
        plan.problems.append(
            Problem(
                _(
                    "%(indicator)s is new: choose the direction it goes to (or give a “direction” column)."
                )
                % {"indicator": label},
                row.where,
            )
        )
    good = GOOD_DIRECTIONS.get(_key(row.good_direction)) if row.good_direction else None
    if row.good_direction and good is None:
        plan.problems.append(
            Problem(
                _("“%(text)s”: the direction of good change is “up” or “down”.")
                % {"text": row.good_direction},
                row.where,
            )
        )
    entry.good_direction = good or GoodDirection.UP
    if not row.good_direction:
        plan.problems.append(
            Problem(
                _("%(indicator)s is new: higher is taken as better; check it in the editor.")
                % {"indicator": label},
                row.where,
                warning=True,
            )
        )
    return entry


def _planned_value(row: TableRow, entry: PlannedIndicator) -> PlannedValue:
    data = {
        "plan": row.plan.value,
        "plan_bound": row.plan.bound if row.plan.value is not None else "",
        "actual": row.actual.value,
        "actual_bound": row.actual.bound if row.actual.value is not None else "",
    }
    for lang, text in (row.explanation or {}).items():
        data[f"explanation_{lang}"] = text
    return PlannedValue(
        year=row.year,
        action="created",
        data=data,
        changes={},
        status="",
        explanation_missing=False,
        where=row.where,
    )


def _compare_with_stored(plan: ImportPlan, entries) -> None:
    uids = [entry.indicator.uid for entry in entries if entry.indicator is not None]
    stored = {
        (value.indicator_uid, value.year): value
        for value in YearlyValue.objects.filter(indicator_uid__in=uids)
    }
    refs = _references(entries, stored)
    for entry in entries:
        for value in entry.values:
            current = stored.get((entry.indicator.uid, value.year)) if entry.indicator else None
            value.current = current
            value.changes = value_changes(current, value.data)
            if current is None:
                value.action = "created"
            else:
                value.action = "changed" if value.changes else "unchanged"
            assessment = assess_year(
                good_direction=entry.good_direction,
                plan=value.data["plan"],
                actual=value.data["actual"],
                plan_bound=value.data["plan_bound"],
                actual_bound=value.data["actual_bound"],
            )
            value.status = assessment.status
            if value.action != "unchanged":
                _check_plausible(plan, entry, value, refs[id(entry)])
            explained = any(
                value.data.get(
                    f"explanation_{lang}",
                    getattr(current, f"explanation_{lang}", "") if current else "",
                )
                for lang in ("kk", "ru")
            )
            if assessment.explanation_required and not explained:
                value.explanation_missing = True
                plan.problems.append(
                    Problem(
                        _(
                            "«%(indicator)s», %(year)s: the plan was missed; explain the deviation on the monitoring page."
                        )
                        % {"indicator": entry.name, "year": value.year},
                        warning=True,
                    )
                )


def import_upload(
    *,
    actor,
    strategy: Strategy,
    data: bytes,
    filename: str,
    direction_kind: int | None = None,
) -> tuple[IndicatorImport, ImportPlan]:
    """Check and read an uploaded table and keep it for confirmation; nothing of the strategy
    changes. Returns the kept upload and its preview.

    Raises files.FileRefused (not a spreadsheet, empty, too large, zip or entity bomb),
    PermissionDenied / NotFound.
    """
    ensure_can_record_monitoring(actor, strategy)
    # Uploads left unconfirmed for a day are dropped (each keeps its file, up to 5 MB).
    IndicatorImport.objects.filter(
        state=IndicatorImport.State.PREVIEWED, created_at__lt=timezone.now() - STALE_UPLOAD
    ).delete()
    table = read_table(data)
    plan = import_plan(strategy=strategy, table=table, direction_kind=direction_kind)
    upload = IndicatorImport.objects.create(
        strategy=strategy,
        uploaded_by=actor,
        filename=filename[:255],
        layout=table.layout,
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
        direction_kind=direction_kind,
        summary=plan.counts(),
    )
    return upload, plan


def _references(entries, stored: dict) -> dict[int, References]:
    """The plausibility references of each entry (by id()): an existing indicator's baseline,
    milestones (one query for all) and stored years; a new one's unit only."""
    indicators = [entry.indicator for entry in entries if entry.indicator is not None]
    milestones: dict[int, list] = {indicator.pk: [] for indicator in indicators}
    for milestone in Milestone.objects.filter(indicator__in=indicators):
        milestones[milestone.indicator_id].append(milestone)
    recorded: dict = {}
    for (uid, _year), value in stored.items():
        recorded.setdefault(uid, []).append(value)
    result = {}
    for entry in entries:
        indicator = entry.indicator
        if indicator is None:
            result[id(entry)] = References({"file": entry.unit}, (), {})
            continue
        result[id(entry)] = references(
            indicator, recorded.get(indicator.uid, []), milestones=milestones[indicator.pk]
        )
    return result


def _check_plausible(plan: ImportPlan, entry, value: PlannedValue, refs: References) -> None:
    """A warning per implausible value of a row of the file; the import's confirmation covers
    them."""
    changed = {
        name: value.data[name]
        for name in ("plan", "actual")
        if value.current is None or getattr(value.current, name) != value.data[name]
    }
    value.implausible = check_year(refs, value.year, changed)
    labels = {"plan": _("plan"), "actual": _("actual")}
    for warning in value.implausible:
        plan.problems.append(
            Problem(
                _("«%(indicator)s», %(year)s, %(field)s: %(message)s")
                % {
                    "indicator": entry.name,
                    "year": value.year,
                    "field": labels[warning.field],
                    "message": warning.message,
                },
                value.where,
                warning=True,
            )
        )


@transaction.atomic
def import_apply(*, actor, upload: IndicatorImport) -> ImportPlan:
    """Write a previewed import: the file is read again and planned under the strategy's lock,
    so what is written is the preview of this moment. All or nothing.

    Raises InvalidInput (the file has errors; details["problems"] lists them), Conflict (already
    applied), PermissionDenied / NotFound.
    """
    strategy = lock_for_monitoring(actor, upload.strategy)
    upload = IndicatorImport.objects.select_for_update().get(pk=upload.pk)
    if upload.state != IndicatorImport.State.PREVIEWED:
        raise Conflict(_("This file has already been imported."))
    plan = import_plan(
        strategy=strategy,
        table=read_table(bytes(upload.content)),
        direction_kind=upload.direction_kind,
    )
    if plan.errors:
        raise InvalidInput(
            _("The file has errors; nothing was imported."),
            details={"problems": [str(p) for p in plan.errors]},
        )
    # The stored years may have changed since the plan read them: lock and compare again.
    uids = [entry.indicator.uid for entry in plan.indicators if entry.indicator]
    locked = {
        (value.indicator_uid, value.year): value
        for value in YearlyValue.objects.select_for_update().filter(indicator_uid__in=uids)
    }
    for entry in plan.indicators:
        uid = entry.indicator.uid if entry.indicator else _create_indicator(actor, strategy, entry)
        for value in entry.values:
            value.action = yearly_value_write(
                actor=actor,
                strategy=strategy,
                uid=uid,
                year=value.year,
                data=value.data,
                current=locked.get((uid, value.year)),
                confirmed=tuple(warning.field for warning in value.implausible),
            )
    counts = plan.counts()
    upload.state, upload.applied_at, upload.summary = (
        IndicatorImport.State.APPLIED,
        timezone.now(),
        counts,
    )
    upload.save(update_fields=["state", "applied_at", "summary"])
    audit_record(
        actor=actor,
        event_type="monitoring.import_applied",
        target=upload,
        strategy=strategy,
        extra={"file": upload.filename, "sha256": upload.sha256, **counts},
    )
    return plan


def _create_indicator(actor, strategy: Strategy, entry: PlannedIndicator) -> UUID:
    """A new indicator of a draft, at the end of its direction (content: audited like the
    editor's additions)."""
    direction = Direction.objects.get(strategy=strategy, kind=entry.direction_kind)
    position = (direction.indicators.aggregate(m=Max("position"))["m"] or 0) + 1
    # A name in Kazakh letters is the Kazakh name (data/README.md: Russian in `indicator`).
    lang = "kk" if KAZAKH_LETTERS.search(entry.name) and not entry.name_kk else "ru"
    names = {f"name_{lang}": entry.name, f"unit_{lang}": entry.unit}
    if entry.name_kk and lang == "ru":
        names["name_kk"] = entry.name_kk
    indicator = Indicator.objects.create(
        direction=direction,
        good_direction=entry.good_direction,
        sdg_target=entry.sdg_target,
        position=position,
        **names,
    )
    entry.indicator = indicator
    audit_record(
        actor=actor,
        event_type="content.created",
        target=indicator,
        strategy=strategy,
        extra={
            "model": "indicator",
            "version": indicator.version,
            "changes": {
                **{column: [None, value] for column, value in names.items() if value},
                "good_direction": [None, entry.good_direction],
                "sdg_target": [None, entry.sdg_target.code if entry.sdg_target else None],
            },
        },
    )
    Strategy.objects.filter(pk=strategy.pk).update(updated_at=timezone.now())
    return indicator.uid
