"""Administration of reference data, users and memberships, and the (read-only) audit trail."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.audit_labels import describe_events
from core.citations import refusals
from core.constraints import ConstraintMessagesModelForm
from core.models import AuditEvent, City, Membership, Organisation, Region, Settlement, User


class CitedRowAdmin:
    """For reference rows that frozen records cite (core.citations): deleting one that is cited
    is refused with the reason, alone or among selected rows."""

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        reasons = refusals([obj]) if obj is not None else []
        if reasons:
            for reason in reasons:
                messages.error(request, reason)
            opts = self.opts
            return redirect(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", obj.pk
            )
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, perms_needed, [*protected, *refusals(objs)]


class CitedRowInline:
    """An inline of cited reference rows: ticking "delete" on a cited one is refused."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class CitedRowFormSet(formset):
            def clean(self):
                super().clean()
                reasons = refusals(form.instance for form in self.deleted_forms)
                if reasons:
                    raise ValidationError(reasons)

        return CitedRowFormSet


class MembershipInline(admin.TabularInline):
    form = ConstraintMessagesModelForm  # a constraint refused at its field, translated
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    form = ConstraintMessagesModelForm
    list_display = ["name", "code"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


class SettlementInline(CitedRowInline, TranslationTabularInline):
    form = ConstraintMessagesModelForm
    model = Settlement
    extra = 0


@admin.register(City)
class CityAdmin(CitedRowAdmin, TranslationAdmin):
    form = ConstraintMessagesModelForm
    list_display = ["name", "code", "category", "region", "maslikhat"]
    list_filter = ["category"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    filter_horizontal = ["adjacent_regions"]
    autocomplete_fields = ["region", "maslikhat"]
    inlines = [SettlementInline]


@admin.register(Settlement)
class SettlementAdmin(CitedRowAdmin, TranslationAdmin):
    form = ConstraintMessagesModelForm
    list_display = ["name", "kind", "city"]
    list_filter = ["kind", "city"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    form = ConstraintMessagesModelForm
    list_display = ["name", "kind", "city", "region"]
    list_filter = ["kind"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    autocomplete_fields = ["city", "region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = ConstraintMessagesModelForm
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]


class AuditEventChangeList(ChangeList):
    """The page's events, each with its sentence in the reader's language (core.audit_labels),
    described together in a fixed number of queries."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        for row in describe_events(self.result_list):
            row.event.sentence = row.sentence


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Append-only: visible to administrators, changeable by no one. Each event reads as a
    sentence, not as its stable type code."""

    list_display = ["created_at", "what_happened", "actor", "target_repr", "strategy"]

    def get_changelist(self, request, **kwargs):
        return AuditEventChangeList

    @admin.display(description=_("what happened"))
    def what_happened(self, event: AuditEvent) -> str:
        return getattr(event, "sentence", event.event_type)

    # No filter by type: it would list the stable codes (approval.submitted), not sentences.
    date_hierarchy = "created_at"
    list_select_related = ["actor", "strategy"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
