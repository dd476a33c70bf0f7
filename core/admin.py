"""Administration of reference data, users and memberships, and the (read-only) audit trail."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.models import AuditEvent, City, Membership, Organisation, Region, Settlement, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


class SettlementInline(TranslationTabularInline):
    model = Settlement
    extra = 0


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ["name", "code", "category", "region", "maslikhat"]
    list_filter = ["category"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    filter_horizontal = ["adjacent_regions"]
    autocomplete_fields = ["region", "maslikhat"]
    inlines = [SettlementInline]


@admin.register(Settlement)
class SettlementAdmin(TranslationAdmin):
    list_display = ["name", "kind", "city"]
    list_filter = ["kind", "city"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "kind", "city", "region"]
    list_filter = ["kind"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    autocomplete_fields = ["city", "region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Append-only: visible to administrators, changeable by no one."""

    list_display = ["created_at", "event_type", "actor", "target_repr", "strategy"]
    list_filter = ["event_type"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "strategy"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
