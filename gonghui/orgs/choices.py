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


class Sector(models.TextChoices):
    """What the union's workplace is: it decides the words the union writes (校务公开 at a school)."""

    FACTORY = "factory", _("factory")
    ENTERPRISE = "enterprise", _("enterprise")
    SCHOOL = "school", _("school")
    INSTITUTION = "institution", _("public institution")
    FARM = "farm", _("farm company")


# 《企业民主管理规定》 (2012) calls an enterprise's disclosure 厂务公开; companies that are not
# factories write 企务公开, schools 校务公开 (教育部《关于全面推进校务公开工作的意见》),
# public bodies 政务公开 and farm companies (连队) 连务公开.
DISCLOSURE_WORD = {
    Sector.FACTORY: _("factory affairs disclosure"),
    Sector.ENTERPRISE: _("enterprise affairs disclosure"),
    Sector.SCHOOL: _("school affairs disclosure"),
    Sector.INSTITUTION: _("government affairs disclosure"),
    Sector.FARM: _("company affairs disclosure"),
}

# What the union calls the people it serves, unless the org says otherwise.
STAFF_WORD = {Sector.SCHOOL: _("teaching staff")}
DEFAULT_STAFF_WORD = _("workers")


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
