"""Reads of the workers' voice: lists in reach, the person's own items, and the figures.
(The safety network's are in gonghui.safety.selectors.)

The figures take (org, start, end) and count the org's whole subtree with a fixed
number of aggregate queries, whatever the volume; the dashboard, the API, the work
summary and the bench all call these, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from functools import reduce
from operator import or_

from django.db.models import (BooleanField, Case, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, QuerySet, Sum,
                              Value, When)
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.formatting import ratio
from gonghui.core.scoping import in_reach, may, under
from gonghui.core.selectors import Attention
from gonghui.members.models import Member
from gonghui.members.selectors import member_of_user, members_on_roll, members_on_roll_by_union
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import count_by_union, union_ids_by_org

from .choices import ADOPTED_STATES, SuggestionStatus
from .models import AnswerTemplate, Suggestion, Theme

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


def suggestion_counts_by_union(*, org: Org, start: dt.date, end: dt.date, union_of: dict[int, int],
                               adopted_only: bool = False) -> dict[int, int]:
    """{union id: suggestions (or only those adopted)} in the period, for a federation's unions."""
    found = Suggestion.objects.filter(under(org), submitted_on__gte=start, submitted_on__lte=end)
    if adopted_only:
        found = found.filter(status__in=ADOPTED_STATES)
    return count_by_union(found, union_of)


def per_head_rolls(*, org: Org, spans: list[tuple[dt.date, dt.date]]) -> dict[dt.date, int]:
    """{end of each span: the roll that suggestions per head divide by}.

    A union's (or a branch's) whole roll on that day. A federation's is the roll of only those
    of its unions that recorded suggestions in the span: a union that keeps no suggestion
    records is not a union whose people made none, and dividing every union's suggestions by
    the whole federation's roll would understate the rate by as much as they are missing.
    """
    if getattr(org, "kind", None) != OrgKind.FEDERATION:
        return members_on_roll(org=org, days=[end for _start, end in spans])
    union_of = union_ids_by_org(org)
    rolls = {}
    for start, end in spans:
        active = suggestion_counts_by_union(org=org, start=start, end=end, union_of=union_of)
        roll = members_on_roll_by_union(org=org, day=end, union_of=union_of)
        rolls[end] = sum(roll.get(pk, 0) for pk, n in active.items() if n)
    return rolls


def _figure_rows(org: Org, spans: list[tuple[dt.date, dt.date]]) -> QuerySet:
    """The org's suggestions of the spans grouped by span (its index), state, golden, rating and reopened:
    a few dozen rows at most, whatever the volume. Spans must not overlap (a period and the same
    period last year never do)."""
    within = [Q(submitted_on__gte=start, submitted_on__lte=end) for start, end in spans]
    span = Case(*[When(q, then=Value(i)) for i, q in enumerate(within)], output_field=IntegerField())
    return (
        Suggestion.objects.filter(under(org)).filter(reduce(or_, within))
        .annotate(span=span, was_reopened=ExpressionWrapper(Q(reopen_count__gt=0), output_field=BooleanField()))
        .values_list("span", "status", "is_golden", "rating", "was_reopened")
        .annotate(n=Count("id"), saving=Sum("saving_yuan"), reward=Sum("reward_yuan"))
        .order_by()
    )


def _add_up(rows, on_roll: int) -> SuggestionFigures:
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
    return SuggestionFigures(**t, saving_yuan=saving, golden_saving_yuan=golden_saving, reward_yuan=reward, members=on_roll)


def suggestion_figures(*, org: Org, start: dt.date, end: dt.date, on_roll: int | None = None) -> SuggestionFigures:
    """Two queries: the suggestions grouped by their state (a few dozen rows at most), and the roll
    on `end` (the per-member rate's divisor) unless the caller has counted it (`on_roll`).

    Grouping and adding up in Python keeps the query small to build and to run, whatever the volume.
    """
    rows = [row[1:] for row in _figure_rows(org, [(start, end)])]
    if on_roll is None:
        on_roll = per_head_rolls(org=org, spans=[(start, end)])[end]
    return _add_up(rows, on_roll)


def suggestion_figures_by_span(*, org: Org, spans: list[tuple[dt.date, dt.date]], on_roll: dict[dt.date, int] | None = None
                               ) -> list[SuggestionFigures]:
    """suggestion_figures of each span (say a period and the same period last year) from one query:
    the summary's 同比 without a second pass. `on_roll`: {end of each span: the per-head divisor};
    without it the rolls are counted (per_head_rolls), and only if some span has suggestions."""
    rows: list[list] = [[] for _span in spans]
    for span, *row in _figure_rows(org, spans):
        rows[span].append(row)
    if on_roll is None:
        on_roll = per_head_rolls(org=org, spans=spans) if any(rows) else {end: 0 for _start, end in spans}
    return [_add_up(found, on_roll[end]) for found, (_start, end) in zip(rows, spans, strict=True)]


@dataclass
class Breakdown:
    """Rows of (label, counts…) for a chart: by theme, by branch, by month."""

    rows: list[dict] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max((r["total"] for r in self.rows), default=0) or 1


def _children_of(org: Org) -> list[Org]:
    return list(Org.objects.filter(parent=org, is_active=True).order_by("path"))


BREAKDOWN_ROWS = 20  # a federation's hundreds of unions: the busiest twenty, and the rest added up


def _by_child(org: Org, children: list[Org], grouped: list[dict], keys: tuple[str, ...]) -> Breakdown:
    """Attribute rows grouped by placement org path to the child of `org` holding them.

    The child is read off the path ('/1/4/17/' under '/1/' is child 4), so a federation's
    thousands of org paths cost one dict lookup each, not a walk over its unions. Past
    BREAKDOWN_ROWS children only the busiest are shown, then one row for all the others."""
    totals = {c.pk: {"label": c.name, "org": c, **{k: 0 for k in keys}} for c in children}
    own = {"label": org.name, "org": org, **{k: 0 for k in keys}}
    for g in grouped:
        head = g["org__path"][len(org.path):].split("/", 1)[0]
        target = totals.get(int(head)) if head.isdigit() else None
        target = target or own
        for k in keys:
            target[k] += g[k] or 0
    rows = list(totals.values())
    if len(rows) > BREAKDOWN_ROWS:
        rows.sort(key=lambda r: -r[keys[0]])
        rest = rows[BREAKDOWN_ROWS:]
        rows = rows[:BREAKDOWN_ROWS] + [{"label": _("the other %(n)s") % {"n": len(rest)}, "org": None,
                                         **{k: sum(r[k] for r in rest) for k in keys}}]
    rows += [own] if any(own[k] for k in keys) else []
    return Breakdown(rows=rows)


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    months, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def by_month(start: dt.date, end: dt.date, grouped: list[dict], keys: tuple[str, ...]) -> Breakdown:
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


def suggestion_breakdown(*, org: Org, start: dt.date, end: dt.date, by: tuple[str, ...] = ("theme", "branch", "month")
                         ) -> dict[str, Breakdown]:
    """By theme (one query), by branch (the org's children: two) and by month (one); `by` picks which
    (the summary names themes and branches, and has no use for the months)."""
    base = Suggestion.objects.filter(under(org), submitted_on__gte=start, submitted_on__lte=end)
    counts = {"total": Count("id"), "adopted": Count("id", filter=Q(status__in=ADOPTED_STATES)),
              "implemented": Count("id", filter=Q(status=SuggestionStatus.IMPLEMENTED))}
    keys = tuple(counts)
    found = {}
    if "theme" in by:
        themes = base.values("theme__name", "theme__position").annotate(**counts).order_by("theme__position", "theme__name")
        found["theme"] = Breakdown(rows=[{"label": t["theme__name"] or "—", **{k: t[k] for k in keys}} for t in themes])
    if "branch" in by:
        found["branch"] = _by_child(org, _children_of(org), list(base.values("org__path").annotate(**counts).order_by()), keys)
    if "month" in by:
        months = base.annotate(y=ExtractYear("submitted_on"), m=ExtractMonth("submitted_on")).values("y", "m").annotate(**counts).order_by()
        found["month"] = by_month(start, end, list(months), keys)
    return found


def latest_year(*, org) -> int:
    """The dashboard's default year: this year, or the last year with suggestions when this one has none yet."""
    from django.db.models import Max

    this_year = dt.date.today().year
    last = Suggestion.objects.filter(under(org)).aggregate(d=Max("submitted_on"))["d"] if org else None
    return last.year if last and last.year < this_year else this_year


def attention(*, visible_to) -> list[Attention]:
    """For the home page: new suggestions nobody has looked at."""
    return [
        Attention(_("new suggestions awaiting review"),
                  suggestion_list(visible_to=visible_to, status=SuggestionStatus.SUBMITTED).count(),
                  reverse("voice:queue") + f"?status={SuggestionStatus.SUBMITTED}"),
    ]


# ---------------------------------------------------------------- the federation's roll-up
BREAKDOWN_KEYS = ("total", "adopted", "implemented")
FIGURE_COUNTS = ("submitted", "adopted", "rejected", "implemented", "golden", "reopened", "rated", "satisfied")
FIGURE_AMOUNTS = ("saving_yuan", "golden_saving_yuan", "reward_yuan")


def suggestion_rollup(*, org: Org, start: dt.date, end: dt.date, union_of: dict[int, int]) -> dict:
    """What the roll-up keeps of a federation's suggestions in [start, end] (portal.services.rollup_refresh
    stores it in the federation's own row): the dashboard's figures, its bars by month ({month: [total,
    adopted, implemented]}), by theme ([[name, position, total, adopted, implemented]]) and by union
    ({union id: [total, adopted, implemented]}), and the roll per head divides by. Four grouped queries."""
    base = Suggestion.objects.filter(under(org), submitted_on__gte=start, submitted_on__lte=end).order_by()
    rows = (base.annotate(was_reopened=ExpressionWrapper(Q(reopen_count__gt=0), output_field=BooleanField()))
            .values_list("status", "is_golden", "rating", "was_reopened")
            .annotate(n=Count("id"), saving=Sum("saving_yuan"), reward=Sum("reward_yuan")))
    added = _add_up(rows, on_roll=0)   # added up as the live dashboard adds them
    t = {k: getattr(added, k) for k in FIGURE_COUNTS + FIGURE_AMOUNTS}
    counts = {"total": Count("id"), "adopted": Count("id", filter=Q(status__in=ADOPTED_STATES)),
              "implemented": Count("id", filter=Q(status=SuggestionStatus.IMPLEMENTED))}
    months = {str(g["m"]): [g[k] for k in BREAKDOWN_KEYS]
              for g in base.annotate(m=ExtractMonth("submitted_on")).values("m").annotate(**counts)}
    themes = [[g["theme__name"], g["theme__position"], *(g[k] for k in BREAKDOWN_KEYS)]
              for g in base.values("theme__name", "theme__position").annotate(**counts)]
    unions: dict[int, list[int]] = {}
    for g in base.values("org_id").annotate(**counts):
        union_pk = union_of.get(g["org_id"])
        if union_pk is not None:
            row = unions.setdefault(union_pk, [0, 0, 0])
            for i, k in enumerate(BREAKDOWN_KEYS):
                row[i] += g[k]
    return {"figures": {**t, **{k: str(t[k]) for k in FIGURE_AMOUNTS}}, "months": months, "themes": themes,
            "unions": {str(pk): row for pk, row in unions.items()}}


@dataclass(frozen=True)
class RolledUpDashboard:
    year: int
    figures: SuggestionFigures
    breakdown: dict[str, Breakdown]
    computed_at: dt.datetime


def rolled_up_dashboard(*, org: Org, year: int | None = None) -> RolledUpDashboard | None:
    """A federation's suggestions dashboard from its roll-up (the federation's own rows of
    orgs.UnionRollup, written by portal.services.rollup_refresh), in two queries whatever the number
    of its unions; None for a union, or a year the roll-up does not keep. Without a year: this year,
    or last year while this one has no suggestions yet (as `latest_year`)."""
    from gonghui.orgs.selectors import rollup_for

    if getattr(org, "kind", None) != OrgKind.FEDERATION:
        return None
    this_year = dt.date.today().year
    years = [year] if year else [this_year, this_year - 1]
    rollup = rollup_for(federation=org, years=years, unions=False)
    if rollup is None:
        return None
    kept = {y: f["voice"] for (_pk, y), f in rollup.rows.items() if "voice" in f}
    if year is None:
        busy = [y for y in years if y in kept and kept[y]["figures"]["submitted"]]
        year = busy[0] if busy else this_year
    if year not in kept:
        return None
    voice = kept[year]
    f = voice["figures"]
    figures = SuggestionFigures(**{k: f[k] for k in FIGURE_COUNTS}, **{k: Decimal(f[k]) for k in FIGURE_AMOUNTS},
                                members=voice["members"])
    themes = sorted(voice["themes"], key=lambda t: (t[1] if t[1] is not None else 1 << 30, t[0] or ""))
    children = _children_of(org)
    grouped = [{"org__path": c.path, **dict(zip(BREAKDOWN_KEYS, voice["unions"][str(c.pk)], strict=True))}
               for c in children if str(c.pk) in voice["unions"]]
    months = [{"y": year, "m": int(m), **dict(zip(BREAKDOWN_KEYS, values, strict=True))}
              for m, values in voice["months"].items()]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return RolledUpDashboard(year=year, figures=figures, computed_at=rollup.computed_at, breakdown={
        "theme": Breakdown(rows=[{"label": name or "—", **dict(zip(BREAKDOWN_KEYS, values, strict=True))}
                                 for name, _position, *values in themes]),
        "branch": _by_child(org, children, grouped, BREAKDOWN_KEYS),
        "month": by_month(start, end, months, BREAKDOWN_KEYS),
    })
