"""The demo's books for BENBU: a year of fund income and spending against a budget (one line
overspent), and a year of dues from eighty members, four of whom stopped paying in the summer
so the arrears list and the six-month flag have something to show; the review committee's report
on the year, published to the 公开栏 by the demo's funds reviewer (login `reviewer`). XUEXIAO (学校
工会) keeps a smaller year of books and dues, three teachers behind since September."""

from __future__ import annotations



from gonghui.accounts.services import role_grant, user_create
from gonghui.core.roles import Role
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import scenario
from .services import funds_review_publish

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


SCHOOL = {
    "opening_balance": 68500,
    "income": {"拨缴经费收入": 96000, "行政补助收入": 20000},
    "spending": {"职工活动支出": 61000, "维权支出": 12000, "业务支出": 9000, "行政支出": 5800},
    "budget": {"职工活动支出": 70000, "维权支出": 15000, "业务支出": 10000, "行政支出": 6000, "拨缴经费收入": 96000},
    "wage": {"low": 5200, "high": 11800},
    "members_with_wage": 60,
    "arrears": 3,
    "arrears_from": 9,
}
REVIEW_OPINION = "经审查，本年度工会经费收支符合规定，账目清楚，预算执行基本到位；建议加强会费收缴，严格控制超预算支出。"


class _Ctx:
    def __init__(self, demo, union=None, actor=None, block=DEMO):
        self.union, self.year, self.rng = union or demo.union, demo.year, demo.rng
        self.date, self.date_in_year, self.shift = demo.date, demo.date_in_year, demo.shift   # the demo's calendar
        self.actor = actor or demo.chair
        self.members = list(Member.objects.filter(union=self.union, status="active").order_by("id")[:block["members_with_wage"]])


def load(demo) -> None:
    scenario.load({"funds": DEMO}, _Ctx(demo))
    school = Org.objects.filter(code="XUEXIAO").first()
    if school is not None:
        scenario.load({"funds": SCHOOL}, _Ctx(demo, union=school, actor=demo.admin, block=SCHOOL))
    # BENBU's funds review committee publishes its report on the year in the spring after it (or on
    # the demo's day, while that spring has not come).
    reviewer = user_create(actor=None, username="reviewer", password="gonghui-demo", display_name="陈经审")
    role_grant(actor=None, user=reviewer, org=demo.union, role=Role.FUNDS_REVIEWER)
    funds_review_publish(actor=reviewer, org=demo.union, year=demo.year, opinion=REVIEW_OPINION,
                         on=min(demo.date(3, 20, demo.year + 1), demo.as_of))
