"""A read-only view of the PDF renders for operators: what was asked for, how long it took, why
one failed (renders are written by publishing.services only)."""

from django.contrib import admin

from publishing.models import Render


@admin.register(Render)
class RenderAdmin(admin.ModelAdmin):
    list_display = [
        "strategy", "snapshot", "kind", "year", "language", "edition", "status", "pages", "size",
        "task_seconds", "attempts", "requested_at",
    ]  # fmt: skip
    list_filter = ["status", "kind", "language", "edition"]
    list_select_related = ["strategy", "snapshot"]
    exclude = ["draft_content"]
    readonly_fields = ["context"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
