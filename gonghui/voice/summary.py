"""The workers' voice in the work summary: suggestions, the safety network, hazard posts, talks.

Every number comes from voice.selectors; shortcomings and plans are read off the records.
`raw_sql_figures` states the same figures in hand-written SQL, as the summary bench's reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from gonghui.core.formatting import format_count, format_decimal, format_percent, format_wan_yuan, ratio
from gonghui.members.choices import MemberStatus
from gonghui.members.selectors import members_on_roll
from gonghui.core.summary import Figure, Period, Section, headline_sections

from .choices import ADOPTED_STATES, OPEN_REPORT_STATES, ReportStatus, SuggestionStatus, TalkKind
from .selectors import (
    hazard_figures, safety_figures, suggestion_and_report_counts_by_union, suggestion_figures, suggestion_themes, talk_figures,
)


def _theme_phrase(themes: list[str]) -> str:
    names = [name for name in themes if name not in ("其他", "Other")]
    if not names:
        return ""
    return _("Around %(themes)s and other themes, ") % {"themes": "、".join(names)}


ORDER = 30


def _heading() -> str:
    return _("Listening to workers: suggestions and the safety network")


def _submitted_figure(n: int, previous: int | None = None) -> Figure:
    return Figure("voice.suggestions.submitted", _("suggestions collected"), n, f"{format_count(n)}条",
                  previous=previous, source="/voice/suggestions/")


def _received_figure(n: int) -> Figure:
    return Figure("voice.safety.received", _("safety reports received"), n, f"{format_count(n)}条", source="/voice/reports/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """Each union's suggestions in the period, or, with none, the safety reports its reps sent."""
    submitted, received = suggestion_and_report_counts_by_union(org=org, start=period.start, end=period.end, union_of=union_of)
    both = {pk: (submitted.get(pk, 0), received.get(pk, 0)) for pk in submitted.keys() | received.keys()}
    return headline_sections(both, key="voice", order=ORDER, heading=_heading(),
                             figure=lambda n: _submitted_figure(n[0]) if n[0] else _received_figure(n[1]))


def sections(*, org, period: Period) -> list[Section]:
    today = dt.date.today()
    last = period.same_period_last_year()
    on_roll = members_on_roll(org=org, days=[period.end, last.end])  # both years' divisors in one query
    s = suggestion_figures(org=org, start=period.start, end=period.end, on_roll=on_roll[period.end])
    s_before = suggestion_figures(org=org, start=last.start, end=last.end, on_roll=on_roll[last.end])
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
            _submitted_figure(s.submitted, previous=s_before.submitted or None),
            Figure("voice.suggestions.per_member", _("suggestions per member"), s.per_member, f"{per_member}条",
                   previous=s_before.per_member if s_before.submitted else None),
            Figure("voice.suggestions.adoption_rate", _("adoption rate"), s.adoption_rate, rate,
                   previous=s_before.adoption_rate if s_before.decided else None),
            Figure("voice.suggestions.adopted", _("suggestions adopted"), s.adopted, f"{format_count(s.adopted)}条"),
            Figure("voice.suggestions.golden", _("golden ideas"), s.golden, f"{format_count(s.golden)}条"),
            Figure("voice.suggestions.saving", _("saving from suggestions"), s.saving_yuan, format_wan_yuan(s.saving_yuan)),
        ]
        text = _theme_phrase(suggestion_themes(org=org, start=period.start, end=period.end)) + _(
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
            _received_figure(safety.received),
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

    return [Section(key="voice", order=ORDER, heading=_heading(),
                    paragraphs=paragraphs, items=items, figures=figures, shortcomings=shortcomings, plans=plans)]


def _placeholders(name: str, values: Iterable[str]) -> tuple[str, dict[str, str]]:
    """`%(name_0)s, %(name_1)s, …` and their params: an IN list the same on SQLite and PostgreSQL."""
    params = {f"{name}_{i}": str(v) for i, v in enumerate(values)}
    return ", ".join(f"%({k})s" for k in params), params


# One row of one-row aggregates, one per table, each scanning its table once; both years of
# suggestions and of the roll in the same scan, as the 同比 needs. The subtree's orgs are found
# once, by their materialised path. Plain SQL for both backends.
_RAW_SQL = """
WITH subtree AS (SELECT id FROM orgs_org WHERE path LIKE %(path)s)
SELECT s.*, m.*, r.*, g.*, p.*, h.*, e.*, t.*
FROM (
  SELECT
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.status IN ({adopted}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.status = %(rejected)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.is_golden THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s THEN x.saving_yuan END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s AND x.status IN ({adopted}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s AND x.status = %(rejected)s THEN 1 ELSE 0 END)
  FROM voice_suggestion x JOIN subtree o ON o.id = x.org_id
  WHERE x.submitted_on BETWEEN %(start)s AND %(end)s OR x.submitted_on BETWEEN %(last_start)s AND %(last_end)s
) s, (
  SELECT
    SUM(CASE WHEN (x.join_date <= %(end)s OR x.join_date IS NULL)
              AND (x.status = %(active)s OR x.left_date > %(end)s) THEN 1 ELSE 0 END),
    SUM(CASE WHEN (x.join_date <= %(last_end)s OR x.join_date IS NULL)
              AND (x.status = %(active)s OR x.left_date > %(last_end)s) THEN 1 ELSE 0 END)
  FROM members_member x JOIN subtree o ON o.id = x.org_id
) m, (
  SELECT
    COUNT(*),
    SUM(CASE WHEN x.status = %(resolved)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.status IN ({open}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.status IN ({open}) AND x.deadline < %(today)s THEN 1 ELSE 0 END)
  FROM voice_safetyreport x JOIN subtree o ON o.id = x.org_id
  WHERE x.reported_on BETWEEN %(start)s AND %(end)s
) r, (
  SELECT COUNT(*) FROM voice_safetygroup x JOIN subtree o ON o.id = x.org_id WHERE x.is_active
) g, (
  SELECT COUNT(*) FROM voice_safetyrep x JOIN subtree o ON o.id = x.org_id
  WHERE x.appointed_on <= %(end)s AND (x.ended_on IS NULL OR x.ended_on > %(end)s)
) p, (
  SELECT COUNT(*) FROM voice_hazardpost x JOIN subtree o ON o.id = x.org_id
  WHERE x.surveyed_on <= %(end)s
) h, (
  SELECT COUNT(DISTINCT x.member_id) FROM voice_exposure x JOIN subtree o ON o.id = x.org_id
  WHERE x.since <= %(end)s AND (x.until IS NULL OR x.until >= %(start)s)
) e, (
  SELECT COUNT(*) FROM voice_talk x JOIN subtree o ON o.id = x.org_id
  WHERE x.kind IN ({talk_kinds}) AND x.date BETWEEN %(start)s AND %(end)s
) t
"""


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int | None]:
    """The figures of `sections()` from one hand-written SQL statement: the bench's reference (bench/summary.py).

    Why it exists: the bench times the whole summary against the least work that could state the
    same numbers, so this returns exactly the keys `sections()` puts into its figures (and
    `<key>.previous` where it sets `previous`), under the same conditions, with the same values.
    Rates are rounded by the same `ratio` as the selectors'; the SQL only counts and adds up.
    """
    last = period.same_period_last_year()
    adopted_in, adopted = _placeholders("adopted", ADOPTED_STATES)
    open_in, open_ = _placeholders("open", OPEN_REPORT_STATES)
    talks_in, talk_kinds = _placeholders("talk_kind", (TalkKind.TALK, TalkKind.HOME_VISIT))
    params = {
        "path": org.path + "%", "start": period.start, "end": period.end, "last_start": last.start, "last_end": last.end,
        "today": dt.date.today(), "rejected": str(SuggestionStatus.REJECTED), "resolved": str(ReportStatus.RESOLVED),
        "active": str(MemberStatus.ACTIVE), **adopted, **open_, **talk_kinds,
    }
    sql = _RAW_SQL.format(adopted=adopted_in, open=open_in, talk_kinds=talks_in)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = [v or 0 for v in cursor.fetchone()]
    (submitted, adopted_n, rejected, golden, saving, before_submitted, before_adopted, before_rejected,
     on_roll, before_on_roll, received, resolved, in_progress, overdue, groups, reps, posts, exposed, talks) = row

    if not (submitted or received or reps or posts or talks):
        return {}
    found: dict[str, Decimal | int | None] = {}
    if submitted:
        decided, before_decided = adopted_n + rejected, before_adopted + before_rejected
        found |= {
            "voice.suggestions.submitted": submitted,
            "voice.suggestions.per_member": ratio(submitted, on_roll, 2),
            "voice.suggestions.adoption_rate": ratio(adopted_n * 100, decided, 2),
            "voice.suggestions.adopted": adopted_n,
            "voice.suggestions.golden": golden,
            # SQLite adds decimals as floats: back to the cents they were.
            "voice.suggestions.saving": Decimal(str(saving)).quantize(Decimal("0.01")),
        }
        if before_submitted:
            found["voice.suggestions.submitted.previous"] = before_submitted
            if before_on_roll:
                found["voice.suggestions.per_member.previous"] = ratio(before_submitted, before_on_roll, 2)
        if before_decided:
            found["voice.suggestions.adoption_rate.previous"] = ratio(before_adopted * 100, before_decided, 2)
    if groups or reps:
        found |= {"voice.safety.groups": groups, "voice.safety.reps": reps}
    if received:
        found |= {"voice.safety.received": received, "voice.safety.resolved": resolved,
                  "voice.safety.in_progress": in_progress, "voice.safety.overdue": overdue}
    if posts:
        found |= {"voice.hazards.posts": posts, "voice.hazards.exposed": exposed}
    if talks:
        found["voice.talks"] = talks
    return found
