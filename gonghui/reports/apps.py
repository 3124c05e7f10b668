from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import MANAGING_ROLES


class ReportsConfig(registry.GonghuiAppConfig):
    name = "gonghui.reports"
    label = "reports"
    verbose_name = _("Work summary")
    actions = {
        # a cadre writes the summary of what they manage; the federation reads its unions'
        "reports.summary.view": MANAGING_ROLES,
        "reports.summary.save": MANAGING_ROLES,
    }
    urls = ("reports/", "gonghui.reports.urls")
    api = ("/reports", "gonghui.reports.api.router")
    nav = (registry.NavEntry("reports", "reports:index", _("Work summary"), "reports.summary.view"),)
    walk = "gonghui.reports.tests.walk"
    scenario = "gonghui.reports.scenario"
