"""Small congresses built through the services, as the congress office would."""

from __future__ import annotations

import datetime as dt
import uuid

from gonghui.congress import services
from gonghui.portal.tests.personas import make_member

DAY = dt.date(2025, 4, 18)


def session(cast, *, headcount=400, women_on_roll=100, actor=None, delegates=None, title="第一届第一次职工代表大会"):
    """BENBU's session; with `delegates`, that many delegates (the member and the rep among them)."""
    actor = actor or cast.chair
    s = services.session_create(actor=actor, org=cast.union, term=1, sitting=1, title=title, date=DAY,
                                headcount=headcount, women_on_roll=women_on_roll, motions_due=DAY - dt.timedelta(days=30))
    if delegates:
        delegates_add(cast, s, delegates)
    return s


def delegates_add(cast, s, n: int, *, frontline=None, management=0, women=None, actor=None):
    """n delegates: the member and the rep first, then new members; categories and women as asked
    (by default 60% frontline, the rest technical, women a quarter)."""
    actor = actor or cast.chair
    frontline = (n * 6 + 9) // 10 if frontline is None else frontline
    women = n // 4 if women is None else women
    people = [cast.member_record, cast.rep_record] + [
        make_member(cast.branch, f"代表{uuid.uuid4().hex[:6]}") for _i in range(max(n - 2, 0))]
    made = []
    for i, m in enumerate(people[:n]):
        category = "frontline" if i < frontline else ("management" if i < frontline + management else "technical")
        made.append(services.delegate_add(actor=actor, session=s, member=m, category=category, group=m.org.name,
                                          is_woman=i >= n - women))
    return made


def motion(cast, s, *, actor=None, title="改善炼钢作业区更衣室条件"):
    return services.motion_submit(actor=actor or cast.member, session=s, title=title,
                                  reasons="更衣室通风差，冬季无供暖。", proposal="加装排风扇和暖气片。")


def seconded_motion(cast, s, delegates, **kw):
    m = motion(cast, s, **kw)
    for d in [d for d in delegates if d.pk != m.proposer_id][:2]:
        services.motion_second(actor=cast.chair, motion=m, delegate=d)
    return m


def assigned_motion(cast, s, delegates, *, deadline=dt.date(2025, 6, 30)):
    m = seconded_motion(cast, s, delegates)
    services.motion_decide(actor=cast.chair, motion=m, accept=True)
    return services.motion_assign(actor=cast.chair, motion=m, lead=cast.branch, co_handlers=[cast.other_branch],
                                  deadline=deadline)


def election(cast, s, delegates, *, seats=2, candidates=3, actor=None, open_it=True):
    actor = actor or cast.chair
    e = services.election_create(actor=actor, session=s, title="工会委员会换届选举", seats=seats, held_on=DAY,
                                 mode="contested" if candidates > seats else "uncontested")
    for d in delegates[-candidates:]:
        services.candidate_add(actor=actor, election=e, name="", member=d.member)
    services.teller_appoint(actor=actor, election=e, delegate=delegates[2], role="scrutineer")
    services.teller_appoint(actor=actor, election=e, delegate=delegates[3], role="counter")
    if open_it:
        services.election_open(actor=actor, election=e)
    return e
