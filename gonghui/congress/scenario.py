"""The scenario's congress: one session with its delegates, resolutions, motions, an election
and an appraisal, all created through the services.

Reads the optional `congress` block; every key is optional, an unknown key is an error:

    congress:
      session:     {title?, term?, sitting?, month?, delegates, frontline?, management?, women?}
      resolutions: [title, …]                       # each passed by the delegates' recorded votes
      motions:     {collected, accepted?, answered?, satisfied?, unsatisfied?}
                   # accepted ≤ collected (the rest turned into suggestions), answered ≤ accepted
                   # (the rest overdue), satisfied + unsatisfied ≤ answered
      election:    {title?, seats, candidates, turnout?}   # turnout: ballots returned, default all
      appraisal:   {title?, cadres: [{name, post?, report?}], dimensions?: [..]}
      contract:    {title, kind?, negotiators?, years?}   # talks before the session, approved by the
                   # first resolution whose title names 集体合同, signed, filed and in effect
"""

from __future__ import annotations

import datetime as dt

from gonghui.core.demo import years_later

from . import services
from .choices import DEFAULT_DIMENSIONS

ORDER = 45

KEYS = {"session", "resolutions", "motions", "election", "appraisal", "contract"}
SESSION_KEYS = {"title", "term", "sitting", "month", "delegates", "frontline", "management", "women"}
MOTION_KEYS = {"collected", "accepted", "answered", "satisfied", "unsatisfied"}
ELECTION_KEYS = {"title", "seats", "candidates", "turnout"}
APPRAISAL_KEYS = {"title", "cadres", "dimensions"}
CONTRACT_KEYS = {"title", "kind", "negotiators", "years"}

SUBJECTS = ("改善{x}更衣室条件", "增设{x}饮水点", "完善{x}夜班交通", "加强{x}劳动防护用品管理", "优化{x}排班制度",
            "改造{x}职工食堂", "建设{x}职工书屋", "增加{x}健身器材", "规范{x}加班费核算", "开展{x}技能培训")
ANSWERS = ("已列入年度改造计划，预计年底前完成。", "经研究已落实，相关费用从福利费中列支。", "已制定实施方案，分两批推进。")


def _check(block: dict, allowed: set[str], where: str) -> None:
    unknown = set(block) - allowed
    if unknown:
        raise ValueError(f"unknown keys in scenario {where}: {sorted(unknown)}")


def load(spec: dict, ctx) -> None:
    part = spec.get("congress")
    if not part or ctx.union is None:
        return
    congress_load(part, union=ctx.union, actor=ctx.actor, members=ctx.members, year=ctx.year, rng=ctx.rng,
                  departments=ctx.branches, shift=ctx.shift, today=ctx.today)


def congress_load(part: dict, *, union, actor, members, year: int, rng, departments, first=(),
                  shift: dt.timedelta = dt.timedelta(0), today: dt.date | None = None):
    """Build the congress a block describes; `first` members are seated first (the demo's logins).
    `shift` moves its dates as ScenarioContext.shift does; told as of `today` (the demo), a motion still
    unanswered is days past its (extended) deadline, not months."""
    _check(part, KEYS, "congress")
    s_spec = part.get("session") or {}
    _check(s_spec, SESSION_KEYS, "congress.session")
    n = int(s_spec.get("delegates", 30))
    frontline = int(s_spec.get("frontline", (n * 6 + 9) // 10))
    management = int(s_spec.get("management", n // 10))
    women = int(s_spec.get("women", n // 4))
    date = dt.date(year, int(s_spec.get("month", 4)), 18) + shift
    roll = [m for m in members if m.status == "active"] or list(members)
    women_on_roll = sum(1 for m in roll if m.sex == "female")
    session = services.session_create(
        actor=actor, org=union, term=int(s_spec.get("term", 1)), sitting=int(s_spec.get("sitting", 1)),
        title=s_spec.get("title", ""), date=date, headcount=max(len(roll), 1), women_on_roll=women_on_roll,
        motions_due=date - dt.timedelta(days=30))
    seated = list(dict.fromkeys([*first, *rng.sample(roll, min(n + 10, len(roll)))]))[:n]
    delegates = []
    for i, m in enumerate(seated):
        category = "frontline" if i < frontline else ("management" if i < frontline + management else "technical")
        delegates.append(services.delegate_add(actor=actor, session=session, member=m, category=category,
                                               group=m.org.name, is_woman=i >= n - women))
    _motions(part.get("motions") or {}, session, delegates, actor, rng, departments, date, today)
    services.session_set_status(actor=actor, session=session, status="open")
    items = []
    for title in part.get("resolutions") or []:
        item = services.resolution_add(actor=actor, session=session, title=title)
        present = delegates[: max(len(delegates) - rng.randint(0, 3), 0)]
        for j, d in enumerate(present):
            services.resolution_vote(actor=actor, resolution=item, delegate=d,
                                     choice="for" if j % 15 else "abstain", idempotency_key=f"s{session.pk}-{item.pk}-{d.pk}")
        items.append(services.resolution_close(actor=actor, resolution=item))
    if part.get("contract"):
        _contract(part["contract"], session, items, actor, rng, date)
    if part.get("election"):
        _election(part["election"], session, delegates, actor, rng, date)
    if part.get("appraisal"):
        _appraisal(part["appraisal"], session, delegates, actor, rng, date, year)
    return session


def _motions(spec: dict, session, delegates, actor, rng, departments, date, today: dt.date | None = None) -> None:
    _check(spec, MOTION_KEYS, "congress.motions")
    collected = int(spec.get("collected", 0))
    accepted = int(spec.get("accepted", collected))
    answered = int(spec.get("answered", accepted))
    satisfied = int(spec.get("satisfied", answered))
    unsatisfied = int(spec.get("unsatisfied", 0))
    if not (accepted <= collected and answered <= accepted and satisfied + unsatisfied <= answered) or len(delegates) < 3:
        raise ValueError("scenario congress.motions: the counts do not nest (or fewer than three delegates)")
    places = [d.name for d in departments] or [session.org.name]
    for i in range(collected):
        proposer = delegates[i % len(delegates)]
        title = SUBJECTS[i % len(SUBJECTS)].format(x=places[i % len(places)]) + (f"（{i // len(SUBJECTS) + 1}）" if i >= len(SUBJECTS) else "")
        motion = services.motion_submit(actor=actor, session=session, proposer=proposer, title=title,
                                        reasons="职工反映强烈，影响工作和生活。", proposal="建议行政方面研究解决。")
        for d in [d for d in delegates if d.pk != proposer.pk][i % 5: i % 5 + 2]:
            services.motion_second(actor=actor, motion=motion, delegate=d)
        if i >= accepted:
            services.motion_decide(actor=actor, motion=motion, accept=False, reason="属日常管理事项，转为合理化建议办理。")
            continue
        services.motion_decide(actor=actor, motion=motion, accept=True)
        lead = departments[i % len(departments)] if departments else session.org
        deadline = date + dt.timedelta(days=60)
        if i >= answered and today:
            deadline = max(deadline, today - dt.timedelta(days=3 + 4 * (i % 3)))
        services.motion_assign(actor=actor, motion=motion, lead=lead, deadline=deadline)
        if i >= answered:
            continue
        services.motion_answer(actor=actor, motion=motion, text=ANSWERS[i % len(ANSWERS)], org=lead,
                               on=date + dt.timedelta(days=rng.randint(20, 55)))
        if i < satisfied + unsatisfied:
            rating = "unsatisfied" if i >= satisfied else ("satisfied" if i % 3 else "basically")
            # the proposer's rating slip, loaded as the system (the proposer may have no login)
            rated_on = date + dt.timedelta(days=58)
            if rating == "unsatisfied" and today:   # put under supervision lately enough to be days past it
                rated_on = max(rated_on, today - dt.timedelta(days=services.SUPERVISION_DAYS + 5))
            services.motion_rate(actor=None, motion=motion, rating=rating, today=rated_on)


def _election(spec: dict, session, delegates, actor, rng, date) -> None:
    _check(spec, ELECTION_KEYS, "congress.election")
    seats, n_candidates = int(spec["seats"]), int(spec["candidates"])
    election = services.election_create(actor=actor, session=session, title=spec.get("title", "工会委员会换届选举"),
                                        seats=seats, held_on=date, mode="contested" if n_candidates > seats else "uncontested")
    candidates = [services.candidate_add(actor=actor, election=election, name="", member=d.member)
                  for d in delegates[-n_candidates:]]
    services.teller_appoint(actor=actor, election=election, delegate=delegates[0], role="scrutineer")
    services.teller_appoint(actor=actor, election=election, delegate=delegates[1], role="counter")
    services.election_open(actor=actor, election=election)
    returned = int(spec.get("turnout", len(delegates)))
    services.paper_ballots_issue(actor=None, election=election, issued=returned)
    # the first `seats` candidates are the favourites: most ballots vote for them
    for i in range(returned):
        marks = {}
        for j, c in enumerate(candidates):
            if j < seats:
                marks[c.pk] = "for" if rng.random() < 0.9 else "against"
            else:
                marks[c.pk] = "against" if rng.random() < 0.7 else "abstain"
        services.paper_ballot_enter(actor=None, election=election, marks=marks, entry_key=f"s{election.pk}-{i}")
    services.election_close(actor=actor, election=election)


def _appraisal(spec: dict, session, delegates, actor, rng, date, year: int) -> None:
    _check(spec, APPRAISAL_KEYS, "congress.appraisal")
    appraisal = services.appraisal_create(actor=actor, session=session, title=spec.get("title", f"{year}年度民主测评"),
                                          held_on=date, dimensions=spec.get("dimensions") or list(DEFAULT_DIMENSIONS))
    cadres = [services.appraisee_add(actor=actor, appraisal=appraisal, name=c["name"], post=c.get("post", ""),
                                     report=c.get("report", "")) for c in spec.get("cadres") or []]
    bands = ["excellent"] * 6 + ["competent"] * 3 + ["basic"]
    for d in delegates:
        marks = {c.pk: {dim: rng.choice(bands) for dim in appraisal.dimensions} for c in cadres}
        services.appraisal_rate(actor=actor, appraisal=appraisal, marks=marks, delegate=d)
    services.appraisal_close(actor=actor, appraisal=appraisal)


NEGOTIATORS = {"union": ("工会主席", "工会副主席", "职工代表", "女职工委员会主任", "劳动保护监督员"),
               "employer": ("总经理", "人力资源部部长", "财务部部长", "生产部部长", "安全环保部部长")}


def _contract(spec: dict, session, items, actor, rng, date) -> None:
    _check(spec, CONTRACT_KEYS, "congress.contract")
    requested = date - dt.timedelta(days=75)
    contract = services.contract_request(actor=actor, org=session.org, title=spec["title"], kind=spec.get("kind", "general"),
                                         requested_on=requested)
    n = int(spec.get("negotiators", 3))
    for side, posts in NEGOTIATORS.items():
        for i in range(n):
            services.negotiator_add(actor=actor, contract=contract, side=side, name=posts[i % len(posts)] + ("" if i < len(posts) else str(i)),
                                    is_chief=i == 0)
    services.negotiation_record(actor=actor, contract=contract, held_on=requested + dt.timedelta(days=15),
                                summary="双方就工资增长、工作时间、休息休假、劳动安全卫生等条款进行协商，形成合同草案。")
    passed = [i for i in items if "集体合同" in i.title and i.status == "passed"]
    if not passed:
        return
    services.contract_approve(actor=actor, contract=contract, resolution=passed[0])
    start = date + dt.timedelta(days=12)
    years = int(spec.get("years", 3))
    end = years_later(start, years) - dt.timedelta(days=1)
    services.contract_sign(actor=actor, contract=contract, signed_on=date + dt.timedelta(days=5), term_start=start, term_end=end)
    services.contract_file(actor=actor, contract=contract, filed_on=date + dt.timedelta(days=9))
    services.contract_bureau_answer(actor=actor, contract=contract, objected=False, on=date + dt.timedelta(days=24))
