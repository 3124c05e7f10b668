"""The congress's pages: cadres run sessions, motions, elections and appraisals; a delegate
submits and seconds motions, votes and rates on a phone. Views find the object in reach
(or 404), parse the form, call the service and go back."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.forms import form_submitted
from gonghui.core.history import history_for
from gonghui.core.scoping import may, org_from_query, orgs_in_reach

from . import selectors, services
from .choices import Band, MotionStatus, VoteChoice
from .forms import (
    ApproveForm, BureauForm, ContractForm, FileForm, NegotiatorForm, RoundForm, SignForm,
    AnswerForm, AppraisalForm, AppraiseeForm, AssignForm, CandidateForm, DecideForm, DelegateForm, ElectionForm, IssueForm,
    MotionForm, PublishForm, RateForm, ReceiptForm, ResolutionForm, SessionForm, StatusForm, SuperviseForm, TellerForm, VoteForm,
)
from .models import Resolution, ResolutionVote, Teller


def _done(request, call, ok: str, back: str):
    """Run a one-button service: its refusal (ValidationError) is shown as a message, not a page of its own."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, ok)
    return redirect(back)


def _form_post(request, form, call, ok: str, back: str):
    if not form.is_valid():
        messages.error(request, "；".join(f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                                          for f, e in form.errors.items()))
        return redirect(back)
    return _done(request, lambda: call(form.cleaned_data), ok, back)


# ── sessions ─────────────────────────────────────────────────────────────────

@login_required
def session_list(request):
    org = org_from_query(request)
    return render(request, "congress/session_list.html", {
        "sessions": selectors.session_list(visible_to=request.user, org=org),
        "may_create": may(request.user, "congress.session.manage"),
    })


@login_required
def session_create(request):
    orgs = orgs_in_reach(request.user, action="congress.session.manage")
    if not orgs.exists():
        raise Http404
    form = SessionForm(request.POST or None, orgs=orgs)
    session = form_submitted(request, form, lambda data: services.session_create(actor=request.user, **data))
    if session:
        messages.success(request, _("Session saved."))
        return redirect("congress:session", pk=session.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New congress session")})


@login_required
def session_detail(request, pk: int):
    session = selectors.session_get(visible_to=request.user, pk=pk)
    manage = selectors.may_manage(request.user, session)
    comp = selectors.composition(session)
    delegate = selectors.delegate_of(request.user, session)
    return render(request, "congress/session_detail.html", {
        "session": session, "manage": manage, "composition": comp, "problems": selectors.composition_problems(comp),
        "delegates": selectors.delegate_list(session) if manage else [], "delegate": delegate,
        "resolutions": selectors.resolution_list(session),
        "voted": set(ResolutionVote.objects.filter(delegate=delegate).values_list("resolution_id", flat=True))
        if delegate else set(),
        "motions": selectors.motion_list(visible_to=request.user, session=session),
        "elections": session.elections.all(), "appraisals": session.appraisals.all(),
        "delegate_form": DelegateForm(session=session) if manage else None, "resolution_form": ResolutionForm(),
        "vote_key": uuid.uuid4().hex, "vote_choices": VoteChoice.choices,
        "history": history_for(session)[:30] if manage else [],
    })


@login_required
@require_POST
def session_status(request, pk: int):
    session = selectors.session_get(visible_to=request.user, pk=pk)
    return _form_post(request, StatusForm(request.POST),
                      lambda d: services.session_set_status(actor=request.user, session=session, status=d["status"]),
                      _("Saved."), reverse("congress:session", args=[pk]))


@login_required
@require_POST
def delegate_add(request, pk: int):
    session = selectors.session_get(visible_to=request.user, pk=pk)
    return _form_post(request, DelegateForm(request.POST, session=session),
                      lambda d: services.delegate_add(actor=request.user, session=session, **d),
                      _("Delegate added."), reverse("congress:session", args=[pk]))


@login_required
@require_POST
def resolution_add(request, pk: int):
    session = selectors.session_get(visible_to=request.user, pk=pk)
    return _form_post(request, ResolutionForm(request.POST),
                      lambda d: services.resolution_add(actor=request.user, session=session, **d),
                      _("Agenda item added."), reverse("congress:session", args=[pk]))


def _resolution(request, pk: int) -> Resolution:
    sessions = selectors.session_list(visible_to=request.user)
    try:
        return Resolution.objects.select_related("session__org").get(pk=pk, session__in=sessions)
    except Resolution.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_POST
def resolution_vote(request, pk: int):
    item = _resolution(request, pk)
    return _form_post(request, VoteForm(request.POST),
                      lambda d: services.resolution_vote(actor=request.user, resolution=item, **d),
                      _("Your vote is recorded."), reverse("congress:session", args=[item.session_id]))


@login_required
@require_POST
def resolution_close(request, pk: int):
    item = _resolution(request, pk)
    return _done(request, lambda: services.resolution_close(actor=request.user, resolution=item),
                 _("The votes are counted."), reverse("congress:session", args=[item.session_id]))


@login_required
def motion_create(request, pk: int):
    session = selectors.session_get(visible_to=request.user, pk=pk)
    form = MotionForm(request.POST or None)
    motion = form_submitted(request, form, lambda d: services.motion_submit(actor=request.user, session=session, **d))
    if motion:
        messages.success(request, _("Motion submitted. It needs at least two seconders."))
        return redirect("congress:motion", pk=motion.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New motion") + " · " + session.title,
                                              "cancel_url": reverse("congress:session", args=[pk])})


@login_required
def motion_report(request, pk: int):
    session = selectors.session_manageable(visible_to=request.user, pk=pk)
    return render(request, "congress/motion_report.html", {"session": session, "motions": selectors.motion_report(session=session)})


# ── motions ──────────────────────────────────────────────────────────────────

@login_required
def motion_list(request):
    org = org_from_query(request)
    status = request.GET.get("status") if request.GET.get("status") in MotionStatus.values else None
    motions = selectors.motion_list(visible_to=request.user, org=org, status=status)
    if request.GET.get("overdue"):
        motions = motions.filter(pk__in=selectors.overdue_motions(visible_to=request.user).values("pk"))
    return render(request, "congress/motion_list.html", {"motions": motions, "status": status,
                                                         "statuses": MotionStatus.choices,
                                                         "to_second": selectors.motions_to_second(user=request.user),
                                                         "min_seconders": services.MIN_SECONDERS})


@login_required
def motion_detail(request, pk: int):
    motion = selectors.motion_get(visible_to=request.user, pk=pk)
    user = request.user
    delegate = selectors.delegate_of(user, motion.session)
    decide = may(user, "congress.motion.decide", motion.org)
    handlers = list(motion.handlers.select_related("org"))
    answers_for = [h.org for h in handlers if may(user, "congress.motion.answer", h.org)]
    return render(request, "congress/motion_detail.html", {
        "motion": motion, "handlers": handlers, "answers": motion.answers.select_related("org"),
        "seconders": motion.seconders.select_related("delegate"),
        "may_second": (delegate is not None and delegate.pk != motion.proposer_id and motion.status == MotionStatus.SUBMITTED
                       and not motion.seconders.filter(delegate=delegate).exists()),
        "may_rate": delegate is not None and delegate.pk == motion.proposer_id and motion.status == MotionStatus.ANSWERED,
        "decide": decide, "may_answer": bool(answers_for) and motion.status in (MotionStatus.ASSIGNED, MotionStatus.SUPERVISED, MotionStatus.ANSWERED),
        "decide_form": DecideForm(), "assign_form": AssignForm(motion=motion), "answer_form": AnswerForm(),
        "rate_form": RateForm(), "supervise_form": SuperviseForm(),
        "history": history_for(motion)[:30] if decide else [],
    })


def _motion_action(request, pk: int, call, ok: str, form_class=None, **form_kwargs):
    motion = selectors.motion_get(visible_to=request.user, pk=pk)
    back = reverse("congress:motion", args=[pk])
    if form_class is None:
        return _done(request, lambda: call(motion, {}), ok, back)
    return _form_post(request, form_class(request.POST, **({"motion": motion} if form_kwargs.get("with_motion") else {})),
                      lambda d: call(motion, d), ok, back)


@login_required
@require_POST
def motion_second(request, pk: int):
    """附议, from the motion's page or the delegate's list (which it returns to)."""
    motion = selectors.motion_get(visible_to=request.user, pk=pk)
    back = reverse("congress:motions") if request.POST.get("back") == "list" else reverse("congress:motion", args=[pk])
    return _done(request, lambda: services.motion_second(actor=request.user, motion=motion), _("You seconded the motion."), back)


@login_required
@require_POST
def motion_decide(request, pk: int):
    return _motion_action(request, pk, lambda m, d: services.motion_decide(actor=request.user, motion=m, **d),
                          _("Decision recorded."), DecideForm)


@login_required
@require_POST
def motion_assign(request, pk: int):
    return _motion_action(request, pk, lambda m, d: services.motion_assign(
        actor=request.user, motion=m, lead=d["lead"], co_handlers=list(d["co_handlers"]), deadline=d["deadline"]),
        _("Motion assigned."), AssignForm, with_motion=True)


@login_required
@require_POST
def motion_answer(request, pk: int):
    return _motion_action(request, pk, lambda m, d: services.motion_answer(actor=request.user, motion=m, text=d["text"]),
                          _("Answer sent to the proposer."), AnswerForm)


@login_required
@require_POST
def motion_rate(request, pk: int):
    return _motion_action(request, pk, lambda m, d: services.motion_rate(actor=request.user, motion=m, rating=d["rating"]),
                          _("Thank you for your rating."), RateForm)


@login_required
@require_POST
def motion_supervise(request, pk: int):
    return _motion_action(request, pk, lambda m, d: services.motion_supervise(actor=request.user, motion=m, **d),
                          _("Supervision recorded."), SuperviseForm)


# ── elections ────────────────────────────────────────────────────────────────

@login_required
def election_list(request):
    org = org_from_query(request)
    return render(request, "congress/election_list.html", {"elections": selectors.election_list(visible_to=request.user, org=org)})


@login_required
def election_create(request, pk: int):
    session = selectors.session_manageable(visible_to=request.user, pk=pk)
    form = ElectionForm(request.POST or None, initial={"held_on": session.date})
    election = form_submitted(request, form, lambda d: services.election_create(actor=request.user, session=session, **d))
    if election:
        messages.success(request, _("Election saved: add the candidates and tellers."))
        return redirect("congress:election", pk=election.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New election") + " · " + session.title,
                                              "cancel_url": reverse("congress:session", args=[pk])})


def _ballot_marks(request, election) -> tuple[dict, list[str]]:
    marks = {}
    for c in election.candidates.filter(is_write_in=False):
        choice = request.POST.get(f"c{c.pk}", "")
        if choice in VoteChoice.values:
            marks[c.pk] = choice
    write_ins = [line for line in request.POST.get("write_in", "").replace("，", "、").replace(",", "、").split("、") if line.strip()]
    return marks, write_ins


@login_required
def election_detail(request, pk: int):
    election = selectors.election_get(visible_to=request.user, pk=pk)
    manage = may(request.user, "congress.election.manage", election.org)
    delegate = selectors.delegate_of(request.user, election.session)
    is_teller = delegate is not None and Teller.objects.filter(election=election, delegate=delegate).exists()
    return render(request, "congress/election_detail.html", {
        "election": election, "manage": manage, "delegate": delegate, "is_teller": is_teller,
        "voted": selectors.has_voted(election=election, delegate=delegate),
        "candidates": election.candidates.all(), "tellers": election.tellers.select_related("delegate"),
        "candidate_form": CandidateForm(election=election) if manage else None,
        "teller_form": TellerForm(election=election) if manage else None,
        "issue_form": IssueForm(initial={"issued": election.paper_issued}), "receipt_form": ReceiptForm(),
        "receipt": request.session.pop(f"receipt-{election.pk}", None),
        "entry_key": uuid.uuid4().hex, "vote_choices": VoteChoice.choices,
        "history": history_for(election)[:30] if manage else [],
    })


def _election_action(request, pk, call, ok, form=None):
    election = selectors.election_get(visible_to=request.user, pk=pk)
    back = reverse("congress:election", args=[pk])
    if form is None:
        return _done(request, lambda: call(election, {}), ok, back)
    return _form_post(request, form(election), lambda d: call(election, d), ok, back)


@login_required
@require_POST
def candidate_add(request, pk: int):
    return _election_action(request, pk, lambda e, d: services.candidate_add(actor=request.user, election=e, name="", member=d["member"]),
                            _("Candidate added."), lambda e: CandidateForm(request.POST, election=e))


@login_required
@require_POST
def teller_appoint(request, pk: int):
    return _election_action(request, pk, lambda e, d: services.teller_appoint(actor=request.user, election=e, **d),
                            _("Teller appointed."), lambda e: TellerForm(request.POST, election=e))


@login_required
@require_POST
def election_open(request, pk: int):
    return _election_action(request, pk, lambda e, d: services.election_open(actor=request.user, election=e), _("The vote is open."))


@login_required
@require_POST
def election_close(request, pk: int):
    return _election_action(request, pk, lambda e, d: services.election_close(actor=request.user, election=e),
                            _("The vote is closed and counted."))


@login_required
@require_POST
def election_publish(request, pk: int):
    return _election_action(request, pk,
                            lambda e, d: services.election_publish(actor=request.user, election=e, notice_until=d["notice_until"]),
                            _("The result is on the notice board and the elected hold their seats."),
                            lambda e: PublishForm(request.POST))


@login_required
def ballot(request, pk: int):
    """The phone ballot: for, against or abstain per candidate, and names written in."""
    election = selectors.election_get(visible_to=request.user, pk=pk)
    if request.method == "POST":
        marks, write_ins = _ballot_marks(request, election)
        try:
            receipt = services.ballot_cast(actor=request.user, election=election, marks=marks, write_ins=write_ins)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            # shown once on the next page, then gone: the server keeps only its hash
            request.session[f"receipt-{election.pk}"] = receipt
            messages.success(request, _("Your ballot is in the box."))
        return redirect("congress:election", pk=pk)
    return render(request, "congress/ballot.html", {
        "election": election, "candidates": election.candidates.filter(is_write_in=False), "vote_choices": VoteChoice.choices,
        "voted": selectors.has_voted(election=election, delegate=selectors.delegate_of(request.user, election.session)),
    })


@login_required
@require_POST
def paper_issue(request, pk: int):
    return _election_action(request, pk, lambda e, d: services.paper_ballots_issue(actor=request.user, election=e, **d),
                            _("Saved."), lambda e: IssueForm(request.POST))


@login_required
@require_POST
def paper_enter(request, pk: int):
    election = selectors.election_get(visible_to=request.user, pk=pk)
    marks, write_ins = _ballot_marks(request, election)
    return _done(request, lambda: services.paper_ballot_enter(actor=request.user, election=election, marks=marks,
                                                              write_ins=write_ins, entry_key=request.POST.get("entry_key", "")),
                 _("Paper ballot entered."), reverse("congress:election", args=[pk]))


@login_required
@require_POST
def receipt_check(request, pk: int):
    election = selectors.election_get(visible_to=request.user, pk=pk)
    form = ReceiptForm(request.POST)
    if form.is_valid() and selectors.receipt_counted(election=election, code=form.cleaned_data["code"]):
        messages.success(request, _("A valid ballot with this receipt is in the box."))
    else:
        messages.error(request, _("No valid ballot carries this receipt."))
    return redirect("congress:election", pk=pk)


# ── appraisal ────────────────────────────────────────────────────────────────

@login_required
def appraisal_list(request):
    org = org_from_query(request)
    return render(request, "congress/appraisal_list.html", {"appraisals": selectors.appraisal_list(visible_to=request.user, org=org)})


@login_required
def appraisal_create(request, pk: int):
    session = selectors.session_manageable(visible_to=request.user, pk=pk)
    form = AppraisalForm(request.POST or None, initial={"held_on": session.date})
    appraisal = form_submitted(request, form, lambda d: services.appraisal_create(actor=request.user, session=session, **d))
    if appraisal:
        messages.success(request, _("Appraisal saved: add the cadres to appraise."))
        return redirect("congress:appraisal", pk=appraisal.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New democratic appraisal"),
                                              "cancel_url": reverse("congress:session", args=[pk])})


@login_required
def appraisal_detail(request, pk: int):
    appraisal = selectors.appraisal_get(visible_to=request.user, pk=pk)
    manage = may(request.user, "congress.appraisal.manage", appraisal.org)
    delegate = selectors.delegate_of(request.user, appraisal.session)
    return render(request, "congress/appraisal_detail.html", {
        "appraisal": appraisal, "manage": manage, "delegate": delegate,
        "rated": selectors.has_rated(appraisal=appraisal, delegate=delegate),
        "results": selectors.appraisal_results(appraisal) if manage or appraisal.status == "closed" else [],
        "appraisees": appraisal.appraisees.all(), "bands": Band.choices, "appraisee_form": AppraiseeForm(),
        "sheets": appraisal.sheets.count(), "history": history_for(appraisal)[:30] if manage else [],
    })


@login_required
@require_POST
def appraisee_add(request, pk: int):
    appraisal = selectors.appraisal_get(visible_to=request.user, pk=pk)
    return _form_post(request, AppraiseeForm(request.POST),
                      lambda d: services.appraisee_add(actor=request.user, appraisal=appraisal, **d),
                      _("Cadre added."), reverse("congress:appraisal", args=[pk]))


@login_required
@require_POST
def appraisal_rate(request, pk: int):
    appraisal = selectors.appraisal_get(visible_to=request.user, pk=pk)
    marks: dict = {}
    for a in appraisal.appraisees.all():
        for i, dimension in enumerate(appraisal.dimensions):
            band = request.POST.get(f"a{a.pk}_{i}", "")
            if band:
                marks.setdefault(a.pk, {})[dimension] = band
    return _done(request, lambda: services.appraisal_rate(actor=request.user, appraisal=appraisal, marks=marks),
                 _("Your sheet is in. Thank you."), reverse("congress:appraisal", args=[pk]))


@login_required
@require_POST
def appraisal_close(request, pk: int):
    appraisal = selectors.appraisal_get(visible_to=request.user, pk=pk)
    return _done(request, lambda: services.appraisal_close(actor=request.user, appraisal=appraisal),
                 _("The appraisal is closed."), reverse("congress:appraisal", args=[pk]))


# ── collective contracts ─────────────────────────────────────────────────────

@login_required
def contract_list(request):
    org = org_from_query(request)
    return render(request, "congress/contract_list.html", {
        "contracts": selectors.contract_list(visible_to=request.user, org=org),
        "may_create": may(request.user, "congress.contract.manage")})


@login_required
def contract_create(request):
    orgs = orgs_in_reach(request.user, action="congress.contract.manage")
    if not orgs.exists():
        raise Http404
    form = ContractForm(request.POST or None, orgs=orgs)
    contract = form_submitted(request, form, lambda d: services.contract_request(actor=request.user, **d))
    if contract:
        messages.success(request, _("Request for talks recorded."))
        return redirect("congress:contract", pk=contract.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New collective contract")})


@login_required
def contract_detail(request, pk: int):
    contract = selectors.contract_get(visible_to=request.user, pk=pk)
    return render(request, "congress/contract_detail.html", {
        "contract": contract, "dates": selectors.contract_dates(contract),
        "negotiators": contract.negotiators.all(), "rounds": contract.rounds.all(),
        "negotiator_form": NegotiatorForm(), "round_form": RoundForm(), "approve_form": ApproveForm(contract=contract),
        "sign_form": SignForm(), "file_form": FileForm(), "bureau_form": BureauForm(),
        "history": history_for(contract)[:30],
    })


def _contract_action(request, pk: int, form_class, call, ok: str):
    contract = selectors.contract_get(visible_to=request.user, pk=pk)
    form = form_class(request.POST, contract=contract) if form_class is ApproveForm else form_class(request.POST)
    return _form_post(request, form, lambda d: call(contract, d), ok, reverse("congress:contract", args=[pk]))


@login_required
@require_POST
def negotiator_add(request, pk: int):
    return _contract_action(request, pk, NegotiatorForm,
                            lambda c, d: services.negotiator_add(actor=request.user, contract=c, **d), _("Negotiator added."))


@login_required
@require_POST
def negotiation_record(request, pk: int):
    return _contract_action(request, pk, RoundForm,
                            lambda c, d: services.negotiation_record(actor=request.user, contract=c, **d), _("Round recorded."))


@login_required
@require_POST
def contract_approve(request, pk: int):
    return _contract_action(request, pk, ApproveForm,
                            lambda c, d: services.contract_approve(actor=request.user, contract=c, **d), _("Approval recorded."))


@login_required
@require_POST
def contract_sign(request, pk: int):
    return _contract_action(request, pk, SignForm,
                            lambda c, d: services.contract_sign(actor=request.user, contract=c, **d), _("Signing recorded."))


@login_required
@require_POST
def contract_file(request, pk: int):
    return _contract_action(request, pk, FileForm,
                            lambda c, d: services.contract_file(actor=request.user, contract=c, **d), _("Filing recorded."))


@login_required
@require_POST
def contract_bureau(request, pk: int):
    return _contract_action(request, pk, BureauForm,
                            lambda c, d: services.contract_bureau_answer(actor=request.user, contract=c, **d),
                            _("The bureau's answer is recorded."))
