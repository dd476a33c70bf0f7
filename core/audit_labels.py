"""How audit events read, in the reader's language at reading time: a sentence per event type,
a human label per changed field ("Milestone, 2030", "Priorities [ru]"), values as the reader
expects them (choice labels, names of referenced rows, numbers and dates in their format).

Event types are declared by the app that writes them, in its `audit_labels` module (found the way
the admin finds `admin` modules), with `register_event_types`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.module_loading import autodiscover_modules
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from core.i18n import CONTENT_LANGUAGES
from core.models import AuditEvent

# Columns that say where a row sits, not what it says.
_BOOKKEEPING = {"id", "version", "updated_at", "created_at", "position"}
VALUE_LENGTH, TARGET_LENGTH = 300, 160


class Params(dict):
    """Parameters of an event sentence; a parameter the event lacks reads "—"."""

    def __missing__(self, key):
        return "—"


@dataclass(frozen=True)
class EventType:
    """An audit event type: `sentence` is a lazy gettext string with %(name)s parameters: "target"
    (the target's name in the reader's language), "target_id", "kind" (its model's name), each
    scalar value of
    the event's extra as it reads, and what `params(extra, memo)` returns (`memo` is a dict shared
    by the events of one page, for look-ups made once)."""

    code: str
    sentence: Promise
    params: Callable[[dict, dict], dict] | None = None
    # Called once a page with the extras of all its events of this type, to fill `memo` with
    # what `params` looks up (names of indicators, say) in one query.
    prefetch: Callable[[list[dict], dict], None] | None = None


_EVENT_TYPES: dict[str, EventType] = {}
_discovered = False


def register_event_types(*types: EventType) -> None:
    for event_type in types:
        _EVENT_TYPES[event_type.code] = event_type


def event_types() -> dict[str, EventType]:
    global _discovered
    if not _discovered:
        autodiscover_modules("audit_labels")
        _discovered = True
    return _EVENT_TYPES


# --- values ------------------------------------------------------------------------------------


def readable_date(value) -> str:
    """An ISO date ("2026-06-30") in the reader's short format; anything else as it is."""
    try:
        return date_format(date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
    except ValueError:
        return str(value)


def readable_number(value) -> str:
    """A stored number ("18.0000", 12500) in the reader's format, without trailing zeros
    ("18", "12 500"); anything else as it is."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    plain = Decimal(format(number.normalize(), "f"))
    return number_format(plain, use_l10n=True, force_grouping=True)


def target_name(event: AuditEvent) -> str:
    """The event's target in the reader's language (as it read when the event happened)."""
    names = event.extra.get("target_names") or {}
    lang = translation.get_language()
    name = names.get(lang) or next(
        (names[code] for code in CONTENT_LANGUAGES if names.get(code)), ""
    )
    return Truncator(" ".join(strip_tags(name or event.target_repr).split())).chars(TARGET_LENGTH)


def _model_field(model: type[models.Model] | None, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model: type[models.Model] | None, key: str) -> str:
    """A changed field as a reader names it: "Priorities [ru]" for priorities_ru, "Milestone,
    2030" for milestones.2030, "Base-list initiative" for initiative or initiative_id."""
    related, dot, year = key.partition(".")
    if dot and (relation := _model_field(model, related)) is not None and relation.related_model:
        return f"{capfirst(str(relation.related_model._meta.verbose_name))}, {year}"
    name, _sep, lang = key.rpartition("_")
    if lang in CONTENT_LANGUAGES and (field := _model_field(model, name)) is not None:
        return f"{capfirst(str(field.verbose_name))} [{lang}]"
    field = _model_field(model, key) or _model_field(model, key.removesuffix("_id"))
    if field is not None and hasattr(field, "verbose_name"):
        return capfirst(str(field.verbose_name))
    return capfirst(key.replace("_", " "))


class _References:
    """Names of rows that changed values point at (a foreign key, many-to-many choices): one
    query per model for a whole page of events."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = {}
        self.names: dict[type[models.Model], dict] = {}

    def want(self, field, value) -> None:
        if field is not None and field.is_relation and field.related_model and value:
            pks = value if isinstance(value, list) else [value]
            self.wanted.setdefault(field.related_model, set()).update(
                pk for pk in pks if isinstance(pk, int)
            )

    def load(self) -> None:
        for model, pks in self.wanted.items():
            self.names[model] = {
                row.pk: str(row) for row in model._default_manager.filter(pk__in=pks)
            }

    def name(self, model, pk) -> str:
        return self.names.get(model, {}).get(pk, f"#{pk}")


def readable_value(field, value, references: _References | None = None) -> str:
    """A stored value (JSON) of a field as the reader expects it."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.is_relation and field.related_model:
        pks = value if isinstance(value, list) else [value]
        return (
            "; ".join(references.name(field.related_model, pk) for pk in pks)
            if references
            else str(value)
        )
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField) or (field is None and _is_iso_date(value)):
        return readable_date(value)
    if isinstance(field, models.DecimalField | models.IntegerField) or (
        field is None and _is_number(value)
    ):
        return (
            str(value)
            if field is not None and field.name.endswith("year")
            else readable_number(value)
        )
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    text = " ".join(strip_tags(str(value)).split())
    return Truncator(text).chars(VALUE_LENGTH)


def _is_iso_date(value) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return isinstance(value, str) and len(value) == 10


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    try:
        return isinstance(value, str) and Decimal(value).is_finite()
    except InvalidOperation:
        return False


# --- events ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class EventDescription:
    """An audit event as the reader reads it: what happened, and each changed value."""

    event: AuditEvent
    sentence: str
    changes: list[Change]


def _changed_values(event: AuditEvent, model) -> list[tuple[str, object, object]]:
    """(key, old, new) of the event: field changes, a removed row's values, old/new pairs."""
    extra = event.extra or {}
    if isinstance(extra.get("changes"), dict):
        return [
            (key, *values)
            for key, values in extra["changes"].items()
            if isinstance(values, list | tuple) and len(values) == 2
        ]
    if isinstance(extra.get("removed"), dict):
        parents = (
            {f.attname for f in model._meta.concrete_fields if f.many_to_one} if model else set()
        )
        return [
            (key, value, None)
            for key, value in extra["removed"].items()
            if key not in _BOOKKEEPING and key not in parents and value not in (None, "", [])
        ]
    old, new = extra.get("old"), extra.get("new")
    if isinstance(old, dict) and isinstance(new, dict):
        return [(key, old.get(key), new.get(key)) for key in new if old.get(key) != new.get(key)]
    return []


def _sentence(event: AuditEvent, model, memo: dict) -> str:
    event_type = event_types().get(event.event_type)
    params = Params(
        {key: str(value) if key == "year" or key.endswith("_year") else readable_value(None, value)
         for key, value in (event.extra or {}).items() if not isinstance(value, dict | list)}
    )  # fmt: skip
    params["target"] = target_name(event)
    params["target_id"] = event.target_id
    params["kind"] = str(model._meta.verbose_name) if model else ""
    if event_type is None:
        return f"{event.event_type.replace('_', ' ').replace('.', ': ')} · {params['target']}"
    if event_type.params is not None:
        params.update(event_type.params(event.extra or {}, memo))
    return str(event_type.sentence) % params


def describe_events(events: Iterable[AuditEvent]) -> list[EventDescription]:
    """Each event as it reads in the active language (a fixed number of queries for the page)."""
    events = list(events)
    references = _References()
    rows = []
    for event in events:
        model = ContentType.objects.get_for_id(event.target_type_id).model_class()
        values = [
            (key, _value_field(model, key), old, new)
            for key, old, new in _changed_values(event, model)
        ]
        for _key, field, old, new in values:
            references.want(field, old)
            references.want(field, new)
        rows.append((event, model, values))
    references.load()
    memo = {}
    by_type: dict[str, list[dict]] = {}
    for event, _model, _values in rows:
        by_type.setdefault(event.event_type, []).append(event.extra or {})
    for code, extras in by_type.items():
        event_type = event_types().get(code)
        if event_type is not None and event_type.prefetch is not None:
            event_type.prefetch(extras, memo)
    return [
        EventDescription(
            event,
            _sentence(event, model, memo),
            [
                Change(
                    field_label(model, key),
                    readable_value(field, old, references),
                    readable_value(field, new, references),
                )
                for key, field, old, new in values
            ],
        )
        for event, model, values in rows
    ]


def _value_field(model, key: str):
    """The model field whose values a changed key holds (None for a year of a series, say)."""
    related, dot, _year = key.partition(".")
    if dot:
        relation = _model_field(model, related)
        return _model_field(relation.related_model, "value") if relation is not None else None
    name, _sep, lang = key.rpartition("_")
    if lang in CONTENT_LANGUAGES and (field := _model_field(model, name)) is not None:
        return field
    return _model_field(model, key) or _model_field(model, key.removesuffix("_id"))
