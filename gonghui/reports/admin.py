from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import WorkSummary, WorkSummaryVersion


@admin.register(WorkSummary)
class WorkSummaryAdmin(ReadOnlyAdmin):
    list_display = ("org", "period_label", "created_at")


@admin.register(WorkSummaryVersion)
class WorkSummaryVersionAdmin(ReadOnlyAdmin):
    list_display = ("summary", "number", "author", "created_at", "note")
