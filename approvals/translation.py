"""Translated fields of the route definition."""

from modeltranslation.translator import TranslationOptions, register

from approvals.models import Notification, Route


@register(Route)
class RouteTranslation(TranslationOptions):
    fields = ("name",)


@register(Notification)
class NotificationTranslation(TranslationOptions):
    fields = ("message",)
