from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from gonghui.core.admin import ReadOnlyAdmin

from .models import RoleAssignment, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Gonghui", {"fields": ("display_name", "phone")}))
    list_display = ("username", "display_name", "is_active", "is_superuser")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "org")
    list_filter = ("role",)
