"""Care in the work summary (section 40: 送温暖, and the cadres' talks and home visits). Sentences are small functions over the
selectors' plain figures; shortcomings are read off the records (files not re-checked this
year, aid refused above the limit)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.formatting import format_count, format_money
from gonghui.core.summary import Figure, Period, Section, headline_sections, org_words

from .choices import AidKind, Level, Occasion, ServiceKind
from .selectors import CareFigures, care_figures, service_people_by_kind, talk_figures

ORDER = 40


def visits_sentence(fig: CareFigures) -> str:
    """春节、元旦走访慰问12户，中秋8户…，共送去慰问金6,000元、慰问品价值3,200元。

    Where a household was visited on more than one occasion (住院 and 生日), the occasions are
    counted in visits (次), so that the parts add up to what the sentence says."""
    visits = sum(fig.visits_by_occasion.values())
    by_household = visits == fig.households_visited
    part = _("%(occasion)s %(n)s") if by_household else _("%(occasion)s %(n)s visits")
    parts = pgettext("list separator", ", ").join(
        part % {"occasion": Occasion(o).label, "n": format_count(n)}
        for o, n in sorted(fig.visits_by_occasion.items(), key=lambda kv: Occasion.values.index(kv[0])))
    counts = {"households": format_count(fig.households_visited), "visits": format_count(visits)}
    visited = (_("Visited %(households)s households") if by_household
               else _("Visited %(households)s households in %(visits)s visits")) % counts
    if not (fig.visit_cash or fig.visit_goods):  # visits without gifts are not written up as "0元"
        return _("%(visited)s (%(parts)s).") % {"visited": visited, "parts": parts}
    if not fig.visit_goods:
        return _("%(visited)s (%(parts)s), giving %(cash)s in cash.") % {
            "visited": visited, "parts": parts, "cash": format_money(fig.visit_cash)}
    return _("%(visited)s (%(parts)s), giving %(cash)s in cash and goods worth %(goods)s.") % {
        "visited": visited, "parts": parts, "cash": format_money(fig.visit_cash), "goods": format_money(fig.visit_goods)}


def visit_cash_sentence(cash_by_occasion: dict[str, object]) -> str:
    """其中住院慰问金5,000元、生日慰问金15,000元。 (only when the cash went on more than one occasion)"""
    given = [(o, v) for o, v in cash_by_occasion.items() if v]
    if len(given) < 2:
        return ""
    parts = pgettext("list separator", ", ").join(
        _("%(occasion)s: %(cash)s") % {"occasion": Occasion(o).label, "cash": format_money(v, scale_of=sum(c for _o, c in given))}
        for o, v in sorted(given, key=lambda kv: Occasion.values.index(kv[0])))
    return _("The cash went on %(parts)s.") % {"parts": parts}


def services_sentence(people_by_kind: dict[str, int]) -> str:
    """食堂为职工做病号饭60人次，安排职工休假26人次。"""
    said = {ServiceKind.SICK_MEAL: _("the canteen cooked sick meals for workers %(n)s person-times"),
            ServiceKind.LEAVE: _("leave was arranged for workers %(n)s person-times")}
    parts = [said[kind] % {"n": format_count(people_by_kind[kind])} for kind in ServiceKind.values if people_by_kind.get(kind)]
    if not parts:
        return ""
    return pgettext("clause separator", ", ").join(parts) + pgettext("sentence end", ".")


def aid_sentence(fig: CareFigures, words: dict | None = None) -> str:
    parts = pgettext("list separator", ", ").join(
        f"{AidKind(k).label}{format_money(v, scale_of=fig.aid_cash + fig.aid_goods)}" for k, v in sorted(fig.aid_by_kind.items(), key=lambda kv: AidKind.values.index(kv[0])))
    said = {**(words or org_words(None)), "people": format_count(fig.people_aided),
            "total": format_money(fig.aid_cash + fig.aid_goods), "parts": parts}
    if len(fig.aid_by_kind) < 2:   # one kind of aid: its total is the whole, said once
        return _("Aided %(people)s %(staff)s with %(total)s.") % said
    return _("Aided %(people)s %(staff)s with %(total)s (%(parts)s).") % said


def files_sentence(fig: CareFigures, words: dict | None = None) -> str:
    levels = pgettext("list separator", ", ").join(
        f"{Level(k).label}{format_count(n)}" for k, n in sorted(fig.files_by_level.items(), key=lambda kv: Level.values.index(kv[0])))
    return _("%(open)s hardship files of %(staff)s are open (%(levels)s); %(opened)s were opened and %(closed)s closed "
             "in the period.") % {
        **(words or org_words(None)), "open": format_count(fig.files_open), "levels": levels or "—",
        "opened": format_count(fig.files_opened), "closed": format_count(fig.files_closed)}


def talks_sentence(n: int) -> str:
    """工会干部与职工谈心、家访24人次。"""
    return _("Union cadres talked with workers and visited their homes %(n)s times.") % {"n": f"{format_count(n)}人次"}


def _heading() -> str:
    return _("Care for members in hardship")


def _visits_figure(n) -> Figure:
    return Figure("care.visits", _("visits"), n, _("%(n)s household visits") % {"n": format_count(n)}, source="/care/visits/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """The visits each union made in the period, for the federation's per-union lines; one query."""
    from gonghui.core.scoping import under
    from gonghui.orgs.selectors import count_by_union

    from .models import Visit

    counts = count_by_union(Visit.objects.filter(under(org), date__gte=period.start, date__lte=period.end), union_of)
    return headline_sections(counts, key="care", order=ORDER, heading=_heading(), figure=_visits_figure)


def sections(*, org, period: Period) -> list[Section]:
    """Section 40: every number its sentences state is one of its figures (the bench's raw SQL states the same)."""
    fig = care_figures(org=org, start=period.start, end=period.end)
    talks = talk_figures(org=org, start=period.start, end=period.end)
    served = service_people_by_kind(org=org, start=period.start, end=period.end)
    n_talks = talks["talks"] + talks["visits"]
    if not (fig.visits_by_occasion or fig.people_aided or fig.files_open or fig.files_closed or fig.aid_refused or n_talks
            or served):
        return []
    words = org_words(org)
    section = Section(key="care", order=ORDER, heading=_heading())
    if fig.visits_by_occasion:
        section.paragraphs.append(visits_sentence(fig) + visit_cash_sentence(fig.visit_cash_by_occasion))
        section.figures += [
            Figure("care.households_visited", _("households visited"), fig.households_visited, format_count(fig.households_visited),
                   source="/care/visits/"),
            Figure("care.visit_cash", _("cash given on visits"), fig.visit_cash, format_money(fig.visit_cash)),
        ]
        section.figures += [Figure(f"care.visits.{o}", str(Occasion(o).label), n, format_count(n), source="/care/visits/")
                            for o, n in fig.visits_by_occasion.items()]
        if fig.visit_goods:
            section.figures.append(Figure("care.visit_goods", _("value of the goods given on visits"), fig.visit_goods,
                                          format_money(fig.visit_goods), source="/care/visits/"))
        if visit_cash_sentence(fig.visit_cash_by_occasion):
            section.figures += [Figure(f"care.visit_cash.{o}", _("%(occasion)s: cash given") % {"occasion": Occasion(o).label},
                                       cash, format_money(cash, scale_of=fig.visit_cash), source="/care/visits/")
                                for o, cash in fig.visit_cash_by_occasion.items() if cash]
    if fig.people_aided:
        section.paragraphs.append(aid_sentence(fig, words))
        section.figures += [
            Figure("care.people_aided", _("people aided"), fig.people_aided, format_count(fig.people_aided), source="/care/aid/"),
            Figure("care.aid", _("aid paid"), fig.aid_cash + fig.aid_goods, format_money(fig.aid_cash + fig.aid_goods)),
        ]
        section.figures += [Figure(f"care.aid.{kind}", str(AidKind(kind).label), v,
                                   format_money(v, scale_of=fig.aid_cash + fig.aid_goods), source="/care/aid/")
                            for kind, v in fig.aid_by_kind.items()]
    if served:
        section.paragraphs.append(services_sentence(served))
        section.figures += [Figure(f"care.services.{kind}", str(ServiceKind(kind).label), n, f"{format_count(n)}人次")
                            for kind, n in served.items()]
    if fig.files_open or fig.files_closed:
        section.paragraphs.append(files_sentence(fig, words))
        section.figures.append(Figure("care.files_open", _("hardship files open"), fig.files_open, format_count(fig.files_open),
                                      source="/care/cases/"))
        section.figures += [Figure(f"care.files.{level}", str(Level(level).label), n, format_count(n), source="/care/cases/")
                            for level, n in fig.files_by_level.items()]
        section.figures += [
            Figure("care.files_opened", _("hardship files opened"), fig.files_opened, format_count(fig.files_opened),
                   source="/care/cases/"),
            Figure("care.files_closed", _("hardship files closed"), fig.files_closed, format_count(fig.files_closed),
                   source="/care/cases/"),
        ]
    if n_talks:
        section.items.append(talks_sentence(n_talks))
        section.figures.append(Figure("care.talks", _("talks and home visits"), n_talks, f"{format_count(n_talks)}人次",
                                      source="/care/talks/"))
    if fig.files_unchecked:
        section.shortcomings.append(_("%(n)s hardship files of %(staff)s have not been re-checked this year.") % {
            "n": format_count(fig.files_unchecked), **words})
        section.figures.append(Figure("care.files_unchecked", _("hardship files not re-checked"), fig.files_unchecked,
                                      format_count(fig.files_unchecked), source="/care/cases/"))
    if fig.aid_refused:
        section.shortcomings.append(_("%(n)s aid requests were refused as above the yearly limit per person.") % {
            "n": format_count(fig.aid_refused)})
        section.figures.append(Figure("care.aid_refused", _("aid requests refused"), fig.aid_refused,
                                      format_count(fig.aid_refused), source="/care/aid/"))
    return [section]
