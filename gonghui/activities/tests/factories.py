"""Records of the activities app for tests, made through the services as a user would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gonghui.activities import services
from gonghui.portal.tests.personas import make_member

TODAY = dt.date(2025, 5, 6)


def event(org, *, actor=None, capacity=0, starts_on=dt.date(2025, 5, 20), **extra):
    return services.event_create(actor=actor, org=org, title=extra.pop("title", "迎春杯乒乓球赛"),
                                 kind=extra.pop("kind", "culture_sports"), starts_on=starts_on, place="职工之家",
                                 capacity=capacity, **extra)


def member(org, name: str, **extra):
    return make_member(org, name, **extra)


def honours_public(org, members, *, actor=None, year=2025, title="2025年度最佳实践者"):
    rows = services.honours_nominate(actor=actor, org=org, year=year, kind="best_practitioner", title=title,
                                     members=members)
    services.honours_publicise(actor=actor, honours=rows, notice_from=dt.date(year, 12, 1), notice_until=dt.date(year, 12, 8))
    return rows


def innovation(org, *, actor=None, **extra):
    return services.innovation_record(actor=actor, org=org, year=2025, kind=extra.pop("kind", "invention"),
                                      title=extra.pop("title", "循环扫描式火灾防盗预警系统"), team="电气作业区创新小组",
                                      cost_yuan=Decimal("600"), **extra)


def competition(org, *, actor=None, entrants=("炼钢作业区", "轧钢作业区", "动力作业区")):
    return services.competition_create(
        actor=actor, org=org, title="百日竞赛", kind="labour", starts_on=dt.date(2025, 6, 1), ends_on=dt.date(2025, 9, 8),
        indicators=[{"name": "产量", "unit": "吨", "weight": 60}, {"name": "吨钢能耗", "unit": "千克标煤", "weight": 40,
                                                                 "higher_is_better": False}],
        entrants=list(entrants),
    )


def course(org, *, actor=None, planned_on=dt.date(2025, 4, 10), **extra):
    return services.course_plan(actor=actor, org=org, title=extra.pop("title", "安全代表培训班"),
                                audience=extra.pop("audience", "safety_reps"), planned_on=planned_on, hours=Decimal(8),
                                has_test=True, **extra)
