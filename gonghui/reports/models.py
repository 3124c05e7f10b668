"""A work summary as the chair edits it: one row per org and period, a version per save."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned


class WorkSummary(OrgOwned):
    """The summary of one org for one period (a year, a half-year or a span of years)."""

    period_key = models.CharField(_("period"), max_length=20)   # Period.key: 2025, 2025-H1, 2023-2025
    period_label = models.CharField(_("period"), max_length=40)

    # what summary_version_save records beside the columns (core.history.change_lines)
    history_labels = {"version": _("version"), "edited": _("parts rewritten")}

    class Meta:
        verbose_name = _("work summary")
        verbose_name_plural = _("work summaries")
        ordering = ["org__path", "-period_key"]
        constraints = [models.UniqueConstraint(fields=["org", "period_key"], name="reports_one_summary_per_org_period")]

    def __str__(self) -> str:
        return f"{self.period_label}{self.org_id}"


class WorkSummaryVersion(models.Model):
    """A saved draft: the structured content (blocks of paragraphs) and the figures it was written from.

    Versions are never changed: an edit is a new version, so the chair can go back to any
    earlier wording and each figure stays linked to the list it counts.
    """

    summary = models.ForeignKey(WorkSummary, on_delete=models.CASCADE, related_name="versions", verbose_name=_("work summary"))
    number = models.PositiveIntegerField(_("version"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    content = models.JSONField(_("content"))    # document.assemble()'s dict, with the edits

    class Meta:
        verbose_name = _("work summary version")
        verbose_name_plural = _("work summary versions")
        ordering = ["summary", "-number"]
        constraints = [models.UniqueConstraint(fields=["summary", "number"], name="reports_version_numbers_unique")]

    def __str__(self) -> str:
        return f"{self.content.get('title', '')} v{self.number}"
