"""Forms of the strategy editor: every translated field side by side in kk and ru (en optional),
a hidden version for optimistic locking, choices evaluated once per page, numbers typed the way
Kazakh and Russian readers write them, dates and years inside a plausible window, rich text
cleaned with the user told when cleaning removed text."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django import forms
from django.db import models
from django.forms.renderers import Jinja2
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format, get_format, number_format
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from core.constraints import ConstraintMessagesFormMixin, ConstraintMessagesModelForm
from core.i18n import CONTENT_LANGUAGES
from core.richtext import html_to_text, removed_text, sanitize_html
from core.text import CleanTextFormMixin
from indicators.models import MILESTONE_YEARS, Bound
from indicators.numbers import SPACES, parse_printed_number
from strategies.models.analysis import YEAR_MIN
from strategies.models.document import HORIZON_YEAR
from strategies.sections import is_rich

# The largest value a PostgreSQL integer column holds; ids and versions beyond it are garbage.
INT_MAX = 2**31 - 1


def text_fields_of(model: type[models.Model]) -> tuple[str, ...]:
    from indicators.translation import TRANSLATED as INDICATOR_TEXTS
    from strategies.translation import TRANSLATED

    return TRANSLATED.get(model) or INDICATOR_TEXTS.get(model, ())


# Numbers -----------------------------------------------------------------------------------------

_GROUPED_WITH_COMMAS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# "1.500" or "12.000.000" where the decimal separator is a comma: thousands grouped with points,
# as some readers write them, or a decimal point before three decimals.
_GROUPED_WITH_POINTS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")


class AmbiguousNumber(ValueError):
    """A typed number that reads two ways: `grouped` (points as thousands separators) and
    `decimal` (a point as the decimal separator; None when more than one point)."""

    def __init__(self, text: str, grouped: Decimal, decimal: Decimal | None):
        super().__init__(text)
        self.grouped, self.decimal = grouped, decimal


def format_number(value: Decimal | int | None, *, grouping: bool = True) -> str:
    """A number in the reader's format: "-2 104,4" in kk and ru (decimal comma, no-break space
    between thousands), "-2,104.4" in en; never trailing zeros ("76,5", not "76,5000")."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize() + 0  # 76.5000 → 76.5, 1E+2 → 100, -0 → 0
    return number_format(value, use_l10n=True, force_grouping=grouping)


def parse_typed_number(text: str) -> Decimal | None:
    """A number as a reader of the interface language types it; None for an empty value.

    In kk and ru the decimal separator is a comma ("76,5", "2,012" is 2.012) and thousands are
    separated by spaces ("2 401,4"); a decimal point is accepted too, except where it could
    group thousands ("1.500": 1 500 or 1,5?), which raises AmbiguousNumber. In en, commas group
    thousands ("2,401.4", "2,012" is 2012) and a lone decimal comma ("76,5") is still read as
    one. The reading is indicators.numbers.parse_printed_number's; what it would read as a bound
    (≤, ≥) or a footnote mark (*) is refused here, since a typed value is stored exactly.
    Raises ValueError.
    """
    text = (text or "").strip().replace("\u2212", "-")  # U+2212 MINUS SIGN, as in documents
    if re.search(r"[*≤≥<>]", text):
        raise ValueError(text)
    compact = SPACES.sub("", text)
    if get_format("DECIMAL_SEPARATOR") == "," and _GROUPED_WITH_POINTS.match(compact):
        decimal = Decimal(compact) if compact.count(".") == 1 else None
        raise AmbiguousNumber(text, Decimal(compact.replace(".", "")), decimal)
    if get_format("DECIMAL_SEPARATOR") == "." and "," in compact:
        if _GROUPED_WITH_COMMAS.match(compact):
            compact = compact.replace(",", "")
        elif "." in compact:
            raise ValueError(text)
    printed = parse_printed_number(compact)
    if printed.bound != Bound.EXACT:
        raise ValueError(text)
    return printed.value


class TypedNumberInput(forms.TextInput):
    """A text input for a number. Never type="number": Chromium drops a decimal comma from one
    (76,5 is submitted as 765), and kk and ru readers type commas."""

    def __init__(self, attrs=None, *, inputmode: str = "decimal"):
        super().__init__(
            {"inputmode": inputmode, "autocomplete": "off", "class": "number", **(attrs or {})}
        )


class DecimalNumberField(forms.Field):
    """A decimal number typed in the reader's format (parse_typed_number), kept exactly: more
    digits after the separator than the column holds is refused, never rounded."""

    widget = TypedNumberInput
    default_error_messages = {
        "invalid": _("Enter a number, such as %(example)s."),
        "ambiguous": _(
            "“%(typed)s” reads two ways: write %(grouped)s for the thousands, or %(decimal)s for "
            "a decimal fraction."
        ),
        "grouped_with_points": _(
            "Separate thousands with spaces: write %(grouped)s, not %(typed)s."
        ),
        "decimal_places": ngettext_lazy(
            "At most %(places)s digit after the decimal separator: a number is stored exactly "
            "as typed, never rounded.",
            "At most %(places)s digits after the decimal separator: a number is stored exactly "
            "as typed, never rounded.",
            "places",
        ),
        "whole": _("Enter a whole number, without a fractional part."),
        "whole_digits": ngettext_lazy(
            "At most %(digits)s digit before the decimal separator.",
            "At most %(digits)s digits before the decimal separator.",
            "digits",
        ),
        "min_value": _("The smallest value here is %(limit)s."),
        "max_value": _("The largest value here is %(limit)s."),
    }
    example = Decimal("2401.4")
    grouping = True

    def __init__(
        self,
        *,
        max_digits: int,
        decimal_places: int,
        min_value: int | Decimal | None = None,
        max_value: int | Decimal | None = None,
        **kwargs,
    ):
        self.max_digits, self.decimal_places = max_digits, decimal_places
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_number(value, grouping=self.grouping)
        return value

    def to_python(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return value
        try:
            number = parse_typed_number(str(value or ""))
        except AmbiguousNumber as ambiguous:
            show = partial(format_number, grouping=self.grouping)
            key = "ambiguous" if ambiguous.decimal is not None else "grouped_with_points"
            raise forms.ValidationError(
                self.error_messages[key],
                code=key,
                params={
                    "typed": str(value).strip(),
                    "grouped": show(ambiguous.grouped),
                    "decimal": show(ambiguous.decimal),
                },
            ) from None
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": format_number(self.example, grouping=self.grouping)},
            ) from None
        if number is None:
            return None
        digits, exponent = number.as_tuple()[1:]
        places = max(0, -exponent)
        if places > self.decimal_places:
            key = "decimal_places" if self.decimal_places else "whole"
            raise forms.ValidationError(
                self.error_messages[key], code=key, params={"places": self.decimal_places}
            )
        whole = max(0, len(digits) + exponent) if number else 0
        if whole > self.max_digits - self.decimal_places:
            raise forms.ValidationError(
                self.error_messages["whole_digits"],
                code="whole_digits",
                params={"digits": self.max_digits - self.decimal_places},
            )
        return number

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        for key, limit, outside in (
            ("min_value", self.min_value, lambda v, lim: v < lim),
            ("max_value", self.max_value, lambda v, lim: v > lim),
        ):
            if limit is not None and outside(value, limit):
                raise forms.ValidationError(
                    self.error_messages[key],
                    code=key,
                    params={"limit": format_number(limit, grouping=self.grouping)},
                )


class WholeNumberField(DecimalNumberField):
    """A whole number (students, participants) typed with or without thousands separators."""

    example = 12000

    def __init__(self, *, min_value: int = 0, max_value: int = INT_MAX, **kwargs):
        kwargs.setdefault("widget", TypedNumberInput(inputmode="numeric"))
        super().__init__(
            max_digits=len(str(max_value)),
            decimal_places=0,
            min_value=min_value,
            max_value=max_value,
            **kwargs,
        )

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else int(number)


class WindowMixin:
    """A value inside a window (first, last), given as a function so that "today" stays today;
    the refusal is a message that states the rule behind the window."""

    def __init__(self, *, window: Callable[[], tuple], message, params=None, **kwargs):
        self.window, self.message, self.params = window, message, params or {}
        super().__init__(**kwargs)

    def shown(self, bound) -> str:
        return str(bound)

    def validate(self, value):
        super().validate(value)
        first, last = self.window()
        if value is not None and not first <= value <= last:
            raise forms.ValidationError(
                self.message,
                code="window",
                params={**self.params, "first": self.shown(first), "last": self.shown(last)},
            )


class YearField(WindowMixin, WholeNumberField):
    """A year inside a plausible window (baseline years)."""

    example = 2023
    grouping = False

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=9999, **kwargs)


class WindowedDateField(WindowMixin, forms.DateField):
    """A date inside a plausible window; the browser's date picker is bounded the same way."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def shown(self, bound) -> str:
        return date_format(bound, "SHORT_DATE_FORMAT")

    def widget_attrs(self, widget):
        first, last = self.window()
        return {**super().widget_attrs(widget), "min": first.isoformat(), "max": last.isoformat()}


def _baseline_years() -> tuple[int, int]:
    # A baseline is measured: in this year at the latest, and before the first milestone.
    return YEAR_MIN, min(timezone.localdate().year, MILESTONE_YEARS[0] - 1)


# Plausible windows of the editor's years and dates, each with the rule its refusal names.
YEAR_WINDOWS = {
    "baseline_year": (
        _baseline_years,
        _(
            "A baseline is a value already measured before the first milestone of %(milestone)s "
            "(p.26): its year is from %(first)s (the first year of the Republic of Kazakhstan's "
            "own statistics) to %(last)s."
        ),
    ),
    # The base list of the 2025 smart-city reference standard is renewed after each yearly
    # assessment; the next year's list may be prepared ahead.
    "catalogue_year": (
        lambda: (2025, timezone.localdate().year + 1),
        _(
            "The smart-city base list is kept by year since the 2025 reference standard: its "
            "year is from %(first)s to %(last)s."
        ),
    ),
    # The yearly self-assessment and road map monitoring of the 2025 standard: made from its
    # first year to this year (a year not yet over is assessed as it stands).
    "SphereAssessment.year": (
        lambda: (2025, timezone.localdate().year),
        _(
            "A self-assessment is made yearly since the 2025 reference standard: its year is "
            "from %(first)s to %(last)s."
        ),
    ),
    # p.10: a best city's value is one already measured.
    "BenchmarkValue.year": (
        lambda: (YEAR_MIN, timezone.localdate().year),
        _(
            "A best city's value is one already measured (p.10): its year is from %(first)s to "
            "%(last)s."
        ),
    ),
    "RoadmapProgress.year": (
        lambda: (2025, timezone.localdate().year),
        _(
            "Road map monitoring is recorded for a year since the 2025 reference standard: "
            "from %(first)s to %(last)s."
        ),
    ),
    "SmartCityInitiative.year_left": (
        lambda: (2026, timezone.localdate().year + 1),
        _(
            "An initiative leaves the base list with a later year's list: the year is from "
            "%(first)s to %(last)s."
        ),
    ),
}
DATE_WINDOWS = {
    # p.6: surveys, interviews, focus groups and consultations held for the analysis.
    "held_on": (
        lambda: (date(YEAR_MIN, 1, 1), timezone.localdate()),
        _(
            "A survey or consultation of the analysis has been held: its date is from %(first)s "
            "to today (%(last)s)."
        ),
    ),
    # From the Methodology (Order No. 3 of 11 January 2019) to the horizon (p.13).
    "deadline": (
        lambda: (date(2019, 1, 1), date(HORIZON_YEAR, 12, 31)),
        _(
            "A road map deadline falls within the strategy's period: from %(first)s (the "
            "Methodology of 2019) to %(last)s (the 2050 horizon, p.13)."
        ),
    ),
}
# Plausible bounds of counts and amounts (inclusive); the columns' own limits otherwise.
NUMBER_LIMITS = {
    "students": (0, 1_000_000),
    "participants": (0, 10_000_000),
    "cost": (0, None),  # million tenge; the road map cost is never negative
    "spent": (0, None),  # million tenge spent in a year of the road map's monitoring
}


def number_formfield(model_field: models.Field) -> forms.Field | None:
    """The editor's form field for a number, year or date column; None for other columns."""
    if model_field.choices:
        return None
    options = {"required": not model_field.blank, "label": capfirst(model_field.verbose_name)}
    if model_field.help_text:
        options["help_text"] = model_field.help_text
    name = model_field.name
    qualified = f"{model_field.model.__name__}.{name}" if hasattr(model_field, "model") else name
    if qualified in YEAR_WINDOWS or name in YEAR_WINDOWS:
        window, message = YEAR_WINDOWS.get(qualified) or YEAR_WINDOWS[name]
        return YearField(
            window=window, message=message, params={"milestone": MILESTONE_YEARS[0]}, **options
        )
    if name in DATE_WINDOWS:
        window, message = DATE_WINDOWS[name]
        return WindowedDateField(window=window, message=message, **options)
    low, high = NUMBER_LIMITS.get(name, (None, None))
    if isinstance(model_field, models.DecimalField):
        return DecimalNumberField(
            max_digits=model_field.max_digits,
            decimal_places=model_field.decimal_places,
            min_value=low,
            max_value=high,
            **options,
        )
    if isinstance(model_field, models.IntegerField) and not isinstance(
        model_field, models.AutoField
    ):
        ceiling = 32767 if isinstance(model_field, models.SmallIntegerField) else INT_MAX
        positive = isinstance(
            model_field,
            models.PositiveIntegerField
            | models.PositiveSmallIntegerField
            | models.PositiveBigIntegerField,
        )
        return WholeNumberField(
            min_value=low if low is not None else (0 if positive else -ceiling),
            max_value=high if high is not None else ceiling,
            **options,
        )
    return None


class NumbersAsTypedAdminMixin:
    """For a ModelAdmin or an inline of the Django admin: numbers, years and dates are typed as
    in the editor (text inputs read in the reader's format, so that `76,5` is 76.5 and never
    765 as Chromium's number input makes it; plausible windows), and a value a database
    constraint would refuse is refused at its field with a translated message
    (core.constraints). Put it before the admin class it extends."""

    form = ConstraintMessagesModelForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return number_formfield(db_field) or super().formfield_for_dbfield(
            db_field, request, **kwargs
        )


def _formfield(model_field: models.Field, **kwargs) -> forms.Field | None:
    return number_formfield(model_field) or model_field.formfield(**kwargs)


# Rich text --------------------------------------------------------------------------------------


class RichTextarea(forms.Textarea):
    """A textarea the page turns into the rich-text editor (static/js/editor.js)."""

    def __init__(self, attrs=None):
        super().__init__({"data-richtext": "true", "rows": 8, **(attrs or {})})


def rich_columns(model: type[models.Model], names) -> list[str]:
    """The form fields among `names` that hold rich text (`narrative_kk`, or `narrative`)."""
    result = []
    for name in names:
        base, _sep, lang = name.rpartition("_")
        if is_rich(model, name) or (lang in CONTENT_LANGUAGES and is_rich(model, base)):
            result.append(name)
    return result


class RichTextFormMixin:
    """Rich text is cleaned against the allow-list in the form, wherever the form is (editor,
    Django admin). When cleaning removes visible text (an unclosed <style> swallows all that
    follows it), the form is refused with the lost text named at the field, and shows the
    cleaned text, so that saving it again is a choice made knowingly."""

    def clean_rich_texts(self, cleaned: dict) -> None:
        for name in rich_columns(self._meta.model, self.fields):
            value = cleaned.get(name)
            if not value:
                continue
            kept = sanitize_html(value)
            cleaned[name] = kept
            lost = removed_text(value, kept)
            if lost:
                self.data = self.data.copy()
                self.data[self.add_prefix(name)] = kept
                self.add_error(
                    name,
                    _(
                        "Cleaning the formatting removed text: “%(text)s”. The field now shows "
                        "what would be saved; check it and save again."
                    )
                    % {"text": Truncator(lost).chars(120)},
                )

    def clean(self):
        cleaned = super().clean()
        self.clean_rich_texts(cleaned)
        return cleaned


# Choices -------------------------------------------------------------------------------------------


class CodeChoiceField(forms.Field):
    """A choice among many catalogue entries (SDG targets), typed by code and offered through one
    <datalist> per page instead of a long select in every form."""

    default_error_messages = {"unknown": _("“%(code)s” is not in the catalogue.")}

    def __init__(self, list_id: str, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(widget=forms.TextInput(attrs={"list": list_id, "class": "code"}), **kwargs)
        self.set_options([])

    def set_options(self, options: list[tuple[int, str, str]]) -> None:
        self.options = options
        self._pk_of = {code: pk for pk, code, _label in options}
        self._code_of = {pk: code for pk, code, _label in options}

    def prepare_value(self, value):
        return self._code_of.get(value, "" if value is None else value)

    def to_python(self, value):
        code = (value or "").strip()
        if not code:
            return None
        if code not in self._pk_of:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": code}
            )
        return self._pk_of[code]


# The editor's forms -------------------------------------------------------------------------------


@dataclass
class FieldGroup:
    """One logical field: its label and its inputs, one per language for translated fields."""

    name: str
    label: str
    help_text: str
    translated: bool
    fields: list  # [(lang or "", BoundField)]

    @property
    def drafting(self):
        return [(lang, f) for lang, f in self.fields if lang != "en"]

    @property
    def english(self):
        return [(lang, f) for lang, f in self.fields if lang == "en"]


@dataclass(frozen=True)
class ShownValue:
    """A value of a form field put in words for the reader (the conflict notice)."""

    key: str  # as the audit trail names it
    label: str
    text: str


# The editor's forms render their widgets with Jinja2 (Django's own widget templates for it): a
# page has a widget per cell of its grids (ten years of each p.18 series, every SWOT item), and
# rendering each through the Django template language was most of the page's time (issue 14).
# One renderer for every form: it keeps its compiled templates.
EDITOR_RENDERER = Jinja2()


class ContentForm(
    ConstraintMessagesFormMixin, RichTextFormMixin, CleanTextFormMixin, forms.ModelForm
):
    """Base of every editor form."""

    default_renderer = EDITOR_RENDERER

    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=INT_MAX
    )
    logical_fields: tuple[str, ...] = ()
    choice_fields: tuple[str, ...] = ()

    def __init__(
        self,
        *args,
        choices: dict[str, list] | None = None,
        years: tuple[int, ...] = (),
        year_initial: dict[int, object] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "version" not in self.initial:
            self.initial["version"] = self.instance.version
        if self.instance.pk:
            for name in self.choice_fields:
                if name in self.initial:
                    continue
                relation = self._meta.model._meta.get_field(name)
                self.initial[name] = (
                    [obj.pk for obj in getattr(self.instance, name).all()]
                    if relation.many_to_many
                    else getattr(self.instance, relation.attname)
                )
        self.years = years
        for year in years:
            self.fields[f"year_{year}"] = DecimalNumberField(
                label=str(year),
                required=False,
                max_digits=18,
                decimal_places=4,
                initial=(year_initial or {}).get(year),
                widget=TypedNumberInput(attrs={"class": "number year-value"}),
            )
        for name, options in (choices or {}).items():
            field = self.fields[name]
            if isinstance(field, CodeChoiceField):
                field.set_options(options)
                continue
            field.choices = options
            if isinstance(field.widget, forms.Select | forms.SelectMultiple):
                field.widget.choices = options

    def groups(self) -> list[FieldGroup]:
        model = self._meta.model
        texts = text_fields_of(model)
        groups = []
        for name in self.logical_fields:
            model_field = model._meta.get_field(name)
            if name in texts:
                bound = [(lang, self[f"{name}_{lang}"]) for lang in CONTENT_LANGUAGES]
            else:
                bound = [("", self[name])]
            groups.append(
                FieldGroup(
                    name,
                    capfirst(str(model_field.verbose_name)),
                    str(model_field.help_text),
                    name in texts,
                    bound,
                )
            )
        return groups

    def clean(self):
        cleaned = super().clean()
        model = self._meta.model
        for name in text_fields_of(model):
            if name not in self.logical_fields or model._meta.get_field(name).blank:
                continue
            columns = [f"{name}_{lang}" for lang in CONTENT_LANGUAGES]
            if not any(self._visible(column, cleaned.get(column)) for column in columns):
                self.add_error(
                    columns[0],
                    _("“%(field)s” is required in at least one language.")
                    % {"field": model._meta.get_field(name).verbose_name},
                )
        return cleaned

    def _visible(self, column: str, value: str | None) -> bool:
        if column in rich_columns(self._meta.model, [column]):
            return bool(html_to_text(value or ""))
        return bool((value or "").strip())

    def year_fields(self):
        return [(year, self[f"year_{year}"]) for year in self.years]

    def year_values(self) -> dict:
        return {year: self.cleaned_data.get(f"year_{year}") for year in self.years}

    def model_changes(self) -> dict:
        """Cleaned values of the model's columns, foreign keys as ids (not many-to-many)."""
        changes = {
            name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data
        }
        for name in self.choice_fields:
            relation = self._meta.model._meta.get_field(name)
            if not relation.many_to_many:
                changes[relation.attname] = self.cleaned_data.get(name)
        return changes

    def m2m_changes(self) -> dict:
        """Chosen objects of many-to-many fields."""
        result = {}
        for name in self.choice_fields:
            relation = self._meta.model._meta.get_field(name)
            if relation.many_to_many:
                chosen = self.cleaned_data.get(name) or []
                result[name] = list(relation.related_model.objects.filter(pk__in=chosen))
        return result

    # The three-way merge of a stale save speaks in the keys of the audit trail (strategies.
    # services.content_state): columns by attname, many-to-many by name, year values as
    # "<relation>.<year>". These turn such keys back into the form's fields.

    def field_of(self, key: str) -> str | None:
        """The form field that edits an audit key, or None if the form does not hold it."""
        if "." in key:
            name = f"year_{key.rpartition('.')[2]}"
        else:
            name = next(
                (f.name for f in self._meta.model._meta.concrete_fields if f.attname == key), key
            )
            if name not in self.fields:
                name = key
        return name if name in self.fields else None

    def data_with(self, values: dict, *, version: int) -> QueryDict:
        """The submitted data with some keys' values replaced and the version renewed: the form
        as it is shown again after a merge."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(version)
        for key, value in values.items():
            name = self.field_of(key)
            if name is None:
                continue
            field, html_name = self.fields[name], self.add_prefix(name)
            data.pop(html_name, None)
            if isinstance(field, forms.BooleanField):
                if value:
                    data[html_name] = "on"
            elif isinstance(field, forms.MultipleChoiceField):
                data.setlist(html_name, [str(pk) for pk in value or []])
            elif isinstance(field, forms.DateField) and value:
                data[html_name] = str(value)
            else:
                shown = field.prepare_value(_typed(field, value))
                data[html_name] = "" if shown is None else str(shown)
        return data

    def shown_value(self, key: str, value) -> ShownValue:
        """A value of an audit key in the reader's words: labels of choices, numbers and dates
        in the reader's format, text without markup."""
        name = self.field_of(key) or key
        field = self.fields.get(name)
        label = str(field.label) if field is not None and field.label else name
        base, _sep, lang = name.rpartition("_")
        if lang in CONTENT_LANGUAGES and base in text_fields_of(self._meta.model):
            label = capfirst(f"{self._meta.model._meta.get_field(base).verbose_name} [{lang}]")
        elif "." in key:
            label = str(pgettext_lazy("milestone or series value", "value in %(year)s")) % {
                "year": key.rpartition(".")[2]
            }
        return ShownValue(key, capfirst(label), _in_words(field, value))


def _typed(field: forms.Field, value):
    """A value from the audit trail (JSON) as the field's own type, for showing it."""
    if isinstance(field, DecimalNumberField) and value not in (None, ""):
        return Decimal(str(value))
    return value


def _in_words(field: forms.Field | None, value) -> str:
    empty = "—"
    if value in (None, "", []):
        return empty
    if isinstance(field, forms.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(field, CodeChoiceField):
        return field.prepare_value(value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(str(v), v)) for v in chosen) or empty
    if isinstance(field, DecimalNumberField):
        return format_number(_typed(field, value), grouping=field.grouping)
    if isinstance(field, forms.DateField):
        return date_format(date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
    return Truncator(strip_tags(str(value))).chars(600)


def content_form(
    model: type[models.Model],
    fields: tuple[str, ...],
    *,
    choice_fields: dict[str, forms.Field] | None = None,
) -> type[ContentForm]:
    """A side-by-side form class for some fields of a content model."""
    texts = text_fields_of(model)
    names, widgets = [], {}
    for name in fields:
        if name not in texts:
            names.append(name)
            continue
        for lang in CONTENT_LANGUAGES:
            column = f"{name}_{lang}"
            names.append(column)
            if is_rich(model, name):
                widgets[column] = RichTextarea(attrs={"lang": lang})
            elif isinstance(model._meta.get_field(name), models.TextField):
                widgets[column] = forms.Textarea(attrs={"rows": 3, "lang": lang})
            else:
                widgets[column] = forms.TextInput(attrs={"lang": lang})
    meta = type(
        "Meta",
        (),
        {"model": model, "fields": names, "widgets": widgets, "formfield_callback": _formfield},
    )
    attrs = {
        "Meta": meta,
        "logical_fields": tuple(fields) + tuple(choice_fields or {}),
        "choice_fields": tuple(choice_fields or {}),
        **(choice_fields or {}),
    }
    return type(f"{model.__name__}Form", (ContentForm,), attrs)


class ItemActionForm(CleanTextFormMixin, forms.Form):
    """The version an item was shown at, for removing it (refused when it changed since)."""

    version = forms.IntegerField(min_value=0, max_value=INT_MAX)


class RecommendedPickForm(CleanTextFormMixin, forms.Form):
    """A p.26 catalogue indicator to add to a direction: only the catalogue entries of that
    direction are offered and accepted."""

    recommended = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "invalid_choice": _(
                "This indicator is recommended for another direction (p.26): add it on that "
                "direction's page."
            )
        },
    )

    def __init__(self, *args, direction_kind: int, **kwargs):
        from indicators.models import RecommendedIndicator

        super().__init__(*args, **kwargs)
        self.fields["recommended"].queryset = RecommendedIndicator.objects.filter(
            direction_kind=direction_kind
        )
