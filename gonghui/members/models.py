from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned

from .choices import ContractStatus, MembershipEventKind, MemberStatus, Sex


class Member(OrgOwned):
    """A worker on the union's roll; `is_union_member` tells members from other workers.

    `org` is where the person sits (union, branch or group); `union` is the grassroots
    union above it, kept on the row because every figure is counted per union.
    The ID-card number is only ever stored encrypted; `id_number_hash` (a keyed HMAC)
    finds it and keeps it unique, `id_number_masked` is what screens show. Nothing stored
    in plain text narrows the number below thousands of candidates (masking.py).
    """

    union = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("union"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="member", verbose_name=_("login")
    )
    name = models.CharField(_("full name"), max_length=50)
    name_pinyin = models.CharField(max_length=200, db_index=True, editable=False)
    name_initials = models.CharField(max_length=50, db_index=True, editable=False)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    ethnic_group = models.CharField(_("ethnic group"), max_length=20, default="汉族")
    # Only the year: the month and day would narrow a masked ID number to a few candidates (see masking.py).
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    id_number_encrypted = models.TextField(editable=False)
    id_number_hash = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("ID-card number"), max_length=18, editable=False)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    post = models.CharField(_("post"), max_length=60, blank=True)
    is_union_member = models.BooleanField(_("union member"), default=True)
    join_date = models.DateField(_("joined the union"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    left_date = models.DateField(_("left on"), null=True, blank=True)
    contract_status = models.CharField(
        _("labour contract"), max_length=10, choices=ContractStatus.choices, default=ContractStatus.UNSIGNED
    )
    contract_start = models.DateField(_("contract from"), null=True, blank=True)
    contract_end = models.DateField(_("contract until"), null=True, blank=True)
    has_work_injury_insurance = models.BooleanField(_("work-injury insurance"), default=False)
    has_pension_insurance = models.BooleanField(_("pension insurance"), default=False)
    has_medical_insurance = models.BooleanField(_("medical insurance"), default=False)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name_pinyin", "id"]
        indexes = [
            models.Index(fields=["union", "status"]), models.Index(fields=["org", "status"]),
            # the list's order: a page is a seek on this index from the last row seen (selectors.member_list_page)
            models.Index(fields=["status", "name_pinyin", "id"], name="members_list_order"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipEvent(models.Model):
    """Join, transfer and leave: the membership history, one row each, never edited."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events", verbose_name=_("member"))
    kind = models.CharField(_("kind"), max_length=10, choices=MembershipEventKind.choices)
    date = models.DateField(_("date"))
    from_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("from"))
    to_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))
    union = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("union"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "kind", "date"])]

    def __str__(self) -> str:
        return f"{self.member} {self.get_kind_display()} {self.date}"
