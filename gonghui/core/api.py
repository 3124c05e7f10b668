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
        title="工会 Gonghui 接口 (API)",
        version="1",
        description=(
            "基层工会工作平台的接口：会员台帐、职工诉求、目标与会议、火灾防盗预警、工作总结。"
            "登录会话或令牌（Authorization: Bearer …，在“账号安全”页面申领）均可调用；"
            "每个接口只返回调用者有权查看的组织的数据。\n\n"
            "The API of the grassroots union platform. Authenticate with the session or a bearer token; "
            "every operation answers only for the orgs the caller may reach."
        ),
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
