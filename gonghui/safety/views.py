"""Pages of the safety network: a rep reports on a phone, the union forwards and answers, the
network and the hazard census are kept by the cadres.

Views parse, call a selector or a service, and respond; every object is found in the
user's reach (or as the rep's own) or the answer is 404.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.files import private_file_response
from gonghui.core.formatting import format_date
from gonghui.core.forms import form_add_service_error
from gonghui.core.history import history_for
from gonghui.core.scoping import default_org, get_in_reach_or_404, in_reach, org_from_query, orgs_in_reach
from gonghui.members.forms import member_from_form
from gonghui.members.selectors import member_of_user
from gonghui.orgs.selectors import placement_org_list
from gonghui.voice.exports import xlsx_response
from gonghui.voice.selectors import answer_templates_for
from gonghui.voice.views import PAGE_SIZE, manager_required

from . import forms, selectors, services
from .choices import FollowUpKind, OPEN_REPORT_STATES, ReportStatus
from .models import Exposure, FollowUp, HazardPost, SafetyGroup, SafetyRep


# ---------------------------------------------------------------- the rep's own reports

@login_required
def mine(request):
    member = member_of_user(request.user)
    if member is None:
        raise Http404
    return render(request, "safety/mine.html", {
        "appointment": services.open_appointment(member), "reports": selectors.reports_of(member)[:50],
    })


# ---------------------------------------------------------------- safety reports

@login_required
def report_new(request):
    member = member_of_user(request.user)
    if services.open_appointment(member) is None:
        raise Http404
    form = forms.ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.safety_report_submit(actor=request.user, reporter=member, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Thank you: your safety report was received."))
            return redirect("safety:report", pk=report.pk)
    return render(request, "safety/report_new.html", {"form": form})


@manager_required
def report_queue(request):
    query = forms.ReportFilterForm(request.GET)
    filters = {"org": org_from_query(request), **query.filters()}
    qs = selectors.report_list(visible_to=request.user, **filters)
    today = dt.date.today()
    if query.wants_xlsx:
        return xlsx_response("safety-reports", _("Safety reports"), [
            _("Reported on"), _("Place"), _("What is wrong"), _("Severity"), _("Supervision group"), _("Reported by"),
            _("Status"), _("Responsible unit"), _("Deadline"), _("Overdue"), _("What was done"), _("Written answer"),
            _("Answered on"), _("Rating"), _("Times reopened"),
        ], ((r.reported_on, r.place, r.description, r.get_severity_display(), r.group or "", r.reporter.name,
             r.get_status_display(), r.responsible_unit, r.deadline, _("yes") if r.is_overdue(today) else "", r.progress,
             r.answer, r.answered_on, r.get_rating_display(), r.reopen_count) for r in qs.iterator()))
    page = Paginator(qs, PAGE_SIZE).get_page(query.value("page"))
    return render(request, "safety/report_queue.html", {
        "page": page, "filters": filters, "statuses": ReportStatus.choices, "orgs": placement_org_list(visible_to=request.user),
        "groups": in_reach(SafetyGroup.objects.all(), request.user, action="safety.report.view"), "query": request.GET.urlencode(), "today": today,
    })


@login_required
def report_detail(request, pk: int):
    report, manages = selectors.report_for(user=request.user, pk=pk)
    is_reporter = report.reporter.user_id == request.user.pk
    context = {"report": report, "manages": manages, "overdue": report.is_overdue(),
               "rate_form": forms.RateForm(), "reopen_form": forms.ReopenForm(), "is_reporter": is_reporter,
               "can_rate": is_reporter and bool(report.answer), "can_reopen": is_reporter and report.status == ReportStatus.RESOLVED}
    if manages:
        context |= {
            "history": history_for(report)[:50], "forward_form": forms.ForwardForm(), "progress_form": forms.ProgressForm(),
            "answer_form": forms.AnswerForm(), "templates": answer_templates_for(report.org).filter(theme__isnull=True),
            "is_open": report.status in OPEN_REPORT_STATES,
        }
    return render(request, "safety/report.html", context)


REPORT_ACTIONS = {
    "forward": (forms.ForwardForm, True, lambda r, u, d: services.safety_report_forward(actor=u, report=r, **d)),
    "progress": (forms.ProgressForm, True, lambda r, u, d: services.safety_report_progress(actor=u, report=r, **d)),
    "answer": (forms.AnswerForm, True, lambda r, u, d: services.safety_report_answer(actor=u, report=r, **d)),
    "rate": (forms.RateForm, False, lambda r, u, d: services.safety_report_rate(report=r, by=u, **d)),
    "reopen": (forms.ReopenForm, False, lambda r, u, d: services.safety_report_reopen(report=r, by=u, **d)),
}


@login_required
@require_POST
def report_act(request, pk: int, action: str):
    report, manages = selectors.report_for(user=request.user, pk=pk)
    if action not in REPORT_ACTIONS:
        raise Http404
    form_class, for_cadres, call = REPORT_ACTIONS[action]
    if for_cadres != manages and not (manages and report.reporter.user_id == request.user.pk):
        raise Http404
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("safety:report", pk=pk)
    try:
        call(report, request.user, form.cleaned_data)
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("safety:report", pk=pk)


@login_required
def report_photo(request, pk: int):
    report, _manages = selectors.report_for(user=request.user, pk=pk)
    return private_file_response(report.photo)


# ---------------------------------------------------------------- the network

@manager_required
def network(request):
    groups = selectors.safety_groups(visible_to=request.user)
    group_form = forms.GroupForm(request.POST if request.POST.get("form") == "group" else None, orgs=placement_org_list(visible_to=request.user))
    appoint_form = forms.AppointForm(request.POST if request.POST.get("form") == "appoint" else None,
                                     groups=in_reach(SafetyGroup.objects.all(), request.user, action="safety.network.manage"))
    if request.method == "POST":
        try:
            if group_form.is_bound and group_form.is_valid():
                services.safety_group_create(actor=request.user, **group_form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("safety:network")
            if appoint_form.is_bound and appoint_form.is_valid():
                member = member_from_form(appoint_form, visible_to=request.user)
                if member is not None:
                    services.safety_rep_appoint(actor=request.user, group=appoint_form.cleaned_data["group"], member=member,
                                                appointed_on=appoint_form.cleaned_data["appointed_on"])
                    messages.success(request, _("Saved."))
                    return redirect("safety:network")
        except ValidationError as exc:
            form_add_service_error(group_form if group_form.is_bound else appoint_form, exc)
    reps = selectors.safety_reps(visible_to=request.user)
    query = forms.ListFilterForm(request.GET)
    if query.wants_xlsx:
        return xlsx_response("safety-reps", _("Safety reps"), [_("Supervision group"), _("Member"), _("Phone"), _("Appointed on")],
                             ((r.group.name, r.member.name, r.member.phone, r.appointed_on) for r in reps.iterator()))
    return render(request, "safety/network.html", {
        "groups": groups, "reps": Paginator(reps, 100).get_page(query.value("page")),
        "group_form": group_form, "appoint_form": appoint_form,
    })


@manager_required
@require_POST
def rep_end(request, pk: int):
    rep = get_in_reach_or_404(SafetyRep.objects.all(), request.user, action="safety.network.manage", pk=pk)
    try:
        services.safety_rep_end(actor=request.user, rep=rep)
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("safety:network")


# ---------------------------------------------------------------- hazard posts

@manager_required
def hazards(request):
    org = org_from_query(request)
    posts = selectors.hazard_post_list(visible_to=request.user, org=org)
    form = forms.HazardPostForm(request.POST or None, orgs=placement_org_list(visible_to=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            post = services.hazard_post_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            return redirect("safety:hazard", pk=post.pk)
    if forms.ListFilterForm(request.GET).wants_xlsx:
        return xlsx_response("hazard-posts", _("Hazard posts"), [_("Organisation"), _("Post"), _("Hazard factors"),
                             _("Surveyed on"), _("Workers exposed")],
                             ((p.org.name, p.name, "、".join(p.factor_labels()), p.surveyed_on, p.n_exposed) for p in posts))
    return render(request, "safety/hazards.html", {"posts": posts, "form": form, "orgs": placement_org_list(visible_to=request.user),
                                                  "org": org, "query": request.GET.urlencode()})


@manager_required
def hazard_detail(request, pk: int):
    post = get_in_reach_or_404(HazardPost.objects.select_related("org"), request.user, action="safety.hazard.view", pk=pk)
    exposures = post.exposures.select_related("member").order_by("until", "member__name")
    return render(request, "safety/hazard.html", {
        "post": post, "exposures": exposures,
        "follow_ups": FollowUp.objects.filter(exposure__post=post).select_related("exposure__member"),
        "exposure_form": forms.ExposureForm(), "follow_up_kinds": FollowUpKind.choices, "today": dt.date.today(),
        "history": history_for(post)[:20],
    })


@manager_required
@require_POST
def hazard_act(request, pk: int, action: str):
    post = get_in_reach_or_404(HazardPost.objects.all(), request.user, action="safety.hazard.manage", pk=pk)
    try:
        if action == "expose":
            form = forms.ExposureForm(request.POST)
            if form.is_valid() and (member := member_from_form(form, visible_to=request.user)):
                services.exposure_add(actor=request.user, post=post, member=member, since=form.cleaned_data["since"])
            elif form.errors:
                raise ValidationError(form.errors.as_text())
        elif action == "plan":
            form = forms.FollowUpForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Check the follow-up's kind and date."))
            exposure = Exposure.objects.filter(post=post, pk=form.cleaned_data["exposure"]).first()
            if exposure is None:
                raise Http404
            services.follow_up_plan(actor=request.user, exposure=exposure, kind=form.cleaned_data["kind"],
                                    due_on=form.cleaned_data["due_on"], note=form.cleaned_data["note"])
        elif action == "done":
            form = forms.DoneForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Check the date."))
            follow_up = FollowUp.objects.filter(exposure__post=post, pk=form.cleaned_data["follow_up"]).first()
            if follow_up is None:
                raise Http404
            services.follow_up_done(actor=request.user, follow_up=follow_up, done_on=form.cleaned_data["done_on"])
        else:
            raise Http404
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("safety:hazard", pk=pk)


# ---------------------------------------------------------------- dashboard

@manager_required
def dashboard(request):
    org = org_from_query(request) or default_org(request.user)
    year = forms.YearForm(request.GET).value("year") or selectors.latest_year(org=org)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return render(request, "safety/dashboard.html", {
        "org": org, "year": year, "years": range(dt.date.today().year, dt.date.today().year - 5, -1),
        "orgs": orgs_in_reach(request.user, action="safety.report.view"),
        "safety": selectors.safety_figures(org=org, start=start, end=end),
        "safety_by": selectors.safety_breakdown(org=org, start=start, end=end),
        "hazards": selectors.hazard_figures(org=org, start=start, end=end),
        "period": f"{format_date(start)}—{format_date(end)}",
    })
