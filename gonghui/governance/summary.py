"""Targets, meetings, plans and disclosures in the work summary (section 70, and the 下一步打算 items).

The sentences are assembled by small functions over the selectors' plain figures, so
each can be tested on hand-made numbers; `sections` only fetches and arranges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import get_language, pgettext

from gonghui.core.formatting import chinese_ordinal, format_amount, format_count, format_month, format_percent, ratio
from gonghui.core.scoping import under
from gonghui.core.summary import Figure, Period, Section, headline_sections, org_words

from .choices import DisclosureCategory, MeetingKind
from .selectors import (
    CongressSession, DisclosureFigures, MeetingFigures, MissingMeeting, OtherMeetings, PlanFigures, TargetFigure,
    disclosure_figures, meeting_figures_compared, meeting_rule_check, meetings_held_by_union, other_meeting_figures,
    plan_figures, target_figures_compared,
)

def _change(now: Decimal | int, before: Decimal | int | None, *, as_percent: bool) -> str:
    """'，同比增长12.50%' / '，同比减少2次' / '' when there is nothing to compare with."""
    if before is None or (as_percent and not before):
        return ""
    if now == before:
        return _(", the same as a year earlier")
    grew = now > before
    if as_percent:
        amount = format_percent(abs(Decimal(now) - Decimal(before)), Decimal(before), places=2)
        return (_(", up %(pct)s year on year") if grew else _(", down %(pct)s year on year")) % {"pct": amount}
    return (_(", %(n)s more than a year earlier") if grew else _(", %(n)s fewer than a year earlier")) % {"n": abs(now - before)}


def of_org(org_name: str, sentence: str) -> str:
    """'本部工会共完成…': a federation's summary says which union did what."""
    return _("%(org)s: %(sentence)s") % {"org": org_name, "sentence": sentence}


def target_sentence(fig: TargetFigure, previous: TargetFigure | None = None, *, own_name: str = "") -> str:
    """共完成降本增效1,909.21万元，完成年度指标905万元的210.96% (with the 同比 when last year has it).

    When every target behind the figure belongs to one org below the summary's own
    (`own_name`), the sentence names it.
    """
    sentence = _target_sentence(fig, previous)
    if own_name and len(fig.by_org) == 1 and fig.by_org[0][0] != own_name:
        return of_org(fig.by_org[0][0], sentence)
    return sentence


def _target_sentence(fig: TargetFigure, previous: TargetFigure | None) -> str:
    if fig.actual is None:
        return _("The annual target for %(name)s is %(target)s; no check has been recorded yet.") % {
            "name": fig.name, "target": format_amount(fig.target, fig.unit)}
    sentence = _("%(name)s achieved in total: %(actual)s, %(rate)s of the annual target of %(target)s") % {
        "name": fig.name, "actual": format_amount(fig.actual, fig.unit),
        "target": format_amount(fig.target, fig.unit), "rate": format_percent(fig.actual, fig.target, places=2),
    }
    if len(fig.by_org) > 1:
        parts = [
            f"{org_name}{format_percent(actual, target, places=2) if actual is not None else _('not yet checked')}"
            for org_name, target, actual in fig.by_org
        ]
        sentence += _(" (%(parts)s)") % {"parts": pgettext("list separator", ", ").join(parts)}
    if previous is not None and previous.actual is not None:
        sentence += _change(fig.actual, previous.actual, as_percent=True)
    return sentence + pgettext("sentence end", ".")


def count_in_words(n: int) -> str:
    """四个重要事项, 两个 (not 二个); digits in other languages and past 99."""
    if not (get_language() or "").startswith("zh") or not 0 < n < 100:
        return format_count(n)
    return "两" if n == 2 else chinese_ordinal(n)


def congress_sentence(meeting: CongressSession) -> str:
    """2025年4月召开首届职工代表大会，审议通过《职工代表大会工作条例》等四个重要事项."""
    when = format_month(meeting.date)
    if not meeting.n_decisions:
        return _("In %(when)s %(title)s was held.") % {"when": when, "title": meeting.title}
    if meeting.n_decisions == 1:
        return _("In %(when)s %(title)s was held and adopted %(item)s.") % {
            "when": when, "title": meeting.title, "item": meeting.first_decision}
    return _("In %(when)s %(title)s was held and adopted %(item)s and %(n)s important matters in all.") % {
        "when": when, "title": meeting.title, "item": meeting.first_decision, "n": count_in_words(meeting.n_decisions)}


def congresses_sentence(sessions: list[CongressSession]) -> str:
    """12个单位共召开职工代表大会14次，审议通过重要事项52项."""
    return _("%(orgs)s organisations held %(n)s sessions of the workers' congress, adopting %(items)s important matters in all.") % {
        "orgs": format_count(len({s.org_id for s in sessions})), "n": format_count(len(sessions)),
        "items": format_count(sum(s.n_decisions for s in sessions))}


def named_meeting_part(title: str, n: int, every_month: bool) -> str:
    """每月召开纪检监察站工作会议，共召开12次 / 召开纪检监察站工作会议3次: an "other" meeting by its own name."""
    values = {"kind": title, "n": format_count(n)}
    if every_month:
        return _("held the %(kind)s every month, %(n)s times in all") % values
    return _("held the %(kind)s %(n)s times") % values


def meetings_sentence(figs: MeetingFigures, *, ruled: set[str], missed: set[str], previous: MeetingFigures | None,
                      named: list[str] | None = None) -> str:
    """每季度召开生产经营讲评会4次；召开工会委员会会议6次 … (kinds other than the congress);
    `named`: the parts that say the "other" meetings by their own names (named_meeting_part), empty
    when each was already named with its date; None: the other meetings are counted as such."""
    parts = []
    for kind in MeetingKind:
        n = figs.by_kind.get(kind.value, 0)
        if kind == MeetingKind.CONGRESS or not n:
            continue
        if kind == MeetingKind.OTHER and named is not None:
            parts += named
            continue
        values = {"kind": kind.label, "n": format_count(n)}
        if kind.value in ruled and kind.value not in missed:
            parts.append(_("held the %(kind)s every quarter, %(n)s times in all") % values)
        else:
            parts.append(_("held the %(kind)s %(n)s times") % values)
    if not parts:
        return ""
    sentence = _("The union kept to its meeting system: %(parts)s") % {"parts": pgettext("clause separator", "; ").join(parts)}
    if figs.expected:
        sentence += _("; attendance averaged %(rate)s") % {"rate": format_percent(figs.present, figs.expected)}
    if previous is not None and previous.total:
        sentence += _change(figs.total, previous.total, as_percent=False)
    return sentence + pgettext("sentence end", ".")


def missing_sentence(kind: str, org_name: str, misses: list[MissingMeeting], *, own: bool) -> str:
    quarters = pgettext("list separator", ", ").join(m.quarter_label for m in misses)
    values = {"kind": MeetingKind(kind).label, "quarters": quarters, "org": org_name}
    if own:
        return _("The %(kind)s was not held in %(quarters)s as the meeting system requires.") % values
    return _("%(org)s did not hold the %(kind)s in %(quarters)s as the meeting system requires.") % values


# Past this many orgs missing the same kind of meeting (or congress sessions), a federation's
# summary says it in one sentence instead of one per org.
NAMED_LIMIT = 5


def missing_sentences(missed: list[MissingMeeting], *, own_id: int) -> list[str]:
    """One sentence per org and kind; one per kind when many orgs missed it."""
    by_kind: dict[str, dict[tuple[int, str], list[MissingMeeting]]] = defaultdict(lambda: defaultdict(list))
    for miss in missed:
        by_kind[miss.kind][(miss.org_id, miss.org_name)].append(miss)
    sentences = []
    for kind, by_org in by_kind.items():
        if len(by_org) <= NAMED_LIMIT:
            sentences += [missing_sentence(kind, name, misses, own=org_id == own_id) for (org_id, name), misses in by_org.items()]
            continue
        names = pgettext("list separator", ", ").join(name for _id, name in list(by_org)[:3])
        sentences.append(_("%(n)s organisations (%(names)s and others) missed the %(kind)s %(times)s times in all.") % {
            "n": format_count(len(by_org)), "names": names, "kind": MeetingKind(kind).label,
            "times": format_count(sum(len(m) for m in by_org.values()))})
    return sentences


def plan_check_sentence(plans: PlanFigures) -> str:
    """上期计划的12项工作，已完成10项."""
    if not plans.items:
        return ""
    return _("Of the %(n)s items in the plan for this period, %(done)s were completed.") % {
        "n": format_count(len(plans.items)), "done": format_count(plans.done)}


def disclosure_sentence(figs: DisclosureFigures, words: dict | None = None) -> str:
    """坚持厂务公开，在公开栏公开重大决策1项、财务收支1项…，共4项；公示期间职工提出异议1件，已全部答复."""
    if not figs.published:
        return ""
    parts = [_("%(category)s %(n)s") % {"category": category.label, "n": format_count(figs.by_category[category.value])}
             for category in DisclosureCategory if figs.by_category.get(category.value)]
    words = words or org_words(None)
    sentence = _("The union kept to %(disclosure)s, publishing %(parts)s on the notice board") % {
        **words, "parts": pgettext("list separator", ", ").join(parts)}
    if len(parts) > 1:
        sentence += _(", %(n)s matters in all") % {"n": format_count(figs.published)}
    if figs.objections:
        values = {"n": format_count(figs.objections), "answered": format_count(figs.answered), **words}
        if figs.answered == figs.objections:
            sentence += _("; %(staff)s raised %(n)s objections during public notice, all of them answered") % values
        else:
            sentence += _("; %(staff)s raised %(n)s objections during public notice, %(answered)s of them answered") % values
    return sentence + pgettext("sentence end", ".")


def disclosures_named_sentence(word: str, titles: list[str]) -> str:
    """校务公开的事项有：学校经费收支明细账、学校每周工作安排……"""
    if not titles:
        return ""
    return _("The matters made public under %(word)s were %(list)s.") % {"word": word, "list": "、".join(titles)}


def other_meeting_sentence(date, title: str, items: list[str]) -> str:
    """2025年3月召开工会会员代表大会，工会组织换届，选举产生新一届工会委员会。"""
    if not items:
        return _("In %(when)s %(title)s was held.") % {"when": format_month(date), "title": title}
    return _("In %(when)s %(title)s was held: %(items)s.") % {
        "when": format_month(date), "title": title, "items": pgettext("clause separator", "; ").join(items)}


def disclosure_figure_list(figs: DisclosureFigures) -> list[Figure]:
    if not figs.published:
        return []
    found = [Figure("governance.disclosures.published", _("matters disclosed"), figs.published,
                    _("%(n)s matters") % {"n": format_count(figs.published)}, source="/governance/disclosures/")]
    found += [Figure(f"governance.disclosures.{category.value}", category.label, figs.by_category[category.value],
                     _("%(n)s matters") % {"n": format_count(figs.by_category[category.value])}, source="/governance/disclosures/")
              for category in DisclosureCategory if figs.by_category.get(category.value)]
    if figs.objections:
        found += [
            Figure("governance.disclosures.objections", _("objections raised during public notice"), figs.objections,
                   _("%(n)s objections") % {"n": format_count(figs.objections)}, source="/governance/disclosures/"),
            Figure("governance.disclosures.answered", _("objections answered"), figs.answered,
                   _("%(n)s objections") % {"n": format_count(figs.answered)}, source="/governance/disclosures/"),
        ]
    return found


def congress_figure_list(sessions: list[CongressSession]) -> list[Figure]:
    """The sessions of the workers' congress and the matters they adopted; with more than a few,
    also how many orgs held one (congresses_sentence states all three)."""
    if not sessions:
        return []
    decisions = sum(s.n_decisions for s in sessions)
    found = [Figure("governance.congresses.held", _("congress sessions held"), len(sessions),
                    _("%(n)s times") % {"n": format_count(len(sessions))}, source="/governance/meetings/"),
             Figure("governance.congresses.decisions", _("important matters adopted"), decisions,
                    _("%(n)s matters") % {"n": format_count(decisions)}, source="/governance/meetings/")]
    if len(sessions) > NAMED_LIMIT:
        orgs = len({s.org_id for s in sessions})
        found.append(Figure("governance.congresses.orgs", _("organisations holding a congress"), orgs, format_count(orgs)))
    return found


def meeting_kind_figures(figs: MeetingFigures, named: list[tuple[str, int, int]]) -> list[Figure]:
    """What meetings_sentence states: each kind's count (the "other" ones by their own names), and the attendance."""
    found = []
    for kind in MeetingKind:
        n = figs.by_kind.get(kind.value, 0)
        if kind == MeetingKind.CONGRESS or not n:
            continue
        if kind == MeetingKind.OTHER:   # by their own names; one named with its date is not counted here
            found += [Figure(f"governance.meetings.other.{title}", title, count, _("%(n)s times") % {"n": format_count(count)},
                             source="/governance/meetings/") for title, count, _months in named]
            continue
        found.append(Figure(f"governance.meetings.{kind.value}", kind.label, n, _("%(n)s times") % {"n": format_count(n)},
                            source="/governance/meetings/"))
    if figs.expected:
        found.append(Figure("governance.meetings.attendance", _("average attendance"), ratio(figs.present * 100, figs.expected, 2),
                            format_percent(figs.present, figs.expected), source="/governance/meetings/"))
    return found


ORDER = 70


def _heading(*, disclosed: bool = False, rest: bool = True, words: dict | None = None) -> str:
    """落实目标责任制和会议制度; a period that disclosed matters names its 厂务公开 / 校务公开 too, and
    leads with it when disclosure is all the section tells."""
    if not disclosed:
        return _("Keeping to target responsibility and the meeting system")
    if not rest:
        return _("Keeping up %(disclosure)s and democratic management") % words
    return _("Keeping to target responsibility and the meeting system, and keeping up %(disclosure)s") % words


def _held_figure(n: int, previous: int | None = None) -> Figure:
    return Figure("governance.meetings.held", _("meetings held"), n, _("%(n)s times") % {"n": format_count(n)},
                  previous=previous, source="/governance/meetings/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """The meetings each union held in the period, and the congress sessions it held by name
    (what sets one union's year apart from another's), for the federation's per-union lines."""
    from .models import Meeting

    found = headline_sections(meetings_held_by_union(org=org, start=period.start, end=period.end, union_of=union_of),
                              key="governance", order=ORDER, heading=_heading(), figure=_held_figure)
    sessions = (Meeting.objects.filter(under(org), kind=MeetingKind.CONGRESS, date__gte=period.start, date__lte=period.end)
                .order_by("date", "id").values_list("org_id", "title", "date"))
    for org_id, title, day in sessions:
        section = found.get(union_of.get(org_id))
        if section is not None and len(section.named) < NAMED_LIMIT:
            section.named.append(_("held %(title)s in %(when)s") % {"title": title, "when": format_month(day)})
    return found


def sections(*, org, period: Period) -> list[Section]:
    last = period.same_period_last_year()
    spans = [(period.start, period.end), (last.start, last.end)]
    targets, before = target_figures_compared(org=org, spans=spans)
    targets_before = {(f.name, f.unit): f for f in before}
    meetings, meetings_before = meeting_figures_compared(org=org, spans=spans)
    rule_check = meeting_rule_check(org=org, start=period.start, end=period.end)
    missed, ruled = rule_check.missing, rule_check.ruled_kinds
    plans = plan_figures(org=org, start=period.start, end=period.end)
    disclosed = disclosure_figures(org=org, start=period.start, end=period.end)

    paragraphs: list[str] = []
    figures: list[Figure] = []
    shortcomings: list[str] = []
    for fig in targets:
        before = targets_before.get((fig.name, fig.unit))
        paragraphs.append(target_sentence(fig, before, own_name=org.name))
        key = f"governance.target.{fig.name}"
        figures.append(Figure(f"{key}.target", _("annual target: %(name)s") % {"name": fig.name}, fig.target,
                              format_amount(fig.target, fig.unit), previous=before.target if before else None,
                              source="/governance/targets/"))
        if fig.actual is not None:
            figures.append(Figure(f"{key}.actual", fig.name, fig.actual, format_amount(fig.actual, fig.unit),
                                  previous=before.actual if before else None, source="/governance/targets/",
                                  said=bool(before and before.actual is not None)))   # target_sentence states it
            figures.append(Figure(f"{key}.completion", _("completion: %(name)s") % {"name": fig.name}, fig.completion,
                                  format_percent(fig.actual, fig.target, places=2),
                                  previous=before.completion if before else None, source="/governance/targets/"))
        if len(fig.by_org) > 1:   # the sentence states each org's own rate
            figures += [Figure(f"{key}.{org_name}.completion", _("completion: %(name)s, %(org)s") % {"name": fig.name, "org": org_name},
                               ratio(actual * 100, target, 2), format_percent(actual, target, places=2), source="/governance/targets/")
                        for org_name, target, actual in fig.by_org if actual is not None]
        # a target is only "not met" once its year is over; a half-year is not judged against it
        if period.end.month == 12 and period.end.day == 31 and (fig.actual is None or fig.actual < fig.target):
            shortcomings.append(_("%(name)s reached only %(rate)s of the annual target of %(target)s.") % {
                "name": fig.name, "target": format_amount(fig.target, fig.unit),
                "rate": format_percent(fig.actual or 0, fig.target, places=2)})

    if len(meetings.congresses) <= NAMED_LIMIT:
        for meeting in meetings.congresses:
            sentence = congress_sentence(meeting)
            paragraphs.append(sentence if meeting.org_id == org.pk else of_org(meeting.org_name, sentence))
    else:  # a federation's summary sums its unions' congresses up
        paragraphs.append(congresses_sentence(meetings.congresses))
    figures += congress_figure_list(meetings.congresses)
    # the "other" meetings are read only when the period has any
    others = (other_meeting_figures(org=org, start=period.start, end=period.end)
              if meetings.by_kind.get(MeetingKind.OTHER) else OtherMeetings(named=[], own=[]))
    repeated = Counter(title for _date, title, _items in others.own)
    # a meeting held once is named with its date; one held again and again is said once, with its count, below
    paragraphs += [other_meeting_sentence(*m) for m in others.own if repeated[m[1]] == 1]
    missed_kinds = {m.kind for m in missed}
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    # …and not counted again among the meetings held (召开工会会员代表大会1次 right after naming it)
    counted = [(title, n, n_months) for title, n, n_months in others.named if not (n == 1 and repeated[title] == 1)]
    named = [named_meeting_part(title, n, n_months == months) for title, n, n_months in counted]
    sentence = meetings_sentence(meetings, ruled=ruled, missed=missed_kinds,
                                 previous=meetings_before if meetings_before.total else None, named=named)
    if sentence:
        paragraphs.append(sentence)
    if meetings.total:
        figures.append(_held_figure(meetings.total, previous=meetings_before.total or None))
    if sentence:
        figures += meeting_kind_figures(meetings, counted)
    shortcomings += missing_sentences(missed, own_id=org.pk)
    if missed:
        figures.append(Figure("governance.meetings.missed", _("meetings missed"), len(missed),
                              _("%(n)s times") % {"n": format_count(len(missed))}, source="/governance/meetings/missing/"))

    sentence = disclosure_sentence(disclosed, org_words(org))
    if sentence:
        paragraphs.append(sentence)
        paragraphs.append(disclosures_named_sentence(org.disclosure_word, list(disclosed.titles)))
        figures += disclosure_figure_list(disclosed)
    if disclosed.objections > disclosed.answered:
        unanswered = disclosed.objections - disclosed.answered
        shortcomings.append(_("%(n)s objections raised during public notice have not been answered yet.") % {
            "n": format_count(unanswered)})
        figures.append(Figure("governance.disclosures.unanswered", _("objections not yet answered"), unanswered,
                              _("%(n)s objections") % {"n": format_count(unanswered)}, source="/governance/disclosures/"))

    check = plan_check_sentence(plans)
    if check:
        paragraphs.append(check)
        figures.append(Figure("governance.plans.items", _("plan items"), len(plans.items),
                              _("%(n)s items") % {"n": format_count(len(plans.items))}, source="/governance/plans/"))
        figures.append(Figure("governance.plans.done", _("plan items completed"), plans.done,
                              f"{format_count(plans.done)}/{format_count(len(plans.items))}", source="/governance/plans/"))
        not_done = plans.not_done
        if not_done:
            shown = pgettext("clause separator", "; ").join(p.text.rstrip("。.；;") for p in not_done[:3])
            more = _(" and others") if len(not_done) > 3 else ""
            shortcomings.append(_("%(n)s items of the plan were not completed: %(items)s%(more)s.") % {
                "n": format_count(len(not_done)), "items": shown, "more": more})
            figures.append(Figure("governance.plans.not_done", _("plan items not completed"), len(not_done),
                                  _("%(n)s items") % {"n": format_count(len(not_done))}, source="/governance/plans/"))

    next_plans = [p.text.strip() for p in plans.next_items]
    if not (paragraphs or shortcomings or next_plans):
        return []
    rest = bool(targets or meetings.total or missed or check)
    return [Section(
        key="governance", order=ORDER, heading=_heading(disclosed=bool(disclosed.published), rest=rest, words=org_words(org)),
        paragraphs=paragraphs, figures=figures, shortcomings=shortcomings, plans=next_plans,
    )]
