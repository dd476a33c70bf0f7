"""Administration of strategies, their sections and the catalogues; translated fields per language."""

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import CitedRowAdmin
from core.constraints import ConstraintMessagesFormMixin
from core.text import CleanTextFormMixin
from indicators.imports.files import MAX_BYTES
from strategies import models as m
from strategies.base_list import COLUMNS, base_list_changes, base_list_update, read_base_list_file
from strategies.forms import NumbersAsTypedAdminMixin, RichTextFormMixin, number_formfield


class DocumentAdminForm(
    ConstraintMessagesFormMixin, RichTextFormMixin, CleanTextFormMixin, forms.ModelForm
):
    """Text written in the admin is made canonical and rich text cleaned, as in the editor; when
    cleaning removes text the form says so at the field instead of saving; a value a database
    constraint would refuse is refused at its field (core.constraints)."""


class DocumentAdmin(NumbersAsTypedAdminMixin):
    """Admin of the document's models: the editor's cleaning, and numbers, years and dates
    typed as in the editor (text inputs read in the reader's format, plausible windows)."""

    form = DocumentAdminForm


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


class BaseListUploadForm(CleanTextFormMixin, forms.Form):
    # The year window of the base list, as the initiative's own year field has it.
    year = number_formfield(m.SmartCityInitiative._meta.get_field("catalogue_year"))
    file = forms.FileField(label=_("The whole list of that year (CSV in UTF-8 or XLSX)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].label = _("Year of the list")
        self.fields["file"].help_text = _("Columns: %(columns)s.") % {"columns": ", ".join(COLUMNS)}

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                self.add_error("file", _("The file is too large."))
            else:
                try:
                    cleaned["rows"] = read_base_list_file(upload.read())
                except ValidationError as error:
                    self.add_error("file", error)
        return cleaned


@admin.register(m.SmartCityInitiative)
class SmartCityInitiativeAdmin(CitedRowAdmin, DocumentAdmin, TranslationAdmin):
    """The base list of the 2025 standard. Its yearly update is loaded from a file with a
    preview (added, leaving, staying); nothing is written before the administrator confirms,
    and earlier years' lists stay as they were (strategies.base_list)."""

    list_display = [
        "name", "sphere", "catalogue_year", "year_left", "for_republican", "for_regional",
        "for_district",
    ]  # fmt: skip
    list_filter = ["sphere", "catalogue_year", "year_left", "for_regional", "for_district"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    change_list_template = "strategies/admin/base_list_changelist.html"

    def get_urls(self):
        return [
            path(
                "yearly-update/",
                self.admin_site.admin_view(self.yearly_update),
                name="strategies_smartcityinitiative_yearly_update",
            ),
            *super().get_urls(),
        ]

    def yearly_update(self, request):
        if not self.has_change_permission(request) or not self.has_add_permission(request):
            raise PermissionDenied
        signer = signing.Signer(salt="strategies.base_list")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        if request.method == "POST" and "confirm" in request.POST:
            try:
                year, rows = signer.unsign_object(request.POST.get("payload", ""))
                changes = base_list_update(actor=request.user, year=year, rows=rows)
            except signing.BadSignature:
                return HttpResponseBadRequest(_("The preview is not valid; upload the file again."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("admin:strategies_smartcityinitiative_yearly_update")
            messages.success(
                request,
                _("The base list of %(year)s is saved: %(added)s added, %(left)s left.")
                % {"year": year, "added": len(changes.entering), "left": len(changes.leaving)},
            )
            return redirect("admin:strategies_smartcityinitiative_changelist")
        form = BaseListUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            year, rows = form.cleaned_data["year"], form.cleaned_data["rows"]
            context["changes"] = base_list_changes(year, rows)
            context["payload"] = signer.sign_object([year, rows])
        context["form"] = form
        return TemplateResponse(request, "strategies/admin/base_list_update.html", context)


@admin.register(m.RoadmapProgress)
class RoadmapProgressAdmin(admin.ModelAdmin):
    """The road map's yearly monitoring after approval (status and cost spent per year), kept
    apart from the approved snapshot. Read-only here: it is recorded on the road map monitoring
    page through strategies.roadmap_monitoring, which writes the audit trail."""

    list_display = ["item_uid", "city", "year", "status", "spent"]
    list_filter = ["city", "year", "status"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
