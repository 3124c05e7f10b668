"""Reads of the union's money: the books in reach, the trial balance, budgets against spending,
dues collected and the arrears (CONVENTIONS §4: the pages, the API and the summary call these).

Each figure function runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import crypto
from gonghui.core.scoping import get_in_reach_or_404, in_reach, require, under
from gonghui.core.selectors import Attention
from gonghui.orgs.models import Org

from . import chart
from .models import BudgetLine, DuesPayment, Entry, Line, WageBase
from .rules import MONTHS_BEFORE_FLAG, month_start, months_between, months_unpaid_running

VIEW = "funds.ledger.view"
ZERO = Decimal(0)


def _cents(value) -> Decimal:
    """Sums come back as floats from SQLite: back to Decimal yuan-and-fen."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def books_in_reach(*, visible_to) -> QuerySet[Org]:
    """The orgs whose books the user may read (a union's own, and those under a federation)."""
    return in_reach(Org.objects.filter(is_active=True, kind__in=("federation", "union")), visible_to, via="", action=VIEW)


def org_get(*, visible_to, pk: int) -> Org:
    return get_in_reach_or_404(Org.objects.filter(is_active=True), visible_to, via="", action=VIEW, pk=pk)


# ── the ledger ───────────────────────────────────────────────────────────────

def entry_list(*, visible_to, org: Org | None = None, year: int | None = None) -> QuerySet[Entry]:
    qs = in_reach(Entry.objects.select_related("org", "reverses").prefetch_related("lines"), visible_to, action=VIEW)
    if org is not None:
        qs = qs.filter(org=org)
    return qs.filter(year=year) if year else qs


def entry_get(*, visible_to, pk: int) -> Entry:
    qs = Entry.objects.select_related("org", "reverses", "posted_by").prefetch_related("lines")
    return get_in_reach_or_404(qs, visible_to, action=VIEW, pk=pk)


def entry_reversed(entry: Entry) -> Entry | None:
    return Entry.objects.filter(reverses=entry).first()


@dataclass
class BalanceRow:
    code: str
    name: str
    kind: str
    debit: Decimal
    credit: Decimal

    @property
    def balance(self) -> Decimal:
        """The balance on the account's normal side (a debit balance for assets and spending)."""
        return self.debit - self.credit if chart.account(self.code).debit_normal else self.credit - self.debit

    @property
    def debit_balance(self) -> Decimal:
        return max(self.debit - self.credit, ZERO)

    @property
    def credit_balance(self) -> Decimal:
        return max(self.credit - self.debit, ZERO)


@dataclass
class TrialBalance:
    org: Org
    year: int
    rows: list[BalanceRow]
    entries: int

    @property
    def total_debit(self) -> Decimal:
        return sum((r.debit for r in self.rows), ZERO)

    @property
    def total_credit(self) -> Decimal:
        return sum((r.credit for r in self.rows), ZERO)

    @property
    def total_debit_balance(self) -> Decimal:
        return sum((r.debit_balance for r in self.rows), ZERO)

    @property
    def total_credit_balance(self) -> Decimal:
        return sum((r.credit_balance for r in self.rows), ZERO)

    @property
    def balances(self) -> bool:
        return self.total_debit == self.total_credit and self.total_debit_balance == self.total_credit_balance


def trial_balance(*, org: Org, year: int) -> TrialBalance:
    """The org's own books for the year (试算平衡表): turnover and balance of every account used; two queries."""
    sums = (
        Line.objects.filter(entry__org=org, entry__year=year).values("account").order_by("account")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    )
    rows = [BalanceRow(s["account"], chart.account(s["account"]).name, chart.account(s["account"]).kind, _cents(s["d"]), _cents(s["c"]))
            for s in sums]
    return TrialBalance(org=org, year=year, rows=rows, entries=Entry.objects.filter(org=org, year=year).count())


def account_totals(*, org: Org, start: dt.date, end: dt.date, kind: str | None = None,
                   kinds: tuple[str, ...] = ()) -> dict[str, Decimal]:
    """{account: net movement on its normal side} over the org's subtree between two dates, of the
    accounts of `kind` (or `kinds`; every account when neither is given); one query."""
    qs = Line.objects.filter(under(org, "entry__org"), entry__date__gte=start, entry__date__lte=end)
    wanted = [code for k in ((kind,) if kind else kinds) for code in chart.codes_of(k)]
    if wanted:
        qs = qs.filter(account__in=wanted)
    found = {}
    for row in qs.values("account").order_by("account").annotate(d=Sum("debit"), c=Sum("credit")):
        d, c = _cents(row["d"]), _cents(row["c"])
        found[row["account"]] = d - c if chart.account(row["account"]).debit_normal else c - d
    return found


# ── budgets ──────────────────────────────────────────────────────────────────

@dataclass
class BudgetRow:
    code: str
    name: str
    kind: str
    budget: Decimal
    actual: Decimal
    org_name: str = ""

    @property
    def overspent(self) -> bool:
        return self.kind == chart.SPENDING and self.actual > self.budget

    @property
    def used(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.actual * 100 / self.budget).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def budget_report(*, org: Org, year: int) -> list[BudgetRow]:
    """Each budgeted account of the org's year, and what its own books show against it; two queries."""
    budgets = {b.account: b.amount for b in BudgetLine.objects.filter(org=org, year=year)}
    actual = {}
    for row in (Line.objects.filter(entry__org=org, entry__year=year, account__in=list(budgets))
                .values("account").order_by("account").annotate(d=Sum("debit"), c=Sum("credit"))):
        d, c = _cents(row["d"]), _cents(row["c"])
        actual[row["account"]] = d - c if chart.account(row["account"]).debit_normal else c - d
    return [BudgetRow(code, chart.account(code).name, chart.account(code).kind, amount, actual.get(code, ZERO))
            for code, amount in sorted(budgets.items())]


def budgets_overspent(*, org: Org, year: int) -> list[BudgetRow]:
    """Spending lines over budget in the org's subtree (each org's own books against its own budget); two
    queries whatever the number of orgs."""
    budgets = {(b.org_id, b.account): b.amount for b in BudgetLine.objects.filter(
        under(org), year=year, account__in=chart.codes_of(chart.SPENDING))}
    if not budgets:
        return []
    found = []
    for row in (Line.objects.filter(entry__org__in={o for o, _a in budgets}, entry__year=year,
                                    account__in={a for _o, a in budgets})
                .values("entry__org", "entry__org__name", "account").order_by("entry__org", "account").annotate(d=Sum("debit"), c=Sum("credit"))):
        budget = budgets.get((row["entry__org"], row["account"]))
        if budget is None:
            continue
        line = BudgetRow(row["account"], chart.account(row["account"]).name, chart.SPENDING, budget,
                         _cents(row["d"]) - _cents(row["c"]), org_name=row["entry__org__name"])
        if line.overspent:
            found.append(line)
    return found


# ── wages and dues ───────────────────────────────────────────────────────────

def wage_list(*, visible_to, org: Org | None = None) -> QuerySet[WageBase]:
    qs = in_reach(WageBase.objects.select_related("member", "org"), visible_to, action="funds.wage.set")
    return qs.filter(under(org)) if org is not None else qs


def wage_unmasked(*, visible_to, row: WageBase) -> Decimal:
    """A member's wage in the clear: the chair's only (the same people who may unmask an ID number)."""
    require(actor=visible_to, action="funds.budget.set", org=row.org)
    return Decimal(crypto.decrypt(row.wage_encrypted))


def dues_payment_list(*, visible_to, org: Org | None = None, month: dt.date | None = None) -> QuerySet[DuesPayment]:
    """Each member's dues, to those who collect them only: a month's dues are 0.5% of the wage base
    to the nearest 10 yuan, so the amount tells the wage. Readers of the books (the funds reviewer,
    the federation officer) see the totals (dues_figures), never a member's line."""
    qs = in_reach(DuesPayment.objects.select_related("member", "org"), visible_to, action="funds.dues.collect")
    if org is not None:
        qs = qs.filter(under(org))
    return qs.filter(month=month_start(month)) if month else qs


@dataclass
class Arrear:
    member_id: int
    name: str
    org_name: str
    dues: Decimal
    unpaid: list[dt.date]
    running: int

    @property
    def owed(self) -> Decimal:
        return self.dues * len(self.unpaid)

    @property
    def flagged(self) -> bool:
        """Six months unpaid in a row: treated as having left unless there is a reason (章程 Art 6)."""
        return self.running >= MONTHS_BEFORE_FLAG


def judged_on(start: dt.date, end: dt.date, *, today: dt.date | None = None) -> dt.date:
    """The day a period's arrears are judged on: today while the period runs, else its last day.

    "Six months unpaid" (章程 Art 6) is a fact about a date. A past year's page or summary states
    how things stood at the year's end, not how the same members look today (a year later
    nobody has paid for the new year's months yet, and everyone would seem behind)."""
    today = today or timezone.localdate()
    return today if start <= today <= end else end


def arrears_judged_on(*, rows: QuerySet[WageBase], today: dt.date | None = None) -> dt.date:
    """For a page with no period of its own (the 待办, the API without `as_of`): the latest year
    whose dues were collected, judged as `judged_on` says; today when nothing was ever collected."""
    today = today or timezone.localdate()
    latest = DuesPayment.objects.filter(member_id__in=rows.values("member_id")).aggregate(m=Max("month"))["m"]
    if latest is None or latest.year >= today.year:
        return today
    return judged_on(dt.date(latest.year, 1, 1), dt.date(latest.year, 12, 31), today=today)


def arrears(*, org: Org, as_of: dt.date, rows: QuerySet[WageBase] | None = None) -> list[Arrear]:
    """Members of the org's subtree with dues unpaid between January (or their wage base's start)
    and `as_of`'s month; two queries. The longest-running first."""
    last = month_start(as_of)
    first = dt.date(last.year, 1, 1)
    bases = list((rows if rows is not None else WageBase.objects.filter(under(org)))
                 .filter(member__status="active", since__lte=last, dues__gt=0).select_related("member", "org"))
    paid = defaultdict(set)
    for member_id, month in DuesPayment.objects.filter(
        member_id__in=[b.member_id for b in bases], month__gte=first, month__lte=last,
    ).values_list("member_id", "month"):
        paid[member_id].add(month)
    found = []
    for base in bases:
        due = months_between(max(first, base.since), last)
        unpaid = [m for m in due if m not in paid[base.member_id]]
        if unpaid:
            found.append(Arrear(base.member_id, base.member.name, base.org.name, base.dues, unpaid,
                                months_unpaid_running(due, paid[base.member_id])))
    return sorted(found, key=lambda a: (-a.running, -len(a.unpaid), a.name))


@dataclass
class DuesFigures:
    collected: Decimal
    payments: int          # member-months paid
    due: int               # member-months due
    members_paying: int
    in_arrears: int = 0
    flagged: int = 0

    @property
    def rate(self) -> Decimal | None:
        if not self.due:
            return None
        return (Decimal(self.payments) * 100 / self.due).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def dues_figures(*, org: Org, start: dt.date, end: dt.date) -> DuesFigures:
    """Dues collected in the period over the org's subtree, and the collection rate: member-months
    paid over member-months due (each wage base from its start); two queries.

    The second counts the wage bases by the month they start and, for a period within one year,
    by how many of the year's months due (to the day arrears are judged on) the member paid and
    whether they paid any of the latest six: a few dozen rows whatever the number of members,
    from which the months due, the members behind and those six months behind (章程 Art 6, as
    `arrears` finds them) follow."""
    paid = DuesPayment.objects.filter(under(org), month__gte=month_start(start), month__lte=end).aggregate(
        s=Sum("amount"), n=Count("id"), m=Count("member", distinct=True))
    bases = WageBase.objects.filter(under(org), since__lte=end, dues__gt=0, member__status="active").order_by()
    one_year = start.year == end.year
    last = month_start(judged_on(start, end))
    first = dt.date(last.year, 1, 1)
    if one_year:
        recent = months_between(first, last)[-MONTHS_BEFORE_FLAG:]
        member_paid = DuesPayment.objects.filter(member=OuterRef("member"), month__gte=first, month__lte=last)
        bases = bases.annotate(
            paid_in_year=Subquery(member_paid.filter(month__gte=OuterRef("since")).order_by().values("member")
                                  .annotate(n=Count("id")).values("n")[:1]),
            paid_lately=Exists(member_paid.filter(month__gte=recent[0])),
        ).values("since", "paid_in_year", "paid_lately")
    else:
        bases = bases.values("since")
    due = in_arrears = flagged = 0
    for row in bases.annotate(n=Count("id")):
        since, n = row["since"], row["n"]
        due += n * len(months_between(max(month_start(start), since), end))
        if one_year and since <= last:
            due_in_year = len(months_between(max(first, since), last))
            if (row["paid_in_year"] or 0) < due_in_year:
                in_arrears += n
                if due_in_year >= MONTHS_BEFORE_FLAG and not row["paid_lately"]:
                    flagged += n
    return DuesFigures(_cents(paid["s"]), paid["n"] or 0, due, paid["m"] or 0, in_arrears=in_arrears, flagged=flagged)


def dues_by_union(*, org: Org, start: dt.date, end: dt.date, union_of: dict[int, int]) -> dict[int, Decimal]:
    """{union id: dues collected in the period} for the unions under `org`; one query grouped by org."""
    totals: dict[int, Decimal] = {}
    for org_id, amount in (DuesPayment.objects.filter(under(org), month__gte=month_start(start), month__lte=end)
                           .order_by().values_list("org_id").annotate(s=Sum("amount"))):
        union_pk = union_of.get(org_id)
        if union_pk is not None:
            totals[union_pk] = totals.get(union_pk, ZERO) + _cents(amount)
    return totals


@dataclass
class FundsFigures:
    income: dict[str, Decimal] = field(default_factory=dict)
    spending: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total_income(self) -> Decimal:
        return sum(self.income.values(), ZERO)

    @property
    def total_spending(self) -> Decimal:
        return sum(self.spending.values(), ZERO)


def funds_figures(*, org: Org, start: dt.date, end: dt.date) -> FundsFigures:
    # only the statement's accounts: half of all lines are 银行存款, which it does not state
    totals = account_totals(org=org, start=start, end=end, kinds=(chart.INCOME, chart.SPENDING))
    return FundsFigures(
        income={c: v for c, v in totals.items() if chart.account(c).kind == chart.INCOME and v},
        spending={c: v for c, v in totals.items() if chart.account(c).kind == chart.SPENDING and v},
    )


def attention(*, visible_to) -> list[Attention]:
    """待办: members six months behind with their dues, in the unions whose dues the user collects."""
    rows = in_reach(WageBase.objects.all(), visible_to, action="funds.dues.collect")
    if not rows.exists():
        return []
    flagged = [a for a in arrears(org=None, as_of=arrears_judged_on(rows=rows), rows=rows) if a.flagged]
    return [Attention(_("members six months behind with their dues"), len(flagged), reverse("funds:arrears"))]


def review_findings(*, org: Org, year: int) -> str:
    """What the review committee finds in the org's books for the year, in the words it publishes."""
    from gonghui.core.formatting import format_yuan

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tb = trial_balance(org=org, year=year)
    funds = funds_figures(org=org, start=start, end=end)
    dues = dues_figures(org=org, start=start, end=end)
    parts = [
        _("The committee reviewed the books of %(org)s for %(year)s: %(n)s vouchers, and debits equal credits (%(total)s).")
        % {"org": org.name, "year": year, "n": tb.entries, "total": format_yuan(tb.total_debit)}
        if tb.balances else _("The committee reviewed the books of %(org)s for %(year)s: the trial balance does NOT balance.")
        % {"org": org.name, "year": year},
        _("Income %(income)s; spending %(spending)s.") % {"income": format_yuan(funds.total_income),
                                                           "spending": format_yuan(funds.total_spending)},
    ]
    if dues.payments:
        parts.append(_("Dues collected %(amount)s, a collection rate of %(rate)s%%.") % {
            "amount": format_yuan(dues.collected), "rate": dues.rate if dues.rate is not None else "—"})
    for row in budget_report(org=org, year=year):
        if row.kind == chart.SPENDING:
            parts.append(_("%(name)s: budget %(budget)s, spent %(actual)s%(over)s.") % {
                "name": row.name, "budget": format_yuan(row.budget), "actual": format_yuan(row.actual),
                "over": _(", over budget") if row.overspent else ""})
    return "\n".join(parts)


def review_get(*, org: Org, year: int):
    from .models import FundsReview

    return FundsReview.objects.filter(org=org, year=year).select_related("disclosure").first()
