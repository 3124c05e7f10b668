from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class AlarmsConfig(registry.GonghuiAppConfig):
    name = "gonghui.alarms"
    label = "alarms"
    verbose_name = _("Fire and intrusion alarms")
    actions = {}
    urls = ("alarms/", "gonghui.alarms.urls")
    api = ("/alarms", "gonghui.alarms.api.router")
    # Duty staff belong without managing: the board shows each person only the zones they watch.
    nav = (
        registry.NavEntry("alarms", "alarms:board", _("Alarm board"), "member"),
        registry.NavEntry("alarms", "alarms:setup", _("Alarm set-up"), "manage"),
    )
    attention = "gonghui.alarms.selectors.attention"
    summary = "gonghui.alarms.summary"
    demo = "gonghui.alarms.demo.load"
    walk = "gonghui.alarms.tests.walk"
