"""The workers' voice in the work summary: rationalisation suggestions.

Every number comes from voice.selectors; shortcomings and plans are read off the records.
(The safety network and hazard posts are gonghui.safety.summary's section, talks and home visits
gonghui.care.summary's. The hand-written
SQL that states the same figures for the summary bench lives in bench/raw_sql/voice.py.)
"""

from __future__ import annotations


from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.formatting import format_count, format_decimal, format_percent, format_wan_yuan
from gonghui.core.summary import Figure, Period, Section, headline_sections, org_words

from .selectors import Breakdown, suggestion_breakdown, suggestion_counts_by_union, suggestion_figures_by_span


def theme_names(themes: Breakdown) -> list[str]:
    """The themes suggestions were made under, in the union's order (read off the theme breakdown,
    which groups by name and position in that order: no query of its own)."""
    return list(dict.fromkeys(r["label"] for r in themes.rows if r["total"] and r["label"] != "—"))


def _theme_phrase(themes: list[str]) -> str:
    names = [name for name in themes if name not in ("其他", "Other")]
    if not names:
        return ""
    return _("Around %(themes)s and other themes, ") % {"themes": "、".join(names)}


ORDER = 30


def branch_sentence(rows: list[dict]) -> str:
    """分基层单位看，炼铁作业区收集408条、采纳384条；……: each branch that made suggestions, in the org's order."""
    made = [r for r in rows if r["total"]]
    if len(made) < 2:
        return ""
    parts = pgettext("clause separator", "; ").join(
        _("%(name)s collected %(n)s and adopted %(adopted)s") % {
            "name": r["label"], "n": f"{format_count(r['total'])}条", "adopted": f"{format_count(r['adopted'])}条"}
        for r in made)
    return _("By branch: %(parts)s.") % {"parts": parts}


def theme_sentence(themes: Breakdown, *, shown: int = 3) -> str:
    """按主题看，建议最集中的是设备维护管理（312条）、……: the themes most suggestions concerned."""
    named = sorted((r for r in themes.rows if r["total"] and r["label"] not in ("—", "其他", "Other")),
                   key=lambda r: -r["total"])[:shown]
    if len(named) < 2:
        return ""
    parts = "、".join(_("%(theme)s (%(n)s)") % {"theme": r["label"], "n": f"{format_count(r['total'])}条"} for r in named)
    return _("By theme, most suggestions concerned %(parts)s.") % {"parts": parts}


def _heading(org=None) -> str:
    return _("Listening to %(staff)s: rationalisation suggestions") % org_words(org)


def _submitted_figure(n: int, previous: int | None = None) -> Figure:
    return Figure("voice.suggestions.submitted", _("suggestions collected"), n, f"{format_count(n)}条",
                  previous=previous, source="/voice/suggestions/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """Each union's suggestions in the period."""
    submitted = suggestion_counts_by_union(org=org, start=period.start, end=period.end, union_of=union_of)
    adopted = suggestion_counts_by_union(org=org, start=period.start, end=period.end, union_of=union_of, adopted_only=True)
    found = headline_sections(submitted, key="voice", order=ORDER, heading=_heading(org), figure=_submitted_figure)
    for pk, section in found.items():
        if adopted.get(pk):
            section.figures.append(Figure("voice.suggestions.adopted", _("suggestions adopted"), adopted[pk],
                                          f"{format_count(adopted[pk])}条"))
    return found


def sections(*, org, period: Period) -> list[Section]:
    last = period.same_period_last_year()
    # the divisors of 人均 (per_head_rolls: a union's roll; a federation's, only its unions that kept
    # suggestion records) are counted only when there are suggestions to divide
    s, s_before = suggestion_figures_by_span(org=org, spans=[(period.start, period.end), (last.start, last.end)])
    if not s.submitted:
        return []
    words = org_words(org)
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
        breakdown = suggestion_breakdown(org=org, start=period.start, end=period.end, by=("theme", "branch"))
        said = {"period": period.label, "n": f"{format_count(s.submitted)}条", "per": f"{per_member}条", "rate": rate,
                "adopted": f"{format_count(s.adopted)}条"}
        # the count adopted beside its rate, in one sentence (not 采纳率100%。已采纳21条。)
        text = _theme_phrase(theme_names(breakdown["theme"])) + (_(
            "%(period)s the union collected %(n)s rationalisation suggestions, %(per)s per member, "
            "and adopted %(adopted)s, an adoption rate of %(rate)s."
        ) if s.adopted else _(
            "%(period)s the union collected %(n)s rationalisation suggestions, %(per)s per member, "
            "with an adoption rate of %(rate)s."
        )) % said
        if s.golden:
            text += _("%(n)s of them were promoted across the union as golden ideas.") % {"n": f"{format_count(s.golden)}条"}
        if s.saving_yuan:
            text += _("Implemented suggestions of %(staff)s cut costs by %(amount)s.") % {
                "amount": format_wan_yuan(s.saving_yuan), **words}
        if s.rejected:
            figures.append(Figure("voice.suggestions.rejected", _("suggestions not adopted"), s.rejected,
                                  f"{format_count(s.rejected)}条"))
            text += _("Each of the %(n)s suggestions not adopted was answered with its reason in writing.") % {
                "n": figures[-1].text}
        items.append(text)
        for sentence in (theme_sentence(breakdown["theme"]), branch_sentence(breakdown["branch"].rows)):
            if sentence:
                items.append(sentence)
        if s_before.decided and s.decided and s.adoption_rate < s_before.adoption_rate:
            shortcomings.append(_("The adoption rate of suggestions fell from %(before)s to %(now)s.") % {
                "before": format_percent(s_before.adopted, s_before.decided), "now": rate})
        if s.reopened:
            figures.append(Figure("voice.suggestions.reopened", _("suggestions reopened"), s.reopened,
                                  f"{format_count(s.reopened)}条"))
            shortcomings.append(_("%(n)s suggestions marked implemented had to be reopened by their authors.") % {
                "n": f"{format_count(s.reopened)}条"})
        undecided = s.submitted - s.decided
        if undecided:
            figures.append(Figure("voice.suggestions.undecided", _("suggestions awaiting review"), undecided,
                                  f"{format_count(undecided)}条"))
            plans.append(_("Decide the %(n)s suggestions still awaiting review and answer every author in writing.") % {
                "n": f"{format_count(undecided)}条"})

    return [Section(key="voice", order=ORDER, heading=_heading(org),
                    paragraphs=paragraphs, items=items, figures=figures, shortcomings=shortcomings, plans=plans)]
