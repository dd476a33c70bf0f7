"""Forms of the strategy editor: every translated field side by side in kk and ru (en optional),
a hidden version for optimistic locking, choices evaluated once per page."""

from dataclasses import dataclass

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import CONTENT_LANGUAGES
from strategies.sections import is_rich


def text_fields_of(model: type[models.Model]) -> tuple[str, ...]:
    from indicators.translation import TRANSLATED as INDICATOR_TEXTS
    from strategies.translation import TRANSLATED

    return TRANSLATED.get(model) or INDICATOR_TEXTS.get(model, ())


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


class RichTextarea(forms.Textarea):
    """A textarea the page turns into the rich-text editor (static/js/editor.js)."""

    def __init__(self, attrs=None):
        super().__init__({"data-richtext": "true", "rows": 8, **(attrs or {})})


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


class ContentForm(forms.ModelForm):
    """Base of every editor form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
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
            self.fields[f"year_{year}"] = forms.DecimalField(
                label=str(year),
                required=False,
                max_digits=18,
                decimal_places=4,
                initial=(year_initial or {}).get(year),
                widget=forms.NumberInput(attrs={"step": "any", "class": "year-value"}),
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
                    str(model_field.verbose_name).capitalize(),
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
            if not any((cleaned.get(f"{name}_{lang}") or "").strip() for lang in CONTENT_LANGUAGES):
                self.add_error(
                    f"{name}_{CONTENT_LANGUAGES[0]}",
                    _("“%(field)s” is required in at least one language.")
                    % {"field": model._meta.get_field(name).verbose_name},
                )
        return cleaned

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
            if isinstance(model._meta.get_field(name), models.DateField):
                widgets[name] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
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
    meta = type("Meta", (), {"model": model, "fields": names, "widgets": widgets})
    attrs = {
        "Meta": meta,
        "logical_fields": tuple(fields) + tuple(choice_fields or {}),
        "choice_fields": tuple(choice_fields or {}),
        **(choice_fields or {}),
    }
    return type(f"{model.__name__}Form", (ContentForm,), attrs)
