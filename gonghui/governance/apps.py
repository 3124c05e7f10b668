from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import BELONGING_ROLES, MANAGING_ROLES


class GovernanceConfig(registry.GonghuiAppConfig):
    name = "gonghui.governance"
    label = "governance"
    verbose_name = _("Targets, meetings and disclosure")
    actions = {
        # the cadre pages and API: targets, meetings, plans, disclosures and their objections
        "governance.view": MANAGING_ROLES,
        "governance.target.edit": MANAGING_ROLES,
        "governance.target.check": MANAGING_ROLES,
        "governance.meeting.record": MANAGING_ROLES,
        "governance.meeting_rule.set": MANAGING_ROLES,
        "governance.plan.edit": MANAGING_ROLES,
        "governance.disclosure.edit": MANAGING_ROLES,
        "governance.disclosure.publish": MANAGING_ROLES,
        "governance.objection.answer": MANAGING_ROLES,
        # Anyone a disclosure is published to may object: scoping.published_to decides who
        # (the members of its org and of the orgs under it), and a cadre who manages it may too.
        "governance.objection.raise": BELONGING_ROLES,
    }
    urls = ("governance/", "gonghui.governance.urls")
    api = ("/governance", "gonghui.governance.api.router")
    nav = (
        registry.NavEntry("democracy", "governance:notices", _("Notice board"), "member"),
        registry.NavEntry("reports", "governance:index", _("Targets and meetings"), "governance.view"),
    )
    attention = "gonghui.governance.selectors.attention"
    summary = "gonghui.governance.summary"
    scenario = "gonghui.governance.scenario"
    demo = "gonghui.governance.demo.load"
    walk = "gonghui.governance.tests.walk"
