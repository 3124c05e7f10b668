"""The books, budgets, wages and dues over the API: every page action has its operation."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.core.api import Pages, Year
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.members.models import Member

from . import selectors, services

router = Router(tags=["funds"])


class LineIO(Schema):
    account: str
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)


class EntryOut(Schema):
    id: int
    org_id: int
    year: Year
    number: int
    date: dt.date
    memo: str
    source: str
    reverses_id: int | None
    lines: list[LineIO]

    @staticmethod
    def resolve_lines(obj):
        return [LineIO(account=line.account, debit=line.debit, credit=line.credit) for line in obj.lines.all()]


class EntryIn(Schema):
    org_id: int
    date: dt.date
    memo: str
    lines: list[LineIO]
    idempotency_key: str


class ReverseIn(Schema):
    memo: str = ""
    date: dt.date | None = None


class BalanceRowOut(Schema):
    code: str
    name: str
    debit: Decimal
    credit: Decimal
    debit_balance: Decimal
    credit_balance: Decimal


class TrialBalanceOut(Schema):
    org_id: int
    year: Year
    entries: int
    rows: list[BalanceRowOut]
    total_debit: Decimal
    total_credit: Decimal
    balances: bool


class BudgetRowOut(Schema):
    code: str
    name: str
    budget: Decimal
    actual: Decimal
    overspent: bool


class BudgetIn(Schema):
    org_id: int
    year: Year
    account: str
    amount: Decimal


class WageIn(Schema):
    member_id: int
    wage: Decimal
    since: dt.date


class WageOut(Schema):
    member_id: int
    dues: Decimal
    since: dt.date
    wage: str = "****"


class DuesOut(Schema):
    member_id: int
    month: dt.date
    amount: Decimal
    entry_id: int


class CollectIn(Schema):
    org_id: int
    month: dt.date
    member_ids: list[int] | None = None


class CollectOut(Schema):
    month: dt.date
    entry_id: int | None
    members: int
    total: Decimal


class ArrearOut(Schema):
    member_id: int
    name: str
    months_unpaid: int
    running: int
    owed: Decimal
    flagged: bool


@router.get("/entries", response=list[EntryOut])
@paginate(Pages)
def list_entries(request, org_id: int, year: Year | None = None):
    org = selectors.org_get(visible_to=request.user, pk=org_id)
    return selectors.entry_list(visible_to=request.user, org=org, year=year).order_by("year", "number")


@router.get("/entries/{int:entry_id}", response=EntryOut)
def get_entry(request, entry_id: int):
    return selectors.entry_get(visible_to=request.user, pk=entry_id)


@router.post("/entries", response={201: EntryOut})
def post_entry(request, payload: EntryIn):
    org = selectors.org_get(visible_to=request.user, pk=payload.org_id)
    lines = [services.LineSpec(line.account, line.debit, line.credit) for line in payload.lines]
    return Status(201, services.entry_post(actor=request.user, org=org, date=payload.date, memo=payload.memo,
                                           lines=lines, idempotency_key=payload.idempotency_key))


@router.post("/entries/{int:entry_id}/reverse", response={201: EntryOut})
def reverse_entry(request, entry_id: int, payload: ReverseIn):
    entry = selectors.entry_get(visible_to=request.user, pk=entry_id)
    return Status(201, services.entry_reverse(actor=request.user, entry=entry, memo=payload.memo, date=payload.date))


@router.get("/trial-balance", response=TrialBalanceOut)
def get_trial_balance(request, org_id: int, year: Year):
    org = selectors.org_get(visible_to=request.user, pk=org_id)
    tb = selectors.trial_balance(org=org, year=year)
    return {"org_id": org.pk, "year": year, "entries": tb.entries, "rows": tb.rows, "total_debit": tb.total_debit,
            "total_credit": tb.total_credit, "balances": tb.balances}


@router.get("/budget", response=list[BudgetRowOut])
def get_budget(request, org_id: int, year: Year):
    org = selectors.org_get(visible_to=request.user, pk=org_id)
    return selectors.budget_report(org=org, year=year)


@router.post("/budget", response={201: BudgetRowOut})
def set_budget(request, payload: BudgetIn):
    org = selectors.org_get(visible_to=request.user, pk=payload.org_id)
    services.budget_set(actor=request.user, org=org, year=payload.year, account=payload.account, amount=payload.amount)
    return Status(201, next(r for r in selectors.budget_report(org=org, year=payload.year) if r.code == payload.account))


@router.post("/wages", response={201: WageOut})
def set_wage(request, payload: WageIn):
    member = get_in_reach_or_404(Member.objects.all(), request.user, action="funds.wage.set", pk=payload.member_id)
    row = services.wage_set(actor=request.user, member=member, wage=payload.wage, since=payload.since)
    return Status(201, {"member_id": member.pk, "dues": row.dues, "since": row.since})


@router.post("/dues/collect", response={201: CollectOut})
def collect_dues(request, payload: CollectIn):
    org = selectors.org_get(visible_to=request.user, pk=payload.org_id)
    members = None
    if payload.member_ids is not None:
        members = list(get_members(request, payload.member_ids))
    done = services.dues_collect(actor=request.user, org=org, month=payload.month, members=members)
    return Status(201, {"month": done.month, "entry_id": done.entry.pk if done.entry else None,
                        "members": len(done.payments), "total": done.total})


def get_members(request, ids: list[int]):
    from gonghui.core.scoping import in_reach

    return in_reach(Member.objects.filter(pk__in=ids), request.user, action="funds.dues.collect")


@router.get("/dues/arrears", response=list[ArrearOut])
def list_arrears(request, org_id: int, as_of: dt.date | None = None):
    org = selectors.org_get(visible_to=request.user, pk=org_id)
    rows = selectors.wage_list(visible_to=request.user, org=org)
    return [{"member_id": a.member_id, "name": a.name, "months_unpaid": len(a.unpaid), "running": a.running,
             "owed": a.owed, "flagged": a.flagged}
            for a in selectors.arrears(org=org, as_of=as_of or selectors.arrears_judged_on(rows=rows), rows=rows)]


@router.get("/wages", response=list[WageOut])
@paginate(Pages)
def list_wages(request, org_id: int):
    org = selectors.org_get(visible_to=request.user, pk=org_id)
    return selectors.wage_list(visible_to=request.user, org=org)


@router.get("/dues", response=list[DuesOut])
@paginate(Pages)
def list_dues(request, org_id: int, month: dt.date | None = None):
    org = selectors.org_get(visible_to=request.user, pk=org_id)
    return selectors.dues_payment_list(visible_to=request.user, org=org, month=month)


class ReviewIn(Schema):
    org_id: int
    year: Year
    opinion: str


class ReviewOut(Schema):
    org_id: int
    year: Year
    findings: str
    opinion: str
    published_on: dt.date
    disclosure_id: int | None


@router.get("/review", response={200: ReviewOut, 404: dict})
def get_review(request, org_id: int, year: Year):
    org = selectors.org_get(visible_to=request.user, pk=org_id)
    found = selectors.review_get(org=org, year=year)
    if found is None:
        return 404, {"detail": "not published"}
    return found


@router.post("/review", response={201: ReviewOut})
def publish_review(request, payload: ReviewIn):
    org = selectors.org_get(visible_to=request.user, pk=payload.org_id)
    return Status(201, services.funds_review_publish(actor=request.user, org=org, year=payload.year, opinion=payload.opinion))
