"""Events (文体活动), honours (评先评优), innovations and patents (五小、专利), labour
competitions (劳动竞赛), mentorships (名师带徒) and training courses (培训).

Every row belongs to an org (core.scoping decides who reaches it); every write goes
through services.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgOwned, TimeStamped

from .choices import (
    PATENT_TERM_YEARS, AwardKind, BookingStatus, CompetitionKind, CompetitionStatus, CostSubline, CourseAudience,
    CourseStatus, EntrantKind, EventKind, EventStatus, FacilityKind, HonourKind, HonourLevel, HonourStatus, InnovationKind,
    InnovationStatus, MentorshipOutcome, MentorshipStatus, PatentKind, SignupStatus, WEEKDAYS,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
DEFAULT_MENTOR_CAP = 5  # apprentices per mentor; a local rule the union may change (RULES.md f)


class UnionRules(OrgOwned):
    """The numbers a union sets for its own activities (one row per union; defaults apply without it)."""

    mentor_cap = models.PositiveSmallIntegerField(_("apprentices per mentor"), default=DEFAULT_MENTOR_CAP)

    class Meta:
        verbose_name = _("activity rules")
        verbose_name_plural = _("activity rules")
        constraints = [models.UniqueConstraint(fields=["org"], name="activities_rules_once_per_org")]

    def __str__(self) -> str:
        return f"{self.org} {self.mentor_cap}"


# ── events ───────────────────────────────────────────────────────────────────

class Event(OrgOwned):
    """An activity members sign up for: who may come, how many, and what it cost."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    # who may sign up: members of this org's subtree (the event's own org when empty)
    eligible_org = models.ForeignKey("orgs.Org", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("open to members of"))
    women_only = models.BooleanField(_("women only"), default=False)
    joined_since = models.DateField(_("only members who joined on or after"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("places"), default=0, help_text=_("0 means no limit"))
    signup_until = models.DateField(_("sign-up until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.OPEN)
    cost_yuan = models.DecimalField(_("cost (yuan)"), null=True, blank=True, **MONEY)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    # the cost paid out of the union's books (职工活动支出), once; the sub-line it was paid under
    cost_entry = models.ForeignKey("funds.Entry", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("paid by voucher"))
    cost_subline = models.CharField(_("spending sub-line"), max_length=12, choices=CostSubline.choices, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["org", "starts_on"]), models.Index(fields=["status", "starts_on"])]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="activities_event_ends_after_start")]

    def __str__(self) -> str:
        return self.title


class Signup(TimeStamped):
    """A member's place at an event, or their place on its waiting list (报名、候补)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signups", verbose_name=_("event"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    status = models.CharField(_("status"), max_length=10, choices=SignupStatus.choices)
    # the order of the waiting list: a sequence per event, never reused
    queued = models.PositiveIntegerField(_("order"), default=0)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["event", "queued", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "member"], name="activities_signup_once")]
        indexes = [models.Index(fields=["event", "status", "queued"])]

    def __str__(self) -> str:
        return f"{self.event} {self.member}"


def event_photo_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()
    return f"activities/events/{instance.event_id}/{uuid.uuid4().hex}.{ext}"


class EventPhoto(TimeStamped):
    """A photo of the event, put up by a cadre and shown to those the event is open to."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event"))
    image = models.FileField(_("photo"), upload_to=event_photo_path)
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)

    class Meta:
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")
        ordering = ["event", "id"]

    def __str__(self) -> str:
        return f"{self.event} {self.caption or self.pk}"


class EventResult(TimeStamped):
    """A prize at an event: a person's or a team's (金奖、银奖 …)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="results", verbose_name=_("event"))
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("member"))
    team = models.CharField(_("team"), max_length=100, blank=True)
    prize = models.CharField(_("prize"), max_length=40)
    headcount = models.PositiveIntegerField(_("people"), default=1)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["event", "id"]
        constraints = [models.CheckConstraint(condition=Q(member__isnull=False) | ~Q(team=""), name="activities_result_names_someone")]

    def __str__(self) -> str:
        return f"{self.team or self.member} {self.prize}"


# ── honours ──────────────────────────────────────────────────────────────────

class Honour(OrgOwned):
    """A person or a unit recognised: nominated, shown to the members (公示), then awarded."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=HonourKind.choices)
    title = models.CharField(_("honour"), max_length=120)
    level = models.CharField(_("level"), max_length=10, choices=HonourLevel.choices, default=HonourLevel.UNION)
    awarding_body = models.CharField(_("awarded by"), max_length=100, blank=True)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("person"))
    unit_name = models.CharField(_("unit"), max_length=100, blank=True)
    reason = models.CharField(_("deeds"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=HonourStatus.choices, default=HonourStatus.NOMINATED)
    notice_from = models.DateField(_("public notice from"), null=True, blank=True)
    notice_until = models.DateField(_("public notice until"), null=True, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-year", "level", "title", "id"]
        indexes = [models.Index(fields=["org", "year", "status"])]
        constraints = [models.CheckConstraint(condition=Q(member__isnull=False) | ~Q(unit_name=""), name="activities_honour_names_someone")]

    def __str__(self) -> str:
        return f"{self.title} {self.member.name if self.member_id else self.unit_name}"

    @property
    def holder(self) -> str:
        return self.member.name if self.member_id else self.unit_name


# ── innovation ───────────────────────────────────────────────────────────────

class Innovation(OrgOwned):
    """One 五小 result, with the team behind it, what it saved, and the suggestion it grew from."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=InnovationKind.choices)
    title = models.CharField(_("title"), max_length=120)
    team = models.CharField(_("team"), max_length=200, blank=True)
    leader = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("leader"))
    description = models.TextField(_("description"), blank=True)
    cost_yuan = models.DecimalField(_("cost (yuan)"), null=True, blank=True, **MONEY)
    savings_yuan = models.DecimalField(_("savings (yuan)"), null=True, blank=True, **MONEY)
    source_suggestion = models.ForeignKey("voice.Suggestion", null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+", verbose_name=_("from the suggestion"))
    status = models.CharField(_("status"), max_length=10, choices=InnovationStatus.choices, default=InnovationStatus.FOUND)

    class Meta:
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["org", "year"])]

    def __str__(self) -> str:
        return self.title


class Patent(OrgOwned):
    """A patent filed for the workers' results; protection runs from the filing date."""

    innovation = models.ForeignKey(Innovation, null=True, blank=True, on_delete=models.SET_NULL, related_name="patents",
                                   verbose_name=_("innovation"))
    kind = models.CharField(_("kind"), max_length=10, choices=PatentKind.choices)
    title = models.CharField(_("title"), max_length=120)
    number = models.CharField(_("patent number"), max_length=40, blank=True)
    filed_on = models.DateField(_("filed on"))
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    inventors = models.CharField(_("inventors"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("patent")
        verbose_name_plural = _("patents")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="activities_patent_number_once"),
            models.CheckConstraint(condition=Q(granted_on__isnull=True) | Q(granted_on__gte=models.F("filed_on")),
                                   name="activities_patent_granted_after_filing"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def expires_on(self) -> dt.date:
        return patent_expiry(self.kind, self.filed_on)


def patent_expiry(kind: str, filed_on: dt.date) -> dt.date:
    """The last day of protection: the day before the filing date's anniversary after the term."""
    years = PATENT_TERM_YEARS[PatentKind(kind)]
    try:
        anniversary = filed_on.replace(year=filed_on.year + years)
    except ValueError:  # 29 February
        anniversary = filed_on.replace(year=filed_on.year + years, day=28) + dt.timedelta(days=1)
    return anniversary - dt.timedelta(days=1)


class InnovationAward(TimeStamped):
    """A product appraisal, an award or a grant for an innovation, with its amount."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="awards", verbose_name=_("innovation"))
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices)
    name = models.CharField(_("name"), max_length=120)
    body = models.CharField(_("given by"), max_length=100, blank=True)
    amount_yuan = models.DecimalField(_("amount (yuan)"), default=0, **MONEY)
    on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("innovation award")
        verbose_name_plural = _("innovation awards")
        ordering = ["innovation", "on", "id"]

    def __str__(self) -> str:
        return self.name


# ── competitions ─────────────────────────────────────────────────────────────

class Competition(OrgOwned):
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=CompetitionKind.choices)
    entrant_kind = models.CharField(_("entrants"), max_length=10, choices=EntrantKind.choices, default=EntrantKind.TEAM)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=10, choices=CompetitionStatus.choices, default=CompetitionStatus.RUNNING)

    # what the services record under their own names in this row's history
    history_labels = {"scores": _("figures"), "winners": _("winners"), "indicators": _("indicators"), "entrants": _("entrants")}

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        ordering = ["-starts_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="activities_competition_ends_after_start")]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("competition"))
    name = models.CharField(_("indicator"), max_length=60)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["competition", "id"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "name"], name="activities_indicator_once"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="activities_indicator_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Entrant(models.Model):
    """A team (or a person) in a competition; `rank` and `score` are set when it finishes."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entrants", verbose_name=_("competition"))
    name = models.CharField(_("name"), max_length=100)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("member"))
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    # the titles won, joined by 、 (a team may be 优胜单位 and win a 最佳项目奖 too)
    title = models.CharField(_("title won"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("entrant")
        verbose_name_plural = _("entrants")
        ordering = ["competition", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["competition", "name"], name="activities_entrant_once")]

    def __str__(self) -> str:
        return self.name


class Score(models.Model):
    """An entrant's figure on one indicator for one period of the competition (第1期, 第2期 …)."""

    entrant = models.ForeignKey(Entrant, on_delete=models.CASCADE, related_name="scores", verbose_name=_("entrant"))
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="scores", verbose_name=_("indicator"))
    period = models.PositiveSmallIntegerField(_("period"), default=1)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["entrant", "indicator", "period"], name="activities_score_once")]

    def __str__(self) -> str:
        return f"{self.entrant} {self.indicator} {self.value}"


# ── mentorships and training ────────────────────────────────────────────────

class Mentorship(OrgOwned):
    """名师带徒: a signed agreement between a mentor and an apprentice for one to three years."""

    mentor = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("mentor"))
    apprentice = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("apprentice"))
    signed_on = models.DateField(_("agreement signed on"))
    ends_on = models.DateField(_("agreement ends on"))
    goals = models.TextField(_("goals"))
    status = models.CharField(_("status"), max_length=10, choices=MentorshipStatus.choices, default=MentorshipStatus.ACTIVE)
    outcome = models.CharField(_("outcome"), max_length=12, choices=MentorshipOutcome.choices, blank=True)
    outcome_note = models.CharField(_("outcome note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["apprentice"], condition=Q(status=MentorshipStatus.ACTIVE),
                                    name="activities_one_active_mentor_per_apprentice"),
            models.CheckConstraint(condition=~Q(mentor=models.F("apprentice")), name="activities_mentor_not_own_apprentice"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.name}—{self.apprentice.name}"


class ProgressCheck(TimeStamped):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="checks", verbose_name=_("mentorship"))
    on = models.DateField(_("checked on"))
    note = models.CharField(_("progress"), max_length=300)

    class Meta:
        verbose_name = _("progress check")
        verbose_name_plural = _("progress checks")
        ordering = ["mentorship", "on", "id"]

    def __str__(self) -> str:
        return f"{self.mentorship} {self.on}"


class Course(OrgOwned):
    """A training course (培训): planned, then held; who attended, and who passed its test."""

    title = models.CharField(_("title"), max_length=120)
    audience = models.CharField(_("who it is for"), max_length=12, choices=CourseAudience.choices)
    planned_on = models.DateField(_("planned for"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    has_test = models.BooleanField(_("ends with a test"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=CourseStatus.choices, default=CourseStatus.PLANNED)

    history_labels = {"results": _("test results")}

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-planned_on", "-id"]
        indexes = [models.Index(fields=["org", "planned_on"])]

    def __str__(self) -> str:
        return self.title


class Trainee(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="trainees", verbose_name=_("course"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    attended = models.BooleanField(_("attended"), default=False)
    score = models.DecimalField(_("test score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["course", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "member"], name="activities_trainee_once")]

    def __str__(self) -> str:
        return f"{self.course} {self.member}"


# ── the union's own facilities ───────────────────────────────────────────────

class Facility(OrgOwned):
    """A room or ground the union keeps for its members (活动室, 图书室, 职工书屋, 健身房 …), with its hours."""

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    place = models.CharField(_("place"), max_length=100, blank=True)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    # the days of the week it opens, Monday = 1 … Sunday = 7 ("12345" for weekdays)
    open_days = models.CharField(_("open days"), max_length=7, default="1234567")
    capacity = models.PositiveIntegerField(_("people at a time"), default=0, help_text=_("0 means no limit"))
    active = models.BooleanField(_("open for booking"), default=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["org", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "name"], name="activities_facility_name_once"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="activities_facility_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def days_label(self) -> str:
        if self.open_days == "1234567":
            return str(_("every day"))
        names = dict(WEEKDAYS)
        return "、".join(str(names[d]) for d in self.open_days if d in names)


class FacilityItem(models.Model):
    """What a facility holds: 图书 3,200册, 乒乓球台 4张."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="items", verbose_name=_("facility"))
    name = models.CharField(_("item"), max_length=40)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("facility item")
        verbose_name_plural = _("facility items")
        ordering = ["facility", "id"]
        constraints = [models.UniqueConstraint(fields=["facility", "name"], name="activities_facility_item_once")]

    def __str__(self) -> str:
        return f"{self.name} {self.quantity}{self.unit}"


class Booking(TimeStamped):
    """A member's slot at a facility on one day. Two confirmed slots of one facility never overlap:
    the service checks it under the facility's row lock."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("facility"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    on = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    people = models.PositiveIntegerField(_("people"), default=1)
    purpose = models.CharField(_("purpose"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["on", "starts_at", "id"]
        indexes = [models.Index(fields=["facility", "on", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="activities_booking_ends_after_start"),
            models.CheckConstraint(condition=Q(people__gte=1), name="activities_booking_someone"),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.on} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
