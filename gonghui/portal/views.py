from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.defaults import page_not_found

from gonghui.core.scoping import default_org, reach_paths
from gonghui.core.selectors import attention_for, notice_list
from gonghui.core.services import notices_mark_read
from gonghui.members.selectors import member_of_user

from .forms import year_from_query
from .selectors import dashboard


@login_required
def home(request):
    """A cadre's dashboard (this year's key figures of every area, and what waits: 待办);
    a member's record and what is published to them."""
    paths = reach_paths(request.user)
    manages = paths is None or bool(paths)
    org = default_org(request.user)
    year, areas = None, []
    if manages and org is not None:
        year, areas = dashboard(org=org, year=year_from_query(request))
    return render(request, "portal/home.html", {
        "org": org, "year": year, "areas": areas, "member": member_of_user(request.user),
        "attention": attention_for(request.user),
    })


@login_required
def inbox(request):
    """The signed-in person's notices; opening the inbox marks them read."""
    notices = list(notice_list(user=request.user)[:100])
    notices_mark_read(user=request.user)
    return render(request, "portal/inbox.html", {"notices": notices})


def not_found(request, exception=None):
    """404: the API answers in JSON as every API refusal does; pages get the Chinese page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return page_not_found(request, exception)
