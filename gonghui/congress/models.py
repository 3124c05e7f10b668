"""The workers' congress (职代会/会员代表大会): sessions, delegates, resolutions, motions,
elections by secret ballot and democratic appraisal.

Each rule is cited where it is applied (services.py and rules.py) by the document and
article it comes from.

Secrecy (RULES.md b, DESIGN.md "Money and secrets"): `Ballot` and `AppraisalSheet` keep no
path to the person who filled them in: no voter column, no timestamp, a random UUID key.
Who has voted is a separate roll (`Voted`, `Rated`) without a timestamp either.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.models import OrgOwned, TimeStamped

from .choices import (
    AppraisalStatus, Band, ContractKind, ContractStatus, Side, BallotSource, Body, ElectedCommittee, ElectionFills, CongressKind, DelegateCategory, ElectionMode, ElectionStatus, MotionStatus,
    Rating, ResolutionStatus, SessionStatus, TellerRole, VoteChoice,
)


class CongressSession(OrgOwned):
    """One sitting (次) of a term (届) of an org's congress, e.g. 第一届第二次职工代表大会."""

    kind = models.CharField(_("congress of"), max_length=10, choices=CongressKind.choices, default=CongressKind.WORKERS)
    body = models.CharField(_("body"), max_length=20, choices=Body.choices, editable=False)
    term = models.PositiveSmallIntegerField(pgettext_lazy("congress", "term"))
    sitting = models.PositiveSmallIntegerField(_("sitting"))
    title = models.CharField(_("title"), max_length=120)
    date = models.DateField(_("date"))
    motions_due = models.DateField(_("motions due"), null=True, blank=True)
    # the roll the composition is checked against: staff (or members) and the women among them
    headcount = models.PositiveIntegerField(_("staff on the roll"))
    women_on_roll = models.PositiveIntegerField(_("women on the roll"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PREPARING)

    class Meta:
        verbose_name = _("congress session")
        verbose_name_plural = _("congress sessions")
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "kind", "term", "sitting"], name="congress_one_sitting"),
            models.CheckConstraint(condition=Q(women_on_roll__lte=models.F("headcount")), name="congress_women_within_roll"),
        ]
        indexes = [models.Index(fields=["org", "date"])]

    def __str__(self) -> str:
        return self.title


class Delegate(TimeStamped):
    session = models.ForeignKey(CongressSession, on_delete=models.CASCADE, related_name="delegates", verbose_name=pgettext_lazy("congress", "session"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    name = models.CharField(_("full name"), max_length=50)
    group = models.CharField(_("delegation"), max_length=60, blank=True)
    category = models.CharField(_("category"), max_length=12, choices=DelegateCategory.choices)
    is_woman = models.BooleanField(_("woman"), default=False)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="congress_delegate_once")]

    def __str__(self) -> str:
        return self.name


class Resolution(TimeStamped):
    """An agenda item put to the vote; its counts are filled from the votes when it is closed."""

    session = models.ForeignKey(CongressSession, on_delete=models.CASCADE, related_name="resolutions", verbose_name=pgettext_lazy("congress", "session"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("agenda item"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ResolutionStatus.choices, default=ResolutionStatus.OPEN)
    delegates = models.PositiveIntegerField(_("delegates"), default=0)
    present = models.PositiveIntegerField(_("present"), default=0)
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["session", "position", "id"]

    def __str__(self) -> str:
        return self.title


class ResolutionVote(models.Model):
    """A delegate's open (named) vote on an agenda item. The idempotency key makes a retried
    request or a double tap record the vote once."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="votes", verbose_name=_("resolution"))
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+", verbose_name=_("delegate"))
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    idempotency_key = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["resolution", "delegate"], name="congress_one_vote_per_item")]


class Motion(OrgOwned):
    """A delegate's motion (提案), from collection to the proposer's rating of the answer."""

    session = models.ForeignKey(CongressSession, on_delete=models.PROTECT, related_name="motions", verbose_name=pgettext_lazy("congress", "session"))
    number = models.PositiveIntegerField(_("sitting number"))
    title = models.CharField(_("subject"), max_length=120)
    reasons = models.TextField(_("reasons"))
    proposal = models.TextField(_("proposed measures"))
    proposer = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="motions", verbose_name=_("proposer"))
    status = models.CharField(_("status"), max_length=12, choices=MotionStatus.choices, default=MotionStatus.SUBMITTED)
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)
    deadline = models.DateField(_("answer due"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    supervision_note = models.CharField(_("supervision"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="congress_motion_number")]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Seconder(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="seconders", verbose_name=_("motion"))
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+", verbose_name=_("delegate"))

    class Meta:
        verbose_name = _("seconder")
        verbose_name_plural = _("seconders")
        constraints = [models.UniqueConstraint(fields=["motion", "delegate"], name="congress_second_once")]


class MotionHandler(models.Model):
    """A department that must answer a motion: one lead (承办), any co-handlers (协办)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="handlers", verbose_name=_("motion"))
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    is_lead = models.BooleanField(_("lead"), default=False)

    class Meta:
        verbose_name = _("handling department")
        verbose_name_plural = _("handling departments")
        ordering = ["-is_lead", "id"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "org"], name="congress_handler_once"),
            models.UniqueConstraint(fields=["motion"], condition=Q(is_lead=True), name="congress_one_lead"),
        ]


class MotionAnswer(models.Model):
    """One written answer (答复); a supervised motion is answered again in a further round."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("motion"))
    round = models.PositiveSmallIntegerField(_("round"))
    org = models.ForeignKey("orgs.Org", on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    text = models.TextField(_("answer"))
    answered_on = models.DateField(_("answered on"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("answered by"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["motion", "round", "id"]


class Election(OrgOwned):
    """A secret-ballot election (换届选举) of a committee by the delegates of a session."""

    session = models.ForeignKey(CongressSession, on_delete=models.PROTECT, related_name="elections", verbose_name=pgettext_lazy("congress", "session"))
    title = models.CharField(_("title"), max_length=120)
    seats = models.PositiveSmallIntegerField(_("seats"))
    mode = models.CharField(_("mode"), max_length=12, choices=ElectionMode.choices, default=ElectionMode.CONTESTED)
    status = models.CharField(_("status"), max_length=8, choices=ElectionStatus.choices, default=ElectionStatus.DRAFT)
    held_on = models.DateField(_("date held"))
    # filled when the tellers close the count
    electorate = models.PositiveIntegerField(_("electorate"), default=0)
    paper_issued = models.PositiveIntegerField(_("paper ballots issued"), default=0)
    returned = models.PositiveIntegerField(_("ballots returned"), default=0)
    valid = models.PositiveIntegerField(_("valid ballots"), default=0)
    quorum_met = models.BooleanField(_("quorum met"), default=False)
    outcome = models.TextField(_("outcome"), blank=True)
    # what the result seats: which committee, which of its seats, for how long (RULES.md a: 3–5 years)
    committee_kind = models.CharField(_("committee elected"), max_length=20, choices=ElectedCommittee.choices,
                                      default=ElectedCommittee.UNION)
    fills = models.CharField(_("seats filled"), max_length=12, choices=ElectionFills.choices, default=ElectionFills.MEMBERS)
    term_years = models.PositiveSmallIntegerField(_("term in years"), default=5)
    # set once, when the result is published on the notice board and the elected take their seats
    disclosure = models.ForeignKey("governance.Disclosure", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("result published as"))
    committee = models.ForeignKey("orgs.Committee", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("committee seated"))

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("election"))
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("member"))
    name = models.CharField(_("full name"), max_length=50)
    position = models.PositiveSmallIntegerField(default=0)
    is_write_in = models.BooleanField(_("written in"), default=False)
    # the announced tally, kept when the election is closed; `gonghui tally` recomputes it
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    elected = models.BooleanField(_("elected"), default=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["election", "is_write_in", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "name"], name="congress_candidate_once")]

    def __str__(self) -> str:
        return self.name


class Teller(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="tellers", verbose_name=_("election"))
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="+", verbose_name=_("delegate"))
    role = models.CharField(pgettext_lazy("teller", "role"), max_length=12, choices=TellerRole.choices)

    class Meta:
        verbose_name = _("teller")
        verbose_name_plural = _("tellers")
        constraints = [models.UniqueConstraint(fields=["election", "delegate"], name="congress_teller_once")]


class Voted(models.Model):
    """The has-voted roll: who has taken part, never how. No timestamp on purpose."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "delegate"], name="congress_vote_once")]


class Ballot(models.Model):
    """One ballot paper or phone ballot. No voter, no time, a random key: see the README's
    "Secret ballots" for what this does and does not guarantee."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    source = models.CharField(max_length=6, choices=BallotSource.choices)
    is_valid = models.BooleanField(default=True)
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # a paper ballot's entry key (the tellers' form), so a double click enters it once; phone ballots have none
    entry_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")


class BallotMark(models.Model):
    """One name on a ballot: a listed candidate, or a name written in (另选他人). A written-in
    name stays on the mark until the count, so no candidate row is born at the moment a
    particular delegate votes."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    candidate = models.ForeignKey(Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    write_in = models.CharField(max_length=50, blank=True)
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(candidate__isnull=False) | ~Q(write_in=""),
                                              name="congress_mark_names_someone")]


class Appraisal(OrgOwned):
    """A democratic appraisal (民主测评) of cadres by the delegates of a session."""

    session = models.ForeignKey(CongressSession, on_delete=models.PROTECT, related_name="appraisals", verbose_name=pgettext_lazy("congress", "session"))
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("date held"))
    dimensions = models.JSONField(_("dimensions"), default=list)
    status = models.CharField(_("status"), max_length=8, choices=AppraisalStatus.choices, default=AppraisalStatus.OPEN)

    class Meta:
        verbose_name = _("democratic appraisal")
        verbose_name_plural = _("democratic appraisals")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Appraisee(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="appraisees", verbose_name=_("appraisal"))
    name = models.CharField(_("full name"), max_length=50)
    post = models.CharField(_("post"), max_length=60, blank=True)
    report = models.TextField(_("report of duties"), blank=True)

    class Meta:
        verbose_name = _("cadre appraised")
        verbose_name_plural = _("cadres appraised")
        ordering = ["appraisal", "id"]

    def __str__(self) -> str:
        return self.name


class Rated(models.Model):
    """The has-rated roll of an appraisal; no timestamp, no link to the sheet."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="+")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appraisal", "delegate"], name="congress_rate_once")]


class AppraisalSheet(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="sheets")


class AppraisalMark(models.Model):
    sheet = models.ForeignKey(AppraisalSheet, on_delete=models.CASCADE, related_name="marks")
    appraisee = models.ForeignKey(Appraisee, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=20)
    band = models.CharField(max_length=12, choices=Band.choices)


class CollectiveContract(OrgOwned):
    """A collective contract (集体合同) from the written request to talks to its taking effect.
    The articles cited are those of 集体合同规定 (劳动和社会保障部令第22号), RULES.md c."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=ContractKind.choices, default=ContractKind.GENERAL)
    status = models.CharField(_("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.NEGOTIATING)
    requested_on = models.DateField(_("talks requested on"))
    reply_due = models.DateField(_("reply due"))
    resolution = models.ForeignKey(Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("congress resolution"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    term_start = models.DateField(_("in force from"), null=True, blank=True)
    term_end = models.DateField(_("in force until"), null=True, blank=True)
    filed_on = models.DateField(_("filed with the bureau on"), null=True, blank=True)
    bureau_answer_on = models.DateField(_("bureau answered on"), null=True, blank=True)
    bureau_note = models.CharField(_("bureau's note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("collective contract")
        verbose_name_plural = _("collective contracts")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Negotiator(models.Model):
    contract = models.ForeignKey(CollectiveContract, on_delete=models.CASCADE, related_name="negotiators",
                                 verbose_name=_("collective contract"))
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("full name"), max_length=50)
    is_chief = models.BooleanField(_("chief negotiator"), default=False)

    class Meta:
        verbose_name = _("negotiator")
        verbose_name_plural = _("negotiators")
        ordering = ["contract", "side", "-is_chief", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "side", "name"], name="congress_negotiator_once"),
            models.UniqueConstraint(fields=["contract", "side"], condition=Q(is_chief=True), name="congress_one_chief_a_side"),
        ]

    def __str__(self) -> str:
        return self.name


class NegotiationRound(models.Model):
    """One round of talks; talks may be suspended with the date they resume (Art 35)."""

    contract = models.ForeignKey(CollectiveContract, on_delete=models.CASCADE, related_name="rounds",
                                 verbose_name=_("collective contract"))
    held_on = models.DateField(_("date held"))
    summary = models.TextField(pgettext_lazy("talks", "minutes"))
    suspended = models.BooleanField(_("suspended"), default=False)
    resumes_on = models.DateField(_("resumes on"), null=True, blank=True)

    class Meta:
        verbose_name = _("round of talks")
        verbose_name_plural = _("rounds of talks")
        ordering = ["contract", "held_on", "id"]
