from django.db import models
from django.utils.translation import gettext_lazy as _


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("entered by hand")
    DUES = "dues", _("dues collection")
    AID = "aid", _("aid payment")
    VISIT = "visit", _("visit")
    EVENT = "event", _("event cost")
    REVERSAL = "reversal", _("reversal")
    OPENING = "opening", _("opening balance")
