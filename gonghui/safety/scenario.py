"""The scenario's safety network: supervision groups, safety reps and their reports, hazard posts.

Counts come from the scenario file's `safety` and `hazards` blocks and are multiplied by
ctx.count(); everything is created through the bulk services, spread over the year with
ctx.rng, so the union's figures come out exactly as the seed states. It runs right after the
voice's suggestions (ORDER 31), drawing from the same ctx.rng in the same order as before the
two apps were split, so a scenario gives the same records it always did.
"""

from __future__ import annotations

import datetime as dt

from gonghui.voice.scenario import PLACES, UNITS

from .choices import FollowUpKind, HazardFactor, ReportStatus, Severity
from .services import (
    SafetyReportRow, exposure_add, follow_up_done, follow_up_plan, hazard_posts_bulk_create, safety_network_bulk_create,
    safety_reports_bulk_create,
)

ORDER = 31

HAZARDS = ("粉尘", "噪声", "高温", "化学品", "辐射")
POSTS = ("出铁工", "炉前工", "浇钢工", "天车工", "加热炉工", "轧钢工", "酸洗工", "焊工", "化验工", "探伤工", "除尘工", "皮带工")
FACTORS = {"出铁工": ["dust", "heat"], "炉前工": ["dust", "heat", "noise"], "浇钢工": ["heat", "noise"], "天车工": ["noise"],
           "加热炉工": ["heat"], "轧钢工": ["noise", "vibration"], "酸洗工": ["chemical"], "焊工": ["dust", "radiation"],
           "化验工": ["chemical"], "探伤工": ["radiation"], "除尘工": ["dust"], "皮带工": ["dust", "noise"]}


def _later(ctx, day: dt.date, lo: int, hi: int) -> dt.date:
    return day + dt.timedelta(days=ctx.rng.randint(lo, hi))


def load(spec: dict, ctx) -> None:
    if ctx.union is None or not ctx.members:
        return
    if "safety" in spec:
        load_safety(spec["safety"], ctx)
    if "hazards" in spec:
        load_hazards(spec["hazards"], ctx)


def load_safety(block: dict, ctx) -> None:
    rng = ctx.rng
    places = ctx.branches or [ctx.union]
    n_groups = min(int(block.get("supervision_groups", len(places))), len(places))
    group_orgs = places[:n_groups]
    by_place: dict[int, list] = {o.pk: [] for o in group_orgs}
    for m in ctx.members:
        if m.org_id in by_place:
            by_place[m.org_id].append(m)
    wanted = ctx.count(int(block.get("safety_reps", 0)))
    reps, turn = [], 0
    # The first member (the demo's member login) is a safety rep, then round-robin over the groups.
    queues = {pk: list(ms) for pk, ms in by_place.items()}
    while len(reps) < wanted and any(queues.values()):
        index = turn % n_groups
        queue = queues[group_orgs[index].pk]
        if queue:
            reps.append((index, queue.pop(0), ctx.date(1, rng.randint(2, 20))))
        turn += 1
    groups, appointed = safety_network_bulk_create(
        actor=ctx.actor, groups=[(o, f"{o.name}劳动保护监督小组") for o in group_orgs], reps=reps, note=ctx.note)
    reports = block.get("reports", {})
    received, resolved = ctx.count(int(reports.get("received", 0))), ctx.count(int(reports.get("resolved", 0)))
    resolved_at = set(rng.sample(range(received), resolved))
    rows = []
    for i in range(received):
        rep = rng.choice(appointed)
        day = ctx.random_date()
        place = rng.choice(PLACES)
        row = SafetyReportRow(appointment=rep, place=place, reported_on=day,
                              severity=rng.choice((Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH)),
                              description=f"{place}{rng.choice(('护栏松动', '照明不足', '安全标识缺失', '管道泄漏', '通道堆放杂物', '防护罩损坏'))}，存在安全隐患。",
                              responsible_unit=rng.choice(UNITS))
        row.deadline = _later(ctx, day, 7, 30)
        if i in resolved_at:
            row.status, row.answered_on = ReportStatus.RESOLVED, ctx.done_on(_later(ctx, day, 1, 25))
            row.resolved_on, row.answer = row.answered_on, "隐患已整改完毕，经现场复查确认。"
            row.progress = "已转职能单元整改。"
        else:
            row.status = rng.choice((ReportStatus.FORWARDED, ReportStatus.IN_PROGRESS))
            if row.status == ReportStatus.IN_PROGRESS:
                row.progress = "已制定整改方案，正在落实。"
        rows.append(row)
    if ctx.today:
        _latest_left_open(rows, ctx)
    safety_reports_bulk_create(actor=ctx.actor, rows=rows, note=ctx.note)


def _latest_left_open(rows: list[SafetyReportRow], ctx) -> None:
    """Told as of a day (the demo), the reports still open are the latest made, as in a working office, not
    ones from the year's first weeks left ten months past their deadline. The counts stay the scenario's; a
    report closed instead is answered halfway to its deadline. Draws nothing from ctx.rng, so every later
    record is the same."""
    by_day = sorted(rows, key=lambda r: r.reported_on)
    n_open = sum(1 for r in rows if r.status != ReportStatus.RESOLVED)
    closing = [r for r in by_day[: len(rows) - n_open] if r.status != ReportStatus.RESOLVED]
    opening = [r for r in by_day[len(rows) - n_open:] if r.status == ReportStatus.RESOLVED]
    for i, row in enumerate(opening):
        row.status = (ReportStatus.FORWARDED, ReportStatus.IN_PROGRESS)[i % 2]
        row.answered_on = row.resolved_on = None
        row.answer, row.progress = "", "已制定整改方案，正在落实。" if i % 2 else ""
    for row in closing:
        row.status = ReportStatus.RESOLVED
        row.answered_on = ctx.done_on(row.reported_on + (row.deadline - row.reported_on) / 2)
        row.resolved_on, row.answer = row.answered_on, "隐患已整改完毕，经现场复查确认。"
        row.progress = "已转职能单元整改。"


def load_hazards(block: dict, ctx) -> None:
    rng = ctx.rng
    places = ctx.branches or [ctx.union]
    n_posts = ctx.count(int(block.get("posts_surveyed", 0)))
    rows = []
    for i in range(n_posts):
        name = POSTS[i % len(POSTS)]
        surveyed = ctx.random_date(ctx.start, dt.date(ctx.year, 3, 31))   # the census ran in the first quarter
        rows.append((places[i % len(places)], f"{name}岗位", FACTORS.get(name, [HazardFactor.OTHER]), surveyed))
    posts = hazard_posts_bulk_create(actor=ctx.actor, rows=rows, note=ctx.note)
    exposed = ctx.count(int(block.get("exposed_workers", 0)))
    chosen = rng.sample(ctx.members, min(exposed, len(ctx.members)))
    for member in chosen:
        same_place = [p for p in posts if p.org_id == member.org_id] or posts
        post, since_year = rng.choice(same_place), ctx.year - rng.randint(1, 8)   # the seeded random's order kept
        exposure = exposure_add(actor=ctx.actor, post=post, member=member, since=ctx.date(rng.randint(1, 12), 1, since_year))
        check = follow_up_plan(actor=ctx.actor, exposure=exposure, kind=FollowUpKind.HEALTH_CHECK,
                               due_on=ctx.date(rng.randint(4, 9), 15))
        follow_up_done(actor=ctx.actor, follow_up=check, done_on=check.due_on - dt.timedelta(days=rng.randint(0, 10)))
        follow_up_plan(actor=ctx.actor, exposure=exposure, kind=FollowUpKind.RECUPERATION,
                       due_on=ctx.date(rng.randint(10, 12), 1))
