"""The scenario's voice: suggestions, the safety network and its reports, hazard posts.

Counts come from the scenario file's `suggestions`, `safety` and `hazards` blocks and
are multiplied by ctx.count(); everything is created through the bulk services, spread
over the year with ctx.rng, so the union's figures come out exactly as the seed states.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .choices import FollowUpKind, HazardFactor, ReportStatus, Severity, SuggestionStatus
from .services import (
    SafetyReportRow, SuggestionRow, anonymous_home, exposure_add, follow_up_done, follow_up_plan, hazard_posts_bulk_create,
    safety_network_bulk_create, safety_reports_bulk_create, suggestions_bulk_create, themes_ensure,
)

ORDER = 30

IDEAS = ("优化{x}作业流程", "改进{x}的点检方法", "自制{x}专用工具", "{x}余料回收再利用", "调整{x}的操作参数",
         "{x}节电措施", "减少{x}的停机时间", "{x}现场定置管理", "{x}备件修旧利废", "{x}安全防护改进")
PLACES = ("高炉出铁场", "转炉平台", "连铸机", "加热炉", "精轧机", "冷轧酸洗线", "空压站", "变电所", "天车", "皮带通廊",
          "煤气管网", "液压站", "润滑油站", "原料场", "成品库")
UNITS = ("设备管理室", "安全环保室", "生产技术室", "能源动力室", "综合管理室")
REJECT_REASONS = ("该建议与现行工艺标准冲突，暂不采纳，感谢您的关注。", "相关改造已列入明年计划，本次暂不采纳。",
                  "投入产出比不足，经评审暂不采纳。", "与已采纳建议内容重复，合并处理。")
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
    if "suggestions" in spec:
        load_suggestions(spec["suggestions"], ctx)
    if "safety" in spec:
        load_safety(spec["safety"], ctx)
    if "hazards" in spec:
        load_hazards(spec["hazards"], ctx)


def load_suggestions(block: dict, ctx) -> None:
    rng, members = ctx.rng, ctx.members
    themes = themes_ensure(actor=ctx.actor, org=ctx.union, names=list(block.get("themes") or ["其他"]))
    submitted, adopted = ctx.count(int(block["submitted"])), ctx.count(int(block.get("adopted", 0)))
    golden_in_file = int(block.get("golden_ideas", 0))
    golden = ctx.count(golden_in_file)
    # The savings scale with the golden ideas: each keeps its share of the file's total.
    saving_each = (Decimal(block.get("savings_yuan", 0)) / golden_in_file).quantize(Decimal("0.01")) if golden_in_file else None
    # Which suggestions were adopted, and which of those became golden ideas, chosen by the seeded rng.
    adopted_at = set(rng.sample(range(submitted), adopted))
    rows: list[SuggestionRow] = []
    homes: dict[int, object] = {}
    for i in range(submitted):
        author = members[0] if i < 3 else rng.choice(members)   # the first member's login sees a few of their own
        anonymous = i >= 3 and rng.random() < 0.05
        theme = rng.choice(themes)
        day = ctx.random_date()
        place = rng.choice(PLACES)
        if anonymous and author.org_id not in homes:  # filed where the author's team cannot be told (see anonymous_home)
            homes[author.org_id] = anonymous_home(author, ctx.end)
        row = SuggestionRow(author=None if anonymous else author, org=homes[author.org_id] if anonymous else author.org,
                            anonymous=anonymous, theme=theme,
                            title=rng.choice(IDEAS).format(x=place), submitted_on=day,
                            body=f"{theme.name}：{place}现状存在浪费，建议改进，预计可降低消耗。")
        decided = min(_later(ctx, day, 2, 20), ctx.end)
        if i in adopted_at:
            row.decided_on, row.answer = decided, "经评审予以采纳，感谢您的建议。"
            roll = rng.random()
            if roll < 0.55:
                row.status, row.implementing_unit = SuggestionStatus.IMPLEMENTED, rng.choice(UNITS)
                row.implemented_on = min(_later(ctx, decided, 5, 40), ctx.end)
            elif roll < 0.8:
                row.status, row.implementing_unit = SuggestionStatus.ASSIGNED, rng.choice(UNITS)
            else:
                row.status = SuggestionStatus.ADOPTED
        else:
            row.status, row.decided_on, row.answer = SuggestionStatus.REJECTED, decided, rng.choice(REJECT_REASONS)
        rows.append(row)
    implemented = [r for r in rows if r.status == SuggestionStatus.IMPLEMENTED]
    for row in rng.sample(implemented, min(golden, len(implemented))):
        row.is_golden, row.saving_yuan, row.reward_yuan = True, saving_each, Decimal("500.00")
    suggestions_bulk_create(actor=ctx.actor, union=ctx.union, rows=rows, note=ctx.note)


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
            reps.append((index, queue.pop(0), dt.date(ctx.year, 1, rng.randint(2, 20))))
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
            row.status, row.answered_on = ReportStatus.RESOLVED, _later(ctx, day, 1, 25)
            row.resolved_on, row.answer = row.answered_on, "隐患已整改完毕，经现场复查确认。"
            row.progress = "已转职能单元整改。"
        else:
            row.status = rng.choice((ReportStatus.FORWARDED, ReportStatus.IN_PROGRESS))
            if row.status == ReportStatus.IN_PROGRESS:
                row.progress = "已制定整改方案，正在落实。"
        rows.append(row)
    safety_reports_bulk_create(actor=ctx.actor, rows=rows, note=ctx.note)


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
        exposure = exposure_add(actor=ctx.actor, post=rng.choice(same_place), member=member,
                                since=dt.date(ctx.year - rng.randint(1, 8), rng.randint(1, 12), 1))
        check = follow_up_plan(actor=ctx.actor, exposure=exposure, kind=FollowUpKind.HEALTH_CHECK,
                               due_on=dt.date(ctx.year, rng.randint(4, 9), 15))
        follow_up_done(actor=ctx.actor, follow_up=check, done_on=check.due_on - dt.timedelta(days=rng.randint(0, 10)))
        follow_up_plan(actor=ctx.actor, exposure=exposure, kind=FollowUpKind.RECUPERATION,
                       due_on=dt.date(ctx.year, rng.randint(10, 12), 1))
