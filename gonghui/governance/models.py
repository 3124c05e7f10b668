"""Targets (目标责任制), meetings (会议制度), plans (工作打算) and disclosures (厂务公开).

Money and quantities are Decimal in the indicator's own unit (a target of 905 in 万元
is stored as 905, not as yuan), because the office states it that way and the
completion rate is unit-free.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned, TimeStamped

from .choices import Cadence, CheckKind, DisclosureCategory, Half, MeetingKind, ObjectionStatus, PlanStatus

AMOUNT = {"max_digits": 16, "decimal_places": 2}


class Target(OrgOwned):
    """One indicator an org takes on for a year, e.g. 降本增效 905万元."""

    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("indicator"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.DecimalField(_("target"), **AMOUNT)
    # The latest check's figure, kept by target_check_record so lists need no subquery.
    actual = models.DecimalField(_("actual"), null=True, blank=True, **AMOUNT)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["-year", "org__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "name"], name="governance_target_once_a_year"),
            models.CheckConstraint(condition=Q(target__gt=0), name="governance_target_positive"),
        ]
        indexes = [models.Index(fields=["year", "org"])]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    @property
    def completion(self):
        from gonghui.core.formatting import ratio

        return None if self.actual is None else ratio(self.actual * 100, self.target, 2)


class TargetCheck(models.Model):
    """A mid-year check or year-end assessment: the actual as it stood on `date`, who checked."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="checks", verbose_name=_("target"))
    kind = models.CharField(_("kind"), max_length=10, choices=CheckKind.choices)
    date = models.DateField(_("as of"))
    actual = models.DecimalField(_("actual"), **AMOUNT)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("checked by")
    )
    checker = models.CharField(_("checked by"), max_length=60, blank=True)
    remark = models.CharField(_("remark"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("target check")
        verbose_name_plural = _("target checks")
        ordering = ["target", "date", "id"]
        constraints = [
            # one mid-year check and one year-end assessment per target; interim checks are free
            models.UniqueConstraint(
                fields=["target", "kind"], condition=~Q(kind=CheckKind.OTHER), name="governance_check_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.get_kind_display()} {self.date}"


class Meeting(OrgOwned):
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("meeting name"), max_length=120)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    present = models.PositiveIntegerField(_("present"), default=0)
    expected = models.PositiveIntegerField(_("expected"), default=0)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "kind", "date"]), models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(condition=Q(present__lte=models.F("expected")) | Q(expected=0),
                                   name="governance_meeting_present_within_expected"),
        ]

    def __str__(self) -> str:
        return self.title


class MeetingDecision(models.Model):
    """One item the meeting passed, e.g. 《职工代表大会工作条例》."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("item passed"), max_length=200)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.text


class MeetingRule(OrgOwned):
    """'The org holds a meeting of this kind every quarter' — what the missing-meetings view checks."""

    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    cadence = models.CharField(_("cadence"), max_length=10, choices=Cadence.choices, default=Cadence.QUARTER)
    since = models.DateField(_("applies from"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("meeting rule")
        verbose_name_plural = _("meeting rules")
        ordering = ["org__path", "kind"]
        constraints = [models.UniqueConstraint(fields=["org", "kind"], name="governance_one_rule_per_kind")]

    def __str__(self) -> str:
        return f"{self.org} {self.get_kind_display()} {self.get_cadence_display()}"


class Plan(OrgOwned):
    """One item of the work plan for a period (a year, or a half of it when `half` is set)."""

    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half"), choices=Half.choices, null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("plan item"))
    owner = models.CharField(_("owner"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.PLANNED)
    result = models.CharField(_("result"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["year", "half", "org__path", "position", "id"]
        indexes = [models.Index(fields=["year", "half", "org"])]

    def __str__(self) -> str:
        return self.text[:60]


class Disclosure(OrgOwned):
    """A notice put up for every member of the org's subtree (厂务公开/公示)."""

    title = models.CharField(_("headline"), max_length=120)
    body = models.TextField(_("content"))
    category = models.CharField(_("category"), max_length=12, choices=DisclosureCategory.choices)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    notice_until = models.DateField(_("public notice until"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("published by")
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["org", "published_on"])]

    def __str__(self) -> str:
        return self.title


class Objection(TimeStamped):
    """A member's objection raised during the public-notice period."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="objections", verbose_name=_("disclosure"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("raised by"))
    text = models.TextField(_("objection"))
    status = models.CharField(_("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class DisclosureAttachment(models.Model):
    """A file put up with a notice: the list 附后, the accounts' 明细 (PDF, image, Excel, Word).
    Stored under a random name; served only to those the notice is published to."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("disclosure"))
    file = models.FileField(_("file"), upload_to="governance/disclosures/%Y/%m/")
    name = models.CharField(_("file name"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["disclosure", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def kind(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""
