import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_POST
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.authority import action_table
from gonghui.core.formatting import format_count
from gonghui.core import scoping
from gonghui.core.forms import form_submitted
from gonghui.core.picker import PICK_LIMIT, pick_response
from gonghui.core.history import history_for
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.members.selectors import member_list
from gonghui.members.selectors import member_counts_by_org, member_totals_by_union

from . import services
from .choices import ALLOWED_CHILDREN, OrgKind
from .forms import ChildOrgForm, CommitteeForm, RenameForm, SeatEndForm, SeatForm
from .models import CommitteeSeat, Org
from .selectors import committee_list, org_list, org_pick_label, org_search, placement_org_list, rollup_for


@login_required
def org_tree(request):
    """The tree in reach, with each union's total on the roll. A federation's officer sees the federation
    and its unions (hundreds, not the thousands of branches and groups: a union's page lists those)."""
    reach = org_list(visible_to=request.user)
    federation_view = reach.filter(kind=OrgKind.FEDERATION).exists()
    orgs = list(reach.filter(kind__in=(OrgKind.FEDERATION, OrgKind.UNION)) if federation_view else reach)
    tops = [o for o in orgs if not any(o.path.startswith(p.path) and o.pk != p.pk for p in orgs)]
    counts, totals, counted_at = {}, {}, None
    for top in tops:
        # A federation's union totals come from its roll-up (portal.services.rollup_refresh), and the
        # page says when they were counted; a union's tree counts live.
        rollup = rollup_for(federation=top, years=[dt.date.today().year]) if top.kind == OrgKind.FEDERATION else None
        if rollup is not None:
            totals.update(rollup.by_org(dt.date.today().year, "members.active"))
            counted_at = min(counted_at or rollup.computed_at, rollup.computed_at)
        else:
            totals.update(member_totals_by_union(org=top))
        if not federation_view:
            counts.update(member_counts_by_org(org=top))
    return render(request, "orgs/tree.html", {"rows": _tree_rows(orgs, counts, totals),
                                              "federation_view": federation_view, "counted_at": counted_at})


def _tree_rows(orgs, counts, totals) -> list[tuple]:
    """(indent, link, name, kind, code, placed here, union total) per org, written out here: a federation's
    hundreds of rows then render as plain text, not hundreds of URL reversals and label lookups."""
    link = reverse("orgs:detail", args=[0]).removesuffix("0/")
    kinds = {kind: str(label) for kind, label in OrgKind.choices}
    return [(o.depth, f"{link}{o.pk}/", o.name, kinds.get(o.kind, o.kind), o.code,
             counts.get(o.pk) or "", format_count(totals[o.pk]) if totals.get(o.pk) else "") for o in orgs]


@login_required
def org_pick(request):
    """At most PICK_LIMIT orgs in reach (for `action`, by default viewing) whose names hold `q`, for a picker.
    `placement=1` leaves out federations (orgs where people sit)."""
    action = request.GET.get("action") or "orgs.org.view"
    if action not in action_table():
        raise Http404
    orgs = (placement_org_list(visible_to=request.user, action=action) if request.GET.get("placement")
            else org_list(visible_to=request.user, action=action).select_related("parent"))
    q = request.GET.get("q", "").strip()[:60]
    found = org_search(orgs, q)[:PICK_LIMIT] if q else orgs.order_by("depth", "path")[:PICK_LIMIT]
    return pick_response(found, org_pick_label)


@login_required
def org_detail(request, pk: int):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="orgs.org.view", pk=pk)
    return render(request, "orgs/detail.html", {
        "org": org,
        "children": org.children.filter(is_active=True),
        "can_add_child": bool(ALLOWED_CHILDREN[OrgKind(org.kind)]),
        "committees": committee_list(visible_to=request.user).filter(org=org),
        "history": history_for(org)[:50],
        "can_consent": org.kind == OrgKind.UNION and scoping.may(request.user, "orgs.org.federation_consent", org),
    })


@login_required
@require_POST
def org_federation_consent(request, pk: int):
    org = _org(request, pk, "orgs.org.federation_consent")
    services.org_federation_consent_set(actor=request.user, org=org, allowed=request.POST.get("allowed") == "1")
    messages.success(request, _("Saved."))
    return redirect("orgs:detail", pk=org.pk)


@login_required
def committee_detail(request, pk: int):
    committee = get_in_reach_or_404(committee_list(visible_to=request.user), request.user, action="orgs.org.view", pk=pk)
    return render(request, "orgs/committee.html", {"committee": committee, "history": history_for(committee)[:50]})


def _org(request, pk: int, action: str) -> Org:
    """An active org where the user may do `action`, or 404."""
    return get_in_reach_or_404(Org.objects.filter(is_active=True), request.user, via="", action=action, pk=pk)


def _committee(request, pk: int, action: str):
    return get_in_reach_or_404(committee_list(visible_to=request.user, action=action), request.user, action=action, pk=pk)


def _form_page(request, form, title: str, back: str):
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": back})


@login_required
def org_add_child(request, pk: int):
    parent = _org(request, pk, "orgs.org.create")
    form = ChildOrgForm(request.POST or None, parent=parent)
    child = form_submitted(request, form, lambda data: services.org_create(actor=request.user, parent=parent, **data))
    if child:
        messages.success(request, _("%(name)s was added.") % {"name": child.name})
        return redirect("orgs:detail", pk=child.pk)
    return _form_page(request, form, _("Add an organisation under %(name)s") % {"name": parent.name}, reverse("orgs:detail", args=[parent.pk]))


@login_required
def org_rename(request, pk: int):
    org = _org(request, pk, "orgs.org.rename")
    form = RenameForm(request.POST or None, initial={"name": org.name, "sector": org.sector, "staff_term": org.staff_term})
    if form_submitted(request, form, lambda data: services.org_edit(actor=request.user, org=org, **data)):
        messages.success(request, _("Saved."))
        return redirect("orgs:detail", pk=org.pk)
    return _form_page(request, form, _("Rename %(name)s") % {"name": org.name}, reverse("orgs:detail", args=[org.pk]))


@login_required
def committee_create(request, pk: int):
    org = _org(request, pk, "orgs.committee.create")
    form = CommitteeForm(request.POST or None)
    committee = form_submitted(request, form, lambda data: services.committee_create(actor=request.user, org=org, **data))
    if committee:
        messages.success(request, _("%(name)s was added.") % {"name": committee.name})
        return redirect("orgs:committee", pk=committee.pk)
    return _form_page(request, form, _("New committee of %(name)s") % {"name": org.name}, reverse("orgs:detail", args=[org.pk]))


@login_required
def seat_assign(request, pk: int):
    committee = _committee(request, pk, "orgs.committee.seat_assign")
    form = SeatForm(request.POST or None, members=member_list(visible_to=request.user, org=committee.org), org=committee.org)

    def save(data):
        return services.committee_seat_assign(actor=request.user, committee=committee, member=data["member"],
                                              title=data["title"], start=data["start"])

    if form_submitted(request, form, save):
        messages.success(request, _("Saved."))
        return redirect("orgs:committee", pk=committee.pk)
    return _form_page(request, form, _("Add a seat on %(name)s") % {"name": committee.name},
                      reverse("orgs:committee", args=[committee.pk]))


@login_required
def seat_end(request, pk: int):
    seat = get_in_reach_or_404(CommitteeSeat.objects.select_related("committee__org", "member"), request.user,
                               via="committee__org", action="orgs.committee.seat_end", pk=pk)
    form = SeatEndForm(request.POST or None)
    if form_submitted(request, form, lambda data: services.committee_seat_end(actor=request.user, seat=seat, end=data["end"])):
        messages.success(request, _("Saved."))
        return redirect("orgs:committee", pk=seat.committee_id)
    title = _("%(name)s leaves %(committee)s") % {"name": seat.member.name, "committee": seat.committee.name}
    return _form_page(request, form, title, reverse("orgs:committee", args=[seat.committee_id]))
