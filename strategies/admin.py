"""Administration of strategies, their sections and the catalogues; translated fields per language."""

from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from strategies import models as m


class AnalysisInline(TranslationStackedInline):
    model = m.Analysis


class VisionInline(TranslationStackedInline):
    model = m.Vision
    filter_horizontal = ["documents"]


class MechanismInline(TranslationStackedInline):
    model = m.ImplementationMechanism


class SwotInline(TranslationTabularInline):
    model = m.SwotItem
    extra = 0


class CaseInline(TranslationStackedInline):
    model = m.InternationalCase
    extra = 0


class InstitutionInline(TranslationStackedInline):
    model = m.EducationInstitution
    extra = 0


class EvidenceInline(TranslationStackedInline):
    model = m.EvidenceItem
    extra = 0


class AssessmentInline(TranslationTabularInline):
    model = m.SphereAssessment
    extra = 0


class RoadmapInline(TranslationStackedInline):
    model = m.RoadmapItem
    extra = 0
    autocomplete_fields = ["initiative"]


class DirectionInline(TranslationStackedInline):
    model = m.Direction
    extra = 0
    max_num = len(m.DirectionKind)
    show_change_link = True


@admin.register(m.Strategy)
class StrategyAdmin(TranslationAdmin):
    list_display = ["title", "city", "state", "updated_at"]
    list_filter = ["state", "city__category"]
    search_fields = ["title_kk", "title_ru", "title_en", "city__code"]
    readonly_fields = ["state", "horizon", "version", "created_by", "created_at", "updated_at"]
    filter_horizontal = ["settlements"]
    autocomplete_fields = ["city", "amends"]
    inlines = [
        AnalysisInline,
        InstitutionInline,
        EvidenceInline,
        SwotInline,
        CaseInline,
        VisionInline,
        DirectionInline,
        MechanismInline,
        AssessmentInline,
        RoadmapInline,
    ]


class SeriesValueInline(admin.TabularInline):
    model = m.SeriesValue
    extra = 0


@admin.register(m.AnalysisSeries)
class AnalysisSeriesAdmin(TranslationAdmin):
    list_display = ["__str__", "kind", "strategy", "unit"]
    list_filter = ["kind"]
    list_select_related = ["strategy"]
    inlines = [SeriesValueInline]


class ProblemInline(TranslationTabularInline):
    model = m.Problem
    extra = 0


class SolutionInline(TranslationStackedInline):
    model = m.Solution
    extra = 0
    filter_horizontal = ["problems"]


@admin.register(m.Direction)
class DirectionAdmin(TranslationAdmin):
    list_display = ["__str__", "strategy"]
    list_filter = ["kind"]
    list_select_related = ["strategy"]
    inlines = [ProblemInline, SolutionInline]


@admin.register(m.HigherLevelDocument)
class HigherLevelDocumentAdmin(TranslationAdmin):
    list_display = ["title", "code", "mandatory", "position"]


@admin.register(m.SmartCityInitiative)
class SmartCityInitiativeAdmin(TranslationAdmin):
    list_display = ["name", "sphere", "catalogue_year", "active"]
    list_filter = ["sphere", "catalogue_year", "active"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
