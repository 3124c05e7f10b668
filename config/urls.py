from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("gonghui.core.urls")),
    path("accounts/", include("gonghui.accounts.urls")),
    path("orgs/", include("gonghui.orgs.urls")),
    path("members/", include("gonghui.members.urls")),
    path("voice/", include("gonghui.voice.urls")),
    path("governance/", include("gonghui.governance.urls")),
    path("alarms/", include("gonghui.alarms.urls")),
    path("reports/", include("gonghui.reports.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
