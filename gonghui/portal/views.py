from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.formatting import format_count
from gonghui.core.scoping import default_org, reach_paths
from gonghui.core.selectors import attention_for, notice_list
from gonghui.core.services import notices_mark_read
from gonghui.members.selectors import member_list, member_of_user


@login_required
def home(request):
    paths = reach_paths(request.user)
    manages = paths is None or bool(paths)
    org = default_org(request.user)
    tiles = []
    if manages and org is not None:
        tiles.append({
            "label": _("Workers on the roll"),
            "value": format_count(member_list(visible_to=request.user, org=org).count()),
            "url": reverse("members:list"),
        })
    return render(request, "portal/home.html", {"org": org, "tiles": tiles, "member": member_of_user(request.user),
                                              "attention": attention_for(request.user)})


@login_required
def inbox(request):
    """The signed-in person's notices; opening the inbox marks them read."""
    notices = list(notice_list(user=request.user)[:100])
    notices_mark_read(user=request.user)
    return render(request, "portal/inbox.html", {"notices": notices})
