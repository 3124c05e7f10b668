"""Pages of the workers' voice: members on a phone, cadres at their queue and dashboard.

Views parse, call a selector or a service, and respond; every object is found in the
user's reach (or as the user's own) or the answer is 404.
"""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.files import private_file_response
from gonghui.orgs.selectors import placement_org_list
from gonghui.core.forms import form_add_service_error
from gonghui.core.scoping import org_from_query
from gonghui.core.formatting import format_date
from gonghui.core.history import history_for
from gonghui.core.scoping import default_org, get_in_reach_or_404, in_reach, reach_paths
from gonghui.orgs.forms import org_picker, org_typed
from gonghui.members.selectors import member_of_user

from . import conf, forms, selectors, services
from .choices import DECIDED_STATES, SuggestionStatus
from .exports import xlsx_response
from .models import AnswerTemplate, Theme

PAGE_SIZE = 50


def manager_required(view):
    """Cadre pages: someone who manages nothing gets 404, like anything else out of reach."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if reach_paths(request.user) == []:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


# ---------------------------------------------------------------- members: my voice

@login_required
def mine(request):
    member = member_of_user(request.user)
    if member is None:
        raise Http404
    return render(request, "voice/mine.html", {
        "member": member,
        "suggestions": selectors.suggestions_of(member)[:50],
    })


@login_required
def suggest(request):
    member = member_of_user(request.user)
    if member is None:
        raise Http404
    form = forms.SuggestionForm(request.POST or None, request.FILES or None, themes=selectors.themes_for(member.org))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            suggestion, receipt = services.suggestion_submit(
                actor=request.user, author=member, title=data["title"], body=data["body"], theme=data["theme"], photo=data["photo"],
                anonymous=data["anonymous"], idempotency_key=data["idempotency_key"])
        except ValidationError as exc:
            form_add_service_error(form, exc)
        else:
            if receipt:  # shown once, on this page only: nothing else leads to an anonymous suggestion
                return render(request, "voice/receipt_issued.html", {"receipt": receipt, "suggestion": suggestion})
            messages.success(request, _("Thank you: your suggestion was received."))
            return redirect("voice:suggestion", pk=suggestion.pk)
    return render(request, "voice/suggest.html", {
        "form": form, "anonymous_home": services.anonymous_home(member), "anonymity_min": conf.ANONYMITY_MIN_MEMBERS,
    })


def receipt(request):
    """Anyone with the code reads the status and the answer, and may rate or reopen it."""
    code = (request.POST.get("code") or request.GET.get("code") or "").strip()
    suggestion = selectors.suggestion_by_receipt(code) if code else None
    if request.method == "POST" and suggestion is not None:
        try:
            if request.POST.get("action") == "rate":
                services.suggestion_rate(suggestion=suggestion, rating=request.POST.get("rating", ""))
            elif request.POST.get("action") == "reopen":
                services.suggestion_reopen(suggestion=suggestion, reason=request.POST.get("reason", ""))
            messages.success(request, _("Thank you: your reply was recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(request, "voice/receipt.html", {
        "form": forms.ReceiptForm(initial={"code": code}), "code": code, "suggestion": suggestion,
        "not_found": bool(code) and suggestion is None, "rate_form": forms.RateForm(), "reopen_form": forms.ReopenForm(),
        **_suggestion_loop(suggestion),
    })


def _suggestion_loop(suggestion) -> dict:
    """What the author may do: rate an answer, reopen what is marked implemented."""
    if suggestion is None:
        return {}
    return {"can_rate": suggestion.status in DECIDED_STATES, "can_reopen": suggestion.status == SuggestionStatus.IMPLEMENTED}


# ---------------------------------------------------------------- suggestions

@manager_required
def suggestion_queue(request):
    query = forms.SuggestionFilterForm(request.GET)
    filters = {"org": org_from_query(request), **query.filters()}
    qs = selectors.suggestion_list(visible_to=request.user, **filters)
    if query.wants_xlsx:
        return xlsx_response("suggestions", _("Suggestions"), [
            _("Submitted on"), _("Title"), _("Theme"), _("Organisation"), _("Author"), _("Status"), _("Answer"),
            _("Implementing unit"), _("Saving or benefit (yuan)"), _("Reward (yuan)"), _("Golden idea"), _("Rating"), _("Times reopened"),
        ], ((s.submitted_on, s.title, s.theme or "", s.org.name, s.author.name if s.author else _("anonymous"),
             s.get_status_display(), s.answer, s.implementing_unit, s.saving_yuan, s.reward_yuan,
             _("yes") if s.is_golden else "", s.get_rating_display(), s.reopen_count) for s in qs.iterator()))
    page = Paginator(qs, PAGE_SIZE).get_page(query.value("page"))
    return render(request, "voice/suggestion_queue.html", {
        "page": page, "filters": filters, "statuses": SuggestionStatus.choices, "orgs": placement_org_list(visible_to=request.user),
        "themes": in_reach(Theme.objects.all(), request.user, action="voice.suggestion.view"), "query": request.GET.urlencode(),
    })


@login_required
def suggestion_detail(request, pk: int):
    suggestion, manages = selectors.suggestion_for(user=request.user, pk=pk)
    context = {"suggestion": suggestion, "manages": manages, "rate_form": forms.RateForm(), "reopen_form": forms.ReopenForm(),
               "is_author": bool(suggestion.author and suggestion.author.user_id == request.user.pk)}
    if context["is_author"]:
        context |= _suggestion_loop(suggestion)
    if manages:
        history = history_for(suggestion)
        if suggestion.is_anonymous:  # its day is shown above; the moment it came in is not shown at all
            history = history.exclude(action="create")
        context |= {
            "history": history[:50],
            "decide_form": forms.DecideForm(), "assign_form": forms.AssignForm(), "implement_form": forms.ImplementForm(),
            "templates": selectors.answer_templates_for(suggestion.org, theme_id=suggestion.theme_id),
        }
    return render(request, "voice/suggestion.html", context)


SUGGESTION_ACTIONS = {
    # action: (form, who may do it, service call)
    "review": (None, True, lambda s, u, d: services.suggestion_review(actor=u, suggestion=s)),
    "decide": (forms.DecideForm, True, lambda s, u, d: services.suggestion_decide(actor=u, suggestion=s, **d)),
    "assign": (forms.AssignForm, True, lambda s, u, d: services.suggestion_assign(actor=u, suggestion=s, **d)),
    "implement": (forms.ImplementForm, True, lambda s, u, d: services.suggestion_implement(actor=u, suggestion=s, **d)),
    "promote": (None, True, lambda s, u, d: services.suggestion_promote(actor=u, suggestion=s)),
    "rate": (forms.RateForm, False, lambda s, u, d: services.suggestion_rate(suggestion=s, by=u, **d)),
    "reopen": (forms.ReopenForm, False, lambda s, u, d: services.suggestion_reopen(suggestion=s, by=u, **d)),
}


@login_required
@require_POST
def suggestion_act(request, pk: int, action: str):
    suggestion, manages = selectors.suggestion_for(user=request.user, pk=pk)
    if action not in SUGGESTION_ACTIONS:
        raise Http404
    form_class, for_cadres, call = SUGGESTION_ACTIONS[action]
    if for_cadres != manages and not (manages and suggestion.author and suggestion.author.user_id == request.user.pk):
        raise Http404
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("voice:suggestion", pk=pk)
    try:
        call(suggestion, request.user, form.cleaned_data if form else {})
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("voice:suggestion", pk=pk)


@login_required
def suggestion_photo(request, pk: int):
    suggestion, _manages = selectors.suggestion_for(user=request.user, pk=pk)
    return private_file_response(suggestion.photo)


# ---------------------------------------------------------------- themes and answer templates

@manager_required
def answers(request):
    union = default_org(request.user)
    themes = in_reach(Theme.objects.all(), request.user, action="voice.theme.manage")
    theme_form = forms.ThemeForm(request.POST if request.POST.get("form") == "theme" else None)
    template_form = forms.TemplateForm(request.POST if request.POST.get("form") == "template" else None, themes=themes)
    try:
        if theme_form.is_bound and theme_form.is_valid():
            services.theme_create(actor=request.user, org=union, name=theme_form.cleaned_data["name"],
                                  position=theme_form.cleaned_data["position"] or 0)
            return redirect("voice:answers")
        if template_form.is_bound and template_form.is_valid():
            theme = template_form.cleaned_data["theme"]
            services.answer_template_save(actor=request.user, org=theme.org if theme else union, **template_form.cleaned_data)
            return redirect("voice:answers")
    except ValidationError as exc:
        form_add_service_error(theme_form if theme_form.is_bound else template_form, exc)
    return render(request, "voice/answers.html", {
        "themes": themes, "templates": selectors.answer_template_list(visible_to=request.user),
        "theme_form": theme_form, "template_form": template_form,
    })


@manager_required
@require_POST
def answer_delete(request, pk: int):
    template = get_in_reach_or_404(AnswerTemplate.objects.all(), request.user, action="voice.theme.manage", pk=pk)
    services.answer_template_delete(actor=request.user, template=template)
    return redirect("voice:answers")


# ---------------------------------------------------------------- dashboard

@manager_required
def dashboard(request):
    org = org_from_query(request) or org_typed(request) or default_org(request.user)
    year = forms.YearForm(request.GET).value("year")
    # A federation's figures come from its roll-up, and the page says when they were counted; a union's are live.
    rolled_up = selectors.rolled_up_dashboard(org=org, year=year)
    year = rolled_up.year if rolled_up else year or selectors.latest_year(org=org)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return render(request, "voice/dashboard.html", {
        "org": org, "year": year, "years": range(dt.date.today().year, dt.date.today().year - 5, -1),
        "org_picker": org_picker(org), "counted_at": rolled_up.computed_at if rolled_up else None,
        "s": rolled_up.figures if rolled_up else selectors.suggestion_figures(org=org, start=start, end=end),
        "s_by": rolled_up.breakdown if rolled_up else selectors.suggestion_breakdown(org=org, start=start, end=end),
        "period": f"{format_date(start)}—{format_date(end)}",
    })
