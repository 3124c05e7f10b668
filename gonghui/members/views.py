from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.picker import PICK_LIMIT, pick_response
from gonghui.orgs.forms import org_picker, org_typed
from gonghui.orgs.selectors import placement_org_list
from gonghui.core.forms import form_submitted
from gonghui.core.history import history_for
from gonghui.core import scoping
from gonghui.core.authority import action_table
from gonghui.core.scoping import org_from_query
from gonghui.orgs.models import Org

from . import services
from .choices import ContractStatus, MemberStatus
from .forms import IdNumberCorrectionForm, LeaveForm, MemberForm, TransferForm, member_pick_label
from .selectors import member_get, member_list, member_list_page, member_of_user, membership_events

PAGE_SIZE = 50


def list_filters(request) -> dict:
    """The list's filters, read the same way by the page and the Excel export.

    The org comes as `org=<id>` (a link, or the picker's choice) or as the text typed in the
    picker (`org_q`, without JavaScript), resolved among the orgs in reach: the highest match."""
    org = org_from_query(request)
    org = org or org_typed(request, action="members.member.view")
    status = request.GET.get("status", MemberStatus.ACTIVE)
    return {
        "org": org,
        "q": request.GET.get("q", "")[:50],
        "status": status if status in MemberStatus.values else None,
        "contract_status": request.GET.get("contract") if request.GET.get("contract") in ContractStatus.values else None,
        # the workers not yet in the union: whom a membership drive (发展会员) goes to
        "is_union_member": {"yes": True, "no": False}.get(request.GET.get("union", "")),
    }


# Pinyin syllables start with every letter but i, u and v: the list's jump bar.
JUMP_LETTERS = "abcdefghjklmnopqrstwxyz"
PAGING_PARAMS = {"after", "before", "from", "page"}


def list_query(request) -> str:
    """The list's filters as a query string, without where the page stands (for its paging links)."""
    kept = request.GET.copy()
    for name in PAGING_PARAMS:
        kept.pop(name, None)
    return kept.urlencode()


@login_required
def member_list_view(request):
    filters = list_filters(request)
    start = request.GET.get("from", "").lower()[:10]
    page = member_list_page(visible_to=request.user, per_page=PAGE_SIZE, after=request.GET.get("after"),
                            before=request.GET.get("before"), start=start if start.isascii() and start.isalpha() else "",
                            **filters)
    context = {"page": page, "filters": filters, "query": list_query(request), "letters": JUMP_LETTERS}
    if request.htmx:  # the filter form asks for the rows alone
        return render(request, "members/_rows.html", context)
    return render(request, "members/list.html", {
        **context, "org_picker": org_picker(filters["org"], action="members.member.view"),
        "statuses": MemberStatus.choices, "contracts": ContractStatus.choices,
        "can_unmask": scoping.may(request.user, "members.member.unmask"),
    })


@login_required
def member_pick(request):
    """At most PICK_LIMIT active members in reach (for `action`, by default viewing the book) whom `q`
    names (name, pinyin, initials or phone), under `org` when given: what a member picker lists."""
    action = request.GET.get("action") or "members.member.view"
    if action not in action_table():
        raise Http404
    q = request.GET.get("q", "").strip()[:50]
    if not q:
        return pick_response([], member_pick_label)
    org = org_from_query(request)
    found = member_list(visible_to=request.user, action=action, org=org, q=q).order_by("name_pinyin", "id")
    return pick_response(found[:PICK_LIMIT], member_pick_label)


@login_required
def member_detail(request, pk: int):
    member = member_get(visible_to=request.user, pk=pk)
    return render(request, "members/detail.html", {
        "member": member,
        "events": membership_events(member),
        "history": history_for(member)[:50],
        "can_unmask": scoping.may(request.user, "members.member.unmask", member.org),
        "seats": member.committee_seats.select_related("committee"),
    })


@login_required
@require_POST
def member_reveal_id(request, pk: int):
    member = member_get(visible_to=request.user, pk=pk)
    number = services.member_id_number_reveal(actor=request.user, member=member)  # refused: 403
    return render(request, "members/_id_number.html", {"number": number})


@login_required
def member_correct_id(request, pk: int):
    """Put right a mistyped ID-card number (roles that may see the numbers only)."""
    member = member_get(visible_to=request.user, pk=pk)
    scoping.require(actor=request.user, action="members.member.unmask", org=member.org)  # 403 before the form
    form = IdNumberCorrectionForm(request.POST or None)
    if form_submitted(request, form, lambda data: services.member_id_number_correct(actor=request.user, member=member, **data)):
        messages.success(request, _("The ID-card number was corrected."))
        return redirect("members:detail", pk=member.pk)
    return render(request, "members/action.html", {"form": form, "member": member, "title": _("Correct the ID-card number")})


@login_required
def member_create(request):
    orgs = placement_org_list(visible_to=request.user, action="members.member.create")
    if not orgs.exists():
        raise Http404
    form = MemberForm(request.POST or None, orgs=orgs, creating=True)
    member = form_submitted(request, form, lambda data: services.member_create(actor=request.user, data=services.MemberData(
        id_number=data["id_number"], **{k: v for k, v in data.items() if k != "id_number" and v is not None})))
    if member:
        messages.success(request, _("%(name)s was added to the member book.") % {"name": member.name})
        return redirect("members:detail", pk=member.pk)
    return render(request, "members/form.html", {"form": form, "creating": True})


@login_required
def member_edit(request, pk: int):
    member = member_get(visible_to=request.user, pk=pk, action="members.member.update")
    form = MemberForm(request.POST or None, instance=member, orgs=Org.objects.none(), creating=False)

    def save(data):
        member.refresh_from_db()  # the form wrote onto the instance; the service compares against the stored row
        return services.member_update(actor=request.user, member=member,
                                      **{k: data[k] for k in services.EDITABLE_FIELDS if k in data})

    if form_submitted(request, form, save):
        messages.success(request, _("Saved."))
        return redirect("members:detail", pk=member.pk)
    return render(request, "members/form.html", {"form": form, "member": member, "creating": False})


@login_required
def member_transfer(request, pk: int):
    member = member_get(visible_to=request.user, pk=pk, action="members.member.transfer")
    form = TransferForm(request.POST or None, orgs=placement_org_list(visible_to=request.user, action="members.member.transfer"))
    if form_submitted(request, form, lambda data: services.member_transfer(actor=request.user, member=member, **data)):
        messages.success(request, _("Transferred."))
        return redirect("members:detail", pk=member.pk)
    return render(request, "members/action.html", {"form": form, "member": member, "title": _("Transfer")})


@login_required
def member_leave(request, pk: int):
    member = member_get(visible_to=request.user, pk=pk, action="members.member.leave")
    form = LeaveForm(request.POST or None)
    if form_submitted(request, form, lambda data: services.member_leave(actor=request.user, member=member, **data)):
        messages.success(request, _("%(name)s was taken off the roll.") % {"name": member.name})
        return redirect("members:detail", pk=member.pk)
    return render(request, "members/action.html", {"form": form, "member": member, "title": _("Take off the roll")})


@login_required
def member_me(request):
    """A member's own record, on a phone: no ID number, nothing of anyone else."""
    member = member_of_user(request.user)
    if member is None:
        raise Http404
    return render(request, "members/me.html", {"member": member, "events": membership_events(member)})

