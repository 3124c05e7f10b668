from django.contrib import admin

from .models import HistoryEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """The admin reads; services write (so every change keeps its history)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HistoryEntry)
class HistoryEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "org", "object_repr", "action", "actor")
    list_filter = ("action",)
