"""Sign-in, one's own password and API tokens, and the roles held on an org."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.forms import form_submitted
from gonghui.core.history import history_for
from gonghui.core.scoping import get_in_reach_or_404, may
from gonghui.orgs.models import Org

from . import services
from .forms import PasswordChangeForm, RoleGrantForm, TokenCreateForm
from .models import RoleAssignment, User


class LoginView(auth_views.LoginView):
    """Django's sign-in; someone whose password a chair has reset goes on to change it."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        if self.request.user.must_change_password:
            return reverse("accounts:password_change")
        return super().get_success_url()


@login_required
def security(request):
    """My tokens and password: the API tokens of the signed-in user, made, listed and revoked
    here. A new key is shown once, then only its prefix."""
    form = TokenCreateForm(request.POST or None)
    new_key = None
    created = form_submitted(request, form, lambda data: services.api_token_create(
        actor=request.user, user=request.user, name=data["name"].strip() or _("API token"), days=data["days"]))
    if created:
        _token, new_key = created
        messages.success(request, _("Copy the key now: it will not be shown again."))
        form = TokenCreateForm()
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"tokens": tokens, "new_key": new_key, "form": form})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:security")


@login_required
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    changed = form_submitted(request, form, lambda data: services.user_password_change(
        actor=request.user, user=request.user, old_password=data["old_password"], new_password=data["new_password"]))
    if changed:
        update_session_auth_hash(request, changed)  # stay signed in on this device
        messages.success(request, _("Your password was changed."))
        return redirect("accounts:security")
    if request.user.must_change_password and request.method == "GET":
        messages.warning(request, _("Your password was reset: choose a new one."))
    return render(request, "core/form.html", {"form": form, "title": _("Change my password"),
                                              "cancel_url": reverse("accounts:security")})


@login_required
def org_roles(request, org_id: int):
    """Who holds which role on an org; chairs and federation officers grant and revoke here."""
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="accounts.role.view", pk=org_id)
    may_grant = may(request.user, "accounts.role.grant", org)
    may_reset = may(request.user, "accounts.password.reset", org)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST":
        if "revoke" in request.POST:
            assignment = get_object_or_404(RoleAssignment, org=org, pk=request.POST["revoke"])
            services.role_revoke(actor=request.user, assignment=assignment)
            return redirect("accounts:org_roles", org_id=org.pk)
        if not may_grant:
            raise PermissionDenied
        if form.is_valid():
            services.role_grant(actor=request.user, user=form.cleaned_data["username"], org=org, role=form.cleaned_data["role"])
            messages.success(request, _("Role granted."))
            return redirect("accounts:org_roles", org_id=org.pk)
    assignments = org.role_assignments.select_related("user").order_by("role", "user__username")
    history = [h for a in assignments for h in history_for(a)[:5]]
    return render(request, "accounts/org_roles.html", {
        "org": org, "assignments": assignments, "form": form, "may_grant": may_grant, "may_reset": may_reset,
        "history": history,
    })


@login_required
@require_POST
def password_reset(request, org_id: int, user_id: int):
    """A chair gives someone of their org a new password, shown once on the page."""
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="accounts.role.view", pk=org_id)
    person = get_object_or_404(User, pk=user_id, roles__org=org)
    password = services.user_password_reset(actor=request.user, user=person)
    return render(request, "accounts/password_reset.html", {"org": org, "person": person, "password": password})
