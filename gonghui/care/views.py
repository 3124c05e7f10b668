"""Care pages: hardship files, visits, aid and the union's care settings. Each view finds what it
names in the user's reach (or 404), validates the form, calls the service and answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.forms import form_add_service_error, form_submitted
from gonghui.core.history import history_for
from gonghui.core.scoping import may, org_from_query, orgs_in_reach
from gonghui.members.forms import member_from_form

from . import selectors, services
from .choices import AidStatus, CaseStatus, Level, Occasion, ServiceKind, TalkKind
from .forms import AidForm, CaseForm, CloseForm, RecheckForm, ServiceForm, SettingsForm, TalkFilterForm, TalkForm, VisitForm


def _year(request) -> int:
    try:
        return int(request.GET["year"])
    except (KeyError, ValueError):
        return timezone.localdate().year


def _figures(data) -> dict:
    return {k: data.get(k) or 0 for k in ("household_size", "income", "essential_spending", "hardship_costs")} | {
        "major_accident": bool(data.get("major_accident"))}


@login_required
def cases(request):
    if not orgs_in_reach(request.user, action="care.case.view").exists():
        raise Http404
    qs = selectors.case_list(visible_to=request.user, status=request.GET.get("status") or None,
                             level=request.GET.get("level") or None)
    if request.GET.get("due"):
        qs = selectors.due_for_recheck(qs, year=timezone.localdate().year)
    return render(request, "care/case_list.html", {"cases": qs[:500], "levels": Level.choices, "statuses": CaseStatus.choices,
                                                   "year": timezone.localdate().year})


@login_required
def case_create(request):
    if not orgs_in_reach(request.user, action="care.case.manage").exists():
        raise Http404
    form = CaseForm(request.POST or None)

    def save(data):
        member = member_from_form(form, visible_to=request.user)
        if member is None:
            return None
        return services.case_open(actor=request.user, member=member, kind=data["kind"], reason=data["reason"],
                                  opened_on=data["opened_on"], **_figures(data))

    case = form_submitted(request, form, save)
    if case:
        messages.success(request, _("Hardship file opened: %(level)s.") % {"level": case.get_level_display()})
        return redirect("care:case", pk=case.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New hardship file"), "cancel_url": reverse("care:cases")})


@login_required
def case_detail(request, pk: int):
    case = selectors.case_get(visible_to=request.user, pk=pk)
    may_unmask = may(request.user, "care.case.unmask", case.org)
    # masked unless the chair asks (?reveal=1): each look is logged, like an ID number's
    figures = services.case_figures_reveal(actor=request.user, case=case) if may_unmask and request.GET.get("reveal") else None
    return render(request, "care/case_detail.html", {
        "case": case, "figures": figures, "may_unmask": may_unmask, "checks": case.checks.all(),
        "aid": case.aid.all(), "close_form": CloseForm(), "history": history_for(case)[:30],
    })


@login_required
def case_recheck(request, pk: int):
    case = selectors.case_get(visible_to=request.user, pk=pk)
    form = RecheckForm(request.POST or None, initial={"household_size": case.household_size})
    done = form_submitted(request, form, lambda data: services.case_recheck(
        actor=request.user, case=case, date=data["date"], note=data.get("note", ""), **_figures(data)))
    if done:
        messages.success(request, _("Re-check recorded."))
        return redirect("care:case", pk=case.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Yearly re-check") + " · " + case.member.name,
                                              "cancel_url": reverse("care:case", args=[case.pk])})


@login_required
@require_POST
def case_close(request, pk: int):
    case = selectors.case_get(visible_to=request.user, pk=pk)
    form = CloseForm(request.POST)
    if form_submitted(request, form, lambda data: services.case_close(actor=request.user, case=case, reason=data["reason"])):
        messages.success(request, _("File closed."))
    else:
        messages.error(request, _("Say why the file is closed."))
    return redirect("care:case", pk=case.pk)


@login_required
def visits(request):
    if not orgs_in_reach(request.user, action="care.visit.view").exists():
        raise Http404
    year = _year(request)
    qs = selectors.visit_list(visible_to=request.user, year=year, occasion=request.GET.get("occasion") or None)
    return render(request, "care/visit_list.html", {"visits": qs[:500], "year": year, "occasions": Occasion.choices})


@login_required
def visit_create(request):
    orgs = orgs_in_reach(request.user, action="care.visit.record")
    if not orgs.exists():
        raise Http404
    form = VisitForm(request.POST or None, orgs=orgs)

    def save(data):
        member = None
        if data.get("member"):
            member = member_from_form(form, visible_to=request.user, org=data["org"])
            if member is None:
                return None
        return services.visit_record(
            actor=request.user, org=data["org"], occasion=data["occasion"], date=data["date"], visitee_kind=data["visitee_kind"],
            member=member, visitee_name=data.get("visitee_name", ""), visitors=data["visitors"], cash=data.get("cash") or 0,
            goods=data.get("goods", ""), goods_value=data.get("goods_value") or 0, idempotency_key=data["idempotency_key"])

    visit = form_submitted(request, form, save)
    if visit:
        messages.success(request, _("Visit recorded."))
        return redirect("care:visit", pk=visit.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Record a visit"), "cancel_url": reverse("care:visits")})


@login_required
def visit_detail(request, pk: int):
    visit = selectors.visit_get(visible_to=request.user, pk=pk)
    return render(request, "care/visit_detail.html", {"visit": visit, "history": history_for(visit)[:20]})


@login_required
def care_services(request):
    if not orgs_in_reach(request.user, action="care.visit.view").exists():
        raise Http404
    year = _year(request)
    qs = selectors.service_list(visible_to=request.user, year=year, kind=request.GET.get("kind") or None)
    return render(request, "care/service_list.html", {
        "services": qs[:500], "year": year, "kinds": ServiceKind.choices,
        "may_record": orgs_in_reach(request.user, action="care.visit.record").exists()})


@login_required
def care_service_create(request):
    orgs = orgs_in_reach(request.user, action="care.visit.record")
    if not orgs.exists():
        raise Http404
    form = ServiceForm(request.POST or None, orgs=orgs)

    def save(data):
        member = None
        if data.get("member"):
            member = member_from_form(form, visible_to=request.user, org=data["org"])
            if member is None:
                return None
        return services.care_service_record(actor=request.user, org=data["org"], kind=data["kind"], date=data["date"],
                                            people=data["people"], member=member, note=data.get("note", ""),
                                            idempotency_key=data["idempotency_key"])

    if form_submitted(request, form, save):
        messages.success(request, _("Care recorded."))
        return redirect(f"{reverse('care:services')}?year={form.cleaned_data['date'].year}")
    return render(request, "core/form.html", {"form": form, "title": _("Record everyday care"), "cancel_url": reverse("care:services")})


@login_required
def aid(request):
    if not orgs_in_reach(request.user, action="care.aid.view").exists():
        raise Http404
    year = _year(request)
    qs = selectors.aid_list(visible_to=request.user, year=year, status=request.GET.get("status") or None)
    return render(request, "care/aid_list.html", {"payments": qs[:500], "year": year, "statuses": AidStatus.choices})


@login_required
def aid_create(request):
    if not orgs_in_reach(request.user, action="care.aid.pay").exists():
        raise Http404
    form = AidForm(request.POST or None)

    def save(data):
        member = member_from_form(form, visible_to=request.user)
        if member is None:
            return None
        case = selectors.case_list(visible_to=request.user, status=CaseStatus.OPEN).filter(member=member).first()
        return services.aid_pay(actor=request.user, member=member, kind=data["kind"], date=data["date"], case=case,
                                amount=data.get("amount") or 0, goods=data.get("goods", ""),
                                goods_value=data.get("goods_value") or 0, idempotency_key=data["idempotency_key"])

    payment = form_submitted(request, form, save)
    if payment:
        if payment.status == AidStatus.REFUSED:
            messages.error(request, payment.refusal)
        else:
            messages.success(request, _("Aid paid."))
        return redirect("care:aid_payment", pk=payment.pk)
    return render(request, "core/form.html", {"form": form, "title": _("Pay aid"), "cancel_url": reverse("care:aid")})


@login_required
def aid_detail(request, pk: int):
    payment = selectors.aid_get(visible_to=request.user, pk=pk)
    return render(request, "care/aid_detail.html", {"payment": payment, "history": history_for(payment)[:20]})


TALKS_PAGE = 50


@login_required
def talks(request):
    """谈心家访: the union's cadres record and read them; anyone else gets 404."""
    if not orgs_in_reach(request.user, action="care.talk.view").exists():
        raise Http404
    query = TalkFilterForm(request.GET)
    qs = selectors.talk_list(visible_to=request.user, org=org_from_query(request), **query.filters())
    form = TalkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = member_from_form(form, visible_to=request.user)
        data = {k: v for k, v in form.cleaned_data.items() if k != "member"}
        if member is not None:
            try:
                services.talk_record(actor=request.user, member=member, **data)
            except ValidationError as exc:
                form_add_service_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("care:talks")
    if query.wants_xlsx:
        return talks_xlsx(qs)
    return render(request, "care/talk_list.html", {
        "page": Paginator(qs, TALKS_PAGE).get_page(query.value("page")), "form": form, "kinds": TalkKind.choices,
        "kind": query.value("kind"), "query": request.GET.urlencode(), "year": timezone.localdate().year})


def talks_xlsx(qs) -> HttpResponse:
    import io

    from openpyxl import Workbook

    from gonghui.core.xlsx import CONTENT_TYPE, row_cells

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=str(_("Talks and home visits"))[:31])
    sheet.append([str(h) for h in (_("Date"), _("Kind"), _("Worker"), _("Topic"), _("Outcome"), _("Follow-up"), _("Recorded by"))])
    for t in qs.iterator():
        sheet.append(row_cells(sheet, [str(t.date), t.get_kind_display(), t.member.name, t.topic, t.outcome, t.follow_up,
                                       str(t.recorded_by or "")]))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="talks.xlsx"'
    return response


@login_required
def settings_edit(request):
    orgs = orgs_in_reach(request.user, action="care.settings.set").filter(kind="union")
    value = request.GET.get("org", "")
    org = orgs.filter(pk=int(value)).first() if value.isdigit() else orgs.order_by("path").first()
    if org is None:
        raise Http404
    current = selectors.settings_for(org)
    form = SettingsForm(request.POST or None, initial={"low_income_line": current.low_income_line, "aid_limit": current.aid_limit,
                                                       "education_grant": current.education_grant})
    if form_submitted(request, form, lambda data: services.care_settings_set(actor=request.user, org=org, **data)):
        messages.success(request, _("Saved."))
        return redirect(reverse("care:settings") + f"?org={org.pk}")
    return render(request, "core/form.html", {"form": form, "title": _("Care settings") + " · " + org.name})
