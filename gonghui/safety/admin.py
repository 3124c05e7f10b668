"""Read-only admin: every change to the safety network goes through the services (and their history)."""

from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import Exposure, FollowUp, HazardPost, SafetyGroup, SafetyRep, SafetyReport


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


admin.site.register([Exposure, FollowUp], ReadOnlyAdmin)
