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
