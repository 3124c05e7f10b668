"""Every app's pages, as its AppConfig declares them (`urls = (prefix, module)`)."""

from django.contrib import admin
from django.urls import include, path

from gonghui.core.registry import gonghui_apps

from .api import api

urlpatterns = [
    *(path(config.urls[0], include(config.urls[1])) for config in gonghui_apps() if config.urls),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "gonghui.portal.views.not_found"
