"""Every write of the activities app. Each asks `core.scoping.require` first, runs in one
transaction, locks the row it changes (or updates on a condition), re-checks under the
lock, and writes one history row; repeating a call that already took effect changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.history import history_record, history_rows_insert, locked
from gonghui.core.scoping import require
from gonghui.core.services import notice_send
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from .choices import (
    BookingStatus, CostSubline, FacilityKind, AwardKind, CompetitionStatus, CourseAudience, CourseStatus, EntrantKind, EventKind, EventStatus, HonourKind,
    HonourLevel, HonourStatus, InnovationKind, InnovationStatus, MentorshipOutcome, MentorshipStatus, PatentKind,
    SignupStatus,
)
from .models import (
    Booking, EventPhoto, Facility, FacilityItem, Competition, Course, Entrant, Event, EventResult, Honour, Indicator, Innovation,
    InnovationAward, Mentorship, Patent, ProgressCheck, Score, Signup, Trainee, UnionRules,
)
from .ranking import standings, weighted_scores
from .selectors import booking_refusal, mentor_cap, signup_refusal

INNOVATION_ORDER = list(InnovationStatus.values)


def _created(**values) -> dict[str, list]:
    return {k: [None, str(v) if isinstance(v, (Decimal, dt.date)) else v] for k, v in values.items()}


def _within(org: Org, outer: Org) -> bool:
    return org.path.startswith(outer.path)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


# ── events ───────────────────────────────────────────────────────────────────

@transaction.atomic
def event_create(*, actor, org: Org, title: str, kind: str, starts_on: dt.date, ends_on: dt.date | None = None,
                 place: str = "", description: str = "", eligible_org: Org | None = None, women_only: bool = False,
                 joined_since: dt.date | None = None, capacity: int = 0, signup_until: dt.date | None = None) -> Event:
    require(actor=actor, action="activities.event.manage", org=org)
    ends_on = ends_on or starts_on
    if kind not in EventKind.values:
        raise ValidationError({"kind": _("Unknown kind of event.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the event a title.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The event ends before it starts.")})
    if eligible_org is not None and not _within(eligible_org, org):
        raise ValidationError({"eligible_org": _("An event is open only to members under its own organisation.")})
    if capacity is None or capacity < 0:
        raise ValidationError({"capacity": _("The number of places cannot be negative.")})
    event = Event.objects.create(
        org=org, title=title.strip(), kind=kind, starts_on=starts_on, ends_on=ends_on, place=place.strip(),
        description=description, eligible_org=eligible_org, women_only=women_only, joined_since=joined_since,
        capacity=capacity, signup_until=signup_until,
    )
    history_record(obj=event, org=org, actor=actor, action="create",
                   changes=_created(title=event.title, kind=kind, starts_on=starts_on, capacity=capacity))
    return event


def _require_for_member(actor, member: Member) -> None:
    """A member signs up and cancels for themselves; a cadre of their org may do it for them."""
    if actor is not None and member.user_id is not None and member.user_id == getattr(actor, "pk", None):
        require(actor=actor, action="activities.event.signup", org=member.org)
    else:
        require(actor=actor, action="activities.event.manage", org=member.org)


@transaction.atomic
def event_signup(*, actor, event: Event, member: Member, today: dt.date | None = None) -> Signup:
    """A place at the event, or the next place on its waiting list when it is full.

    The event row is locked, so two sign-ups at once count the places one after the other, and a
    double click finds the row the first click made; the unique (event, member) constraint backs it.
    """
    _require_for_member(actor, member)
    event = Event.objects.select_for_update(of=("self",)).select_related("org", "eligible_org").get(pk=event.pk)
    existing = Signup.objects.filter(event=event, member=member).first()
    if existing is not None and existing.status != SignupStatus.CANCELLED:
        return existing  # already in: a repeat changes nothing
    refusal = signup_refusal(event, member, _today(today))
    if refusal:
        raise ValidationError(refusal)
    places = Signup.objects.filter(event=event).aggregate(
        confirmed=Count("id", filter=Q(status=SignupStatus.CONFIRMED)), last=Max("queued"))
    full = event.capacity and places["confirmed"] >= event.capacity
    status = SignupStatus.WAITING if full else SignupStatus.CONFIRMED
    queued = (places["last"] or 0) + 1
    if existing is None:
        # No savepoint here: the event's row lock already orders two sign-ups of the same member, so the
        # second finds the first's row above; the unique constraint stays as the last guard.
        signup = Signup.objects.create(event=event, member=member, status=status, queued=queued)
        history_record(obj=signup, org=event.org, actor=actor, action="create", changes={"status": [None, status]})
        return signup
    existing.status, existing.queued, existing.attended = status, queued, None
    existing.save(update_fields=["status", "queued", "attended", "updated_at"])
    history_record(obj=existing, org=event.org, actor=actor, action="state", changes={"status": [SignupStatus.CANCELLED, status]})
    return existing


@transaction.atomic
def event_signup_cancel(*, actor, signup: Signup) -> Signup:
    """Give up a place (or a place in the queue); the first on the waiting list moves up and is told."""
    _require_for_member(actor, signup.member)
    event = Event.objects.select_for_update().get(pk=signup.event_id)
    signup = Signup.objects.select_related("member").get(pk=signup.pk)
    if signup.status == SignupStatus.CANCELLED:
        return signup
    if event.status in (EventStatus.HELD, EventStatus.CANCELLED):
        raise ValidationError(_("This event is over; its sign-ups can no longer change."))
    was = signup.status
    signup.status = SignupStatus.CANCELLED
    signup.save(update_fields=["status", "updated_at"])
    history_record(obj=signup, org=event.org, actor=actor, action="state", changes={"status": [was, signup.status]})
    if was == SignupStatus.CONFIRMED:
        _promote_waiting(event, actor)
    return signup


def _promote_waiting(event: Event, actor) -> Signup | None:
    """Give a freed place to the first on the waiting list (called under the event's lock)."""
    confirmed = Signup.objects.filter(event=event, status=SignupStatus.CONFIRMED).count()
    if event.capacity and confirmed >= event.capacity:
        return None
    first = (Signup.objects.select_for_update(of=("self",)).filter(event=event, status=SignupStatus.WAITING)
             .order_by("queued", "id").select_related("member__user").first())
    if first is None:
        return None
    first.status = SignupStatus.CONFIRMED
    first.save(update_fields=["status", "updated_at"])
    history_record(obj=first, org=event.org, actor=actor, action="state",
                   changes={"status": [SignupStatus.WAITING, SignupStatus.CONFIRMED]}, note=_("moved up from the waiting list"))
    notice_send(recipient=first.member.user, org=event.org,
                title=_("A place is yours: %(title)s") % {"title": event.title},
                body=_("A place became free and you have moved up from the waiting list."),
                url=reverse("activities:join_event", args=[event.pk]))
    return first


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Call the event off; everyone signed up or waiting is told why."""
    require(actor=actor, action="activities.event.manage", org=event.org)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        return event
    if event.status == EventStatus.HELD:
        raise ValidationError(_("The event has been held; it cannot be called off."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the event is called off.")})
    was = event.status
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    history_record(obj=event, org=event.org, actor=actor, action="state", changes={"status": [was, event.status]},
                   note=reason.strip())
    url = reverse("activities:join_event", args=[event.pk])
    for signup in event.signups.exclude(status=SignupStatus.CANCELLED).select_related("member__user"):
        notice_send(recipient=signup.member.user, org=event.org, title=_("Called off: %(title)s") % {"title": event.title},
                    body=reason.strip(), url=url)
    return event


@transaction.atomic
def event_attendance_take(*, actor, event: Event, attended: Iterable[int], cost_yuan: Decimal | None = None,
                          participants: int | None = None) -> Event:
    """Record who came (member ids among the confirmed), what it cost, and mark the event held.

    `participants` is the headcount when it differs from the sign-ups (a team of 50多人 on stage)."""
    require(actor=actor, action="activities.event.manage", org=event.org)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event was cancelled."))
    if cost_yuan is not None and Decimal(cost_yuan) < 0:
        raise ValidationError({"cost_yuan": _("The cost cannot be negative.")})
    if cost_yuan is not None and event.cost_entry_id and Decimal(cost_yuan) != event.cost_yuan:
        raise ValidationError({"cost_yuan": _("The cost has been paid out of the union's books; it can no longer change.")})
    came = set(int(pk) for pk in attended)
    confirmed = Signup.objects.filter(event=event, status=SignupStatus.CONFIRMED)
    strangers = came - set(confirmed.values_list("member_id", flat=True))
    if strangers:
        raise ValidationError(_("Attendance can be taken only of members with a confirmed place."))
    confirmed.filter(member_id__in=came).update(attended=True)
    confirmed.exclude(member_id__in=came).update(attended=False)
    before = {"status": event.status, "cost_yuan": event.cost_yuan, "participants": event.participants}
    event.status = EventStatus.HELD
    event.participants = participants if participants is not None else len(came)
    if cost_yuan is not None:
        event.cost_yuan = Decimal(cost_yuan)
    event.save(update_fields=["status", "participants", "cost_yuan", "updated_at"])
    after = {"status": event.status, "cost_yuan": event.cost_yuan, "participants": event.participants}
    changes = {k: [str(v) if isinstance(v, Decimal) else v, str(after[k]) if isinstance(after[k], Decimal) else after[k]]
               for k, v in before.items() if v != after[k]}
    if changes:
        history_record(obj=event, org=event.org, actor=actor, action="state", changes=changes)
    return event


@transaction.atomic
def event_result_record(*, actor, event: Event, prize: str, member: Member | None = None, team: str = "",
                        headcount: int = 1) -> EventResult:
    """A prize won at the event, by a person or a team; the same prize to the same winner twice is one row."""
    require(actor=actor, action="activities.event.manage", org=event.org)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not prize.strip():
        raise ValidationError({"prize": _("Name the prize.")})
    if member is None and not team.strip():
        raise ValidationError({"team": _("Name the winner: a member or a team.")})
    if member is not None and not _within(member.org, event.org) and not _within(event.org, member.union):
        raise ValidationError({"member": _("The winner is not a member under this event's organisation.")})
    existing = EventResult.objects.filter(event=event, member=member, team=team.strip(), prize=prize.strip()).first()
    if existing:
        return existing
    result = EventResult.objects.create(event=event, member=member, team=team.strip(), prize=prize.strip(),
                                        headcount=max(int(headcount or 1), 1))
    history_record(obj=event, org=event.org, actor=actor, action="update",
                   changes={"results": [None, f"{result.team or member.name} {result.prize}"]})
    return result


# ── honours ──────────────────────────────────────────────────────────────────

@transaction.atomic
def honours_nominate(*, actor, org: Org, year: int, kind: str, title: str, level: str = HonourLevel.UNION,
                     awarding_body: str = "", members: Iterable[Member] = (), units: Iterable[str] = (),
                     reason: str = "") -> list[Honour]:
    """Nominate people and units for one honour (a list is nominated together, as it is put up together)."""
    require(actor=actor, action="activities.honour.manage", org=org)
    if kind not in HonourKind.values:
        raise ValidationError({"kind": _("Unknown kind of honour.")})
    if level not in HonourLevel.values:
        raise ValidationError({"level": _("Unknown level.")})
    if not title.strip():
        raise ValidationError({"title": _("Name the honour.")})
    members, units = list(members), [u.strip() for u in units if u.strip()]
    if not members and not units:
        raise ValidationError(_("Nominate at least one person or unit."))
    if any(not _within(m.org, org) for m in members):
        raise ValidationError({"members": _("Only members under this organisation may be nominated here.")})
    rows = [Honour(org=org, year=year, kind=kind, title=title.strip(), level=level, awarding_body=awarding_body.strip(),
                   member=m, reason=reason) for m in members]
    rows += [Honour(org=org, year=year, kind=kind, title=title.strip(), level=level, awarding_body=awarding_body.strip(),
                    unit_name=u, reason=reason) for u in units]
    created = Honour.objects.bulk_create(rows)
    if any(h.pk is None for h in created):  # backends that return no keys: read them back
        created = list(Honour.objects.filter(org=org, year=year, title=title.strip()).order_by("-id")[:len(rows)])
    history_rows_insert(Honour, actor=actor, action="create",
                        entries=[(h.pk, org, f"{h.title} {h.member.name if h.member else h.unit_name}") for h in created])
    return created


def _honour_batch(actor, honours: Iterable[Honour]) -> list[int]:
    ids = [h.pk for h in honours]
    for org in Org.objects.filter(pk__in=Honour.objects.filter(pk__in=ids).values("org")):
        require(actor=actor, action="activities.honour.manage", org=org)
    return ids


@transaction.atomic
def honours_publicise(*, actor, honours: Iterable[Honour], notice_from: dt.date, notice_until: dt.date) -> int:
    """Put the nominations up for everyone to see (公示); members may object until `notice_until`.
    Only nominations move; the count says how many did (0 on a repeat)."""
    ids = _honour_batch(actor, honours)
    if notice_until < notice_from:
        raise ValidationError({"notice_until": _("The notice period ends before it starts.")})
    moving = list(Honour.objects.select_for_update(of=("self",)).filter(pk__in=ids, status=HonourStatus.NOMINATED).select_related("org"))
    Honour.objects.filter(pk__in=[h.pk for h in moving]).update(
        status=HonourStatus.PUBLIC, notice_from=notice_from, notice_until=notice_until, updated_at=timezone.now())
    history_rows_insert(Honour, actor=actor, action="state", note=_("public notice until %(d)s") % {"d": notice_until},
                        entries=[(h.pk, h.org, str(h)) for h in moving])
    return len(moving)


@transaction.atomic
def honours_award(*, actor, honours: Iterable[Honour], on: dt.date) -> int:
    """Confer the honours whose public notice is over; one still in its notice period is refused."""
    ids = _honour_batch(actor, honours)
    rows = list(Honour.objects.select_for_update(of=("self",)).filter(pk__in=ids).select_related("org"))
    early = [h for h in rows if h.status == HonourStatus.PUBLIC and h.notice_until and h.notice_until >= on]
    if early:
        raise ValidationError(_("The public notice is not over yet: an honour is awarded after it."))
    unseen = [h for h in rows if h.status == HonourStatus.NOMINATED]
    if unseen:
        raise ValidationError(_("An honour is awarded only after its public notice."))
    moving = [h for h in rows if h.status == HonourStatus.PUBLIC]
    Honour.objects.filter(pk__in=[h.pk for h in moving]).update(status=HonourStatus.AWARDED, awarded_on=on,
                                                                 updated_at=timezone.now())
    history_rows_insert(Honour, actor=actor, action="state", note=_("awarded"), entries=[(h.pk, h.org, str(h)) for h in moving])
    return len(moving)


@transaction.atomic
def honour_withdraw(*, actor, honour: Honour, reason: str) -> Honour:
    """Take back a nomination (an objection upheld during the notice); an awarded honour stays on record."""
    require(actor=actor, action="activities.honour.manage", org=honour.org)
    honour = Honour.objects.select_for_update().get(pk=honour.pk)
    if honour.status == HonourStatus.WITHDRAWN:
        return honour
    if honour.status == HonourStatus.AWARDED:
        raise ValidationError(_("An awarded honour cannot be withdrawn here."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the nomination is withdrawn.")})
    was = honour.status
    honour.status = HonourStatus.WITHDRAWN
    honour.save(update_fields=["status", "updated_at"])
    history_record(obj=honour, org=honour.org, actor=actor, action="state", changes={"status": [was, honour.status]},
                   note=reason.strip())
    return honour


# ── innovation and patents ───────────────────────────────────────────────────

@transaction.atomic
def innovation_record(*, actor, org: Org, year: int, kind: str, title: str, team: str = "", leader: Member | None = None,
                      description: str = "", cost_yuan: Decimal | None = None, savings_yuan: Decimal | None = None,
                      source_suggestion=None) -> Innovation:
    require(actor=actor, action="activities.innovation.manage", org=org)
    if kind not in InnovationKind.values:
        raise ValidationError({"kind": _("Unknown kind of innovation.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the innovation a title.")})
    for name, amount in (("cost_yuan", cost_yuan), ("savings_yuan", savings_yuan)):
        if amount is not None and Decimal(amount) < 0:
            raise ValidationError({name: _("An amount cannot be negative.")})
    if leader is not None and not _within(leader.org, org):
        raise ValidationError({"leader": _("The leader is not a member under this organisation.")})
    if source_suggestion is not None:
        from gonghui.voice.choices import ADOPTED_STATES

        if source_suggestion.status not in ADOPTED_STATES:
            raise ValidationError({"source_suggestion": _("Only an adopted suggestion can lead to an innovation.")})
        if not (_within(source_suggestion.org, org) or _within(org, source_suggestion.union)):
            raise ValidationError({"source_suggestion": _("The suggestion belongs to another union.")})
    innovation = Innovation.objects.create(
        org=org, year=year, kind=kind, title=title.strip(), team=team.strip(), leader=leader, description=description,
        cost_yuan=cost_yuan, savings_yuan=savings_yuan, source_suggestion=source_suggestion,
    )
    history_record(obj=innovation, org=org, actor=actor, action="create", changes=_created(title=innovation.title, kind=kind))
    return innovation


@transaction.atomic
def innovation_advance(*, actor, innovation: Innovation, status: str) -> Innovation:
    """Move an innovation along find → review → reward → spread; never back."""
    require(actor=actor, action="activities.innovation.manage", org=innovation.org)
    if status not in INNOVATION_ORDER:
        raise ValidationError({"status": _("Unknown status.")})
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    if innovation.status == status:
        return innovation
    if INNOVATION_ORDER.index(status) < INNOVATION_ORDER.index(innovation.status):
        raise ValidationError({"status": _("An innovation does not go back a step.")})
    was = innovation.status
    innovation.status = status
    innovation.save(update_fields=["status", "updated_at"])
    history_record(obj=innovation, org=innovation.org, actor=actor, action="state", changes={"status": [was, status]})
    return innovation


@transaction.atomic
def innovation_award_record(*, actor, innovation: Innovation, kind: str, name: str, on: dt.date,
                            amount_yuan: Decimal = Decimal(0), body: str = "") -> InnovationAward:
    """A product appraisal, an award or a grant; the same one recorded twice is kept once."""
    require(actor=actor, action="activities.innovation.manage", org=innovation.org)
    if kind not in AwardKind.values:
        raise ValidationError({"kind": _("Unknown kind of award.")})
    if not name.strip():
        raise ValidationError({"name": _("Name the award.")})
    if Decimal(amount_yuan or 0) < 0:
        raise ValidationError({"amount_yuan": _("An amount cannot be negative.")})
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    existing = innovation.awards.filter(kind=kind, name=name.strip(), on=on).first()
    if existing:
        return existing
    award = InnovationAward.objects.create(innovation=innovation, kind=kind, name=name.strip(), body=body.strip(),
                                           amount_yuan=Decimal(amount_yuan or 0), on=on)
    history_record(obj=innovation, org=innovation.org, actor=actor, action="update",
                   changes={"awards": [None, f"{award.name} {award.amount_yuan}"]})
    return award


@transaction.atomic
def patent_file(*, actor, org: Org, kind: str, title: str, filed_on: dt.date, number: str = "",
                innovation: Innovation | None = None, inventors: str = "") -> Patent:
    require(actor=actor, action="activities.innovation.manage", org=org)
    if kind not in PatentKind.values:
        raise ValidationError({"kind": _("Unknown kind of patent.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the patent a title.")})
    if innovation is not None and not _within(innovation.org, org):
        raise ValidationError({"innovation": _("The innovation belongs to another organisation.")})
    number = number.strip()
    if number and Patent.objects.filter(number=number).exists():
        raise ValidationError({"number": _("A patent with this number is already on record.")})
    patent = Patent.objects.create(org=org, kind=kind, title=title.strip(), filed_on=filed_on, number=number,
                                   innovation=innovation, inventors=inventors.strip())
    history_record(obj=patent, org=org, actor=actor, action="create", changes=_created(title=patent.title, kind=kind, filed_on=filed_on))
    return patent


@transaction.atomic
def patent_grant(*, actor, patent: Patent, granted_on: dt.date, number: str = "") -> Patent:
    require(actor=actor, action="activities.innovation.manage", org=patent.org)
    patent = Patent.objects.select_for_update().get(pk=patent.pk)
    if patent.granted_on is not None:
        return patent
    if granted_on < patent.filed_on:
        raise ValidationError({"granted_on": _("A patent is granted after it is filed.")})
    number = number.strip() or patent.number
    if number and Patent.objects.filter(number=number).exclude(pk=patent.pk).exists():
        raise ValidationError({"number": _("A patent with this number is already on record.")})
    patent.granted_on, patent.number = granted_on, number
    patent.save(update_fields=["granted_on", "number", "updated_at"])
    history_record(obj=patent, org=patent.org, actor=actor, action="state",
                   changes={"granted_on": [None, granted_on.isoformat()], "number": [None, number]})
    return patent


# ── competitions ─────────────────────────────────────────────────────────────

@transaction.atomic
def competition_create(*, actor, org: Org, title: str, kind: str, starts_on: dt.date, ends_on: dt.date,
                       indicators: list[dict], entrants: list[str | Member], entrant_kind: str = EntrantKind.TEAM) -> Competition:
    """A competition with its indicators ({name, unit, weight, higher_is_better}) and its entrants
    (team names, or members for a competition of individuals)."""
    from .choices import CompetitionKind

    require(actor=actor, action="activities.competition.manage", org=org)
    if kind not in CompetitionKind.values:
        raise ValidationError({"kind": _("Unknown kind of competition.")})
    if entrant_kind not in EntrantKind.values:
        raise ValidationError({"entrant_kind": _("Unknown kind of entrant.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the competition a title.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The competition ends before it starts.")})
    if not indicators:
        raise ValidationError({"indicators": _("A competition needs at least one indicator.")})
    names = [str(i.get("name", "")).strip() for i in indicators]
    if not all(names) or len(set(names)) != len(names):
        raise ValidationError({"indicators": _("Each indicator needs its own name.")})
    if any(Decimal(str(i.get("weight", 1))) <= 0 for i in indicators):
        raise ValidationError({"indicators": _("A weight must be more than zero.")})
    competition = Competition.objects.create(org=org, title=title.strip(), kind=kind, entrant_kind=entrant_kind,
                                             starts_on=starts_on, ends_on=ends_on)
    Indicator.objects.bulk_create([
        Indicator(competition=competition, name=name, unit=str(i.get("unit", "")).strip(),
                  weight=Decimal(str(i.get("weight", 1))), higher_is_better=bool(i.get("higher_is_better", True)))
        for name, i in zip(names, indicators)
    ])
    rows, seen = [], set()
    for entrant in entrants:
        if isinstance(entrant, Member):
            if not _within(entrant.org, org):
                raise ValidationError({"entrants": _("An entrant is not a member under this organisation.")})
            row = Entrant(competition=competition, name=entrant.name, member=entrant)
        else:
            row = Entrant(competition=competition, name=str(entrant).strip())
        if not row.name or row.name in seen:
            raise ValidationError({"entrants": _("Each entrant needs its own name.")})
        seen.add(row.name)
        rows.append(row)
    Entrant.objects.bulk_create(rows)
    history_record(obj=competition, org=org, actor=actor, action="create",
                   changes=_created(title=competition.title, kind=kind, indicators=len(names), entrants=len(rows)))
    return competition


@transaction.atomic
def competition_score_record(*, actor, entrant: Entrant, indicator: Indicator, value: Decimal, period: int = 1) -> Score:
    """An entrant's figure on an indicator for a period; recording it again replaces it."""
    competition = Competition.objects.select_for_update().get(pk=entrant.competition_id)
    require(actor=actor, action="activities.competition.manage", org=competition.org)
    if indicator.competition_id != competition.pk:
        raise ValidationError({"indicator": _("The indicator belongs to another competition.")})
    if competition.status == CompetitionStatus.FINISHED:
        raise ValidationError(_("The competition is finished; its figures are final."))
    if period < 1:
        raise ValidationError({"period": _("Periods are counted from 1.")})
    value = Decimal(value)
    score = Score.objects.filter(entrant=entrant, indicator=indicator, period=period).first()
    if score is not None and score.value == value:
        return score
    before = None if score is None else str(score.value)
    if score is None:
        score = Score.objects.create(entrant=entrant, indicator=indicator, period=period, value=value)
    else:
        score.value = value
        score.save(update_fields=["value"])
    history_record(obj=competition, org=competition.org, actor=actor, action="update",
                   changes={"scores": [before, f"{entrant.name} · {indicator.name} · {period}: {value}"]})
    return score


@transaction.atomic
def competition_finish(*, actor, competition: Competition) -> Competition:
    """Close the competition and rank its entrants by weighted score (ties share a rank)."""
    require(actor=actor, action="activities.competition.manage", org=competition.org)
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if competition.status == CompetitionStatus.FINISHED:
        return competition
    indicators = {i.pk: (i.weight, i.higher_is_better) for i in competition.indicators.all()}
    values: dict[int, dict[int, list[Decimal]]] = {e.pk: {} for e in competition.entrants.all()}
    for entrant_id, indicator_id, value in Score.objects.filter(entrant__competition=competition).values_list(
            "entrant_id", "indicator_id", "value"):
        values[entrant_id].setdefault(indicator_id, []).append(value)
    if not any(values.values()):
        raise ValidationError(_("No figures have been recorded: there is nothing to rank."))
    table = standings(weighted_scores(values, indicators))
    entrants = {e.pk: e for e in competition.entrants.all()}
    for row in table:
        entrants[row.entrant].score, entrants[row.entrant].rank = row.score, row.rank
    Entrant.objects.bulk_update(list(entrants.values()), ["score", "rank"])
    competition.status = CompetitionStatus.FINISHED
    competition.save(update_fields=["status", "updated_at"])
    history_record(obj=competition, org=competition.org, actor=actor, action="state",
                   changes={"status": [CompetitionStatus.RUNNING, CompetitionStatus.FINISHED]})
    return competition


@transaction.atomic
def competition_winner_name(*, actor, entrant: Entrant, title: str) -> Entrant:
    """Name a winner of a finished competition (优胜单位, 最佳项目奖, 技术能手 …)."""
    competition = Competition.objects.select_for_update().get(pk=entrant.competition_id)
    require(actor=actor, action="activities.competition.manage", org=competition.org)
    if competition.status != CompetitionStatus.FINISHED:
        raise ValidationError(_("Winners are named once the competition is finished."))
    if not title.strip():
        raise ValidationError({"title": _("Name the title won.")})
    entrant = Entrant.objects.select_for_update().get(pk=entrant.pk)
    titles = [t for t in entrant.title.split("、") if t]
    if title.strip() in titles:
        return entrant
    before = entrant.title
    entrant.title = "、".join([*titles, title.strip()])[:120]
    entrant.save(update_fields=["title"])
    history_record(obj=competition, org=competition.org, actor=actor, action="update",
                   changes={"winners": [before or None, f"{entrant.name} {title.strip()}"]})
    return entrant


# ── mentorships ──────────────────────────────────────────────────────────────

@transaction.atomic
def union_rules_set(*, actor, org: Org, mentor_cap: int) -> UnionRules:
    require(actor=actor, action="activities.mentorship.manage", org=org)
    if not 1 <= int(mentor_cap) <= 50:
        raise ValidationError({"mentor_cap": _("A mentor takes between 1 and 50 apprentices.")})
    rules = UnionRules.objects.select_for_update().filter(org=org).first()
    if rules is None:
        rules = UnionRules.objects.create(org=org, mentor_cap=mentor_cap)
        history_record(obj=rules, org=org, actor=actor, action="create", changes={"mentor_cap": [None, mentor_cap]})
    elif rules.mentor_cap != mentor_cap:
        before, rules.mentor_cap = rules.mentor_cap, mentor_cap
        rules.save(update_fields=["mentor_cap", "updated_at"])
        history_record(obj=rules, org=org, actor=actor, action="update", changes={"mentor_cap": [before, mentor_cap]})
    return rules


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def mentorship_agree(*, actor, org: Org, mentor: Member, apprentice: Member, signed_on: dt.date, ends_on: dt.date,
                     goals: str) -> Mentorship:
    """Record a signed agreement: a term of one to three years, within the mentor's cap of apprentices."""
    require(actor=actor, action="activities.mentorship.manage", org=org)
    if mentor.pk == apprentice.pk:
        raise ValidationError({"apprentice": _("A mentor cannot be their own apprentice.")})
    if not (_within(mentor.org, org) and _within(apprentice.org, org)):
        raise ValidationError(_("Mentor and apprentice must both be members under this organisation."))
    # 名师带徒 agreements run one to three years (RULES.md f)
    if not _years_later(signed_on, 1) - dt.timedelta(days=1) <= ends_on <= _years_later(signed_on, 3):
        raise ValidationError({"ends_on": _("An agreement runs from one to three years.")})
    if not goals.strip():
        raise ValidationError({"goals": _("Write the goals of the agreement.")})
    Member.objects.select_for_update().filter(pk=mentor.pk).first()  # one agreement of a mentor at a time
    active = Mentorship.objects.filter(status=MentorshipStatus.ACTIVE)
    same = active.filter(mentor=mentor, apprentice=apprentice).first()
    if same:
        return same
    if active.filter(apprentice=apprentice).exists():
        raise ValidationError({"apprentice": _("This apprentice already has a mentor.")})
    cap = mentor_cap(org)
    if active.filter(mentor=mentor).count() >= cap:
        raise ValidationError({"mentor": _("This mentor already has %(n)s apprentices, the most the union allows.") % {"n": cap}})
    pair = Mentorship.objects.create(org=org, mentor=mentor, apprentice=apprentice, signed_on=signed_on, ends_on=ends_on,
                                     goals=goals.strip())
    history_record(obj=pair, org=org, actor=actor, action="create",
                   changes=_created(mentor=mentor.name, apprentice=apprentice.name, signed_on=signed_on, ends_on=ends_on))
    return pair


@transaction.atomic
def mentorship_check(*, actor, mentorship: Mentorship, on: dt.date, note: str) -> ProgressCheck:
    require(actor=actor, action="activities.mentorship.manage", org=mentorship.org)
    pair = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if pair.status != MentorshipStatus.ACTIVE:
        raise ValidationError(_("The agreement is closed."))
    if on < pair.signed_on:
        raise ValidationError({"on": _("A check cannot come before the agreement.")})
    if not note.strip():
        raise ValidationError({"note": _("Write what the check found.")})
    existing = pair.checks.filter(on=on, note=note.strip()).first()
    if existing:
        return existing
    check = ProgressCheck.objects.create(mentorship=pair, on=on, note=note.strip()[:300])
    history_record(obj=pair, org=pair.org, actor=actor, action="update", changes={"checks": [None, on.isoformat()]},
                   note=check.note)
    return check


@transaction.atomic
def mentorship_close(*, actor, mentorship: Mentorship, outcome: str, note: str = "", early: bool = False) -> Mentorship:
    require(actor=actor, action="activities.mentorship.manage", org=mentorship.org)
    if outcome not in MentorshipOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    pair = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if pair.status != MentorshipStatus.ACTIVE:
        return pair
    pair.status = MentorshipStatus.ENDED if early else MentorshipStatus.COMPLETED
    pair.outcome, pair.outcome_note = outcome, note.strip()[:300]
    pair.save(update_fields=["status", "outcome", "outcome_note", "updated_at"])
    history_record(obj=pair, org=pair.org, actor=actor, action="state",
                   changes={"status": [MentorshipStatus.ACTIVE, pair.status], "outcome": [None, outcome]})
    return pair


# ── training ─────────────────────────────────────────────────────────────────

@transaction.atomic
def course_plan(*, actor, org: Org, title: str, audience: str, planned_on: dt.date, hours: Decimal = Decimal(0),
                has_test: bool = False) -> Course:
    require(actor=actor, action="activities.course.manage", org=org)
    if audience not in CourseAudience.values:
        raise ValidationError({"audience": _("Unknown audience.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the course a title.")})
    course = Course.objects.create(org=org, title=title.strip(), audience=audience, planned_on=planned_on,
                                   hours=Decimal(hours or 0), has_test=has_test)
    history_record(obj=course, org=org, actor=actor, action="create", changes=_created(title=course.title, planned_on=planned_on))
    return course


@transaction.atomic
def course_enrol(*, actor, course: Course, members: Iterable[Member]) -> int:
    """Put members on the course's list; those already on it stay as they are. Returns how many were added."""
    require(actor=actor, action="activities.course.manage", org=course.org)
    course = Course.objects.select_for_update().get(pk=course.pk)
    members = list(members)
    if any(not _within(m.org, course.org) for m in members):
        raise ValidationError({"members": _("Only members under the course's organisation can be enrolled.")})
    on_list = set(course.trainees.values_list("member_id", flat=True))
    new = [Trainee(course=course, member=m) for m in {m.pk: m for m in members}.values() if m.pk not in on_list]
    Trainee.objects.bulk_create(new)
    if new:
        history_record(obj=course, org=course.org, actor=actor, action="update",
                       changes={"trainees": [len(on_list), len(on_list) + len(new)]})
    return len(new)


@transaction.atomic
def course_hold(*, actor, course: Course, held_on: dt.date, attended: Iterable[int]) -> Course:
    """Mark the course held and who of its list attended (member ids)."""
    require(actor=actor, action="activities.course.manage", org=course.org)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status == CourseStatus.HELD:
        return course
    came = {int(pk) for pk in attended}
    if came - set(course.trainees.values_list("member_id", flat=True)):
        raise ValidationError(_("Attendance can be taken only of members on the course's list."))
    course.trainees.filter(member_id__in=came).update(attended=True)
    course.status, course.held_on = CourseStatus.HELD, held_on
    course.save(update_fields=["status", "held_on", "updated_at"])
    history_record(obj=course, org=course.org, actor=actor, action="state",
                   changes={"status": [CourseStatus.PLANNED, CourseStatus.HELD], "held_on": [None, held_on.isoformat()]},
                   note=_("%(n)s attended") % {"n": len(came)})
    return course


@transaction.atomic
def course_results_record(*, actor, course: Course, scores: dict[int, Decimal], pass_mark: Decimal = Decimal(60)) -> int:
    """The test's scores by member id; a score at or above the pass mark passes. Returns how many passed."""
    require(actor=actor, action="activities.course.manage", org=course.org)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status != CourseStatus.HELD:
        raise ValidationError(_("Record the results once the course has been held."))
    trainees = {t.member_id: t for t in course.trainees.filter(member_id__in=list(scores))}
    if set(int(k) for k in scores) - set(trainees):
        raise ValidationError(_("Results can be recorded only for members who attended."))
    changed = []
    for member_id, value in scores.items():
        t = trainees[int(member_id)]
        if not t.attended:
            raise ValidationError(_("Results can be recorded only for members who attended."))
        value = Decimal(value)
        passed = value >= Decimal(pass_mark)
        if t.score != value or t.passed != passed:
            t.score, t.passed = value, passed
            changed.append(t)
    Trainee.objects.bulk_update(changed, ["score", "passed"])
    if changed:
        history_record(obj=course, org=course.org, actor=actor, action="update",
                       changes={"results": [None, len(changed)]})
    return course.trainees.filter(passed=True).count()


# ── event photos and the event's cost ───────────────────────────────────────

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTOS_PER_EVENT = 60
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def photo_checked(upload) -> tuple[str, int, int]:
    """(extension, width, height) of an uploaded photo, or ValidationError: its size is checked before a byte is
    read, its type from its content (Pillow reads the header; the name and the declared type count for nothing)."""
    from PIL import Image, UnidentifiedImageError

    if upload is None or not getattr(upload, "size", 0):
        raise ValidationError({"photo": _("Choose a photo to upload.")})
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("A photo may be at most %(mb)s MB.") % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)}})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            if width * height > PHOTO_MAX_PIXELS:
                raise ValidationError({"photo": _("The photo has too many pixels.")})
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError({"photo": _("The file is not a JPG, PNG or WebP image.")}) from None
    if kind not in PHOTO_FORMATS:
        raise ValidationError({"photo": _("The file is not a JPG, PNG or WebP image.")})
    upload.seek(0)
    return PHOTO_FORMATS[kind], width, height


@transaction.atomic
def event_photo_add(*, actor, event: Event, upload, caption: str = "") -> EventPhoto:
    """Put a photo up on the event's page (at most PHOTOS_PER_EVENT of them)."""
    require(actor=actor, action="activities.event.manage", org=event.org)
    event = locked(event)
    if event.photos.count() >= PHOTOS_PER_EVENT:
        raise ValidationError({"photo": _("An event shows at most %(n)s photos.") % {"n": PHOTOS_PER_EVENT}})
    ext, width, height = photo_checked(upload)
    upload.name = f"photo.{ext}"
    photo = EventPhoto(event=event, caption=caption.strip()[:100], width=width, height=height)
    photo.image.save(upload.name, upload, save=False)
    photo.save()
    history_record(obj=event, org=event.org, actor=actor, action="update", changes={"photos": [None, photo.caption or str(photo.pk)]})
    return photo


@transaction.atomic
def event_photo_remove(*, actor, photo: EventPhoto) -> None:
    event = Event.objects.get(pk=photo.event_id)
    require(actor=actor, action="activities.event.manage", org=event.org)
    locked(event)
    photo = EventPhoto.objects.filter(pk=photo.pk).first()
    if photo is None:
        return
    name = photo.image.name
    photo.delete()
    transaction.on_commit(lambda: photo.image.storage.delete(name))
    history_record(obj=event, org=event.org, actor=actor, action="update", changes={"photos": [photo.caption or str(photo.pk), None]})


@transaction.atomic
def event_cost_pay(*, actor, event: Event, subline: str, on: dt.date | None = None) -> Event:
    """Pay the held event's cost out of the union's books: 职工活动支出 (its sub-line in the memo) against the bank,
    posted once under the key event-cost:<id>; a second call pays nothing more and returns the event as it is."""
    from gonghui.funds import chart
    from gonghui.funds.choices import EntrySource
    from gonghui.funds.services import LineSpec, entry_post
    from gonghui.orgs.selectors import union_of

    require(actor=actor, action="activities.event.manage", org=event.org)
    event = locked(event)
    if event.cost_entry_id:
        return event
    if subline not in CostSubline.values:
        raise ValidationError({"subline": _("Choose the sub-line of 职工活动支出 the cost is paid under.")})
    if event.status != EventStatus.HELD:
        raise ValidationError(_("An event's cost is paid once it has been held."))
    if not event.cost_yuan:
        raise ValidationError({"cost_yuan": _("Record what the event cost before paying it.")})
    union = union_of(event.org) or event.org
    label = CostSubline(subline).label
    entry = entry_post(actor=actor, org=union, date=on or _today(None), source=EntrySource.EVENT,
                       memo=_("%(title)s: %(line)s (%(sub)s)") % {"title": event.title, "line": chart.account(chart.ACTIVITIES).name,
                                                                  "sub": label},
                       lines=[LineSpec(chart.ACTIVITIES, debit=event.cost_yuan), LineSpec(chart.BANK, credit=event.cost_yuan)],
                       idempotency_key=f"event-cost:{event.pk}")
    event.cost_entry, event.cost_subline = entry, subline
    event.save(update_fields=["cost_entry", "cost_subline", "updated_at"])
    history_record(obj=event, org=event.org, actor=actor, action="update",
                   changes={"cost_entry": [None, str(entry)], "cost_subline": [None, subline]})
    return event


# ── facilities ───────────────────────────────────────────────────────────────


def items_parsed(text: str) -> list[tuple[str, int, str]]:
    """'图书 3200册' lines (or 图书 3,200 册) as (name, quantity, unit); a line that is not one is named in the error."""
    import re

    rows = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = re.fullmatch(r"(.+?)\s*([0-9][0-9,]*)\s*(\S{0,8})", line)
        if not match or not match.group(1).strip():
            raise ValidationError({"items": _("Line %(n)s of the inventory is not “name quantity unit”, e.g. 图书 3200册.") % {"n": n}})
        quantity = int(match.group(2).replace(",", ""))
        if quantity > 10_000_000:
            raise ValidationError({"items": _("Line %(n)s of the inventory: the quantity is too large.") % {"n": n}})
        rows.append((match.group(1).strip()[:40], quantity, match.group(3)))
    return rows


@transaction.atomic
def facility_create(*, actor, org: Org, name: str, kind: str, opens_at: dt.time, closes_at: dt.time,
                    open_days: str = "1234567", place: str = "", capacity: int = 0,
                    items: Iterable[tuple[str, int, str]] = ()) -> Facility:
    """A room or ground the union keeps, with what it holds and its opening hours."""
    require(actor=actor, action="activities.facility.manage", org=org)
    if kind not in FacilityKind.values:
        raise ValidationError({"kind": _("Unknown kind of facility.")})
    if not name.strip():
        raise ValidationError({"name": _("Name the facility.")})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The facility closes before it opens.")})
    days = "".join(sorted(set(open_days or "")))
    if not days or not set(days) <= set("1234567"):
        raise ValidationError({"open_days": _("Choose the days of the week it opens.")})
    if capacity is None or capacity < 0:
        raise ValidationError({"capacity": _("The number of people cannot be negative.")})
    Org.objects.select_for_update().filter(pk=org.pk).first()  # two creations of one name: the second finds the first
    if Facility.objects.filter(org=org, name=name.strip()).exists():
        raise ValidationError({"name": _("The organisation already has a facility of this name.")})
    items = list(items)
    if len({n for n, _q, _u in items}) != len(items):
        raise ValidationError({"items": _("An item is listed twice in the inventory.")})
    facility = Facility.objects.create(org=org, name=name.strip()[:60], kind=kind, place=place.strip()[:100],
                                       opens_at=opens_at, closes_at=closes_at, open_days=days, capacity=capacity)
    FacilityItem.objects.bulk_create([FacilityItem(facility=facility, name=n, quantity=q, unit=u) for n, q, u in items])
    history_record(obj=facility, org=org, actor=actor, action="create",
                   changes=_created(name=facility.name, kind=kind, opens_at=opens_at.strftime("%H:%M"),
                                    closes_at=closes_at.strftime("%H:%M"), items=len(items)))
    return facility


def _require_booker(actor, member: Member, facility: Facility) -> None:
    """A member books for themselves; a cadre of the facility's org may book for a member."""
    if actor is not None and member.user_id is not None and member.user_id == getattr(actor, "pk", None):
        require(actor=actor, action="activities.facility.book", org=member.org)
    else:
        require(actor=actor, action="activities.facility.manage", org=facility.org)


@transaction.atomic
def facility_book(*, actor, facility: Facility, member: Member, on: dt.date, starts_at: dt.time, ends_at: dt.time,
                  people: int = 1, purpose: str = "", today: dt.date | None = None) -> Booking:
    """A slot at the facility. The facility's row is locked, so of two requests for overlapping slots the second
    sees the first; the same member asking for the same slot again gets the booking they already have."""
    _require_booker(actor, member, facility)
    facility = Facility.objects.select_for_update(of=("self",)).select_related("org").get(pk=facility.pk)
    same = Booking.objects.filter(facility=facility, member=member, on=on, starts_at=starts_at, ends_at=ends_at,
                                  status=BookingStatus.CONFIRMED).first()
    if same is not None:
        return same
    refusal = booking_refusal(facility, member, on, starts_at, ends_at, people, _today(today))
    if refusal:
        raise ValidationError(refusal)
    clash = (Booking.objects.filter(facility=facility, on=on, status=BookingStatus.CONFIRMED,
                                    starts_at__lt=ends_at, ends_at__gt=starts_at).order_by("starts_at").first())
    if clash is not None:
        raise ValidationError({"starts_at": _("%(from)s–%(until)s is already booked; choose another time.") % {
            "from": clash.starts_at.strftime("%H:%M"), "until": clash.ends_at.strftime("%H:%M")}})
    booking = Booking.objects.create(facility=facility, member=member, on=on, starts_at=starts_at, ends_at=ends_at,
                                     people=people, purpose=purpose.strip()[:100])
    history_record(obj=booking, org=facility.org, actor=actor, action="create",
                   changes=_created(on=on, starts_at=starts_at.strftime("%H:%M"), ends_at=ends_at.strftime("%H:%M"), people=people))
    return booking


@transaction.atomic
def booking_cancel(*, actor, booking: Booking, today: dt.date | None = None) -> Booking:
    """Give the slot back; a past slot stays as it was."""
    facility = Facility.objects.select_for_update().select_related("org").get(pk=booking.facility_id)
    booking = Booking.objects.select_related("member").get(pk=booking.pk)
    _require_booker(actor, booking.member, facility)
    if booking.status == BookingStatus.CANCELLED:
        return booking
    if booking.on < _today(today):
        raise ValidationError(_("The booking is in the past; it can no longer be cancelled."))
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    history_record(obj=booking, org=facility.org, actor=actor, action="state",
                   changes={"status": [BookingStatus.CONFIRMED, BookingStatus.CANCELLED]})
    return booking


FACILITY_FIELDS = ("name", "kind", "place", "opens_at", "closes_at", "open_days", "capacity", "active")


@transaction.atomic
def facility_update(*, actor, facility: Facility, changes: dict, items: Iterable[tuple[str, int, str]] | None = None) -> Facility:
    """Edit a facility: its name, hours, days, size, whether it takes bookings, and (when given) its whole inventory.
    Bookings already made stay; the new hours apply to bookings made from now on."""
    from gonghui.core.history import model_update

    require(actor=actor, action="activities.facility.manage", org=facility.org)
    facility = locked(facility)
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()[:60]
    if "open_days" in changes:
        changes["open_days"] = "".join(sorted(set(changes["open_days"] or "")))

    def check(row: Facility) -> None:
        if row.kind not in FacilityKind.values:
            raise ValidationError({"kind": _("Unknown kind of facility.")})
        if not row.name:
            raise ValidationError({"name": _("Name the facility.")})
        if row.closes_at <= row.opens_at:
            raise ValidationError({"closes_at": _("The facility closes before it opens.")})
        if not row.open_days or not set(row.open_days) <= set("1234567"):
            raise ValidationError({"open_days": _("Choose the days of the week it opens.")})
        if row.capacity is None or row.capacity < 0:
            raise ValidationError({"capacity": _("The number of people cannot be negative.")})
        if Facility.objects.filter(org=row.org_id, name=row.name).exclude(pk=row.pk).exists():
            raise ValidationError({"name": _("The organisation already has a facility of this name.")})

    more = {}
    if items is not None:
        items = list(items)
        if len({n for n, _q, _u in items}) != len(items):
            raise ValidationError({"items": _("An item is listed twice in the inventory.")})
        before = [(i.name, i.quantity, i.unit) for i in facility.items.all()]
        if before != items:
            facility.items.all().delete()
            FacilityItem.objects.bulk_create([FacilityItem(facility=facility, name=n, quantity=q, unit=u) for n, q, u in items])
            more["items"] = ["、".join(f"{n} {q}{u}" for n, q, u in before) or None,
                             "、".join(f"{n} {q}{u}" for n, q, u in items) or None]
    model_update(obj=facility, changes=changes, allowed=FACILITY_FIELDS, actor=actor, org=facility.org, before_save=check,
                 more=more)
    return facility
