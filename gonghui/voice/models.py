"""The workers' voice: suggestions (合理化建议) and the answer templates.

Every loop ends with a written answer the person who spoke up can find again: a
suggestion's author through "my suggestions" (or the receipt code when anonymous).
The safety network and hazard posts are their own app, `gonghui.safety`; talks and home
visits (谈心家访) are care's (`gonghui.care`).
"""

from __future__ import annotations


from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned

from .choices import Rating, SuggestionStatus

MONEY = {"max_digits": 14, "decimal_places": 2}


class Theme(OrgOwned):
    """One of the union's own suggestion themes (e.g. the ten of the 过紧日子 campaign)."""

    name = models.CharField(_("theme name"), max_length=60)
    position = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["org", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="voice_theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class Suggestion(OrgOwned):
    """合理化建议. `author` stays empty for an anonymous one: only the receipt code leads back to it."""

    union = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("union"))
    author = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="suggestions", verbose_name=_("author")
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("what and why"))
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("theme"))
    photo = models.FileField(_("photo"), upload_to="voice/suggestions/%Y/%m/", blank=True)
    submitted_on = models.DateField(_("submitted on"), db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.SUBMITTED)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    implementing_unit = models.CharField(_("implementing unit"), max_length=100, blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    saving_yuan = models.DecimalField(_("saving or benefit (yuan)"), null=True, blank=True, **MONEY)
    reward_yuan = models.DecimalField(_("reward (yuan)"), null=True, blank=True, **MONEY)
    is_golden = models.BooleanField(_("golden idea"), default=False)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["union", "submitted_on"])]
        constraints = [
            # A double submit (two taps, a retried request) leaves one suggestion.
            models.UniqueConstraint(fields=["author", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="voice_suggestion_once_per_author_key"),
            models.UniqueConstraint(fields=["idempotency_key"], condition=Q(author__isnull=True) & ~Q(idempotency_key=""),
                                    name="voice_suggestion_once_per_anonymous_key"),
            models.CheckConstraint(condition=Q(is_anonymous=False) | Q(author__isnull=True), name="voice_anonymous_has_no_author"),
        ]

    def __str__(self) -> str:
        return self.title


class AnswerTemplate(OrgOwned):
    """A cadre's reusable answer; `theme` empty means it fits safety reports or any suggestion."""

    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("theme"))
    title = models.CharField(_("title"), max_length=80)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["theme", "title"]

    def __str__(self) -> str:
        return self.title
