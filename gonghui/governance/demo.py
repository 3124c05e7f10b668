"""The demo's public-notice board (厂务公开): what BENBU disclosed over the scenario year.

`load(ctx)` is called by `gonghui demo-data`, after the demo logins exist: one disclosure
carries an objection from the demo member and the chair's answer, so both sides of a public
notice can be seen. The last notice, the year's 先进个人 results, went up a few days before the
demo's day and is still inside its 公示 period on it, whatever day the demo is loaded.
The texts are the demo's own; the kinds of matter are those the seed summaries say a union discloses.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .choices import DisclosureCategory
from .models import Objection
from .services import disclosure_create, disclosure_publish, objection_answer, objection_raise

# (category, title, body, published (month, day) or None for "a few days before the demo's day", notice days or None)
DISCLOSURES = [
    (DisclosureCategory.LISTS, "{year}年困难职工帮扶名单公示",
     "经各作业区推荐、工会委员会审核，拟将以下职工列入{year}年困难职工帮扶名单（名单附后）。"
     "对名单有不同意见的，请在公示期内向工会办公室反映。",
     (1, 13), 5),
    (DisclosureCategory.DECISIONS, "首届职工代表大会审议事项",
     "首届职工代表大会审议通过了《职工代表大会工作条例》《厂务公开实施办法》《集体合同》《职工代表提案工作办法》，"
     "现将全文在公开栏公布，请全体职工监督执行。",
     (4, 25), None),
    (DisclosureCategory.FINANCE, "{year}年上半年工会经费收支情况",
     "上半年工会经费收入按规定足额拨缴，支出主要用于职工教育、文体活动、困难帮扶和劳动竞赛奖励，"
     "收支明细经经费审查委员会审查，现予公开。",
     (7, 10), None),
    (DisclosureCategory.APPRAISAL, "{year}年度先进个人评选结果公示",
     "经班组推荐、作业区初审、工会委员会评议，拟评选以下同志为{year}年度先进个人（名单附后）。公示期五个工作日。",
     None, 5),
]

OBJECTION = "名单中炼钢作业区的推荐人选本年度有一次违章记录，请核实是否符合评选条件。"
ANSWER = "经核实，该记录已按规定整改销号，不影响评选资格。感谢您的监督。"
DRAFT = ("{next}年职工代表大会筹备方案（草案）", "草案经工会委员会讨论后公开，征求职工代表意见。")


def _working_days_after(day: dt.date, n: int) -> dt.date:
    while n:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day


def load(ctx) -> None:
    """BENBU's year of governance for the demo (AppConfig.demo)."""
    board_load(ctx.union, ctx.chair, ctx.member_user, ctx.year, as_of=ctx.as_of, shift=ctx.shift)


def _working_day_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def board_load(union, actor, member_user, year: int, *, as_of: dt.date | None = None,
               shift: dt.timedelta = dt.timedelta(0)) -> None:
    as_of = as_of or dt.date(year, 12, 31) + shift
    for category, title, body, when, notice_days in DISCLOSURES:
        # the live notice: put up on the last working day at least three days back, so its five
        # working days of 公示 run past the demo's day
        published = dt.date(year, *when) + shift if when else _working_day_before(as_of - dt.timedelta(days=3))
        disclosure = disclosure_create(
            actor=actor, org=union, category=category, title=title.format(year=year), body=body.format(year=year),
            notice_until=_working_days_after(published, notice_days) if notice_days else None,
        )
        disclosure_publish(actor=actor, disclosure=disclosure, on=published)
        if category == DisclosureCategory.APPRAISAL:
            raised = published + dt.timedelta(days=1)
            objection = objection_raise(author=member_user, disclosure=disclosure, text=OBJECTION, today=raised)
            objection_answer(actor=actor, objection=objection, answer=ANSWER)
            # Demo only: show the objection on the day it was raised in the notice period, not the day the demo loaded.
            Objection.objects.filter(pk=objection.pk).update(
                created_at=timezone.make_aware(dt.datetime.combine(raised, dt.time(10, 0))))
    title, body = DRAFT
    disclosure_create(actor=actor, org=union, category=DisclosureCategory.DECISIONS, title=title.format(next=year + 1), body=body)
