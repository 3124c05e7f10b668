"""The demo's care year for BENBU: six hardship files (one carried over and due for its re-check,
one closed), festival and hospital visits, aid of every kind, and one aid refused above the limit."""

from __future__ import annotations

from gonghui.members.models import Member

from . import scenario

DEMO = {
    "low_income_line": 800, "aid_limit": 5000, "hardship_files": 6, "closed_files": 1,
    "visits": {"春节": 12, "三八": 4, "端午": 6, "中秋": 8, "住院": 5, "婚育": 3, "丧事": 2, "离退休": 3},
    "visit_cash": 500, "visit_goods": "米、面、油", "visit_goods_value": 200,
    "aid": {"relief": 3, "subsidy": 4, "education": 2, "condolence": 2, "goods": 3},
    "aid_refused": 1,
}


class _Ctx:
    def __init__(self, demo):
        self.union, self.year, self.actor, self.rng = demo.union, demo.year, demo.chair, demo.rng
        self.members = list(Member.objects.filter(union=demo.union, status="active").order_by("id")[:200])


def load(demo) -> None:
    scenario.load({"care": DEMO}, _Ctx(demo))
