"""Cadre pages (targets, meetings, plans, disclosures) and the member's notice board."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.utils import timezone

from gonghui.core.files import private_file_response
from gonghui.core.forms import form_submitted
from gonghui.core.history import history_for
from gonghui.core.scoping import default_org, org_from_query, orgs_in_reach

from . import selectors, services
from .choices import DisclosureCategory, MeetingKind, PlanStatus
from .forms import AnswerForm, AttachmentForm, CheckForm, DisclosureForm, MeetingForm, ObjectionForm, PlanForm, RuleForm, TargetForm
from .models import Objection


def _managed_orgs(user):
    orgs = orgs_in_reach(user, action=selectors.VIEW)
    if not orgs.exists():
        raise Http404
    return orgs


def _year(request, org=None) -> int:
    """The year asked for; else the overview's: this year, or the last with meetings when this one has none yet.

    Every governance page opens on the same year, so a chair moving between them in
    January (or in a demo whose records end last year) does not land on an empty list.
    """
    try:
        return int(request.GET["year"])
    except (KeyError, ValueError):
        return selectors.latest_year(org=org or default_org(request.user))


@login_required
def overview(request):
    """One screen for the year: targets and their completion, meetings missed, the plan."""
    orgs = _managed_orgs(request.user)
    org = org_from_query(request)
    scope = org or default_org(request.user)
    year = _year(request, scope)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return render(request, "governance/overview.html", {
        "year": year, "org": org, "orgs": orgs, "scope": scope,
        "targets": selectors.target_list(visible_to=request.user, org=org, year=year),
        "meetings": selectors.meeting_figures(org=scope, start=start, end=end) if scope else None,
        "missing": selectors.missing_meetings(org=scope, start=start, end=end) if scope else [],
        "plans": selectors.plan_list(visible_to=request.user, org=org, year=year),
        "meeting_kinds": MeetingKind.choices,
    })


# ── targets ──────────────────────────────────────────────────────────────────

@login_required
def target_list(request):
    orgs = _managed_orgs(request.user)
    org = org_from_query(request)
    year = _year(request, org)
    return render(request, "governance/target_list.html", {
        "targets": selectors.target_list(visible_to=request.user, org=org, year=year),
        "year": year, "org": org, "orgs": orgs,
    })


@login_required
def target_create(request):
    form = TargetForm(request.POST or None, orgs=_managed_orgs(request.user))
    target = form_submitted(request, form, lambda data: services.target_create(actor=request.user, **data))
    if target:
        messages.success(request, _("Target saved."))
        return redirect("governance:target", pk=target.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New target")})


@login_required
def target_detail(request, pk: int):
    target = selectors.target_get(visible_to=request.user, pk=pk)
    return render(request, "governance/target_detail.html", {
        "target": target, "checks": target.checks.all(), "form": CheckForm(), "history": history_for(target)[:50],
    })


@login_required
def target_edit(request, pk: int):
    target = selectors.target_get(visible_to=request.user, pk=pk)
    form = TargetForm(request.POST or None, instance=target, creating=False)

    def save(data):
        target.refresh_from_db()  # the form wrote onto the instance; the service compares against the stored row
        return services.target_update(actor=request.user, target=target, changes=data)

    if form_submitted(request, form, save):
        messages.success(request, _("Saved."))
        return redirect("governance:target", pk=target.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Edit target"), "cancel_url": reverse("governance:target", args=[target.pk])})


@login_required
def target_check(request, pk: int):
    target = selectors.target_get(visible_to=request.user, pk=pk)
    form = CheckForm(request.POST or None)
    if form_submitted(request, form, lambda data: services.target_check_record(actor=request.user, target=target, **data)):
        messages.success(request, _("Check recorded."))
        return redirect("governance:target", pk=target.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Record a check") + " · " + target.name,
                                                  "cancel_url": reverse("governance:target", args=[target.pk])})


# ── meetings ─────────────────────────────────────────────────────────────────

@login_required
def meeting_list(request):
    orgs = _managed_orgs(request.user)
    org = org_from_query(request)
    year = _year(request, org)
    kind = request.GET.get("kind") if request.GET.get("kind") in MeetingKind.values else None
    return render(request, "governance/meeting_list.html", {
        "meetings": selectors.meeting_list(visible_to=request.user, org=org, kind=kind, year=year),
        "year": year, "org": org, "orgs": orgs, "kind": kind, "kinds": MeetingKind.choices,
    })


@login_required
def meeting_create(request):
    form = MeetingForm(request.POST or None, orgs=_managed_orgs(request.user),
                       initial={"kind": request.GET.get("kind", ""), "date": request.GET.get("date", "")})
    meeting = form_submitted(request, form, lambda data: services.meeting_record(actor=request.user, **data))
    if meeting:
        messages.success(request, _("Meeting recorded."))
        return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Record a meeting")})


@login_required
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get(visible_to=request.user, pk=pk)
    return render(request, "governance/meeting_detail.html", {"meeting": meeting, "history": history_for(meeting)[:50]})


@login_required
def meeting_edit(request, pk: int):
    meeting = selectors.meeting_get(visible_to=request.user, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting, creating=False)

    def save(data):
        meeting.refresh_from_db()  # the form wrote onto the instance; the service compares against the stored row
        return services.meeting_update(actor=request.user, meeting=meeting, **data)

    if form_submitted(request, form, save):
        messages.success(request, _("Saved."))
        return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Minutes and decisions"),
                                                  "cancel_url": reverse("governance:meeting", args=[meeting.pk])})


@login_required
def meeting_missing(request):
    """Which "every quarter" meetings were not held, per org and quarter."""
    orgs = _managed_orgs(request.user)
    org = org_from_query(request)
    scope = org or default_org(request.user)
    year = _year(request, scope)
    return render(request, "governance/meeting_missing.html", {
        "missing": selectors.missing_meetings(org=scope, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)),
        "rules": selectors.meeting_rules(visible_to=request.user, org=org),
        "year": year, "org": org, "orgs": orgs,
    })


@login_required
def meeting_rule_create(request):
    form = RuleForm(request.POST or None, orgs=_managed_orgs(request.user),
                    initial={"since": dt.date(timezone.localdate().year, 1, 1)})
    if request.method == "POST" and form.is_valid():
        services.meeting_rule_set(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("governance:missing")
    return render(request, "core/form.html", {"form": form, "title": _("Every-quarter rule")})


# ── plans ────────────────────────────────────────────────────────────────────

@login_required
def plan_list(request):
    orgs = _managed_orgs(request.user)
    org = org_from_query(request)
    year = _year(request, org)
    return render(request, "governance/plan_list.html", {
        "plans": selectors.plan_list(visible_to=request.user, org=org, year=year),
        "year": year, "org": org, "orgs": orgs, "statuses": PlanStatus.choices,
    })


@login_required
def plan_create(request):
    form = PlanForm(request.POST or None, orgs=_managed_orgs(request.user))
    plan = form_submitted(request, form, lambda data: services.plan_create(actor=request.user, **data))
    if plan:
        messages.success(request, _("Plan item saved."))
        return redirect(f"{reverse('governance:plans')}?year={plan.year}")
    return render(request, "core/form.html", {"form": form, "title": _("New plan item")})


@login_required
def plan_edit(request, pk: int):
    plan = selectors.plan_get(visible_to=request.user, pk=pk)
    form = PlanForm(request.POST or None, instance=plan, creating=False)

    def save(data):
        plan.refresh_from_db()  # the form wrote onto the instance; the service compares against the stored row
        return services.plan_update(actor=request.user, plan=plan, **data)

    if form_submitted(request, form, save):
        messages.success(request, _("Saved."))
        return redirect(f"{reverse('governance:plans')}?year={plan.year}")
    return render(request, "core/form.html", {"form": form, "title": _("Edit plan item"), "history": history_for(plan)[:20]})


@login_required
@require_POST
def plan_status(request, pk: int):
    """The status picker on the list posts here (htmx swaps the row)."""
    plan = selectors.plan_get(visible_to=request.user, pk=pk)
    status = request.POST.get("status")
    if status not in PlanStatus.values:
        raise Http404
    services.plan_set_status(actor=request.user, plan=plan, status=status)
    if request.htmx:
        return render(request, "governance/_plan_row.html", {"p": plan, "statuses": PlanStatus.choices})
    return redirect(f"{reverse('governance:plans')}?year={plan.year}")


# ── disclosures (cadres) ─────────────────────────────────────────────────────

@login_required
def disclosure_list(request):
    orgs = _managed_orgs(request.user)
    category = request.GET.get("category") if request.GET.get("category") in DisclosureCategory.values else None
    org = org_from_query(request)
    return render(request, "governance/disclosure_list.html", {
        "disclosures": selectors.disclosure_list(visible_to=request.user, org=org, category=category), "org": org,
        "orgs": orgs, "category": category, "categories": DisclosureCategory.choices,
    })


@login_required
def disclosure_create(request):
    form = DisclosureForm(request.POST or None, orgs=_managed_orgs(request.user))
    disclosure = form_submitted(request, form, lambda data: services.disclosure_create(actor=request.user, **data))
    if disclosure:
        return redirect("governance:disclosure", pk=disclosure.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New disclosure")})


@login_required
def disclosure_detail(request, pk: int):
    disclosure = selectors.disclosure_get(visible_to=request.user, pk=pk)
    return render(request, "governance/disclosure_detail.html", {
        "d": disclosure, "objections": selectors.objections_of(disclosure), "answer_form": AnswerForm(),
        "attachments": selectors.attachments_of(disclosure), "attachment_form": AttachmentForm(),
        "history": history_for(disclosure)[:30],
    })


@login_required
def disclosure_edit(request, pk: int):
    disclosure = selectors.disclosure_get(visible_to=request.user, pk=pk)
    form = DisclosureForm(request.POST or None, instance=disclosure, creating=False)

    def save(data):
        disclosure.refresh_from_db()  # the form wrote onto the instance; the service compares against the stored row
        return services.disclosure_update(actor=request.user, disclosure=disclosure, **data)

    if form_submitted(request, form, save):
        return redirect("governance:disclosure", pk=disclosure.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Edit disclosure"),
                                                  "cancel_url": reverse("governance:disclosure", args=[disclosure.pk])})


@login_required
@require_POST
def disclosure_publish(request, pk: int):
    disclosure = selectors.disclosure_get(visible_to=request.user, pk=pk)
    try:
        services.disclosure_publish(actor=request.user, disclosure=disclosure)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Published to the members."))
    return redirect("governance:disclosure", pk=disclosure.pk)


@login_required
@require_POST
def objection_answer(request, pk: int, objection_pk: int):
    disclosure = selectors.disclosure_get(visible_to=request.user, pk=pk)
    objection = get_object_or_404(Objection, pk=objection_pk, disclosure=disclosure)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.objection_answer(actor=request.user, objection=objection, answer=form.cleaned_data["answer"])
        messages.success(request, _("Answer sent."))
    return redirect("governance:disclosure", pk=disclosure.pk)


@login_required
@require_POST
def attachment_add(request, pk: int):
    disclosure = selectors.disclosure_get(visible_to=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            attachment = services.disclosure_attachment_add(actor=request.user, disclosure=disclosure, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Attached: %(name)s") % {"name": attachment.name})
    return redirect("governance:disclosure", pk=disclosure.pk)


@login_required
def attachment_file(request, pk: int, attachment_pk: int):
    """A notice's file, for those the notice is published to (and its cadres); 404 for anyone else."""
    return private_file_response(selectors.attachment_get(user=request.user, disclosure_pk=pk, pk=attachment_pk).file)


# ── the member's notice board ────────────────────────────────────────────────

@login_required
def notice_board(request):
    return render(request, "governance/notice_board.html", {
        "disclosures": selectors.disclosures_for_member(request.user)[:100], "today": timezone.localdate(),
    })


@login_required
def notice_read(request, pk: int):
    disclosure = selectors.disclosure_get_for_member(user=request.user, pk=pk)
    today = timezone.localdate()
    open_for_objections = bool(disclosure.notice_until and disclosure.published_on <= today <= disclosure.notice_until)
    form = ObjectionForm(request.POST or None)
    if form_submitted(request, form,
                      lambda data: services.objection_raise(author=request.user, disclosure=disclosure, text=data["text"])):
        messages.success(request, _("Your objection was sent to the union."))
        return redirect("governance:notice", pk=disclosure.pk)
    return render(request, "governance/notice_read.html", {
        "d": disclosure, "form": form, "open": open_for_objections, "attachments": selectors.attachments_of(disclosure),
        "mine": selectors.objections_of(disclosure, user=request.user),
    })
