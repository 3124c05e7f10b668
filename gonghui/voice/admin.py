"""Read-only admin: every change to the voice goes through the services (and their history)."""

from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import AnswerTemplate, Exposure, FollowUp, HazardPost, SafetyGroup, SafetyRep, SafetyReport, Suggestion, Talk, Theme


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "submitted_on", "status", "is_golden", "is_anonymous")
    list_filter = ("status", "is_golden", "is_anonymous")
    exclude = ("receipt_hash", "idempotency_key")


@admin.register(SafetyReport)
class SafetyReportAdmin(ReadOnlyAdmin):
    list_display = ("place", "org", "reported_on", "status", "deadline")
    list_filter = ("status", "severity")


@admin.register(SafetyGroup)
class SafetyGroupAdmin(ReadOnlyAdmin):
    list_display = ("name", "org")


@admin.register(SafetyRep)
class SafetyRepAdmin(ReadOnlyAdmin):
    list_display = ("member", "group", "appointed_on", "ended_on")


@admin.register(HazardPost)
class HazardPostAdmin(ReadOnlyAdmin):
    list_display = ("name", "org", "surveyed_on")


admin.site.register([Theme, AnswerTemplate, Exposure, FollowUp], ReadOnlyAdmin)


@admin.register(Talk)
class TalkAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "org")
    exclude = ("outcome", "follow_up")  # seen only by the union's cadres, on the talks page
