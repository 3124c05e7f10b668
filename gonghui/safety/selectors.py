"""Reads of the safety network and the hazard census: lists in reach, the rep's own reports, and
the figures (a fixed number of aggregate queries whatever the volume; the dashboard, the API,
the work summary and the bench all call these, so they always agree)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Func, IntegerField, Q, QuerySet, Subquery
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.formatting import ratio
from gonghui.core.scoping import in_reach, may, under
from gonghui.core.selectors import Attention
from gonghui.members.models import Member
from gonghui.members.selectors import member_of_user
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import count_by_union
from gonghui.voice.selectors import Breakdown, by_month

from .choices import OPEN_REPORT_STATES, ReportStatus
from .models import Exposure, FollowUp, HazardPost, SafetyGroup, SafetyRep, SafetyReport


# ---------------------------------------------------------------- lists

def report_list(
    *, visible_to, org: Org | None = None, status: str | None = None, group: int | None = None, overdue: bool = False,
    q: str = "", start: dt.date | None = None, end: dt.date | None = None, today: dt.date | None = None,
) -> QuerySet[SafetyReport]:
    qs = in_reach(SafetyReport.objects.select_related("org", "group", "reporter"), visible_to, action="safety.report.view")
    if org is not None:
        qs = qs.filter(under(org))
    if status == "open":
        qs = qs.filter(status__in=OPEN_REPORT_STATES)
    elif status:
        qs = qs.filter(status=status)
    if group:
        qs = qs.filter(group_id=group)
    if overdue:
        qs = qs.filter(_overdue(today or dt.date.today()))
    if q.strip():
        qs = qs.filter(Q(place__contains=q.strip()) | Q(description__contains=q.strip()))
    if start:
        qs = qs.filter(reported_on__gte=start)
    if end:
        qs = qs.filter(reported_on__lte=end)
    return qs


def _overdue(today: dt.date) -> Q:
    return Q(status__in=OPEN_REPORT_STATES, deadline__lt=today)


def reports_of(member: Member | None) -> QuerySet[SafetyReport]:
    if member is None:
        return SafetyReport.objects.none()
    return SafetyReport.objects.select_related("group").filter(reporter=member)


def report_for(*, user, pk: int) -> tuple[SafetyReport, bool]:
    """The safety report and whether the user manages it: a cadre in reach, or the rep who sent it; else 404."""
    report = SafetyReport.objects.select_related("org", "group", "reporter").filter(pk=pk).first()
    return _managed_or_own(user, report, report.reporter_id if report else None, action="safety.report.view")


def safety_groups(*, visible_to, org: Org | None = None) -> QuerySet[SafetyGroup]:
    qs = in_reach(SafetyGroup.objects.select_related("org"), visible_to, action="safety.report.view")
    if org is not None:
        qs = qs.filter(under(org))
    return qs.annotate(n_reps=Count("reps", filter=Q(reps__ended_on__isnull=True)))


def safety_reps(*, visible_to, group: SafetyGroup | None = None) -> QuerySet[SafetyRep]:
    qs = in_reach(SafetyRep.objects.select_related("member", "group", "org"), visible_to, action="safety.report.view").filter(ended_on__isnull=True)
    return qs.filter(group=group) if group else qs


def hazard_post_list(*, visible_to, org: Org | None = None, factor: str | None = None) -> QuerySet[HazardPost]:
    qs = in_reach(HazardPost.objects.select_related("org"), visible_to, action="safety.hazard.view")
    if org is not None:
        qs = qs.filter(under(org))
    if factor:
        qs = qs.filter(factors__contains=factor) if _json_contains_ok() else qs.filter(factors__icontains=factor)
    return qs.annotate(n_exposed=Count("exposures", filter=Q(exposures__until__isnull=True)))


def _json_contains_ok() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def follow_up_list(*, visible_to, post: HazardPost | None = None, due_only: bool = False) -> QuerySet[FollowUp]:
    qs = in_reach(FollowUp.objects.select_related("exposure__member", "exposure__post", "org"), visible_to, action="safety.hazard.view")
    if post is not None:
        qs = qs.filter(exposure__post=post)
    if due_only:
        qs = qs.filter(done_on__isnull=True)
    return qs


def _managed_or_own(user, obj, reporter_id: int | None, *, action: str):
    """(obj, True) for a cadre who reaches it, (obj, False) for the rep who sent it; else 404."""
    if obj is None:
        raise Http404
    if getattr(user, "is_authenticated", False) and may(user, action, obj.org):
        return obj, True
    own = member_of_user(user)
    if own is not None and reporter_id == own.pk:
        return obj, False
    raise Http404


# ---------------------------------------------------------------- figures

def report_counts_by_union(*, org: Org, start: dt.date, end: dt.date, union_of: dict[int, int]) -> dict[int, int]:
    """{union id: safety reports} in the period, for a federation's unions."""
    return count_by_union(SafetyReport.objects.filter(under(org), reported_on__gte=start, reported_on__lte=end), union_of)


@dataclass(frozen=True)
class SafetyFigures:
    received: int
    resolved: int
    in_progress: int        # every report not yet resolved: being acted on
    overdue: int            # of those, past their deadline
    reopened: int
    answered: int
    median_days_to_answer: Decimal | None
    groups: int
    reps: int

    @property
    def resolution_rate(self) -> Decimal | None:
        return ratio(self.resolved * 100, self.received, 2)


def _median_of_histogram(counts: dict[int, int]) -> Decimal:
    """The median of values given as {value: how many}, to one decimal."""
    total, seen = sum(counts.values()), 0
    lower, upper = (total - 1) // 2, total // 2   # the middle positions (equal when total is odd)
    found = {}
    for value in sorted(counts):
        first, seen = seen, seen + counts[value]
        for position in (lower, upper):
            if first <= position < seen:
                found[position] = value
    return (Decimal(found[lower] + found[upper]) / 2).quantize(Decimal("0.1"))


def _network(org: Org, end: dt.date) -> tuple[int, int]:
    """Active supervision groups, and safety reps in office on `end`: two counts."""
    groups = SafetyGroup.objects.filter(under(org), is_active=True).count()
    reps = SafetyRep.objects.filter(under(org), appointed_on__lte=end).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end)).count()
    return groups, reps


def safety_figures(*, org: Org, start: dt.date, end: dt.date, today: dt.date | None = None) -> SafetyFigures:
    """Three queries: the reports grouped by state and days to answer, the groups, the reps."""
    today = today or dt.date.today()
    rows = (
        SafetyReport.objects.filter(under(org), reported_on__gte=start, reported_on__lte=end)
        .annotate(late=ExpressionWrapper(_overdue(today), output_field=BooleanField()),
                  was_reopened=ExpressionWrapper(Q(reopen_count__gt=0), output_field=BooleanField()))
        .values_list("status", "late", "was_reopened", "days_to_answer")
        .annotate(n=Count("id"))
        .order_by()
    )
    received = resolved = still_open = overdue = reopened = 0
    waits: dict[int, int] = {}
    for status, late, was_reopened, days, n in rows:
        received += n
        resolved += n if status == ReportStatus.RESOLVED else 0
        still_open += n if status in OPEN_REPORT_STATES else 0
        overdue += n if late else 0
        reopened += n if was_reopened else 0
        if days is not None:
            waits[days] = waits.get(days, 0) + n
    answered = sum(waits.values())
    groups, reps = _network(org, end)
    return SafetyFigures(received=received, resolved=resolved, in_progress=still_open, overdue=overdue, reopened=reopened,
                         answered=answered, median_days_to_answer=_median_of_histogram(waits) if answered else None,
                         groups=groups, reps=reps)


def safety_summary_figures(*, org: Org, start: dt.date, end: dt.date, today: dt.date
                           ) -> tuple[SafetyFigures, HazardFigures, list[dict]]:
    """safety_figures, hazard_figures, and the reports of each month (when the period lies in one
    calendar year: the summary speaks of quarters only then), in two queries: the reports counted by
    days to answer (the median's histogram: a few dozen rows) with every state and month counted
    alongside, then the network's and the census's counts in one statement. Months are date
    ranges, never a date function called on every row."""
    months = []
    if start.year == end.year:
        month = start.replace(day=1)
        while month <= end:
            following = (month + dt.timedelta(days=32)).replace(day=1)
            months.append((month, max(month, start), min(following - dt.timedelta(days=1), end)))
            month = following
    rows = (
        SafetyReport.objects.filter(under(org), reported_on__gte=start, reported_on__lte=end)
        .values_list("days_to_answer")
        .annotate(n=Count("id"), resolved=Count("id", filter=Q(status=ReportStatus.RESOLVED)),
                  open=Count("id", filter=Q(status__in=OPEN_REPORT_STATES)), overdue=Count("id", filter=_overdue(today)),
                  reopened=Count("id", filter=Q(reopen_count__gt=0)),
                  **{f"m{i}": Count("id", filter=Q(reported_on__gte=lo, reported_on__lte=hi)) for i, (_m, lo, hi) in enumerate(months)})
        .order_by()
    )
    totals = [0] * (5 + len(months))
    waits: dict[int, int] = {}
    for days, *counts in rows:
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        if days is not None:
            waits[days] = waits.get(days, 0) + counts[0]
    received, resolved, still_open, overdue, reopened = totals[:5]
    answered = sum(waits.values())
    counted = _standing_counts(org, start, end)
    figures = SafetyFigures(received=received, resolved=resolved, in_progress=still_open, overdue=overdue, reopened=reopened,
                            answered=answered, median_days_to_answer=_median_of_histogram(waits) if answered else None,
                            groups=counted["groups"], reps=counted["reps"])
    hazards = HazardFigures(posts_surveyed=counted["posts"], workers_exposed=counted["exposed"],
                            follow_ups_due=counted["due"], follow_ups_done=counted["done"])
    by_month = [{"label": f"{m.month}月", "year": m.year, "month": m.month, "total": n} for (m, _lo, _hi), n in zip(months, totals[5:], strict=True)]
    return figures, hazards, by_month


def _count_of(queryset: QuerySet, field: str = "id", *, distinct: bool = False) -> Subquery:
    """COUNT over a queryset as a scalar subquery (a plain function, not an aggregate, so no GROUP BY)."""
    template = "%(function)s(DISTINCT %(expressions)s)" if distinct else "%(function)s(%(expressions)s)"
    counted = queryset.order_by().annotate(n=Func(F(field), function="COUNT", template=template)).values("n")
    return Subquery(counted, output_field=IntegerField())


def _standing_counts(org: Org, start: dt.date, end: dt.date) -> dict[str, int]:
    """The network and the hazard census as the period leaves them, in one statement of scalar subqueries:
    active groups, reps in office on `end`, posts surveyed by then, distinct workers exposed in the
    period, and the follow-ups due in it (with those done)."""
    follow_ups = FollowUp.objects.filter(under(org), due_on__gte=start, due_on__lte=end)
    return Org.objects.filter(pk=org.pk).values(
        groups=_count_of(SafetyGroup.objects.filter(under(org), is_active=True)),
        reps=_count_of(SafetyRep.objects.filter(under(org), appointed_on__lte=end)
                       .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))),
        posts=_count_of(HazardPost.objects.filter(under(org), surveyed_on__lte=end)),
        exposed=_count_of(Exposure.objects.filter(under(org), since__lte=end).filter(Q(until__isnull=True) | Q(until__gte=start)),
                          "member_id", distinct=True),
        due=_count_of(follow_ups),
        done=_count_of(follow_ups.filter(done_on__isnull=False)),
    ).get()


def safety_breakdown(*, org: Org, start: dt.date, end: dt.date, today: dt.date | None = None,
                     by: tuple[str, ...] = ("group", "month")) -> dict[str, Breakdown]:
    """By supervision group and by month: a query each; `by` picks which."""
    today = today or dt.date.today()
    base = SafetyReport.objects.filter(under(org), reported_on__gte=start, reported_on__lte=end)
    counts = {"total": Count("id"), "resolved": Count("id", filter=Q(status=ReportStatus.RESOLVED)),
              "open": Count("id", filter=Q(status__in=OPEN_REPORT_STATES)), "overdue": Count("id", filter=_overdue(today))}
    keys = tuple(counts)
    found = {}
    if "group" in by:
        groups = base.values("group__name", "group__org__path").annotate(**counts).order_by("group__org__path")
        found["group"] = Breakdown(rows=[{"label": g["group__name"] or "—", **{k: g[k] for k in keys}} for g in groups])
    if "month" in by:
        months = base.annotate(y=ExtractYear("reported_on"), m=ExtractMonth("reported_on")).values("y", "m").annotate(**counts).order_by()
        found["month"] = by_month(start, end, list(months), keys)
    return found


@dataclass(frozen=True)
class HazardFigures:
    posts_surveyed: int
    workers_exposed: int
    follow_ups_due: int
    follow_ups_done: int

    @property
    def follow_ups_open(self) -> int:
        return self.follow_ups_due - self.follow_ups_done


def hazard_figures(*, org: Org, start: dt.date, end: dt.date) -> HazardFigures:
    """Three queries: posts surveyed by the period's end, distinct workers exposed in it, follow-ups due in it."""
    posts = HazardPost.objects.filter(under(org), surveyed_on__lte=end).count()
    exposed = (Exposure.objects.filter(under(org), since__lte=end).filter(Q(until__isnull=True) | Q(until__gte=start))
               .aggregate(n=Count("member_id", distinct=True))["n"])
    follow = FollowUp.objects.filter(under(org), due_on__gte=start, due_on__lte=end).aggregate(
        due=Count("id"), done=Count("id", filter=Q(done_on__isnull=False)))
    return HazardFigures(posts_surveyed=posts, workers_exposed=exposed, follow_ups_due=follow["due"], follow_ups_done=follow["done"])


def attention(*, visible_to) -> list[Attention]:
    """For the home page: safety reports past their deadline."""
    return [
        Attention(_("safety reports past their deadline"), report_list(visible_to=visible_to, overdue=True).count(),
                  reverse("safety:reports") + "?overdue=1"),
    ]


def latest_year(*, org) -> int:
    """The dashboard's default year: this year, or the last year with safety reports when this one has none yet."""
    from django.db.models import Max

    this_year = dt.date.today().year
    last = SafetyReport.objects.filter(under(org)).aggregate(d=Max("reported_on"))["d"] if org else None
    return last.year if last and last.year < this_year else this_year
