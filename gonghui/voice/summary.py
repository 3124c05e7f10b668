"""The workers' voice in the work summary: suggestions, talks and home visits.

Every number comes from voice.selectors; shortcomings and plans are read off the records.
(The safety network and hazard posts are gonghui.safety.summary's section. The hand-written
SQL that states the same figures for the summary bench lives in bench/raw_sql/voice.py.)
"""

from __future__ import annotations


from django.utils.translation import gettext as _

from gonghui.core.formatting import format_count, format_decimal, format_percent, format_wan_yuan
from gonghui.members.selectors import members_on_roll
from gonghui.core.summary import Figure, Period, Section, headline_sections

from .selectors import suggestion_counts_by_union, suggestion_figures, suggestion_themes, talk_figures


def _theme_phrase(themes: list[str]) -> str:
    names = [name for name in themes if name not in ("其他", "Other")]
    if not names:
        return ""
    return _("Around %(themes)s and other themes, ") % {"themes": "、".join(names)}


ORDER = 30


def adopted_sentence(adopted: int) -> str:
    """已采纳4条。 (the count behind the rate, which a small union states rather than the rate)"""
    return _("%(n)s of them were adopted.") % {"n": f"{format_count(adopted)}条"} if adopted else ""


def _heading() -> str:
    return _("Listening to workers: rationalisation suggestions")


def _submitted_figure(n: int, previous: int | None = None) -> Figure:
    return Figure("voice.suggestions.submitted", _("suggestions collected"), n, f"{format_count(n)}条",
                  previous=previous, source="/voice/suggestions/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """Each union's suggestions in the period."""
    submitted = suggestion_counts_by_union(org=org, start=period.start, end=period.end, union_of=union_of)
    return headline_sections(submitted, key="voice", order=ORDER, heading=_heading(), figure=_submitted_figure)


def sections(*, org, period: Period) -> list[Section]:
    last = period.same_period_last_year()
    on_roll = members_on_roll(org=org, days=[period.end, last.end])  # both years' divisors in one query
    s = suggestion_figures(org=org, start=period.start, end=period.end, on_roll=on_roll[period.end])
    s_before = suggestion_figures(org=org, start=last.start, end=last.end, on_roll=on_roll[last.end])
    talks = talk_figures(org=org, start=period.start, end=period.end)
    if not (s.submitted or talks["talks"] or talks["visits"]):
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
        text += adopted_sentence(s.adopted)
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

    if talks["talks"] or talks["visits"]:
        n = talks["talks"] + talks["visits"]
        figures.append(Figure("voice.talks", _("talks and home visits"), n, f"{format_count(n)}人次"))
        items.append(_("Union cadres talked with workers and visited their homes %(n)s times.") % {"n": f"{format_count(n)}人次"})

    return [Section(key="voice", order=ORDER, heading=_heading(),
                    paragraphs=paragraphs, items=items, figures=figures, shortcomings=shortcomings, plans=plans)]
