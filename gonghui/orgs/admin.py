"""Read-only admin: every change goes through the services (and their history), not the admin."""

from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import Committee, CommitteeSeat, Org


@admin.register(Org)
class OrgAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "path")
    search_fields = ("name", "code")
    list_filter = ("kind",)


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ("name", "org", "kind", "term_start", "term_end")


@admin.register(CommitteeSeat)
class CommitteeSeatAdmin(ReadOnlyAdmin):
    list_display = ("committee", "member", "title", "start", "end")
