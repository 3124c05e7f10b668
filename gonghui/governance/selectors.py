"""Reads of targets, meetings, plans and disclosures: lists in reach, and the figures the summary states.

The figure functions take an org (its whole subtree counts) and a date range and run a
fixed number of queries, whatever the number of orgs or rows.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field
from functools import reduce
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, When
from django.utils import timezone
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.scoping import get_in_reach_or_404, in_reach, published_to, under
from gonghui.core.selectors import Attention
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import count_by_union

from .choices import MeetingKind, ObjectionStatus, PlanStatus, quarter_label
from .models import Disclosure, Meeting, MeetingDecision, MeetingRule, Objection, Plan, Target, TargetCheck


# What a cadre's lists show; each write asks its own action in services.
VIEW = "governance.view"


# ── targets ──────────────────────────────────────────────────────────────────

def target_list(*, visible_to, org: Org | None = None, year: int | None = None) -> QuerySet[Target]:
    qs = in_reach(Target.objects.select_related("org"), visible_to, action=VIEW).filter(under(org))
    return qs.filter(year=year) if year else qs


def target_get(*, visible_to, pk: int) -> Target:
    qs = Target.objects.select_related("org").prefetch_related(
        Prefetch("checks", queryset=TargetCheck.objects.select_related("checked_by"))
    )
    return get_in_reach_or_404(qs, visible_to, action=VIEW, pk=pk)


@dataclass
class TargetFigure:
    """One indicator over an org's subtree: the targets added up, and the actuals as of the period's end."""

    name: str
    unit: str
    target: Decimal
    actual: Decimal | None              # None when no org has checked it yet
    # (org name, target, actual) of each org, when a few orgs other than the summary's own hold it
    by_org: list[tuple[str, Decimal, Decimal | None]] = field(default_factory=list)

    @property
    def completion(self) -> Decimal | None:
        from gonghui.core.formatting import ratio

        return None if self.actual is None else ratio(self.actual * 100, self.target, 2)


def target_figures(*, org: Org, start: dt.date, end: dt.date) -> list[TargetFigure]:
    """Targets of the years in [start, end] under `org`, grouped by indicator and unit; one query.

    The actual is what the latest check on or before `end` found, so a half-year summary
    states the mid-year check and a year summary the year-end assessment.
    """
    return target_figures_compared(org=org, spans=[(start, end)])[0]


# Up to this many orgs behind one indicator, the figure lists each org's own result.
TARGET_ORGS_NAMED = 5


def target_figures_compared(*, org: Org, spans: list[tuple[dt.date, dt.date]]) -> list[list[TargetFigure]]:
    """`target_figures` for several date spans (this period and the same one last year).

    One grouped query adds the targets up per indicator for every span at once (a sum
    filtered to each span's years, with the latest check as of that span's end); one more,
    only when an indicator of the first span rests on a few orgs other than `org` itself,
    reads each of those orgs' own figures so the summary can say which org did what.
    """
    def latest(end: dt.date):
        return Subquery(TargetCheck.objects.filter(target=OuterRef("pk"), date__lte=end).order_by("-date", "-id").values("actual")[:1])

    in_span = [Q(year__gte=start.year, year__lte=end.year) for start, end in spans]
    sums = {}
    for i, (span, (_start, end)) in enumerate(zip(in_span, spans)):
        sums |= {f"t{i}": Sum("target", filter=span), f"a{i}": Sum(latest(end), filter=span)}
    rows = list(
        Target.objects.filter(under(org)).filter(reduce(operator.or_, in_span))
        .values("name", "unit").order_by("name", "unit")
        .annotate(**sums, n=Count("org", distinct=True, filter=in_span[0]), o=Min("org_id", filter=in_span[0]))
    )
    found: list[list[TargetFigure]] = [[] for _span in spans]
    few: dict[tuple[str, str], TargetFigure] = {}
    for row in rows:
        for i, figures in enumerate(found):
            target, actual = row[f"t{i}"], row[f"a{i}"]
            if target is None:
                continue
            fig = TargetFigure(name=row["name"], unit=row["unit"], target=_cents(target),
                               actual=None if actual is None else _cents(actual))
            figures.append(fig)
            if i == 0 and (1 < row["n"] <= TARGET_ORGS_NAMED or (row["n"] == 1 and row["o"] != org.pk)):
                few[(row["name"], row["unit"])] = fig
    if few:
        # each org's own sum (a span of years may hold several of its targets), in the tree's order
        _start, end = spans[0]
        for name, unit, org_name, target, actual in (
            Target.objects.filter(under(org), in_span[0], name__in={name for name, _unit in few})
            .values("name", "unit", "org__path", "org__name").order_by("org__path")
            .annotate(t=Sum("target"), a=Sum(latest(end))).values_list("name", "unit", "org__name", "t", "a")
        ):
            if (name, unit) in few:
                few[(name, unit)].by_org.append((org_name, _cents(target), None if actual is None else _cents(actual)))
    return found


def _cents(value) -> Decimal:
    """Sums come back as floats from SQLite: back to Decimal yuan-and-fen."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# ── meetings ─────────────────────────────────────────────────────────────────

def meeting_list(
    *, visible_to, org: Org | None = None, kind: str | None = None, year: int | None = None
) -> QuerySet[Meeting]:
    qs = in_reach(Meeting.objects.select_related("org"), visible_to, action=VIEW).filter(under(org))
    qs = qs.annotate(n_decisions=Count("decisions"))
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    return qs


def meeting_get(*, visible_to, pk: int) -> Meeting:
    return get_in_reach_or_404(Meeting.objects.select_related("org").prefetch_related("decisions"), visible_to, action=VIEW, pk=pk)


@dataclass(frozen=True)
class CongressSession:
    """A workers' congress session as the summary states it."""

    title: str
    date: dt.date
    org_id: int
    org_name: str
    n_decisions: int
    first_decision: str | None      # the one a sentence names (…等四个重要事项)


@dataclass
class MeetingFigures:
    by_kind: dict[str, int]                       # kind -> meetings held
    present: int
    expected: int
    congresses: list[CongressSession]

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def meeting_figures(*, org: Org, start: dt.date, end: dt.date, with_congresses: bool = True) -> MeetingFigures:
    """Meetings held under `org` in [start, end]: counts by kind, attendance, congress sessions
    with their decisions; at most two queries (read as plain rows: a federation may hold thousands)."""
    return meeting_figures_compared(org=org, spans=[(start, end)], with_congresses=with_congresses)[0]


def meetings_held_by_union(*, org: Org, start: dt.date, end: dt.date, union_of: dict[int, int]) -> dict[int, int]:
    """{union id: meetings held in the period} for a federation's unions, in one grouped query."""
    return count_by_union(Meeting.objects.filter(under(org), date__gte=start, date__lte=end), union_of)


def meeting_figures_compared(
    *, org: Org, spans: list[tuple[dt.date, dt.date]], with_congresses: bool = True
) -> list[MeetingFigures]:
    """`meeting_figures` for several spans: a grouped query per span, and the congress
    sessions of the first span."""
    # one plain GROUP BY per span: measured on SQLite at 300 unions (CPU time), 12 ms for the
    # two against 15 ms for one query labelling each meeting's span in a CASE and 14–20 ms
    # for one with a FILTER per span and figure
    found = []
    for start, end in spans:
        figs = MeetingFigures(by_kind={}, present=0, expected=0, congresses=[])
        for kind, n, present, expected in (
            Meeting.objects.filter(under(org), date__gte=start, date__lte=end).values("kind").order_by()
            .annotate(n=Count("id"), p=Sum("present"), e=Sum("expected")).values_list("kind", "n", "p", "e")
        ):
            figs.by_kind[kind] = n
            figs.present += present or 0
            figs.expected += expected or 0
        found.append(figs)
    first = found[0]
    if with_congresses and first.by_kind.get(MeetingKind.CONGRESS):
        start, end = spans[0]
        first_item = MeetingDecision.objects.filter(meeting=OuterRef("pk")).order_by("position", "id").values("text")[:1]
        first.congresses = [
            CongressSession(*row) for row in
            Meeting.objects.filter(under(org), kind=MeetingKind.CONGRESS, date__gte=start, date__lte=end)
            .annotate(n=Count("decisions"), first_item=Subquery(first_item))
            .values_list("title", "date", "org_id", "org__name", "n", "first_item").order_by("date", "id")
        ]
    return found


@dataclass
class OtherMeetings:
    """The meetings of kind "other" over a period, which the summary says by their own names."""

    named: list[tuple[str, int, int]]                   # (title, held under the org, months with one), most held first
    own: list[tuple[dt.date, str, list[str]]]           # (date, title, items passed) of the org's own, in date order


def other_meeting_figures(*, org: Org, start: dt.date, end: dt.date) -> OtherMeetings:
    """`named_meetings` and `other_meetings` from one read of the period's "other" meetings under
    `org`, and one more for the items passed, only when the org held such a meeting itself."""
    rows = list(Meeting.objects.filter(under(org), kind=MeetingKind.OTHER, date__gte=start, date__lte=end)
                .order_by("date", "id").values_list("id", "org_id", "title", "date"))
    counted: dict[str, tuple[int, set]] = {}
    for _pk, _org_id, title, date in rows:
        n, months = counted.get(title, (0, set()))
        counted[title] = (n + 1, months | {(date.year, date.month)})
    named = sorted(((t, n, len(m)) for t, (n, m) in counted.items()), key=lambda row: -row[1])
    own = [(pk, date, title) for pk, org_id, title, date in rows if org_id == org.pk]
    items: dict[int, list[str]] = {pk: [] for pk, _d, _t in own}
    if own:
        for meeting_id, text in (MeetingDecision.objects.filter(meeting_id__in=list(items))
                                 .order_by("position", "id").values_list("meeting_id", "text")):
            items[meeting_id].append(text)
    return OtherMeetings(named=named, own=[(date, title, items[pk]) for pk, date, title in own])


def named_meetings(*, org: Org, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
    """(title, meetings held, months with one) of the "other" meetings over [start, end], by their
    own names (纪检监察站工作会议), most held first."""
    return other_meeting_figures(org=org, start=start, end=end).named


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

    @property
    def last_day(self) -> dt.date:
        """The quarter's last day: where the page proposes to record the meeting late."""
        return quarters_between(dt.date(self.year, 3 * self.quarter - 2, 1), dt.date(self.year, 12, 31))[0][3]


@dataclass
class RuleCheck:
    ruled_kinds: set[str]            # kinds of meeting some org under `org` must hold every quarter
    missing: list[MissingMeeting]


def missing_meetings(*, org: Org, start: dt.date, end: dt.date, today: dt.date | None = None) -> list[MissingMeeting]:
    return meeting_rule_check(org=org, start=start, end=end, today=today).missing


def meeting_rule_check(*, org: Org, start: dt.date, end: dt.date, today: dt.date | None = None) -> RuleCheck:
    """Quarters in [start, end] (already over by `today`) in which an org under `org` held no
    meeting its "every quarter" rule asks for. One query, whatever the tree's size.

    A rule counts from the quarter its `since` date falls in; a meeting counts for the
    org that holds it (a branch's 例会 does not stand in for the union's).
    """
    today = today or timezone.localdate()
    quarters = quarters_between(start, min(end, today))
    # one row per rule, with whether the org held such a meeting in each quarter (an indexed
    # EXISTS on org, kind and date): the rows are the rules, never the meetings
    held_in = {
        f"q{i}": Exists(Meeting.objects.filter(org=OuterRef("org_id"), kind=OuterRef("kind"), date__gte=first, date__lte=last))
        for i, (_y, _q, first, last) in enumerate(quarters)
    }
    rules = list(MeetingRule.objects.filter(under(org), is_active=True).order_by("org__path", "kind")
                 .values("org_id", "org__name", "kind", "since", **held_in))
    ruled = {rule["kind"] for rule in rules}
    missing = []
    for rule in rules:
        since = rule["since"]
        since_quarter_start = dt.date(since.year, 3 * ((since.month - 1) // 3) + 1, 1)
        for i, (year, quarter, first, _last) in enumerate(quarters):
            if first >= since_quarter_start and not rule[f"q{i}"]:
                missing.append(MissingMeeting(rule["org_id"], rule["org__name"], rule["kind"], year, quarter))
    return RuleCheck(ruled, missing)


def meeting_rules(*, visible_to, org: Org | None = None) -> QuerySet[MeetingRule]:
    return in_reach(MeetingRule.objects.select_related("org"), visible_to, action=VIEW).filter(under(org))


# ── plans ────────────────────────────────────────────────────────────────────

# whole-year items before the halves' on every backend (NULLs sort last on PostgreSQL)
PLAN_ORDER = ("year", F("half").asc(nulls_first=True), "org__path", "position", "id")


def plan_list(
    *, visible_to, org: Org | None = None, year: int | None = None, half: int | None = None, status: str | None = None
) -> QuerySet[Plan]:
    qs = in_reach(Plan.objects.select_related("org"), visible_to, action=VIEW).filter(under(org)).order_by(*PLAN_ORDER)
    if year:
        qs = qs.filter(year=year)
    if half:
        qs = qs.filter(half=half)
    if status:
        qs = qs.filter(status=status)
    return qs


def plan_get(*, visible_to, pk: int) -> Plan:
    return get_in_reach_or_404(Plan.objects.select_related("org"), visible_to, action=VIEW, pk=pk)


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


@dataclass(frozen=True)
class PlanRow:
    text: str
    status: str
    org_name: str


@dataclass
class PlanFigures:
    items: list[PlanRow]               # this period's plan items
    next_items: list[PlanRow]          # the next period's

    def count(self, *statuses: str) -> int:
        return sum(1 for p in self.items if p.status in statuses)

    @property
    def done(self) -> int:
        return self.count(PlanStatus.DONE)

    @property
    def not_done(self) -> list[PlanRow]:
        return [p for p in self.items if p.status != PlanStatus.DONE]


def plan_figures(*, org: Org, start: dt.date, end: dt.date) -> PlanFigures:
    """The org's own plan for this period (to check what was done) and for the next; one query.

    Only the org's own items: a work summary states its own plan, and a branch's or a
    member union's plan belongs in that org's summary.
    """
    this, following = plan_periods(start, end)
    found = PlanFigures(items=[], next_items=[])
    for text, status, org_name, is_this in (
        Plan.objects.filter(Q(org=org) & (this | (following & ~Q(status=PlanStatus.DROPPED)))).order_by(*PLAN_ORDER)
        .annotate(is_this=Case(When(this, then=Value(True)), default=Value(False)))
        .values_list("text", "status", "org__name", "is_this")
    ):
        (found.items if is_this else found.next_items).append(PlanRow(text, status, org_name))
    return found


# ── disclosures ──────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class DisclosureFigures:
    by_category: dict[str, int]     # category -> disclosures published in the period
    objections: int                 # raised against them during their public notice
    answered: int
    titles: tuple[str, ...] = ()    # what was disclosed, in the order it went up

    @property
    def published(self) -> int:
        return sum(self.by_category.values())


def disclosure_figures(*, org: Org, start: dt.date, end: dt.date) -> DisclosureFigures:
    """What was disclosed under `org` in [start, end] (厂务公开), by category, with the objections
    and the titles; one query, a row per disclosure (the summary names each)."""
    rows = (
        Disclosure.objects.filter(under(org), published_on__gte=start, published_on__lte=end)
        .order_by("published_on", "id").values("id")
        .annotate(raised=Count("objections"), answered=Count("objections", filter=Q(objections__status=ObjectionStatus.ANSWERED)))
        .values_list("category", "title", "raised", "answered")
    )
    by_category: dict[str, int] = {}
    titles, raised, answered = [], 0, 0
    for category, title, n_raised, n_answered in rows:
        by_category[category] = by_category.get(category, 0) + 1
        titles.append(title)
        raised += n_raised
        answered += n_answered
    return DisclosureFigures(by_category=by_category, objections=raised, answered=answered, titles=tuple(titles))


def disclosure_list(*, visible_to, org: Org | None = None, category: str | None = None) -> QuerySet[Disclosure]:
    qs = in_reach(Disclosure.objects.select_related("org"), visible_to, action=VIEW).filter(under(org))
    qs = qs.annotate(n_objections=Count("objections"))
    return qs.filter(category=category) if category else qs


def disclosure_get(*, visible_to, pk: int) -> Disclosure:
    return get_in_reach_or_404(Disclosure.objects.select_related("org", "published_by"), visible_to, action=VIEW, pk=pk)


def disclosures_for_member(user) -> QuerySet[Disclosure]:
    """Published disclosures of every org the user belongs to or sits under, and of what they manage."""
    published = Disclosure.objects.filter(published_on__isnull=False)
    return (published_to(published, user) | in_reach(published, user, action=VIEW)).select_related("org")


def disclosure_get_for_member(*, user, pk: int) -> Disclosure:
    from django.http import Http404

    found = disclosures_for_member(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def attachments_of(disclosure: Disclosure) -> QuerySet:
    return disclosure.attachments.all()


def attachment_get(*, user, disclosure_pk: int, pk: int):
    """A notice's file for someone the notice is published to, or a cadre who manages it (a draft's too); else 404."""
    from django.http import Http404

    found = attachments_of(disclosure_seen(user=user, pk=disclosure_pk)).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def disclosure_seen(*, user, pk: int) -> Disclosure:
    """A notice for a member it is published to, or for a cadre who manages it; else 404."""
    from django.http import Http404

    found = (disclosures_for_member(user) | in_reach(Disclosure.objects.select_related("org"), user, action=VIEW)).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def objections_of(disclosure: Disclosure, *, user=None) -> QuerySet[Objection]:
    qs = disclosure.objections.select_related("author")
    return qs.filter(author=user) if user is not None else qs


def latest_year(*, org: Org | None) -> int:
    """The overview's default year: this year, or the last year with meetings when this one has none yet."""
    from django.db.models import Max

    this_year = timezone.localdate().year
    last = Meeting.objects.filter(under(org)).aggregate(d=Max("date"))["d"] if org else None
    return last.year if last and last.year < this_year else this_year


def attention(*, visible_to) -> list[Attention]:
    """For the home page: objections raised during a public notice that still wait for an answer."""
    waiting = in_reach(Objection.objects.filter(status=ObjectionStatus.OPEN), visible_to, via="disclosure__org",
                       action="governance.objection.answer")
    return [Attention(_("objections awaiting an answer"), waiting.count(), reverse("governance:disclosures"))]


def disclosure_titles(*, org: Org, start: dt.date, end: dt.date) -> list[str]:
    """The titles of what was disclosed under `org` in [start, end], in the order they went up; one query."""
    return list(Disclosure.objects.filter(under(org), published_on__gte=start, published_on__lte=end)
                .order_by("published_on", "id").values_list("title", flat=True))


def other_meetings(*, org: Org, start: dt.date, end: dt.date) -> list[tuple[dt.date, str, list[str]]]:
    """(date, title, items passed) of the org's own meetings of kind 'other' (a members' assembly,
    a re-election) in [start, end]: the summary names them, as no rule or count says what they were."""
    return other_meeting_figures(org=org, start=start, end=end).own
