"""Translated fields of indicators and their catalogues (kk, ru, en)."""

from modeltranslation.translator import TranslationOptions, register

from indicators import models as m

TRANSLATED = {
    m.SdgGoal: ("title",),
    m.SdgTarget: ("title",),
    m.RecommendedIndicator: ("name", "unit"),
    m.Indicator: ("name", "unit", "source", "collection_tool"),
    m.BenchmarkValue: ("city_name",),
    m.YearlyValue: ("explanation",),
}

for model, translated_fields in TRANSLATED.items():
    register(model)(
        type(f"{model.__name__}Translation", (TranslationOptions,), {"fields": translated_fields})
    )
