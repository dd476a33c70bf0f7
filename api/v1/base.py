"""What every API view shares: the response language, pagination, and a translated-text field
for serializers of database rows."""

import django_filters
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from api.languages import columns, label, requested_language
from api.representations import content_language
from core.http import parse_id

TEXT_SCHEMA = {"$ref": "#/components/schemas/Text"}


class Pagination(PageNumberPagination):
    """?page=N (from 1; a page past the last is a 404) and ?page_size=N (1 to 500, 50 by
    default; anything else is a 400, never silently the default)."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value is not None and parse_id(value) is None:
            raise ValidationError(
                {self.page_query_param: [translation.gettext("A whole number from 1.")]}
            )
        return super().get_page_number(request, paginator)

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        # Plain ASCII digits only (core.http): "²" passes str.isdigit() and int() refuses it.
        size = parse_id(value)
        if size is None or size > self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        translation.gettext("A whole number from 1 to %(max)s.")
                        % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            "page": {"minimum": 1},
            "page_size": {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class TrueFalseFilter(django_filters.ChoiceFilter):
    """?name=true or ?name=false, and nothing else: anything else is a 400 (django-filter's
    BooleanFilter takes an unknown value for "no filter"). The method receives "true"/"false"."""

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = [("true", "true"), ("false", "false")]
        super().__init__(*args, **kwargs)


class LanguageMixin:
    """Sets `self.lang` (kk, ru, en or None for every language: api.languages) before anything
    else runs, and makes it the active language for labels and error messages."""

    lang: str | None = None

    def initial(self, request, *args, **kwargs):
        self.lang = requested_language(request)
        if self.lang:
            translation.activate(self.lang)
        super().initial(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lang": self.lang}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code < 400:  # an error's message is in the active language
            response["Content-Language"] = content_language(self.lang)
        patch_vary_headers(response, ["Accept-Language"])
        return response


@extend_schema_field(TEXT_SCHEMA)
class TextField(serializers.Field):
    """A translated column (django-modeltranslation): the text in the asked language, else
    {"kk": ..., "ru": ..., "en": ...}."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        texts = columns(instance, self.source)
        lang = self.context.get("lang")
        return texts[lang] if lang else texts


@extend_schema_field(TEXT_SCHEMA)
class LabelField(serializers.Field):
    """A choice's label, e.g. a city's category, in the asked language or in every language."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        texts = label(self.labels[value])
        lang = self.context.get("lang")
        return texts[lang] if lang else texts


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that a choice filter given with no value (`?category=`) is
    a 400 naming the field, as the schema's enum says (django-filter reads it as "no filter")."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            blank = [
                name
                for name, field in filterset_class.base_filters.items()
                if isinstance(field, django_filters.ChoiceFilter)
                and name in request.query_params
                and not request.query_params[name].strip()
            ]
            if blank:
                raise ValidationError({name: [_("This field may not be blank.")] for name in blank})
        return super().filter_queryset(request, queryset, view)
