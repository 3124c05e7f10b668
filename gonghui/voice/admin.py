"""Read-only admin: every change to the voice goes through the services (and their history)."""

from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import AnswerTemplate, Suggestion, Theme


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ("title", "org", "submitted_on", "status", "is_golden", "is_anonymous")
    list_filter = ("status", "is_golden", "is_anonymous")
    exclude = ("receipt_hash", "idempotency_key")


admin.site.register([Theme, AnswerTemplate], ReadOnlyAdmin)
