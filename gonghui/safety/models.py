"""The labour safety network (劳动安全保护三级网络) and the occupational hazard census.

A safety rep's report is forwarded to the functional unit responsible and answered in
writing; the rep finds the answer again under "my safety reports". Hazard posts record
who is exposed, and the union follows their health checks and time off the post.

These tables were the voice app's until the two were split: each model keeps its table
(`db_table`) and its constraint names, so a database made before the split keeps its rows.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned
from gonghui.voice.choices import Rating

from .choices import OPEN_REPORT_STATES, FollowUpKind, HazardFactor, ReportStatus, Severity


class SafetyGroup(OrgOwned):
    """劳动保护监督小组: the middle level of the safety network, one per branch or workshop."""

    name = models.CharField(_("group name"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "voice_safetygroup"  # the table the voice app made, kept with its rows
        verbose_name = _("supervision group")
        verbose_name_plural = _("supervision groups")
        ordering = ["org__path", "id"]
        constraints = [models.UniqueConstraint(fields=["org"], name="voice_one_group_per_org")]

    def __str__(self) -> str:
        return self.name


class SafetyRep(OrgOwned):
    """员工安全代表: a member appointed to a supervision group (a login is optional)."""

    group = models.ForeignKey(SafetyGroup, on_delete=models.PROTECT, related_name="reps", verbose_name=_("supervision group"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="safety_appointments", verbose_name=_("member"))
    appointed_on = models.DateField(_("appointed on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        db_table = "voice_safetyrep"  # the table the voice app made, kept with its rows
        verbose_name = _("safety rep")
        verbose_name_plural = _("safety reps")
        ordering = ["group", "member__name"]
        constraints = [models.UniqueConstraint(fields=["member"], condition=Q(ended_on__isnull=True), name="voice_one_open_appointment")]

    def __str__(self) -> str:
        return f"{self.member} · {self.group}"


class SafetyReport(OrgOwned):
    """安全代表信息: forwarded to the responsible unit, answered in writing to the rep."""

    group = models.ForeignKey(SafetyGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="reports",
                              verbose_name=_("supervision group"))
    reporter = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="safety_reports", verbose_name=_("reported by"))
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    place = models.CharField(_("place"), max_length=120)
    description = models.TextField(_("what is wrong"))
    photo = models.FileField(_("photo"), upload_to="voice/reports/%Y/%m/", blank=True)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, default=Severity.MEDIUM)
    reported_on = models.DateField(_("reported on"), db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    responsible_unit = models.CharField(_("responsible unit"), max_length=100, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    progress = models.TextField(_("what was done"), blank=True)
    answer = models.TextField(_("written answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    # Days from report to first written answer, kept so the median is read from a small histogram.
    days_to_answer = models.PositiveIntegerField(_("days to answer"), null=True, blank=True, editable=False)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    class Meta:
        db_table = "voice_safetyreport"  # the table the voice app made, kept with its rows
        verbose_name = _("safety report")
        verbose_name_plural = _("safety reports")
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["reporter", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="voice_report_once_per_reporter_key"),
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.description[:40]}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.status in OPEN_REPORT_STATES and self.deadline is not None and self.deadline < today


class HazardPost(OrgOwned):
    """接害岗位: a post with occupational hazard factors, found in the census."""

    name = models.CharField(_("post"), max_length=100)
    factors = models.JSONField(_("hazard factors"), default=list)
    surveyed_on = models.DateField(_("surveyed on"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        db_table = "voice_hazardpost"  # the table the voice app made, kept with its rows
        verbose_name = _("hazard post")
        verbose_name_plural = _("hazard posts")
        ordering = ["org__path", "name"]

    def __str__(self) -> str:
        return self.name

    def factor_labels(self) -> list[str]:
        labels = dict(HazardFactor.choices)
        return [str(labels.get(f, f)) for f in self.factors]


class Exposure(OrgOwned):
    """A worker exposed on a hazard post, from `since` until they leave it."""

    post = models.ForeignKey(HazardPost, on_delete=models.PROTECT, related_name="exposures", verbose_name=_("post"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="exposures", verbose_name=_("worker"))
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        db_table = "voice_exposure"  # the table the voice app made, kept with its rows
        verbose_name = _("exposure")
        verbose_name_plural = _("exposures")
        ordering = ["post", "member__name"]
        constraints = [models.UniqueConstraint(fields=["post", "member"], condition=Q(until__isnull=True), name="voice_one_open_exposure")]

    def __str__(self) -> str:
        return f"{self.member} · {self.post}"


class FollowUp(OrgOwned):
    """What the union supervises for an exposed worker: health check, time off the post, recuperation."""

    exposure = models.ForeignKey(Exposure, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("exposure"))
    kind = models.CharField(_("kind"), max_length=14, choices=FollowUpKind.choices)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        db_table = "voice_followup"  # the table the voice app made, kept with its rows
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.exposure.member}"
