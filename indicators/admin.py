"""Administration of indicators, their milestones and values, and the SDG and p.26 catalogues."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from indicators import models as m


class MilestoneInline(admin.TabularInline):
    model = m.Milestone
    extra = 0
    max_num = len(m.MILESTONE_YEARS)


class BenchmarkInline(TranslationTabularInline):
    model = m.BenchmarkValue
    extra = 0


class YearlyValueInline(TranslationTabularInline):
    model = m.YearlyValue
    extra = 0


@admin.register(m.Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["name", "unit", "direction", "baseline_year", "baseline_value"]
    list_filter = ["direction__kind", "direction__strategy__city"]
    list_select_related = ["direction__strategy"]
    search_fields = ["name_kk", "name_ru", "name_en"]
    autocomplete_fields = ["recommended", "sdg_target"]
    raw_id_fields = ["direction"]
    inlines = [MilestoneInline, BenchmarkInline, YearlyValueInline]


@admin.register(m.RecommendedIndicator)
class RecommendedIndicatorAdmin(TranslationAdmin):
    list_display = ["name", "direction_kind", "unit", "good_direction"]
    list_filter = ["direction_kind"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


class SdgTargetInline(TranslationTabularInline):
    model = m.SdgTarget
    extra = 0


@admin.register(m.SdgGoal)
class SdgGoalAdmin(TranslationAdmin):
    list_display = ["number", "title"]
    inlines = [SdgTargetInline]


@admin.register(m.SdgTarget)
class SdgTargetAdmin(TranslationAdmin):
    list_display = ["code", "goal", "title"]
    list_select_related = ["goal"]
    search_fields = ["code", "title_kk", "title_ru", "title_en"]
