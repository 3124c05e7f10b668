"""Reads of targets, meetings, plans and disclosures: lists in reach, and the figures the summary states.

The figure functions take an org (its whole subtree counts) and a date range and run a
fixed number of queries, whatever the number of orgs or rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from gonghui.core.scoping import belonging_paths, get_in_reach_or_404, in_reach, reach_paths
from gonghui.orgs.models import Org

from .choices import MeetingKind, PlanStatus, quarter_label
from .models import Disclosure, Meeting, MeetingDecision, MeetingRule, Objection, Plan, Target, TargetCheck


def _under(org: Org | None, via: str = "org") -> Q:
    return Q(**{f"{via}__path__startswith": org.path}) if org is not None else Q()


# ── targets ──────────────────────────────────────────────────────────────────

def target_list(*, visible_to, org: Org | None = None, year: int | None = None) -> QuerySet[Target]:
    qs = in_reach(Target.objects.select_related("org"), visible_to).filter(_under(org))
    return qs.filter(year=year) if year else qs


def target_get(*, visible_to, pk: int) -> Target:
    qs = Target.objects.select_related("org").prefetch_related(
        Prefetch("checks", queryset=TargetCheck.objects.select_related("checked_by"))
    )
    return get_in_reach_or_404(qs, visible_to, pk=pk)


@dataclass
class TargetFigure:
    """One indicator over an org's subtree: the targets added up, and the actuals as of the period's end."""

    name: str
    unit: str
    target: Decimal
    actual: Decimal | None              # None when no org has checked it yet
    by_org: list[tuple[str, Decimal, Decimal | None]] = field(default_factory=list)  # (org name, target, actual)

    @property
    def completion(self) -> Decimal | None:
        from gonghui.core.formatting import ratio

        return None if self.actual is None else ratio(self.actual * 100, self.target, 2)


def target_figures(*, org: Org, start: dt.date, end: dt.date) -> list[TargetFigure]:
    """Targets of the years in [start, end] under `org`, grouped by indicator and unit; one query.

    The actual is what the latest check on or before `end` found, so a half-year summary
    states the mid-year check and a year summary the year-end assessment.
    """
    latest = TargetCheck.objects.filter(target=OuterRef("pk"), date__lte=end).order_by("-date", "-id").values("actual")[:1]
    rows = (
        Target.objects.filter(_under(org), year__gte=start.year, year__lte=end.year)
        .annotate(actual_then=Subquery(latest))
        .values_list("name", "unit", "target", "actual_then", "org__name")
        .order_by("name", "unit", "org__path")
    )
    grouped: dict[tuple[str, str], TargetFigure] = {}
    for name, unit, target, actual, org_name in rows:
        fig = grouped.setdefault((name, unit), TargetFigure(name=name, unit=unit, target=Decimal(0), actual=None))
        fig.target += target
        if actual is not None:
            fig.actual = (fig.actual or Decimal(0)) + actual
        fig.by_org.append((org_name, target, actual))
    return list(grouped.values())


# ── meetings ─────────────────────────────────────────────────────────────────

def meeting_list(
    *, visible_to, org: Org | None = None, kind: str | None = None, year: int | None = None
) -> QuerySet[Meeting]:
    qs = in_reach(Meeting.objects.select_related("org"), visible_to).filter(_under(org))
    qs = qs.annotate(n_decisions=Count("decisions"))
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    return qs


def meeting_get(*, visible_to, pk: int) -> Meeting:
    return get_in_reach_or_404(Meeting.objects.select_related("org").prefetch_related("decisions"), visible_to, pk=pk)


@dataclass
class MeetingFigures:
    by_kind: dict[str, int]                       # kind -> meetings held
    present: int
    expected: int
    congresses: list[Meeting]                     # workers' congress sessions, with .decisions prefetched

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def meeting_figures(*, org: Org, start: dt.date, end: dt.date) -> MeetingFigures:
    """Meetings held under `org` in [start, end]: counts by kind, attendance, congress sessions; two queries."""
    base = Meeting.objects.filter(_under(org), date__gte=start, date__lte=end)
    by_kind: dict[str, int] = {}
    present = expected = 0
    for row in base.values("kind").annotate(n=Count("id"), p=Sum("present"), e=Sum("expected")).order_by("kind"):
        by_kind[row["kind"]] = row["n"]
        present += row["p"] or 0
        expected += row["e"] or 0
    congresses = list(
        base.filter(kind=MeetingKind.CONGRESS).select_related("org").order_by("date", "id")
        .prefetch_related(Prefetch("decisions", queryset=MeetingDecision.objects.order_by("position", "id")))
    ) if by_kind.get(MeetingKind.CONGRESS) else []
    return MeetingFigures(by_kind=by_kind, present=present, expected=expected, congresses=congresses)


def quarters_between(start: dt.date, end: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    """(year, quarter, first day, last day) of every quarter lying wholly inside [start, end]."""
    found = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while True:
        first = dt.date(year, 3 * quarter - 2, 1)
        last = (dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - dt.timedelta(days=1)
        if first > end:
            return found
        if first >= start and last <= end:
            found.append((year, quarter, first, last))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


@dataclass(frozen=True)
class MissingMeeting:
    org_id: int
    org_name: str
    kind: str
    year: int
    quarter: int

    @property
    def kind_label(self) -> str:
        return str(MeetingKind(self.kind).label)

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.year, self.quarter)


def missing_meetings(*, org: Org, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[MissingMeeting]:
    """Quarters in [start, end] (already over by `today`) in which an org under `org` held no
    meeting its "every quarter" rule asks for. Two queries, whatever the tree's size.

    A rule counts from the quarter its `since` date falls in; a meeting counts for the
    org that holds it (a branch's 例会 does not stand in for the union's).
    """
    today = today or timezone.localdate()
    rules = list(MeetingRule.objects.filter(_under(org), is_active=True).select_related("org").order_by("org__path", "kind"))
    if not rules:
        return []
    held = set()
    for org_id, kind, date in Meeting.objects.filter(
        org_id__in={r.org_id for r in rules}, kind__in={r.kind for r in rules}, date__gte=start, date__lte=end
    ).values_list("org_id", "kind", "date"):
        held.add((org_id, kind, date.year, (date.month - 1) // 3 + 1))
    missing = []
    for rule in rules:
        since_quarter_start = dt.date(rule.since.year, 3 * ((rule.since.month - 1) // 3) + 1, 1)
        for year, quarter, first, last in quarters_between(max(start, since_quarter_start), min(end, today)):
            if (rule.org_id, rule.kind, year, quarter) not in held:
                missing.append(MissingMeeting(rule.org_id, rule.org.name, rule.kind, year, quarter))
    return missing


def meeting_rules(*, visible_to, org: Org | None = None) -> QuerySet[MeetingRule]:
    return in_reach(MeetingRule.objects.select_related("org"), visible_to).filter(_under(org))


# ── plans ────────────────────────────────────────────────────────────────────

# whole-year items before the halves' on every backend (NULLs sort last on PostgreSQL)
PLAN_ORDER = ("year", F("half").asc(nulls_first=True), "org__path", "position", "id")


def plan_list(
    *, visible_to, org: Org | None = None, year: int | None = None, half: int | None = None, status: str | None = None
) -> QuerySet[Plan]:
    qs = in_reach(Plan.objects.select_related("org"), visible_to).filter(_under(org)).order_by(*PLAN_ORDER)
    if year:
        qs = qs.filter(year=year)
    if half:
        qs = qs.filter(half=half)
    if status:
        qs = qs.filter(status=status)
    return qs


def plan_get(*, visible_to, pk: int) -> Plan:
    return get_in_reach_or_404(Plan.objects.select_related("org"), visible_to, pk=pk)


def plan_periods(start: dt.date, end: dt.date) -> tuple[Q, Q]:
    """(this period's plan items, the next period's) for a summary period.

    A year (or span of years) owns the plans of its years, halves included, and is
    followed by the next year; a half-year owns that half's plans and is followed by the
    other half (after the second half: the next year's whole-year and first-half plans).
    """
    if (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
        return Q(year=start.year, half=1), Q(year=start.year, half=2)
    if (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
        return Q(year=start.year, half=2), Q(year=start.year + 1) & (Q(half=1) | Q(half__isnull=True))
    return Q(year__gte=start.year, year__lte=end.year), Q(year=end.year + 1)


@dataclass
class PlanFigures:
    items: list[Plan]                  # this period's plan items
    next_items: list[Plan]             # the next period's

    def count(self, *statuses: str) -> int:
        return sum(1 for p in self.items if p.status in statuses)

    @property
    def done(self) -> int:
        return self.count(PlanStatus.DONE)

    @property
    def not_done(self) -> list[Plan]:
        return [p for p in self.items if p.status != PlanStatus.DONE]


def plan_figures(*, org: Org, start: dt.date, end: dt.date) -> PlanFigures:
    """This period's plan items (to check what was done) and the next period's; two queries."""
    this, following = plan_periods(start, end)
    base = Plan.objects.filter(_under(org)).select_related("org").order_by(*PLAN_ORDER)
    return PlanFigures(items=list(base.filter(this)), next_items=list(base.filter(following).exclude(status=PlanStatus.DROPPED)))


# ── disclosures ──────────────────────────────────────────────────────────────

def disclosure_list(*, visible_to, org: Org | None = None, category: str | None = None) -> QuerySet[Disclosure]:
    qs = in_reach(Disclosure.objects.select_related("org"), visible_to).filter(_under(org))
    qs = qs.annotate(n_objections=Count("objections"))
    return qs.filter(category=category) if category else qs


def disclosure_get(*, visible_to, pk: int) -> Disclosure:
    return get_in_reach_or_404(Disclosure.objects.select_related("org", "published_by"), visible_to, pk=pk)


def _ancestor_paths(paths: list[str]) -> set[str]:
    found = set()
    for path in paths:
        ids = [p for p in path.split("/") if p]
        found |= {"/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))}
    return found


def disclosures_for_member(user) -> QuerySet[Disclosure]:
    """Published disclosures of every org the user belongs to or sits under, and of what they manage."""
    belongs = _ancestor_paths(belonging_paths(user))
    managed = reach_paths(user)
    scope = Q(org__path__in=belongs)
    if managed is None:
        scope = Q()
    elif managed:
        from gonghui.core.scoping import path_filter

        scope |= path_filter(managed)
    return Disclosure.objects.filter(scope, published_on__isnull=False).select_related("org")


def disclosure_get_for_member(*, user, pk: int) -> Disclosure:
    from django.http import Http404

    found = disclosures_for_member(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def objections_of(disclosure: Disclosure, *, user=None) -> QuerySet[Objection]:
    qs = disclosure.objections.select_related("author")
    return qs.filter(author=user) if user is not None else qs
