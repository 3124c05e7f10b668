"""The union's fund ledger (工会经费), dues (会费) and budgets (预算).

The ledger is double entry and append-only (DESIGN.md "Money and secrets"): an entry
and its lines are written once; a correction is a reversing entry, never an edit, so
`save` refuses to change a stored entry and `delete` refuses outright. Every entry
carries an idempotency key, unique per org, so a retried request posts once
(RULES.md §e: CiviCRM's duplicate transactions).

A member's wage is private: it is kept encrypted (core.crypto, as ID numbers are) and
screens show only the dues it gives.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned

from . import chart
from .choices import EntrySource

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class AppendOnly(Exception):
    """Raised when code tries to edit or delete a ledger row."""


class Entry(OrgOwned):
    """One posting (凭证) in an org's books for a year: its lines' debits equal their credits."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("voucher number"))
    date = models.DateField(_("date"))
    memo = models.CharField(_("summary"), max_length=200)
    source = models.CharField(_("source"), max_length=10, choices=EntrySource.choices, default=EntrySource.MANUAL)
    idempotency_key = models.CharField(_("idempotency key"), max_length=120)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by", verbose_name=_("reverses")
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("posted by")
    )

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["org", "idempotency_key"], name="funds_entry_posts_once"),
            models.UniqueConstraint(fields=["org", "year", "number"], name="funds_entry_numbered_once"),
        ]
        indexes = [models.Index(fields=["org", "year", "date"])]

    def __str__(self) -> str:
        return f"{self.year}-{self.number:04d} {self.memo}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("ledger entries are never edited: post a reversing entry")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("ledger entries are never deleted: post a reversing entry")


class Line(models.Model):
    """One side of an entry: an account of the chart, debited or credited, never both."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="lines", verbose_name=_("ledger entry"))
    account = models.CharField(_("account"), max_length=6, choices=chart.choices())
    debit = models.DecimalField(_("debit"), default=0, **AMOUNT)
    credit = models.DecimalField(_("credit"), default=0, **AMOUNT)

    class Meta:
        verbose_name = _("ledger line")
        verbose_name_plural = _("ledger lines")
        ordering = ["entry", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(credit__gt=0) & Q(debit=0)), name="funds_line_one_sided",
            ),
        ]
        indexes = [models.Index(fields=["account"])]

    def __str__(self) -> str:
        return f"{self.account} {self.debit or -self.credit}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("ledger lines are never edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("ledger lines are never deleted")


class BudgetLine(OrgOwned):
    """The year's plan for one account (预算), as the congress approved it."""

    year = models.PositiveSmallIntegerField(_("year"))
    account = models.CharField(_("account"), max_length=6, choices=chart.choices())
    amount = models.DecimalField(_("budget"), **AMOUNT)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["year", "account"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "account"], name="funds_budget_line_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funds_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_account_display()}"


class WageBase(OrgOwned):
    """A member's monthly wage base for dues, bonuses excluded; `org` is the member's union.

    The wage is encrypted at rest; `dues` (what it gives, 0.5%) is kept in the clear
    because it is what the collection posts and the lists show."""

    member = models.OneToOneField("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    wage_encrypted = models.TextField(editable=False)
    dues = models.DecimalField(_("monthly dues"), **AMOUNT)
    since = models.DateField(_("dues from"))

    class Meta:
        verbose_name = _("wage base")
        verbose_name_plural = _("wage bases")
        ordering = ["member__name_pinyin", "id"]

    def __str__(self) -> str:
        return f"{self.member} {self.dues}"

    @property
    def wage_masked(self) -> str:
        return "****"


class DuesPayment(OrgOwned):
    """One member's dues for one month (会费收缴), posted to 会费收入 with the month's collection."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("amount"), **AMOUNT)
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="dues_payments", verbose_name=_("ledger entry"))
    idempotency_key = models.CharField(max_length=120, unique=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("collected by")
    )

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        ordering = ["-month", "member__name_pinyin"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="funds_dues_once_a_month"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_dues_positive"),
        ]
        indexes = [models.Index(fields=["org", "month"])]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%Y-%m}"


class FundsReview(OrgOwned):
    """The funds review committee's (经费审查委员会) report on a year's books, published to the
    公开栏 (RULES.md §e: the report goes to the members). `findings` are read off the books when it
    is published, so what members read is what the ledger said that day."""

    year = models.PositiveSmallIntegerField(_("year"))
    findings = models.TextField(_("findings"))
    opinion = models.TextField(_("opinion of the review committee"))
    published_on = models.DateField(_("published on"))
    disclosure = models.ForeignKey("governance.Disclosure", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("disclosure"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("reviewed by"))

    class Meta:
        verbose_name = _("funds review")
        verbose_name_plural = _("funds reviews")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="funds_review_once_a_year")]

    def __str__(self) -> str:
        return f"{self.org} {self.year}"
