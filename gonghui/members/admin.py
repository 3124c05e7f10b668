from django.contrib import admin

from gonghui.core.admin import ReadOnlyAdmin

from .models import Member


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("name", "org", "id_number_masked", "status")
    search_fields = ("name", "name_pinyin")
    exclude = ("id_number_encrypted", "id_number_hash")
