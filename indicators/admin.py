"""Administration of indicators, their milestones and values, and the SDG and p.26 catalogues.
Numbers are typed as in the editor and constraints refused at the field
(strategies.forms.NumbersAsTypedAdminMixin)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import CitedRowAdmin, CitedRowInline
from indicators import models as m
from strategies.forms import NumbersAsTypedAdminMixin


class MilestoneInline(NumbersAsTypedAdminMixin, admin.TabularInline):
    model = m.Milestone
    extra = 0
    max_num = len(m.MILESTONE_YEARS)


class BenchmarkInline(NumbersAsTypedAdminMixin, TranslationTabularInline):
    model = m.BenchmarkValue
    extra = 0


@admin.register(m.Indicator)
class IndicatorAdmin(NumbersAsTypedAdminMixin, TranslationAdmin):
    list_display = ["name", "unit", "direction", "baseline_year", "baseline_value"]
    list_filter = ["direction__kind", "direction__strategy__city"]
    list_select_related = ["direction__strategy"]
    search_fields = ["name_kk", "name_ru", "name_en"]
    autocomplete_fields = ["recommended", "sdg_target"]
    raw_id_fields = ["direction"]
    inlines = [MilestoneInline, BenchmarkInline]
    readonly_fields = ["uid"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Monitoring values and imports change only through indicators.services (audited)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(m.YearlyValue)
class YearlyValueAdmin(ReadOnlyAdmin):
    list_display = ["indicator_uid", "year", "plan", "plan_bound", "actual", "actual_bound", "city"]
    list_filter = ["city", "year"]
    search_fields = ["indicator_uid"]


@admin.register(m.IndicatorImport)
class IndicatorImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "strategy", "layout", "state", "uploaded_by", "created_at"]
    list_filter = ["state", "layout"]
    list_select_related = ["strategy", "uploaded_by"]
    exclude = ["content"]


@admin.register(m.RecommendedIndicator)
class RecommendedIndicatorAdmin(CitedRowAdmin, NumbersAsTypedAdminMixin, TranslationAdmin):
    list_display = ["name", "direction_kind", "unit", "good_direction"]
    list_filter = ["direction_kind"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


class SdgTargetInline(CitedRowInline, NumbersAsTypedAdminMixin, TranslationTabularInline):
    model = m.SdgTarget
    extra = 0


@admin.register(m.SdgGoal)
class SdgGoalAdmin(CitedRowAdmin, NumbersAsTypedAdminMixin, TranslationAdmin):
    list_display = ["number", "title"]
    inlines = [SdgTargetInline]


@admin.register(m.SdgTarget)
class SdgTargetAdmin(CitedRowAdmin, NumbersAsTypedAdminMixin, TranslationAdmin):
    list_display = ["code", "goal", "title"]
    list_select_related = ["goal"]
    search_fields = ["code", "title_kk", "title_ru", "title_en"]
