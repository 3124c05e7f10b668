from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("on the roll")
    LEFT = "left", _("left")


class ContractStatus(models.TextChoices):
    SIGNED = "signed", _("signed")
    UNSIGNED = "unsigned", _("not signed")
    EXPIRED = "expired", _("expired")


class MembershipEventKind(models.TextChoices):
    JOIN = "join", _("joined")
    TRANSFER = "transfer", _("transferred")
    LEAVE = "leave", _("left")
