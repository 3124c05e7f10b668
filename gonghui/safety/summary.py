"""The safety network and the hazard census in the work summary (劳动安全保护三级网络, 接害岗位).

Every number comes from safety.selectors; shortcomings and plans are read off the records.
The hand-written SQL stating the same figures for the summary bench is in bench/raw_sql/safety.py.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.formatting import format_count, format_decimal
from gonghui.core.summary import Figure, Period, Section, headline_sections, org_words
from gonghui.orgs.choices import OrgKind

from .selectors import report_counts_by_union, safety_breakdown, safety_summary_figures

# Right after the voice's suggestions (30): the seed summaries speak of the two together.
ORDER = 31


QUARTERS = "一二三四"


GROUP_ROWS = 20   # past this many groups, the busiest are named and the others added up in one clause


def group_sentence(rows: list[dict]) -> str:
    """分监督小组看，炼铁作业区监督小组收到156条、解决130条；……: each group that sent reports in
    (past GROUP_ROWS of them, the busiest, then 其余N个小组 together)."""
    sent = [r for r in rows if r["total"] and r["label"] != "—"]
    if len(sent) < 2:
        return ""
    if len(sent) > GROUP_ROWS:
        busiest = sorted(sent, key=lambda r: -r["total"])
        rest = busiest[GROUP_ROWS:]
        sent = busiest[:GROUP_ROWS] + [{"label": _("the other %(n)s groups") % {"n": format_count(len(rest))},
                                        "total": sum(r["total"] for r in rest), "resolved": sum(r["resolved"] for r in rest)}]
    parts = pgettext("clause separator", "; ").join(
        _("%(group)s received %(n)s and resolved %(resolved)s") % {
            "group": r["label"], "n": f"{format_count(r['total'])}条", "resolved": f"{format_count(r['resolved'])}条"}
        for r in sent)
    return _("By supervision group: %(parts)s.") % {"parts": parts}


def quarter_sentence(months: list[dict]) -> str:
    """按季度看，一季度收到…条、二季度…条……: the reports of a year, quarter by quarter."""
    by_quarter: dict[int, int] = {}
    for row in months:
        by_quarter[(row["month"] - 1) // 3] = by_quarter.get((row["month"] - 1) // 3, 0) + row["total"]
    if len({row["year"] for row in months}) != 1 or sum(1 for n in by_quarter.values() if n) < 2:
        return ""
    parts = "、".join(_("quarter %(q)s: %(n)s") % {"q": QUARTERS[q], "n": f"{format_count(n)}条"}
                     for q, n in sorted(by_quarter.items()) if n)
    return _("Quarter by quarter the reps sent in %(parts)s.") % {"parts": parts}


def _heading(org=None) -> str:
    return _("Labour safety: the safety network and the health of %(staff)s") % org_words(org)


def _received_figure(n: int) -> Figure:
    return Figure("safety.reports.received", _("safety reports received"), n, f"{format_count(n)}条", source="/safety/reports/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """Each union's safety reports in the period, sent by its reps."""
    received = report_counts_by_union(org=org, start=period.start, end=period.end, union_of=union_of)
    return headline_sections(received, key="safety", order=ORDER, heading=_heading(org), figure=_received_figure)


def sections(*, org, period: Period) -> list[Section]:
    today = dt.date.today()
    safety, hazards, months = safety_summary_figures(org=org, start=period.start, end=period.end, today=today)
    if not (safety.received or safety.groups or safety.reps or hazards.posts_surveyed):
        return []
    words = org_words(org)
    figures: list[Figure] = []
    items: list[str] = []
    shortcomings: list[str] = []
    plans: list[str] = []

    if safety.groups or safety.reps:
        figures += [
            Figure("safety.network.groups", _("supervision groups"), safety.groups, f"{format_count(safety.groups)}个"),
            # named as the sentence names them (职工安全代表 / 员工安全代表): one name for the same people
            Figure("safety.network.reps", _("%(staff)s safety reps") % words, safety.reps, f"{format_count(safety.reps)}名",
                   source="/safety/network/"),
        ]
        items.append(_(
            "The union's three-level labour safety protection network now has %(groups)s labour protection "
            "supervision groups and %(reps)s %(staff)s safety reps."
        ) % {"groups": f"{format_count(safety.groups)}个", "reps": f"{format_count(safety.reps)}名", **words})
    if safety.received:
        figures += [
            _received_figure(safety.received),
            Figure("safety.reports.resolved", _("safety reports resolved"), safety.resolved, f"{format_count(safety.resolved)}条"),
            Figure("safety.reports.in_progress", _("safety reports being acted on"), safety.in_progress,
                   f"{format_count(safety.in_progress)}条"),
            Figure("safety.reports.overdue", _("safety reports past their deadline"), safety.overdue, f"{format_count(safety.overdue)}条"),
        ]
        text = _(
            "The union handled the safety reps' suggestions and reports every month, passed them to the functional "
            "units and answered the reps in writing. %(period)s it received %(received)s reports from %(staff)s safety "
            "reps and resolved %(resolved)s; %(open)s are still being acted on by the functional units."
        ) % {"period": period.label, "received": f"{format_count(safety.received)}条",
             "resolved": f"{format_count(safety.resolved)}条", "open": f"{format_count(safety.in_progress)}条", **words}
        # a federation's groups belong to its unions, whose own lines follow: named here they would repeat
        # 生产一车间劳动保护监督小组 once per union
        groups = [] if org.kind == OrgKind.FEDERATION else \
            safety_breakdown(org=org, start=period.start, end=period.end, today=today, by=("group",))["group"].rows
        for sentence in (group_sentence(groups), quarter_sentence(months)):
            if sentence:
                text += sentence
        if safety.median_days_to_answer is not None:
            # a median in plain words: half of the reports were answered within that many days
            days = format_decimal(safety.median_days_to_answer, 1, strip=True)
            figures.append(Figure("safety.reports.median_days", _("median days to answer a safety report"),
                                  safety.median_days_to_answer, f"{days}天"))
            text += _("Half of the reports were answered within %(days)s days.") % {"days": days}
        items.append(text)
        if safety.overdue:
            shortcomings.append(_("%(n)s safety reports are past the deadline given to the responsible unit.") % {
                "n": f"{format_count(safety.overdue)}条"})
        if safety.reopened:
            figures.append(Figure("safety.reports.reopened", _("safety reports reopened"), safety.reopened,
                                  f"{format_count(safety.reopened)}条"))
            shortcomings.append(_("%(n)s safety reports marked resolved were reopened by the safety reps.") % {
                "n": f"{format_count(safety.reopened)}条"})
        if safety.in_progress:
            plans.append(_("Follow the %(n)s safety reports still being acted on until each is resolved and answered.") % {
                "n": f"{format_count(safety.in_progress)}条"})

    if hazards.posts_surveyed:
        figures += [
            Figure("safety.hazards.posts", _("hazard posts surveyed"), hazards.posts_surveyed, f"{format_count(hazards.posts_surveyed)}个",
                   source="/safety/hazards/"),
            Figure("safety.hazards.exposed", _("workers exposed"), hazards.workers_exposed, f"{format_count(hazards.workers_exposed)}名"),
        ]
        items.append(_(
            "To prevent occupational disease the union surveyed, one by one, the %(posts)s posts with occupational "
            "hazard factors, and counted %(workers)s %(staff)s exposed to them; it will follow their time off the post "
            "and their recuperation leave."
        ) % {"posts": f"{format_count(hazards.posts_surveyed)}个", "workers": f"{format_count(hazards.workers_exposed)}名", **words})
        if hazards.follow_ups_open:
            figures.append(Figure("safety.hazards.follow_ups_open", _("health checks and recuperation leaves due"),
                                  hazards.follow_ups_open, f"{format_count(hazards.follow_ups_open)}项"))
            plans.append(_("Complete the %(n)s health checks and recuperation leaves of exposed %(staff)s still due.") % {
                "n": f"{format_count(hazards.follow_ups_open)}项", **words})

    return [Section(key="safety", order=ORDER, heading=_heading(org),
                    paragraphs=[], items=items, figures=figures, shortcomings=shortcomings, plans=plans)]
