from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CongressKind(models.TextChoices):
    """Whose congress: the employer's workers (职代会) or the union's members (会员代表大会)."""

    WORKERS = "workers", _("workers' congress")
    MEMBERS = "members", _("members' congress")


class Body(models.TextChoices):
    WORKERS_CONGRESS = "workers_congress", _("workers' representative congress")
    WORKERS_ASSEMBLY = "workers_assembly", _("workers' general assembly")
    MEMBERS_CONGRESS = "members_congress", _("members' representative congress")
    MEMBERS_ASSEMBLY = "members_assembly", _("members' general assembly")


class SessionStatus(models.TextChoices):
    PREPARING = "preparing", _("in preparation")
    OPEN = "open", pgettext_lazy("congress session", "in session")
    CLOSED = "closed", pgettext_lazy("congress session", "closed")


class DelegateCategory(models.TextChoices):
    FRONTLINE = "frontline", _("frontline worker")
    TECHNICAL = "technical", _("technical staff")
    MANAGEMENT = "management", _("middle management and above")


class VoteChoice(models.TextChoices):
    FOR = "for", _("votes for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class ResolutionStatus(models.TextChoices):
    OPEN = "open", _("open for votes")
    PASSED = "passed", _("carried")
    FAILED = "failed", _("not passed")
    NO_QUORUM = "no_quorum", _("no quorum")


class MotionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting review")
    ACCEPTED = "accepted", _("accepted")
    CONVERTED = "converted", _("turned into a suggestion")
    ASSIGNED = "assigned", _("with the handling department")
    ANSWERED = "answered", _("answered")
    SUPERVISED = "supervised", _("under supervision")
    CLOSED = "closed", pgettext_lazy("motion", "closed")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASICALLY = "basically", _("basically satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")


class ElectionMode(models.TextChoices):
    CONTESTED = "contested", _("contested (more candidates than seats)")
    UNCONTESTED = "uncontested", _("uncontested (as many candidates as seats)")


class ElectedCommittee(models.TextChoices):
    """The committees a congress elects (RULES.md a: the committee, the 经审会, the 女职委);
    the values are those of orgs.CommitteeKind, so the result seats its people there."""

    UNION = "union", _("union committee")
    FUNDS_REVIEW = "funds_review", _("funds review committee")
    WOMEN = "women", _("women workers' committee")


class ElectionFills(models.TextChoices):
    """Whether the election fills the committee's seats or its chair or vice chairs (RULES.md b:
    the chair and vice chairs are elected by the congress or the committee)."""

    MEMBERS = "member", _("committee members")
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice chairs")


class ElectionStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", _("voting")
    CLOSED = "closed", _("result announced")
    VOID = "void", _("void: vote again")


class TellerRole(models.TextChoices):
    SCRUTINEER = "scrutineer", _("scrutineer")
    COUNTER = "counter", _("counter")


class BallotSource(models.TextChoices):
    PHONE = "phone", _("phone")
    PAPER = "paper", _("paper")


class AppraisalStatus(models.TextChoices):
    OPEN = "open", _("open for rating")
    CLOSED = "closed", pgettext_lazy("appraisal", "closed")


class Band(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    COMPETENT = "competent", _("competent")
    BASIC = "basic", _("basically competent")
    INCOMPETENT = "incompetent", _("incompetent")


# 民主测评 dimensions named in the seed summaries (RULES.md b).
DEFAULT_DIMENSIONS = ("廉政建设", "履行职责", "工作业绩", "管理效能", "学习进步", "工作作风")


class ContractKind(models.TextChoices):
    GENERAL = "general", _("collective contract")
    WAGE = "wage", _("wage agreement")
    WOMEN = "women", _("women workers' special contract")
    SAFETY = "safety", _("labour safety special contract")


class ContractStatus(models.TextChoices):
    NEGOTIATING = "negotiating", _("under negotiation")
    APPROVED = "approved", _("approved by the congress")
    SIGNED = "signed", pgettext_lazy("contract", "signed")
    FILED = "filed", _("filed with the labour bureau")
    EFFECTIVE = "effective", _("in effect")
    OBJECTED = "objected", _("objected to by the labour bureau")


class Side(models.TextChoices):
    UNION = "union", _("workers' side")
    EMPLOYER = "employer", _("employer's side")
