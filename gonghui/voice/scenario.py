"""The scenario's voice: suggestions (the safety network and hazard posts are gonghui.safety.scenario's,
talks and home visits gonghui.care.scenario's).

Counts come from the scenario file's `suggestions` block and
are multiplied by ctx.count(); everything is created through the services, spread
over the period with ctx.rng, so the union's figures come out exactly as the seed states.

    suggestions:
      submitted: 2854
      adopted: 2683             # the rest are rejected with a reason
      themes: [产品结构调整, …]   # optional; default 其他
      golden_ideas: 2           # optional: adopted and implemented ones promoted as 金点子…
      savings_yuan: 120000      # …sharing this saving
      from_month: 4             # optional: the first month suggestions came in (a box put up in April)

An unknown key in the block is an error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .choices import SuggestionStatus
from .services import SuggestionRow, anonymous_home, suggestions_bulk_create, themes_ensure

ORDER = 30
SUGGESTION_KEYS = {"submitted", "adopted", "themes", "golden_ideas", "savings_yuan", "from_month"}

IDEAS = ("优化{x}作业流程", "改进{x}的点检方法", "自制{x}专用工具", "{x}余料回收再利用", "调整{x}的操作参数",
         "{x}节电措施", "减少{x}的停机时间", "{x}现场定置管理", "{x}备件修旧利废", "{x}安全防护改进")
PLACES = ("高炉出铁场", "转炉平台", "连铸机", "加热炉", "精轧机", "冷轧酸洗线", "空压站", "变电所", "天车", "皮带通廊",
          "煤气管网", "液压站", "润滑油站", "原料场", "成品库")
UNITS = ("设备管理室", "安全环保室", "生产技术室", "能源动力室", "综合管理室")
REJECT_REASONS = ("该建议与现行工艺标准冲突，暂不采纳，感谢您的关注。", "相关改造已列入明年计划，本次暂不采纳。",
                  "投入产出比不足，经评审暂不采纳。", "与已采纳建议内容重复，合并处理。")

def _later(ctx, day: dt.date, lo: int, hi: int) -> dt.date:
    return day + dt.timedelta(days=ctx.rng.randint(lo, hi))


def load(spec: dict, ctx) -> None:
    if ctx.union is None or not ctx.members:
        return
    if "suggestions" in spec:
        load_suggestions(spec["suggestions"], ctx)


def _check(block: dict, keys: set[str], where: str) -> None:
    unknown = set(block) - keys
    if unknown:
        raise ValueError(f"unknown key(s) in scenario {where}: {sorted(unknown)}")


def load_suggestions(block: dict, ctx) -> None:
    _check(block, SUGGESTION_KEYS, "suggestions")
    rng, members = ctx.rng, ctx.members
    # in the scenario's own calendar: random_date shifts what it picks
    first_day = dt.date(ctx.year, int(block["from_month"]), 1) if block.get("from_month") else None
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
        day = ctx.random_date(first_day)
        place = rng.choice(PLACES)
        if anonymous and author.org_id not in homes:  # filed where the author's team cannot be told (see anonymous_home)
            homes[author.org_id] = anonymous_home(author, ctx.shifted(ctx.end))
        row = SuggestionRow(author=None if anonymous else author, org=homes[author.org_id] if anonymous else author.org,
                            anonymous=anonymous, theme=theme,
                            title=rng.choice(IDEAS).format(x=place), submitted_on=day,
                            body=f"{theme.name}：{place}现状存在浪费，建议改进，预计可降低消耗。")
        decided = min(_later(ctx, day, 2, 20), ctx.shifted(ctx.end))
        if i in adopted_at:
            row.decided_on, row.answer = decided, "经评审予以采纳，感谢您的建议。"
            roll = rng.random()
            if roll < 0.55:
                row.status, row.implementing_unit = SuggestionStatus.IMPLEMENTED, rng.choice(UNITS)
                row.implemented_on = min(_later(ctx, decided, 5, 40), ctx.shifted(ctx.end))
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
