"""Someone whose password a chair has reset changes it before anything else, on every page."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequired:
    """A signed-in browser session with `must_change_password` is sent to the password page
    from every other page (signing out and static files excepted). The API answers by token
    and is left alone: a reset does not revoke a token, revoking does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            allowed = (reverse("accounts:password_change"), reverse("accounts:logout"))
            path = request.path_info
            if path not in allowed and not path.startswith(("/api/", "/static/")):
                return redirect("accounts:password_change")
        return self.get_response(request)
