"""The activities over the API: every page action, each answering only within the caller's reach."""


import datetime as dt
from decimal import Decimal

from django.http import Http404
from typing import Annotated

from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.api import Pages, Refusal
from gonghui.core.scoping import get_in_reach_or_404, in_reach, own_record
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import selectors, services
from .models import Booking, Entrant, EventPhoto, Signup

router = Router(tags=["activities"])

# Bounds the database can hold, so odd input is a 422 that says why, never a 500.
MAX_ID = 2**53
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Ids = Annotated[list[Id], Field(max_length=5000)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
OrgQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
YearQuery = Annotated[int | None, Query(ge=1900, le=2200)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Yuan = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Figure = Annotated[Decimal, Field(max_digits=14, decimal_places=2)]
Mark = Annotated[Decimal, Field(ge=0, le=1000, max_digits=5, decimal_places=1)]


def text(n: int):
    return Annotated[str, Field(max_length=n)]


def _org(request, org_id: int | None, action: str):
    if not org_id:
        return None
    return get_in_reach_or_404(Org.objects.all(), request.user, via="", action=action, pk=org_id)


def _members(request, ids: list[int], action: str) -> list[Member]:
    found = list(in_reach(Member.objects.filter(pk__in=ids), request.user, action=action))
    if len(found) != len(set(ids)):
        raise Http404
    return found


# ── schemas ──────────────────────────────────────────────────────────────────

class ActivityEventOut(Schema):
    id: int
    org_id: int
    title: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    place: str
    capacity: int
    status: str
    women_only: bool
    joined_since: dt.date | None
    eligible_org_id: int | None
    cost_yuan: Decimal | None
    participants: int | None


class ActivitySignupOut(Schema):
    id: int
    event_id: int
    member_id: int
    status: str
    attended: bool | None


class ActivityEventDetailOut(ActivityEventOut):
    signups: list[ActivitySignupOut]
    results: list[dict]

    @staticmethod
    def resolve_signups(obj):
        return list(obj.signups.exclude(status="cancelled"))

    @staticmethod
    def resolve_results(obj):
        return [{"prize": r.prize, "member_id": r.member_id, "team": r.team, "headcount": r.headcount} for r in obj.results.all()]


class ActivityEventIn(Schema):
    org_id: Id
    title: text(120)
    kind: text(20)
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: text(100) = ""
    description: str = ""
    eligible_org_id: Id | None = None
    women_only: bool = False
    joined_since: dt.date | None = None
    capacity: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    signup_until: dt.date | None = None


class ActivitySignupIn(Schema):
    member_id: Id | None = None


class ActivityAttendanceIn(Schema):
    attended: Ids
    cost_yuan: Yuan | None = None
    participants: Annotated[int, Field(ge=0, le=10_000_000)] | None = None


class ActivityResultIn(Schema):
    prize: text(40)
    member_id: Id | None = None
    team: text(100) = ""
    headcount: Annotated[int, Field(ge=1, le=100_000)] = 1


class ActivityHonourOut(Schema):
    id: int
    org_id: int
    year: int
    kind: str
    title: str
    level: str
    awarding_body: str
    member_id: int | None
    holder: str
    status: str
    notice_from: dt.date | None
    notice_until: dt.date | None
    awarded_on: dt.date | None


class ActivityHonourIn(Schema):
    org_id: Id
    year: Year
    kind: text(20)
    title: text(120)
    level: text(10) = "union"
    awarding_body: text(100) = ""
    member_ids: Ids = []
    units: Annotated[list[text(100)], Field(max_length=1000)] = []
    reason: text(300) = ""


class ActivityHonourBatchIn(Schema):
    ids: Ids
    notice_from: dt.date | None = None
    notice_until: dt.date | None = None
    on: dt.date | None = None


class ActivityReasonIn(Schema):
    reason: text(300)


class ActivityCountOut(Schema):
    count: int


class ActivityInnovationOut(Schema):
    id: int
    org_id: int
    year: int
    kind: str
    title: str
    team: str
    leader_id: int | None
    cost_yuan: Decimal | None
    savings_yuan: Decimal | None
    source_suggestion_id: int | None
    status: str


class ActivityInnovationIn(Schema):
    org_id: Id
    year: Year
    kind: text(20)
    title: text(120)
    team: text(100) = ""
    leader_id: Id | None = None
    description: str = ""
    cost_yuan: Yuan | None = None
    savings_yuan: Yuan | None = None


class ActivityStatusIn(Schema):
    status: text(12)


class ActivityAwardIn(Schema):
    kind: text(20)
    name: text(120)
    on: dt.date
    amount_yuan: Yuan = Decimal(0)
    body: text(100) = ""


class ActivityAwardOut(Schema):
    id: int
    kind: str
    name: str
    amount_yuan: Decimal
    on: dt.date


class ActivityPatentOut(Schema):
    id: int
    org_id: int
    innovation_id: int | None
    kind: str
    title: str
    number: str
    filed_on: dt.date
    granted_on: dt.date | None
    expires_on: dt.date


class ActivityPatentIn(Schema):
    org_id: Id
    kind: text(20)
    title: text(120)
    filed_on: dt.date
    number: text(40) = ""
    innovation_id: Id | None = None
    inventors: text(200) = ""


class ActivityGrantIn(Schema):
    granted_on: dt.date
    number: text(40) = ""


class ActivityIndicatorOut(Schema):
    id: int
    name: str
    unit: str
    weight: Decimal
    higher_is_better: bool


class ActivityEntrantOut(Schema):
    id: int
    name: str
    member_id: int | None
    score: Decimal | None
    rank: int | None
    title: str


class ActivityCompetitionOut(Schema):
    id: int
    org_id: int
    title: str
    kind: str
    entrant_kind: str
    starts_on: dt.date
    ends_on: dt.date
    status: str


class ActivityCompetitionDetailOut(ActivityCompetitionOut):
    indicators: list[ActivityIndicatorOut]
    entrants: list[ActivityEntrantOut]

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())

    @staticmethod
    def resolve_entrants(obj):
        return list(obj.entrants.order_by("rank", "id"))


class ActivityIndicatorIn(Schema):
    name: text(60)
    unit: text(20) = ""
    weight: Annotated[Decimal, Field(gt=0, max_digits=6, decimal_places=2)] = Decimal(1)
    higher_is_better: bool = True


class ActivityCompetitionIn(Schema):
    org_id: Id
    title: text(120)
    kind: text(20)
    entrant_kind: text(10) = "team"
    starts_on: dt.date
    ends_on: dt.date
    indicators: list[ActivityIndicatorIn]
    entrants: Annotated[list[text(100)], Field(max_length=1000)] = []
    entrant_member_ids: Ids = []


class ActivityScoreIn(Schema):
    entrant_id: Id
    indicator_id: Id
    value: Figure
    period: Annotated[int, Field(ge=1, le=1000)] = 1


class ActivityTitleIn(Schema):
    title: text(120)


class ActivityMentorshipOut(Schema):
    id: int
    org_id: int
    mentor_id: int
    apprentice_id: int
    signed_on: dt.date
    ends_on: dt.date
    goals: str
    status: str
    outcome: str
    checks: list[dict]

    @staticmethod
    def resolve_checks(obj):
        return [{"on": c.on.isoformat(), "note": c.note} for c in obj.checks.all()]


class ActivityMentorshipIn(Schema):
    org_id: Id
    mentor_id: Id
    apprentice_id: Id
    signed_on: dt.date
    ends_on: dt.date
    goals: str


class ActivityCheckIn(Schema):
    on: dt.date
    note: text(300)


class ActivityCloseIn(Schema):
    outcome: text(12)
    note: text(300) = ""
    early: bool = False


class ActivityCourseOut(Schema):
    id: int
    org_id: int
    title: str
    audience: str
    planned_on: dt.date
    held_on: dt.date | None
    hours: Decimal
    has_test: bool
    status: str
    trainees: list[dict]

    @staticmethod
    def resolve_trainees(obj):
        return [{"member_id": t.member_id, "attended": t.attended, "score": str(t.score) if t.score is not None else None,
                 "passed": t.passed} for t in obj.trainees.all()]


class ActivityCourseIn(Schema):
    org_id: Id
    title: text(120)
    audience: text(12)
    planned_on: dt.date
    hours: Annotated[Decimal, Field(ge=0, le=1000, max_digits=5, decimal_places=1)] = Decimal(0)
    has_test: bool = False


class ActivityEnrolIn(Schema):
    member_ids: Ids


class ActivityHoldIn(Schema):
    held_on: dt.date
    attended: Ids = []


class ActivityResultsIn(Schema):
    scores: Annotated[dict[Annotated[str, Field(max_length=20)], Mark], Field(max_length=5000)]
    pass_mark: Mark = Decimal(60)


# ── events ───────────────────────────────────────────────────────────────────

@router.get("/events", response=list[ActivityEventOut])
@paginate(Pages)
def event_list(request, org_id: OrgQuery = None, year: YearQuery = None):
    return selectors.event_list(visible_to=request.user, org=_org(request, org_id, selectors.EVENT), year=year)


@router.get("/events/open", response=list[ActivityEventOut])
@paginate(Pages)
def events_open(request):
    """The events the caller may sign up for (what the member's page lists)."""
    return selectors.events_open(visible_to=request.user)


@router.post("/events", response={201: ActivityEventOut})
def event_create(request, payload: ActivityEventIn):
    data = payload.dict()
    org = _org(request, data.pop("org_id"), selectors.EVENT)
    eligible = data.pop("eligible_org_id")
    data["eligible_org"] = _org(request, eligible, selectors.EVENT) if eligible else None
    return Status(201, services.event_create(actor=request.user, org=org, **data))


@router.get("/events/{pk}", response=ActivityEventDetailOut)
def event_get(request, pk: PathId):
    return selectors.event_get(visible_to=request.user, pk=pk)


@router.post("/events/{pk}/signups", response={201: ActivitySignupOut})
def event_signup(request, pk: PathId, payload: ActivitySignupIn):
    """Sign up: oneself (no member_id), or a member in the cadre's reach."""
    event = selectors.event_get_published(visible_to=request.user, pk=pk)
    own = selectors.member_of(request.user)
    if payload.member_id is None or (own is not None and own.pk == payload.member_id):
        if own is None:
            raise Http404
        member = own
    else:
        member = get_in_reach_or_404(Member.objects.select_related("org"), request.user, action=selectors.EVENT, pk=payload.member_id)
    return Status(201, services.event_signup(actor=request.user, event=event, member=member))


@router.post("/signups/{pk}/cancel", response=ActivitySignupOut)
def signup_cancel(request, pk: PathId):
    signup = (own_record(Signup.objects.filter(pk=pk), request.user).first()
              or in_reach(Signup.objects.filter(pk=pk), request.user, via="event__org", action=selectors.EVENT).first())
    if signup is None:
        raise Http404
    return services.event_signup_cancel(actor=request.user, signup=signup)


@router.post("/events/{pk}/cancel", response=ActivityEventOut)
def event_cancel(request, pk: PathId, payload: ActivityReasonIn):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    return services.event_cancel(actor=request.user, event=event, reason=payload.reason)


@router.post("/events/{pk}/attendance", response=ActivityEventOut)
def event_attendance(request, pk: PathId, payload: ActivityAttendanceIn):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    return services.event_attendance_take(actor=request.user, event=event, attended=payload.attended,
                                          cost_yuan=payload.cost_yuan, participants=payload.participants)


@router.post("/events/{pk}/results", response={201: dict})
def event_result(request, pk: PathId, payload: ActivityResultIn):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    member = _members(request, [payload.member_id], selectors.EVENT)[0] if payload.member_id else None
    result = services.event_result_record(actor=request.user, event=event, prize=payload.prize, member=member,
                                          team=payload.team, headcount=payload.headcount)
    return Status(201, {"id": result.pk, "prize": result.prize})


# ── honours ──────────────────────────────────────────────────────────────────

@router.get("/honours", response=list[ActivityHonourOut])
@paginate(Pages)
def honour_list(request, org_id: OrgQuery = None, year: YearQuery = None, status: str | None = None):
    return selectors.honour_list(visible_to=request.user, org=_org(request, org_id, selectors.HONOUR), year=year, status=status)


@router.get("/honours/roll", response=list[ActivityHonourOut])
@paginate(Pages)
def honour_roll(request, year: YearQuery = None):
    """The star board (明星榜) the caller's union shows."""
    return selectors.honour_roll(visible_to=request.user, year=year)


@router.post("/honours", response={201: list[ActivityHonourOut]})
def honours_nominate(request, payload: ActivityHonourIn):
    org = _org(request, payload.org_id, selectors.HONOUR)
    members = _members(request, payload.member_ids, selectors.HONOUR)
    return Status(201, services.honours_nominate(
        actor=request.user, org=org, year=payload.year, kind=payload.kind, title=payload.title, level=payload.level,
        awarding_body=payload.awarding_body, members=members, units=payload.units, reason=payload.reason))


def _honours(request, ids):
    found = list(selectors.honour_list(visible_to=request.user).filter(pk__in=ids))
    if not found or len(found) != len(set(ids)):
        raise Http404
    return found


@router.post("/honours/publicise", response=ActivityCountOut)
def honours_publicise(request, payload: ActivityHonourBatchIn):
    from django.core.exceptions import ValidationError

    if not (payload.notice_from and payload.notice_until):
        raise ValidationError({"notice_until": "notice_from and notice_until are required"})
    return {"count": services.honours_publicise(actor=request.user, honours=_honours(request, payload.ids),
                                                notice_from=payload.notice_from, notice_until=payload.notice_until)}


@router.post("/honours/award", response=ActivityCountOut)
def honours_award(request, payload: ActivityHonourBatchIn):
    from django.utils import timezone

    return {"count": services.honours_award(actor=request.user, honours=_honours(request, payload.ids),
                                            on=payload.on or timezone.localdate())}


@router.post("/honours/{pk}/withdraw", response=ActivityHonourOut)
def honour_withdraw(request, pk: PathId, payload: ActivityReasonIn):
    honour = selectors.honour_get(visible_to=request.user, pk=pk)
    return services.honour_withdraw(actor=request.user, honour=honour, reason=payload.reason)


# ── innovation ───────────────────────────────────────────────────────────────

@router.get("/innovations", response=list[ActivityInnovationOut])
@paginate(Pages)
def innovation_list(request, org_id: OrgQuery = None, year: YearQuery = None):
    return selectors.innovation_list(visible_to=request.user, org=_org(request, org_id, selectors.INNOVATION), year=year)


@router.post("/innovations", response={201: ActivityInnovationOut})
def innovation_record(request, payload: ActivityInnovationIn):
    data = payload.dict()
    org = _org(request, data.pop("org_id"), selectors.INNOVATION)
    leader_id = data.pop("leader_id")
    leader = _members(request, [leader_id], selectors.INNOVATION)[0] if leader_id else None
    return Status(201, services.innovation_record(actor=request.user, org=org, leader=leader, **data))


@router.get("/innovations/{pk}", response=ActivityInnovationOut)
def innovation_get(request, pk: PathId):
    return selectors.innovation_get(visible_to=request.user, pk=pk)


@router.post("/innovations/{pk}/advance", response=ActivityInnovationOut)
def innovation_advance(request, pk: PathId, payload: ActivityStatusIn):
    innovation = selectors.innovation_get(visible_to=request.user, pk=pk)
    return services.innovation_advance(actor=request.user, innovation=innovation, status=payload.status)


@router.post("/innovations/{pk}/awards", response={201: ActivityAwardOut})
def innovation_award(request, pk: PathId, payload: ActivityAwardIn):
    innovation = selectors.innovation_get(visible_to=request.user, pk=pk)
    return Status(201, services.innovation_award_record(actor=request.user, innovation=innovation, **payload.dict()))


@router.get("/patents", response=list[ActivityPatentOut])
@paginate(Pages)
def patent_list(request, org_id: OrgQuery = None):
    return selectors.patent_list(visible_to=request.user, org=_org(request, org_id, selectors.INNOVATION))


@router.post("/patents", response={201: ActivityPatentOut})
def patent_file(request, payload: ActivityPatentIn):
    data = payload.dict()
    org = _org(request, data.pop("org_id"), selectors.INNOVATION)
    innovation_id = data.pop("innovation_id")
    innovation = selectors.innovation_get(visible_to=request.user, pk=innovation_id) if innovation_id else None
    return Status(201, services.patent_file(actor=request.user, org=org, innovation=innovation, **data))


@router.post("/patents/{pk}/grant", response=ActivityPatentOut)
def patent_grant(request, pk: PathId, payload: ActivityGrantIn):
    patent = selectors.patent_get(visible_to=request.user, pk=pk)
    return services.patent_grant(actor=request.user, patent=patent, granted_on=payload.granted_on, number=payload.number)


# ── competitions ─────────────────────────────────────────────────────────────

@router.get("/competitions", response=list[ActivityCompetitionOut])
@paginate(Pages)
def competition_list(request, org_id: OrgQuery = None, year: YearQuery = None):
    return selectors.competition_list(visible_to=request.user, org=_org(request, org_id, selectors.COMPETITION), year=year)


@router.post("/competitions", response={201: ActivityCompetitionDetailOut})
def competition_create(request, payload: ActivityCompetitionIn):
    org = _org(request, payload.org_id, selectors.COMPETITION)
    entrants: list = list(payload.entrants) + _members(request, payload.entrant_member_ids, selectors.COMPETITION)
    return Status(201, services.competition_create(
        actor=request.user, org=org, title=payload.title, kind=payload.kind, entrant_kind=payload.entrant_kind,
        starts_on=payload.starts_on, ends_on=payload.ends_on, indicators=[i.dict() for i in payload.indicators],
        entrants=entrants))


@router.get("/competitions/{pk}", response=ActivityCompetitionDetailOut)
def competition_get(request, pk: PathId):
    return selectors.competition_get(visible_to=request.user, pk=pk)


@router.post("/competitions/{pk}/scores", response={201: dict})
def competition_score(request, pk: PathId, payload: ActivityScoreIn):
    competition = selectors.competition_get(visible_to=request.user, pk=pk)
    entrant = competition.entrants.filter(pk=payload.entrant_id).first()
    indicator = competition.indicators.filter(pk=payload.indicator_id).first()
    if entrant is None or indicator is None:
        raise Http404
    score = services.competition_score_record(actor=request.user, entrant=entrant, indicator=indicator, value=payload.value,
                                              period=payload.period)
    return Status(201, {"id": score.pk, "value": str(score.value)})


@router.post("/competitions/{pk}/finish", response=ActivityCompetitionDetailOut)
def competition_finish(request, pk: PathId):
    competition = selectors.competition_get(visible_to=request.user, pk=pk)
    return services.competition_finish(actor=request.user, competition=competition)


@router.post("/entrants/{pk}/title", response=ActivityEntrantOut)
def entrant_title(request, pk: PathId, payload: ActivityTitleIn):
    entrant = get_in_reach_or_404(Entrant.objects.all(), request.user, via="competition__org", action=selectors.COMPETITION, pk=pk)
    return services.competition_winner_name(actor=request.user, entrant=entrant, title=payload.title)


# ── mentorships and courses ─────────────────────────────────────────────────

@router.get("/mentorships", response=list[ActivityMentorshipOut])
@paginate(Pages)
def mentorship_list(request, org_id: OrgQuery = None, status: str | None = None):
    return selectors.mentorship_list(visible_to=request.user, org=_org(request, org_id, selectors.MENTORSHIP),
                                     status=status).prefetch_related("checks")


@router.post("/mentorships", response={201: ActivityMentorshipOut})
def mentorship_agree(request, payload: ActivityMentorshipIn):
    org = _org(request, payload.org_id, selectors.MENTORSHIP)
    mentor, apprentice = (_members(request, [pk], selectors.MENTORSHIP)[0] for pk in (payload.mentor_id, payload.apprentice_id))
    return Status(201, services.mentorship_agree(actor=request.user, org=org, mentor=mentor, apprentice=apprentice,
                                                 signed_on=payload.signed_on, ends_on=payload.ends_on, goals=payload.goals))


@router.get("/mentorships/{pk}", response=ActivityMentorshipOut)
def mentorship_get(request, pk: PathId):
    return selectors.mentorship_get(visible_to=request.user, pk=pk)


@router.post("/mentorships/{pk}/checks", response={201: dict})
def mentorship_check(request, pk: PathId, payload: ActivityCheckIn):
    pair = selectors.mentorship_get(visible_to=request.user, pk=pk)
    check = services.mentorship_check(actor=request.user, mentorship=pair, on=payload.on, note=payload.note)
    return Status(201, {"id": check.pk, "on": check.on.isoformat()})


@router.post("/mentorships/{pk}/close", response=ActivityMentorshipOut)
def mentorship_close(request, pk: PathId, payload: ActivityCloseIn):
    pair = selectors.mentorship_get(visible_to=request.user, pk=pk)
    return services.mentorship_close(actor=request.user, mentorship=pair, outcome=payload.outcome, note=payload.note,
                                     early=payload.early)


@router.get("/courses", response=list[ActivityCourseOut])
@paginate(Pages)
def course_list(request, org_id: OrgQuery = None, year: YearQuery = None):
    return selectors.course_list(visible_to=request.user, org=_org(request, org_id, selectors.COURSE),
                                 year=year).prefetch_related("trainees")


@router.post("/courses", response={201: ActivityCourseOut})
def course_plan(request, payload: ActivityCourseIn):
    data = payload.dict()
    org = _org(request, data.pop("org_id"), selectors.COURSE)
    return Status(201, services.course_plan(actor=request.user, org=org, **data))


@router.get("/courses/{pk}", response=ActivityCourseOut)
def course_get(request, pk: PathId):
    return selectors.course_get(visible_to=request.user, pk=pk)


@router.post("/courses/{pk}/enrol", response=ActivityCountOut)
def course_enrol(request, pk: PathId, payload: ActivityEnrolIn):
    course = selectors.course_get(visible_to=request.user, pk=pk)
    return {"count": services.course_enrol(actor=request.user, course=course,
                                           members=_members(request, payload.member_ids, selectors.COURSE))}


@router.post("/courses/{pk}/hold", response=ActivityCourseOut)
def course_hold(request, pk: PathId, payload: ActivityHoldIn):
    course = selectors.course_get(visible_to=request.user, pk=pk)
    return services.course_hold(actor=request.user, course=course, held_on=payload.held_on, attended=payload.attended)


@router.post("/courses/{pk}/results", response=ActivityCountOut)
def course_results(request, pk: PathId, payload: ActivityResultsIn):
    from django.core.exceptions import ValidationError

    course = selectors.course_get(visible_to=request.user, pk=pk)
    try:
        scores = {int(k): v for k, v in payload.scores.items()}
    except ValueError:
        raise ValidationError({"scores": "keys are member ids"}) from None
    return {"count": services.course_results_record(actor=request.user, course=course, scores=scores,
                                                    pass_mark=payload.pass_mark)}


class ActivityRulesIn(Schema):
    org_id: Id
    mentor_cap: Annotated[int, Field(ge=1, le=50)]


class ActivityRulesOut(Schema):
    org_id: int
    mentor_cap: int


@router.get("/rules", response=ActivityRulesOut)
def rules_get(request, org_id: Annotated[int, Query(ge=1, le=MAX_ID)]):
    """The apprentices a mentor may take in the org (the nearest rule on it or above, else the default)."""
    org = _org(request, org_id, selectors.MENTORSHIP)
    return {"org_id": org.pk, "mentor_cap": selectors.mentor_cap(org)}


@router.post("/rules", response=ActivityRulesOut)
def rules_set(request, payload: ActivityRulesIn):
    org = _org(request, payload.org_id, selectors.MENTORSHIP)
    return services.union_rules_set(actor=request.user, org=org, mentor_cap=payload.mentor_cap)


# ── event photos and the event's cost ───────────────────────────────────────

class ActivityPhotoOut(Schema):
    id: int
    event_id: int
    caption: str
    width: int
    height: int
    url: str

    @staticmethod
    def resolve_url(obj):
        return reverse("activities:event_photo", args=[obj.pk])


PHOTO_BODY = {"requestBody": {"content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["photo"],
    "properties": {"photo": {"type": "string", "format": "binary"}, "caption": {"type": "string", "maxLength": 100}}}}}}}


@router.get("/events/{pk}/photos", response=list[ActivityPhotoOut])
def event_photos(request, pk: PathId):
    """The event's photos, for those the event is open to and the cadres who reach it."""
    event = (selectors.events_published(visible_to=request.user).filter(pk=pk).first()
             or in_reach(selectors.Event.objects.filter(pk=pk), request.user, action=selectors.EVENT).first())
    if event is None:
        raise Http404
    return list(selectors.event_photos(event))


@router.post("/events/{pk}/photos", response={201: ActivityPhotoOut, 413: Refusal}, openapi_extra=PHOTO_BODY)
def event_photo_add(request, pk: PathId):
    """Upload a photo (multipart field `photo`, JPG, PNG or WebP, at most 8 MB; `caption` optional).
    The size is checked from the request's length before its body is read."""
    event = selectors.event_get(visible_to=request.user, pk=pk)
    limit = services.PHOTO_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = limit * 2
    if length > limit + 64 * 1024:
        return Status(413, {"detail": {"photo": [_("A photo may be at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)}]}})
    upload = request.FILES.get("photo")
    caption = request.POST.get("caption", "")[:100]
    return Status(201, services.event_photo_add(actor=request.user, event=event, upload=upload, caption=caption))


@router.post("/photos/{pk}/remove", response={204: None})
def event_photo_remove(request, pk: PathId):
    photo = in_reach(EventPhoto.objects.filter(pk=pk), request.user, via="event__org", action=selectors.EVENT).first()
    if photo is None:
        raise Http404
    services.event_photo_remove(actor=request.user, photo=photo)
    return Status(204, None)


class ActivityPayIn(Schema):
    subline: text(12)
    on: dt.date | None = None


class ActivityPaidOut(ActivityEventOut):
    cost_entry_id: int | None
    cost_subline: str


@router.post("/events/{pk}/pay", response=ActivityPaidOut)
def event_cost_pay(request, pk: PathId, payload: ActivityPayIn):
    """Pay the held event's cost out of the union's books (职工活动支出), once: a repeat pays nothing more."""
    event = selectors.event_get(visible_to=request.user, pk=pk)
    return services.event_cost_pay(actor=request.user, event=event, subline=payload.subline, on=payload.on)


# ── facilities ───────────────────────────────────────────────────────────────

# A time of day as the pages show it, 09:30 (seconds allowed, no zone: a facility's clock is local).
Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$", examples=["09:30"])]


def _clock(value: str | None) -> dt.time | None:
    return None if value is None else dt.time.fromisoformat(value)


def _hhmm(value: dt.time) -> str:
    return value.strftime("%H:%M")


class ActivityFacilityItem(Schema):
    name: text(40)
    quantity: Annotated[int, Field(ge=0, le=10_000_000)]
    unit: text(8) = ""


class ActivityFacilityOut(Schema):
    id: int
    org_id: int
    name: str
    kind: str
    place: str
    opens_at: Clock
    closes_at: Clock
    open_days: str
    capacity: int
    active: bool
    items: list[ActivityFacilityItem]

    @staticmethod
    def resolve_opens_at(obj):
        return _hhmm(obj.opens_at)

    @staticmethod
    def resolve_closes_at(obj):
        return _hhmm(obj.closes_at)

    @staticmethod
    def resolve_items(obj):
        return [{"name": i.name, "quantity": i.quantity, "unit": i.unit} for i in obj.items.all()]


class ActivityFacilityIn(Schema):
    org_id: Id
    name: text(60)
    kind: text(20)
    opens_at: Clock
    closes_at: Clock
    open_days: Annotated[str, Field(min_length=1, max_length=7, pattern=r"^[1-7]+$")] = "1234567"
    place: text(100) = ""
    capacity: Annotated[int, Field(ge=0, le=100_000)] = 0
    items: Annotated[list[ActivityFacilityItem], Field(max_length=200)] = []


class ActivityBookingOut(Schema):
    id: int
    facility_id: int
    member_id: int
    on: dt.date
    starts_at: Clock
    ends_at: Clock
    people: int
    purpose: str
    status: str

    @staticmethod
    def resolve_starts_at(obj):
        return _hhmm(obj.starts_at)

    @staticmethod
    def resolve_ends_at(obj):
        return _hhmm(obj.ends_at)


class ActivityBookingIn(Schema):
    on: dt.date
    starts_at: Clock
    ends_at: Clock
    people: Annotated[int, Field(ge=1, le=100_000)] = 1
    purpose: text(100) = ""
    member_id: Id | None = None


class ActivityWeekDay(Schema):
    facility_id: int
    on: dt.date
    bookings: list[ActivityBookingOut]


@router.get("/facilities", response=list[ActivityFacilityOut])
def facilities(request):
    """The facilities the caller may book (of their org or one above it)."""
    return list(selectors.facilities_published(visible_to=request.user))


@router.get("/facilities/managed", response=list[ActivityFacilityOut])
def facilities_managed(request, org_id: OrgQuery = None):
    return list(selectors.facility_list(visible_to=request.user, org=_org(request, org_id, selectors.FACILITY)))


@router.post("/facilities", response={201: ActivityFacilityOut})
def facility_create(request, payload: ActivityFacilityIn):
    data = payload.dict()
    org = _org(request, data.pop("org_id"), selectors.FACILITY)
    data["items"] = [(i["name"], i["quantity"], i["unit"]) for i in data["items"]]
    data["opens_at"], data["closes_at"] = _clock(data["opens_at"]), _clock(data["closes_at"])
    return Status(201, services.facility_create(actor=request.user, org=org, **data))


@router.get("/facilities/week", response=list[ActivityWeekDay])
def facility_week(request, week: dt.date | None = None, org_id: OrgQuery = None):
    """The cadre's week from the Monday of `week` (this week by default): each facility's bookings by day."""
    day = week if week is not None and 1900 < week.year < 2200 else timezone.localdate()
    monday = day - dt.timedelta(days=day.weekday())
    facilities_, days, grid = selectors.facility_week(visible_to=request.user, monday=monday,
                                                      org=_org(request, org_id, selectors.FACILITY))
    return [{"facility_id": f.pk, "on": d, "bookings": grid.get((f.pk, d), [])} for f in facilities_ for d in days]


@router.post("/facilities/{pk}/bookings", response={201: ActivityBookingOut})
def facility_book(request, pk: PathId, payload: ActivityBookingIn):
    """Book a slot: for oneself (no member_id), or for a member in the cadre's reach."""
    own = selectors.member_of(request.user)
    if payload.member_id is None or (own is not None and own.pk == payload.member_id):
        if own is None:
            raise Http404
        member, facility = own, selectors.facility_get_published(visible_to=request.user, pk=pk)
    else:
        facility = selectors.facility_get(visible_to=request.user, pk=pk)
        member = get_in_reach_or_404(Member.objects.select_related("org"), request.user, action=selectors.FACILITY,
                                     pk=payload.member_id)
    data = payload.dict()
    data.pop("member_id")
    data["starts_at"], data["ends_at"] = _clock(data["starts_at"]), _clock(data["ends_at"])
    return Status(201, services.facility_book(actor=request.user, facility=facility, member=member, **data))


@router.get("/bookings/mine", response=list[ActivityBookingOut])
def bookings_mine(request):
    return list(selectors.bookings_of(selectors.member_of(request.user)))


@router.post("/bookings/{pk}/cancel", response=ActivityBookingOut)
def booking_cancel(request, pk: PathId):
    booking = (own_record(Booking.objects.filter(pk=pk), request.user).first()
               or in_reach(Booking.objects.filter(pk=pk), request.user, via="facility__org", action=selectors.FACILITY).first())
    if booking is None:
        raise Http404
    return services.booking_cancel(actor=request.user, booking=booking)


class ActivityFacilityPatch(Schema):
    name: text(60) | None = None
    kind: text(20) | None = None
    place: text(100) | None = None
    opens_at: Clock | None = None
    closes_at: Clock | None = None
    open_days: Annotated[str, Field(min_length=1, max_length=7, pattern=r"^[1-7]+$")] | None = None
    capacity: Annotated[int, Field(ge=0, le=100_000)] | None = None
    active: bool | None = None
    items: Annotated[list[ActivityFacilityItem], Field(max_length=200)] | None = None


@router.patch("/facilities/{pk}", response=ActivityFacilityOut)
def facility_update(request, pk: PathId, payload: ActivityFacilityPatch):
    """Change what is sent: hours, days, size, taking bookings or not, or the whole inventory (`items`)."""
    facility = selectors.facility_get(visible_to=request.user, pk=pk)
    data = payload.dict(exclude_unset=True)
    for name in ("opens_at", "closes_at"):
        if name in data:
            data[name] = _clock(data[name])
    items = data.pop("items", None)
    if items is not None:
        items = [(i["name"], i["quantity"], i["unit"]) for i in items]
    return services.facility_update(actor=request.user, facility=facility, changes=data, items=items)
