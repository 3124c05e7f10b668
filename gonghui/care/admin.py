"""Read-only admin for talks: every change goes through care's services (and their history)."""

from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import Talk


@admin.register(Talk)
class TalkAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "org")
    exclude = ("outcome", "follow_up")  # seen only by the union's cadres, on the talks page
