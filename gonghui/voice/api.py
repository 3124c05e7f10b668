"""The workers' voice over the API: the same services and selectors as the pages."""


import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpResponsePermanentRedirect
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.core.api import Pages
from gonghui.core.scoping import default_org, get_in_reach_or_404
from gonghui.members.selectors import member_of_user
from gonghui.orgs.models import Org

from . import selectors, services

router = Router(tags=["voice"])


class SuggestionOut(Schema):
    id: int
    title: str
    body: str
    theme: str | None
    org_id: int
    is_anonymous: bool
    submitted_on: dt.date
    status: str
    answer: str
    implementing_unit: str
    implemented_on: dt.date | None
    saving_yuan: Decimal | None
    reward_yuan: Decimal | None
    is_golden: bool
    rating: str
    reopen_count: int

    @staticmethod
    def resolve_theme(obj):
        return obj.theme.name if obj.theme_id else None


class SuggestionIn(Schema):
    title: str
    body: str
    theme_id: int | None = None
    anonymous: bool = False
    idempotency_key: str = ""


class SubmittedOut(Schema):
    suggestion: SuggestionOut
    receipt: str | None


class ActionIn(Schema):
    """The fields any step may need; each step reads its own."""

    adopt: bool | None = None
    answer: str = ""
    unit: str = ""
    implemented_on: dt.date | None = None
    saving_yuan: Decimal | None = None
    reward_yuan: Decimal | None = None
    note: str = ""
    rating: str = ""
    reason: str = ""
    deadline: dt.date | None = None
    progress: str = ""
    resolved: bool = False


def _own_member(request):
    member = member_of_user(request.user)
    if member is None:
        raise Http404
    return member


# ---------------------------------------------------------------- suggestions

@router.get("/suggestions", response=list[SuggestionOut])
@paginate(Pages)
def list_suggestions(request, org_id: int | None = None, status: str = "", theme_id: int | None = None, q: str = "",
                     start: dt.date | None = None, end: dt.date | None = None):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org_id) if org_id else None
    return selectors.suggestion_list(visible_to=request.user, org=org, status=status or None, theme=theme_id, q=q, start=start, end=end)


@router.get("/suggestions/mine", response=list[SuggestionOut])
def my_suggestions(request):
    return list(selectors.suggestions_of(_own_member(request)))


@router.post("/suggestions", response={201: SubmittedOut})
def submit_suggestion(request, payload: SuggestionIn):
    member = _own_member(request)
    theme = selectors.themes_for(member.org).filter(pk=payload.theme_id).first() if payload.theme_id else None
    if payload.theme_id and theme is None:
        raise Http404
    suggestion, receipt = services.suggestion_submit(actor=request.user, author=member, title=payload.title, body=payload.body, theme=theme,
                                                     anonymous=payload.anonymous, idempotency_key=payload.idempotency_key)
    return Status(201, {"suggestion": suggestion, "receipt": receipt})


@router.get("/suggestions/{int:suggestion_id}", response=SuggestionOut)
def get_suggestion(request, suggestion_id: int):
    return selectors.suggestion_for(user=request.user, pk=suggestion_id)[0]


@router.post("/suggestions/{int:suggestion_id}/{action}", response=SuggestionOut)
def act_on_suggestion(request, suggestion_id: int, action: str, payload: ActionIn):
    suggestion, manages = selectors.suggestion_for(user=request.user, pk=suggestion_id)
    is_author = bool(suggestion.author and suggestion.author.user_id == request.user.pk)
    user, p = request.user, payload
    cadre_steps = {
        "review": lambda: services.suggestion_review(actor=user, suggestion=suggestion),
        "decide": lambda: services.suggestion_decide(actor=user, suggestion=suggestion, adopt=bool(p.adopt), answer=p.answer),
        "assign": lambda: services.suggestion_assign(actor=user, suggestion=suggestion, unit=p.unit),
        "implement": lambda: services.suggestion_implement(actor=user, suggestion=suggestion, implemented_on=p.implemented_on,
                                                           saving_yuan=p.saving_yuan, reward_yuan=p.reward_yuan, note=p.note),
        "promote": lambda: services.suggestion_promote(actor=user, suggestion=suggestion),
    }
    author_steps = {
        "rate": lambda: services.suggestion_rate(suggestion=suggestion, rating=p.rating, by=user),
        "reopen": lambda: services.suggestion_reopen(suggestion=suggestion, reason=p.reason, by=user),
    }
    step = (cadre_steps.get(action) if manages else None) or (author_steps.get(action) if is_author else None)
    if step is None:
        raise Http404
    return step()


@router.get("/receipt", response=SuggestionOut, auth=None)
def suggestion_by_receipt(request, code: str):
    """Anyone holding the receipt code reads the anonymous suggestion's status and answer."""
    suggestion = selectors.suggestion_by_receipt(code)
    if suggestion is None:
        raise Http404
    return suggestion


# ---------------------------------------------------------------- figures

@router.get("/figures")
def figures(request, org_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None):
    """The dashboard's figures for an org subtree and a period (default: the user's org, this year)."""
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org_id) if org_id else default_org(request.user)
    if org is None or not get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org.pk):
        raise Http404
    today = dt.date.today()
    start, end = start or dt.date(today.year, 1, 1), end or dt.date(today.year, 12, 31)
    s = selectors.suggestion_figures(org=org, start=start, end=end)
    return {
        "org_id": org.pk, "start": start, "end": end,
        "suggestions": {"submitted": s.submitted, "per_member": s.per_member, "adopted": s.adopted, "rejected": s.rejected,
                        "adoption_rate": s.adoption_rate, "implemented": s.implemented, "golden": s.golden,
                        "saving_yuan": s.saving_yuan, "reopened": s.reopened, "members": s.members},
        "breakdown": {
            "suggestions": {k: [_plain_row(r) for r in b.rows]
                            for k, b in selectors.suggestion_breakdown(org=org, start=start, end=end).items()},
        },
    }


def _plain_row(row: dict) -> dict:
    return {k: (v.pk if isinstance(v, Org) else v) for k, v in row.items()}


@router.api_operation(["GET", "POST"], "/talks", include_in_schema=False)
def talks_moved(request):
    """Talks and home visits moved to care: an old client is sent on with its method and body (308)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect("/api/v1/care/talks" + (f"?{query}" if query else ""), preserve_request=True)
