"""The API's shared parts: authentication (session or bearer token) and errors as JSON."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja.security import APIKeyCookie, HttpBearer
from django.conf import settings


class TokenAuth(HttpBearer):
    """A bearer token, checked by the callable the project names (accounts' token check)."""

    def __init__(self, check):
        self.check = check
        super().__init__()

    def authenticate(self, request, token: str):
        user = self.check(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session; unsafe methods need the CSRF token, as on the pages."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


def build_api(routers: list[tuple[str, object]], *, token_check) -> NinjaAPI:
    api = NinjaAPI(
        title="Gonghui API",
        version="1",
        urls_namespace="api",
        auth=[TokenAuth(token_check), SessionAuth()],
        docs_url="/docs",
    )

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": detail}, status=422)

    @api.exception_handler(PermissionError)
    def permission_error(request, exc: PermissionError):
        return api.create_response(request, {"detail": "forbidden"}, status=403)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)

    for prefix, router in routers:
        api.add_router(prefix, router)
    return api
