"""The congress's private URLs and services for the outsider and authority walks
(portal/tests/test_outsider_walk.py, test_authority_walk.py).

The delegates here are new members of BENBU, so neither the outsider nor the plain member
(who sits in no session of the walk) may vote, move, second, rate or appraise."""

from __future__ import annotations

import datetime as dt

from gonghui.congress import services
from gonghui.portal.tests.personas import make_member

DAY = dt.date(2025, 4, 18)


def _scene(cast):
    chair = cast.chair
    s = services.session_create(actor=chair, org=cast.union, term=9, sitting=1, title="第九届第一次职工代表大会", date=DAY,
                                headcount=300, women_on_roll=60)
    delegates = [services.delegate_add(actor=chair, session=s, member=make_member(cast.branch, f"走查代表{i}"),
                                       category="frontline") for i in range(6)]
    item = services.resolution_add(actor=chair, session=s, title="审议工会工作报告")
    motion = services.motion_submit(actor=chair, session=s, proposer=delegates[0], title="改善班组休息室",
                                    reasons="休息室狭小。", proposal="扩建休息室。")
    for d in delegates[1:3]:
        services.motion_second(actor=chair, motion=motion, delegate=d)
    services.motion_decide(actor=chair, motion=motion, accept=True)
    services.motion_assign(actor=chair, motion=motion, lead=cast.branch, deadline=dt.date(2025, 6, 30))
    answered = services.motion_submit(actor=chair, session=s, proposer=delegates[0], title="增设饮水机",
                                      reasons="夏季饮水不便。", proposal="每个班组增设饮水机。")
    for d in delegates[1:3]:
        services.motion_second(actor=chair, motion=answered, delegate=d)
    services.motion_decide(actor=chair, motion=answered, accept=True)
    services.motion_assign(actor=chair, motion=answered, lead=cast.branch, deadline=dt.date(2025, 6, 30))
    services.motion_answer(actor=chair, motion=answered, text="已增设。", org=cast.branch)
    fresh = services.motion_submit(actor=chair, session=s, proposer=delegates[0], title="完善夜班交通",
                                   reasons="夜班下班无车。", proposal="开通夜班班车。")
    election = services.election_create(actor=chair, session=s, title="工会委员会换届选举", seats=1, held_on=DAY)
    for d in delegates[4:6]:
        services.candidate_add(actor=chair, election=election, name="", member=d.member)
    services.teller_appoint(actor=chair, election=election, delegate=delegates[1], role="scrutineer")
    services.teller_appoint(actor=chair, election=election, delegate=delegates[2], role="counter")
    draft = services.election_create(actor=chair, session=s, title="经费审查委员会选举", seats=1, held_on=DAY, mode="uncontested")
    services.election_open(actor=chair, election=election)
    appraisal = services.appraisal_create(actor=chair, session=s, title="2025年度民主测评", held_on=DAY)
    services.appraisee_add(actor=chair, appraisal=appraisal, name="王建国", post="工会主席", report="述职报告")
    contract = services.contract_request(actor=chair, org=cast.union, title="2025年集体合同", requested_on=DAY)
    return s, delegates, item, motion, answered, fresh, election, draft, appraisal, contract


def private_urls(cast) -> list[tuple]:
    s, _delegates, item, motion, _answered, _fresh, election, _draft, appraisal, contract = _scene(cast)
    p = "/api/v1/congress"
    return [
        ("GET", f"/congress/?org={cast.union.pk}"),
        ("GET", f"/congress/sessions/{s.pk}/"),
        ("POST", f"/congress/sessions/{s.pk}/status/", {"status": "open"}),
        ("POST", f"/congress/sessions/{s.pk}/delegates/", {"category": "frontline"}),
        ("POST", f"/congress/sessions/{s.pk}/resolutions/", {"title": "审议"}),
        ("GET", f"/congress/sessions/{s.pk}/motions/new/"),
        ("POST", f"/congress/sessions/{s.pk}/motions/new/", {"title": "x", "reasons": "x", "proposal": "x"}),
        ("GET", f"/congress/sessions/{s.pk}/motions/report/"),
        ("GET", f"/congress/sessions/{s.pk}/elections/new/"),
        ("GET", f"/congress/sessions/{s.pk}/appraisals/new/"),
        ("POST", f"/congress/resolutions/{item.pk}/vote/", {"choice": "for", "idempotency_key": "walk"}),
        ("POST", f"/congress/resolutions/{item.pk}/close/"),
        ("GET", f"/congress/motions/?org={cast.union.pk}"),
        ("GET", f"/congress/motions/{motion.pk}/"),
        ("POST", f"/congress/motions/{motion.pk}/second/"),
        ("POST", f"/congress/motions/{motion.pk}/decide/", {"accept": "no", "reason": "x"}),
        ("POST", f"/congress/motions/{motion.pk}/assign/", {"deadline": "2025-06-30"}),
        ("POST", f"/congress/motions/{motion.pk}/answer/", {"text": "x"}),
        ("POST", f"/congress/motions/{motion.pk}/rate/", {"rating": "satisfied"}),
        ("POST", f"/congress/motions/{motion.pk}/supervise/", {"note": "x", "deadline": "2025-07-30"}),
        ("GET", f"/congress/elections/?org={cast.union.pk}"),
        ("GET", f"/congress/elections/{election.pk}/"),
        ("POST", f"/congress/elections/{election.pk}/candidates/", {}),
        ("POST", f"/congress/elections/{election.pk}/tellers/", {}),
        ("POST", f"/congress/elections/{election.pk}/open/"),
        ("POST", f"/congress/elections/{election.pk}/close/"),
        ("POST", f"/congress/elections/{election.pk}/publish/"),
        ("GET", f"/congress/elections/{election.pk}/ballot/"),
        ("POST", f"/congress/elections/{election.pk}/ballot/", {}),
        ("POST", f"/congress/elections/{election.pk}/paper/issue/", {"issued": 3}),
        ("POST", f"/congress/elections/{election.pk}/paper/", {"entry_key": "walk"}),
        ("POST", f"/congress/elections/{election.pk}/receipt/", {"code": "ABCDEFGHJK"}),
        ("GET", f"/congress/appraisals/?org={cast.union.pk}"),
        ("GET", f"/congress/appraisals/{appraisal.pk}/"),
        ("POST", f"/congress/appraisals/{appraisal.pk}/appraisees/", {"name": "x"}),
        ("POST", f"/congress/appraisals/{appraisal.pk}/rate/", {}),
        ("POST", f"/congress/appraisals/{appraisal.pk}/close/"),
        ("GET", f"{p}/sessions?org_id={cast.union.pk}"),
        ("GET", f"{p}/sessions/{s.pk}"),
        ("POST", f"{p}/sessions/{s.pk}/status", {"status": "open"}),
        ("GET", f"{p}/sessions/{s.pk}/delegates"),
        ("POST", f"{p}/sessions/{s.pk}/delegates", {"member_id": cast.member_record.pk, "category": "frontline"}),
        ("GET", f"{p}/sessions/{s.pk}/resolutions"),
        ("POST", f"{p}/sessions/{s.pk}/resolutions", {"title": "x"}),
        ("POST", f"{p}/resolutions/{item.pk}/votes", {"choice": "for", "idempotency_key": "walk-api"}),
        ("POST", f"{p}/resolutions/{item.pk}/close"),
        ("GET", f"{p}/motions?org_id={cast.union.pk}"),
        ("GET", f"{p}/motions/{motion.pk}"),
        ("POST", f"{p}/sessions/{s.pk}/motions", {"title": "x", "reasons": "x", "proposal": "x"}),
        ("POST", f"{p}/motions/{motion.pk}/seconders", {}),
        ("POST", f"{p}/motions/{motion.pk}/decision", {"accept": False, "reason": "x"}),
        ("POST", f"{p}/motions/{motion.pk}/assignment", {"lead_id": cast.branch.pk, "deadline": "2025-06-30"}),
        ("POST", f"{p}/motions/{motion.pk}/answers", {"text": "x"}),
        ("POST", f"{p}/motions/{motion.pk}/rating", {"rating": "satisfied"}),
        ("POST", f"{p}/motions/{motion.pk}/supervision", {"note": "x", "deadline": "2025-07-30"}),
        ("GET", f"{p}/sessions/{s.pk}/motion-report"),
        ("GET", f"{p}/elections?org_id={cast.union.pk}"),
        ("GET", f"{p}/elections/{election.pk}"),
        ("POST", f"{p}/sessions/{s.pk}/elections", {"title": "x", "seats": 1, "held_on": "2025-04-18"}),
        ("POST", f"{p}/elections/{election.pk}/candidates", {"name": "x"}),
        ("POST", f"{p}/elections/{election.pk}/tellers", {"delegate_id": _delegates[0].pk, "role": "counter"}),
        ("POST", f"{p}/elections/{election.pk}/open"),
        ("POST", f"{p}/elections/{election.pk}/ballots", {"marks": {}}),
        ("POST", f"{p}/elections/{election.pk}/paper-issued", {"issued": 1}),
        ("POST", f"{p}/elections/{election.pk}/paper-ballots", {"marks": {}, "entry_key": "walk-api"}),
        ("POST", f"{p}/elections/{election.pk}/close"),
        ("POST", f"{p}/elections/{election.pk}/publication"),
        ("POST", f"{p}/elections/{election.pk}/receipt-check", {"code": "x"}),
        ("GET", f"{p}/appraisals?org_id={cast.union.pk}"),
        ("GET", f"{p}/appraisals/{appraisal.pk}"),
        ("POST", f"{p}/sessions/{s.pk}/appraisals", {"title": "x", "held_on": "2025-04-18"}),
        ("POST", f"{p}/appraisals/{appraisal.pk}/appraisees", {"name": "x"}),
        ("POST", f"{p}/appraisals/{appraisal.pk}/sheets", {"marks": {}}),
        ("POST", f"{p}/appraisals/{appraisal.pk}/close"),
        ("GET", f"/congress/contracts/?org={cast.union.pk}"),
        ("GET", f"/congress/contracts/{contract.pk}/"),
        ("POST", f"/congress/contracts/{contract.pk}/negotiators/", {"side": "union", "name": "x"}),
        ("POST", f"/congress/contracts/{contract.pk}/rounds/", {"held_on": "2025-05-01", "summary": "x"}),
        ("POST", f"/congress/contracts/{contract.pk}/approve/", {"resolution": item.pk}),
        ("POST", f"/congress/contracts/{contract.pk}/sign/", {"signed_on": "2025-05-01"}),
        ("POST", f"/congress/contracts/{contract.pk}/file/", {"filed_on": "2025-05-05"}),
        ("POST", f"/congress/contracts/{contract.pk}/bureau/", {"objected": "no", "on": "2025-05-20"}),
        ("GET", f"{p}/contracts?org_id={cast.union.pk}"),
        ("GET", f"{p}/contracts/{contract.pk}"),
        ("POST", f"{p}/contracts", {"org_id": cast.union.pk, "title": "x", "requested_on": "2025-04-01"}),
        ("POST", f"{p}/contracts/{contract.pk}/negotiators", {"side": "union", "name": "x"}),
        ("POST", f"{p}/contracts/{contract.pk}/rounds", {"held_on": "2025-05-01", "summary": "x"}),
        ("POST", f"{p}/contracts/{contract.pk}/approval", {"resolution_id": item.pk}),
        ("POST", f"{p}/contracts/{contract.pk}/signing", {"signed_on": "2025-05-01", "term_start": "2025-05-01", "term_end": "2028-04-30"}),
        ("POST", f"{p}/contracts/{contract.pk}/filing", {"filed_on": "2025-05-05"}),
        ("POST", f"{p}/contracts/{contract.pk}/bureau-answer", {"objected": False, "on": "2025-05-20"}),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    s, delegates, item, motion, answered, fresh, election, draft, appraisal, contract = _scene(cast)
    member = delegates[3].member
    appraisee = appraisal.appraisees.first()
    first = election.candidates.first()
    return [
        ("session_create", lambda a: services.session_create(actor=a, org=cast.union, term=9, sitting=2, title="",
                                                             date=DAY, headcount=300)),
        ("session_set_status", lambda a: services.session_set_status(actor=a, session=s, status="open")),
        ("delegate_add", lambda a: services.delegate_add(actor=a, session=s, member=cast.rep_record, category="technical")),
        ("resolution_add", lambda a: services.resolution_add(actor=a, session=s, title="审议经费审查报告")),
        ("resolution_vote", lambda a: services.resolution_vote(actor=a, resolution=item, choice="for", idempotency_key=f"w-{a.pk}")),
        ("resolution_close", lambda a: services.resolution_close(actor=a, resolution=item)),
        ("motion_submit", lambda a: services.motion_submit(actor=a, session=s, title="x", reasons="x", proposal="x")),
        ("motion_second", lambda a: services.motion_second(actor=a, motion=fresh)),
        ("motion_decide", lambda a: services.motion_decide(actor=a, motion=fresh, accept=False, reason="x")),
        ("motion_assign", lambda a: services.motion_assign(actor=a, motion=motion, lead=cast.branch, deadline=DAY)),
        ("motion_answer", lambda a: services.motion_answer(actor=a, motion=motion, text="x")),
        ("motion_rate", lambda a: services.motion_rate(actor=a, motion=answered, rating="satisfied")),
        ("motion_supervise", lambda a: services.motion_supervise(actor=a, motion=motion, note="x", deadline=DAY)),
        ("election_create", lambda a: services.election_create(actor=a, session=s, title="女职工委员会选举", seats=1, held_on=DAY)),
        ("candidate_add", lambda a: services.candidate_add(actor=a, election=draft, name="", member=member)),
        ("teller_appoint", lambda a: services.teller_appoint(actor=a, election=draft, delegate=delegates[1], role="counter")),
        ("election_open", lambda a: services.election_open(actor=a, election=draft)),
        ("ballot_cast", lambda a: services.ballot_cast(actor=a, election=election, marks={first.pk: "for"})),
        ("paper_ballots_issue", lambda a: services.paper_ballots_issue(actor=a, election=election, issued=2)),
        ("paper_ballot_enter", lambda a: services.paper_ballot_enter(actor=a, election=election, marks={first.pk: "for"},
                                                                     entry_key=f"walk-{a.pk}")),
        ("election_close", lambda a: services.election_close(actor=a, election=election)),
        ("election_publish", lambda a: services.election_publish(actor=a, election=election)),
        ("appraisal_create", lambda a: services.appraisal_create(actor=a, session=s, title="x", held_on=DAY)),
        ("appraisee_add", lambda a: services.appraisee_add(actor=a, appraisal=appraisal, name="x")),
        ("appraisal_rate", lambda a: services.appraisal_rate(actor=a, appraisal=appraisal,
                                                             marks={appraisee.pk: {d: "excellent" for d in appraisal.dimensions}})),
        ("appraisal_close", lambda a: services.appraisal_close(actor=a, appraisal=appraisal)),
        ("contract_request", lambda a: services.contract_request(actor=a, org=cast.union, title="x", requested_on=DAY)),
        ("negotiator_add", lambda a: services.negotiator_add(actor=a, contract=contract, side="union", name="x")),
        ("negotiation_record", lambda a: services.negotiation_record(actor=a, contract=contract, held_on=DAY, summary="x")),
        ("contract_approve", lambda a: services.contract_approve(actor=a, contract=contract, resolution=item)),
        ("contract_sign", lambda a: services.contract_sign(actor=a, contract=contract, signed_on=DAY, term_start=DAY,
                                                           term_end=DAY.replace(year=2028) - dt.timedelta(days=1))),
        ("contract_file", lambda a: services.contract_file(actor=a, contract=contract, filed_on=DAY)),
        ("contract_bureau_answer", lambda a: services.contract_bureau_answer(actor=a, contract=contract, objected=False, on=DAY)),
    ]
