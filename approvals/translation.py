"""Translated fields of the route definition."""

from modeltranslation.translator import TranslationOptions, register

from approvals.models import Route


@register(Route)
class RouteTranslation(TranslationOptions):
    fields = ("name",)
