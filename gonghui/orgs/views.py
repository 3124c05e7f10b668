from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gonghui.core.history import history_for
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.members.selectors import member_counts_by_org

from .models import Org
from .selectors import committee_list, org_list


@login_required
def org_tree(request):
    orgs = list(org_list(visible_to=request.user))
    counts = {}
    for top in (o for o in orgs if not any(o.path.startswith(p.path) and o.pk != p.pk for p in orgs)):
        counts.update(member_counts_by_org(org=top))
    return render(request, "orgs/tree.html", {"orgs": orgs, "counts": counts})


@login_required
def org_detail(request, pk: int):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=pk)
    return render(request, "orgs/detail.html", {
        "org": org,
        "children": org.children.filter(is_active=True),
        "committees": committee_list(visible_to=request.user).filter(org=org),
        "history": history_for(org)[:50],
    })


@login_required
def committee_detail(request, pk: int):
    committee = get_in_reach_or_404(committee_list(visible_to=request.user), request.user, pk=pk)
    return render(request, "orgs/committee.html", {"committee": committee, "history": history_for(committee)[:50]})
