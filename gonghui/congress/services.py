"""Every write of the congress app. Each is one transaction: it asks the action table first
(`core.scoping.require`), locks the row it changes and re-reads its state, writes one history
row, and treats a repeat as a no-op. The rules live in rules.py, cited to RULES.md there.

Ballots and appraisal sheets are the exception to "one history row": a row naming the voter,
or dated to the second, would undo the secrecy (RULES.md b), so casting writes none; the
election's opening, paper issue and close are recorded as usual.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.calendar import working_days_after
from gonghui.core.formatting import format_date
from gonghui.core.history import history_record
from gonghui.core.scoping import NotAllowed, may, require
from gonghui.core.services import notice_send

from . import rules
from .choices import (
    DEFAULT_DIMENSIONS, ContractKind, ContractStatus, Side, AppraisalStatus, Band, BallotSource, CongressKind, DelegateCategory, ElectedCommittee, ElectionFills, ElectionMode, ElectionStatus,
    MotionStatus, Rating, ResolutionStatus, SessionStatus, TellerRole, VoteChoice,
)
from .models import (
    CollectiveContract, Negotiator, NegotiationRound,
    Appraisal, AppraisalMark, AppraisalSheet, Appraisee, Ballot, BallotMark, Candidate, CongressSession, Delegate, Election,
    Motion, MotionAnswer, MotionHandler, Rated, Resolution, ResolutionVote, Seconder, Teller, Voted,
)

# 督办: an unsatisfied motion is answered again within this many days (a default to confirm locally).
SUPERVISION_DAYS = 30
# An election result's public notice (公示): five working days, the usual practice for results and
# candidates' lists (no rule in RULES.md fixes it; the office may give its own end date).
RESULT_NOTICE_WORKING_DAYS = 5


def _locked(model, pk):
    return model.objects.select_for_update().get(pk=pk)


def _delegate_of(actor, session) -> Delegate | None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return Delegate.objects.filter(session=session, member__user=actor).first()


def _acting_delegate(*, actor, session, delegate: Delegate | None, action: str, manage_action: str) -> Delegate:
    """The delegate a write is done for: the actor themself, or, when a cadre enters it from
    paper, the delegate named. A delegate is authorised by their seat in the session (the
    congress's own roll), not by a role; anyone else needs `manage_action` on the org."""
    own = _delegate_of(actor, session)
    if delegate is None:
        if own is None:
            raise NotAllowed(action)
        return own
    if own is not None and own.pk == delegate.pk:
        return delegate
    require(actor=actor, action=manage_action, org=session.org)
    if delegate.session_id != session.pk:
        raise ValidationError(_("This delegate does not sit in this session."))
    return delegate


# ── sessions and delegates ───────────────────────────────────────────────────

@transaction.atomic
def session_create(*, actor, org, term: int, sitting: int, title: str, date: dt.date, headcount: int,
                   women_on_roll: int = 0, kind: str = CongressKind.WORKERS, motions_due: dt.date | None = None
                   ) -> CongressSession:
    require(actor=actor, action="congress.session.manage", org=org)
    if kind not in CongressKind.values:
        raise ValidationError({"kind": _("Unknown kind of congress.")})
    if term < 1 or sitting < 1:
        raise ValidationError({"term": _("Term and sitting count from one.")})
    if headcount < 1 or not 0 <= women_on_roll <= headcount:
        raise ValidationError({"women_on_roll": _("The women on the roll cannot outnumber the roll.")})
    if motions_due and motions_due > date:
        raise ValidationError({"motions_due": _("Motions are collected before the session.")})
    existing = CongressSession.objects.filter(org=org, kind=kind, term=term, sitting=sitting).first()
    if existing is not None:
        return existing
    session = CongressSession.objects.create(
        org=org, kind=kind, term=term, sitting=sitting, title=title.strip() or f"第{term}届第{sitting}次", date=date,
        headcount=headcount, women_on_roll=women_on_roll, motions_due=motions_due,
        body=rules.body_for(kind, headcount),
    )
    history_record(obj=session, org=org, actor=actor, action="create",
                   changes={"title": [None, session.title], "body": [None, session.body], "date": [None, date.isoformat()]})
    return session


@transaction.atomic
def session_set_status(*, actor, session: CongressSession, status: str) -> CongressSession:
    """Preparing → in session → closed; never back."""
    require(actor=actor, action="congress.session.manage", org=session.org)
    order = list(SessionStatus.values)
    if status not in order:
        raise ValidationError({"status": _("Unknown status.")})
    session = _locked(CongressSession, session.pk)
    if session.status == status:
        return session
    if order.index(status) < order.index(session.status):
        raise ValidationError(_("A session does not go back to an earlier stage."))
    before, session.status = session.status, status
    session.save(update_fields=["status", "updated_at"])
    history_record(obj=session, org=session.org, actor=actor, action="state", changes={"status": [before, status]})
    return session


@transaction.atomic
def delegate_add(*, actor, session: CongressSession, member, category: str, group: str = "",
                 is_woman: bool | None = None) -> Delegate:
    require(actor=actor, action="congress.session.manage", org=session.org)
    if category not in DelegateCategory.values:
        raise ValidationError({"category": _("Unknown category.")})
    if not member.org.path.startswith(session.org.path):
        raise ValidationError({"member": _("The delegate must be on this organisation's roll.")})
    session = _locked(CongressSession, session.pk)
    if session.status == SessionStatus.CLOSED:
        raise ValidationError(_("The session is closed."))
    existing = Delegate.objects.filter(session=session, member=member).first()
    if existing is not None:
        return existing
    delegate = Delegate.objects.create(session=session, member=member, name=member.name, group=group.strip(),
                                       category=category, is_woman=(member.sex == "female") if is_woman is None else is_woman)
    history_record(obj=session, org=session.org, actor=actor, action="update",
                   changes={"delegates": [None, delegate.name]}, note=str(delegate.get_category_display()))
    return delegate


# ── agenda items and resolutions ─────────────────────────────────────────────

@transaction.atomic
def resolution_add(*, actor, session: CongressSession, title: str, text: str = "") -> Resolution:
    require(actor=actor, action="congress.session.manage", org=session.org)
    if not title.strip():
        raise ValidationError({"title": _("Name the agenda item.")})
    session = _locked(CongressSession, session.pk)
    if session.status == SessionStatus.CLOSED:
        raise ValidationError(_("The session is closed."))
    position = (session.resolutions.aggregate(m=Max("position"))["m"] or 0) + 1
    item = Resolution.objects.create(session=session, position=position, title=title.strip(), text=text)
    history_record(obj=item, org=session.org, actor=actor, action="create", changes={"title": [None, item.title]})
    return item


@transaction.atomic
def resolution_vote(*, actor, resolution: Resolution, choice: str, idempotency_key: str,
                    delegate: Delegate | None = None) -> ResolutionVote:
    """A delegate's vote on an item, cast on their phone or entered by a cadre from the count of hands."""
    session = resolution.session
    delegate = _acting_delegate(actor=actor, session=session, delegate=delegate, action="congress.resolution.vote",
                                manage_action="congress.session.manage")
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Vote for, against or abstain.")})
    if not idempotency_key or len(idempotency_key) > 64:
        raise ValidationError({"idempotency_key": _("A vote needs its idempotency key.")})
    repeat = ResolutionVote.objects.filter(idempotency_key=idempotency_key).first()
    if repeat is not None:
        return repeat
    resolution = _locked(Resolution, resolution.pk)
    if resolution.status != ResolutionStatus.OPEN or session.status != SessionStatus.OPEN:
        raise ValidationError(_("This item is not open for votes."))
    done = ResolutionVote.objects.filter(resolution=resolution, delegate=delegate).first()
    if done is not None:
        return done  # a second vote from the same delegate changes nothing
    vote = ResolutionVote.objects.create(resolution=resolution, delegate=delegate, choice=choice,
                                         idempotency_key=idempotency_key)
    history_record(obj=resolution, org=session.org, actor=actor, action="update",
                   changes={"votes": [None, delegate.name]}, note=str(vote.get_choice_display()))
    return vote


@transaction.atomic
def resolution_close(*, actor, resolution: Resolution) -> Resolution:
    """Count the recorded votes: quorum two thirds present, passed with more than half of all delegates."""
    require(actor=actor, action="congress.session.manage", org=resolution.session.org)
    resolution = _locked(Resolution, resolution.pk)
    if resolution.status != ResolutionStatus.OPEN:
        return resolution
    counts = {c: 0 for c in VoteChoice.values}
    for choice in resolution.votes.values_list("choice", flat=True):
        counts[choice] += 1
    resolution.delegates = resolution.session.delegates.count()
    resolution.votes_for, resolution.votes_against, resolution.abstentions = counts["for"], counts["against"], counts["abstain"]
    resolution.present = sum(counts.values())
    resolution.status = rules.resolution_outcome(delegates=resolution.delegates, votes_for=counts["for"],
                                                 against=counts["against"], abstain=counts["abstain"])
    resolution.save()
    history_record(obj=resolution, org=resolution.session.org, actor=actor, action="state",
                   changes={"status": ["open", resolution.status], "votes_for": [None, resolution.votes_for],
                            "present": [None, resolution.present]})
    return resolution


# ── motions ──────────────────────────────────────────────────────────────────

@transaction.atomic
def motion_submit(*, actor, session: CongressSession, title: str, reasons: str, proposal: str,
                  proposer: Delegate | None = None) -> Motion:
    """A delegate's motion, collected before the session (RULES.md a: 1–2 months ahead)."""
    proposer = _acting_delegate(actor=actor, session=session, delegate=proposer, action="congress.motion.submit",
                                manage_action="congress.motion.decide")
    if not title.strip() or not reasons.strip() or not proposal.strip():
        raise ValidationError(_("A motion states its subject, its reasons and the measures it proposes."))
    session = _locked(CongressSession, session.pk)
    if session.status != SessionStatus.PREPARING:
        raise ValidationError(_("Motions are collected before the session opens."))
    same = Motion.objects.filter(session=session, proposer=proposer, title=title.strip()).first()
    if same is not None:
        return same
    number = (Motion.objects.filter(session=session).aggregate(m=Max("number"))["m"] or 0) + 1
    motion = Motion.objects.create(session=session, org=session.org, number=number, title=title.strip(),
                                   reasons=reasons.strip(), proposal=proposal.strip(), proposer=proposer)
    history_record(obj=motion, org=session.org, actor=actor, action="create",
                   changes={"title": [None, motion.title], "proposer": [None, proposer.name]})
    return motion


@transaction.atomic
def motion_second(*, actor, motion: Motion, delegate: Delegate | None = None) -> Seconder:
    """附议: another delegate of the session backs the motion."""
    delegate = _acting_delegate(actor=actor, session=motion.session, delegate=delegate, action="congress.motion.submit",
                                manage_action="congress.motion.decide")
    motion = _locked(Motion, motion.pk)
    if delegate.pk == motion.proposer_id:
        raise ValidationError(_("The proposer cannot second their own motion."))
    if motion.status != MotionStatus.SUBMITTED:
        raise ValidationError(_("The motion has already been decided."))
    seconder, created = Seconder.objects.get_or_create(motion=motion, delegate=delegate)
    if created:
        history_record(obj=motion, org=motion.org, actor=actor, action="update", changes={"seconders": [None, delegate.name]})
    return seconder


# RULES.md a: a motion needs the proposer and at least two seconders.
MIN_SECONDERS = 2


@transaction.atomic
def motion_decide(*, actor, motion: Motion, accept: bool, reason: str = "") -> Motion:
    """The motions committee's 立案, or 不立案: turned into a suggestion, with the reason."""
    require(actor=actor, action="congress.motion.decide", org=motion.org)
    motion = _locked(Motion, motion.pk)
    target = MotionStatus.ACCEPTED if accept else MotionStatus.CONVERTED
    if motion.status == target:
        return motion
    if motion.status != MotionStatus.SUBMITTED:
        raise ValidationError(_("The motion has already been decided."))
    if accept and motion.seconders.count() < MIN_SECONDERS:
        raise ValidationError(_("A motion needs at least two seconders before it is accepted."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say why the motion is not accepted.")})
    motion.status, motion.decision_reason = target, reason.strip()[:300]
    motion.save(update_fields=["status", "decision_reason", "updated_at"])
    history_record(obj=motion, org=motion.org, actor=actor, action="state",
                   changes={"status": [MotionStatus.SUBMITTED, target]}, note=motion.decision_reason)
    return motion


@transaction.atomic
def motion_assign(*, actor, motion: Motion, lead, deadline: dt.date, co_handlers=()) -> Motion:
    """交办: a lead department (an org under the congress's org), co-handlers, and the date the answer is due."""
    require(actor=actor, action="congress.motion.decide", org=motion.org)
    motion = _locked(Motion, motion.pk)
    if motion.status == MotionStatus.ASSIGNED and motion.handlers.filter(org=lead, is_lead=True).exists():
        return motion
    if motion.status != MotionStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted motion is assigned."))
    orgs = [lead, *[o for o in co_handlers if o.pk != lead.pk]]
    if any(not o.path.startswith(motion.org.path) for o in orgs):
        raise ValidationError({"lead": _("The handling department must belong to this organisation.")})
    MotionHandler.objects.bulk_create([MotionHandler(motion=motion, org=o, is_lead=(i == 0)) for i, o in enumerate(orgs)])
    motion.status, motion.deadline = MotionStatus.ASSIGNED, deadline
    motion.save(update_fields=["status", "deadline", "updated_at"])
    history_record(obj=motion, org=motion.org, actor=actor, action="state",
                   changes={"status": [MotionStatus.ACCEPTED, MotionStatus.ASSIGNED], "deadline": [None, deadline.isoformat()],
                            "handlers": [None, "、".join(o.name for o in orgs)]})
    return motion


@transaction.atomic
def motion_answer(*, actor, motion: Motion, text: str, org=None, on: dt.date | None = None) -> MotionAnswer:
    """A handling department's written answer; each supervision asks for a further round."""
    handlers = list(MotionHandler.objects.filter(motion=motion).select_related("org"))
    if org is None:
        org = next((h.org for h in handlers if may(actor, "congress.motion.answer", h.org)), None)
        if org is None:
            raise NotAllowed("congress.motion.answer")
    require(actor=actor, action="congress.motion.answer", org=org)
    if org.pk not in {h.org_id for h in handlers}:
        raise NotAllowed("congress.motion.answer")
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")})
    motion = _locked(Motion, motion.pk)
    if motion.status not in (MotionStatus.ASSIGNED, MotionStatus.SUPERVISED, MotionStatus.ANSWERED):
        raise ValidationError(_("This motion is not waiting for an answer."))
    rounds = motion.answers.aggregate(m=Max("round"))["m"] or 0
    current = rounds + 1 if motion.status != MotionStatus.ANSWERED else rounds
    same = motion.answers.filter(round=current, org=org, text=text.strip()).first()
    if same is not None:
        return same
    answer = MotionAnswer.objects.create(motion=motion, round=max(current, 1), org=org, text=text.strip(),
                                         answered_on=on or timezone.localdate(),
                                         answered_by=actor if getattr(actor, "is_authenticated", False) else None)
    before, motion.status = motion.status, MotionStatus.ANSWERED
    motion.rating = ""
    motion.save(update_fields=["status", "rating", "updated_at"])
    history_record(obj=motion, org=motion.org, actor=actor, action="state",
                   changes={"status": [before, MotionStatus.ANSWERED]}, note=f"{org.name} · {answer.round}")
    notice_send(recipient=motion.proposer.member.user, org=motion.org,
                title=_("Your motion was answered: %(t)s") % {"t": motion.title}, body=answer.text[:200],
                url=f"/congress/motions/{motion.pk}/")
    return answer


@transaction.atomic
def motion_rate(*, actor, motion: Motion, rating: str, today: dt.date | None = None) -> Motion:
    """The proposer rates the answer; an unsatisfied rating puts the motion under supervision (督办)."""
    # the proposer's own judgement, nobody else's (None is the system: a scenario, a paper slip loaded)
    own = _delegate_of(actor, motion.session)
    if actor is not None and (own is None or own.pk != motion.proposer_id):
        raise NotAllowed("congress.motion.rate")
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Unknown rating.")})
    motion = _locked(Motion, motion.pk)
    if motion.status != MotionStatus.ANSWERED:
        if motion.rating == rating:
            return motion
        raise ValidationError(_("There is no answer to rate."))
    today = today or timezone.localdate()
    motion.rating = rating
    if rating == Rating.UNSATISFIED:
        motion.status = MotionStatus.SUPERVISED
        motion.deadline = today + dt.timedelta(days=SUPERVISION_DAYS)
        motion.supervision_note = _("The proposer is not satisfied with the answer.")
    else:
        motion.status = MotionStatus.CLOSED
    motion.save(update_fields=["rating", "status", "deadline", "supervision_note", "updated_at"])
    history_record(obj=motion, org=motion.org, actor=actor, action="state",
                   changes={"rating": [None, rating], "status": [MotionStatus.ANSWERED, motion.status]})
    return motion


@transaction.atomic
def motion_supervise(*, actor, motion: Motion, note: str, deadline: dt.date) -> Motion:
    """督办 by the motions committee: an overdue or unsatisfying motion gets a new date and a note."""
    require(actor=actor, action="congress.motion.decide", org=motion.org)
    if not note.strip():
        raise ValidationError({"note": _("Say what is asked of the department.")})
    motion = _locked(Motion, motion.pk)
    if motion.status not in (MotionStatus.ASSIGNED, MotionStatus.SUPERVISED):
        raise ValidationError(_("Only a motion waiting for an answer is supervised."))
    if motion.status == MotionStatus.SUPERVISED and motion.deadline == deadline and motion.supervision_note == note.strip():
        return motion
    before = motion.status
    motion.status, motion.deadline, motion.supervision_note = MotionStatus.SUPERVISED, deadline, note.strip()[:300]
    motion.save(update_fields=["status", "deadline", "supervision_note", "updated_at"])
    history_record(obj=motion, org=motion.org, actor=actor, action="state",
                   changes={"status": [before, MotionStatus.SUPERVISED], "deadline": [None, deadline.isoformat()]},
                   note=motion.supervision_note)
    return motion


# ── elections ────────────────────────────────────────────────────────────────

@transaction.atomic
def election_create(*, actor, session: CongressSession, title: str, seats: int, held_on: dt.date,
                    mode: str = ElectionMode.CONTESTED, committee_kind: str = ElectedCommittee.UNION,
                    fills: str = ElectionFills.MEMBERS, term_years: int = 5) -> Election:
    require(actor=actor, action="congress.election.manage", org=session.org)
    if seats < 1:
        raise ValidationError({"seats": _("An election fills at least one seat.")})
    if mode not in ElectionMode.values:
        raise ValidationError({"mode": _("Unknown mode.")})
    if committee_kind not in ElectedCommittee.values:
        raise ValidationError({"committee_kind": _("Choose one of the listed committees.")})
    if fills not in ElectionFills.values:
        raise ValidationError({"fills": _("Choose one of the listed kinds of seat.")})
    # RULES.md a: a committee's term is 3 to 5 years
    if not 3 <= term_years <= 5:
        raise ValidationError({"term_years": _("A committee's term is 3 to 5 years.")})
    if fills == ElectionFills.CHAIR and seats != 1:
        raise ValidationError({"seats": _("A chair is elected to one seat.")})
    same = Election.objects.filter(session=session, title=title.strip()).first()
    if same is not None:
        return same
    election = Election.objects.create(org=session.org, session=session, title=title.strip(), seats=seats, mode=mode,
                                       held_on=held_on, committee_kind=committee_kind, fills=fills, term_years=term_years)
    history_record(obj=election, org=session.org, actor=actor, action="create",
                   changes={"title": [None, election.title], "seats": [None, seats], "mode": [None, mode]})
    return election


def _draft(election: Election) -> Election:
    election = _locked(Election, election.pk)
    if election.status != ElectionStatus.DRAFT:
        raise ValidationError(_("The vote has begun: candidates and tellers are fixed."))
    return election


@transaction.atomic
def candidate_add(*, actor, election: Election, name: str, member=None) -> Candidate:
    require(actor=actor, action="congress.election.manage", org=election.org)
    name = (member.name if member is not None else name).strip()
    if not name:
        raise ValidationError({"name": _("Name the candidate.")})
    election = _draft(election)
    same = election.candidates.filter(name=name).first()
    if same is not None:
        return same
    if member is not None and election.tellers.filter(delegate__member=member).exists():
        raise ValidationError(_("A teller cannot stand as a candidate."))
    candidate = Candidate.objects.create(election=election, member=member, name=name,
                                         position=election.candidates.count() + 1)
    history_record(obj=election, org=election.org, actor=actor, action="update", changes={"candidates": [None, name]})
    return candidate


@transaction.atomic
def teller_appoint(*, actor, election: Election, delegate: Delegate, role: str) -> Teller:
    """监票人/计票人: never a candidate (RULES.md b, unverified: a default to confirm)."""
    require(actor=actor, action="congress.election.manage", org=election.org)
    if role not in TellerRole.values:
        raise ValidationError({"role": _("Unknown role in the negotiations.")})
    election = _draft(election)
    if delegate.session_id != election.session_id:
        raise ValidationError(_("This delegate does not sit in this session."))
    if election.candidates.filter(member=delegate.member_id).exists():
        raise ValidationError(_("A candidate cannot be a teller."))
    teller, created = Teller.objects.get_or_create(election=election, delegate=delegate, defaults={"role": role})
    if created:
        history_record(obj=election, org=election.org, actor=actor, action="update",
                       changes={"tellers": [None, delegate.name]}, note=str(teller.get_role_display()))
    return teller


@transaction.atomic
def election_open(*, actor, election: Election) -> Election:
    require(actor=actor, action="congress.election.manage", org=election.org)
    election = _locked(Election, election.pk)
    if election.status == ElectionStatus.OPEN:
        return election
    if election.status != ElectionStatus.DRAFT:
        raise ValidationError(_("This election is over."))
    candidates = election.candidates.filter(is_write_in=False).count()
    # RULES.md b: a committee is elected 差额 (more candidates than seats); 等额 as many as seats
    if election.mode == ElectionMode.CONTESTED and candidates <= election.seats:
        raise ValidationError(_("A contested election needs more candidates than seats."))
    if election.mode == ElectionMode.UNCONTESTED and candidates != election.seats:
        raise ValidationError(_("An uncontested election has as many candidates as seats."))
    if not election.tellers.filter(role=TellerRole.SCRUTINEER).exists() or not election.tellers.filter(role=TellerRole.COUNTER).exists():
        raise ValidationError(_("Appoint a scrutineer and a counter before the vote."))
    election.status = ElectionStatus.OPEN
    election.electorate = election.session.delegates.count()
    election.save(update_fields=["status", "electorate", "updated_at"])
    history_record(obj=election, org=election.org, actor=actor, action="state",
                   changes={"status": [ElectionStatus.DRAFT, ElectionStatus.OPEN], "electorate": [None, election.electorate]})
    return election


def _marks(election: Election, marks: dict, write_ins: list[str]) -> list[tuple[Candidate | None, str, str]]:
    """[(candidate or None, written-in name, choice)] from {candidate id: choice} and the names written in
    (另选他人, each a "for"; a written name that is a listed candidate counts as a mark for them)."""
    listed = {c.pk: c for c in election.candidates.filter(is_write_in=False)}
    by_name = {c.name: c for c in listed.values()}
    found: list[tuple[Candidate | None, str, str]] = []
    for key, choice in marks.items():
        try:
            candidate = listed.get(int(key))
        except (TypeError, ValueError):
            candidate = None
        if candidate is None or choice not in VoteChoice.values:
            raise ValidationError(_("The ballot names someone who is not a candidate."))
        found.append((candidate, "", choice))
    for name in sorted({n.strip()[:50] for n in write_ins if n and n.strip()}):
        if name in by_name:
            found = [m for m in found if m[0] is None or m[0].name != name] + [(by_name[name], "", VoteChoice.FOR)]
        else:
            found.append((None, name, VoteChoice.FOR))
    return found


def _ballot_store(election: Election, marks: list[tuple[Candidate | None, str, str]], *, source: str, receipt: str = "",
                  entry_key: str | None = None) -> Ballot:
    valid = rules.ballot_is_valid([(c.name if c else name, choice) for c, name, choice in marks], election.seats)
    ballot = Ballot.objects.create(election=election, source=source, is_valid=valid, entry_key=entry_key,
                                   receipt_hash=rules.receipt_hash(election.pk, receipt) if receipt else "")
    BallotMark.objects.bulk_create([BallotMark(ballot=ballot, candidate=c, write_in=name, choice=choice)
                                    for c, name, choice in marks])
    return ballot


RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L to misread


@transaction.atomic
def ballot_cast(*, actor, election: Election, marks: dict, write_ins: list[str] = ()) -> str:
    """A delegate votes on their phone; returns the receipt code, shown once and stored only hashed.

    The has-voted roll and the ballot are written in the same transaction but share nothing:
    the ballot has no voter, no time and a random key (see README "Secret ballots")."""
    delegate = _delegate_of(actor, election.session)  # the electorate is the session's delegates
    if delegate is None:
        raise NotAllowed("congress.ballot.cast")
    election = _locked(Election, election.pk)
    if election.status != ElectionStatus.OPEN:
        raise ValidationError(_("This election is not open for votes."))
    if Voted.objects.filter(election=election, delegate=delegate).exists():
        raise ValidationError(_("You have already voted in this election."))
    try:
        with transaction.atomic():
            Voted.objects.create(election=election, delegate=delegate)
    except IntegrityError:
        raise ValidationError(_("You have already voted in this election.")) from None
    receipt = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(10))
    _ballot_store(election, _marks(election, marks, list(write_ins)), source=BallotSource.PHONE, receipt=receipt)
    return receipt


def _teller(actor, election: Election) -> None:
    """Paper ballots are handled by the appointed tellers alone (or the system, loading a scenario)."""
    if actor is None or (getattr(actor, "is_superuser", False) and actor.is_active):
        return
    if not Teller.objects.filter(election=election, delegate__member__user=actor).exists():
        raise NotAllowed("congress.ballot.enter")


@transaction.atomic
def paper_ballots_issue(*, actor, election: Election, issued: int) -> Election:
    """The tellers record how many paper ballots they handed out (发出选票)."""
    _teller(actor, election)
    election = _locked(Election, election.pk)
    if election.status != ElectionStatus.OPEN:
        raise ValidationError(_("This election is not open for votes."))
    if issued < 0:
        raise ValidationError({"issued": _("A count cannot be negative.")})
    if election.paper_issued == issued:
        return election
    before, election.paper_issued = election.paper_issued, issued
    election.save(update_fields=["paper_issued", "updated_at"])
    history_record(obj=election, org=election.org, actor=actor, action="update", changes={"paper_issued": [before, issued]})
    return election


@transaction.atomic
def paper_ballot_enter(*, actor, election: Election, marks: dict, entry_key: str, write_ins: list[str] = ()) -> Ballot:
    """A teller enters one paper ballot as marked; the entry key makes a double click enter it once."""
    _teller(actor, election)
    if not entry_key or len(entry_key) > 64:
        raise ValidationError({"entry_key": _("A ballot entry needs its key.")})
    same = Ballot.objects.filter(entry_key=entry_key).first()
    if same is not None:
        return same
    election = _locked(Election, election.pk)
    if election.status != ElectionStatus.OPEN:
        raise ValidationError(_("This election is not open for votes."))
    return _ballot_store(election, _marks(election, marks, list(write_ins)), source=BallotSource.PAPER, entry_key=entry_key)


@transaction.atomic
def election_close(*, actor, election: Election) -> Election:
    """Close the vote, re-store the ballots in random order under new random keys, count and announce."""
    require(actor=actor, action="congress.election.manage", org=election.org)
    election = _locked(Election, election.pk)
    if election.status in (ElectionStatus.CLOSED, ElectionStatus.VOID):
        return election
    if election.status != ElectionStatus.OPEN:
        raise ValidationError(_("The vote has not begun."))
    _ballots_shuffle(election)
    from .selectors import stored_tally

    t = stored_tally(election)
    listed = set(election.candidates.values_list("name", flat=True))
    Candidate.objects.bulk_create([Candidate(election=election, name=name, is_write_in=True, position=999)
                                   for name in sorted(t.counts) if name not in listed])
    Candidate.objects.bulk_update(_updated(election, t), ["votes_for", "votes_against", "abstentions", "elected"])
    election.status = ElectionStatus.VOID if t.void else ElectionStatus.CLOSED
    election.returned, election.valid, election.quorum_met = t.returned, t.valid, t.quorum_met
    election.outcome = _outcome_text(t)
    election.save()
    history_record(obj=election, org=election.org, actor=actor, action="state",
                   changes={"status": [ElectionStatus.OPEN, election.status], "returned": [None, t.returned],
                            "valid": [None, t.valid]}, note=election.outcome[:300])
    return election


def _updated(election: Election, t: rules.Tally) -> list[Candidate]:
    rows = list(election.candidates.all())
    for candidate in rows:
        c = t.counts.get(candidate.name, rules.CandidateCount())
        candidate.votes_for, candidate.votes_against, candidate.abstentions, candidate.elected = (
            c.votes_for, c.votes_against, c.abstentions, c.elected)
    return rows


def _ballots_shuffle(election: Election) -> None:
    """Insertion order could tie a ballot to the has-voted roll; re-insert every ballot in a random
    order under a fresh random key, so the stored order says nothing once the vote is closed."""
    ballots = list(election.ballots.values("source", "is_valid", "receipt_hash", "entry_key", "id"))
    marks: dict = {}
    for ballot_id, candidate_id, write_in, choice in BallotMark.objects.filter(ballot__election=election).values_list(
            "ballot_id", "candidate_id", "write_in", "choice"):
        marks.setdefault(ballot_id, []).append((candidate_id, write_in, choice))
    random.SystemRandom().shuffle(ballots)
    election.ballots.all().delete()
    fresh, fresh_marks = [], []
    for row in ballots:
        ballot = Ballot(election=election, source=row["source"], is_valid=row["is_valid"],
                        receipt_hash=row["receipt_hash"], entry_key=row["entry_key"])
        fresh.append(ballot)
        fresh_marks += [BallotMark(ballot=ballot, candidate_id=c, write_in=w, choice=ch) for c, w, ch in marks.get(row["id"], [])]
    Ballot.objects.bulk_create(fresh)
    BallotMark.objects.bulk_create(fresh_marks)


def _outcome_text(t: rules.Tally) -> str:
    if t.void:
        return _("More ballots were returned than issued: the vote is void and must be held again.")
    if not t.quorum_met:
        return _("Fewer than two thirds of the electorate voted: no one is elected.")
    parts = [_("Elected: %(names)s.") % {"names": "、".join(t.elected) or "—"}]
    if t.tied:
        parts.append(_("Tied for the last seat: %(names)s.") % {"names": "、".join(t.tied)})
    if t.unfilled:
        parts.append(_("%(n)s seat(s) unfilled.") % {"n": t.unfilled})
    return " ".join(parts)


# ── publishing the result; the elected take their seats ──────────────────────

def _years_on(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _elected_members(election: Election, elected: list[Candidate]) -> list:
    """The member record of each elected candidate: their own, or for a written-in name the one
    member of the org's subtree who bears it. Nobody can take a seat who is not on the roll."""
    from gonghui.members.models import Member

    found, missing = [], []
    for c in elected:
        member = c.member
        if member is None:
            same = list(Member.objects.filter(org__path__startswith=election.org.path, name=c.name)[:2])
            member = same[0] if len(same) == 1 else None
        if member is None:
            missing.append(c.name)
        else:
            found.append(member)
    if missing:
        raise ValidationError(_("%(names)s cannot take a seat: not found once on the member roll; add the member "
                                "record and link it before publishing.") % {"names": "、".join(missing)})
    return found


def _result_text(election: Election, candidates: list[Candidate], issued: int, start: dt.date, end: dt.date) -> str:
    lines = [_("%(session)s held this election on %(date)s, for %(seats)s seat(s).") % {
        "session": election.session.title, "date": format_date(election.held_on), "seats": election.seats},
        _("Delegates in the electorate: %(electorate)s. Ballots issued: %(issued)s; returned: %(returned)s; "
          "valid: %(valid)s; invalid: %(invalid)s.") % {
            "electorate": election.electorate, "issued": issued, "returned": election.returned,
            "valid": election.valid, "invalid": election.returned - election.valid},
        _("Votes per candidate:")]
    for c in candidates:
        lines.append(_("%(name)s: %(for)s for, %(against)s against, %(abstain)s abstaining") % {
            "name": c.name, "for": c.votes_for, "against": c.votes_against, "abstain": c.abstentions}
            + (_(" (elected)") if c.elected else ""))
    lines.append(election.outcome)
    if election.fills == ElectionFills.MEMBERS:
        lines.append(_("Term of office: %(start)s to %(end)s.") % {"start": format_date(start), "end": format_date(end)})
    return "\n".join(lines)


def _seats_follow(actor, election: Election, members: list, start: dt.date):
    """The elected take their seats through the org's committee services. A members' election
    seats a new committee and ends the previous one's open seats the day before; a chair or
    vice-chair election gives that title on the committee in office."""
    from gonghui.orgs import services as orgs
    from gonghui.orgs.choices import SeatTitle
    from gonghui.orgs.models import Committee, CommitteeSeat

    if election.fills == ElectionFills.MEMBERS:
        end = _years_on(start, election.term_years) - dt.timedelta(days=1)
        previous = list(Committee.objects.filter(org=election.org, kind=election.committee_kind).values_list("pk", flat=True))
        committee = orgs.committee_create(actor=actor, org=election.org, kind=election.committee_kind,
                                          term_start=start, term_end=end)
        day_before = start - dt.timedelta(days=1)
        for seat in CommitteeSeat.objects.filter(committee__in=previous, end__isnull=True).select_related("committee", "member"):
            orgs.committee_seat_end(actor=actor, seat=seat, end=max(day_before, seat.start))
        for member in members:
            orgs.committee_seat_assign(actor=actor, committee=committee, member=member, title=SeatTitle.MEMBER, start=start)
        return committee
    committee = (Committee.objects.filter(org=election.org, kind=election.committee_kind, term_start__lte=start)
                 .order_by("-term_start", "-id").first())
    if committee is None:
        raise ValidationError(_("This committee has not been elected yet: publish its members' election first."))
    for member in members:
        seat = CommitteeSeat.objects.filter(committee=committee, member=member, end__isnull=True).select_related(
            "committee", "member").first()
        if seat is not None and seat.title == election.fills:
            continue
        if seat is not None:
            orgs.committee_seat_end(actor=actor, seat=seat, end=max(start, seat.start))
        orgs.committee_seat_assign(actor=actor, committee=committee, member=member, title=election.fills, start=start)
    return committee


@transaction.atomic
def election_publish(*, actor, election: Election, on: dt.date | None = None,
                     notice_until: dt.date | None = None) -> Election:
    """Put a counted election's result on the notice board (公开栏) with its numbers, and seat the
    elected on the committee it was for. Once only: the row is locked and a second publish refused.

    The result stays under public notice (公示) until `notice_until`, by default the
    RESULT_NOTICE_WORKING_DAYS-th working day after publication: members may object on the
    board until then."""
    require(actor=actor, action="congress.election.manage", org=election.org)
    election = _locked(Election, election.pk)
    if election.disclosure_id is not None:
        raise ValidationError(_("The result of this election has already been published."))
    if election.status != ElectionStatus.CLOSED:
        raise ValidationError(_("Only a counted election's result can be published."))
    from gonghui.governance import services as governance
    from gonghui.governance.choices import DisclosureCategory

    candidates = list(election.candidates.select_related("member"))
    members = _elected_members(election, [c for c in candidates if c.elected])
    issued = election.paper_issued + election.ballots.filter(source=BallotSource.PHONE).count()
    start = election.held_on
    end = _years_on(start, election.term_years) - dt.timedelta(days=1)
    published = on or timezone.localdate()
    disclosure = governance.disclosure_create(
        actor=actor, org=election.org, title=_("Election result: %(title)s") % {"title": election.title},
        body=_result_text(election, candidates, issued, start, end), category=DisclosureCategory.LISTS,
        notice_until=notice_until or working_days_after(published, RESULT_NOTICE_WORKING_DAYS))
    governance.disclosure_publish(actor=actor, disclosure=disclosure, on=published)
    committee = _seats_follow(actor, election, members, start) if members else None
    election.disclosure, election.committee = disclosure, committee
    election.save(update_fields=["disclosure", "committee", "updated_at"])
    history_record(obj=election, org=election.org, actor=actor, action="state",
                   changes={"disclosure": [None, disclosure.title], "committee": [None, str(committee or "")]})
    return election


# ── democratic appraisal ─────────────────────────────────────────────────────

@transaction.atomic
def appraisal_create(*, actor, session: CongressSession, title: str, held_on: dt.date,
                     dimensions: list[str] | None = None) -> Appraisal:
    require(actor=actor, action="congress.appraisal.manage", org=session.org)
    dims = [d.strip() for d in (dimensions or DEFAULT_DIMENSIONS) if d and d.strip()]
    if not dims or len(set(dims)) != len(dims):
        raise ValidationError({"dimensions": _("Name each dimension once.")})
    same = Appraisal.objects.filter(session=session, title=title.strip()).first()
    if same is not None:
        return same
    appraisal = Appraisal.objects.create(org=session.org, session=session, title=title.strip(), held_on=held_on,
                                         dimensions=dims)
    history_record(obj=appraisal, org=session.org, actor=actor, action="create", changes={"title": [None, appraisal.title]})
    return appraisal


@transaction.atomic
def appraisee_add(*, actor, appraisal: Appraisal, name: str, post: str = "", report: str = "") -> Appraisee:
    """A cadre to be appraised, with their 述职 (report of duties)."""
    require(actor=actor, action="congress.appraisal.manage", org=appraisal.org)
    appraisal = _locked(Appraisal, appraisal.pk)
    if appraisal.status != AppraisalStatus.OPEN or appraisal.sheets.exists():
        raise ValidationError(_("Rating has begun: the list of cadres is fixed."))
    same = appraisal.appraisees.filter(name=name.strip()).first()
    if same is not None:
        return same
    row = Appraisee.objects.create(appraisal=appraisal, name=name.strip(), post=post.strip(), report=report)
    history_record(obj=appraisal, org=appraisal.org, actor=actor, action="update", changes={"appraisees": [None, row.name]})
    return row


@transaction.atomic
def appraisal_rate(*, actor, appraisal: Appraisal, marks: dict, delegate: Delegate | None = None) -> AppraisalSheet:
    """A delegate's anonymous sheet: {appraisee id: {dimension: band}}, every cadre on every dimension.
    The raters are the session's delegates; the office may enter a delegate's paper sheet (`delegate`)."""
    delegate = _acting_delegate(actor=actor, session=appraisal.session, delegate=delegate,
                                action="congress.appraisal.rate", manage_action="congress.appraisal.manage")
    appraisal = _locked(Appraisal, appraisal.pk)
    if appraisal.status != AppraisalStatus.OPEN:
        raise ValidationError(_("This appraisal is closed."))
    appraisees = {a.pk: a for a in appraisal.appraisees.all()}
    rows = []
    for appraisee_id, bands in marks.items():
        appraisee = appraisees.get(int(appraisee_id))
        if appraisee is None:
            raise ValidationError(_("The sheet names someone who is not appraised."))
        for dimension, band in bands.items():
            if dimension not in appraisal.dimensions or band not in Band.values:
                raise ValidationError(_("Choose a band for each dimension."))
            rows.append((appraisee, dimension, band))
    if len(rows) != len(appraisees) * len(appraisal.dimensions):
        raise ValidationError(_("Rate every cadre on every dimension."))
    try:
        with transaction.atomic():
            Rated.objects.create(appraisal=appraisal, delegate=delegate)
    except IntegrityError:
        raise ValidationError(_("You have already taken part in this appraisal.")) from None
    sheet = AppraisalSheet.objects.create(appraisal=appraisal)
    AppraisalMark.objects.bulk_create([AppraisalMark(sheet=sheet, appraisee=a, dimension=d, band=b) for a, d, b in rows])
    return sheet


@transaction.atomic
def appraisal_close(*, actor, appraisal: Appraisal) -> Appraisal:
    require(actor=actor, action="congress.appraisal.manage", org=appraisal.org)
    appraisal = _locked(Appraisal, appraisal.pk)
    if appraisal.status == AppraisalStatus.CLOSED:
        return appraisal
    appraisal.status = AppraisalStatus.CLOSED
    appraisal.save(update_fields=["status", "updated_at"])
    history_record(obj=appraisal, org=appraisal.org, actor=actor, action="state",
                   changes={"status": [AppraisalStatus.OPEN, AppraisalStatus.CLOSED], "sheets": [None, appraisal.sheets.count()]})
    return appraisal


# ── collective contracts (集体合同规定, 劳动和社会保障部令第22号; RULES.md c) ──

CONTRACT_ACTION = "congress.contract.manage"


@transaction.atomic
def contract_request(*, actor, org, title: str, requested_on: dt.date, kind: str = ContractKind.GENERAL) -> CollectiveContract:
    """The written request for talks; the other side's reply is due within 20 days (Art 32)."""
    require(actor=actor, action=CONTRACT_ACTION, org=org)
    if kind not in ContractKind.values:
        raise ValidationError({"kind": _("Unknown kind of contract.")})
    if not title.strip():
        raise ValidationError({"title": _("Name the contract.")})
    same = CollectiveContract.objects.filter(org=org, title=title.strip(), requested_on=requested_on).first()
    if same is not None:
        return same
    contract = CollectiveContract.objects.create(org=org, title=title.strip(), kind=kind, requested_on=requested_on,
                                                 reply_due=requested_on + dt.timedelta(days=rules.REPLY_DAYS))
    history_record(obj=contract, org=org, actor=actor, action="create",
                   changes={"title": [None, contract.title], "reply_due": [None, contract.reply_due.isoformat()]})
    return contract


def _contract(contract: CollectiveContract, *allowed: str) -> CollectiveContract:
    contract = _locked(CollectiveContract, contract.pk)
    if allowed and contract.status not in allowed:
        raise ValidationError(_("The contract is not at this stage."))
    return contract


@transaction.atomic
def negotiator_add(*, actor, contract: CollectiveContract, side: str, name: str, is_chief: bool = False) -> Negotiator:
    require(actor=actor, action=CONTRACT_ACTION, org=contract.org)
    if side not in Side.values or not name.strip():
        raise ValidationError(_("Name the negotiator and their side."))
    contract = _contract(contract, ContractStatus.NEGOTIATING)
    same = contract.negotiators.filter(side=side, name=name.strip()).first()
    if same is not None:
        return same
    if is_chief and contract.negotiators.filter(side=side, is_chief=True).exists():
        raise ValidationError({"is_chief": _("Each side has one chief negotiator.")})
    if contract.negotiators.filter(side=side).count() >= rules.NEGOTIATORS[1]:
        raise ValidationError(_("At most ten negotiators a side."))
    row = Negotiator.objects.create(contract=contract, side=side, name=name.strip(), is_chief=is_chief)
    history_record(obj=contract, org=contract.org, actor=actor, action="update",
                   changes={"negotiators": [None, row.name]}, note=str(row.get_side_display()))
    return row


@transaction.atomic
def negotiation_record(*, actor, contract: CollectiveContract, held_on: dt.date, summary: str, suspended: bool = False,
                       resumes_on: dt.date | None = None) -> NegotiationRound:
    """A round of talks; a suspension names the day talks resume (Art 35)."""
    require(actor=actor, action=CONTRACT_ACTION, org=contract.org)
    if not summary.strip():
        raise ValidationError({"summary": _("Write what the round agreed.")})
    if suspended and (resumes_on is None or resumes_on <= held_on):
        raise ValidationError({"resumes_on": _("Suspended talks name the later day they resume.")})
    contract = _contract(contract, ContractStatus.NEGOTIATING)
    same = contract.rounds.filter(held_on=held_on, summary=summary.strip()).first()
    if same is not None:
        return same
    row = NegotiationRound.objects.create(contract=contract, held_on=held_on, summary=summary.strip(), suspended=suspended,
                                          resumes_on=resumes_on if suspended else None)
    history_record(obj=contract, org=contract.org, actor=actor, action="update",
                   changes={"rounds": [None, held_on.isoformat()]}, note=_("suspended") if suspended else "")
    return row


@transaction.atomic
def contract_approve(*, actor, contract: CollectiveContract, resolution: Resolution) -> CollectiveContract:
    """The congress's vote on the draft: two thirds present, more than half of all delegates for (Art 36)."""
    require(actor=actor, action=CONTRACT_ACTION, org=contract.org)
    contract = _locked(CollectiveContract, contract.pk)
    if contract.status == ContractStatus.APPROVED and contract.resolution_id == resolution.pk:
        return contract
    if contract.status != ContractStatus.NEGOTIATING:
        raise ValidationError(_("The contract is not at this stage."))
    if not resolution.session.org.path.startswith(contract.org.path) or resolution.status != ResolutionStatus.PASSED:
        raise ValidationError({"resolution": _("Only a resolution the congress passed approves the contract.")})
    n = contract.negotiators.values("side").annotate(c=Count("id"), chiefs=Count("id", filter=Q(is_chief=True)))
    by_side = {row["side"]: row for row in n}
    problems = rules.negotiator_problems(by_side.get("union", {}).get("c", 0), by_side.get("employer", {}).get("c", 0),
                                         by_side.get("union", {}).get("chiefs", 0), by_side.get("employer", {}).get("chiefs", 0))
    if problems:
        raise ValidationError(_("Each side needs three to ten negotiators, as many as the other, with one chief."))
    contract.status, contract.resolution = ContractStatus.APPROVED, resolution
    contract.save(update_fields=["status", "resolution", "updated_at"])
    history_record(obj=contract, org=contract.org, actor=actor, action="state",
                   changes={"status": [ContractStatus.NEGOTIATING, ContractStatus.APPROVED], "resolution": [None, resolution.title]})
    return contract


@transaction.atomic
def contract_sign(*, actor, contract: CollectiveContract, signed_on: dt.date, term_start: dt.date,
                  term_end: dt.date) -> CollectiveContract:
    """The two chiefs sign (Art 37); the term runs one to three years (Art 38)."""
    require(actor=actor, action=CONTRACT_ACTION, org=contract.org)
    if not rules.term_years_ok(term_start, term_end):
        raise ValidationError({"term_end": _("A contract runs for one to three years.")})
    contract = _locked(CollectiveContract, contract.pk)
    if contract.status == ContractStatus.SIGNED and contract.signed_on == signed_on:
        return contract
    if contract.status != ContractStatus.APPROVED:
        raise ValidationError(_("The congress approves the contract before it is signed."))
    contract.status, contract.signed_on, contract.term_start, contract.term_end = ContractStatus.SIGNED, signed_on, term_start, term_end
    contract.save(update_fields=["status", "signed_on", "term_start", "term_end", "updated_at"])
    history_record(obj=contract, org=contract.org, actor=actor, action="state",
                   changes={"status": [ContractStatus.APPROVED, ContractStatus.SIGNED], "signed_on": [None, signed_on.isoformat()]})
    return contract


@transaction.atomic
def contract_file(*, actor, contract: CollectiveContract, filed_on: dt.date) -> CollectiveContract:
    """Filed with the labour bureau (Art 42: within 10 days of signing; a late filing is kept and flagged)."""
    require(actor=actor, action=CONTRACT_ACTION, org=contract.org)
    contract = _locked(CollectiveContract, contract.pk)
    if contract.status == ContractStatus.FILED and contract.filed_on == filed_on:
        return contract
    if contract.status != ContractStatus.SIGNED:
        raise ValidationError(_("The contract is not at this stage."))
    if filed_on < contract.signed_on:
        raise ValidationError({"filed_on": _("A contract is filed after it is signed.")})
    contract.status, contract.filed_on = ContractStatus.FILED, filed_on
    contract.save(update_fields=["status", "filed_on", "updated_at"])
    history_record(obj=contract, org=contract.org, actor=actor, action="state",
                   changes={"status": [ContractStatus.SIGNED, ContractStatus.FILED], "filed_on": [None, filed_on.isoformat()]})
    return contract


@transaction.atomic
def contract_bureau_answer(*, actor, contract: CollectiveContract, objected: bool, on: dt.date, note: str = ""
                           ) -> CollectiveContract:
    """The labour bureau's answer: an objection within 15 days stops it; otherwise it takes effect (Art 45–47)."""
    require(actor=actor, action=CONTRACT_ACTION, org=contract.org)
    contract = _locked(CollectiveContract, contract.pk)
    target = ContractStatus.OBJECTED if objected else ContractStatus.EFFECTIVE
    if contract.status == target:
        return contract
    if contract.status != ContractStatus.FILED:
        raise ValidationError(_("The contract is not at this stage."))
    if objected and not note.strip():
        raise ValidationError({"note": _("Record what the bureau objected to.")})
    if objected and on > contract.filed_on + dt.timedelta(days=rules.OBJECTION_DAYS):
        raise ValidationError({"on": _("An objection after fifteen days comes too late: the contract is in effect.")})
    contract.status, contract.bureau_answer_on, contract.bureau_note = target, on, note.strip()[:300]
    contract.save(update_fields=["status", "bureau_answer_on", "bureau_note", "updated_at"])
    history_record(obj=contract, org=contract.org, actor=actor, action="state",
                   changes={"status": [ContractStatus.FILED, target]}, note=contract.bureau_note)
    return contract
