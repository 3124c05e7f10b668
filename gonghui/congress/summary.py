"""The congress in the work summary: 推进民主管理 (section order 20).

Sentences are assembled by small functions over the selectors' plain figures; every number
comes from the records (sessions held, delegates seated, motions counted, ballots cast).
Shortcomings are read off the records: motions past their answer date, a composition
outside the rules (RULES.md a).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext

from gonghui.core.formatting import format_count, format_date, format_percent, ratio
from gonghui.core.summary import Figure, Period, Section, headline_sections

from . import selectors

ORDER = 20
# Up to this many sessions, elections or appraisals, the summary names each; more are added up.
NAMED_LIMIT = 5


def session_sentence(held: list[tuple[str, int]]) -> str:
    """召开第一届第一次职工代表大会，职工代表60名。"""
    parts = [_("%(title)s was held with %(n)s delegates") % {"title": title, "n": format_count(n)} for title, n in held]
    return "；".join(parts) + "。"


def motions_sentence(f: selectors.MotionFigures) -> str:
    sentence = _("Delegates put forward %(c)s motions; %(a)s were accepted and assigned for handling, %(v)s turned "
                 "into suggestions; %(ans)s have been answered in writing") % {
        "c": format_count(f.collected), "a": format_count(f.accepted), "v": format_count(f.converted),
        "ans": format_count(f.answered)}
    if f.rated:
        sentence += _(", and proposers were satisfied or basically satisfied with %(rate)s of the answers they rated") % {
            "rate": format_percent(f.satisfied, f.rated)}
    return sentence + "。"


def election_sentence(title: str, electorate: int, returned: int, elected: list[str]) -> str:
    return _("%(title)s was held by secret ballot: %(r)s of %(e)s electors voted (%(t)s), and %(names)s were elected.") % {
        "title": title, "r": format_count(returned), "e": format_count(electorate), "t": format_percent(returned, electorate),
        "names": "、".join(elected) or "—"}


def appraisal_sentence(title: str, sheets: int, results: list[selectors.AppraisalResult]) -> str:
    parts = [f"{r.name}{format_percent(r.overall.get('excellent', 0) + r.overall.get('competent', 0), sum(r.overall.values()))}"
             for r in results if sum(r.overall.values())]
    return _("In %(title)s, %(n)s delegates appraised the leading cadres; the share rated excellent or competent: %(parts)s.") % {
        "title": title, "n": format_count(sheets), "parts": "，".join(parts) or "—"}


def contract_sentence(title: str, signed_on, start, end) -> str:
    return _("%(title)s was signed on %(signed)s after equal consultation and approval by the congress, in force from "
             "%(start)s to %(end)s.") % {"title": title, "signed": format_date(signed_on), "start": format_date(start),
                                         "end": format_date(end)}


def sections(*, org, period: Period) -> list[Section]:
    start, end = period.start, period.end
    sessions = selectors.session_figures(org=org, start=start, end=end)
    motions = selectors.motion_figures(org=org, start=start, end=end)
    elections = selectors.elections_held(org=org, start=start, end=end, named_limit=NAMED_LIMIT)
    paragraphs, figures, shortcomings = [], [], []
    if sessions:
        delegates = sum(s.delegates for s in sessions)
        if len(sessions) <= NAMED_LIMIT:
            paragraphs.append(session_sentence([(s.title, s.delegates) for s in sessions]))
        else:  # a federation's summary adds its unions' congresses up
            paragraphs.append(_("%(n)s congress sessions were held with %(d)s delegates in all.") % {
                "n": format_count(len(sessions)), "d": format_count(delegates)})
        figures.append(Figure("congress.sessions", _("congress sessions held"), len(sessions), f"{len(sessions)}",
                              source="/congress/"))
        figures.append(Figure("congress.delegates", _("delegates"), delegates, format_count(delegates), source="/congress/"))
        shortcomings += composition_shortcomings(sessions, figures)
    if motions.collected:
        paragraphs.append(motions_sentence(motions))
        figures += [
            _motions_figure(motions.collected),
            Figure("congress.motions.accepted", _("motions accepted"), motions.accepted, _pieces(motions.accepted),
                   source="/congress/motions/"),
            Figure("congress.motions.answered", _("motions answered"), motions.answered, _pieces(motions.answered),
                   source="/congress/motions/"),
            Figure("congress.motions.converted", _("motions turned into suggestions"), motions.converted,
                   _pieces(motions.converted), source="/congress/motions/"),
        ]
        if motions.rated:
            figures.append(Figure("congress.motions.satisfaction", _("satisfaction with the answers"), motions.satisfaction,
                                  format_percent(motions.satisfied, motions.rated), source="/congress/motions/"))
    if motions.overdue:
        shortcomings.append(_("%(n)s motions are past their answer date and still unanswered.") % {
            "n": format_count(motions.overdue)})
        figures.append(Figure("congress.motions.overdue", _("motions past their answer date"), motions.overdue,
                              _pieces(motions.overdue), source="/congress/motions/"))
    if elections:
        electorate, returned = sum(e.electorate for e in elections), sum(e.returned for e in elections)
        turnout = ratio(returned * 100, electorate, 2)
        if len(elections) <= NAMED_LIMIT:
            for e in elections:
                paragraphs.append(election_sentence(e.title, e.electorate, e.returned, e.elected))
        else:
            paragraphs.append(_("%(n)s elections were held by secret ballot; %(r)s of %(e)s electors voted (%(t)s).") % {
                "n": format_count(len(elections)), "r": format_count(returned),
                "e": format_count(electorate), "t": format_percent(returned, electorate)})
        figures.append(Figure("congress.elections.held", _("elections held"), len(elections), f"{len(elections)}",
                              source="/congress/elections/"))
        figures.append(Figure("congress.elections.turnout", _("turnout"), turnout,
                              format_percent(returned, electorate), source="/congress/elections/"))
        figures.append(Figure("congress.elections.electorate", _("electors"), electorate, format_count(electorate),
                              source="/congress/elections/"))
        figures.append(Figure("congress.elections.returned", _("ballots returned"), returned, format_count(returned),
                              source="/congress/elections/"))
    # each appraisal names its cadres; a federation with more than a few states the count only
    appraisals = selectors.appraisals_held(org=org, start=start, end=end, limit=NAMED_LIMIT + 1)
    if len(appraisals) <= NAMED_LIMIT:
        for appraisal, sheets, results in appraisals:
            paragraphs.append(appraisal_sentence(appraisal.title, sheets, results))
    else:
        paragraphs.append(_("Leading cadres were appraised by the delegates in more than %(n)s democratic appraisals.") % {
            "n": NAMED_LIMIT})
    contracts = selectors.contract_figures(org=org, on=end)
    in_force = contracts.in_force
    if in_force:
        if len(in_force) <= NAMED_LIMIT:
            for title, signed_on, term_start, term_end in in_force:
                paragraphs.append(contract_sentence(title, signed_on, term_start, term_end))
        else:
            paragraphs.append(_("More than %(n)s collective contracts are in force.") % {"n": NAMED_LIMIT})
        figures.append(Figure("congress.contracts.in_force", _("collective contracts in force"), len(in_force),
                              format_count(len(in_force)), source="/congress/contracts/"))
    if contracts.waiting:
        shortcomings.append(_("%(n)s collective contracts are past a date the rules set (a reply to a request for talks, "
                              "or filing with the labour bureau).") % {"n": format_count(contracts.waiting)})
        figures.append(Figure("congress.contracts.waiting", _("collective contracts past a due date"), contracts.waiting,
                              format_count(contracts.waiting), source="/congress/contracts/"))
    if not paragraphs and not shortcomings:
        return []
    return [Section(key="congress", order=ORDER, heading=_("Advancing democratic management"), paragraphs=paragraphs,
                    figures=figures, shortcomings=shortcomings)]


def _pieces(n: int) -> str:
    """A count of motions as the text writes it: 6件."""
    return _("%(n)s motions") % {"n": format_count(n)}


def _motions_figure(n: int) -> Figure:
    return Figure("congress.motions.collected", _("motions collected"), n, _pieces(n), source="/congress/motions/")


def composition_shortcomings(sessions, figures: list[Figure]) -> list[str]:
    """Each session whose delegates break the rules' composition, with what it breaks; past
    NAMED_LIMIT of them (a federation's unions) one sentence counts them and names what they break."""
    wrong = [s for s in sessions if s.composition.problems]
    if len(wrong) <= NAMED_LIMIT:
        return [_("The delegates of %(title)s were not composed as the rules ask: %(p)s") % {
            "title": s.title, "p": pgettext("clause separator", "; ").join(
                p.rstrip("。.") for p in selectors.composition_problems(s.composition)) + pgettext("sentence end", ".")}
                for s in wrong]
    kinds = sorted({p for s in wrong for p in s.composition.problems}, key=list(PROBLEM_KINDS).index)
    figures.append(Figure("congress.sessions.miscomposed", _("congress sessions not composed as the rules ask"), len(wrong),
                          _("%(n)s sessions") % {"n": format_count(len(wrong))}, source="/congress/"))
    return [_("The delegates of %(n)s congress sessions were not composed as the rules ask (%(kinds)s).") % {
        "n": format_count(len(wrong)), "kinds": "、".join(str(PROBLEM_KINDS[k]) for k in kinds)}]


PROBLEM_KINDS = {   # what a composition problem is about, in the rules' order (rules.composition_check)
    "frontline": _lazy("the share of frontline workers"),
    "management": _lazy("the share of middle management"),
    "women": _lazy("the share of women"),
    "size": _lazy("the number of delegates"),
}


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """The motions each union's congress collected in the period, for the federation's per-union lines."""
    return headline_sections(selectors.motions_by_union(org=org, start=period.start, end=period.end, union_of=union_of),
                             key="congress", order=ORDER, heading=_("Advancing democratic management"), figure=_motions_figure)
