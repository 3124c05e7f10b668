from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("safety report", "received")
    FORWARDED = "forwarded", _("forwarded to the unit")
    IN_PROGRESS = "in_progress", _("being acted on")
    RESOLVED = "resolved", _("resolved")


OPEN_REPORT_STATES = (ReportStatus.RECEIVED, ReportStatus.FORWARDED, ReportStatus.IN_PROGRESS)


class Severity(models.TextChoices):
    LOW = "low", _("minor")
    MEDIUM = "medium", _("serious")
    HIGH = "high", _("critical")


class HazardFactor(models.TextChoices):
    DUST = "dust", _("dust")
    NOISE = "noise", _("noise")
    CHEMICAL = "chemical", _("chemicals")
    HEAT = "heat", _("heat")
    RADIATION = "radiation", _("radiation")
    VIBRATION = "vibration", _("vibration")
    OTHER = "other", pgettext_lazy("hazard factor", "other")


class FollowUpKind(models.TextChoices):
    HEALTH_CHECK = "health_check", _("occupational health check")
    OFF_POST = "off_post", _("time off the post")
    RECUPERATION = "recuperation", _("recuperation leave")
