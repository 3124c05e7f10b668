"""The scenario's targets, meetings and (optionally) plans, created through the services.

Reads, all optional:

    targets:  [{name, unit, target, actual, mid_year?}]      # mid_year: the actual at 30 June
    meetings: [{kind, month, title?, items_passed?, decisions?: [..], present?, expected?},
               {kind, every: quarter},                         # a rule and one meeting a quarter
               {kind, every: month, title}]                    # one meeting a month, each named `title`
                                                               # (纪检监察站工作会议); no rule
    Recurring meetings fall in the period only: a half-year scenario holds two quarters' worth.
    plans:    [{text, owner?, status?, year?, half?}]          # year defaults to the next one
    disclosures: [{title, category?, month, notice_days?}]     # published on the notice board that month;
                                                               # category a DisclosureCategory value (default other)

`kind` is a MeetingKind value or its Chinese name (职工代表大会, 生产经营讲评会, 例会 …).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .choices import KIND_BY_CHINESE, CheckKind, DisclosureCategory, MeetingKind
from .services import (
    disclosure_create, disclosure_publish, meeting_record, meeting_rule_set, plan_create, target_check_record, target_create,
)

ORDER = 40

# What a first congress usually adopts; the seed names the first of them.
CONGRESS_ITEMS = ("《职工代表大会工作条例》", "《厂务公开实施办法》", "《集体合同》", "《职工代表提案工作办法》",
                  "《劳动安全卫生专项集体合同》", "《女职工权益保护专项集体合同》")

QUARTER_TOPICS = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}


def _kind(name: str) -> str:
    if name in MeetingKind.values:
        return name
    try:
        return KIND_BY_CHINESE[name]
    except KeyError:
        raise ValueError(f"unknown meeting kind in scenario: {name!r}") from None


def _weekday(ctx, year: int, month: int, first_day: int = 1, last_day: int = 28) -> dt.date:
    """A working day in the month, picked with the scenario's seeded random (shifted: the demo moves by whole weeks)."""
    for _attempt in range(20):
        day = ctx.date(month, ctx.rng.randint(first_day, last_day), year)
        if day.weekday() < 5:
            return day
    return ctx.date(month, first_day, year)


def load(spec: dict, ctx) -> None:
    org = ctx.union
    if org is None:
        return
    _targets(spec.get("targets") or [], ctx, org)
    _meetings(spec.get("meetings") or [], ctx, org)
    _plans(spec.get("plans") or [], ctx, org)
    _disclosures(spec.get("disclosures") or [], ctx, org)


def _targets(rows: list[dict], ctx, org) -> None:
    for row in rows:
        target = target_create(actor=ctx.actor, org=org, year=ctx.year, name=row["name"], unit=row.get("unit", ""),
                               target=Decimal(str(row["target"])))
        actual = Decimal(str(row["actual"])) if row.get("actual") is not None else None
        if actual is None:
            continue
        if row.get("mid_year") is not None:
            mid = Decimal(str(row["mid_year"]))
        else:  # about half the year's result by the end of June
            mid = (actual * Decimal(ctx.rng.randint(44, 52)) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        target_check_record(actor=ctx.actor, target=target, kind=CheckKind.MID_YEAR, date=ctx.date_in_year(6, 30),
                            actual=mid, checker="工会考核小组")
        target_check_record(actor=ctx.actor, target=target, kind=CheckKind.YEAR_END, date=ctx.date(12, 31),
                            actual=actual, checker="工会考核小组")


def _expected(ctx, kind: str) -> int:
    members = len(ctx.members)
    if kind == MeetingKind.CONGRESS:  # roughly one delegate for every twenty workers
        return max(members // 20, 30) if members else 60
    return 8 + 3 * max(len(ctx.branches), 1)


def _meetings(rows: list[dict], ctx, org) -> None:
    for row in rows:
        kind = _kind(row["kind"])
        label = MeetingKind(kind).label
        if row.get("every") == "month":
            _monthly(row, ctx, org, kind)
            continue
        if row.get("every") == "quarter":
            meeting_rule_set(actor=ctx.actor, org=org, kind=kind, since=ctx.date(1, 1))
            for quarter in range(1, 5):
                if not ctx.start.month <= 3 * quarter <= ctx.end.month:
                    continue
                # held in the quarter's last month, once its results are mostly in
                date = _weekday(ctx, ctx.year, 3 * quarter, 10, 28)
                expected = _expected(ctx, kind)
                meeting_record(
                    actor=ctx.actor, org=org, kind=kind, date=date,
                    title=f"{ctx.year}年{QUARTER_TOPICS[quarter]}{row['kind'] if row['kind'] not in MeetingKind.values else label}",
                    expected=expected, present=expected - ctx.rng.randint(0, 2),
                    agenda="通报本季度生产经营情况；讲评安全、质量、成本指标完成情况；部署下季度重点工作。",
                    minutes=f"会议通报了{QUARTER_TOPICS[quarter]}生产经营情况，讲评了各作业区指标完成情况，部署了下季度工作。",
                )
            continue
        n_items = int(row.get("items_passed", 0))
        decisions = list(row.get("decisions") or CONGRESS_ITEMS[:n_items])
        expected = int(row.get("expected") or _expected(ctx, kind))
        present = int(row.get("present") or expected - ctx.rng.randint(0, 3))
        meeting_record(
            actor=ctx.actor, org=org, kind=kind, date=_weekday(ctx, ctx.year, int(row.get("month", 1))),
            title=row.get("title") or f"{ctx.year}年{label}", expected=expected, present=present,
            agenda="；".join(f"审议{d}" for d in decisions), decisions=decisions,
            minutes=f"会议按民主程序进行，审议通过了{''.join(decisions)}。" if decisions else "",
        )


def _monthly(row: dict, ctx, org, kind: str) -> None:
    """One meeting a month over the period, every one under the row's own name."""
    if not row.get("title"):
        raise ValueError("scenario meetings: a monthly meeting needs its title")
    for month in range(ctx.start.month, ctx.end.month + 1):
        expected = int(row.get("expected") or _expected(ctx, kind))
        meeting_record(actor=ctx.actor, org=org, kind=kind, date=_weekday(ctx, ctx.year, month, 3, 12), title=row["title"],
                       expected=expected, present=expected - ctx.rng.randint(0, 1),
                       agenda="听取各方面反馈的信息；通报本月经营状况和资金使用情况。",
                       minutes="会议听取了反馈的信息，研究了本月需公开的事项。")


def _plans(rows: list[dict], ctx, org) -> None:
    for position, row in enumerate(rows):
        plan_create(actor=ctx.actor, org=org, year=int(row.get("year", ctx.year + 1)), half=row.get("half"),
                    text=row["text"], owner=row.get("owner", ""), status=row.get("status", "planned"), position=position)


DISCLOSURE_KEYS = {"title", "category", "month", "notice_days"}


def _disclosures(rows: list[dict], ctx, org) -> None:
    """What the union put up on its notice board (厂务公开/校务公开), each published in its month."""
    for row in rows:
        unknown = set(row) - DISCLOSURE_KEYS
        if unknown:
            raise ValueError(f"unknown key(s) in scenario disclosures: {sorted(unknown)}")
        category = row.get("category", DisclosureCategory.OTHER)
        if category not in DisclosureCategory.values:
            raise ValueError(f"unknown disclosure category in scenario: {category!r}")
        published = _weekday(ctx, ctx.year, int(row["month"]))
        days = row.get("notice_days")
        disclosure = disclosure_create(
            actor=ctx.actor, org=org, title=row["title"], category=category,
            body=f"{row['title']}，现予公开，请全体{org.staff_word}监督。",
            notice_until=published + dt.timedelta(days=int(days)) if days else None)
        disclosure_publish(actor=ctx.actor, disclosure=disclosure, on=published)
