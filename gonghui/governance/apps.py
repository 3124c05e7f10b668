from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class GovernanceConfig(registry.GonghuiAppConfig):
    name = "gonghui.governance"
    label = "governance"
    verbose_name = _("Targets, meetings and disclosure")
    actions = {}
    urls = ("governance/", "gonghui.governance.urls")
    api = ("/governance", "gonghui.governance.api.router")
    nav = (
        registry.NavEntry("democracy", "governance:notices", _("Notice board"), "member"),
        registry.NavEntry("reports", "governance:index", _("Targets and meetings"), "manage"),
    )
    attention = "gonghui.governance.selectors.attention"
    summary = "gonghui.governance.summary"
    scenario = "gonghui.governance.scenario"
    demo = "gonghui.governance.demo.load"
    walk = "gonghui.governance.tests.walk"
