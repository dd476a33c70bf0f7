"""Administration of API keys (issued per organisation, shown once, revocable) and of the
open-data archives (read-only)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from api.models import OpenDataArchive, OrganisationAPIKey

# Keys belong to an organisation here; the library's own key model stays unused.
admin.site.unregister(APIKey)


@admin.register(OrganisationAPIKey)
class OrganisationAPIKeyAdmin(APIKeyModelAdmin):
    list_display = ("prefix", "name", "organisation", "created", "expiry_date", "revoked")
    list_filter = ("revoked", "organisation__kind")
    list_select_related = ("organisation",)
    search_fields = ("name", "prefix", "organisation__name", "organisation__code")
    autocomplete_fields = ("organisation",)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "organisation") if obj is not None else fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        key = OrganisationAPIKey.objects.assign_key(obj)
        obj.save()
        # The key is never stored, only its hash: this message is the only time it is shown.
        messages.warning(
            request,
            _("The API key of “%(name)s” is %(key)s. Copy it now: it will not be shown again.")
            % {"name": obj.name, "key": key},
        )

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record of issued keys stays


@admin.register(OpenDataArchive)
class OpenDataArchiveAdmin(admin.ModelAdmin):
    list_display = ("requested_at", "status", "editions", "size", "finished_at")
    list_filter = ("status",)
    readonly_fields = [field.name for field in OpenDataArchive._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
