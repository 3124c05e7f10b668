"""Reads of the congress: what each person may see, the composition, the counts, the figures
the summary states. Every list starts from `core.scoping`.

Who sees what:
- the union's cadres (a managing role on the congress's org or above): everything of it;
- a delegate: the sessions they sit in, their elections and appraisals, and the motions they
  proposed or seconded;
- a handling department's cadres: only the motions their department must answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.scoping import path_filter, reach_paths
from gonghui.core.selectors import Attention

from . import rules
from .choices import Band, BallotSource, DelegateCategory, ElectionStatus, MotionStatus, Rating
from .models import (
    Appraisal, AppraisalMark, Ballot, BallotMark, CongressSession, Delegate, Election, Motion, MotionAnswer, MotionHandler,
    Resolution,
    Seconder, Voted,
)

MANAGE = "congress.session.manage"


def _under(org, via: str = "org") -> Q:
    return Q(**{f"{via}__path__startswith": org.path}) if org is not None else Q()


def _managed(user, via: str = "org", action: str = MANAGE) -> Q:
    return path_filter(reach_paths(user, action=action), via)


def _as_delegate(user, via: str) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(**{f"{via}delegates__member__user": user})


# ── sessions ─────────────────────────────────────────────────────────────────

def session_list(*, visible_to, org=None) -> QuerySet[CongressSession]:
    qs = CongressSession.objects.select_related("org").filter(_managed(visible_to) | _as_delegate(visible_to, ""))
    return qs.filter(_under(org)).distinct()


def session_get(*, visible_to, pk: int) -> CongressSession:
    try:
        return session_list(visible_to=visible_to).get(pk=pk)
    except CongressSession.DoesNotExist as exc:
        raise Http404 from exc


def session_manageable(*, visible_to, pk: int) -> CongressSession:
    """A session the user manages (cadre pages), else 404."""
    try:
        return CongressSession.objects.select_related("org").filter(_managed(visible_to)).get(pk=pk)
    except CongressSession.DoesNotExist as exc:
        raise Http404 from exc


def may_manage(user, session) -> bool:
    from gonghui.core.scoping import may

    return may(user, MANAGE, session.org)


def delegate_of(user, session) -> Delegate | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Delegate.objects.filter(session=session, member__user=user).first()


def composition(session: CongressSession) -> rules.Composition:
    """The delegates counted by category against the rules (RULES.md a); one query."""
    row = session.delegates.aggregate(
        n=Count("id"), frontline=Count("id", filter=Q(category=DelegateCategory.FRONTLINE)),
        management=Count("id", filter=Q(category=DelegateCategory.MANAGEMENT)), women=Count("id", filter=Q(is_woman=True)),
    )
    return rules.composition_check(delegates=row["n"], frontline=row["frontline"], management=row["management"],
                                   women=row["women"], headcount=session.headcount, women_on_roll=session.women_on_roll)


def compositions(sessions: list[CongressSession]) -> dict[int, rules.Composition]:
    """`composition` for many sessions in one grouped query (the summary of a federation)."""
    rows = {r["session_id"]: r for r in Delegate.objects.filter(session__in=[s.pk for s in sessions]).values("session_id").annotate(
        n=Count("id"), frontline=Count("id", filter=Q(category=DelegateCategory.FRONTLINE)),
        management=Count("id", filter=Q(category=DelegateCategory.MANAGEMENT)), women=Count("id", filter=Q(is_woman=True)))}
    found = {}
    for s in sessions:
        r = rows.get(s.pk, {"n": 0, "frontline": 0, "management": 0, "women": 0})
        found[s.pk] = rules.composition_check(delegates=r["n"], frontline=r["frontline"], management=r["management"],
                                              women=r["women"], headcount=s.headcount, women_on_roll=s.women_on_roll)
    return found


@dataclass
class SessionFigure:
    pk: int
    title: str
    composition: rules.Composition

    @property
    def delegates(self) -> int:
        return self.composition.delegates


def session_figures(*, org, start: dt.date, end: dt.date) -> list[SessionFigure]:
    """The sessions held under `org` in [start, end], each with its delegates counted by category
    against the rules; one grouped query."""
    rows = (CongressSession.objects.filter(_under(org), date__gte=start, date__lte=end).order_by("date", "id")
            .annotate(n=Count("delegates"), frontline=Count("delegates", filter=Q(delegates__category=DelegateCategory.FRONTLINE)),
                      management=Count("delegates", filter=Q(delegates__category=DelegateCategory.MANAGEMENT)),
                      women=Count("delegates", filter=Q(delegates__is_woman=True)))
            .values_list("pk", "title", "n", "frontline", "management", "women", "headcount", "women_on_roll"))
    return [SessionFigure(pk, title, rules.composition_check(delegates=n, frontline=frontline, management=management,
                                                             women=women, headcount=headcount, women_on_roll=women_on_roll))
            for pk, title, n, frontline, management, women, headcount, women_on_roll in rows]


PROBLEM_TEXT = {
    "frontline": lambda c: _("Frontline workers are %(n)s of %(d)s delegates; the rule asks at least half.") % {"n": c.frontline, "d": c.delegates},
    "management": lambda c: _("Middle management and above are %(n)s of %(d)s delegates; the rule allows at most a fifth.") % {"n": c.management, "d": c.delegates},
    "women": lambda c: _("Women are %(n)s of the delegates; in proportion to the roll there should be at least %(need)s.") % {"n": c.women, "need": c.women_needed},
    "size": lambda c: _("%(d)s delegates; a roll of this size asks at least %(need)s.") % {"d": c.delegates, "need": c.min_delegates},
}


def composition_problems(c: rules.Composition) -> list[str]:
    return [PROBLEM_TEXT[p](c) for p in c.problems]


def delegate_list(session) -> QuerySet[Delegate]:
    return session.delegates.select_related("member").order_by("group", "id")


def resolution_list(session) -> QuerySet[Resolution]:
    return session.resolutions.annotate(recorded=Count("votes"))


# ── motions ──────────────────────────────────────────────────────────────────

def motion_list(*, visible_to, org=None, session=None, status: str | None = None) -> QuerySet[Motion]:
    """Motions of the orgs the user manages, motions their department handles, and their own."""
    answering = reach_paths(visible_to, action="congress.motion.answer")
    handled = MotionHandler.objects.filter(path_filter(answering, "org")).values("motion_id")
    own = Q(pk__in=[])
    if getattr(visible_to, "is_authenticated", False):
        # a delegate's own motions and those they seconded, and, to read before seconding, those
        # of their session still collecting seconders
        own = (Q(proposer__member__user=visible_to) | Q(seconders__delegate__member__user=visible_to)
               | Q(status=MotionStatus.SUBMITTED, session__delegates__member__user=visible_to))
    qs = Motion.objects.filter(_managed(visible_to, action="congress.motion.decide") | Q(pk__in=handled) | own)
    qs = qs.select_related("session", "proposer", "org").distinct().filter(_under(org))
    if session is not None:
        qs = qs.filter(session=session)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-session__date", "number")


def motions_to_second(*, user) -> QuerySet[Motion]:
    """The motions of the sessions the user sits in that still collect seconders (not yet decided), other
    than their own, each with its seconders counted and whether the user has seconded it; one query."""
    if not getattr(user, "is_authenticated", False):
        return Motion.objects.none()
    mine = Seconder.objects.filter(motion=OuterRef("pk"), delegate__member__user=user)
    return (Motion.objects.filter(status=MotionStatus.SUBMITTED, session__delegates__member__user=user)
            .exclude(proposer__member__user=user).select_related("session", "proposer")
            .annotate(n_seconders=Count("seconders", distinct=True), seconded=Exists(mine))
            .order_by("-session__date", "number"))


def motion_get(*, visible_to, pk: int) -> Motion:
    try:
        return motion_list(visible_to=visible_to).get(pk=pk)
    except Motion.DoesNotExist as exc:
        raise Http404 from exc


OPEN_FOR_ANSWER = (MotionStatus.ASSIGNED, MotionStatus.SUPERVISED)


def overdue_motions(*, visible_to=None, org=None, today: dt.date | None = None) -> QuerySet[Motion]:
    today = today or timezone.localdate()
    qs = Motion.objects.filter(status__in=OPEN_FOR_ANSWER, deadline__lt=today)
    if visible_to is not None:
        qs = qs.filter(pk__in=motion_list(visible_to=visible_to).values("pk"))
    return qs.filter(_under(org))


@dataclass
class MotionFigures:
    collected: int
    accepted: int        # 立案, including those assigned, answered, closed and supervised
    converted: int
    answered: int        # with at least one written answer
    rated: int
    satisfied: int       # 满意 or 基本满意
    overdue: int         # under the org, past the answer date today, whenever the session sat

    @property
    def satisfaction(self):
        from gonghui.core.formatting import ratio

        return ratio(self.satisfied * 100, self.rated, 2)


def motion_figures(*, org, start: dt.date, end: dt.date, today: dt.date | None = None) -> MotionFigures:
    """Motions to sessions held in [start, end] under `org`, and every motion under `org` past its
    answer date today (whatever its session's date: the summary's shortcoming); one query."""
    today = today or timezone.localdate()
    accepted = [MotionStatus.ACCEPTED, MotionStatus.ASSIGNED, MotionStatus.ANSWERED, MotionStatus.SUPERVISED, MotionStatus.CLOSED]
    in_period = Q(session__date__gte=start, session__date__lte=end)
    overdue = Q(status__in=OPEN_FOR_ANSWER, deadline__lt=today)
    answered = Exists(MotionAnswer.objects.filter(motion=OuterRef("pk")))
    row = Motion.objects.filter(_under(org)).filter(in_period | overdue).aggregate(
        collected=Count("id", filter=in_period), accepted=Count("id", filter=in_period & Q(status__in=accepted)),
        converted=Count("id", filter=in_period & Q(status=MotionStatus.CONVERTED)),
        answered=Count("id", filter=in_period & Q(answered)),
        rated=Count("id", filter=in_period & ~Q(rating="")),
        satisfied=Count("id", filter=in_period & Q(rating__in=[Rating.SATISFIED, Rating.BASICALLY])),
        overdue=Count("id", filter=overdue),
    )
    return MotionFigures(**row)


def motion_report(*, session) -> list[Motion]:
    """Every motion of a session with its handlers and answers: the report to the next session."""
    return list(session.motions.select_related("proposer").prefetch_related("handlers__org", "answers__org", "seconders__delegate"))


# ── elections ────────────────────────────────────────────────────────────────

def election_list(*, visible_to, org=None) -> QuerySet[Election]:
    qs = Election.objects.filter(_managed(visible_to, action="congress.election.manage") | _as_delegate(visible_to, "session__"))
    return qs.select_related("session", "org", "disclosure", "committee").filter(_under(org)).distinct()


def election_get(*, visible_to, pk: int) -> Election:
    try:
        return election_list(visible_to=visible_to).get(pk=pk)
    except Election.DoesNotExist as exc:
        raise Http404 from exc


def has_voted(*, election, delegate) -> bool:
    return delegate is not None and Voted.objects.filter(election=election, delegate=delegate).exists()


def receipt_counted(*, election, code: str) -> bool:
    """Whether a valid ballot carrying this receipt was stored (and, once closed, counted)."""
    if not code.strip():
        return False
    return Ballot.objects.filter(election=election, receipt_hash=rules.receipt_hash(election.pk, code), is_valid=True).exists()


def stored_tally(election: Election) -> rules.Tally:
    """The tally recomputed from the stored ballots: what the close announces and `gonghui tally` checks.

    The database adds up the marks of the valid ballots by (candidate, written-in name, choice) in
    one aggregate query, and counts the ballots in another; the rules (rules.decide) are applied
    to the sums. A ballot's validity was judged by the rule when it was stored (services._ballot_store);
    `tally_differences` checks every stored flag against its marks again.
    A listed name left unmarked on a valid ballot counts as an abstention, as in rules.tally."""
    names, listed = {}, []
    for pk, name, is_write_in in election.candidates.values_list("id", "name", "is_write_in"):
        names[pk] = name
        if not is_write_in:
            listed.append(name)
    totals = Ballot.objects.filter(election=election).aggregate(
        returned=Count("id"), valid=Count("id", filter=Q(is_valid=True)),
        phone=Count("id", filter=Q(source=BallotSource.PHONE)))
    counts = {name: rules.CandidateCount() for name in listed}
    marked: Counter = Counter()
    rows = (BallotMark.objects.filter(ballot__election=election, ballot__is_valid=True)
            .values_list("candidate_id", "write_in", "choice").annotate(n=Count("id")).order_by())
    for candidate_id, write_in, choice, n in rows:
        name = names[candidate_id] if candidate_id else write_in
        c = counts.setdefault(name, rules.CandidateCount())
        marked[name] += n
        if choice == "for":
            c.votes_for += n
        elif choice == "against":
            c.votes_against += n
        else:
            c.abstentions += n
    for name in listed:
        counts[name].abstentions += totals["valid"] - marked[name]
    return rules.decide(counts=counts, returned=totals["returned"], valid=totals["valid"], seats=election.seats,
                        electorate=election.electorate, issued=election.paper_issued + totals["phone"])


def misjudged_ballots(election: Election) -> int:
    """Stored ballots whose validity flag disagrees with their marks (more names voted for than seats)."""
    per_ballot = Ballot.objects.filter(election=election).annotate(
        n_for=Count("marks", filter=Q(marks__choice="for")))
    return per_ballot.filter(Q(is_valid=True, n_for__gt=election.seats) | Q(is_valid=False, n_for__lte=election.seats)).count()


def tally_differences(election: Election) -> list[str]:
    """What differs between the announced result and a fresh count of the stored ballots ([] when they agree)."""
    t = stored_tally(election)
    found = []
    misjudged = misjudged_ballots(election)
    if misjudged:
        found.append(f"ballots: {misjudged} stored as valid or invalid against their marks")
    if (election.returned, election.valid, election.quorum_met) != (t.returned, t.valid, t.quorum_met):
        found.append(f"ballots: announced {election.returned}/{election.valid} valid, counted {t.returned}/{t.valid}")
    for c in election.candidates.all():
        fresh = t.counts.get(c.name, rules.CandidateCount())
        if (c.votes_for, c.votes_against, c.abstentions, c.elected) != (
                fresh.votes_for, fresh.votes_against, fresh.abstentions, fresh.elected):
            found.append(f"{c.name}: announced {c.votes_for}/{c.votes_against}/{c.abstentions} "
                         f"{'elected' if c.elected else ''}, counted {fresh.votes_for}/{fresh.votes_against}/"
                         f"{fresh.abstentions} {'elected' if fresh.elected else ''}")
    return found


@dataclass
class ElectionFigures:
    held: int
    electorate: int
    returned: int

    @property
    def turnout(self):
        from gonghui.core.formatting import ratio

        return ratio(self.returned * 100, self.electorate, 2)


def election_figures(*, org, start: dt.date, end: dt.date) -> ElectionFigures:
    from django.db.models import Sum

    row = Election.objects.filter(_under(org), held_on__range=(start, end), status=ElectionStatus.CLOSED).aggregate(
        n=Count("id"), e=Sum("electorate"), r=Sum("returned"))
    return ElectionFigures(row["n"], row["e"] or 0, row["r"] or 0)


@dataclass
class ElectionHeld:
    title: str
    electorate: int
    returned: int
    elected: list[str]


def elections_held(*, org, start: dt.date, end: dt.date, named_limit: int) -> list[ElectionHeld]:
    """The closed elections held under `org` in [start, end], in date order; their elected
    candidates by name (one query more) only when there are at most `named_limit` of them."""
    held = {pk: ElectionHeld(title, electorate, returned, []) for pk, title, electorate, returned in
            Election.objects.filter(_under(org), held_on__range=(start, end), status=ElectionStatus.CLOSED)
            .order_by("held_on", "id").values_list("pk", "title", "electorate", "returned")}
    if held and len(held) <= named_limit:
        from .models import Candidate

        for election_id, name in (Candidate.objects.filter(election_id__in=list(held), elected=True)
                                  .order_by("election_id", "id").values_list("election_id", "name")):
            held[election_id].elected.append(name)
    return list(held.values())


def elected_in(*, org, start: dt.date, end: dt.date) -> list[tuple[str, list[str]]]:
    out = []
    for election in Election.objects.filter(_under(org), held_on__range=(start, end), status=ElectionStatus.CLOSED
                                            ).prefetch_related("candidates").order_by("held_on", "id"):
        out.append((election.title, [c.name for c in election.candidates.all() if c.elected]))
    return out


# ── appraisal ────────────────────────────────────────────────────────────────

def appraisal_list(*, visible_to, org=None) -> QuerySet[Appraisal]:
    qs = Appraisal.objects.filter(_managed(visible_to, action="congress.appraisal.manage") | _as_delegate(visible_to, "session__"))
    return qs.select_related("session", "org").filter(_under(org)).distinct()


def appraisal_get(*, visible_to, pk: int) -> Appraisal:
    try:
        return appraisal_list(visible_to=visible_to).get(pk=pk)
    except Appraisal.DoesNotExist as exc:
        raise Http404 from exc


def has_rated(*, appraisal, delegate) -> bool:
    from .models import Rated

    return delegate is not None and Rated.objects.filter(appraisal=appraisal, delegate=delegate).exists()


BAND_ORDER = list(Band.values)


@dataclass
class AppraisalResult:
    appraisee_id: int
    name: str
    post: str
    report: str
    by_dimension: dict[str, dict[str, int]]   # dimension -> band -> count
    overall: dict[str, int]                   # band -> count over every dimension

    @property
    def good_share(self):
        """Share of 优秀 and 称职 marks over all of the cadre's marks."""
        from gonghui.core.formatting import ratio

        total = sum(self.overall.values())
        return ratio((self.overall.get("excellent", 0) + self.overall.get("competent", 0)) * 100, total, 2)

    @property
    def band(self) -> str:
        """The cadre's band: the one most marks name (the better band on a tie)."""
        if not any(self.overall.values()):
            return ""
        return max(BAND_ORDER, key=lambda b: (self.overall.get(b, 0), -BAND_ORDER.index(b)))


def appraisal_results(appraisal: Appraisal) -> list[AppraisalResult]:
    """Per cadre per dimension, the count of each band; one grouped query."""
    counts: dict = defaultdict(lambda: defaultdict(Counter))
    for appraisee_id, dimension, band, n in (
        AppraisalMark.objects.filter(sheet__appraisal=appraisal).values("appraisee_id", "dimension", "band")
        .annotate(n=Count("id")).values_list("appraisee_id", "dimension", "band", "n")
    ):
        counts[appraisee_id][dimension][band] = n
    out = []
    for a in appraisal.appraisees.all():
        by_dim = {d: {b: counts[a.pk][d].get(b, 0) for b in BAND_ORDER} for d in appraisal.dimensions}
        overall = {b: sum(by_dim[d][b] for d in by_dim) for b in BAND_ORDER}
        out.append(AppraisalResult(a.pk, a.name, a.post, a.report, by_dim, overall))
    return out


def appraisals_held(*, org, start: dt.date, end: dt.date, limit: int) -> list[tuple[Appraisal, int, list[AppraisalResult]]]:
    """(appraisal, sheets returned, results) of the first `limit` closed appraisals held under `org`
    in [start, end]; three queries whatever their number (the summary names each)."""
    from .models import Appraisee

    appraisals = list(Appraisal.objects.filter(_under(org), held_on__range=(start, end), status="closed")
                      .annotate(n=Count("sheets")).order_by("held_on", "id")[:limit])
    if not appraisals:
        return []
    ids = [a.pk for a in appraisals]
    counts: dict = defaultdict(lambda: defaultdict(Counter))
    for appraisee_id, dimension, band, n in (
        AppraisalMark.objects.filter(sheet__appraisal_id__in=ids).values("appraisee_id", "dimension", "band")
        .annotate(n=Count("id")).values_list("appraisee_id", "dimension", "band", "n")
    ):
        counts[appraisee_id][dimension][band] = n
    cadres = defaultdict(list)
    for appraisee in Appraisee.objects.filter(appraisal_id__in=ids).order_by("appraisal", "id"):
        cadres[appraisee.appraisal_id].append(appraisee)
    found = []
    for appraisal in appraisals:
        results = []
        for a in cadres[appraisal.pk]:
            by_dim = {d: {b: counts[a.pk][d].get(b, 0) for b in BAND_ORDER} for d in appraisal.dimensions}
            overall = {b: sum(by_dim[d][b] for d in by_dim) for b in BAND_ORDER}
            results.append(AppraisalResult(a.pk, a.name, a.post, a.report, by_dim, overall))
        found.append((appraisal, appraisal.n, results))
    return found


# ── the home page ────────────────────────────────────────────────────────────

def contracts_waiting(*, visible_to=None, org=None, today: dt.date | None = None) -> QuerySet:
    """Contracts that wait on a date the rules set: a reply past its 20 days with no talks yet
    (Art 32), a signed contract not filed within 10 days (Art 42)."""
    from .models import CollectiveContract

    today = today or timezone.localdate()
    qs = CollectiveContract.objects.filter(
        Q(status="negotiating", reply_due__lt=today, rounds__isnull=True)
        | Q(status="signed", signed_on__lt=today - dt.timedelta(days=rules.FILE_DAYS)))
    if visible_to is not None:
        qs = qs.filter(_managed(visible_to, action="congress.contract.manage"))
    return qs.filter(_under(org)).distinct()


def attention(*, visible_to) -> list[Attention]:
    """待办: motions past their answer date (for the committee and the departments handling them),
    and collective contracts past a date the rules set."""
    if reach_paths(visible_to, action="congress.motion.answer") == []:
        return []
    return [Attention(_("motions past their answer date"), overdue_motions(visible_to=visible_to).count(),
                      reverse("congress:motions") + "?overdue=1"),
            Attention(_("collective contracts past a due date"), contracts_waiting(visible_to=visible_to).count(),
                      reverse("congress:contracts"))]


# ── collective contracts ─────────────────────────────────────────────────────

def contract_list(*, visible_to, org=None) -> QuerySet:
    from .models import CollectiveContract

    return CollectiveContract.objects.filter(_managed(visible_to, action="congress.contract.manage")).filter(
        _under(org)).select_related("org")


def contract_get(*, visible_to, pk: int):
    from .models import CollectiveContract

    try:
        return contract_list(visible_to=visible_to).get(pk=pk)
    except CollectiveContract.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class ContractDates:
    """What the dates of a contract ask for today (集体合同规定 Art 32, 38, 42, 45–47)."""

    reply_overdue: bool
    file_by: dt.date | None
    filed_late: bool
    objection_until: dt.date | None
    renewal_from: dt.date | None
    renewal_open: bool
    expired: bool


def contract_dates(contract, today: dt.date | None = None) -> ContractDates:
    today = today or timezone.localdate()
    file_by = contract.signed_on + dt.timedelta(days=rules.FILE_DAYS) if contract.signed_on else None
    renewal_from = None
    if contract.term_end:
        month = contract.term_end.month - rules.RENEWAL_MONTHS
        year = contract.term_end.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        renewal_from = contract.term_end.replace(year=year, month=month, day=min(contract.term_end.day, 28))
    return ContractDates(
        reply_overdue=contract.status == "negotiating" and not contract.rounds.exists() and today > contract.reply_due,
        file_by=file_by,
        filed_late=bool(file_by and contract.filed_on and contract.filed_on > file_by),
        objection_until=contract.filed_on + dt.timedelta(days=rules.OBJECTION_DAYS) if contract.filed_on else None,
        renewal_from=renewal_from,
        renewal_open=bool(renewal_from and renewal_from <= today <= contract.term_end and contract.status == "effective"),
        expired=bool(contract.term_end and today > contract.term_end),
    )


def contracts_in_force(*, org, on: dt.date) -> QuerySet:
    from .models import CollectiveContract

    return CollectiveContract.objects.filter(_under(org), status="effective", term_start__lte=on, term_end__gte=on)


@dataclass
class ContractFigures:
    in_force: list[tuple[str, dt.date, dt.date, dt.date]]    # (title, signed on, from, until), by their start
    waiting: int                                             # past a date the rules set (contracts_waiting)


def contract_figures(*, org, on: dt.date, today: dt.date | None = None) -> ContractFigures:
    """The collective contracts under `org` in force on `on`, and how many wait past a date the
    rules set today; one query (an org holds a contract or two, a federation one per union)."""
    from .models import CollectiveContract, NegotiationRound

    today = today or timezone.localdate()
    in_force = Q(status="effective", term_start__lte=on, term_end__gte=on)
    waiting = (Q(status="negotiating", reply_due__lt=today) & ~Exists(NegotiationRound.objects.filter(contract=OuterRef("pk")))
               | Q(status="signed", signed_on__lt=today - dt.timedelta(days=rules.FILE_DAYS)))
    found = ContractFigures(in_force=[], waiting=0)
    for title, signed_on, start, end, is_in_force in (
        CollectiveContract.objects.filter(_under(org)).filter(in_force | waiting).order_by("term_start", "id")
        .annotate(is_in_force=Case(When(in_force, then=Value(True)), default=Value(False)))
        .values_list("title", "signed_on", "term_start", "term_end", "is_in_force")
    ):
        if is_in_force:
            found.in_force.append((title, signed_on, start, end))
        else:
            found.waiting += 1
    return found


def motions_by_union(*, org, start: dt.date, end: dt.date, union_of: dict[int, int]) -> dict[int, int]:
    """{union id: motions to sessions held in the period} for a federation's unions, in one grouped query."""
    from gonghui.orgs.selectors import count_by_union

    return count_by_union(Motion.objects.filter(_under(org), session__date__range=(start, end)), union_of)
