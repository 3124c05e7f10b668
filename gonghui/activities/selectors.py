"""Every read of the activities app that means something: lists in the user's reach, what
is published to a member, and the figures the work summary states.

Cadre lists start from `in_reach(…, action=…)`; a member's pages start from `published_to`,
so the outsider from a sibling union reaches nothing of BENBU here either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.formatting import format_date
from gonghui.core.scoping import get_in_reach_or_404, in_reach, published_to, under
from gonghui.core.selectors import Attention
from gonghui.members.choices import MemberStatus, Sex
from gonghui.members.models import Member

from .choices import (
    BookingStatus, CompetitionStatus, CourseStatus, EventStatus, HonourLevel, HonourStatus, MentorshipStatus, SignupStatus,
)
from .models import (
    Booking, EventPhoto, Facility, DEFAULT_MENTOR_CAP, Competition, Course, Entrant, Event, EventResult, Honour, Innovation, InnovationAward, Mentorship,
    Indicator, Patent, ProgressCheck, Signup, UnionRules,
)

EVENT = "activities.event.manage"
HONOUR = "activities.honour.manage"
INNOVATION = "activities.innovation.manage"
COMPETITION = "activities.competition.manage"
MENTORSHIP = "activities.mentorship.manage"
COURSE = "activities.course.manage"
FACILITY = "activities.facility.manage"
SHOWN_HONOURS = (HonourStatus.PUBLIC, HonourStatus.AWARDED)
# a pair unchecked for this long shows as waiting (待办) and, in the summary, as a shortcoming
CHECK_EVERY_DAYS = 90
# how far ahead a member may book a facility
BOOK_AHEAD_DAYS = 60


def _in(queryset, org):
    return queryset.filter(under(org)) if org is not None else queryset


# ── members ──────────────────────────────────────────────────────────────────

def member_of(user) -> Member | None:
    """The member record linked to the login, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.filter(user=user).select_related("org").first()


def members_under(org, *, ids=None) -> QuerySet[Member]:
    qs = Member.objects.filter(under(org), status=MemberStatus.ACTIVE)
    return qs.filter(pk__in=ids) if ids is not None else qs


# ── events ───────────────────────────────────────────────────────────────────

def event_list(*, visible_to, org=None, year: int | None = None) -> QuerySet[Event]:
    qs = _in(in_reach(Event.objects.all(), visible_to, action=EVENT), org).select_related("org")
    if year:
        qs = qs.filter(starts_on__year=year)
    return qs.annotate(
        n_confirmed=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED)),
        n_waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITING)),
    )


def event_get(*, visible_to, pk: int) -> Event:
    return get_in_reach_or_404(Event.objects.select_related("org", "eligible_org"), visible_to, action=EVENT, pk=pk)


def events_published(*, visible_to) -> QuerySet[Event]:
    """Events put up for the orgs the user belongs to (or above them), called-off ones included so
    a member who signed up can read why."""
    return published_to(Event.objects.all(), visible_to).select_related("org")


def events_open(*, visible_to, today: dt.date | None = None) -> QuerySet[Event]:
    today = today or timezone.localdate()
    return events_published(visible_to=visible_to).filter(status=EventStatus.OPEN, starts_on__gte=today).order_by("starts_on", "id")


def event_get_published(*, visible_to, pk: int) -> Event:
    from django.http import Http404

    event = events_published(visible_to=visible_to).select_related("eligible_org").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def signup_refusal(event: Event, member: Member, today: dt.date) -> str | None:
    """Why this member may not sign up for the event today, or None when they may."""
    if event.status != EventStatus.OPEN or today > (event.signup_until or event.starts_on):
        return _("Sign-up for this event is closed.")
    if member.status != MemberStatus.ACTIVE:
        return _("Only members on the roll may sign up.")
    if not member.org.path.startswith((event.eligible_org or event.org).path):
        return _("This event is not open to members of your organisation.")
    if event.women_only and member.sex != Sex.FEMALE:
        return _("This event is for women members only.")
    if event.joined_since and (member.join_date is None or member.join_date < event.joined_since):
        return _("This event is for members who joined on or after %(date)s.") % {"date": format_date(event.joined_since)}
    return None


def signup_of(event: Event, member: Member | None) -> Signup | None:
    if member is None:
        return None
    return Signup.objects.filter(event=event, member=member).first()


def signups_of(member: Member | None) -> dict[int, Signup]:
    """{event id: the member's sign-up} for the member's own list."""
    if member is None:
        return {}
    return {s.event_id: s for s in Signup.objects.filter(member=member)}


def event_signups(event: Event) -> QuerySet[Signup]:
    return event.signups.exclude(status=SignupStatus.CANCELLED).select_related("member", "member__org").order_by("status", "queued")


def event_photos(event: Event) -> QuerySet[EventPhoto]:
    return event.photos.all()


def event_photo_published(*, visible_to, pk: int) -> EventPhoto:
    """A photo of an event published to the user (the member's page), or of one in a cadre's reach; else 404."""
    from django.http import Http404

    photo = EventPhoto.objects.filter(pk=pk, event__in=events_published(visible_to=visible_to)).first() or \
        EventPhoto.objects.filter(pk=pk, event__in=in_reach(Event.objects.all(), visible_to, action=EVENT)).first()
    if photo is None:
        raise Http404
    return photo


# ── facilities ───────────────────────────────────────────────────────────────

def facilities_published(*, visible_to) -> QuerySet[Facility]:
    """The facilities of the orgs the user belongs to (or above them) that take bookings."""
    return published_to(Facility.objects.filter(active=True), visible_to).select_related("org").prefetch_related("items")


def facility_get_published(*, visible_to, pk: int) -> Facility:
    from django.http import Http404

    facility = facilities_published(visible_to=visible_to).filter(pk=pk).first()
    if facility is None:
        raise Http404
    return facility


def facility_list(*, visible_to, org=None) -> QuerySet[Facility]:
    return _in(in_reach(Facility.objects.all(), visible_to, action=FACILITY), org).select_related("org").prefetch_related("items")


def facility_get(*, visible_to, pk: int) -> Facility:
    return get_in_reach_or_404(Facility.objects.select_related("org").prefetch_related("items"), visible_to, action=FACILITY, pk=pk)


def booking_refusal(facility: Facility, member: Member, on: dt.date, starts_at: dt.time, ends_at: dt.time, people: int,
                    today: dt.date) -> str | dict | None:
    """Why this member may not book this slot (overlap aside, which the service checks under the lock), or None."""
    if not facility.active:
        return _("The facility is not taking bookings.")
    if member.status != MemberStatus.ACTIVE:
        return _("Only members on the roll may book.")
    if not member.org.path.startswith(facility.org.path):
        return _("The facility is not open to members of your organisation.")
    if on < today:
        return {"on": _("The date has passed.")}
    if on > today + dt.timedelta(days=BOOK_AHEAD_DAYS):
        return {"on": _("Bookings open %(n)s days ahead.") % {"n": BOOK_AHEAD_DAYS}}
    if str(on.isoweekday()) not in facility.open_days:
        return {"on": _("The facility is closed on that day.")}
    if ends_at <= starts_at:
        return {"ends_at": _("The slot ends before it starts.")}
    if starts_at < facility.opens_at or ends_at > facility.closes_at:
        return {"starts_at": _("The facility is open %(from)s–%(until)s.") % {
            "from": facility.opens_at.strftime("%H:%M"), "until": facility.closes_at.strftime("%H:%M")}}
    if people is None or people < 1:
        return {"people": _("A booking is for at least one person.")}
    if facility.capacity and people > facility.capacity:
        return {"people": _("The facility holds at most %(n)s people.") % {"n": facility.capacity}}
    return None


def bookings_on(facility: Facility, days: list[dt.date]) -> dict[dt.date, list[Booking]]:
    """{day: the confirmed bookings of the facility that day, in time order} for the member's page."""
    out: dict[dt.date, list[Booking]] = {d: [] for d in days}
    for b in Booking.objects.filter(facility=facility, on__in=days, status=BookingStatus.CONFIRMED).order_by("on", "starts_at"):
        out[b.on].append(b)
    return out


def bookings_of(member: Member | None, *, today: dt.date | None = None) -> QuerySet[Booking]:
    """A member's own bookings from today on."""
    if member is None:
        return Booking.objects.none()
    today = today or timezone.localdate()
    return (Booking.objects.filter(member=member, on__gte=today, status=BookingStatus.CONFIRMED)
            .select_related("facility").order_by("on", "starts_at"))


def facility_week(*, visible_to, monday: dt.date, org=None) -> tuple[list[Facility], list[dt.date], dict]:
    """The cadre's week: (facilities in reach, the seven days, {(facility id, day): [bookings]})."""
    facilities = list(facility_list(visible_to=visible_to, org=org))
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    grid: dict[tuple[int, dt.date], list[Booking]] = {}
    for b in (Booking.objects.filter(facility__in=facilities, on__range=(days[0], days[-1]), status=BookingStatus.CONFIRMED)
              .select_related("member").order_by("on", "starts_at")):
        grid.setdefault((b.facility_id, b.on), []).append(b)
    return facilities, days, grid


# ── honours ──────────────────────────────────────────────────────────────────

def honour_list(*, visible_to, org=None, year: int | None = None, status: str | None = None) -> QuerySet[Honour]:
    qs = _in(in_reach(Honour.objects.all(), visible_to, action=HONOUR), org).select_related("org", "member")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs


def honour_get(*, visible_to, pk: int) -> Honour:
    return get_in_reach_or_404(Honour.objects.select_related("org", "member"), visible_to, action=HONOUR, pk=pk)


def honour_roll(*, visible_to, year: int | None = None) -> QuerySet[Honour]:
    """The 明星榜: honours under public notice or awarded, of the user's union and those above it."""
    qs = published_to(Honour.objects.filter(status__in=SHOWN_HONOURS), visible_to).select_related("member", "org")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-level", "title", "member__name", "unit_name")


# ── innovation ───────────────────────────────────────────────────────────────

def innovation_list(*, visible_to, org=None, year: int | None = None) -> QuerySet[Innovation]:
    qs = _in(in_reach(Innovation.objects.all(), visible_to, action=INNOVATION), org).select_related("org", "leader")
    return qs.filter(year=year) if year else qs


def innovation_get(*, visible_to, pk: int) -> Innovation:
    return get_in_reach_or_404(Innovation.objects.select_related("org", "leader", "source_suggestion"), visible_to,
                               action=INNOVATION, pk=pk)


def patent_list(*, visible_to, org=None) -> QuerySet[Patent]:
    return _in(in_reach(Patent.objects.all(), visible_to, action=INNOVATION), org).select_related("org", "innovation")


def patent_get(*, visible_to, pk: int) -> Patent:
    return get_in_reach_or_404(Patent.objects.select_related("org", "innovation"), visible_to, action=INNOVATION, pk=pk)


# ── competitions ─────────────────────────────────────────────────────────────

def competition_list(*, visible_to, org=None, year: int | None = None) -> QuerySet[Competition]:
    qs = _in(in_reach(Competition.objects.all(), visible_to, action=COMPETITION), org).select_related("org")
    return qs.filter(starts_on__year=year) if year else qs


def competition_get(*, visible_to, pk: int) -> Competition:
    return get_in_reach_or_404(Competition.objects.select_related("org"), visible_to, action=COMPETITION, pk=pk)


def competition_table(competition: Competition) -> list[Entrant]:
    """The entrants, ranked once finished, each with its figures as {indicator id: [value per period]}."""
    entrants = list(competition.entrants.prefetch_related("scores").order_by("rank", "id"))
    for e in entrants:
        e.figures = {}
        for s in sorted(e.scores.all(), key=lambda s: s.period):
            e.figures.setdefault(s.indicator_id, []).append(s.value)
    return entrants


# ── mentorships and courses ─────────────────────────────────────────────────

def mentor_cap(org) -> int:
    """Apprentices a mentor may take in this org: the nearest rule set on it or above, else the default."""
    ancestors = [org.path[:i] for i in range(1, len(org.path) + 1)]
    rule = UnionRules.objects.filter(org__path__in=ancestors).order_by("-org__path").first()
    return rule.mentor_cap if rule else DEFAULT_MENTOR_CAP


def _unchecked(qs, since: dt.date):
    recent = ProgressCheck.objects.filter(mentorship=OuterRef("pk"), on__gte=since)
    return qs.filter(status=MentorshipStatus.ACTIVE, signed_on__lt=since).exclude(Exists(recent))


def mentorship_list(*, visible_to, org=None, status: str | None = None) -> QuerySet[Mentorship]:
    qs = _in(in_reach(Mentorship.objects.all(), visible_to, action=MENTORSHIP), org).select_related("org", "mentor", "apprentice")
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(n_checks=Count("checks"))


def mentorship_get(*, visible_to, pk: int) -> Mentorship:
    return get_in_reach_or_404(Mentorship.objects.select_related("org", "mentor", "apprentice"), visible_to,
                               action=MENTORSHIP, pk=pk)


def mentorships_unchecked(*, visible_to, today: dt.date | None = None) -> QuerySet[Mentorship]:
    today = today or timezone.localdate()
    return _unchecked(in_reach(Mentorship.objects.all(), visible_to, action=MENTORSHIP), today - dt.timedelta(days=CHECK_EVERY_DAYS))


def course_list(*, visible_to, org=None, year: int | None = None) -> QuerySet[Course]:
    qs = _in(in_reach(Course.objects.all(), visible_to, action=COURSE), org).select_related("org")
    if year:
        qs = qs.filter(planned_on__year=year)
    return qs.annotate(n_trainees=Count("trainees"), n_attended=Count("trainees", filter=Q(trainees__attended=True)),
                       n_passed=Count("trainees", filter=Q(trainees__passed=True)))


def course_get(*, visible_to, pk: int) -> Course:
    return get_in_reach_or_404(Course.objects.select_related("org"), visible_to, action=COURSE, pk=pk)


# ── the home page ────────────────────────────────────────────────────────────

def attention(*, visible_to) -> list[Attention]:
    """待办: members waiting for a place at an open event, and pairs without a recent progress check."""
    waiting = in_reach(Signup.objects.filter(status=SignupStatus.WAITING, event__status=EventStatus.OPEN), visible_to,
                       via="event__org", action=EVENT).count()
    unchecked = mentorships_unchecked(visible_to=visible_to).count()
    return [
        Attention(_("members on an event's waiting list"), waiting, reverse("activities:events")),
        Attention(_("mentor pairs without a progress check for 90 days"), unchecked, reverse("activities:mentorships")),
    ]


# ── the work summary's figures ───────────────────────────────────────────────

@dataclass
class ActivityNames:
    """What the summary names, beside the counts of ActivityFigures: each event, competition,
    course, honour title and innovation award the period's records hold."""
    events: list[tuple[dt.date, str, int, list[str]]] = field(default_factory=list)   # (day, title, participants, prizes)
    competitions: list[tuple[str, list[str]]] = field(default_factory=list)         # (title, indicator names)
    courses: list[tuple[str, int, int | None]] = field(default_factory=list)        # (title, trained, passed or None)
    honours: list[tuple[str, str, int]] = field(default_factory=list)               # (title, awarding body, how many)
    awards: list[tuple[str, str, int, Decimal, str]] = field(default_factory=list)  # (kind, name, how many, yuan, body)


@dataclass
class ActivityFigures:
    events_held: int = 0
    participants: int = 0
    participants_before: int = 0                                            # in the period compared with, if asked for
    prizes: int = 0
    prize_lines: list[tuple[str, str, int]] = field(default_factory=list)   # (event, prize, how many)
    event_cost: Decimal = Decimal(0)
    competitions: int = 0
    winners: list[tuple[str, str, str]] = field(default_factory=list)       # (competition, entrant, title)
    granted: list[tuple[str, str]] = field(default_factory=list)            # (patent title, kind) granted in the period
    honours_by_level: dict[str, int] = field(default_factory=dict)
    honours_by_kind: dict[str, int] = field(default_factory=dict)
    innovations: int = 0
    savings: Decimal = Decimal(0)
    patents_filed: int = 0
    patents_granted: int = 0
    patents_by_kind: dict[str, int] = field(default_factory=dict)
    grants: Decimal = Decimal(0)
    awards: int = 0
    pairs_formed: int = 0
    pairs_active: int = 0
    pairs_unchecked: int = 0
    courses_held: int = 0
    trained: int = 0
    passed: int = 0
    courses_missed: list[str] = field(default_factory=list)
    facilities: list[str] = field(default_factory=list)                     # names, in the org's order
    facility_use: list[tuple[str, int, int]] = field(default_factory=list)  # (facility, bookings, people)
    bookings: int = 0
    booking_people: int = 0
    event_cost_paid: Decimal = Decimal(0)                                   # of event_cost, paid through the ledger
    names: ActivityNames = field(default_factory=ActivityNames)


def activity_figures(*, org, start: dt.date, end: dt.date, today: dt.date | None = None,
                     before: tuple[dt.date, dt.date] | None = None) -> ActivityFigures:
    """Everything section 60 of the summary states, for the org's subtree over [start, end],
    with what it names (`names`); `before`, the period compared with, gives `participants_before`.

    One query per table the section reads (events with the compared period's in the same one;
    prizes, winners and indicators only when the period has events or competitions): the
    lists the summary names one by one are read row by row anyway, so their counts are taken
    off those rows rather than asked for again.
    """
    today = today or timezone.localdate()
    f = ActivityFigures()
    _events(f, org, start, end, before)
    _competitions(f, org, start, end)
    _honours(f, org, start, end)
    _innovation(f, org, start, end)
    _growth(f, org, start, end, today)
    _facilities(f, org, start, end)
    return f


def _events(f: ActivityFigures, org, start: dt.date, end: dt.date, before: tuple[dt.date, dt.date] | None) -> None:
    within = Q(starts_on__range=(start, end)) | Q(starts_on__range=before) if before else Q(starts_on__range=(start, end))
    held: list[tuple[int, dt.date, str, int]] = []
    for pk, day, title, people, cost, paid in (
            Event.objects.filter(within, under(org), status=EventStatus.HELD).order_by("starts_on", "id")
            .values_list("id", "starts_on", "title", "participants", "cost_yuan", "cost_entry_id")):
        if not start <= day <= end:
            f.participants_before += people or 0
            continue
        held.append((pk, day, title, people or 0))
        if cost is not None:
            f.event_cost += cost
            if paid is not None:
                f.event_cost_paid += cost
    f.events_held, f.participants = len(held), sum(people for *_rest, people in held)
    prizes: dict[int, list[tuple[int, str]]] = {}
    if held:
        results = (EventResult.objects.filter(under(org, via="event__org"), event__status=EventStatus.HELD,
                                              event__starts_on__range=(start, end))
                   .order_by("event__title", "prize", "id").values_list("id", "event_id", "event__title", "prize"))
        for pk, event_id, title, prize in results:
            f.prizes += 1
            if f.prize_lines and f.prize_lines[-1][:2] == (title, prize):
                f.prize_lines[-1] = (title, prize, f.prize_lines[-1][2] + 1)
            else:
                f.prize_lines.append((title, prize, 1))
            prizes.setdefault(event_id, []).append((pk, prize))
    f.names.events = [(day, title, people, [prize for _pk, prize in sorted(prizes.get(pk, []))])
                      for pk, day, title, people in held]


def _competitions(f: ActivityFigures, org, start: dt.date, end: dt.date) -> None:
    finished = list(Competition.objects.filter(under(org), status=CompetitionStatus.FINISHED, ends_on__range=(start, end))
                    .order_by("starts_on", "id").values_list("id", "title"))
    f.competitions = len(finished)
    if not finished:
        return
    ids = [pk for pk, _title in finished]
    f.winners = list(Entrant.objects.filter(competition_id__in=ids).exclude(title="")
                     .order_by("competition__ends_on", "rank", "id").values_list("competition__title", "name", "title"))
    indicators: dict[int, list[str]] = {}
    for competition_id, name in Indicator.objects.filter(competition_id__in=ids).order_by("id").values_list("competition_id", "name"):
        indicators.setdefault(competition_id, []).append(name)
    f.names.competitions = [(title, indicators.get(pk, [])) for pk, title in finished]


def _honours(f: ActivityFigures, org, start: dt.date, end: dt.date) -> None:
    """By level, by kind and by title from one grouped query (the groups are few: titles × levels × kinds)."""
    named: dict[tuple[str, str], list[int]] = {}     # (title, awarding body) -> [first id, how many]
    for title, body, kind, level, n, first in (
            Honour.objects.filter(under(org), status=HonourStatus.AWARDED, awarded_on__range=(start, end))
            .values_list("title", "awarding_body", "kind", "level").annotate(n=Count("id"), first=Min("id")).order_by()):
        f.honours_by_level[level] = f.honours_by_level.get(level, 0) + n
        f.honours_by_kind[kind] = f.honours_by_kind.get(kind, 0) + n
        seen = named.setdefault((title, body), [first, 0])
        seen[0], seen[1] = min(seen[0], first), seen[1] + n
    f.names.honours = [(title, body, n) for (title, body), (_first, n) in sorted(named.items(), key=lambda kv: kv[1][0])]


def _innovation(f: ActivityFigures, org, start: dt.date, end: dt.date) -> None:
    agg = Innovation.objects.filter(under(org), year__range=(start.year, end.year)).aggregate(n=Count("id"), saved=Sum("savings_yuan"))
    f.innovations, f.savings = agg["n"], agg["saved"] or Decimal(0)
    granted = []
    for pk, kind, title, filed_on, granted_on in (
            Patent.objects.filter(Q(filed_on__range=(start, end)) | Q(granted_on__range=(start, end)), under(org))
            .order_by().values_list("id", "kind", "title", "filed_on", "granted_on")):
        if start <= filed_on <= end:
            f.patents_filed += 1
            f.patents_by_kind[kind] = f.patents_by_kind.get(kind, 0) + 1
        if granted_on is not None and start <= granted_on <= end:
            granted.append((granted_on, pk, title, kind))
    f.patents_granted = len(granted)
    f.granted = [(title, kind) for _on, _pk, title, kind in sorted(granted)[:5]]
    for kind, name, body, n, yuan, _first in (
            InnovationAward.objects.filter(under(org, via="innovation__org"), on__range=(start, end))
            .values_list("kind", "name", "body").annotate(n=Count("id"), yuan=Sum("amount_yuan"), first=Min("id")).order_by("first")):
        f.awards += n
        f.grants += yuan or Decimal(0)
        f.names.awards.append((kind, name, n, yuan or Decimal(0), body))


def _growth(f: ActivityFigures, org, start: dt.date, end: dt.date, today: dt.date) -> None:
    """Mentor pairs (one query) and courses with their trainees (one query)."""
    checked = ProgressCheck.objects.filter(mentorship=OuterRef("pk"), on__range=(start, end))
    due = min(end, today) - dt.timedelta(days=CHECK_EVERY_DAYS)
    active = Q(status=MentorshipStatus.ACTIVE)
    pairs = Mentorship.objects.filter(under(org)).aggregate(
        formed=Count("id", filter=Q(signed_on__range=(start, end))),
        active=Count("id", filter=active & Q(signed_on__lte=end)),
        unchecked=Count("id", filter=active & Q(signed_on__lte=due) & ~Exists(checked)))
    f.pairs_formed, f.pairs_active, f.pairs_unchecked = pairs["formed"], pairs["active"], pairs["unchecked"]
    missed = []
    for pk, title, status, planned_on, has_test, trained, passed in (
            Course.objects.filter(under(org), planned_on__range=(start, end), status__in=(CourseStatus.HELD, CourseStatus.PLANNED))
            .annotate(trained=Count("trainees", filter=Q(trainees__attended=True)), passed=Count("trainees", filter=Q(trainees__passed=True)))
            .order_by("planned_on", "id").values_list("id", "title", "status", "planned_on", "has_test", "trained", "passed")):
        if status == CourseStatus.HELD:
            f.courses_held, f.trained, f.passed = f.courses_held + 1, f.trained + trained, f.passed + passed
            f.names.courses.append((title, trained, passed if has_test else None))
        elif planned_on < today:
            missed.append(title)
    f.courses_missed = missed[::-1]   # the latest first, as the courses list shows them


def _facilities(f: ActivityFigures, org, start: dt.date, end: dt.date) -> None:
    used = Q(bookings__status=BookingStatus.CONFIRMED, bookings__on__range=(start, end))
    for name, n, people in (Facility.objects.filter(under(org)).order_by("org__path", "name", "id")
                            .annotate(n=Count("bookings", filter=used), people=Sum("bookings__people", filter=used))
                            .values_list("name", "n", "people")):
        f.facilities.append(name)
        f.facility_use.append((name, n, people or 0))
        f.bookings += n
        f.booking_people += people or 0


LEVELS_HIGH_FIRST = list(reversed(HonourLevel.values))


def headline_counts_by_union(*, org, start: dt.date, end: dt.date, union_of: dict[int, int]) -> dict[int, tuple[int, int]]:
    """{union id: (events held, honours awarded)} over the period: two grouped queries for a whole federation."""
    from gonghui.orgs.selectors import count_by_union

    events = count_by_union(Event.objects.filter(under(org), status=EventStatus.HELD, starts_on__range=(start, end)), union_of)
    honours = count_by_union(Honour.objects.filter(under(org), status=HonourStatus.AWARDED, awarded_on__range=(start, end)),
                             union_of)
    return {pk: (events.get(pk, 0), honours.get(pk, 0)) for pk in events.keys() | honours.keys()}
