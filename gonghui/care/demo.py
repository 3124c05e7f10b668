"""The demo's care year for BENBU: six hardship files (one carried over and due for its re-check,
one closed), festival and hospital visits, aid of every kind, one aid refused above the limit, and the
chair's year of talks and home visits (谈心家访: the seed summaries speak of cadres who talk with workers
whose thinking is unsettled and visit those ill or in hardship at home; the texts are the demo's own)."""

from __future__ import annotations

import datetime as dt
import random

from gonghui.members.choices import MemberStatus
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import scenario
from .choices import TalkKind
from .services import talk_record

DEMO = {
    "low_income_line": 800, "aid_limit": 5000, "hardship_files": 6, "closed_files": 1,
    "visits": {"春节": 12, "三八": 4, "端午": 6, "中秋": 8, "住院": 5, "婚育": 3, "丧事": 2, "离退休": 3},
    "visit_cash": 500, "visit_goods": "米、面、油", "visit_goods_value": 200,
    "aid": {"relief": 3, "subsidy": 4, "education": 2, "condolence": 2, "goods": 3},
    "aid_refused": 1,
}


# XUEXIAO (学校工会, a school): a smaller union whose biggest round is 教师节; one of its three
# files is carried over from the year before and due for its re-check.
SCHOOL = {
    "low_income_line": 820, "aid_limit": 4000, "hardship_files": 3, "closed_files": 0,
    "visits": {"春节": 6, "三八": 5, "教师节": 18, "中秋": 6, "住院": 3, "离退休": 2},
    "visit_cash": 300, "visit_goods": "月饼、水果", "visit_goods_value": 150,
    "aid": {"relief": 1, "subsidy": 2, "education": 1, "condolence": 1},
}


class _Ctx:
    def __init__(self, demo, union=None, actor=None):
        self.union, self.year, self.rng = union or demo.union, demo.year, demo.rng
        self.date, self.shift = demo.date, demo.shift   # the demo's calendar (core.demo)
        self.actor = actor or demo.chair
        self.members = list(Member.objects.filter(union=self.union, status="active").order_by("id")[:200])


# (kind, topic, outcome, follow-up)
TALKS = [
    (TalkKind.TALK, "岗位调整后思想有波动", "讲清了调整原因和培训安排，本人表示愿意在新岗位干好。", "一个月后再回访一次。"),
    (TalkKind.TALK, "新入职职工谈心", "介绍了工会组织和劳动保护小组，帮助尽快熟悉班组。", ""),
    (TalkKind.TALK, "对绩效分配有意见", "解释了分配办法，意见已转作业区研究。", "作业区在季度讲评会上答复。"),
    (TalkKind.TALK, "家庭矛盾影响工作情绪", "耐心疏导，建议与家属一同沟通。", "请班组长多加关心。"),
    (TalkKind.HOME_VISIT, "生病住院探望", "送去慰问金和慰问品，转达了组织的关心。", "出院后了解康复和返岗安排。"),
    (TalkKind.HOME_VISIT, "困难职工家访", "了解了家庭收入和子女上学情况。", "列入困难职工帮扶名单公示。"),
    (TalkKind.HOME_VISIT, "工伤职工家访", "了解工伤认定和待遇落实情况。", "协助办理工伤保险待遇申领。"),
    (TalkKind.HOME_VISIT, "子女考学困难", "介绍了金秋助学政策。", "开学前办理助学申请。"),
]


def load(demo) -> None:
    scenario.load({"care": DEMO}, _Ctx(demo))
    school = Org.objects.filter(code="XUEXIAO").first()
    if school is not None:  # set up by the demo's administrator: the school has no chair login
        scenario.load({"care": SCHOOL}, _Ctx(demo, union=school, actor=demo.admin))
    talks_load(demo.union, demo.chair, demo.year, shift=demo.shift)


def talks_load(union, actor, year: int, count: int = 24, shift: dt.timedelta = dt.timedelta(0)) -> None:
    rng = random.Random(year)
    people = list(Member.objects.filter(union=union, status=MemberStatus.ACTIVE).order_by("id")[:400])
    for n in range(count):
        kind, topic, outcome, follow_up = TALKS[n % len(TALKS)]
        date = dt.date(year, 1 + n * 12 // count, rng.randint(3, 27)) + shift
        talk_record(actor=actor, member=rng.choice(people), kind=kind, date=date, topic=topic, outcome=outcome, follow_up=follow_up)
