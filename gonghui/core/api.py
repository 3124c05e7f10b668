"""The API's shared parts: authentication (session or bearer token) and errors as JSON."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, NinjaAPI, Schema
from ninja.pagination import LimitOffsetPagination
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


# Query and body fields every app shares: a year a union's records can have, a half of one.
Year = Annotated[int, Field(ge=1950, le=2100)]
Half = Annotated[int, Field(ge=1, le=2)]

MAX_PAGE = 500
MAX_OFFSET = 10_000_000


class Pages(LimitOffsetPagination):
    """Every list of the API: at most MAX_PAGE rows a page, and an offset a database can hold
    (a limit or offset past them is a 422 that says so, never a 500)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_PAGE, **kwargs)


# The refusals every operation can give, with the shape they share: {"detail": …}.
REFUSALS = {
    "400": "请求无法解析 (the request could not be parsed)",
    "401": "未登录或令牌无效 (not signed in, or the token is not valid)",
    "403": "无权进行该操作 (not allowed)",
    "404": "不存在，或不在您的查看范围内 (not found, or out of your reach)",
    "422": "内容有误，逐项说明 (the input is wrong; each field says why)",
}
# What the web server in front answers before the product sees the request (gunicorn's or
# nginx's limit on the request line): a page of its own, not JSON.
SERVER_REFUSALS = {"414": "请求行过长，由服务器拒绝 (the request line is longer than the server accepts)"}


class Refusal(Schema):
    """Every refusal of the API: {"detail": a message, or one per field}. An operation that also
    answers a status with a body of its own declares `ItsOut | Refusal` for it."""

    detail: Any


DETAIL_SCHEMA = {"type": "object", "properties": {"detail": {}}, "required": ["detail"]}


class GonghuiAPI(NinjaAPI):
    """The API, whose schema also documents the refusals every operation may answer with,
    so a client (and schemathesis) knows a 404 or a 422 is an answer, not a fault."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                declared = {str(code) for code in responses}  # ninja keys them by int
                for status, text in REFUSALS.items():
                    if status not in declared:
                        responses[status] = {
                            "description": text, "content": {"application/json": {"schema": DETAIL_SCHEMA}},
                        }
                for status, text in SERVER_REFUSALS.items():
                    responses.setdefault(status, {"description": text, "content": {"text/html": {"schema": {"type": "string"}}}})
        return schema


def build_api(routers: list[tuple[str, object]], *, token_check) -> NinjaAPI:
    api = GonghuiAPI(
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

    @api.exception_handler(OverflowError)
    def overflow(request, exc: OverflowError):
        # only a number sent to us can be too large for the database's integers
        return api.create_response(request, {"detail": "数值超出范围 (a number is out of range)"}, status=422)

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)

    for prefix, router in routers:
        api.add_router(prefix, router)
    return api
