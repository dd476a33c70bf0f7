"""Administration of the route definition, and a read-only view of what happened on it."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from approvals import models as m
from strategies.forms import NumbersAsTypedAdminMixin


class RouteStageInline(NumbersAsTypedAdminMixin, admin.TabularInline):
    model = m.RouteStage
    extra = 0


@admin.register(m.Route)
class RouteAdmin(NumbersAsTypedAdminMixin, TranslationAdmin):
    list_display = ["name", "code"]
    inlines = [RouteStageInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """The record of the route is written by its transitions only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["strategy", "number", "content_hash", "created_by", "created_at"]
    list_select_related = ["strategy", "created_by"]


class StageRunInline(admin.TabularInline):
    model = m.StageRun
    extra = 0
    can_delete = False
    readonly_fields = ["stage", "state", "started_at", "finished_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Process)
class ProcessAdmin(ReadOnlyAdmin):
    list_display = ["strategy", "snapshot", "state", "current_stage", "started_at", "finished_at"]
    list_filter = ["state"]
    list_select_related = ["strategy", "snapshot", "current_stage"]
    inlines = [StageRunInline]


@admin.register(m.StageRun)
class StageRunAdmin(ReadOnlyAdmin):
    list_display = ["process", "stage", "state", "started_at", "finished_at"]
    list_select_related = ["process__strategy", "process__snapshot", "stage"]


class RemarkInline(admin.StackedInline):
    model = m.Remark
    extra = 0
    can_delete = False
    readonly_fields = [
        "section",
        "target_label",
        "text",
        "response",
        "answer",
        "answered_by",
        "answered_at",
    ]
    exclude = ["strategy", "indicator_id"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["stage_run", "organisation", "outcome", "actor", "created_at"]
    list_filter = ["outcome"]
    list_select_related = [
        "stage_run__stage",
        "stage_run__process__strategy",
        "stage_run__process__snapshot",
        "organisation",
        "actor",
    ]
    inlines = [RemarkInline]


@admin.register(m.Remark)
class RemarkAdmin(ReadOnlyAdmin):
    list_display = ["strategy", "target_label", "response", "answered_at"]
    list_select_related = ["strategy"]


class CommentInline(admin.StackedInline):
    model = m.Comment
    extra = 0
    can_delete = False
    readonly_fields = [
        "section",
        "author_name",
        "text",
        "created_at",
        "hidden",
        "answer",
        "answered_by",
        "answered_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Hearing)
class HearingAdmin(ReadOnlyAdmin):
    list_display = ["stage_run", "published_from", "published_until", "held_on", "place"]
    list_select_related = [
        "stage_run__stage",
        "stage_run__process__strategy",
        "stage_run__process__snapshot",
    ]
    inlines = [CommentInline]
    readonly_fields = ["protocol_link"]

    def get_fields(self, request, obj=None):
        # The protocol is served only through the view that checks who may read it (no /media/
        # address exists in production): its link goes there, never to the file's storage URL.
        fields = super().get_fields(request, obj)
        return [
            ("protocol_link" if name == "protocol" else name)
            for name in fields
            if name != "protocol_link"
        ]

    @admin.display(description=_("protocol (PDF)"))
    def protocol_link(self, obj) -> str:
        if obj is None or not obj.protocol:
            return "—"
        url = reverse("approvals:protocol", args=[obj.stage_run.process.strategy_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the protocol"))


@admin.register(m.Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["hearing", "section", "author_name", "created_at", "hidden"]
    list_filter = ["hidden"]


@admin.register(m.MaslikhatRecord)
class MaslikhatRecordAdmin(ReadOnlyAdmin):
    list_display = ["stage_run", "recommended_on", "consulted_on", "session_on", "decision_number"]


@admin.register(m.Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "message", "created_at", "emailed_at", "read_at"]
    list_select_related = ["user"]
