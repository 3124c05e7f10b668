from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from . import panel


class PlaceKind(models.TextChoices):
    ELECTRICAL_ROOM = "electrical_room", _("unmanned electrical room")
    WAREHOUSE = "warehouse", _("warehouse")
    CABLE_TUNNEL = "cable_tunnel", _("underground cable tunnel")
    HYDRAULIC_STATION = "hydraulic_station", _("hydraulic station")
    LUBRICATION_STATION = "lubrication_station", _("lubrication oil station")
    OIL_DEPOT = "oil_depot", _("oil depot")
    OTHER = "other", pgettext_lazy("place", "other")


class Arming(models.TextChoices):
    DISARMED = panel.Arming.DISARMED, _("disarmed")
    EXIT_DELAY = panel.Arming.EXIT_DELAY, _("arming (exit delay)")
    ARMED = panel.Arming.ARMED, _("armed")
    ENTRY_DELAY = panel.Arming.ENTRY_DELAY, _("entry delay")
    TRIGGERED = panel.Arming.TRIGGERED, _("triggered")


class DetectorKind(models.TextChoices):
    SMOKE = "smoke", _("smoke detector")
    HEAT = "heat", _("heat detector")
    FLAME = "flame", _("flame detector")
    GAS = "gas", _("combustible gas detector")
    CALL_POINT = "call_point", _("manual call point")
    DOOR = "door", _("door contact")
    MOTION = "motion", _("motion detector")
    VIBRATION = "vibration", _("vibration detector")
    GLASS_BREAK = "glass_break", _("glass-break detector")
    TAMPER = "tamper", _("tamper switch")


class Transport(models.TextChoices):
    MQTT = "mqtt", _("MQTT")
    SIMULATOR = "simulator", _("simulator")


class AlarmKind(models.TextChoices):
    FIRE = panel.AlarmKind.FIRE, _("fire alarm")
    INTRUSION = panel.AlarmKind.INTRUSION, _("intrusion alarm")
    FAULT = panel.AlarmKind.FAULT, _("fault")


class Cause(models.TextChoices):
    ACTIVE = panel.Cause.ACTIVE, _("detector active")
    COMM_LOST = panel.Cause.COMM_LOST, _("communication lost")
    TAMPER = panel.Cause.TAMPER, _("tamper")
    LOW_BATTERY = panel.Cause.LOW_BATTERY, _("low battery")
    EVENTS_LOST = panel.Cause.EVENTS_LOST, _("events may have been lost")


class Condition(models.TextChoices):
    NORMAL = panel.NORMAL, _("normal")
    FAULT = panel.AlarmKind.FAULT, _("fault")
    INTRUSION = panel.AlarmKind.INTRUSION, _("intrusion alarm")
    FIRE = panel.AlarmKind.FIRE, _("fire alarm")


class EventKind(models.TextChoices):
    ALARM = "alarm", pgettext_lazy("event", "alarm")
    FAULT = "fault", pgettext_lazy("event", "fault")
    ACKNOWLEDGE = "acknowledge", _("acknowledged")
    SILENCE = "silence", _("silenced")
    RESET = "reset", _("reset")
    STANDS_AGAIN = "stands_again", _("stands again after reset")
    ARM = "arm", _("armed")
    DISARM = "disarm", _("disarmed")
    ARMING = "arming", _("arming state changed")
    BYPASS = "bypass", _("bypassed")
    UNBYPASS = "unbypass", _("bypass removed")
    DISABLE = "disable", _("disabled")
    ENABLE = "enable", _("enabled")
    NOTIFIED = "notified", _("notice delivered")


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    WECOM = "wecom", _("WeCom")
    DINGTALK = "dingtalk", _("DingTalk")
    EMAIL = "email", _("e-mail")
    BOARD = "board", _("in-app board")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    SENT = "sent", _("delivered")
