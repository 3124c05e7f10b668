"""Dues and the union's funds in the work summary (section 50, after care).

The sentences are small functions over the selectors' plain figures, so each can be
tested on hand-made numbers; `sections` only fetches and arranges. Shortcomings are
read off the records: dues in arrears, members six months behind, budget lines overspent.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.formatting import format_count, format_money
from gonghui.core.summary import Figure, Period, Section, headline_sections

from . import chart
from .selectors import (
    BudgetRow, DuesFigures, FundsFigures, budgets_overspent, dues_by_union, dues_figures, funds_figures, review_get,
)

ORDER = 50

NAMED_LIMIT = 5   # up to this many overspent budget lines are each named with their union; more are added up


def dues_sentence(fig: DuesFigures) -> str:
    """全年收缴会费28,350元，收缴率95.00%。"""
    if fig.rate is None:
        return _("Dues collected: %(amount)s.") % {"amount": format_money(fig.collected)}
    return _("Dues collected: %(amount)s from %(n)s members, a collection rate of %(rate)s%%.") % {
        "amount": format_money(fig.collected), "n": format_count(fig.members_paying), "rate": fig.rate}


def spending_sentence(fig: FundsFigures) -> str:
    """经费收入…，支出…，其中职工活动支出…、维权支出…。"""
    scale = _scale(fig)
    parts = pgettext("list separator", ", ").join(
        f"{chart.account(code).name}{format_money(amount, scale_of=scale)}" for code, amount in sorted(fig.spending.items()))
    if fig.total_income:
        sentence = _("The union's funds took in %(income)s and spent %(spending)s") % {
            "income": format_money(fig.total_income, scale_of=scale), "spending": format_money(fig.total_spending, scale_of=scale)}
    else:  # no income booked in the period (the books kept for spending only): not written up as "收入0元"
        sentence = _("The union's funds spent %(spending)s") % {"spending": format_money(fig.total_spending, scale_of=scale)}
    if parts:
        sentence += _(", of which %(parts)s") % {"parts": parts}
    return sentence + pgettext("sentence end", ".")


def _scale(fig: FundsFigures):
    """The amount that sets the unit of the books' sentence: its largest."""
    return max(fig.total_income, fig.total_spending)


def overspent_sentence(row: BudgetRow, *, own_name: str = "") -> str:
    """职工活动支出超出预算24万元共19,000元 (naming the union when a federation's summary says it)."""
    sentence = _("%(name)s went over its budget of %(budget)s by %(over)s.") % {
        "name": row.name, "budget": format_money(row.budget), "over": format_money(row.actual - row.budget)}
    if row.org_name and own_name and row.org_name != own_name:
        return _("%(org)s: %(sentence)s") % {"org": row.org_name, "sentence": sentence}
    return sentence


def _heading() -> str:
    return _("Dues and union funds")


def _dues_figure(amount) -> Figure:
    return Figure("funds.dues.collected", _("dues collected"), amount, format_money(amount), source="/funds/dues/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """The dues each union collected in the period, for the federation's per-union lines; one query."""
    return headline_sections(dues_by_union(org=org, start=period.start, end=period.end, union_of=union_of),
                             key="funds", order=ORDER, heading=_heading(), figure=_dues_figure)


def sections(*, org, period: Period) -> list[Section]:
    dues = dues_figures(org=org, start=period.start, end=period.end)
    funds = funds_figures(org=org, start=period.start, end=period.end)
    if not dues.payments and not funds.income and not funds.spending:
        return []
    section = Section(key="funds", order=ORDER, heading=_heading())
    if dues.payments:
        section.paragraphs.append(dues_sentence(dues))
        section.figures.append(Figure("funds.dues.collected", _("dues collected"), dues.collected, format_money(dues.collected),
                                      source="/funds/dues/"))
        if dues.rate is not None:
            section.figures.append(Figure("funds.dues.rate", _("collection rate"), dues.rate, f"{dues.rate}%"))
            section.figures.append(Figure("funds.dues.members", _("members paying dues"), dues.members_paying,
                                          format_count(dues.members_paying), source="/funds/dues/"))
    if funds.income or funds.spending:
        section.paragraphs.append(spending_sentence(funds))
        section.figures.append(Figure("funds.spending", _("spending"), funds.total_spending, format_money(funds.total_spending, scale_of=_scale(funds)),
                                      source="/funds/ledger/"))
        for code, amount in sorted(funds.spending.items()):
            section.figures.append(Figure(f"funds.spending.{code}", chart.account(code).name, amount,
                                          format_money(amount, scale_of=_scale(funds))))
        if funds.total_income:
            section.figures.append(Figure("funds.income", _("income"), funds.total_income, format_money(funds.total_income, scale_of=_scale(funds)),
                                          source="/funds/ledger/"))
    if period.start.year == period.end.year and review_get(org=org, year=period.start.year) is not None:
        section.paragraphs.append(_("The funds review committee reviewed the year's books and published its report "
                                    "on the notice board."))
    if dues.in_arrears:
        section.shortcomings.append(_("%(n)s members are behind with their dues, %(flagged)s of them six months or more.") % {
            "n": format_count(dues.in_arrears), "flagged": format_count(dues.flagged)})
        section.figures += [
            Figure("funds.dues.in_arrears", _("members behind with their dues"), dues.in_arrears, format_count(dues.in_arrears),
                   source="/funds/dues/arrears/"),
            Figure("funds.dues.flagged", _("members six months behind with their dues"), dues.flagged,
                   format_count(dues.flagged), source="/funds/dues/arrears/")]
    if period.start.year == period.end.year:
        overspent = budgets_overspent(org=org, year=period.start.year)
        if len(overspent) <= NAMED_LIMIT:
            for row in overspent:
                section.shortcomings.append(overspent_sentence(row, own_name=org.name))
                section.figures.append(Figure(f"funds.overspent.{row.org_name}.{row.code}", _("over budget: %(name)s") % {"name": row.name},
                                              row.actual - row.budget, format_money(row.actual - row.budget), source="/funds/budget/"))
        else:   # a federation's hundreds of unions: one sentence per budget line, the unions counted
            _overspent_added_up(section, overspent)
    return [section]


def _overspent_added_up(section: Section, rows: list[BudgetRow]) -> None:
    """有449个单位职工活动支出超出预算，共超支…元: past NAMED_LIMIT overspent lines, one per account."""
    by_code: dict[str, list[BudgetRow]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    for code, same in sorted(by_code.items()):
        over = sum((r.actual - r.budget for r in same), Decimal(0))
        name = same[0].name
        section.shortcomings.append(_("%(n)s units went over their budget for %(name)s, by %(over)s in all.") % {
            "n": format_count(len(same)), "name": name, "over": format_money(over)})
        section.figures += [
            Figure(f"funds.overspent.{code}.units", _("units over budget: %(name)s") % {"name": name}, len(same),
                   format_count(len(same)), source="/funds/budget/"),
            Figure(f"funds.overspent.{code}", _("over budget: %(name)s") % {"name": name}, over, format_money(over),
                   source="/funds/budget/"),
        ]
