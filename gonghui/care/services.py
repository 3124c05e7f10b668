"""Every write in care: settings, hardship files (open, re-check, close), visits, aid, talks and home visits.

Each asks `scoping.require` first, runs in one transaction, locks what it re-checks and
writes one history row; a repeat does nothing. Household figures go into the file
encrypted (core.crypto) and never into the history. Money given (aid in cash, cash on
a visit) is paid out of the union's fund through `funds.services.entry_post`, whose
idempotency key makes a double click or a retry pay once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.money import yuan
from gonghui.core import crypto
from gonghui.core.history import history_record
from gonghui.core.scoping import require
from gonghui.funds import chart
from gonghui.funds.choices import EntrySource
from gonghui.funds.services import LineSpec, entry_post
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import rules
from .choices import AidKind, AidStatus, CaseKind, CaseStatus, Occasion, ServiceKind, TalkKind, Visitee
from .models import AidPayment, CareService, CareSettings, CaseCheck, HardshipCase, Talk, Visit
from .selectors import settings_for, union_of

# The account each kind of aid is spent from (2009 chart): help for members in hardship is
# 维权支出; a condolence or festival gift is 职工活动支出.
AID_ACCOUNT = {
    AidKind.RELIEF: chart.RIGHTS, AidKind.SUBSIDY: chart.RIGHTS, AidKind.EDUCATION: chart.RIGHTS,
    AidKind.CONDOLENCE: chart.ACTIVITIES, AidKind.GOODS: chart.ACTIVITIES,
}


def _amount(value, field: str) -> Decimal:
    return yuan(value, field=field, blank_is_zero=True)


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


# ── settings ─────────────────────────────────────────────────────────────────

@transaction.atomic
def care_settings_set(*, actor, org: Org, low_income_line: Decimal, aid_limit: Decimal,
                      education_grant: Decimal | None = None) -> CareSettings:
    """Set the union's minimum-living line and aid limit (RULES.md §d: they vary by region)."""
    require(actor=actor, action="care.settings.set", org=org)
    values = {"low_income_line": _amount(low_income_line, "low_income_line"), "aid_limit": _amount(aid_limit, "aid_limit")}
    if education_grant is not None:
        values["education_grant"] = _amount(education_grant, "education_grant")
    if values["low_income_line"] <= 0:
        raise ValidationError({"low_income_line": _("The minimum-living line must be more than zero.")})
    Org.objects.select_for_update().filter(pk=org.pk).first()  # two first settings at once make one row
    row = CareSettings.objects.filter(org=org).first()
    if row is None:
        row = CareSettings.objects.create(org=org, **values)
        history_record(obj=row, org=org, actor=actor, action="create", changes={k: [None, str(v)] for k, v in values.items()})
        return row
    changed = {k: [str(getattr(row, k)), str(v)] for k, v in values.items() if getattr(row, k) != v}
    if changed:
        CareSettings.objects.filter(pk=row.pk).update(**values)
        row.refresh_from_db()
        history_record(obj=row, org=org, actor=actor, action="update", changes=changed)
    return row


# ── hardship files ───────────────────────────────────────────────────────────

def _level(member: Member, *, income, essential_spending, hardship_costs, household_size, major_accident) -> str:
    if household_size is None or int(household_size) < 1:
        raise ValidationError({"household_size": _("A household has at least one person.")})
    line = settings_for(union_of(member.org)).low_income_line
    level = rules.hardship_level(income=income, essential_spending=essential_spending, household_size=int(household_size),
                                 line=line, hardship_costs=hardship_costs, major_accident=major_accident)
    if level is None:
        raise ValidationError(_("By these figures the household is not in hardship (the line is %(line)s yuan a month per person).")
                              % {"line": line})
    return level


@transaction.atomic
def case_open(*, actor, member: Member, household_size: int, income: Decimal, essential_spending: Decimal,
              reason: str, hardship_costs: Decimal = Decimal(0), major_accident: bool = False,
              kind: str = CaseKind.NEW, opened_on: dt.date | None = None) -> HardshipCase:
    """Open a household's file with its level computed from its yearly figures. A member has one
    open file at a time: opening again returns it."""
    require(actor=actor, action="care.case.manage", org=member.org)
    Member.objects.select_for_update().filter(pk=member.pk).first()
    existing = HardshipCase.objects.filter(member=member, status=CaseStatus.OPEN).first()
    if existing is not None:
        return existing
    if kind not in CaseKind.values:
        raise ValidationError({"kind": _("Unknown kind of file.")})
    if kind == CaseKind.NEW and HardshipCase.objects.filter(member=member, status=CaseStatus.CLOSED).exists():
        kind = CaseKind.RELAPSED  # a household whose file was closed and is in hardship again is 返困 (RULES.md §d)
    income, essential, costs = (_amount(income, "income"), _amount(essential_spending, "essential_spending"),
                                _amount(hardship_costs, "hardship_costs"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the household is in hardship.")})
    level = _level(member, income=income, essential_spending=essential, hardship_costs=costs,
                   household_size=household_size, major_accident=major_accident)
    today = opened_on or timezone.localdate()
    case = HardshipCase.objects.create(
        org=member.org, member=member, kind=kind, level=level, household_size=int(household_size),
        income_encrypted=crypto.encrypt(str(income)), essential_encrypted=crypto.encrypt(str(essential)),
        costs_encrypted=crypto.encrypt(str(costs)), major_accident=bool(major_accident), reason=reason.strip()[:300],
        opened_on=today, checked_on=today, checked_by=_user(actor),
    )
    CaseCheck.objects.create(case=case, date=today, level=level, checked_by=_user(actor), note=_("file opened"))
    history_record(obj=case, org=case.org, actor=actor, action="create",
                   changes={"level": [None, level], "kind": [None, kind], "household_size": [None, case.household_size]})
    return case


@transaction.atomic
def case_recheck(*, actor, case: HardshipCase, household_size: int, income: Decimal, essential_spending: Decimal,
                 hardship_costs: Decimal = Decimal(0), major_accident: bool = False, date: dt.date | None = None,
                 note: str = "") -> HardshipCase:
    """The yearly re-check: new figures, the level they give, who checked and when. Checking the
    same file twice on one day is a repeat and changes nothing. A household no longer in
    hardship is refused here: close its file instead."""
    require(actor=actor, action="care.case.manage", org=case.org)
    case = HardshipCase.objects.select_for_update().get(pk=case.pk)
    date = date or timezone.localdate()
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("This file is closed."))
    if case.checks.filter(date=date).exists():
        return case
    income, essential, costs = (_amount(income, "income"), _amount(essential_spending, "essential_spending"),
                                _amount(hardship_costs, "hardship_costs"))
    try:
        level = _level(case.member, income=income, essential_spending=essential, hardship_costs=costs,
                       household_size=household_size, major_accident=major_accident)
    except ValidationError:
        raise ValidationError(_("By these figures the household is no longer in hardship: close the file.")) from None
    before = case.level
    HardshipCase.objects.filter(pk=case.pk).update(
        level=level, household_size=int(household_size), income_encrypted=crypto.encrypt(str(income)),
        essential_encrypted=crypto.encrypt(str(essential)), costs_encrypted=crypto.encrypt(str(costs)),
        major_accident=bool(major_accident), checked_on=date, checked_by=_user(actor), updated_at=timezone.now(),
    )
    CaseCheck.objects.create(case=case, date=date, level=level, checked_by=_user(actor), note=note[:300])
    case.refresh_from_db()
    history_record(obj=case, org=case.org, actor=actor, action="update", changes={"level": [before, level], "checked_on": [None, date.isoformat()]},
                   note=_("yearly re-check"))
    return case


@transaction.atomic
def case_close(*, actor, case: HardshipCase, reason: str, date: dt.date | None = None) -> HardshipCase:
    """Close a file (the household is out of hardship, or the member has left); closing again changes nothing."""
    require(actor=actor, action="care.case.manage", org=case.org)
    case = HardshipCase.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        return case
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the file is closed.")})
    date = date or timezone.localdate()
    HardshipCase.objects.filter(pk=case.pk, status=CaseStatus.OPEN).update(
        status=CaseStatus.CLOSED, closed_on=date, close_reason=reason.strip()[:300], updated_at=timezone.now())
    case.refresh_from_db()
    history_record(obj=case, org=case.org, actor=actor, action="state", changes={"status": ["open", "closed"]}, note=case.close_reason)
    return case


# ── visits ───────────────────────────────────────────────────────────────────

@transaction.atomic
def visit_record(*, actor, org: Org, occasion: str, date: dt.date, visitee_name: str, visitors: str,
                 idempotency_key: str, visitee_kind: str = Visitee.MEMBER, member: Member | None = None,
                 cash: Decimal = Decimal(0), goods: str = "", goods_value: Decimal = Decimal(0)) -> Visit:
    """Record a visit; cash given is paid out of the union's fund (职工活动支出) in the same transaction.
    The same key again returns the visit first recorded."""
    require(actor=actor, action="care.visit.record", org=org)
    # the union's row is the lock the fund's postings take too: a retry waits here, then finds the visit
    Org.objects.select_for_update().filter(pk=union_of(org).pk).first()
    existing = Visit.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.org_id != org.pk:  # another union's key: never hand its visit back
            raise ValidationError({"idempotency_key": _("This key was already used for another record.")})
        return existing
    if occasion not in Occasion.values:
        raise ValidationError({"occasion": _("Unknown occasion.")})
    if visitee_kind not in Visitee.values:
        raise ValidationError({"visitee_kind": _("Unknown kind of person visited.")})
    if member is not None and not member.org.path.startswith(org.path):
        raise ValidationError({"member": _("The member is not in this organisation.")})
    name = (visitee_name or (member.name if member else "")).strip()
    if not name or not (visitors or "").strip():
        raise ValidationError(_("Say whom the visit was to and who went."))
    if not (idempotency_key or "").strip():
        raise ValidationError({"idempotency_key": _("A visit needs an idempotency key.")})
    cash, goods_value = _amount(cash, "cash"), _amount(goods_value, "goods_value")
    entry = None
    if cash > 0:
        entry = entry_post(actor=actor, org=union_of(org), date=date, source=EntrySource.VISIT,
                           memo=_("%(occasion)s visit to %(name)s") % {"occasion": Occasion(occasion).label, "name": name},
                           lines=[LineSpec(chart.ACTIVITIES, debit=cash), LineSpec(chart.BANK, credit=cash)],
                           idempotency_key=f"visit:{idempotency_key}")
    visit = Visit.objects.create(
        org=org, occasion=occasion, date=date, visitee_kind=visitee_kind, member=member, visitee_name=name[:60],
        visitors=visitors.strip()[:200], cash=cash, goods=goods.strip()[:200], goods_value=goods_value, entry=entry,
        idempotency_key=idempotency_key[:120],
    )
    history_record(obj=visit, org=org, actor=actor, action="create",
                   changes={"occasion": [None, occasion], "cash": [None, str(cash)], "goods_value": [None, str(goods_value)]})
    return visit


# ── aid ──────────────────────────────────────────────────────────────────────

@transaction.atomic
def aid_pay(*, actor, member: Member, kind: str, date: dt.date, idempotency_key: str, amount: Decimal = Decimal(0),
            goods: str = "", goods_value: Decimal = Decimal(0), case: HardshipCase | None = None,
            account: str | None = None) -> AidPayment:
    """Pay aid to a member: cash goes out of the fund by a ledger entry (debit the kind's spending
    line, credit 银行存款). The union's yearly limit per person counts cash and goods together;
    an aid that would pass it is kept as refused, pays nothing, and says why. The member's row
    is locked while the year's total is re-read, so two aids at once cannot both slip under the
    limit; the same key again returns the first aid."""
    require(actor=actor, action="care.aid.pay", org=member.org)
    Member.objects.select_for_update().filter(pk=member.pk).first()
    key = (idempotency_key or "").strip()
    if not key:
        raise ValidationError({"idempotency_key": _("A payment needs an idempotency key.")})
    existing = AidPayment.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.member_id != member.pk:  # someone else's key: never hand their payment back
            raise ValidationError({"idempotency_key": _("This key was already used for another record.")})
        return existing
    if kind not in AidKind.values:
        raise ValidationError({"kind": _("Unknown kind of aid.")})
    amount, goods_value = _amount(amount, "amount"), _amount(goods_value, "goods_value")
    if amount + goods_value <= 0:
        raise ValidationError({"amount": _("Give the cash or the value of the goods.")})
    if kind == AidKind.GOODS and amount:
        raise ValidationError({"amount": _("Gifts in kind carry no cash: record cash as another kind of aid.")})
    account = account or AID_ACCOUNT[kind]
    if account not in chart.codes_of(chart.SPENDING):
        raise ValidationError({"account": _("Aid is paid from a spending account.")})
    if case is not None and case.member_id != member.pk:
        raise ValidationError({"case": _("The file is another member's.")})
    union = union_of(member.org)
    limit = settings_for(union).aid_limit
    given = AidPayment.objects.filter(member=member, date__year=date.year, status=AidStatus.PAID).aggregate(
        c=Sum("amount"), g=Sum("goods_value"))
    so_far = Decimal(str(given["c"] or 0)) + Decimal(str(given["g"] or 0))
    row = AidPayment(org=member.org, member=member, case=case, kind=kind, date=date, amount=amount, goods=goods.strip()[:200],
                     goods_value=goods_value, account=account, idempotency_key=key[:120], paid_by=_user(actor))
    if so_far + amount + goods_value > limit:
        row.status = AidStatus.REFUSED
        row.refusal = _("Above the yearly limit of %(limit)s yuan a person: %(so_far)s already given this year.") % {
            "limit": limit, "so_far": so_far}
        row.save()
        history_record(obj=row, org=row.org, actor=actor, action="create", changes={"status": [None, "refused"]}, note=row.refusal)
        return row
    if amount > 0:
        row.entry = entry_post(
            actor=actor, org=union, date=date, source=EntrySource.AID,
            memo=_("%(kind)s to %(name)s") % {"kind": AidKind(kind).label, "name": member.name},
            lines=[LineSpec(account, debit=amount), LineSpec(chart.BANK, credit=amount)], idempotency_key=f"aid:{key}",
        )
    row.status = AidStatus.PAID
    row.save()
    history_record(obj=row, org=row.org, actor=actor, action="create",
                   changes={"status": [None, "paid"], "amount": [None, str(amount)], "goods_value": [None, str(goods_value)]})
    return row


def case_figures_reveal(*, actor, case: HardshipCase):
    """The file's household figures in the clear, for the chair who asks; the look is logged
    (a view_secret history row, as an ID number's), the figures never written into it."""
    from .selectors import household_figures

    require(actor=actor, action="care.case.unmask", org=case.org)
    history_record(obj=case, org=case.org, actor=actor, action="view_secret", changes={})
    return household_figures(case)


# ---------------------------------------------------------------- talks and home visits (谈心家访)

@transaction.atomic
def talk_record(*, actor, member: Member, kind: str, date: dt.date, topic: str, outcome: str = "", follow_up: str = "") -> Talk:
    # Only the union's own chair and cadres: a talk stays between the worker and their union.
    require(actor=actor, action="care.talk.record", org=member.org)
    if kind not in TalkKind.values:
        raise ValidationError({"kind": _("Choose a talk or a home visit.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("A talk is recorded after it took place.")})
    topic = (topic or "").strip()
    if not topic:
        raise ValidationError({"topic": _("Say what the talk was about.")})
    talk = Talk.objects.create(org=member.org, member=member, kind=kind, date=date, topic=topic[:120],
                               outcome=outcome, follow_up=follow_up, recorded_by=_user(actor))
    history_record(obj=talk, org=talk.org, actor=actor, action="create", changes={"kind": kind, "topic": talk.topic})
    return talk


# ── everyday care (病号饭, 休假) ─────────────────────────────────────────────────

@transaction.atomic
def care_service_record(*, actor, org: Org, kind: str, date: dt.date, idempotency_key: str, people: int = 1,
                        member: Member | None = None, note: str = "") -> CareService:
    """Record everyday care the union arranged (a sick meal, leave) for `people` person-times.
    The same key again returns the record first made."""
    require(actor=actor, action="care.visit.record", org=org)
    if not (idempotency_key or "").strip():
        raise ValidationError({"idempotency_key": _("A record of care needs an idempotency key.")})
    Org.objects.select_for_update().filter(pk=union_of(org).pk).first()   # a retry waits here, then finds the record
    existing = CareService.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    if kind not in ServiceKind.values:
        raise ValidationError({"kind": _("Unknown kind of care.")})
    if not isinstance(people, int) or not 1 <= people <= 100000:
        raise ValidationError({"people": _("Give the person-times as a whole number from 1.")})
    if member is not None and not member.org.path.startswith(org.path):
        raise ValidationError({"member": _("The member is not in this organisation.")})
    service = CareService.objects.create(org=org, kind=kind, date=date, people=people, member=member,
                                         note=(note or "").strip()[:200], idempotency_key=idempotency_key[:120])
    history_record(obj=service, org=org, actor=actor, action="create", changes={"kind": [None, kind], "people": [None, people]})
    return service
