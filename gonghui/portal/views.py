from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.defaults import page_not_found

from gonghui.core.scoping import default_org, reach_paths
from gonghui.core.selectors import attention_for, notice_list
from gonghui.core.services import notices_mark_read
from gonghui.members.selectors import member_of_user
from gonghui.orgs.choices import OrgKind

from .forms import year_from_query
from .selectors import dashboard, rolled_up_dashboard
from .tasks import rollup_refresh_task


@login_required
def home(request):
    """A cadre's dashboard (this year's key figures of every area, and what waits: 待办);
    a member's record and what is published to them."""
    paths = reach_paths(request.user)
    manages = paths is None or bool(paths)
    org = default_org(request.user)
    year, areas, counted_at = None, [], None
    if manages and org is not None:
        year, areas, counted_at = _dashboard(org, year_from_query(request))
    attention, attention_counted_at = _attention(request.user, org)
    return render(request, "portal/home.html", {
        "org": org, "year": year, "areas": areas, "counted_at": counted_at, "member": member_of_user(request.user),
        "attention": attention, "attention_counted_at": attention_counted_at,
    })


ATTENTION_CACHE_SECONDS = 300


def _attention(user, org):
    """(what waits, when it was counted or None when live). Over a federation's hundreds of unions each
    count reads every union's records, so a federation officer's are kept for five minutes and the
    page says when they were counted; a union's cadre counts live."""
    if org is None or org.kind != OrgKind.FEDERATION:
        return attention_for(user), None
    key = f"portal:attention:{user.pk}:{org.pk}"
    found = cache.get(key)
    if found is None:
        found = (attention_for(user), timezone.now())
        cache.set(key, found, ATTENTION_CACHE_SECONDS)
    return found


def _dashboard(org, year):
    """A union's figures are counted live; a federation's come from its roll-up (a million members are
    not read on every visit), which the worker is asked to count again once it is an hour old."""
    if org.kind != OrgKind.FEDERATION:
        return *dashboard(org=org, year=year), None
    rolled_up = rolled_up_dashboard(org=org, year=year)
    # Asked for when it was never counted or is old; a year the roll-up does not keep is counted live.
    if (rolled_up is None and year is None) or (rolled_up is not None and rolled_up[2].stale):
        _ask_for_rollup(org)
        rolled_up = rolled_up_dashboard(org=org, year=year) or rolled_up
    if rolled_up is None:  # not counted yet (the worker is on it), or a year it does not keep: count live
        return *dashboard(org=org, year=year), None
    shown, areas, rollup = rolled_up
    return shown, areas, rollup.computed_at


def _ask_for_rollup(org) -> None:
    # One request per federation in ten minutes, however many officers open the page meanwhile.
    if cache.add(f"portal:rollup-asked:{org.pk}", True, timeout=600):
        rollup_refresh_task.enqueue(federation_id=org.pk)


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
