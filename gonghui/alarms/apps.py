from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import MANAGING_ROLES, Role

# Duty staff watch the board and work the panel of the zones under their org (acknowledge, silence,
# reset, arm and disarm, bypass a detector for the night); only the managing roles set sites, zones,
# detectors and duty lists up, take a detector out of service or import an old panel's log.
ON_DUTY = frozenset({*MANAGING_ROLES, Role.DUTY_STAFF})


class AlarmsConfig(registry.GonghuiAppConfig):
    name = "gonghui.alarms"
    label = "alarms"
    verbose_name = _("Fire and intrusion alarms")
    actions = {
        "alarms.zone.view": ON_DUTY,
        "alarms.zone.acknowledge": ON_DUTY,
        "alarms.zone.silence": ON_DUTY,
        "alarms.zone.reset": ON_DUTY,
        "alarms.zone.arm": ON_DUTY,
        "alarms.detector.bypass": ON_DUTY,
        "alarms.detector.disable": MANAGING_ROLES,
        "alarms.site.manage": MANAGING_ROLES,
        "alarms.zone.manage": MANAGING_ROLES,
        "alarms.detector.manage": MANAGING_ROLES,
        "alarms.duty.manage": MANAGING_ROLES,
        "alarms.history.import": MANAGING_ROLES,
    }
    urls = ("alarms/", "gonghui.alarms.urls")
    api = ("/alarms", "gonghui.alarms.api.router")
    # Duty staff belong without managing: the board shows each person only the zones they watch.
    nav = (
        registry.NavEntry("alarms", "alarms:board", _("Alarm board"), "alarms.zone.view",
                          shown_if="gonghui.alarms.selectors.watches_a_zone"),
        registry.NavEntry("alarms", "alarms:setup", _("Alarm set-up"), "alarms.site.manage",
                          shown_if="gonghui.alarms.selectors.watches_a_zone"),
    )
    attention = "gonghui.alarms.selectors.attention"
    summary = "gonghui.alarms.summary"
    demo = "gonghui.alarms.demo.load"
    walk = "gonghui.alarms.tests.walk"
