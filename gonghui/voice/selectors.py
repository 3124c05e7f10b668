"""Reads of the workers' voice: lists in reach, the person's own items, and the figures.

The figures take (org, start, end) and count the org's whole subtree with a fixed
number of aggregate queries, whatever the volume; the dashboard, the API, the work
summary and the bench all call these, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.formatting import ratio
from gonghui.core.scoping import in_reach, may, under
from gonghui.core.selectors import Attention
from gonghui.members.models import Member
from gonghui.members.selectors import member_of_user, members_on_roll
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import count_by_union

from .choices import ADOPTED_STATES, OPEN_REPORT_STATES, ReportStatus, SuggestionStatus
from .models import AnswerTemplate, Exposure, FollowUp, HazardPost, SafetyGroup, SafetyRep, SafetyReport, Suggestion, Talk, Theme

ZERO = Decimal("0.00")


# ---------------------------------------------------------------- lists

def suggestion_list(
    *, visible_to, org: Org | None = None, status: str | None = None, theme: int | None = None, q: str = "",
    start: dt.date | None = None, end: dt.date | None = None, golden: bool | None = None, reopened: bool | None = None,
) -> QuerySet[Suggestion]:
    qs = in_reach(Suggestion.objects.select_related("org", "theme", "author"), visible_to, action="voice.suggestion.view")
    if org is not None:
        qs = qs.filter(under(org))
    if status:
        qs = qs.filter(status=status)
    if theme:
        qs = qs.filter(theme_id=theme)
    if q.strip():
        qs = qs.filter(Q(title__contains=q.strip()) | Q(body__contains=q.strip()))
    if start:
        qs = qs.filter(submitted_on__gte=start)
    if end:
        qs = qs.filter(submitted_on__lte=end)
    if golden is not None:
        qs = qs.filter(is_golden=golden)
    if reopened:
        qs = qs.filter(reopen_count__gt=0)
    return qs


def suggestions_of(member: Member | None) -> QuerySet[Suggestion]:
    if member is None:
        return Suggestion.objects.none()
    return Suggestion.objects.select_related("theme").filter(author=member)


def suggestion_for(*, user, pk: int) -> tuple[Suggestion, bool]:
    """The suggestion and whether the user manages it: a cadre in reach, or its own author; else 404."""
    suggestion = Suggestion.objects.select_related("org", "union", "theme", "author").filter(pk=pk).first()
    return _managed_or_own(user, suggestion, suggestion.author_id if suggestion else None, action="voice.suggestion.view")


def _managed_or_own(user, obj, author_id: int | None, *, action: str):
    """(obj, True) for a cadre who reaches it, (obj, False) for the member who wrote it; else 404."""
    if obj is None:
        raise Http404
    if getattr(user, "is_authenticated", False) and may(user, action, obj.org):
        return obj, True
    own = member_of_user(user)
    if own is not None and author_id == own.pk:
        return obj, False
    raise Http404


def suggestion_by_receipt(code: str) -> Suggestion | None:
    from .services import receipt_hash  # how the code is kept: with the service that issues it

    if not code or len(code) > 40:
        return None
    return Suggestion.objects.select_related("theme").filter(receipt_hash=receipt_hash(code)).first()


def themes_for(org: Org) -> QuerySet[Theme]:
    """The themes a member of `org` can choose: those of its union (or any org above it)."""
    return Theme.objects.filter(is_active=True, org__path__in=org.ancestor_paths()).order_by("position", "id")


def answer_templates_for(org: Org, *, theme_id: int | None = None) -> QuerySet[AnswerTemplate]:
    qs = AnswerTemplate.objects.select_related("theme").filter(org__path__in=org.ancestor_paths())
    if theme_id:
        qs = qs.filter(Q(theme_id=theme_id) | Q(theme__isnull=True))
    return qs


def answer_template_list(*, visible_to) -> QuerySet[AnswerTemplate]:
    return in_reach(AnswerTemplate.objects.select_related("theme", "org"), visible_to, action="voice.theme.manage")


def report_list(
    *, visible_to, org: Org | None = None, status: str | None = None, group: int | None = None, overdue: bool = False,
    q: str = "", start: dt.date | None = None, end: dt.date | None = None, today: dt.date | None = None,
) -> QuerySet[SafetyReport]:
    qs = in_reach(SafetyReport.objects.select_related("org", "group", "reporter"), visible_to, action="voice.report.view")
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
    return _managed_or_own(user, report, report.reporter_id if report else None, action="voice.report.view")


def safety_groups(*, visible_to, org: Org | None = None) -> QuerySet[SafetyGroup]:
    qs = in_reach(SafetyGroup.objects.select_related("org"), visible_to, action="voice.report.view")
    if org is not None:
        qs = qs.filter(under(org))
    return qs.annotate(n_reps=Count("reps", filter=Q(reps__ended_on__isnull=True)))


def safety_reps(*, visible_to, group: SafetyGroup | None = None) -> QuerySet[SafetyRep]:
    qs = in_reach(SafetyRep.objects.select_related("member", "group", "org"), visible_to, action="voice.report.view").filter(ended_on__isnull=True)
    return qs.filter(group=group) if group else qs


def hazard_post_list(*, visible_to, org: Org | None = None, factor: str | None = None) -> QuerySet[HazardPost]:
    qs = in_reach(HazardPost.objects.select_related("org"), visible_to, action="voice.hazard.view")
    if org is not None:
        qs = qs.filter(under(org))
    if factor:
        qs = qs.filter(factors__contains=factor) if _json_contains_ok() else qs.filter(factors__icontains=factor)
    return qs.annotate(n_exposed=Count("exposures", filter=Q(exposures__until__isnull=True)))


def _json_contains_ok() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def follow_up_list(*, visible_to, post: HazardPost | None = None, due_only: bool = False) -> QuerySet[FollowUp]:
    qs = in_reach(FollowUp.objects.select_related("exposure__member", "exposure__post", "org"), visible_to, action="voice.hazard.view")
    if post is not None:
        qs = qs.filter(exposure__post=post)
    if due_only:
        qs = qs.filter(done_on__isnull=True)
    return qs


def talk_list(*, visible_to, org: Org | None = None, kind: str | None = None, q: str = "") -> QuerySet[Talk]:
    qs = in_reach(Talk.objects.select_related("member", "org", "recorded_by"), visible_to, action="voice.talk.view")
    if org is not None:
        qs = qs.filter(under(org))
    if kind:
        qs = qs.filter(kind=kind)
    if q.strip():
        qs = qs.filter(Q(topic__contains=q.strip()) | Q(member__name__contains=q.strip()))
    return qs


# ---------------------------------------------------------------- figures

@dataclass(frozen=True)
class SuggestionFigures:
    submitted: int
    adopted: int
    rejected: int
    implemented: int
    golden: int
    reopened: int
    saving_yuan: Decimal
    golden_saving_yuan: Decimal
    reward_yuan: Decimal
    rated: int
    satisfied: int
    members: int           # on the roll at the end of the period

    @property
    def decided(self) -> int:
        return self.adopted + self.rejected

    @property
    def per_member(self) -> Decimal | None:
        return ratio(self.submitted, self.members, 2)

    @property
    def adoption_rate(self) -> Decimal | None:
        """Percent of decided suggestions adopted: an undecided one is neither."""
        return ratio(self.adopted * 100, self.decided, 2)


def suggestion_and_report_counts_by_union(*, org: Org, start: dt.date, end: dt.date,
                                          union_of: dict[int, int]) -> tuple[dict[int, int], dict[int, int]]:
    """({union id: suggestions}, {union id: safety reports}) in the period, for a federation's unions."""
    return (
        count_by_union(Suggestion.objects.filter(under(org), submitted_on__gte=start, submitted_on__lte=end), union_of),
        count_by_union(SafetyReport.objects.filter(under(org), reported_on__gte=start, reported_on__lte=end), union_of),
    )


def suggestion_figures(*, org: Org, start: dt.date, end: dt.date, on_roll: int | None = None) -> SuggestionFigures:
    """Two queries: the suggestions grouped by their state (a few dozen rows at most), and the roll
    on `end` (the per-member rate's divisor) unless the caller has counted it (`on_roll`).

    Grouping and adding up in Python keeps the query small to build and to run, whatever the volume.
    """
    rows = (
        Suggestion.objects.filter(under(org), submitted_on__gte=start, submitted_on__lte=end)
        .annotate(was_reopened=ExpressionWrapper(Q(reopen_count__gt=0), output_field=BooleanField()))
        .values_list("status", "is_golden", "rating", "was_reopened")
        .annotate(n=Count("id"), saving=Sum("saving_yuan"), reward=Sum("reward_yuan"))
        .order_by()
    )
    t = {"submitted": 0, "adopted": 0, "rejected": 0, "implemented": 0, "golden": 0, "reopened": 0, "rated": 0, "satisfied": 0}
    saving = golden_saving = reward = ZERO
    for status, golden, rating, reopened, n, row_saving, row_reward in rows:
        t["submitted"] += n
        t["adopted"] += n if status in ADOPTED_STATES else 0
        t["rejected"] += n if status == SuggestionStatus.REJECTED else 0
        t["implemented"] += n if status == SuggestionStatus.IMPLEMENTED else 0
        t["golden"] += n if golden else 0
        t["reopened"] += n if reopened else 0
        t["rated"] += n if rating else 0
        t["satisfied"] += n if rating in ("satisfied", "fairly") else 0
        saving += row_saving or 0
        golden_saving += (row_saving or 0) if golden else 0
        reward += row_reward or 0
    if on_roll is None:
        on_roll = members_on_roll(org=org, days=[end])[end]
    return SuggestionFigures(**t, saving_yuan=saving, golden_saving_yuan=golden_saving, reward_yuan=reward, members=on_roll)


@dataclass
class Breakdown:
    """Rows of (label, counts…) for a chart: by theme, by branch, by month."""

    rows: list[dict] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max((r["total"] for r in self.rows), default=0) or 1


def _children_of(org: Org) -> list[Org]:
    return list(Org.objects.filter(parent=org, is_active=True).order_by("path"))


def _by_child(org: Org, children: list[Org], grouped: list[dict], keys: tuple[str, ...]) -> Breakdown:
    """Attribute rows grouped by placement org path to the child of `org` holding them."""
    totals = {c.pk: {"label": c.name, "org": c, **{k: 0 for k in keys}} for c in children}
    own = {"label": org.name, "org": org, **{k: 0 for k in keys}}
    for g in grouped:
        child = next((c for c in children if g["org__path"].startswith(c.path)), None)
        target = totals[child.pk] if child else own
        for k in keys:
            target[k] += g[k] or 0
    rows = list(totals.values()) + ([own] if any(own[k] for k in keys) else [])
    return Breakdown(rows=rows)


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    months, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _by_month(start: dt.date, end: dt.date, grouped: list[dict], keys: tuple[str, ...]) -> Breakdown:
    found = {(g["y"], g["m"]): g for g in grouped}
    rows = []
    for y, m in _months(start, end):
        g = found.get((y, m), {})
        rows.append({"label": f"{m}月" if start.year == end.year else f"{y}年{m}月", "year": y, "month": m,
                     **{k: g.get(k) or 0 for k in keys}})
    return Breakdown(rows=rows)


def suggestion_themes(*, org: Org, start: dt.date, end: dt.date) -> list[str]:
    """The themes suggestions were made under in the period, in the union's order: one light query
    (the summary names them; the dashboard's breakdown counts them too)."""
    used = Suggestion.objects.filter(under(org), theme=OuterRef("pk"), submitted_on__gte=start, submitted_on__lte=end)
    # Themes are few; asking each whether it was used stops at the first suggestion found.
    names = Theme.objects.filter(Exists(used)).order_by("position", "name").values_list("name", flat=True)
    return list(dict.fromkeys(names))


def suggestion_breakdown(*, org: Org, start: dt.date, end: dt.date) -> dict[str, Breakdown]:
    """By theme, by branch (the org's children) and by month: four queries."""
    base = Suggestion.objects.filter(under(org), submitted_on__gte=start, submitted_on__lte=end)
    counts = {"total": Count("id"), "adopted": Count("id", filter=Q(status__in=ADOPTED_STATES)),
              "implemented": Count("id", filter=Q(status=SuggestionStatus.IMPLEMENTED))}
    keys = tuple(counts)
    themes = base.values("theme__name", "theme__position").annotate(**counts).order_by("theme__position", "theme__name")
    by_theme = Breakdown(rows=[{"label": t["theme__name"] or "—", **{k: t[k] for k in keys}} for t in themes])
    by_branch = _by_child(org, _children_of(org), list(base.values("org__path").annotate(**counts).order_by()), keys)
    months = base.annotate(y=ExtractYear("submitted_on"), m=ExtractMonth("submitted_on")).values("y", "m").annotate(**counts).order_by()
    return {"theme": by_theme, "branch": by_branch, "month": _by_month(start, end, list(months), keys)}


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
    groups = SafetyGroup.objects.filter(under(org), is_active=True).count()
    reps = SafetyRep.objects.filter(under(org), appointed_on__lte=end).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end)).count()
    return SafetyFigures(received=received, resolved=resolved, in_progress=still_open, overdue=overdue, reopened=reopened,
                         answered=answered, median_days_to_answer=_median_of_histogram(waits) if answered else None,
                         groups=groups, reps=reps)


def safety_breakdown(*, org: Org, start: dt.date, end: dt.date, today: dt.date | None = None) -> dict[str, Breakdown]:
    """By supervision group and by month: two queries."""
    today = today or dt.date.today()
    base = SafetyReport.objects.filter(under(org), reported_on__gte=start, reported_on__lte=end)
    counts = {"total": Count("id"), "resolved": Count("id", filter=Q(status=ReportStatus.RESOLVED)),
              "open": Count("id", filter=Q(status__in=OPEN_REPORT_STATES)), "overdue": Count("id", filter=_overdue(today))}
    keys = tuple(counts)
    groups = base.values("group__name", "group__org__path").annotate(**counts).order_by("group__org__path")
    by_group = Breakdown(rows=[{"label": g["group__name"] or "—", **{k: g[k] for k in keys}} for g in groups])
    months = base.annotate(y=ExtractYear("reported_on"), m=ExtractMonth("reported_on")).values("y", "m").annotate(**counts).order_by()
    return {"group": by_group, "month": _by_month(start, end, list(months), keys)}


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


def talk_figures(*, org: Org, start: dt.date, end: dt.date) -> dict[str, int]:
    row = Talk.objects.filter(under(org), date__gte=start, date__lte=end).aggregate(
        talks=Count("id", filter=Q(kind="talk")), visits=Count("id", filter=Q(kind="home_visit")))
    return {"talks": row["talks"], "visits": row["visits"]}


def latest_year(*, org) -> int:
    """The dashboard's default year: this year, or the last year with suggestions when this one has none yet."""
    from django.db.models import Max

    this_year = dt.date.today().year
    last = Suggestion.objects.filter(under(org)).aggregate(d=Max("submitted_on"))["d"] if org else None
    return last.year if last and last.year < this_year else this_year


def attention(*, visible_to) -> list[Attention]:
    """For the home page: new suggestions nobody has looked at, and safety reports past their deadline."""
    return [
        Attention(_("new suggestions awaiting review"),
                  suggestion_list(visible_to=visible_to, status=SuggestionStatus.SUBMITTED).count(),
                  reverse("voice:queue") + f"?status={SuggestionStatus.SUBMITTED}"),
        Attention(_("safety reports past their deadline"), report_list(visible_to=visible_to, overdue=True).count(),
                  reverse("voice:reports") + "?overdue=1"),
    ]
