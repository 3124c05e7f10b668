from django.contrib import admin

from .models import Alarm, Detector, DutyPerson, Event, Site, Zone


class DutyInline(admin.TabularInline):
    model = DutyPerson
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "org"]


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "place_kind", "condition", "arming"]
    list_filter = ["condition", "arming", "place_kind"]
    inlines = [DutyInline]


@admin.register(Detector)
class DetectorAdmin(admin.ModelAdmin):
    list_display = ["code", "zone", "kind", "address", "transport", "active", "last_heard_at"]
    list_filter = ["kind", "transport"]


@admin.register(Alarm)
class AlarmAdmin(admin.ModelAdmin):
    list_display = ["zone", "kind", "cause", "raised_at", "acknowledged_at", "reset_at"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False  # alarms change only through the panel's services


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "zone", "kind", "actor", "note"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
