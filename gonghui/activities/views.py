"""Pages: a member's sign-up and star board (on a phone), and the cadres' lists and forms.

Every view finds its object in the user's reach (or 404), parses the form, calls one service.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.forms import form_submitted
from gonghui.core.history import history_for
from gonghui.core.files import private_file_response
from gonghui.core.scoping import in_reach, org_from_query, orgs_in_reach, own_record

from . import forms, selectors, services
from .choices import HonourStatus, SignupStatus
from .models import Booking, Signup


def _orgs(user, action: str):
    orgs = orgs_in_reach(user, action=action)
    if not orgs.exists():
        raise Http404
    return orgs


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 1900 < int(value) < 2200 else None


def _form_page(request, form, save, *, title: str, done: str, back: str = ""):
    """The one-form page: show it, or on a valid POST call `save` and go to what it returns a URL for."""
    result = form_submitted(request, form, save)
    if result is not None:
        messages.success(request, done)
        return redirect(result)
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": back})


def _refused(request, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


# ── members ──────────────────────────────────────────────────────────────────

@login_required
def join_list(request):
    """The events a member may sign up for, with where they stand on each."""
    member = selectors.member_of(request.user)
    mine = selectors.signups_of(member)
    events = list(selectors.events_open(visible_to=request.user))
    for e in events:
        e.my_signup = mine.get(e.pk)
    past = [e for e in selectors.events_published(visible_to=request.user).filter(pk__in=list(mine)).exclude(
        pk__in=[e.pk for e in events]).order_by("-starts_on")[:20]]
    for e in past:
        e.my_signup = mine.get(e.pk)
    return render(request, "activities/join_list.html", {"events": events, "past": past, "member": member})


@login_required
def join_event(request, pk: int):
    event = selectors.event_get_published(visible_to=request.user, pk=pk)
    member = selectors.member_of(request.user)
    signup = selectors.signup_of(event, member)
    refusal = selectors.signup_refusal(event, member, timezone.localdate()) if member else None
    confirmed = event.signups.filter(status=SignupStatus.CONFIRMED).count()
    ahead = None
    if signup and signup.status == SignupStatus.WAITING:
        ahead = event.signups.filter(status=SignupStatus.WAITING, queued__lt=signup.queued).count()
    return render(request, "activities/join_event.html", {
        "event": event, "member": member, "signup": signup, "refusal": refusal, "confirmed": confirmed, "ahead": ahead,
        "photos": selectors.event_photos(event),
        "free": max(event.capacity - confirmed, 0) if event.capacity else None,
    })


@login_required
@require_POST
def join_signup(request, pk: int):
    event = selectors.event_get_published(visible_to=request.user, pk=pk)
    member = selectors.member_of(request.user)
    if member is None:
        messages.error(request, _("Your login is not linked to a member record."))
        return redirect("activities:join_event", pk=event.pk)
    try:
        signup = services.event_signup(actor=request.user, event=event, member=member)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("You have a place.") if signup.status == SignupStatus.CONFIRMED
                         else _("The event is full: you are on the waiting list."))
    return redirect("activities:join_event", pk=event.pk)


@login_required
@require_POST
def join_cancel(request, pk: int):
    event = selectors.event_get_published(visible_to=request.user, pk=pk)
    signup = selectors.signup_of(event, selectors.member_of(request.user))
    if signup is not None:
        try:
            services.event_signup_cancel(actor=request.user, signup=signup)
            messages.success(request, _("Your sign-up is cancelled."))
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("activities:join_event", pk=event.pk)


@login_required
def honour_roll(request):
    """明星榜: the honours of the member's union (and above), newest year first."""
    year = _year(request)
    honours = selectors.honour_roll(visible_to=request.user, year=year)
    years = sorted(set(selectors.honour_roll(visible_to=request.user).values_list("year", flat=True)), reverse=True)
    return render(request, "activities/honour_roll.html", {"honours": honours[:500], "year": year, "years": years,
                                                            "total": honours.count()})


# ── events (cadres) ──────────────────────────────────────────────────────────

@login_required
def event_list(request):
    orgs = _orgs(request.user, selectors.EVENT)
    org, year = org_from_query(request), _year(request)
    return render(request, "activities/event_list.html", {
        "events": selectors.event_list(visible_to=request.user, org=org, year=year)[:300], "orgs": orgs, "org": org, "year": year,
    })


@login_required
def event_create(request):
    orgs = _orgs(request.user, selectors.EVENT)
    form = forms.EventForm(request.POST or None, orgs=orgs)

    def save(data):
        return reverse("activities:event", args=[services.event_create(actor=request.user, **data).pk])

    return _form_page(request, form, save, title=_("New event"), done=_("Event saved."), back=reverse("activities:events"))


@login_required
def event_detail(request, pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    signups = list(selectors.event_signups(event))
    confirmed = [s.member for s in signups if s.status == SignupStatus.CONFIRMED]
    return render(request, "activities/event_detail.html", {
        "event": event, "signups": signups, "results": event.results.select_related("member"),
        "attendance_form": forms.AttendanceForm(members=_confirmed_members(event),
                                                initial={"attended": [m.pk for m in confirmed]}),
        "history": history_for(event)[:30], "photos": selectors.event_photos(event), "photo_form": forms.PhotoForm(),
    })


def _confirmed_members(event):
    from gonghui.members.models import Member

    return Member.objects.filter(pk__in=event.signups.filter(status=SignupStatus.CONFIRMED).values("member")).select_related("org")


@login_required
def event_cancel(request, pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    form = forms.ReasonForm(request.POST or None)

    def save(data):
        services.event_cancel(actor=request.user, event=event, reason=data["reason"])
        return reverse("activities:event", args=[event.pk])

    return _form_page(request, form, save, title=_("Call off the event") + " · " + event.title,
                      done=_("The event is called off; those signed up have been told."),
                      back=reverse("activities:event", args=[event.pk]))


@login_required
@require_POST
def event_attendance(request, pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    form = forms.AttendanceForm(request.POST, members=_confirmed_members(event))
    if form.is_valid():
        try:
            services.event_attendance_take(actor=request.user, event=event, attended=[m.pk for m in form.cleaned_data["attended"]],
                                           cost_yuan=form.cleaned_data["cost_yuan"], participants=form.cleaned_data["participants"])
            messages.success(request, _("Attendance recorded."))
        except ValidationError as exc:
            _refused(request, exc)
    else:
        messages.error(request, _("Check the attendance form."))
    return redirect("activities:event", pk=event.pk)


@login_required
def event_result(request, pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    form = forms.ResultForm(request.POST or None, members=_confirmed_members(event))

    def save(data):
        services.event_result_record(actor=request.user, event=event, **data)
        return reverse("activities:event", args=[event.pk])

    return _form_page(request, form, save, title=_("Record a prize") + " · " + event.title, done=_("Prize recorded."),
                      back=reverse("activities:event", args=[event.pk]))


@login_required
@require_POST
def event_signup_cancel(request, pk: int, signup_pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    signup = Signup.objects.filter(event=event, pk=signup_pk).select_related("member").first()
    if signup is None:
        raise Http404
    try:
        services.event_signup_cancel(actor=request.user, signup=signup)
        messages.success(request, _("The sign-up is cancelled."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("activities:event", pk=event.pk)


# ── honours ──────────────────────────────────────────────────────────────────

@login_required
def honour_list(request):
    orgs = _orgs(request.user, selectors.HONOUR)
    org, year = org_from_query(request), _year(request)
    status = request.GET.get("status") if request.GET.get("status") in HonourStatus.values else None
    honours = selectors.honour_list(visible_to=request.user, org=org, year=year, status=status)
    return render(request, "activities/honour_list.html", {
        "honours": honours[:500], "total": honours.count(), "orgs": orgs, "org": org, "year": year, "status": status,
        "statuses": HonourStatus.choices, "today": timezone.localdate(),
    })


@login_required
def honour_create(request):
    orgs = _orgs(request.user, selectors.HONOUR)
    form = forms.HonourForm(request.POST or None, orgs=orgs)

    def save(data):
        rows = services.honours_nominate(actor=request.user, **data)
        return reverse("activities:honours") + f"?year={rows[0].year}&status=nominated"

    return _form_page(request, form, save, title=_("Nominate for an honour"), done=_("Nominations saved."),
                      back=reverse("activities:honours"))


@login_required
@require_POST
def honour_batch(request):
    """Put ticked nominations up for public notice, or award those whose notice is over."""
    posted = request.POST.copy()
    posted["ids"] = " ".join(request.POST.getlist("ids"))
    form = forms.HonourBatchForm(posted)
    back = request.POST.get("back", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("activities:honours")  # only back to a page of this site
    if not form.is_valid():
        messages.error(request, _("Pick the honours and the dates."))
        return redirect(back)
    data = form.cleaned_data
    honours = list(in_reach(selectors.honour_list(visible_to=request.user), request.user,
                            action=selectors.HONOUR).filter(pk__in=data["ids"]))
    if not honours:
        raise Http404
    try:
        if data["action"] == "publicise":
            if not (data["notice_from"] and data["notice_until"]):
                raise ValidationError(_("Give the notice period."))
            n = services.honours_publicise(actor=request.user, honours=honours, notice_from=data["notice_from"],
                                           notice_until=data["notice_until"])
            messages.success(request, _("%(n)s put up for public notice.") % {"n": n})
        else:
            n = services.honours_award(actor=request.user, honours=honours, on=data["on"] or timezone.localdate())
            messages.success(request, _("%(n)s awarded.") % {"n": n})
    except ValidationError as exc:
        _refused(request, exc)
    return redirect(back)


@login_required
def honour_withdraw(request, pk: int):
    honour = selectors.honour_get(visible_to=request.user, pk=pk)
    form = forms.ReasonForm(request.POST or None)

    def save(data):
        services.honour_withdraw(actor=request.user, honour=honour, reason=data["reason"])
        return reverse("activities:honours")

    return _form_page(request, form, save, title=_("Withdraw the nomination") + " · " + str(honour),
                      done=_("Nomination withdrawn."), back=reverse("activities:honours"))


# ── innovation ───────────────────────────────────────────────────────────────

def _adopted_suggestions(user):
    from gonghui.voice.choices import ADOPTED_STATES
    from gonghui.voice.models import Suggestion

    return in_reach(Suggestion.objects.filter(status__in=ADOPTED_STATES), user).order_by("-submitted_on")[:200]


@login_required
def innovation_list(request):
    orgs = _orgs(request.user, selectors.INNOVATION)
    org, year = org_from_query(request), _year(request)
    return render(request, "activities/innovation_list.html", {
        "innovations": selectors.innovation_list(visible_to=request.user, org=org, year=year)[:300],
        "patents": selectors.patent_list(visible_to=request.user, org=org)[:300], "orgs": orgs, "org": org, "year": year,
    })


@login_required
def innovation_create(request):
    orgs = _orgs(request.user, selectors.INNOVATION)
    from gonghui.voice.models import Suggestion

    suggestions = Suggestion.objects.filter(pk__in=[s.pk for s in _adopted_suggestions(request.user)])
    form = forms.InnovationForm(request.POST or None, orgs=orgs, suggestions=suggestions)

    def save(data):
        return reverse("activities:innovation", args=[services.innovation_record(actor=request.user, **data).pk])

    return _form_page(request, form, save, title=_("Record an innovation"), done=_("Innovation saved."),
                      back=reverse("activities:innovations"))


@login_required
def innovation_detail(request, pk: int):
    innovation = selectors.innovation_get(visible_to=request.user, pk=pk)
    return render(request, "activities/innovation_detail.html", {
        "innovation": innovation, "awards": innovation.awards.all(), "patents": innovation.patents.all(),
        "advance_form": forms.AdvanceForm(initial={"status": innovation.status}), "history": history_for(innovation)[:30],
    })


@login_required
@require_POST
def innovation_advance(request, pk: int):
    innovation = selectors.innovation_get(visible_to=request.user, pk=pk)
    form = forms.AdvanceForm(request.POST)
    if form.is_valid():
        try:
            services.innovation_advance(actor=request.user, innovation=innovation, status=form.cleaned_data["status"])
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("activities:innovation", pk=innovation.pk)


@login_required
def innovation_award(request, pk: int):
    innovation = selectors.innovation_get(visible_to=request.user, pk=pk)
    form = forms.AwardForm(request.POST or None)

    def save(data):
        services.innovation_award_record(actor=request.user, innovation=innovation, **data)
        return reverse("activities:innovation", args=[innovation.pk])

    return _form_page(request, form, save, title=_("Record an appraisal, award or grant") + " · " + innovation.title,
                      done=_("Saved."), back=reverse("activities:innovation", args=[innovation.pk]))


@login_required
def patent_create(request):
    orgs = _orgs(request.user, selectors.INNOVATION)
    innovations = selectors.innovation_list(visible_to=request.user)
    form = forms.PatentForm(request.POST or None, orgs=orgs, innovations=innovations,
                            initial={"innovation": request.GET.get("innovation")})

    def save(data):
        services.patent_file(actor=request.user, **data)
        return reverse("activities:innovations")

    return _form_page(request, form, save, title=_("Record a patent application"), done=_("Patent saved."),
                      back=reverse("activities:innovations"))


@login_required
def patent_grant(request, pk: int):
    patent = selectors.patent_get(visible_to=request.user, pk=pk)
    form = forms.GrantForm(request.POST or None, initial={"number": patent.number})

    def save(data):
        services.patent_grant(actor=request.user, patent=patent, **data)
        return reverse("activities:innovations")

    return _form_page(request, form, save, title=_("Record the grant") + " · " + patent.title, done=_("Saved."),
                      back=reverse("activities:innovations"))


# ── competitions ─────────────────────────────────────────────────────────────

@login_required
def competition_list(request):
    orgs = _orgs(request.user, selectors.COMPETITION)
    org, year = org_from_query(request), _year(request)
    return render(request, "activities/competition_list.html", {
        "competitions": selectors.competition_list(visible_to=request.user, org=org, year=year)[:300],
        "orgs": orgs, "org": org, "year": year,
    })


@login_required
def competition_create(request):
    orgs = _orgs(request.user, selectors.COMPETITION)
    form = forms.CompetitionForm(request.POST or None, orgs=orgs)

    def save(data):
        return reverse("activities:competition", args=[services.competition_create(actor=request.user, **data).pk])

    return _form_page(request, form, save, title=_("New competition"), done=_("Competition saved."),
                      back=reverse("activities:competitions"))


@login_required
def competition_detail(request, pk: int):
    competition = selectors.competition_get(visible_to=request.user, pk=pk)
    indicators = list(competition.indicators.all())
    entrants = selectors.competition_table(competition)
    for e in entrants:
        e.cells = [e.figures.get(i.pk, []) for i in indicators]
    return render(request, "activities/competition_detail.html", {
        "competition": competition, "indicators": indicators, "entrants": entrants,
        "score_form": forms.ScoreForm(competition=competition), "winner_form": forms.WinnerForm(competition=competition),
        "history": history_for(competition)[:30],
    })


@login_required
@require_POST
def competition_score(request, pk: int):
    competition = selectors.competition_get(visible_to=request.user, pk=pk)
    form = forms.ScoreForm(request.POST, competition=competition)
    if form.is_valid():
        try:
            services.competition_score_record(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Figure recorded."))
        except ValidationError as exc:
            _refused(request, exc)
    else:
        messages.error(request, _("Check the figure."))
    return redirect("activities:competition", pk=competition.pk)


@login_required
@require_POST
def competition_finish(request, pk: int):
    competition = selectors.competition_get(visible_to=request.user, pk=pk)
    try:
        services.competition_finish(actor=request.user, competition=competition)
        messages.success(request, _("The competition is finished and ranked."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("activities:competition", pk=competition.pk)


@login_required
@require_POST
def competition_winner(request, pk: int):
    competition = selectors.competition_get(visible_to=request.user, pk=pk)
    form = forms.WinnerForm(request.POST, competition=competition)
    if form.is_valid():
        try:
            services.competition_winner_name(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Winner named."))
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("activities:competition", pk=competition.pk)


# ── mentorships and courses ─────────────────────────────────────────────────

@login_required
def mentorship_list(request):
    orgs = _orgs(request.user, selectors.MENTORSHIP)
    org, year = org_from_query(request), _year(request)
    unchecked = set(selectors.mentorships_unchecked(visible_to=request.user).values_list("pk", flat=True))
    return render(request, "activities/mentorship_list.html", {
        "pairs": selectors.mentorship_list(visible_to=request.user, org=org)[:300], "unchecked": unchecked,
        "courses": selectors.course_list(visible_to=request.user, org=org, year=year)[:300],
        "orgs": orgs, "org": org, "year": year, "cap": selectors.mentor_cap(org or orgs.first()),
    })


@login_required
def mentorship_create(request):
    orgs = _orgs(request.user, selectors.MENTORSHIP)
    form = forms.MentorshipForm(request.POST or None, orgs=orgs)

    def save(data):
        return reverse("activities:mentorship", args=[services.mentorship_agree(actor=request.user, **data).pk])

    return _form_page(request, form, save, title=_("Record a mentor agreement"), done=_("Agreement saved."),
                      back=reverse("activities:mentorships"))


@login_required
def rules_edit(request):
    orgs = _orgs(request.user, selectors.MENTORSHIP)
    form = forms.RulesForm(request.POST or None, orgs=orgs, initial={"mentor_cap": selectors.mentor_cap(orgs.first())})

    def save(data):
        services.union_rules_set(actor=request.user, **data)
        return reverse("activities:mentorships")

    return _form_page(request, form, save, title=_("Apprentices per mentor"), done=_("Saved."),
                      back=reverse("activities:mentorships"))


@login_required
def mentorship_detail(request, pk: int):
    pair = selectors.mentorship_get(visible_to=request.user, pk=pk)
    return render(request, "activities/mentorship_detail.html", {
        "pair": pair, "checks": pair.checks.all(), "history": history_for(pair)[:30],
    })


@login_required
def mentorship_check(request, pk: int):
    pair = selectors.mentorship_get(visible_to=request.user, pk=pk)
    form = forms.ProgressForm(request.POST or None, initial={"on": timezone.localdate()})

    def save(data):
        services.mentorship_check(actor=request.user, mentorship=pair, **data)
        return reverse("activities:mentorship", args=[pair.pk])

    return _form_page(request, form, save, title=_("Record a progress check") + " · " + str(pair), done=_("Saved."),
                      back=reverse("activities:mentorship", args=[pair.pk]))


@login_required
def mentorship_close(request, pk: int):
    pair = selectors.mentorship_get(visible_to=request.user, pk=pk)
    form = forms.CloseForm(request.POST or None)

    def save(data):
        services.mentorship_close(actor=request.user, mentorship=pair, **data)
        return reverse("activities:mentorship", args=[pair.pk])

    return _form_page(request, form, save, title=_("Close the agreement") + " · " + str(pair), done=_("Saved."),
                      back=reverse("activities:mentorship", args=[pair.pk]))


@login_required
def course_create(request):
    orgs = _orgs(request.user, selectors.COURSE)
    form = forms.CourseForm(request.POST or None, orgs=orgs)

    def save(data):
        return reverse("activities:course", args=[services.course_plan(actor=request.user, **data).pk])

    return _form_page(request, form, save, title=_("Plan a course"), done=_("Course saved."),
                      back=reverse("activities:mentorships"))


def _course_members(course):
    return selectors.members_under(course.org).select_related("org").order_by("org__path", "name")


@login_required
def course_detail(request, pk: int):
    course = selectors.course_get(visible_to=request.user, pk=pk)
    trainees = list(course.trainees.select_related("member", "member__org"))
    from gonghui.members.models import Member

    on_list = Member.objects.filter(pk__in=[t.member_id for t in trainees]).select_related("org")
    return render(request, "activities/course_detail.html", {
        "course": course, "trainees": trainees,
        "enrol_form": forms.EnrolForm(members=_course_members(course).exclude(pk__in=[t.member_id for t in trainees])[:500]),
        "hold_form": forms.HoldForm(members=on_list, initial={"held_on": course.planned_on}),
        "history": history_for(course)[:30],
    })


@login_required
@require_POST
def course_enrol(request, pk: int):
    course = selectors.course_get(visible_to=request.user, pk=pk)
    form = forms.EnrolForm(request.POST, members=_course_members(course))
    if form.is_valid():
        try:
            n = services.course_enrol(actor=request.user, course=course, members=form.cleaned_data["members"])
            messages.success(request, _("%(n)s added to the course.") % {"n": n})
        except ValidationError as exc:
            _refused(request, exc)
    return redirect("activities:course", pk=course.pk)


@login_required
@require_POST
def course_hold(request, pk: int):
    course = selectors.course_get(visible_to=request.user, pk=pk)
    from gonghui.members.models import Member

    form = forms.HoldForm(request.POST, members=Member.objects.filter(pk__in=course.trainees.values("member")))
    if form.is_valid():
        try:
            services.course_hold(actor=request.user, course=course, held_on=form.cleaned_data["held_on"],
                                 attended=[m.pk for m in form.cleaned_data["attended"]])
            messages.success(request, _("The course is recorded as held."))
        except ValidationError as exc:
            _refused(request, exc)
    else:
        messages.error(request, _("Give the date the course was held."))
    return redirect("activities:course", pk=course.pk)


@login_required
@require_POST
def course_results(request, pk: int):
    """The test's scores, one field per trainee who attended (score_<member id>)."""
    from decimal import Decimal, InvalidOperation

    course = selectors.course_get(visible_to=request.user, pk=pk)
    scores = {}
    for key, value in request.POST.items():
        if key.startswith("score_") and key[6:].isdigit() and value.strip():
            try:
                scores[int(key[6:])] = Decimal(value.strip())
            except InvalidOperation:
                messages.error(request, _("A score must be a number."))
                return redirect("activities:course", pk=course.pk)
    try:
        n = services.course_results_record(actor=request.user, course=course, scores=scores)
        messages.success(request, _("Results recorded: %(n)s passed.") % {"n": n})
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("activities:course", pk=course.pk)


# ── event photos and the event's cost ───────────────────────────────────────

def _body_too_large(request, limit: int) -> bool:
    """Whether the request body is larger than `limit` plus room for the form, read from its header before any byte."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024
    except ValueError:
        return True


@login_required
@require_POST
def event_photo_upload(request, pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    if _body_too_large(request, services.PHOTO_MAX_BYTES):
        messages.error(request, _("A photo may be at most %(mb)s MB.") % {"mb": services.PHOTO_MAX_BYTES // (1024 * 1024)})
        return redirect("activities:event", pk=event.pk)
    form = forms.PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo to upload."))
        return redirect("activities:event", pk=event.pk)
    try:
        services.event_photo_add(actor=request.user, event=event, upload=form.cleaned_data["photo"],
                                 caption=form.cleaned_data["caption"])
        messages.success(request, _("Photo added."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("activities:event", pk=event.pk)


@login_required
@require_POST
def event_photo_remove(request, pk: int, photo_pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    photo = event.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    services.event_photo_remove(actor=request.user, photo=photo)
    messages.success(request, _("Photo removed."))
    return redirect("activities:event", pk=event.pk)


@login_required
def event_photo(request, photo_pk: int):
    """The photo itself, for those the event is published to and the cadres who reach it."""
    return private_file_response(selectors.event_photo_published(visible_to=request.user, pk=photo_pk).image)


@login_required
def event_cost_pay(request, pk: int):
    event = selectors.event_get(visible_to=request.user, pk=pk)
    form = forms.CostPayForm(request.POST or None)

    def save(data):
        services.event_cost_pay(actor=request.user, event=event, subline=data["subline"], on=data["on"])
        return reverse("activities:event", args=[event.pk])

    return _form_page(request, form, save, title=_("Pay the event's cost") + " · " + event.title,
                      done=_("The cost is paid out of the union's books."), back=reverse("activities:event", args=[event.pk]))


# ── facilities: members book on a phone; cadres keep them ────────────────────

def _monday(request) -> dt.date:
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = today
    if not 1900 < day.year < 2200:
        day = today
    return day - dt.timedelta(days=day.weekday())


@login_required
def room_list(request):
    """The union's facilities a member may book, what they hold and when they open, and the member's bookings."""
    member = selectors.member_of(request.user)
    return render(request, "activities/room_list.html", {
        "facilities": selectors.facilities_published(visible_to=request.user),
        "mine": selectors.bookings_of(member), "member": member,
    })


@login_required
def room_detail(request, pk: int):
    facility = selectors.facility_get_published(visible_to=request.user, pk=pk)
    member = selectors.member_of(request.user)
    today = timezone.localdate()
    form = forms.BookingForm(request.POST or None, initial={"on": today, "starts_at": facility.opens_at})

    def save(data):
        if member is None:
            raise ValidationError(_("Your login is not linked to a member record."))
        services.facility_book(actor=request.user, facility=facility, member=member, **data)
        return reverse("activities:room", args=[facility.pk])

    result = form_submitted(request, form, save)
    if result is not None:
        messages.success(request, _("Booked."))
        return redirect(result)
    days = [today + dt.timedelta(days=i) for i in range(7)]
    taken = selectors.bookings_on(facility, days)
    return render(request, "activities/room_detail.html", {
        "facility": facility, "form": form, "member": member, "days": [(d, taken[d]) for d in days],
        "mine": selectors.bookings_of(member).filter(facility=facility),
    })


@login_required
@require_POST
def room_cancel(request, booking_pk: int):
    booking = own_record(Booking.objects.filter(pk=booking_pk), request.user).first()
    if booking is None:
        raise Http404
    try:
        services.booking_cancel(actor=request.user, booking=booking)
        messages.success(request, _("Your booking is cancelled."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("activities:rooms")


@login_required
def facility_list(request):
    orgs = _orgs(request.user, selectors.FACILITY)
    org = org_from_query(request)
    return render(request, "activities/facility_list.html", {
        "facilities": selectors.facility_list(visible_to=request.user, org=org), "orgs": orgs, "org": org})


@login_required
def facility_create(request):
    orgs = _orgs(request.user, selectors.FACILITY)
    form = forms.FacilityForm(request.POST or None, orgs=orgs)

    def save(data):
        services.facility_create(actor=request.user, **data)
        return reverse("activities:facilities")

    return _form_page(request, form, save, title=_("New facility"), done=_("Facility saved."),
                      back=reverse("activities:facilities"))


@login_required
def facility_edit(request, pk: int):
    facility = selectors.facility_get(visible_to=request.user, pk=pk)
    form = forms.FacilityEditForm(request.POST or None, facility=facility)

    def save(data):
        items = data.pop("items")
        services.facility_update(actor=request.user, facility=facility, changes=data, items=items)
        return reverse("activities:facilities")

    return _form_page(request, form, save, title=_("Edit the facility") + " · " + facility.name, done=_("Facility saved."),
                      back=reverse("activities:facilities"))


@login_required
def facility_week(request):
    """The cadre's week: every facility in reach, each day's bookings with who booked."""
    _orgs(request.user, selectors.FACILITY)
    monday = _monday(request)
    facilities, days, grid = selectors.facility_week(visible_to=request.user, monday=monday, org=org_from_query(request))
    rows = [(f, [(d, grid.get((f.pk, d), [])) for d in days]) for f in facilities]
    return render(request, "activities/facility_week.html", {
        "rows": rows, "days": days, "monday": monday, "sunday": days[-1], "previous": monday - dt.timedelta(days=7),
        "next": monday + dt.timedelta(days=7)})


@login_required
@require_POST
def facility_booking_cancel(request, booking_pk: int):
    booking = in_reach(Booking.objects.filter(pk=booking_pk), request.user, via="facility__org",
                       action=selectors.FACILITY).first()
    if booking is None:
        raise Http404
    try:
        services.booking_cancel(actor=request.user, booking=booking)
        messages.success(request, _("The booking is cancelled."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect(reverse("activities:facility_week") + f"?week={booking.on.isoformat()}")
