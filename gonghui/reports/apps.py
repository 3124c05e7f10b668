from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class ReportsConfig(registry.GonghuiAppConfig):
    name = "gonghui.reports"
    label = "reports"
    verbose_name = _("Work summary")
    actions = {}
    urls = ("reports/", "gonghui.reports.urls")
    api = ("/reports", "gonghui.reports.api.router")
    nav = (registry.NavEntry("reports", "reports:index", _("Work summary"), "manage"),)
    walk = "gonghui.reports.tests.walk"
