"""The union's books, budget, dues and wages: pages that parse, call a service or selector, and answer."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.forms import form_submitted
from gonghui.core.history import history_for
from gonghui.core.scoping import get_in_reach_or_404, org_from_query, orgs_in_reach
from gonghui.members.models import Member
from gonghui.orgs.forms import PICK_FROM

from . import selectors, services
from .forms import BudgetForm, CollectForm, EntryForm, ReverseForm, ReviewForm, WageForm
from .models import Entry
from .rules import month_start


def _book(request):
    """The org whose books the page shows: ?org=<id> in reach, else the highest one the user reads."""
    value = request.GET.get("org", "")
    if value:
        if not value.isdigit():
            raise Http404
        return selectors.org_get(visible_to=request.user, pk=int(value))
    if typed := org_from_query(request):   # the picker's typed text, sent without JavaScript
        return selectors.org_get(visible_to=request.user, pk=typed.pk)
    org = selectors.books_in_reach(visible_to=request.user).order_by("depth", "path").first()
    if org is None:  # a branch cadre: the branch's own dues and wages, and books that are empty
        org = orgs_in_reach(request.user, action=selectors.VIEW).order_by("depth", "path").first()
    if org is None:
        raise Http404
    return org


def _year(request, org) -> int:
    try:
        return int(request.GET["year"])
    except (KeyError, ValueError):
        latest = Entry.objects.filter(org=org).aggregate(y=Max("year"))["y"]
        return latest or timezone.localdate().year


def _context(request, org, year, **extra):
    # a few books are a <select>; a federation's hundreds are searched as typed (orgs.forms.PICK_FROM)
    books = list(selectors.books_in_reach(visible_to=request.user)[:PICK_FROM + 1])
    return {"org": org, "year": year, "books": books, "pick_books": len(books) > PICK_FROM, **extra}


@login_required
def overview(request):
    org = _book(request)
    year = _year(request, org)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return render(request, "funds/overview.html", _context(
        request, org, year,
        tb=selectors.trial_balance(org=org, year=year),
        budget=selectors.budget_report(org=org, year=year),
        dues=selectors.dues_figures(org=org, start=start, end=end),
        funds=selectors.funds_figures(org=org, start=start, end=end),
    ))


@login_required
def ledger(request):
    org = _book(request)
    year = _year(request, org)
    entries = selectors.entry_list(visible_to=request.user, org=org, year=year).order_by("-number")[:500]
    return render(request, "funds/ledger.html", _context(request, org, year, entries=entries))


@login_required
def ledger_export(request):
    """The year's ledger and trial balance as a workbook (.xlsx), every cell through core.xlsx.row_cells."""
    from .export import ledger_workbook

    org = _book(request)
    year = _year(request, org)
    content = ledger_workbook(org=org, year=year, entries=selectors.entry_list(visible_to=request.user, org=org, year=year),
                              tb=selectors.trial_balance(org=org, year=year))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="ledger-{org.code}-{year}.xlsx"'
    return response


@login_required
def entry_create(request):
    org = _book(request)
    form = EntryForm(request.POST or None)

    def save(data):
        return services.entry_post(actor=request.user, org=org, date=data["date"], memo=data["memo"],
                                   lines=form.line_specs(), idempotency_key=data["idempotency_key"])

    entry = form_submitted(request, form, save)
    if entry:
        messages.success(request, _("Entry posted."))
        return redirect("funds:entry", pk=entry.pk)
    return render(request, "core/form.html", {"form": form, "title": _("New ledger entry") + " · " + org.name,
                                              "cancel_url": reverse("funds:ledger") + f"?org={org.pk}"})


@login_required
def entry_detail(request, pk: int):
    entry = selectors.entry_get(visible_to=request.user, pk=pk)
    return render(request, "funds/entry_detail.html", {
        "entry": entry, "lines": entry.lines.all(), "reversed_by": selectors.entry_reversed(entry),
        "form": ReverseForm(), "history": history_for(entry)[:20],
    })


@login_required
@require_POST
def entry_reverse(request, pk: int):
    entry = selectors.entry_get(visible_to=request.user, pk=pk)
    form = ReverseForm(request.POST)
    reversal = form_submitted(request, form, lambda data: services.entry_reverse(actor=request.user, entry=entry, memo=data["memo"]))
    if reversal is None:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or _("Not reversed."))
        return redirect("funds:entry", pk=entry.pk)
    messages.success(request, _("Reversing entry posted."))
    return redirect("funds:entry", pk=reversal.pk)


@login_required
def trial_balance(request):
    org = _book(request)
    year = _year(request, org)
    return render(request, "funds/trial_balance.html", _context(request, org, year, tb=selectors.trial_balance(org=org, year=year)))


@login_required
def budget(request):
    org = _book(request)
    year = _year(request, org)
    form = BudgetForm(request.POST or None, initial={"year": year})
    line = form_submitted(request, form, lambda data: services.budget_set(actor=request.user, org=org, **data))
    if line:
        messages.success(request, _("Budget saved."))
        return redirect(reverse("funds:budget") + f"?org={org.pk}&year={line.year}")
    return render(request, "funds/budget.html", _context(request, org, year, form=form,
                                                         rows=selectors.budget_report(org=org, year=year)))


@login_required
def dues(request):
    org = _book(request)
    year = _year(request, org)
    form = CollectForm(request.POST or None, initial={"month": month_start(timezone.localdate())})
    collection = form_submitted(request, form, lambda data: services.dues_collect(actor=request.user, org=org, month=data["month"]))
    if collection is not None:
        if collection.payments:
            messages.success(request, _("%(n)s members' dues collected.") % {"n": len(collection.payments)})
        else:
            messages.info(request, _("Nothing to collect: everyone has paid for that month."))
        return redirect(reverse("funds:dues") + f"?org={org.pk}&year={collection.month.year}")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    payments = selectors.dues_payment_list(visible_to=request.user, org=org).filter(month__year=year)[:300]
    return render(request, "funds/dues.html", _context(request, org, year, form=form, payments=payments,
                                                       figures=selectors.dues_figures(org=org, start=start, end=end)))


@login_required
def arrears(request):
    org = _book(request)
    # the shown year's arrears as they stood at its end (or today, while the year runs)
    year = _year(request, org)
    as_of = selectors.judged_on(dt.date(year, 1, 1), dt.date(year, 12, 31))
    try:
        as_of = dt.date.fromisoformat(request.GET["as_of"])
    except (KeyError, ValueError):
        pass
    rows = selectors.wage_list(visible_to=request.user, org=org)
    return render(request, "funds/arrears.html", _context(request, org, as_of.year, as_of=as_of,
                                                          arrears=selectors.arrears(org=org, as_of=as_of, rows=rows)))


@login_required
def wages(request):
    org = _book(request)
    rows = selectors.wage_list(visible_to=request.user, org=org)[:500]
    return render(request, "funds/wages.html", _context(request, org, timezone.localdate().year, rows=rows))


@login_required
def wage_set(request, member_pk: int):
    member = get_in_reach_or_404(Member.objects.select_related("org"), request.user, action="funds.wage.set", pk=member_pk)
    form = WageForm(request.POST or None, initial={"since": month_start(timezone.localdate())})
    row = form_submitted(request, form, lambda data: services.wage_set(actor=request.user, member=member, **data))
    if row:
        messages.success(request, _("Wage base saved: monthly dues %(dues)s yuan.") % {"dues": row.dues})
        return redirect(reverse("funds:wages") + f"?org={member.union_id}")
    return render(request, "core/form.html", {"form": form, "title": _("Wage base") + " · " + member.name,
                                              "cancel_url": reverse("funds:wages")})


@login_required
def review(request):
    """The funds review committee's report for a year: the findings read off the books, the
    committee's opinion, and Publish (to the 公开栏)."""
    org = _book(request)
    year = _year(request, org)
    form = ReviewForm(request.POST or None)
    done = form_submitted(request, form, lambda data: services.funds_review_publish(
        actor=request.user, org=org, year=year, opinion=data["opinion"]))
    if done:
        messages.success(request, _("The review is published to the notice board."))
        return redirect(reverse("funds:review") + f"?org={org.pk}&year={year}")
    return render(request, "funds/review.html", _context(
        request, org, year, form=form, published=selectors.review_get(org=org, year=year),
        findings=selectors.review_findings(org=org, year=year)))
