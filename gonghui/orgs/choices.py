from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    FEDERATION = "federation", _("federation")
    UNION = "union", _("grassroots union")
    BRANCH = "branch", _("branch union")
    GROUP = "group", _("union group")


# Which kinds may sit under which: federation → union → branch → group.
ALLOWED_CHILDREN = {
    OrgKind.FEDERATION: {OrgKind.FEDERATION, OrgKind.UNION},
    OrgKind.UNION: {OrgKind.BRANCH, OrgKind.GROUP},
    OrgKind.BRANCH: {OrgKind.GROUP},
    OrgKind.GROUP: set(),
}


class CommitteeKind(models.TextChoices):
    UNION = "union", _("union committee")
    FUNDS_REVIEW = "funds_review", _("funds review committee")
    LABOR_PROTECTION = "labor_protection", _("labour protection supervision committee")
    MEDIATION = "mediation", _("labour dispute mediation committee")
    WOMEN = "women", _("women workers' committee")


class SeatTitle(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chair")
    MEMBER = "member", _("committee member")
