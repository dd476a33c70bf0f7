"""Forms of monitoring: the yearly grid of an indicator, the upload of a table, the page's filters.
Numbers are typed as printed ("2 401,4", "≤33", "—"): text inputs with inputmode="decimal",
read on the server by indicators.numbers (a number input would drop a decimal comma)."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.text import CleanTextFormMixin
from indicators.imports.table import MAX_BYTES
from indicators.monitoring import ProgressStatus, YearStatus
from indicators.numbers import (
    MISSING,
    SPACES,
    STORED_PLACES,
    PrintedNumber,
    format_printed_number,
    split_bound,
)
from strategies.forms import DecimalNumberField
from strategies.models import DirectionKind
from strategies.models.analysis import YEAR_MAX, YEAR_MIN


class PrintedNumberField(forms.CharField):
    """A number as printed in kk/ru (space thousands, decimal comma, ≤ / ≥ bound, a dash for
    none); cleans to a PrintedNumber. The number itself is read as every number typed on the site
    is (strategies.forms.DecimalNumberField, at the stored precision): "1.500" typed by a kk or
    ru reader is asked back (1 500 or 1,5?), "1,500" by an en reader is 1 500; never rounded."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "number", "size": 9})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.number = DecimalNumberField(max_digits=18, decimal_places=STORED_PLACES)

    def prepare_value(self, value):
        if isinstance(value, PrintedNumber):
            if value.value is None:
                return ""
            decimal = formats.get_format("DECIMAL_SEPARATOR")
            return format_printed_number(value.value, value.bound, decimal=decimal)
        return value

    def clean(self, value):
        compact = SPACES.sub("", super().clean(value) or "")
        if compact in MISSING:
            return PrintedNumber(None)
        bound, number = split_bound(compact)
        try:
            return PrintedNumber(self.number.to_python(number), bound)
        except forms.ValidationError as error:
            if error.code != "invalid":
                raise  # ambiguous, too many places or digits: the typed-number messages
            raise forms.ValidationError(
                _("Type a number, e.g. 2 401,4 or ≤33 (a dash when there is none)."),
                code="invalid",
            ) from None


class YearForm(CleanTextFormMixin, forms.Form):
    """One year of the monitoring grid."""

    year = forms.IntegerField(
        label=_("year"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4, "maxlength": 4}),
    )
    plan = PrintedNumberField(label=_("plan"))
    actual = PrintedNumberField(label=_("actual"))
    explanation_kk = forms.CharField(
        label=_("explanation (Kazakh)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "kk"}),
    )
    explanation_ru = forms.CharField(
        label=_("explanation (Russian)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "ru"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    remove = forms.BooleanField(label=_("remove the year"), required=False)
    # Shown with a plausibility warning (indicators.plausibility): the editor confirms the values.
    confirm = forms.BooleanField(label=_("Save anyway: the values are right"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings: dict[str, list[str]] = {}


class BaseYearFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        years = [
            form.cleaned_data.get("year")
            for form in self.forms
            if form.has_changed() or form.cleaned_data.get("version")
        ]
        repeated = {year for year in years if year is not None and years.count(year) > 1}
        if repeated:
            raise forms.ValidationError(
                _("Each year once: %(years)s is given twice.")
                % {"years": ", ".join(str(y) for y in sorted(repeated))}
            )


YearFormSet = forms.formset_factory(
    YearForm, formset=BaseYearFormSet, extra=2, max_num=120, absolute_max=150, validate_max=True
)


class ImportForm(forms.Form):
    """An indicator table to import, and where new indicators go (a draft only)."""

    file = forms.FileField(
        label=_("File (CSV in UTF-8, or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    direction = forms.TypedChoiceField(
        label=_("Direction of new indicators"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *DirectionKind.choices],
        help_text=_(
            "Where indicators the strategy does not have yet go, unless the file has a “direction” column."
        ),
    )

    def __init__(self, *args, drafting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not drafting:
            del self.fields["direction"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class FilterForm(forms.Form):
    """The monitoring page's filters (GET): SDG goal and both statuses."""

    goal = forms.TypedChoiceField(
        label=_("SDG goal"), required=False, coerce=int, empty_value=None, choices=[]
    )
    progress = forms.ChoiceField(
        label=_("Progress toward the next milestone"),
        required=False,
        choices=[("", _("all")), *ProgressStatus.choices],
    )
    year_status = forms.ChoiceField(
        label=_("Plan of the last reported year"),
        required=False,
        choices=[("", _("all")), *YearStatus.choices],
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", _("all"))] + [(g.number, str(g)) for g in goals]


class ReportForm(forms.Form):
    """The year of the yearly monitoring report (GET): one of the years with recorded values."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class ComparisonForm(forms.Form):
    """The comparison page's choices (GET): filters, the order of the rows, whose rows."""

    SORT_CHOICES = [
        ("city", _("city")),
        ("baseline", _("baseline")),
        ("latest", _("latest actual value")),
        ("milestone", _("2030 milestone")),
        ("status", _("status")),
    ]

    direction = forms.TypedChoiceField(
        label=_("Direction"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("all")), *DirectionKind.choices],
    )
    goal = forms.TypedChoiceField(
        label=_("SDG goal"), required=False, coerce=int, empty_value=None, choices=[]
    )
    indicator = forms.ChoiceField(label=_("Indicator"), required=False, choices=[])
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("asc", _("ascending")), ("desc", _("descending"))],
    )
    source = forms.ChoiceField(
        label=_("Editions"),
        required=False,
        choices=[
            ("approved", _("approved editions")),
            ("all", _("approved editions and the latest submitted drafts")),
        ],
    )

    def __init__(self, *args, goals, catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", _("all"))] + [(g.number, str(g)) for g in goals]
        self.fields["indicator"].choices = [("", _("all"))] + [
            (item.code, item.name) for item in catalogue
        ]
