from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "gonghui.governance"
    label = "governance"
    verbose_name = _("Targets, meetings and disclosure")
    nav_links = [
        ("governance:index", _("Targets and meetings"), "manage"),
        ("governance:notices", _("Notice board"), "member"),
    ]
    attention = "gonghui.governance.selectors.attention"
