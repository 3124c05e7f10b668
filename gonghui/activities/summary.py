"""Section 60 of the work summary: events, competitions, honours, innovation, mentors and training.

Every figure comes from `selectors.activity_figures`; the sentences are assembled by small
functions over those plain figures, so each can be tested on hand-made numbers, and the
shortcomings are read off the records (fewer participants than a year earlier, a planned
course not held, pairs without a progress check), never invented.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.formatting import format_count, format_money, format_month
from gonghui.core.summary import Figure, Period, Section, headline_sections, org_words

from .choices import AwardKind, HonourKind, HonourLevel, PatentKind
from .selectors import ActivityFigures, ActivityNames, activity_figures, headline_counts_by_union

ORDER = 60
SEP = "、"


def _heading(f: ActivityFigures | None = None, words: dict | None = None) -> str:
    """开展丰富多彩的文体活动和劳动竞赛; a period with no event or competition is headed by what it did:
    its innovations, else its training."""
    if f is None or f.events_held or f.competitions:
        return _("Rich cultural and sports activities and labour competitions")
    if f.innovations or f.patents_filed or f.patents_granted:
        return _("Technical innovation by the %(staff)s") % (words or org_words(None))
    if f.courses_held or f.pairs_formed:
        return _("Education and training of the %(staff)s") % (words or org_words(None))
    return _("Rich cultural and sports activities and labour competitions")


def _headline_figure(counts: tuple[int, int]) -> Figure:
    events, honours = counts
    if events:
        return Figure("activities.events.held", _("events held"), events, _("%(n)s times") % {"n": format_count(events)},
                      source="/activities/events/")
    return Figure("activities.honours.awarded", _("honours awarded"), honours, format_count(honours), source="/activities/honours/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """Each union's events held in the period, or, with none, the honours it awarded (a federation's line per union)."""
    from gonghui.core.scoping import under

    from .models import Patent

    counts = headline_counts_by_union(org=org, start=period.start, end=period.end, union_of=union_of)
    found = headline_sections(counts, key="activities", order=ORDER, heading=_heading(), figure=_headline_figure)
    # the patents each union's workers were granted, by name: one query for the whole federation
    for org_id, title, kind in (Patent.objects.filter(under(org), granted_on__range=(period.start, period.end))
                                .order_by("granted_on", "id").values_list("org_id", "title", "kind")[:50]):
        union_pk = union_of.get(org_id)
        if union_pk is None:
            continue
        section = found.setdefault(union_pk, Section(key="activities", order=ORDER, heading=_heading()))
        if len(section.named) < 3:
            section.named.append(_("“%(title)s” was granted a %(kind)s") % {"title": title, "kind": PatentKind(kind).label})
    return found


def events_sentence(f: ActivityFigures, words: dict | None = None) -> str:
    """全年组织文体活动6次，参与职工412人次，获奖项3个（…），活动支出2.3万元。"""
    text = _("Held %(n)s cultural, sports and other events, with %(people)s %(staff)s taking part") % {
        **(words or org_words(None)), "n": format_count(f.events_held), "people": format_count(f.participants)}
    if f.prizes:
        lines = SEP.join(_("%(prize)s at %(event)s") % {"event": e, "prize": p} + (f"×{n}" if n > 1 else "")
                         for e, p, n in f.prize_lines)
        text += _("; won %(n)s prizes (%(lines)s)") % {"n": format_count(f.prizes), "lines": lines}
    if f.event_cost:
        text += _("; the events cost %(cost)s") % {"cost": format_money(f.event_cost)}
    return text + pgettext("sentence end", ".")


def competitions_sentence(f: ActivityFigures) -> str:
    text = _("Ran %(n)s labour and skills competitions") % {"n": format_count(f.competitions)}
    if f.winners:
        named = SEP.join(_("%(who)s won %(title)s in %(competition)s") % {"who": who, "title": title, "competition": comp}
                         for comp, who, title in f.winners)
        text += pgettext("clause separator", ", ") + named
    return text + pgettext("sentence end", ".")


def honours_sentence(f: ActivityFigures) -> str:
    total = sum(f.honours_by_level.values())
    levels = SEP.join(_("%(level)s: %(n)s") % {"level": HonourLevel(level).label, "n": format_count(f.honours_by_level[level])}
                      for level in reversed(HonourLevel.values) if f.honours_by_level.get(level))
    # "其中" names the kinds that say something; honours of no particular kind are only counted
    kinds = SEP.join((_("%(kind)s: %(n)s units") if kind == HonourKind.ADVANCED_UNIT else _("%(kind)s: %(n)s"))
                     % {"kind": HonourKind(kind).label, "n": format_count(n)}
                     for kind, n in sorted(f.honours_by_kind.items()) if kind != HonourKind.OTHER)
    said = {"n": format_count(total), "levels": levels, "kinds": kinds}
    if not kinds:
        return _("%(n)s honours were awarded to people and units (%(levels)s).") % said
    return _("%(n)s honours were awarded to people and units (%(levels)s), among them %(kinds)s.") % said


def innovation_sentence(f: ActivityFigures) -> str:
    parts = []
    if f.innovations:
        part = _("%(n)s small innovations (五小) were recorded") % {"n": format_count(f.innovations)}
        if f.savings:
            part += _(", saving %(yuan)s") % {"yuan": format_money(f.savings)}
        parts.append(part)
    if f.patents_filed or f.patents_granted:
        kinds = SEP.join(_("%(level)s: %(n)s") % {"level": PatentKind(k).label, "n": format_count(n)}
                         for k, n in sorted(f.patents_by_kind.items()))
        if f.patents_filed:
            parts.append(_("%(filed)s patents were applied for (%(kinds)s)") % {"filed": format_count(f.patents_filed), "kinds": kinds})
        if f.patents_granted:
            parts.append(_granted_clause(f))
    if f.awards:
        parts.append(_("%(n)s appraisals, awards and grants brought %(yuan)s") % {
            "n": format_count(f.awards), "yuan": format_money(f.grants)})
    return pgettext("clause separator", ", ").join(parts) + pgettext("sentence end", ".")


def _granted_clause(f: ActivityFigures) -> str:
    """获得专利授权6项：“…”（发明专利）、…; with more than are named, 获得专利授权12项，包括“…”等."""
    said = {"n": format_count(f.patents_granted), "named": SEP.join(
        _("“%(title)s” (%(kind)s)") % {"title": title, "kind": PatentKind(kind).label} for title, kind in f.granted)}
    if not f.granted:
        return _("%(n)s patents were granted") % said
    if len(f.granted) == f.patents_granted:
        return _("%(n)s patents were granted: %(named)s") % said
    return _("%(n)s patents were granted, among them %(named)s") % said


def growth_sentence(f: ActivityFigures) -> str:
    parts = []
    if f.pairs_formed:
        parts.append(_("%(n)s mentor–apprentice agreements were signed") % {"n": format_count(f.pairs_formed)})
    if f.courses_held:
        part = _("%(n)s training courses were held for %(people)s trainees") % {
            "n": format_count(f.courses_held), "people": format_count(f.trained)}
        if f.passed:
            part += _(", %(n)s of whom passed the test") % {"n": format_count(f.passed)}
        parts.append(part)
    return pgettext("clause separator", ", ").join(parts) + pgettext("sentence end", ".")


def facilities_sentence(f: ActivityFigures) -> str:
    """工会活动场所2处（职工书屋、健身房），预约使用35次、120人次，其中职工书屋12次、健身房23次。"""
    text = _("The union keeps %(n)s facilities (%(names)s), booked %(bookings)s times by %(people)s people") % {
        "n": format_count(len(f.facilities)), "names": SEP.join(f.facilities), "bookings": format_count(f.bookings),
        "people": format_count(f.booking_people)}
    used = [(name, n) for name, n, _people in f.facility_use if n]
    if len(used) > 1:
        text += _(", of them %(lines)s") % {"lines": SEP.join(_("%(facility)s %(n)s times") % {"facility": name, "n": format_count(n)}
                                                             for name, n in used)}
    return text + pgettext("sentence end", ".")


NAMED_ROWS = 10   # past this many events or courses (a federation's unions), they are named by title, most held first


def _by_title(rows: list[tuple[str, int]]) -> tuple[list[tuple[str, int, int]], bool]:
    """[(title, times, people)] of (title, people) rows, most held first, at most NAMED_ROWS; and whether more were left out."""
    found: dict[str, list[int]] = {}
    for title, people in rows:
        times_people = found.setdefault(title, [0, 0])
        times_people[0] += 1
        times_people[1] += people
    ordered = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
    return [(title, times, people) for title, (times, people) in ordered[:NAMED_ROWS]], len(ordered) > NAMED_ROWS


def _and_others(items: list[str], more: bool) -> str:
    return SEP.join(items) + (_(" and others") if more else "")


def events_named_sentence(names: ActivityNames) -> str:
    """2025年3月三八节女教师体检（52人参加）、2025年10月非公企业文艺汇演（50人参加，获金奖、银奖）……;
    past NAMED_ROWS events, by title: 职工运动会500次（15,000人参加）、……"""
    if len(names.events) > NAMED_ROWS:
        titles, more = _by_title([(title, people) for _day, title, people, _prizes in names.events])
        return _("The events were %(list)s.") % {"list": _and_others(
            [_("%(title)s, %(n)s times (%(people)s taking part)") % {
                "title": title, "n": format_count(times), "people": format_count(people)} for title, times, people in titles], more)}
    items = []
    for day, title, people, prizes in names.events:
        item = _("%(month)s: %(title)s (%(n)s taking part") % {"month": format_month(day), "title": title, "n": format_count(people)}
        if prizes:
            item += _(", winning %(prizes)s") % {"prizes": SEP.join(prizes)}
        items.append(item + pgettext("closing bracket", ")"))
    return _("The events were %(list)s.") % {"list": SEP.join(items)} if items else ""


def competitions_named_sentence(names: ActivityNames) -> str:
    items = [(_("%(title)s (judged on %(indicators)s)") % {"title": title, "indicators": SEP.join(indicators)}) if indicators else title
             for title, indicators in names.competitions[:NAMED_ROWS]]
    return _("The competitions were %(list)s.") % {"list": _and_others(items, len(names.competitions) > NAMED_ROWS)} if items else ""


def courses_named_sentence(names: ActivityNames) -> str:
    if len(names.courses) > NAMED_ROWS:
        titles, more = _by_title([(title, trained) for title, trained, _passed in names.courses])
        return _("The courses were %(list)s.") % {"list": _and_others(
            [_("%(title)s, %(n)s courses (%(people)s trained)") % {
                "title": title, "n": format_count(times), "people": format_count(people)} for title, times, people in titles], more)}
    items = []
    for title, trained, passed in names.courses:
        if passed is None:
            items.append(_("%(title)s (%(n)s trained)") % {"title": title, "n": format_count(trained)})
        elif passed == trained:
            items.append(_("%(title)s (%(n)s trained, all of whom passed)") % {"title": title, "n": format_count(trained)})
        else:
            items.append(_("%(title)s (%(n)s trained, %(passed)s passed)") % {
                "title": title, "n": format_count(trained), "passed": format_count(passed)})
    return _("The courses were %(list)s.") % {"list": SEP.join(items)} if items else ""


def honours_named_sentence(names: ActivityNames) -> str:
    items = [(_("%(title)s: %(n)s, from %(body)s") if body else _("%(title)s: %(n)s"))
             % {"title": title, "n": format_count(n), "body": body} for title, body, n in names.honours]
    return _("The honours were %(list)s.") % {"list": SEP.join(items)} if items else ""


def awards_named_sentence(names: ActivityNames) -> str:
    """通过省级技术鉴定3项、国家火炬计划项目1项、中小企业技术创新基金立项1项（科技部支持50万元）。"""
    items = []
    for kind, name, n, yuan, body in names.awards:
        item = _("%(name)s: %(n)s") % {"name": name, "n": format_count(n)}
        if kind == AwardKind.GRANT and yuan:
            item += (_(" (%(body)s gave %(yuan)s)") if body else _(" (%(yuan)s given)")) % {"body": body, "yuan": format_money(yuan)}
        items.append(item)
    return _("The innovations' appraisals, awards and grants: %(list)s.") % {"list": SEP.join(items)} if items else ""


def sections(*, org, period: Period) -> list[Section]:
    """Section 60: every number its sentences state is one of its figures (the bench's raw SQL states the same)."""
    last = period.same_period_last_year()
    f = activity_figures(org=org, start=period.start, end=period.end, before=(last.start, last.end))
    names = f.names
    if not any((f.events_held, f.competitions, f.honours_by_level, f.innovations, f.patents_filed, f.patents_granted,
                f.awards, f.pairs_formed, f.pairs_active, f.courses_held, f.courses_missed, f.facilities)):
        return []
    before = f.participants_before
    fell = bool(before and f.participants < before)
    words = org_words(org)
    paragraphs, figures, shortcomings = [], [], []
    participants = Figure("activities.events.participants", _("participants"), f.participants,
                          _("%(n)s people") % {"n": format_count(f.participants)}, previous=before or None,
                          source="/activities/events/")
    if f.events_held:
        paragraphs.append(events_sentence(f, words) + events_named_sentence(names))
        figures += [
            Figure("activities.events.held", _("events held"), f.events_held, _("%(n)s times") % {"n": format_count(f.events_held)},
                   source="/activities/events/"),
            participants,
            Figure("activities.events.prizes", _("prizes won"), f.prizes, format_count(f.prizes), source="/activities/events/"),
        ]
        if f.event_cost:
            figures.append(Figure("activities.events.cost", _("event spending"), f.event_cost, format_money(f.event_cost),
                                  source="/activities/events/"))
    if f.competitions:
        paragraphs.append(competitions_sentence(f) + competitions_named_sentence(names))
        figures.append(Figure("activities.competitions", _("competitions"), f.competitions, format_count(f.competitions),
                              source="/activities/competitions/"))
    if f.honours_by_level:
        paragraphs.append(honours_sentence(f) + honours_named_sentence(names))
        total = sum(f.honours_by_level.values())
        figures.append(Figure("activities.honours.awarded", _("honours awarded"), total, format_count(total),
                              source="/activities/honours/"))
        for kind, n in sorted(f.honours_by_kind.items()):
            unit = _("%(n)s units") if kind == HonourKind.ADVANCED_UNIT else _("%(n)s people")
            figures.append(Figure(f"activities.honours.{kind}", str(HonourKind(kind).label), n,
                                  unit % {"n": format_count(n)}, source="/activities/honours/"))
        figures += [Figure(f"activities.honours.level.{level}", str(HonourLevel(level).label), f.honours_by_level[level],
                           format_count(f.honours_by_level[level]), source="/activities/honours/")
                    for level in reversed(HonourLevel.values) if f.honours_by_level.get(level)]
    if f.innovations or f.patents_filed or f.patents_granted or f.awards:
        paragraphs.append(innovation_sentence(f) + awards_named_sentence(names))
        figures += [
            Figure("activities.innovations", _("innovations"), f.innovations, format_count(f.innovations), source="/activities/innovations/"),
            Figure("activities.patents.filed", _("patents applied for"), f.patents_filed, format_count(f.patents_filed),
                   source="/activities/innovations/"),
            Figure("activities.patents.granted", _("patents granted"), f.patents_granted, format_count(f.patents_granted),
                   source="/activities/innovations/"),
        ]
        if f.innovations and f.savings:
            figures.append(Figure("activities.innovations.savings", _("benefits of the innovations"), f.savings,
                                  format_money(f.savings), source="/activities/innovations/"))
        if f.patents_filed:
            figures += [Figure(f"activities.patents.filed.{kind}", str(PatentKind(kind).label), n, format_count(n),
                               source="/activities/innovations/") for kind, n in sorted(f.patents_by_kind.items())]
        if f.awards:
            figures += [
                Figure("activities.awards", _("appraisals, awards and grants"), f.awards, format_count(f.awards),
                       source="/activities/innovations/"),
                Figure("activities.awards.yuan", _("amount of the awards and grants"), f.grants, format_money(f.grants),
                       source="/activities/innovations/"),
            ]
    if f.pairs_formed or f.courses_held:
        paragraphs.append(growth_sentence(f) + courses_named_sentence(names))
        figures += [
            Figure("activities.mentorships.formed", _("mentor pairs formed"), f.pairs_formed, format_count(f.pairs_formed),
                   source="/activities/mentorships/"),
            Figure("activities.training.trained", _("people trained"), f.trained, format_count(f.trained),
                   source="/activities/mentorships/"),
            Figure("activities.training.passed", _("people who passed"), f.passed, format_count(f.passed),
                   source="/activities/mentorships/"),
        ]
        if f.courses_held:
            figures.append(Figure("activities.training.courses", _("training courses held"), f.courses_held,
                                  format_count(f.courses_held), source="/activities/mentorships/"))
    if f.facilities:
        paragraphs.append(facilities_sentence(f))
        figures += [
            Figure("activities.facilities", _("facilities"), len(f.facilities), format_count(len(f.facilities)),
                   source="/activities/facilities/"),
            Figure("activities.facilities.bookings", _("facility bookings"), f.bookings,
                   _("%(n)s times") % {"n": format_count(f.bookings)}, source="/activities/facilities/week/"),
            Figure("activities.facilities.people", _("people using the facilities"), f.booking_people,
                   _("%(n)s people") % {"n": format_count(f.booking_people)}, source="/activities/facilities/week/"),
        ]
    if fell:
        if not f.events_held:   # the shortcoming states this period's participants (none) beside last year's
            figures.append(participants)
        shortcomings.append(_("Participation of %(staff)s in events fell to %(now)s from %(before)s a year earlier.") % {
            **words, "now": format_count(f.participants), "before": format_count(before)})
    for title in f.courses_missed:
        shortcomings.append(_("The planned course “%(title)s” was not held.") % {"title": title})
    if f.pairs_unchecked:
        shortcomings.append(_("%(n)s mentor pairs had no progress check in the period.") % {"n": format_count(f.pairs_unchecked)})
        figures.append(Figure("activities.mentorships.unchecked", _("mentor pairs without a progress check"), f.pairs_unchecked,
                              format_count(f.pairs_unchecked), source="/activities/mentorships/"))
    return [Section(key="activities", order=ORDER, heading=_heading(f, words), paragraphs=paragraphs, figures=figures,
                    shortcomings=shortcomings)]
