"""The union accounting chart (工会会计科目), as plain data: no Django, no database.

The income and spending lines are those of RULES.md §e (the 2009 工会会计制度 chart;
the 2021 changes are unverified there, so the chart keeps the 2009 names). Asset and
net-asset lines are the few a grassroots union's books need to balance them:
money in the bank or the cash box, and the union's own funds (工会资金) that an
opening balance is posted against.

Codes are ours, grouped by kind (1 assets, 2 liabilities, 3 net assets, 4 income,
5 spending), so a trial balance sorted by code reads the way a 科目余额表 does.
"""

from __future__ import annotations

from dataclasses import dataclass

ASSET, LIABILITY, NET_ASSETS, INCOME, SPENDING = "asset", "liability", "net_assets", "income", "spending"
# Assets and spending grow on the debit side; the rest on the credit side.
DEBIT_NORMAL = frozenset({ASSET, SPENDING})


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    kind: str

    @property
    def debit_normal(self) -> bool:
        return self.kind in DEBIT_NORMAL


CHART: tuple[Account, ...] = (
    Account("101", "库存现金", ASSET),
    Account("102", "银行存款", ASSET),
    Account("121", "应收上级经费", ASSET),
    Account("201", "应付款项", LIABILITY),
    Account("301", "工会资金", NET_ASSETS),
    Account("401", "会费收入", INCOME),
    Account("402", "拨缴经费收入", INCOME),
    Account("403", "上级补助收入", INCOME),
    Account("404", "政府补助收入", INCOME),
    Account("405", "行政补助收入", INCOME),
    Account("406", "事业收入", INCOME),
    Account("407", "投资收益", INCOME),
    Account("408", "其他收入", INCOME),
    Account("501", "职工活动支出", SPENDING),
    Account("502", "维权支出", SPENDING),
    Account("503", "业务支出", SPENDING),
    Account("504", "行政支出", SPENDING),
    Account("505", "资本性支出", SPENDING),
    Account("506", "补助下级支出", SPENDING),
    Account("507", "事业支出", SPENDING),
    Account("508", "其他支出", SPENDING),
)
BY_CODE: dict[str, Account] = {a.code: a for a in CHART}

CASH, BANK, UNION_FUNDS = "101", "102", "301"
DUES_INCOME = "401"
ACTIVITIES, RIGHTS = "501", "502"  # 职工活动支出 (festival visits), 维权支出 (hardship aid)


def account(code: str) -> Account:
    """The chart's line for a code; KeyError for a code not on the chart."""
    return BY_CODE[code]


def codes_of(kind: str) -> list[str]:
    return [a.code for a in CHART if a.kind == kind]


def choices() -> list[tuple[str, str]]:
    return [(a.code, f"{a.code} {a.name}") for a in CHART]
