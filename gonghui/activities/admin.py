"""The admin reads the activities; every change goes through services.py, so it keeps its history."""

from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import Competition, Course, Event, Honour, Innovation, Mentorship, Patent


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "kind", "starts_on", "capacity", "status")
    list_filter = ("kind", "status")


@admin.register(Honour)
class HonourAdmin(ReadOnlyAdmin):
    list_display = ("title", "holder", "org", "year", "level", "status")
    list_filter = ("level", "status", "kind")


@admin.register(Innovation)
class InnovationAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "year", "kind", "status", "savings_yuan")


@admin.register(Patent)
class PatentAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "number", "filed_on", "granted_on", "expires_on")


@admin.register(Competition)
class CompetitionAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "kind", "starts_on", "ends_on", "status")


@admin.register(Mentorship)
class MentorshipAdmin(ReadOnlyAdmin):
    list_display = ("mentor", "apprentice", "org", "signed_on", "ends_on", "status")


@admin.register(Course)
class CourseAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "audience", "planned_on", "status")
