from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from .services import api_token_create


@login_required
def token_list(request):
    """API tokens of the signed-in user. A new key is shown once, then only its prefix."""
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:60] or _("API token")
        _token, new_key = api_token_create(user=request.user, name=name)
        messages.success(request, _("Copy the key now: it will not be shown again."))
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"tokens": tokens, "new_key": new_key})


ROLE_GRANTING_ROLES = {"chair", "federation_officer"}


@login_required
def org_roles(request, org_id: int):
    """Who holds which role on an org; chairs and federation officers grant and revoke here."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect

    from gonghui.core.history import history_for
    from gonghui.core.scoping import get_in_reach_or_404, has_role
    from gonghui.orgs.models import Org

    from .forms import RoleGrantForm
    from .models import RoleAssignment
    from .services import role_grant, role_revoke

    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org_id)
    may_grant = has_role(request.user, org, ROLE_GRANTING_ROLES)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST":
        if not may_grant:
            raise PermissionDenied
        if "revoke" in request.POST:
            role_revoke(actor=request.user, assignment=get_object_or_404_in(RoleAssignment, org, request.POST["revoke"]))
            return redirect("accounts:org_roles", org_id=org.pk)
        if form.is_valid():
            role_grant(actor=request.user, user=form.cleaned_data["username"], org=org, role=form.cleaned_data["role"])
            messages.success(request, _("Role granted."))
            return redirect("accounts:org_roles", org_id=org.pk)
    assignments = org.role_assignments.select_related("user").order_by("role", "user__username")
    history = [h for a in assignments for h in history_for(a)[:5]]
    return render(request, "accounts/org_roles.html", {
        "org": org, "assignments": assignments, "form": form, "may_grant": may_grant, "history": history,
    })


def get_object_or_404_in(model, org, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(model, org=org, pk=pk)
