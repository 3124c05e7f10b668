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


class SummaryText(OrgOwned):
    """The chair's own words for one part of a period's summary: what no record holds.

    `opening` frames the year, `credit` says what its success 得益于, `shortcomings` adds to
    those read off the records, `plans` words the plan. They live apart from the versions,
    so a summary regenerated from the records keeps them (reports.document.TEXT_SLOTS).
    """

    class Slot(models.TextChoices):
        OPENING = "opening", _("opening")
        CREDIT = "credit", _("what the success owes to")
        SHORTCOMINGS = "shortcomings", _("further shortcomings")
        PLANS = "plans", _("the plan's wording")

    period_key = models.CharField(_("period"), max_length=20)   # Period.key
    slot = models.CharField(_("part"), max_length=20, choices=Slot.choices)
    text = models.TextField(_("text"), max_length=4000)

    class Meta:
        verbose_name = _("summary text block")
        verbose_name_plural = _("summary text blocks")
        ordering = ["org__path", "period_key", "slot"]
        constraints = [models.UniqueConstraint(fields=["org", "period_key", "slot"], name="reports_one_text_per_slot")]

    def __str__(self) -> str:
        return f"{self.period_key} {self.slot}"


def text_slot_label(slot: str, heading: str = "") -> str:
    """What the editor calls a text slot: 'what the success owes to', or for an area's framing
    '三、困难帮扶: opening words' (`heading`, the area's heading in the summary, else its key)."""
    if slot in SummaryText.Slot.values:
        return str(SummaryText.Slot(slot).label)
    key, _sep, part = slot.partition(":")
    template = _("%(area)s: opening words") if part == "opening" else _("%(area)s: closing words")
    return str(template % {"area": heading or key})
