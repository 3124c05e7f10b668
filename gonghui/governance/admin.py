from django.contrib import admin

from .models import Disclosure, Meeting, MeetingDecision, MeetingRule, Objection, Plan, Target, TargetCheck


class CheckInline(admin.TabularInline):
    model = TargetCheck
    extra = 0


class DecisionInline(admin.TabularInline):
    model = MeetingDecision
    extra = 0


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("name", "org", "year", "target", "actual", "unit")
    list_filter = ("year",)
    inlines = [CheckInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "org", "kind", "date", "present", "expected")
    list_filter = ("kind",)
    inlines = [DecisionInline]


admin.site.register(MeetingRule)
admin.site.register(Plan)
admin.site.register(Disclosure)
admin.site.register(Objection)
