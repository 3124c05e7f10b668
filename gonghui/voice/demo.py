"""The demo's talks and home visits (谈心家访): a year of the chair's visits to BENBU's workers.

`load(union_org, actor, year)` is called by `gonghui demo-data`. The seed summaries speak
of cadres who talk with workers whose thinking is unsettled and visit those who are ill
or in hardship at home; these records give the talks page and the summary's sentence on
them something to show. The texts are the demo's own.
"""

from __future__ import annotations

import datetime as dt
import random

from gonghui.members.choices import MemberStatus
from gonghui.members.models import Member

from .choices import TalkKind
from .services import talk_record

# (kind, topic, outcome, follow-up)
VISITS = [
    (TalkKind.TALK, "岗位调整后思想有波动", "讲清了调整原因和培训安排，本人表示愿意在新岗位干好。", "一个月后再回访一次。"),
    (TalkKind.TALK, "新入职职工谈心", "介绍了工会组织和劳动保护小组，帮助尽快熟悉班组。", ""),
    (TalkKind.TALK, "对绩效分配有意见", "解释了分配办法，意见已转作业区研究。", "作业区在季度讲评会上答复。"),
    (TalkKind.TALK, "家庭矛盾影响工作情绪", "耐心疏导，建议与家属一同沟通。", "请班组长多加关心。"),
    (TalkKind.HOME_VISIT, "生病住院探望", "送去慰问金和慰问品，转达了组织的关心。", "出院后了解康复和返岗安排。"),
    (TalkKind.HOME_VISIT, "困难职工家访", "了解了家庭收入和子女上学情况。", "列入困难职工帮扶名单公示。"),
    (TalkKind.HOME_VISIT, "工伤职工家访", "了解工伤认定和待遇落实情况。", "协助办理工伤保险待遇申领。"),
    (TalkKind.HOME_VISIT, "子女考学困难", "介绍了金秋助学政策。", "开学前办理助学申请。"),
]


def load(ctx) -> None:
    """BENBU's talks for the demo (AppConfig.demo)."""
    talks_load(ctx.union, ctx.chair, ctx.year)


def talks_load(union, actor, year: int, count: int = 24) -> None:
    rng = random.Random(year)
    people = list(Member.objects.filter(union=union, status=MemberStatus.ACTIVE).order_by("id")[:400])
    for n in range(count):
        kind, topic, outcome, follow_up = VISITS[n % len(VISITS)]
        month = 1 + n * 12 // count
        date = dt.date(year, month, rng.randint(3, 27))
        talk_record(actor=actor, member=rng.choice(people), kind=kind, date=date, topic=topic, outcome=outcome, follow_up=follow_up)
