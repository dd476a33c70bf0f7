"""Translated content fields of the strategy document (kk, ru, en)."""

from modeltranslation.translator import TranslationOptions, register

from strategies import models as m

TRANSLATED = {
    m.Strategy: ("title",),
    m.Analysis: ("narrative", "institutions_summary"),
    m.AnalysisSeries: ("label", "unit", "source"),
    m.EducationInstitution: ("name", "description", "rankings"),
    m.EvidenceItem: ("title", "summary"),
    m.SwotItem: ("text",),
    m.InternationalCase: ("city_name", "country", "practice", "conclusion"),
    m.Vision: ("text", "desired_results", "priorities"),
    m.Direction: ("current_situation",),
    m.Problem: ("text",),
    m.Solution: ("text",),
    m.ImplementationMechanism: ("responsible_bodies", "procedure"),
    m.SphereAssessment: ("comment",),
    m.RoadmapItem: ("title", "responsible", "reason"),
    m.RoadmapProgress: ("note",),
    m.HigherLevelDocument: ("title", "adopted"),
    m.SmartCityInitiative: ("name",),
}

for model, translated_fields in TRANSLATED.items():
    register(model)(
        type(f"{model.__name__}Translation", (TranslationOptions,), {"fields": translated_fields})
    )
