"""The demo's books for BENBU: a year of fund income and spending against a budget (one line
overspent), and a year of dues from eighty members, four of whom stopped paying in the summer
so the arrears list and the six-month flag have something to show."""

from __future__ import annotations

from gonghui.members.models import Member

from . import scenario

DEMO = {
    "opening_balance": 286400,
    "income": {"拨缴经费收入": 412800, "上级补助收入": 50000, "行政补助收入": 80000, "其他收入": 3600},
    "spending": {"职工活动支出": 236500, "维权支出": 64000, "业务支出": 42000, "行政支出": 31800, "资本性支出": 18000},
    "budget": {"职工活动支出": 240000, "维权支出": 90000, "业务支出": 45000, "行政支出": 32000, "资本性支出": 20000,
               "会费收入": 30000, "拨缴经费收入": 400000},
    "members_with_wage": 80,
    "arrears": 4,
    "arrears_from": 6,
}


class _Ctx:
    def __init__(self, demo):
        self.union, self.year, self.actor, self.rng = demo.union, demo.year, demo.chair, demo.rng
        self.members = list(Member.objects.filter(union=demo.union, status="active").order_by("id")[:DEMO["members_with_wage"]])


def load(demo) -> None:
    scenario.load({"funds": DEMO}, _Ctx(demo))
