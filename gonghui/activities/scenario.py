"""The scenario's activities, created through the services as the union's cadres would.

Reads, all optional (any other key inside these blocks is an error, so a typo never
silently drops a figure):

    honours:                        # awarded in December after a week's public notice (公示)
      best_practitioners: 220       # 最佳实践者 on the 明星榜, members of the union
      list: [{title, kind?, level?, awarding_body?, people?: N, units?: [..]}]
    innovations:                    # 五小 results; a patent kind files (and grants) a patent too
      - {title, kind: 小发明|小创造|小革新|小设计|小建议|发明专利|实用新型专利|外观设计专利,
         cost_yuan?, savings_yuan?, team?, granted?: true, grant_yuan?,
         awards?: [{kind: 鉴定|奖励|资助 (appraisal|award|grant), name, body?, month?, amount_yuan?}]}
    events:
      - {title, kind?: 文体|旅游|联谊|演讲|比赛|体检|其他, month, participants, cost_yuan?,
         prizes?: [{prize, team?, headcount?}]}
    competitions:
      - {title, kind?: labour|skills|teaching, from_month, to_month, entrants: [..],
         indicators: [{name, unit?, weight?, lower?}], winners?: {entrant: title}}
    mentorships: {pairs: 11, checked?: true}
    training:
      - {title, audience?: cadres|safety_reps|workers, month, trainees, passed?, held?: false}
        # held: false — planned for that month and never held (the summary names it as a shortcoming)
    facilities:                     # the union's own rooms, booked by members over the period
      - {name, kind?: 活动室|图书室|职工书屋|健身房|球场|其他, place?, opens?: "08:00", closes?: "21:00",
         days?: "12345" (Monday = 1), capacity?, holds?: ["图书 3200册", "乒乓球台 4张"],
         bookings?: 120, people?: 360}   # people: the bookings' headcount summed (人次), at least one each

`level` is a HonourLevel value or 工会/公司/市/省/全国; `kind` of an honour a HonourKind value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gonghui.core.demo import years_later

from .choices import (
    FACILITY_KIND_BY_CHINESE, EVENT_KIND_BY_CHINESE, INNOVATION_KIND_BY_CHINESE, LEVEL_BY_CHINESE, PATENT_KIND_BY_CHINESE, EventKind, HonourKind,
    HonourLevel, InnovationKind, InnovationStatus,
)
from . import services

ORDER = 60

KEYS = {
    "honours": {"best_practitioners", "list"},
    "honours.list": {"title", "kind", "level", "awarding_body", "people", "units"},
    "innovations": {"title", "kind", "cost_yuan", "savings_yuan", "team", "granted", "grant_yuan", "awards"},
    "innovations.awards": {"kind", "name", "body", "month", "amount_yuan"},
    "events": {"title", "kind", "month", "participants", "cost_yuan", "prizes"},
    "events.prizes": {"prize", "team", "headcount"},
    "competitions": {"title", "kind", "from_month", "to_month", "entrants", "indicators", "winners"},
    "competitions.indicators": {"name", "unit", "weight", "lower"},
    "mentorships": {"pairs", "checked"},
    "training": {"title", "audience", "month", "trainees", "passed", "held"},
    "facilities": {"name", "kind", "place", "opens", "closes", "days", "capacity", "holds", "bookings", "people"},
}


def _check(block: str, row: dict) -> dict:
    if not isinstance(row, dict):
        raise ValueError(f"scenario {block}: expected a mapping, got {row!r}")
    unknown = set(row) - KEYS[block]
    if unknown:
        raise ValueError(f"unknown key(s) in scenario {block}: {sorted(unknown)}")
    return row


def _day(ctx, month: int, first: int = 1, last: int = 28) -> dt.date:
    """A weekday of the month (the demo shifts by whole weeks, so it stays one), shifted."""
    for _attempt in range(20):
        day = ctx.date(month, ctx.rng.randint(first, last))
        if day.weekday() < 5:
            return day
    return ctx.date(month, first)


def _people(ctx, n: int) -> list:
    """n members picked with the scenario's random; a scenario cut down for a quick test (fewer
    members than the figures name) gets as many as there are, never the same person twice."""
    return ctx.rng.sample(ctx.members, min(n, len(ctx.members)))


def load(spec: dict, ctx) -> None:
    if ctx.union is None:
        return
    _honours(spec.get("honours") or {}, ctx)
    for row in spec.get("innovations") or []:
        _innovation(_check("innovations", row), ctx)
    for row in spec.get("events") or []:
        _event(_check("events", row), ctx)
    for row in spec.get("competitions") or []:
        _competition(_check("competitions", row), ctx)
    _mentorships(spec.get("mentorships") or {}, ctx)
    for row in spec.get("training") or []:
        _course(_check("training", row), ctx)
    for row in spec.get("facilities") or []:
        _facility(_check("facilities", row), ctx)


def _award(ctx, rows) -> None:
    # a week's public notice early in December, then the award (RULES.md f: 公示 before 评先)
    services.honours_publicise(actor=ctx.actor, honours=rows, notice_from=ctx.date(12, 1), notice_until=ctx.date(12, 8))
    services.honours_award(actor=ctx.actor, honours=rows, on=ctx.date(12, 20))


def _honours(block: dict, ctx) -> None:
    _check("honours", block)
    people = _people(ctx, ctx.count(int(block.get("best_practitioners", 0))))
    if people:
        rows = services.honours_nominate(actor=ctx.actor, org=ctx.union, year=ctx.year, kind=HonourKind.BEST_PRACTITIONER,
                                         title=f"{ctx.year}年度最佳实践者", awarding_body=ctx.union.name, members=people)
        _award(ctx, rows)
    for row in block.get("list") or []:
        _check("honours.list", row)
        level = row.get("level", HonourLevel.UNION)
        level = LEVEL_BY_CHINESE.get(level, level)
        if level not in HonourLevel.values:
            raise ValueError(f"unknown honour level in scenario: {row.get('level')!r}")
        people, units = _people(ctx, int(row.get("people", 0))), row.get("units") or []
        if not (people or units):
            continue
        rows = services.honours_nominate(
            actor=ctx.actor, org=ctx.union, year=ctx.year, kind=row.get("kind", HonourKind.OTHER), title=row["title"],
            level=level, awarding_body=row.get("awarding_body", ""), members=people, units=units)
        _award(ctx, rows)


def _innovation(row: dict, ctx) -> None:
    kind = row.get("kind", "小革新")
    patent_kind = PATENT_KIND_BY_CHINESE.get(kind)
    innovation_kind = INNOVATION_KIND_BY_CHINESE.get(kind, kind if kind in InnovationKind.values else None)
    if patent_kind is None and innovation_kind is None:
        raise ValueError(f"unknown innovation kind in scenario: {kind!r}")
    money = {k: Decimal(str(row[k])) for k in ("cost_yuan", "savings_yuan") if row.get(k) is not None}
    innovation = services.innovation_record(
        actor=ctx.actor, org=ctx.union, year=ctx.year, kind=innovation_kind or InnovationKind.INVENTION, title=row["title"],
        team=row.get("team", "职工创新小组"), **money)
    services.innovation_advance(actor=ctx.actor, innovation=innovation, status=InnovationStatus.REVIEWED)
    if patent_kind is not None:
        filed = _day(ctx, ctx.rng.randint(1, 4))
        patent = services.patent_file(actor=ctx.actor, org=ctx.union, kind=patent_kind, title=row["title"], filed_on=filed,
                                      innovation=innovation, inventors=row.get("team", ""))
        if row.get("granted", True):
            services.patent_grant(actor=ctx.actor, patent=patent, granted_on=_day(ctx, ctx.rng.randint(8, 11)),
                                  number=f"ZL{ctx.year}2{ctx.rng.randint(1000000, 9999999)}.{ctx.rng.randint(0, 9)}")
    if row.get("grant_yuan"):
        services.innovation_award_record(actor=ctx.actor, innovation=innovation, kind="grant", name="职工技术创新补助",
                                         body=ctx.union.name, on=_day(ctx, 12), amount_yuan=Decimal(str(row["grant_yuan"])))
    for award in row.get("awards") or []:
        _innovation_award(_check("innovations.awards", award), innovation, ctx)


AWARD_KIND_BY_CHINESE = {"鉴定": "appraisal", "奖励": "award", "资助": "grant"}


def _innovation_award(row: dict, innovation, ctx) -> None:
    """A named appraisal, award or grant of an innovation (省级技术鉴定, 火炬计划项目, 创新基金…)."""
    kind = AWARD_KIND_BY_CHINESE.get(row.get("kind", "奖励"), row.get("kind"))
    services.innovation_award_record(actor=ctx.actor, innovation=innovation, kind=kind, name=row["name"],
                                     body=row.get("body", ""), on=_day(ctx, int(row.get("month", 10))),
                                     amount_yuan=Decimal(str(row.get("amount_yuan", 0))))


def _event(row: dict, ctx) -> None:
    kind = row.get("kind", "文体")
    kind = EVENT_KIND_BY_CHINESE.get(kind, kind)
    if kind not in EventKind.values:
        raise ValueError(f"unknown event kind in scenario: {row.get('kind')!r}")
    day = _day(ctx, int(row["month"]))
    event = services.event_create(actor=ctx.actor, org=ctx.union, title=row["title"], kind=kind, starts_on=day, place="职工之家",
                                  signup_until=day)
    people = _people(ctx, int(row.get("participants", 0)))
    for member in people:
        services.event_signup(actor=ctx.actor, event=event, member=member, today=day - dt.timedelta(days=7))
    services.event_attendance_take(actor=ctx.actor, event=event, attended=[m.pk for m in people],
                                   participants=int(row.get("participants", len(people))),
                                   cost_yuan=Decimal(str(row["cost_yuan"])) if row.get("cost_yuan") is not None else None)
    for prize in row.get("prizes") or []:
        _check("events.prizes", prize)
        services.event_result_record(actor=ctx.actor, event=event, prize=prize["prize"], team=prize.get("team", ctx.union.name),
                                     headcount=int(prize.get("headcount", 1)))


def _competition(row: dict, ctx) -> None:
    indicators = [{"name": _check("competitions.indicators", i)["name"], "unit": i.get("unit", ""),
                   "weight": Decimal(str(i.get("weight", 1))), "higher_is_better": not i.get("lower", False)}
                  for i in row["indicators"]]
    from_month, to_month = int(row.get("from_month", 6)), int(row.get("to_month", 9))
    competition = services.competition_create(
        actor=ctx.actor, org=ctx.union, title=row["title"], kind=row.get("kind", "labour"),
        starts_on=ctx.date(from_month, 1), ends_on=_day(ctx, to_month, 20, 28), indicators=indicators,
        entrants=list(row["entrants"]))
    for entrant in competition.entrants.all():
        for indicator in competition.indicators.all():
            for period in range(1, 4):
                services.competition_score_record(actor=ctx.actor, entrant=entrant, indicator=indicator, period=period,
                                                  value=Decimal(ctx.rng.randint(80, 120)))
    services.competition_finish(actor=ctx.actor, competition=competition)
    by_name = {e.name: e for e in competition.entrants.all()}
    for name, title in (row.get("winners") or {}).items():
        titles = title if isinstance(title, list) else [title]
        for one in titles:
            services.competition_winner_name(actor=ctx.actor, entrant=by_name[name], title=one)


def _mentorships(block: dict, ctx) -> None:
    _check("mentorships", block)
    people = _people(ctx, 2 * int(block.get("pairs", 0)))
    n = len(people) // 2
    if not n:
        return
    for i in range(n):
        signed = _day(ctx, ctx.rng.randint(1, 3))
        pair = services.mentorship_agree(actor=ctx.actor, org=ctx.union, mentor=people[2 * i], apprentice=people[2 * i + 1],
                                         signed_on=signed, ends_on=years_later(signed, 2) - dt.timedelta(days=1),
                                         goals="掌握本岗位关键操作技能，通过职业技能等级鉴定。")
        if block.get("checked", True):
            services.mentorship_check(actor=ctx.actor, mentorship=pair, on=_day(ctx, 7), note="按协议完成阶段培训内容，进步明显。")


def _course(row: dict, ctx) -> None:
    day = _day(ctx, int(row["month"]))
    course = services.course_plan(actor=ctx.actor, org=ctx.union, title=row["title"], audience=row.get("audience", "workers"),
                                  planned_on=day, hours=Decimal(8), has_test=row.get("passed") is not None)
    if row.get("held", True) is False:
        return
    people = _people(ctx, int(row["trainees"]))
    services.course_enrol(actor=ctx.actor, course=course, members=people)
    services.course_hold(actor=ctx.actor, course=course, held_on=day, attended=[m.pk for m in people])
    if row.get("passed") is not None:
        passed = min(int(row["passed"]), len(people))
        scores = {m.pk: Decimal(ctx.rng.randint(60, 98) if i < passed else ctx.rng.randint(35, 59)) for i, m in enumerate(people)}
        services.course_results_record(actor=ctx.actor, course=course, scores=scores)


def _time(value, default: str) -> dt.time:
    return dt.time.fromisoformat(str(value or default))


def _facility(row: dict, ctx) -> None:
    kind = row.get("kind", "活动室")
    kind = FACILITY_KIND_BY_CHINESE.get(kind, kind)
    opens, closes = _time(row.get("opens"), "08:00"), _time(row.get("closes"), "21:00")
    days = str(row.get("days", "1234567"))
    facility = services.facility_create(
        actor=ctx.actor, org=ctx.union, name=row["name"], kind=kind, place=row.get("place", "职工之家"), opens_at=opens,
        closes_at=closes, open_days=days, capacity=int(row.get("capacity", 0)),
        items=services.items_parsed("\n".join(str(line) for line in row.get("holds") or [])))
    bookings = ctx.count(int(row.get("bookings", 0)))
    people = max(ctx.count(int(row.get("people", bookings))), bookings)
    if not bookings or not ctx.members:
        return
    hours = max(1, closes.hour - opens.hour - (1 if closes.minute < opens.minute else 0))
    taken: set[tuple[dt.date, int]] = set()
    made = 0
    for i in range(bookings * 50):
        if made == bookings:
            break
        day, hour = ctx.random_date(), ctx.rng.randrange(hours)
        if str(day.isoweekday()) not in days or (day, hour) in taken:
            continue
        taken.add((day, hour))
        start = dt.datetime.combine(day, opens) + dt.timedelta(hours=hour)
        share = people // bookings + (1 if made < people % bookings else 0)
        if facility.capacity:
            share = min(share, facility.capacity)
        services.facility_book(actor=ctx.actor, facility=facility, member=ctx.rng.choice(ctx.members), on=day,
                               starts_at=start.time(), ends_at=(start + dt.timedelta(hours=1)).time(), people=share,
                               purpose="", today=day)
        made += 1
    if made < bookings:
        raise ValueError(f"scenario facilities: {row['name']} has no room for {bookings} one-hour bookings in the period")
