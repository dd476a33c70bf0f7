"""Administration of strategies, their sections and the catalogues; translated fields per language."""

from django import forms
from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import CitedRowAdmin
from core.text import CleanTextFormMixin
from strategies import models as m
from strategies.forms import RichTextFormMixin, number_formfield


class DocumentAdminForm(RichTextFormMixin, CleanTextFormMixin, forms.ModelForm):
    """Text written in the admin is made canonical and rich text cleaned, as in the editor; when
    cleaning removes text the form says so at the field instead of saving."""


class DocumentAdmin:
    """Admin of the document's models: the editor's cleaning, and numbers, years and dates
    typed as in the editor (text inputs read in the reader's format, plausible windows)."""

    form = DocumentAdminForm

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return number_formfield(db_field) or super().formfield_for_dbfield(
            db_field, request, **kwargs
        )


class AnalysisInline(DocumentAdmin, TranslationStackedInline):
    model = m.Analysis


class VisionInline(DocumentAdmin, TranslationStackedInline):
    model = m.Vision
    filter_horizontal = ["documents"]


class MechanismInline(DocumentAdmin, TranslationStackedInline):
    model = m.ImplementationMechanism


class SwotInline(DocumentAdmin, TranslationTabularInline):
    model = m.SwotItem
    extra = 0


class CaseInline(DocumentAdmin, TranslationStackedInline):
    model = m.InternationalCase
    extra = 0


class InstitutionInline(DocumentAdmin, TranslationStackedInline):
    model = m.EducationInstitution
    extra = 0


class EvidenceInline(DocumentAdmin, TranslationStackedInline):
    model = m.EvidenceItem
    extra = 0


class AssessmentInline(DocumentAdmin, TranslationTabularInline):
    model = m.SphereAssessment
    extra = 0


class RoadmapInline(DocumentAdmin, TranslationStackedInline):
    model = m.RoadmapItem
    extra = 0
    autocomplete_fields = ["initiative"]


class DirectionInline(DocumentAdmin, TranslationStackedInline):
    model = m.Direction
    extra = 0
    max_num = len(m.DirectionKind)
    show_change_link = True


@admin.register(m.Strategy)
class StrategyAdmin(DocumentAdmin, TranslationAdmin):
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


class SeriesValueInline(DocumentAdmin, admin.TabularInline):
    model = m.SeriesValue
    extra = 0


@admin.register(m.AnalysisSeries)
class AnalysisSeriesAdmin(DocumentAdmin, TranslationAdmin):
    list_display = ["__str__", "kind", "strategy", "unit"]
    list_filter = ["kind"]
    list_select_related = ["strategy"]
    inlines = [SeriesValueInline]


class ProblemInline(DocumentAdmin, TranslationTabularInline):
    model = m.Problem
    extra = 0


class SolutionInline(DocumentAdmin, TranslationStackedInline):
    model = m.Solution
    extra = 0
    filter_horizontal = ["problems"]


@admin.register(m.Direction)
class DirectionAdmin(DocumentAdmin, TranslationAdmin):
    list_display = ["__str__", "strategy"]
    list_filter = ["kind"]
    list_select_related = ["strategy"]
    inlines = [ProblemInline, SolutionInline]


@admin.register(m.HigherLevelDocument)
class HigherLevelDocumentAdmin(CitedRowAdmin, DocumentAdmin, TranslationAdmin):
    list_display = ["title", "code", "mandatory", "position"]


@admin.register(m.SmartCityInitiative)
class SmartCityInitiativeAdmin(CitedRowAdmin, DocumentAdmin, TranslationAdmin):
    list_display = ["name", "sphere", "catalogue_year", "active"]
    list_filter = ["sphere", "catalogue_year", "active"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
