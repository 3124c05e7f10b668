from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlarmsConfig(AppConfig):
    name = "gonghui.alarms"
    label = "alarms"
    verbose_name = _("Fire and intrusion alarms")
    # Duty staff belong without managing: the board is listed for everyone who belongs and
    # shows each person only the zones they watch.
    nav_links = [("alarms:board", _("Alarm board"), "member"), ("alarms:setup", _("Alarm set-up"), "manage")]
    attention = "gonghui.alarms.selectors.attention"
