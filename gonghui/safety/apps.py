from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import BELONGING_ROLES, MANAGING_ROLES


class SafetyConfig(registry.GonghuiAppConfig):
    name = "gonghui.safety"
    label = "safety"
    verbose_name = _("Labour safety")
    actions = {
        # A rep reports, the union forwards the report and answers it in writing, the rep closes the loop.
        "safety.report.submit": BELONGING_ROLES,        # and an open appointment as safety rep
        "safety.report.close": BELONGING_ROLES,         # the rep rates the answer or reopens it
        "safety.report.view": MANAGING_ROLES,
        "safety.report.handle": MANAGING_ROLES,         # forward, progress, answer
        "safety.report.import": MANAGING_ROLES,
        "safety.network.manage": MANAGING_ROLES,        # supervision groups, appointing and ending reps
        "safety.hazard.view": MANAGING_ROLES,
        "safety.hazard.manage": MANAGING_ROLES,         # posts, exposure, follow-ups
    }
    urls = ("safety/", "gonghui.safety.urls")
    api = ("/safety", "gonghui.safety.api.router")
    nav = (
        registry.NavEntry("voice", "safety:dashboard", _("Labour safety"), "safety.report.view"),
        registry.NavEntry("voice", "safety:reports", _("Safety reports"), "safety.report.view"),
        registry.NavEntry("voice", "safety:mine", _("My safety reports"), "own_record"),
    )
    attention = "gonghui.safety.selectors.attention"
    summary = "gonghui.safety.summary"
    scenario = "gonghui.safety.scenario"
    walk = "gonghui.safety.tests.walk"
