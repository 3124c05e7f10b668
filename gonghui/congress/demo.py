"""The demo's congress for BENBU: a session whose delegates include the demo member (张三), motions
in every state, a finished election and one still open for the member's phone vote, a closed
appraisal and a collective contract in effect, built by the scenario's loader."""

from __future__ import annotations

from gonghui.core.demo import years_later
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from .scenario import congress_load

DEMO = {
    "session": {"title": "第一届第一次职工代表大会", "month": 4, "delegates": 100, "frontline": 62, "management": 12, "women": 50},
    "resolutions": ["审议《工会工作报告》", "审议《职工代表大会工作条例》", "审议《集体合同》"],
    "motions": {"collected": 10, "accepted": 8, "answered": 6, "satisfied": 4, "unsatisfied": 1},
    "election": {"title": "第一届工会委员会选举", "seats": 5, "candidates": 6},
    "contract": {"title": "本部集体合同（{year}—{end}年）", "negotiators": 5, "years": 3},
    "appraisal": {"title": "{year}年度领导干部民主测评", "cadres": [
        {"name": "王建国", "post": "工会主席", "report": "一年来，工会坚持以职工为中心，组织劳动竞赛，推进厂务公开，办好职工实事。"},
        {"name": "李秀英", "post": "工会副主席", "report": "分管女职工和帮扶工作，全年走访困难职工，落实金秋助学。"},
    ]},
}


def load(ctx) -> None:
    union = ctx.union
    members = list(Member.objects.filter(union=union).select_related("org").order_by("id"))
    own = [m for m in members if m.user_id in (ctx.member_user.pk,)]
    spec = {**DEMO, "appraisal": {**DEMO["appraisal"], "title": DEMO["appraisal"]["title"].format(year=ctx.year)},
            "contract": {**DEMO["contract"], "title": DEMO["contract"]["title"].format(year=ctx.year, end=ctx.year + 3)}}
    departments = list(Org.objects.filter(parent=union, is_active=True).order_by("path")[:5])
    session = congress_load(spec, union=union, actor=ctx.chair, members=members, year=ctx.year, rng=ctx.rng,
                            departments=departments, first=own, shift=ctx.shift, today=ctx.as_of)
    _open_election(session, ctx)
    _next_sitting(session, ctx)


def _open_election(session, ctx) -> None:
    """An uncontested election of the funds review committee still open: the tellers have entered
    most paper ballots, so the demo member (a delegate) can vote on a phone and the chair can
    close the count, publish the result and see the elected take their seats."""
    from . import services

    delegates = list(session.delegates.order_by("id"))
    election = services.election_create(actor=ctx.chair, session=session, title="第一届经费审查委员会选举", seats=3,
                                        held_on=session.date, mode="uncontested", committee_kind="funds_review")
    candidates = [services.candidate_add(actor=ctx.chair, election=election, name="", member=d.member) for d in delegates[10:13]]
    services.teller_appoint(actor=ctx.chair, election=election, delegate=delegates[20], role="scrutineer")
    services.teller_appoint(actor=ctx.chair, election=election, delegate=delegates[21], role="counter")
    services.election_open(actor=ctx.chair, election=election)
    paper = len(delegates) - 1 - 5  # one phone vote (the member's), five delegates absent
    services.paper_ballots_issue(actor=None, election=election, issued=paper)
    for i in range(paper):
        marks = {c.pk: ctx.rng.choices(["for", "against", "abstain"], (0.85, 0.08, 0.07))[0] for c in candidates}
        services.paper_ballot_enter(actor=None, election=election, marks=marks, entry_key=f"demo-funds-{i}")


def _next_sitting(session, ctx) -> None:
    """The next sitting, collecting motions: the demo member is a delegate and a colleague's
    motion waits for seconders, so the member can move a motion and second one on a phone."""
    from . import services

    later = services.session_create(actor=ctx.chair, org=session.org, term=session.term, sitting=session.sitting + 1,
                                    title="第一届第二次职工代表大会", date=years_later(session.date, 1),
                                    headcount=session.headcount, women_on_roll=session.women_on_roll)
    for d in session.delegates.order_by("id")[:20]:
        services.delegate_add(actor=ctx.chair, session=later, member=d.member, category=d.category, group=d.group,
                              is_woman=d.is_woman)
    colleague = later.delegates.exclude(member__user=ctx.member_user).order_by("id").first()
    services.motion_submit(actor=ctx.chair, session=later, proposer=colleague, title="关于增设夜班职工班车的提案",
                           reasons="夜班职工凌晨下班，公交已停运，步行回家存在安全隐患。",
                           proposal="在夜班下班时段开通两条职工班车线路，覆盖主要生活区。")
