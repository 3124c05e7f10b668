from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    REVIEWING = "reviewing", _("under review")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("not adopted")
    ASSIGNED = "assigned", _("being implemented")
    IMPLEMENTED = "implemented", _("implemented")


# Everything past "adopted" still counts as adopted; rejected is the only other decision.
ADOPTED_STATES = (SuggestionStatus.ADOPTED, SuggestionStatus.ASSIGNED, SuggestionStatus.IMPLEMENTED)
DECIDED_STATES = ADOPTED_STATES + (SuggestionStatus.REJECTED,)
OPEN_SUGGESTION_STATES = (SuggestionStatus.SUBMITTED, SuggestionStatus.REVIEWING)


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


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    FAIRLY = "fairly", _("fairly satisfied")
    DISSATISFIED = "dissatisfied", _("dissatisfied")


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


class TalkKind(models.TextChoices):
    TALK = "talk", _("heart-to-heart talk")
    HOME_VISIT = "home_visit", _("home visit")
