"""Reads of care: files, visits, aid, talks and home visits in reach, the figures the summary states, and 待办.

Figure functions take an org (its whole subtree counts) and a date range and run a fixed
number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import crypto
from gonghui.core.scoping import get_in_reach_or_404, in_reach, under
from gonghui.core.selectors import Attention
from gonghui.orgs.models import Org

from .choices import AidStatus, CaseStatus, TalkKind
from .models import AidPayment, CareService, CareSettings, HardshipCase, Talk, Visit


def union_of(org: Org) -> Org:
    """The grassroots union an org belongs to (itself for a union or a federation); one query at most."""
    if org.kind in ("union", "federation"):
        return org
    ids = [int(p) for p in org.path.strip("/").split("/") if p]
    return Org.objects.filter(pk__in=ids, kind__in=("union", "federation")).order_by("-depth").first() or org


def settings_for(union: Org) -> CareSettings:
    """The union's care settings, or the defaults (unsaved) where it has set none."""
    return CareSettings.objects.filter(org=union).first() or CareSettings(org=union)


# ── files ────────────────────────────────────────────────────────────────────

def case_list(*, visible_to, org: Org | None = None, status: str | None = None, level: str | None = None) -> QuerySet[HardshipCase]:
    qs = in_reach(HardshipCase.objects.select_related("member", "org"), visible_to, action="care.case.view")
    if org is not None:
        qs = qs.filter(under(org))
    if status:
        qs = qs.filter(status=status)
    return qs.filter(level=level) if level else qs


def case_get(*, visible_to, pk: int) -> HardshipCase:
    qs = HardshipCase.objects.select_related("member", "org", "checked_by").prefetch_related("checks__checked_by")
    return get_in_reach_or_404(qs, visible_to, action="care.case.view", pk=pk)


@dataclass(frozen=True)
class HouseholdFigures:
    income: Decimal
    essential_spending: Decimal
    hardship_costs: Decimal


def household_figures(case: HardshipCase) -> HouseholdFigures:
    """The file's figures in the clear, for the file's own page (its viewers are the member's own cadres)."""
    return HouseholdFigures(Decimal(crypto.decrypt(case.income_encrypted)), Decimal(crypto.decrypt(case.essential_encrypted)),
                            Decimal(crypto.decrypt(case.costs_encrypted)))


def due_for_recheck(qs: QuerySet[HardshipCase], *, year: int) -> QuerySet[HardshipCase]:
    """Open files not re-checked in `year` (RULES.md §d: each file is re-checked yearly, unverified)."""
    return qs.filter(status=CaseStatus.OPEN, checked_on__lt=dt.date(year, 1, 1))


# ── visits and aid ───────────────────────────────────────────────────────────

def visit_list(*, visible_to, org: Org | None = None, year: int | None = None, occasion: str | None = None) -> QuerySet[Visit]:
    qs = in_reach(Visit.objects.select_related("org", "member"), visible_to, action="care.visit.view")
    if org is not None:
        qs = qs.filter(under(org))
    if year:
        qs = qs.filter(date__year=year)
    return qs.filter(occasion=occasion) if occasion else qs


def visit_get(*, visible_to, pk: int) -> Visit:
    return get_in_reach_or_404(Visit.objects.select_related("org", "member", "entry"), visible_to, action="care.visit.view", pk=pk)


def service_list(*, visible_to, org: Org | None = None, year: int | None = None, kind: str | None = None) -> QuerySet[CareService]:
    """Everyday care (病号饭, 休假…) the union arranged, newest first."""
    qs = in_reach(CareService.objects.select_related("org", "member"), visible_to, action="care.visit.view")
    if org is not None:
        qs = qs.filter(under(org))
    if year:
        qs = qs.filter(date__year=year)
    return qs.filter(kind=kind) if kind else qs


def aid_list(*, visible_to, org: Org | None = None, year: int | None = None, status: str | None = None) -> QuerySet[AidPayment]:
    qs = in_reach(AidPayment.objects.select_related("org", "member", "entry"), visible_to, action="care.aid.view")
    if org is not None:
        qs = qs.filter(under(org))
    if year:
        qs = qs.filter(date__year=year)
    return qs.filter(status=status) if status else qs


def aid_get(*, visible_to, pk: int) -> AidPayment:
    return get_in_reach_or_404(AidPayment.objects.select_related("org", "member", "entry", "case"), visible_to,
                               action="care.aid.view", pk=pk)


@dataclass
class CareFigures:
    visits_by_occasion: dict[str, int] = field(default_factory=dict)
    visit_cash_by_occasion: dict[str, Decimal] = field(default_factory=dict)
    households_visited: int = 0
    visit_cash: Decimal = Decimal(0)
    visit_goods: Decimal = Decimal(0)
    people_aided: int = 0
    aid_cash: Decimal = Decimal(0)
    aid_goods: Decimal = Decimal(0)
    aid_by_kind: dict[str, Decimal] = field(default_factory=dict)
    aid_refused: int = 0
    files_opened: int = 0
    files_closed: int = 0
    files_open: int = 0
    files_by_level: dict[str, int] = field(default_factory=dict)
    files_unchecked: int = 0


def _dec(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def care_figures(*, org: Org, start: dt.date, end: dt.date) -> CareFigures:
    """Everything the summary says of care for the org's subtree in [start, end]; five queries:
    visits by occasion and the households they reached, aid by status and kind and the people it
    reached (a distinct count no grouping gives), hardship files by level."""
    fig = CareFigures()
    visits = Visit.objects.filter(under(org), date__gte=start, date__lte=end)
    for occasion, n, cash, goods in (visits.values_list("occasion").annotate(n=Count("id"), c=Sum("cash"), g=Sum("goods_value"))
                                     .order_by("occasion")):
        fig.visits_by_occasion[occasion], fig.visit_cash_by_occasion[occasion] = n, _dec(cash)
        fig.visit_cash, fig.visit_goods = fig.visit_cash + _dec(cash), fig.visit_goods + _dec(goods)
    if fig.visits_by_occasion:
        v = visits.aggregate(h=Count("member", distinct=True), others=Count("id", filter=Q(member__isnull=True)))
        fig.households_visited = v["h"] + v["others"]
    aid = AidPayment.objects.filter(under(org), date__gte=start, date__lte=end, status__in=(AidStatus.PAID, AidStatus.REFUSED))
    for status, kind, n, cash, goods in (aid.values_list("status", "kind").annotate(n=Count("id"), c=Sum("amount"), g=Sum("goods_value"))
                                         .order_by("status", "kind")):
        if status == AidStatus.REFUSED:
            fig.aid_refused += n
            continue
        fig.aid_by_kind[kind] = _dec(cash) + _dec(goods)
        fig.aid_cash, fig.aid_goods = fig.aid_cash + _dec(cash), fig.aid_goods + _dec(goods)
    if fig.aid_by_kind:
        fig.people_aided = aid.filter(status=AidStatus.PAID).aggregate(p=Count("member", distinct=True))["p"]
    is_open = Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    for level, opened, closed, n_open, unchecked in (
            HardshipCase.objects.filter(under(org)).values_list("level").annotate(
                opened=Count("id", filter=Q(opened_on__gte=start, opened_on__lte=end)),
                closed=Count("id", filter=Q(closed_on__gte=start, closed_on__lte=end)),
                open=Count("id", filter=is_open),
                unchecked=Count("id", filter=Q(status=CaseStatus.OPEN, checked_on__lt=dt.date(end.year, 1, 1))))
            .order_by("level")):
        fig.files_opened, fig.files_closed = fig.files_opened + opened, fig.files_closed + closed
        fig.files_open, fig.files_unchecked = fig.files_open + n_open, fig.files_unchecked + unchecked
        if n_open:
            fig.files_by_level[level] = n_open
    return fig


def talk_list(*, visible_to, org: Org | None = None, kind: str | None = None, q: str = "") -> QuerySet[Talk]:
    """谈心家访 in reach of the union's own cadres (care.talk.view): never the federation's."""
    qs = in_reach(Talk.objects.select_related("member", "org", "recorded_by"), visible_to, action="care.talk.view")
    if org is not None:
        qs = qs.filter(under(org))
    if kind:
        qs = qs.filter(kind=kind)
    if q.strip():
        qs = qs.filter(Q(topic__contains=q.strip()) | Q(member__name__contains=q.strip()))
    return qs


def talk_figures(*, org: Org, start: dt.date, end: dt.date) -> dict[str, int]:
    """Talks and home visits in the org's subtree in [start, end]; one query, counts only."""
    row = Talk.objects.filter(under(org), date__gte=start, date__lte=end).aggregate(
        talks=Count("id", filter=Q(kind=TalkKind.TALK)), visits=Count("id", filter=Q(kind=TalkKind.HOME_VISIT)))
    return {"talks": row["talks"], "visits": row["visits"]}


def visit_cash_by_occasion(*, org: Org, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """{occasion: cash given on its visits} for the org's subtree in [start, end]; one query."""
    visits = Visit.objects.filter(under(org), date__gte=start, date__lte=end)
    return {o: _dec(c) for o, c in visits.values("occasion").order_by("occasion").annotate(c=Sum("cash"))
            .values_list("occasion", "c")}


def service_people_by_kind(*, org: Org, start: dt.date, end: dt.date) -> dict[str, int]:
    """{kind of everyday care: person-times} for the org's subtree in [start, end]; one query."""
    from .models import CareService

    return dict(CareService.objects.filter(under(org), date__gte=start, date__lte=end).values("kind").order_by("kind")
                .annotate(n=Sum("people")).values_list("kind", "n"))


def attention(*, visible_to) -> list[Attention]:
    """待办: open hardship files not yet re-checked this year."""
    qs = in_reach(HardshipCase.objects.all(), visible_to, action="care.case.manage")
    due = due_for_recheck(qs, year=timezone.localdate().year).count()
    return [Attention(_("hardship files due for their yearly re-check"), due, reverse("care:cases") + "?due=1")]
