"""Translated fields of reference data (django-modeltranslation: kk, ru, en columns)."""

from modeltranslation.translator import TranslationOptions, register

from core.models import City, Organisation, Region, Settlement


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(Settlement)
class SettlementTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
