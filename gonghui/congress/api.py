"""The congress over the API: every action of the pages, each calling the same service.

Objects are found in the caller's reach (404 otherwise); refusals answer 403 with the
message, a rule broken 422. Votes carry an idempotency key; a phone ballot answers with
its receipt code, the only time the code leaves the server."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.core.api import Pages
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import selectors, services
from .models import Delegate, Resolution

router = Router(tags=["congress"])


def _org(request, org_id: int | None):
    return get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org_id) if org_id else None


def _in(model_qs, pk: int):
    try:
        return model_qs.get(pk=pk)
    except model_qs.model.DoesNotExist as exc:
        raise Http404 from exc


# ── schemas ──

class SessionOut(Schema):
    id: int
    org_id: int
    kind: str
    body: str
    term: int
    sitting: int
    title: str
    date: dt.date
    motions_due: dt.date | None
    headcount: int
    women_on_roll: int
    status: str


class CompositionOut(Schema):
    delegates: int
    frontline: int
    management: int
    women: int
    women_needed: int
    min_delegates: int
    problems: list[str]


class SessionDetailOut(SessionOut):
    composition: CompositionOut


class SessionIn(Schema):
    org_id: int
    kind: str = "workers"
    term: int
    sitting: int
    title: str = ""
    date: dt.date
    motions_due: dt.date | None = None
    headcount: int
    women_on_roll: int = 0


class StatusIn(Schema):
    status: str


class DelegateOut(Schema):
    id: int
    member_id: int
    name: str
    group: str
    category: str
    is_woman: bool


class DelegateIn(Schema):
    member_id: int
    category: str
    group: str = ""
    is_woman: bool | None = None


class ResolutionOut(Schema):
    id: int
    session_id: int
    position: int
    title: str
    text: str
    status: str
    delegates: int
    present: int
    votes_for: int
    votes_against: int
    abstentions: int


class ResolutionIn(Schema):
    title: str
    text: str = ""


class VoteIn(Schema):
    choice: str
    idempotency_key: str
    delegate_id: int | None = None


class VoteOut(Schema):
    id: int
    resolution_id: int
    choice: str


class MotionOut(Schema):
    id: int
    session_id: int
    number: int
    title: str
    reasons: str
    proposal: str
    proposer_id: int
    status: str
    decision_reason: str
    deadline: dt.date | None
    rating: str
    supervision_note: str


class MotionToSecondOut(MotionOut):
    n_seconders: int
    seconded: bool


class HandlerOut(Schema):
    org_id: int
    is_lead: bool


class AnswerOut(Schema):
    id: int
    round: int
    org_id: int
    text: str
    answered_on: dt.date


class MotionDetailOut(MotionOut):
    seconders: list[int]
    handlers: list[HandlerOut]
    answers: list[AnswerOut]

    @staticmethod
    def resolve_seconders(obj):
        return [s.delegate_id for s in obj.seconders.all()]

    @staticmethod
    def resolve_handlers(obj):
        return list(obj.handlers.all())

    @staticmethod
    def resolve_answers(obj):
        return list(obj.answers.all())


class MotionIn(Schema):
    title: str
    reasons: str
    proposal: str
    proposer_id: int | None = None


class SecondIn(Schema):
    delegate_id: int | None = None


class DecideIn(Schema):
    accept: bool
    reason: str = ""


class AssignIn(Schema):
    lead_id: int
    co_handler_ids: list[int] = []
    deadline: dt.date


class AnswerIn(Schema):
    text: str
    org_id: int | None = None


class RateIn(Schema):
    rating: str


class SuperviseIn(Schema):
    note: str
    deadline: dt.date


class CandidateOut(Schema):
    id: int
    name: str
    is_write_in: bool
    votes_for: int
    votes_against: int
    abstentions: int
    elected: bool


class ElectionOut(Schema):
    id: int
    session_id: int
    title: str
    seats: int
    mode: str
    status: str
    held_on: dt.date
    electorate: int
    paper_issued: int
    returned: int
    valid: int
    quorum_met: bool
    outcome: str
    committee_kind: str
    fills: str
    term_years: int
    disclosure_id: int | None
    committee_id: int | None


class ElectionDetailOut(ElectionOut):
    candidates: list[CandidateOut]

    @staticmethod
    def resolve_candidates(obj):
        return list(obj.candidates.all())


class ElectionIn(Schema):
    title: str
    seats: int
    mode: str = "contested"
    held_on: dt.date
    committee_kind: str = "union"
    fills: str = "member"
    term_years: int = 5


class CandidateIn(Schema):
    member_id: int | None = None
    name: str = ""


class TellerIn(Schema):
    delegate_id: int
    role: str


class TellerOut(Schema):
    id: int
    delegate_id: int
    role: str


class BallotIn(Schema):
    marks: dict[int, str] = {}
    write_ins: list[str] = []


class PaperBallotIn(BallotIn):
    entry_key: str


class ReceiptOut(Schema):
    receipt: str


class IssueIn(Schema):
    issued: int


class ReceiptIn(Schema):
    code: str


class CountedOut(Schema):
    counted: bool


class AppraisalOut(Schema):
    id: int
    session_id: int
    title: str
    held_on: dt.date
    dimensions: list[str]
    status: str


class ResultOut(Schema):
    appraisee_id: int
    name: str
    post: str
    report: str
    by_dimension: dict[str, dict[str, int]]
    overall: dict[str, int]
    good_share: Decimal | None
    band: str


class AppraisalDetailOut(AppraisalOut):
    results: list[ResultOut]


class AppraisalIn(Schema):
    title: str
    held_on: dt.date
    dimensions: list[str] | None = None


class AppraiseeIn(Schema):
    name: str
    post: str = ""
    report: str = ""


class AppraiseeOut(Schema):
    id: int
    name: str
    post: str
    report: str


class SheetIn(Schema):
    marks: dict[int, dict[str, str]]
    delegate_id: int | None = None


class DoneOut(Schema):
    ok: bool


# ── sessions, delegates, resolutions ──

@router.get("/sessions", response=list[SessionOut])
@paginate(Pages)
def list_sessions(request, org_id: int | None = None):
    return selectors.session_list(visible_to=request.user, org=_org(request, org_id))


@router.get("/sessions/{int:session_id}", response=SessionDetailOut)
def get_session(request, session_id: int):
    session = selectors.session_get(visible_to=request.user, pk=session_id)
    c = selectors.composition(session)
    session.composition = {**vars(c), "women_needed": c.women_needed, "min_delegates": c.min_delegates}
    return session


@router.post("/sessions", response={201: SessionOut})
def create_session(request, payload: SessionIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=payload.org_id)
    return Status(201, services.session_create(actor=request.user, org=org, **payload.dict(exclude={"org_id"})))


@router.post("/sessions/{int:session_id}/status", response=SessionOut)
def set_session_status(request, session_id: int, payload: StatusIn):
    session = selectors.session_get(visible_to=request.user, pk=session_id)
    return services.session_set_status(actor=request.user, session=session, status=payload.status)


@router.get("/sessions/{int:session_id}/delegates", response=list[DelegateOut])
@paginate(Pages)
def list_delegates(request, session_id: int):
    return selectors.delegate_list(selectors.session_manageable(visible_to=request.user, pk=session_id))


@router.post("/sessions/{int:session_id}/delegates", response={201: DelegateOut})
def add_delegate(request, session_id: int, payload: DelegateIn):
    session = selectors.session_get(visible_to=request.user, pk=session_id)
    member = _in(Member.objects.filter(org__path__startswith=session.org.path), payload.member_id)
    return Status(201, services.delegate_add(actor=request.user, session=session, member=member, category=payload.category,
                                             group=payload.group, is_woman=payload.is_woman))


@router.get("/sessions/{int:session_id}/resolutions", response=list[ResolutionOut])
def list_resolutions(request, session_id: int):
    return list(selectors.session_get(visible_to=request.user, pk=session_id).resolutions.all())


@router.post("/sessions/{int:session_id}/resolutions", response={201: ResolutionOut})
def add_resolution(request, session_id: int, payload: ResolutionIn):
    session = selectors.session_get(visible_to=request.user, pk=session_id)
    return Status(201, services.resolution_add(actor=request.user, session=session, **payload.dict()))


def _resolution(request, pk: int) -> Resolution:
    return _in(Resolution.objects.select_related("session__org").filter(
        session__in=selectors.session_list(visible_to=request.user)), pk)


@router.post("/resolutions/{int:resolution_id}/votes", response={201: VoteOut})
def vote_on_resolution(request, resolution_id: int, payload: VoteIn):
    item = _resolution(request, resolution_id)
    delegate = _in(Delegate.objects.filter(session=item.session), payload.delegate_id) if payload.delegate_id else None
    return Status(201, services.resolution_vote(actor=request.user, resolution=item, choice=payload.choice,
                                                idempotency_key=payload.idempotency_key, delegate=delegate))


@router.post("/resolutions/{int:resolution_id}/close", response=ResolutionOut)
def close_resolution(request, resolution_id: int):
    return services.resolution_close(actor=request.user, resolution=_resolution(request, resolution_id))


# ── motions ──

@router.get("/motions", response=list[MotionOut])
@paginate(Pages)
def list_motions(request, org_id: int | None = None, status: str | None = None, overdue: bool = False):
    motions = selectors.motion_list(visible_to=request.user, org=_org(request, org_id), status=status)
    if overdue:
        motions = motions.filter(pk__in=selectors.overdue_motions(visible_to=request.user).values("pk"))
    return motions


@router.get("/motions/{int:motion_id}", response=MotionDetailOut)
def get_motion(request, motion_id: int):
    return selectors.motion_get(visible_to=request.user, pk=motion_id)


@router.post("/sessions/{int:session_id}/motions", response={201: MotionOut})
def submit_motion(request, session_id: int, payload: MotionIn):
    session = selectors.session_get(visible_to=request.user, pk=session_id)
    proposer = _in(Delegate.objects.filter(session=session), payload.proposer_id) if payload.proposer_id else None
    return Status(201, services.motion_submit(actor=request.user, session=session, proposer=proposer,
                                              **payload.dict(exclude={"proposer_id"})))


@router.get("/motions/to-second", response=list[MotionToSecondOut])
def list_motions_to_second(request):
    """The motions of the caller's sessions still collecting seconders, other than their own."""
    return list(selectors.motions_to_second(user=request.user))


@router.post("/motions/{int:motion_id}/seconders", response={201: DoneOut})
def second_motion(request, motion_id: int, payload: SecondIn):
    motion = selectors.motion_get(visible_to=request.user, pk=motion_id)
    delegate = _in(Delegate.objects.filter(session=motion.session), payload.delegate_id) if payload.delegate_id else None
    services.motion_second(actor=request.user, motion=motion, delegate=delegate)
    return Status(201, {"ok": True})


@router.post("/motions/{int:motion_id}/decision", response=MotionOut)
def decide_motion(request, motion_id: int, payload: DecideIn):
    motion = selectors.motion_get(visible_to=request.user, pk=motion_id)
    return services.motion_decide(actor=request.user, motion=motion, **payload.dict())


@router.post("/motions/{int:motion_id}/assignment", response=MotionOut)
def assign_motion(request, motion_id: int, payload: AssignIn):
    motion = selectors.motion_get(visible_to=request.user, pk=motion_id)
    orgs = Org.objects.filter(path__startswith=motion.org.path)
    return services.motion_assign(actor=request.user, motion=motion, lead=_in(orgs, payload.lead_id),
                                  co_handlers=[_in(orgs, pk) for pk in payload.co_handler_ids], deadline=payload.deadline)


@router.post("/motions/{int:motion_id}/answers", response={201: AnswerOut})
def answer_motion(request, motion_id: int, payload: AnswerIn):
    motion = selectors.motion_get(visible_to=request.user, pk=motion_id)
    org = _in(Org.objects.filter(pk__in=motion.handlers.values("org_id")), payload.org_id) if payload.org_id else None
    return Status(201, services.motion_answer(actor=request.user, motion=motion, text=payload.text, org=org))


@router.post("/motions/{int:motion_id}/rating", response=MotionOut)
def rate_motion(request, motion_id: int, payload: RateIn):
    motion = selectors.motion_get(visible_to=request.user, pk=motion_id)
    return services.motion_rate(actor=request.user, motion=motion, rating=payload.rating)


@router.post("/motions/{int:motion_id}/supervision", response=MotionOut)
def supervise_motion(request, motion_id: int, payload: SuperviseIn):
    motion = selectors.motion_get(visible_to=request.user, pk=motion_id)
    return services.motion_supervise(actor=request.user, motion=motion, **payload.dict())


@router.get("/sessions/{int:session_id}/motion-report", response=list[MotionDetailOut])
def motion_report(request, session_id: int):
    return selectors.motion_report(session=selectors.session_manageable(visible_to=request.user, pk=session_id))


# ── elections ──

@router.get("/elections", response=list[ElectionOut])
@paginate(Pages)
def list_elections(request, org_id: int | None = None):
    return selectors.election_list(visible_to=request.user, org=_org(request, org_id))


@router.get("/elections/{int:election_id}", response=ElectionDetailOut)
def get_election(request, election_id: int):
    return selectors.election_get(visible_to=request.user, pk=election_id)


@router.post("/sessions/{int:session_id}/elections", response={201: ElectionOut})
def create_election(request, session_id: int, payload: ElectionIn):
    session = selectors.session_get(visible_to=request.user, pk=session_id)
    return Status(201, services.election_create(actor=request.user, session=session, **payload.dict()))


@router.post("/elections/{int:election_id}/candidates", response={201: CandidateOut})
def add_candidate(request, election_id: int, payload: CandidateIn):
    election = selectors.election_get(visible_to=request.user, pk=election_id)
    member = _in(Member.objects.filter(org__path__startswith=election.org.path), payload.member_id) if payload.member_id else None
    return Status(201, services.candidate_add(actor=request.user, election=election, name=payload.name, member=member))


@router.post("/elections/{int:election_id}/tellers", response={201: TellerOut})
def appoint_teller(request, election_id: int, payload: TellerIn):
    election = selectors.election_get(visible_to=request.user, pk=election_id)
    delegate = _in(Delegate.objects.filter(session=election.session), payload.delegate_id)
    return Status(201, services.teller_appoint(actor=request.user, election=election, delegate=delegate, role=payload.role))


@router.post("/elections/{int:election_id}/open", response=ElectionOut)
def open_election(request, election_id: int):
    return services.election_open(actor=request.user, election=selectors.election_get(visible_to=request.user, pk=election_id))


@router.post("/elections/{int:election_id}/ballots", response={201: ReceiptOut})
def cast_ballot(request, election_id: int, payload: BallotIn):
    election = selectors.election_get(visible_to=request.user, pk=election_id)
    receipt = services.ballot_cast(actor=request.user, election=election, marks=payload.marks, write_ins=payload.write_ins)
    return Status(201, {"receipt": receipt})


@router.post("/elections/{int:election_id}/paper-issued", response=ElectionOut)
def issue_paper_ballots(request, election_id: int, payload: IssueIn):
    election = selectors.election_get(visible_to=request.user, pk=election_id)
    return services.paper_ballots_issue(actor=request.user, election=election, issued=payload.issued)


@router.post("/elections/{int:election_id}/paper-ballots", response={201: DoneOut})
def enter_paper_ballot(request, election_id: int, payload: PaperBallotIn):
    election = selectors.election_get(visible_to=request.user, pk=election_id)
    services.paper_ballot_enter(actor=request.user, election=election, marks=payload.marks, write_ins=payload.write_ins,
                                entry_key=payload.entry_key)
    return Status(201, {"ok": True})


@router.post("/elections/{int:election_id}/close", response=ElectionDetailOut)
def close_election(request, election_id: int):
    return services.election_close(actor=request.user, election=selectors.election_get(visible_to=request.user, pk=election_id))


@router.post("/elections/{int:election_id}/publication", response=ElectionOut)
def publish_election_result(request, election_id: int, notice_until: dt.date | None = None):
    """Publish a counted result on the notice board and seat the elected (once; a repeat is refused).

    The result is under public notice (公示), open to objections, until `notice_until`
    (a query parameter; by default the fifth working day after today)."""
    election = selectors.election_get(visible_to=request.user, pk=election_id)
    return services.election_publish(actor=request.user, election=election, notice_until=notice_until)


@router.post("/elections/{int:election_id}/receipt-check", response=CountedOut)
def check_receipt(request, election_id: int, payload: ReceiptIn):
    election = selectors.election_get(visible_to=request.user, pk=election_id)
    return {"counted": selectors.receipt_counted(election=election, code=payload.code)}


# ── appraisal ──

@router.get("/appraisals", response=list[AppraisalOut])
@paginate(Pages)
def list_appraisals(request, org_id: int | None = None):
    return selectors.appraisal_list(visible_to=request.user, org=_org(request, org_id))


@router.get("/appraisals/{int:appraisal_id}", response=AppraisalDetailOut)
def get_appraisal(request, appraisal_id: int):
    from gonghui.core.scoping import may

    appraisal = selectors.appraisal_get(visible_to=request.user, pk=appraisal_id)
    shown = appraisal.status == "closed" or may(request.user, "congress.appraisal.manage", appraisal.org)
    appraisal.results = [{**vars(r), "good_share": r.good_share, "band": r.band}
                         for r in selectors.appraisal_results(appraisal)] if shown else []
    return appraisal


@router.post("/sessions/{int:session_id}/appraisals", response={201: AppraisalOut})
def create_appraisal(request, session_id: int, payload: AppraisalIn):
    session = selectors.session_get(visible_to=request.user, pk=session_id)
    return Status(201, services.appraisal_create(actor=request.user, session=session, **payload.dict()))


@router.post("/appraisals/{int:appraisal_id}/appraisees", response={201: AppraiseeOut})
def add_appraisee(request, appraisal_id: int, payload: AppraiseeIn):
    appraisal = selectors.appraisal_get(visible_to=request.user, pk=appraisal_id)
    return Status(201, services.appraisee_add(actor=request.user, appraisal=appraisal, **payload.dict()))


@router.post("/appraisals/{int:appraisal_id}/sheets", response={201: DoneOut})
def hand_in_sheet(request, appraisal_id: int, payload: SheetIn):
    appraisal = selectors.appraisal_get(visible_to=request.user, pk=appraisal_id)
    delegate = _in(Delegate.objects.filter(session=appraisal.session), payload.delegate_id) if payload.delegate_id else None
    services.appraisal_rate(actor=request.user, appraisal=appraisal, marks=payload.marks, delegate=delegate)
    return Status(201, {"ok": True})


@router.post("/appraisals/{int:appraisal_id}/close", response=AppraisalOut)
def close_appraisal(request, appraisal_id: int):
    return services.appraisal_close(actor=request.user, appraisal=selectors.appraisal_get(visible_to=request.user, pk=appraisal_id))


# ── collective contracts ──

class ContractOut(Schema):
    id: int
    org_id: int
    title: str
    kind: str
    status: str
    requested_on: dt.date
    reply_due: dt.date
    resolution_id: int | None
    signed_on: dt.date | None
    term_start: dt.date | None
    term_end: dt.date | None
    filed_on: dt.date | None
    bureau_answer_on: dt.date | None
    bureau_note: str


class NegotiatorOut(Schema):
    id: int
    side: str
    name: str
    is_chief: bool


class RoundOut(Schema):
    id: int
    held_on: dt.date
    summary: str
    suspended: bool
    resumes_on: dt.date | None


class ContractDetailOut(ContractOut):
    negotiators: list[NegotiatorOut]
    rounds: list[RoundOut]

    @staticmethod
    def resolve_negotiators(obj):
        return list(obj.negotiators.all())

    @staticmethod
    def resolve_rounds(obj):
        return list(obj.rounds.all())


class ContractIn(Schema):
    org_id: int
    title: str
    kind: str = "general"
    requested_on: dt.date


class NegotiatorIn(Schema):
    side: str
    name: str
    is_chief: bool = False


class RoundIn(Schema):
    held_on: dt.date
    summary: str
    suspended: bool = False
    resumes_on: dt.date | None = None


class ApproveIn(Schema):
    resolution_id: int


class SignIn(Schema):
    signed_on: dt.date
    term_start: dt.date
    term_end: dt.date


class FileIn(Schema):
    filed_on: dt.date


class BureauIn(Schema):
    objected: bool
    on: dt.date
    note: str = ""


@router.get("/contracts", response=list[ContractOut])
@paginate(Pages)
def list_contracts(request, org_id: int | None = None):
    return selectors.contract_list(visible_to=request.user, org=_org(request, org_id))


@router.get("/contracts/{int:contract_id}", response=ContractDetailOut)
def get_contract(request, contract_id: int):
    return selectors.contract_get(visible_to=request.user, pk=contract_id)


@router.post("/contracts", response={201: ContractOut})
def request_contract(request, payload: ContractIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=payload.org_id)
    return Status(201, services.contract_request(actor=request.user, org=org, **payload.dict(exclude={"org_id"})))


@router.post("/contracts/{int:contract_id}/negotiators", response={201: NegotiatorOut})
def add_negotiator(request, contract_id: int, payload: NegotiatorIn):
    contract = selectors.contract_get(visible_to=request.user, pk=contract_id)
    return Status(201, services.negotiator_add(actor=request.user, contract=contract, **payload.dict()))


@router.post("/contracts/{int:contract_id}/rounds", response={201: RoundOut})
def record_round(request, contract_id: int, payload: RoundIn):
    contract = selectors.contract_get(visible_to=request.user, pk=contract_id)
    return Status(201, services.negotiation_record(actor=request.user, contract=contract, **payload.dict()))


@router.post("/contracts/{int:contract_id}/approval", response=ContractOut)
def approve_contract(request, contract_id: int, payload: ApproveIn):
    contract = selectors.contract_get(visible_to=request.user, pk=contract_id)
    resolution = _in(Resolution.objects.filter(session__org__path__startswith=contract.org.path), payload.resolution_id)
    return services.contract_approve(actor=request.user, contract=contract, resolution=resolution)


@router.post("/contracts/{int:contract_id}/signing", response=ContractOut)
def sign_contract(request, contract_id: int, payload: SignIn):
    contract = selectors.contract_get(visible_to=request.user, pk=contract_id)
    return services.contract_sign(actor=request.user, contract=contract, **payload.dict())


@router.post("/contracts/{int:contract_id}/filing", response=ContractOut)
def file_contract(request, contract_id: int, payload: FileIn):
    contract = selectors.contract_get(visible_to=request.user, pk=contract_id)
    return services.contract_file(actor=request.user, contract=contract, **payload.dict())


@router.post("/contracts/{int:contract_id}/bureau-answer", response=ContractOut)
def bureau_answer(request, contract_id: int, payload: BureauIn):
    contract = selectors.contract_get(visible_to=request.user, pk=contract_id)
    return services.contract_bureau_answer(actor=request.user, contract=contract, **payload.dict())
