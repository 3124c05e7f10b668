"""Care for members in hardship (送温暖): hardship files, visits and aid.

A hardship file (困难职工档案) keeps the household's yearly figures encrypted at rest with
core.crypto, as ID numbers are (DESIGN.md "Money and secrets"); the level computed from
them is kept in the clear, because lists and the summary count by level. Aid in cash is a
payment out of the union's fund: it carries an idempotency key (unique) and the ledger
entry that paid it (funds.Entry), so the same aid is never paid twice.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned

from .choices import AidKind, AidStatus, CaseKind, CaseStatus, Level, Occasion, ServiceKind, TalkKind, Visitee

AMOUNT = {"max_digits": 12, "decimal_places": 2}

# RULES.md §d: these differ by region, so each union sets its own; the defaults are ours to
# confirm locally (unverified): a 低保 line near the national urban average, 金秋助学 as
# the one province's 4,000 yuan, and a yearly cap per person on aid and gifts.
DEFAULT_LOW_INCOME_LINE = Decimal("800")
DEFAULT_AID_LIMIT = Decimal("5000")
DEFAULT_EDUCATION_GRANT = Decimal("4000")


class CareSettings(OrgOwned):
    """A union's own care figures: its local minimum-living line and its aid limit."""

    low_income_line = models.DecimalField(_("minimum-living line (yuan a month per person)"), default=DEFAULT_LOW_INCOME_LINE, **AMOUNT)
    aid_limit = models.DecimalField(_("aid limit per person a year"), default=DEFAULT_AID_LIMIT, **AMOUNT)
    education_grant = models.DecimalField(_("Golden Autumn grant"), default=DEFAULT_EDUCATION_GRANT, **AMOUNT)

    class Meta:
        verbose_name = _("care settings")
        verbose_name_plural = _("care settings")
        constraints = [models.UniqueConstraint(fields=["org"], name="care_settings_once_per_org")]

    def __str__(self) -> str:
        return str(self.org)


class HardshipCase(OrgOwned):
    """One household's hardship file; `org` is where the member sits, so only its cadres reach it."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    kind = models.CharField(_("kind of file"), max_length=10, choices=CaseKind.choices, default=CaseKind.NEW)
    level = models.CharField(_("hardship level"), max_length=10, choices=Level.choices)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    household_size = models.PositiveSmallIntegerField(_("household size"))
    income_encrypted = models.TextField(editable=False)
    essential_encrypted = models.TextField(editable=False)
    costs_encrypted = models.TextField(editable=False)
    major_accident = models.BooleanField(_("major accident"), default=False)
    reason = models.CharField(_("reason"), max_length=300)
    opened_on = models.DateField(_("opened on"))
    checked_on = models.DateField(_("last re-checked on"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("re-checked by"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hardship file")
        verbose_name_plural = _("hardship files")
        ordering = ["status", "-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=Q(status="open"), name="care_one_open_file_per_member"),
            models.CheckConstraint(condition=Q(household_size__gte=1), name="care_household_not_empty"),
        ]
        indexes = [models.Index(fields=["org", "status"])]

    def __str__(self) -> str:
        return f"{self.member} {self.get_level_display()}"


class CaseCheck(models.Model):
    """A yearly re-check of a file: who looked, when, and the level they found."""

    case = models.ForeignKey(HardshipCase, on_delete=models.CASCADE, related_name="checks", verbose_name=_("hardship file"))
    date = models.DateField(_("date"))
    level = models.CharField(_("hardship level"), max_length=10, choices=Level.choices)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("re-checked by"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")
        ordering = ["case", "date", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "date"], name="care_check_once_a_day")]

    def __str__(self) -> str:
        return f"{self.case} {self.date}"


class Visit(OrgOwned):
    """A visit (走访慰问): the occasion, who was visited, who went, and what was given."""

    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    date = models.DateField(_("date"))
    visitee_kind = models.CharField(_("visited"), max_length=10, choices=Visitee.choices, default=Visitee.MEMBER)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("member"))
    visitee_name = models.CharField(_("name of the person visited"), max_length=60)
    visitors = models.CharField(_("who went"), max_length=200)
    cash = models.DecimalField(_("cash given"), default=0, **AMOUNT)
    goods = models.CharField(_("goods given"), max_length=200, blank=True)
    goods_value = models.DecimalField(_("value of the goods"), default=0, **AMOUNT)
    entry = models.ForeignKey("funds.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("ledger entry"))
    idempotency_key = models.CharField(max_length=120, unique=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"])]
        constraints = [models.CheckConstraint(condition=Q(cash__gte=0) & Q(goods_value__gte=0), name="care_visit_not_negative")]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()} {self.visitee_name}"


class AidPayment(OrgOwned):
    """Aid to a member (救助、补助、金秋助学、慰问金、慰问品). Cash is paid out of the fund by a
    ledger entry; an aid over the union's yearly limit is kept as refused, so the summary can say so."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    case = models.ForeignKey(HardshipCase, null=True, blank=True, on_delete=models.PROTECT, related_name="aid",
                             verbose_name=_("hardship file"))
    kind = models.CharField(_("kind of aid"), max_length=12, choices=AidKind.choices)
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("cash"), default=0, **AMOUNT)
    goods = models.CharField(_("goods given"), max_length=200, blank=True)
    goods_value = models.DecimalField(_("value of the goods"), default=0, **AMOUNT)
    account = models.CharField(_("account"), max_length=6)
    status = models.CharField(_("status"), max_length=10, choices=AidStatus.choices)
    refusal = models.CharField(_("why refused"), max_length=300, blank=True)
    entry = models.ForeignKey("funds.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("ledger entry"))
    idempotency_key = models.CharField(max_length=120, unique=True)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("paid by"))

    class Meta:
        verbose_name = _("aid payment")
        verbose_name_plural = _("aid payments")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"]), models.Index(fields=["member", "date"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0) & Q(goods_value__gte=0), name="care_aid_not_negative")]

    def __str__(self) -> str:
        return f"{self.member} {self.get_kind_display()} {self.amount}"

    @property
    def value(self) -> Decimal:
        return self.amount + self.goods_value


class Talk(OrgOwned):
    """谈心、家访: seen only by the cadres of the member's union, nobody above it.

    It came over from the voice app (care 0004): its table keeps the name it was made with."""

    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("worker"))
    kind = models.CharField(_("kind"), max_length=12, choices=TalkKind.choices, default=TalkKind.TALK)
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=120)
    outcome = models.TextField(_("outcome"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))

    class Meta:
        db_table = "voice_talk"
        verbose_name = _("talk or home visit")
        verbose_name_plural = _("talks and home visits")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.member} · {self.topic}"


class CareService(OrgOwned):
    """Everyday care the union arranged (食堂给职工做病号饭, 安排职工休假): its kind, the day, how
    many person-times it served and, where one person, who. The summary adds up the person-times."""

    kind = models.CharField(_("kind of care"), max_length=12, choices=ServiceKind.choices)
    date = models.DateField(_("date"))
    people = models.PositiveIntegerField(_("person-times"), default=1)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("member"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    idempotency_key = models.CharField(max_length=120, unique=True)

    class Meta:
        verbose_name = _("care service")
        verbose_name_plural = _("care services")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org", "date"])]
        constraints = [models.CheckConstraint(condition=Q(people__gte=1), name="care_service_serves_someone")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"
