"""The workers' voice in the work summary: suggestions, the safety network, hazard posts, talks.

Every number comes from voice.selectors; shortcomings and plans are read off the records.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gonghui.core.formatting import format_count, format_decimal, format_percent, format_wan_yuan
from gonghui.reports.providers import Figure, Period, Section

from .selectors import hazard_figures, safety_figures, suggestion_breakdown, suggestion_figures, talk_figures


def _theme_phrase(org, breakdown) -> str:
    names = [r["label"] for r in breakdown["theme"].rows if r["total"] and r["label"] not in ("—", "其他", "Other")]
    if not names:
        return ""
    return _("Around %(themes)s and other themes, ") % {"themes": "、".join(names)}


def sections(*, org, period: Period) -> list[Section]:
    today = dt.date.today()
    s = suggestion_figures(org=org, start=period.start, end=period.end)
    last = period.same_period_last_year()
    s_before = suggestion_figures(org=org, start=last.start, end=last.end)
    safety = safety_figures(org=org, start=period.start, end=period.end, today=today)
    hazards = hazard_figures(org=org, start=period.start, end=period.end)
    talks = talk_figures(org=org, start=period.start, end=period.end)
    if not (s.submitted or safety.received or safety.reps or hazards.posts_surveyed or talks["talks"] or talks["visits"]):
        return []
    figures: list[Figure] = []
    paragraphs: list[str] = []
    items: list[str] = []
    shortcomings: list[str] = []
    plans: list[str] = []

    if s.submitted:
        per_member = format_decimal(s.per_member or 0, 2)
        rate = format_percent(s.adopted, s.decided) if s.decided else "—"
        figures += [
            Figure("voice.suggestions.submitted", _("suggestions collected"), s.submitted, f"{format_count(s.submitted)}条",
                   previous=s_before.submitted or None, source="/voice/suggestions/"),
            Figure("voice.suggestions.per_member", _("suggestions per member"), s.per_member, f"{per_member}条",
                   previous=s_before.per_member if s_before.submitted else None),
            Figure("voice.suggestions.adoption_rate", _("adoption rate"), s.adoption_rate, rate,
                   previous=s_before.adoption_rate if s_before.decided else None),
            Figure("voice.suggestions.adopted", _("suggestions adopted"), s.adopted, f"{format_count(s.adopted)}条"),
            Figure("voice.suggestions.golden", _("golden ideas"), s.golden, f"{format_count(s.golden)}条"),
            Figure("voice.suggestions.saving", _("saving from suggestions"), s.saving_yuan, format_wan_yuan(s.saving_yuan)),
        ]
        text = _theme_phrase(org, suggestion_breakdown(org=org, start=period.start, end=period.end)) + _(
            "%(period)s the union collected %(n)s rationalisation suggestions, %(per)s per member, "
            "with an adoption rate of %(rate)s."
        ) % {"period": period.label, "n": f"{format_count(s.submitted)}条", "per": f"{per_member}条", "rate": rate}
        if s.golden:
            text += _("%(n)s of them were promoted across the union as golden ideas.") % {"n": f"{format_count(s.golden)}条"}
        if s.saving_yuan:
            text += _("Implemented suggestions cut costs by %(amount)s.") % {"amount": format_wan_yuan(s.saving_yuan)}
        items.append(text)
        if s_before.decided and s.decided and s.adoption_rate < s_before.adoption_rate:
            shortcomings.append(_("The adoption rate of suggestions fell from %(before)s to %(now)s.") % {
                "before": format_percent(s_before.adopted, s_before.decided), "now": rate})
        if s.reopened:
            shortcomings.append(_("%(n)s suggestions marked implemented had to be reopened by their authors.") % {
                "n": f"{format_count(s.reopened)}条"})
        undecided = s.submitted - s.decided
        if undecided:
            plans.append(_("Decide the %(n)s suggestions still awaiting review and answer every author in writing.") % {
                "n": f"{format_count(undecided)}条"})

    if safety.groups or safety.reps:
        figures += [
            Figure("voice.safety.groups", _("supervision groups"), safety.groups, f"{format_count(safety.groups)}个"),
            Figure("voice.safety.reps", _("safety reps"), safety.reps, f"{format_count(safety.reps)}名", source="/voice/network/"),
        ]
        items.append(_(
            "The union's three-level labour safety protection network now has %(groups)s labour protection "
            "supervision groups and %(reps)s employee safety reps."
        ) % {"groups": f"{format_count(safety.groups)}个", "reps": f"{format_count(safety.reps)}名"})
    if safety.received:
        figures += [
            Figure("voice.safety.received", _("safety reports received"), safety.received, f"{format_count(safety.received)}条",
                   source="/voice/reports/"),
            Figure("voice.safety.resolved", _("safety reports resolved"), safety.resolved, f"{format_count(safety.resolved)}条"),
            Figure("voice.safety.in_progress", _("safety reports being acted on"), safety.in_progress,
                   f"{format_count(safety.in_progress)}条"),
            Figure("voice.safety.overdue", _("safety reports past their deadline"), safety.overdue, f"{format_count(safety.overdue)}条"),
        ]
        text = _(
            "The union handled the safety reps' suggestions and reports every month, passed them to the functional "
            "units and answered the reps in writing. %(period)s it received %(received)s reports from employee safety "
            "reps and resolved %(resolved)s; %(open)s are still being acted on by the functional units."
        ) % {"period": period.label, "received": f"{format_count(safety.received)}条",
             "resolved": f"{format_count(safety.resolved)}条", "open": f"{format_count(safety.in_progress)}条"}
        if safety.median_days_to_answer is not None:
            text += _("A report was answered in %(days)s days (median).") % {"days": format_decimal(safety.median_days_to_answer, 1, strip=True)}
        items.append(text)
        if safety.overdue:
            shortcomings.append(_("%(n)s safety reports are past the deadline given to the responsible unit.") % {
                "n": f"{format_count(safety.overdue)}条"})
        if safety.reopened:
            shortcomings.append(_("%(n)s safety reports marked resolved were reopened by the safety reps.") % {
                "n": f"{format_count(safety.reopened)}条"})
        if safety.in_progress:
            plans.append(_("Follow the %(n)s safety reports still being acted on until each is resolved and answered.") % {
                "n": f"{format_count(safety.in_progress)}条"})

    if hazards.posts_surveyed:
        figures += [
            Figure("voice.hazards.posts", _("hazard posts surveyed"), hazards.posts_surveyed, f"{format_count(hazards.posts_surveyed)}个",
                   source="/voice/hazards/"),
            Figure("voice.hazards.exposed", _("workers exposed"), hazards.workers_exposed, f"{format_count(hazards.workers_exposed)}名"),
        ]
        items.append(_(
            "To prevent occupational disease the union surveyed, one by one, the %(posts)s posts with occupational "
            "hazard factors, and counted %(workers)s workers exposed to them; it will follow their time off the post "
            "and their recuperation leave."
        ) % {"posts": f"{format_count(hazards.posts_surveyed)}个", "workers": f"{format_count(hazards.workers_exposed)}名"})
        if hazards.follow_ups_open:
            plans.append(_("Complete the %(n)s health checks and recuperation leaves of exposed workers still due.") % {
                "n": f"{format_count(hazards.follow_ups_open)}项"})

    if talks["talks"] or talks["visits"]:
        n = talks["talks"] + talks["visits"]
        figures.append(Figure("voice.talks", _("talks and home visits"), n, f"{format_count(n)}人次"))
        items.append(_("Union cadres talked with workers and visited their homes %(n)s times.") % {"n": f"{format_count(n)}人次"})

    return [Section(key="voice", order=30, heading=_("Listening to workers: suggestions and the safety network"),
                    paragraphs=paragraphs, items=items, figures=figures, shortcomings=shortcomings, plans=plans)]
