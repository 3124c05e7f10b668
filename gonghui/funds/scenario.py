"""The scenario's dues and funds, created through the services.

Reads the optional `funds` block; every key is documented here and an unknown key is an error:

    funds:
      wage: {low: 3200, high: 9800}      # monthly wage bases drawn for up to `members_with_wage` members
      members_with_wage: 60              # how many members get a wage base (default 60)
      arrears: 4                         # members who stop paying after `arrears_from` (default 0)
      arrears_from: 6                    # the month from which they stop (default 6)
      opening_balance: 300000            # 银行存款 against 工会资金 on 1 January
      income: {拨缴经费收入: 420000, 上级补助收入: 60000}     # received during the year, by account name
      spending: {职工活动支出: 180000, 行政支出: 30000}         # paid during the year, by account name
      budget: {职工活动支出: 200000, 行政支出: 25000}           # the year's budget by account name
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import chart
from .services import LineSpec, budget_set, dues_collect, entry_post, wage_set
from .choices import EntrySource

ORDER = 45
KEYS = {"wage", "members_with_wage", "arrears", "arrears_from", "opening_balance", "income", "spending", "budget"}
BY_NAME = {a.name: a.code for a in chart.CHART}


class ScenarioKeyError(ValueError):
    pass


def _code(name: str) -> str:
    code = BY_NAME.get(name) or (name if name in chart.BY_CODE else None)
    if code is None:
        raise ScenarioKeyError(f"unknown account in scenario: {name!r}")
    return code


def load(spec: dict, ctx) -> None:
    block = spec.get("funds")
    if not block or ctx.union is None:
        return
    unknown = set(block) - KEYS
    if unknown:
        raise ScenarioKeyError(f"unknown keys under funds: {sorted(unknown)}")
    org, year, actor = ctx.union, ctx.year, ctx.actor
    if block.get("opening_balance"):
        amount = Decimal(str(block["opening_balance"]))
        # the year's books open on 1 January whatever day the demo is told as of (ctx.shift)
        entry_post(actor=actor, org=org, date=dt.date(year, 1, 1), memo="上年结转", source=EntrySource.OPENING,
                   lines=[LineSpec(chart.BANK, debit=amount), LineSpec(chart.UNION_FUNDS, credit=amount)],
                   idempotency_key=f"scenario:opening:{year}")
    for name, amount in (block.get("budget") or {}).items():
        budget_set(actor=actor, org=org, year=year, account=_code(name), amount=Decimal(str(amount)))
    for side, rows in (("income", block.get("income") or {}), ("spending", block.get("spending") or {})):
        for name, amount in rows.items():
            _spread(ctx, side, _code(name), Decimal(str(amount)))
    _dues(block, ctx)


def _spread(ctx, side: str, code: str, amount: Decimal) -> None:
    """The year's amount as four quarterly entries (the last takes the rounding)."""
    quarter = (amount / 4).quantize(Decimal("0.01"))
    for q in range(4):
        part = quarter if q < 3 else amount - 3 * quarter
        lines = ([LineSpec(chart.BANK, debit=part), LineSpec(code, credit=part)] if side == "income"
                 else [LineSpec(code, debit=part), LineSpec(chart.BANK, credit=part)])
        entry_post(actor=ctx.actor, org=ctx.union, date=ctx.date_in_year(3 * q + 3, ctx.rng.randint(5, 25)),
                   memo=f"{ctx.year}年第{q + 1}季度{chart.account(code).name}", lines=lines,
                   idempotency_key=f"scenario:{code}:{ctx.year}:{q}")


def _dues(block: dict, ctx) -> None:
    wage = block.get("wage") or {"low": 3200, "high": 9800}
    people = ctx.members[: int(block.get("members_with_wage", 60))]
    if not people:
        return
    start = dt.date(ctx.year, 1, 1)
    for member in people:
        wage_set(actor=ctx.actor, member=member, since=start,
                 wage=Decimal(ctx.rng.randint(int(wage["low"]), int(wage["high"]))) + Decimal(ctx.rng.randint(0, 99)) / 100)
    behind = people[: int(block.get("arrears", 0))]
    stop = int(block.get("arrears_from", 6))
    last_day = ctx.date(12, 31)   # the demo's day: a month that has not begun by then is not collected yet
    for month in range(1, 13):
        if dt.date(ctx.year, month, 1) > last_day:
            break
        payers = [m for m in people if month < stop or m not in behind]
        dues_collect(actor=ctx.actor, org=ctx.union, month=dt.date(ctx.year, month, 1), members=payers,
                     date=max(ctx.date_in_year(month, 15), dt.date(ctx.year, month, 1)))
