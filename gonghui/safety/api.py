"""The safety network over the API: the same services and selectors as the pages."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.core.api import Pages
from gonghui.core.scoping import default_org, get_in_reach_or_404
from gonghui.orgs.models import Org
from gonghui.members.selectors import member_of_user
from gonghui.voice.api import ActionIn

from . import selectors, services

router = Router(tags=["safety"])


def _own_member(request):
    member = member_of_user(request.user)
    if member is None:
        raise Http404
    return member


def _plain_row(row: dict) -> dict:
    return {k: (v.pk if isinstance(v, Org) else v) for k, v in row.items()}


class ReportOut(Schema):
    id: int
    org_id: int
    group_id: int | None
    place: str
    description: str
    severity: str
    reported_on: dt.date
    status: str
    responsible_unit: str
    deadline: dt.date | None
    overdue: bool
    progress: str
    answer: str
    answered_on: dt.date | None
    resolved_on: dt.date | None
    rating: str
    reopen_count: int

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()


class ReportIn(Schema):
    place: str
    description: str
    severity: str = "medium"
    idempotency_key: str = ""


class HazardPostOut(Schema):
    id: int
    org_id: int
    name: str
    factors: list[str]
    surveyed_on: dt.date


class HazardPostIn(Schema):
    org_id: int
    name: str
    factors: list[str]
    surveyed_on: dt.date
    note: str = ""


# ---------------------------------------------------------------- safety reports

@router.get("/reports", response=list[ReportOut])
@paginate(Pages)
def list_reports(request, org_id: int | None = None, status: str = "", group_id: int | None = None, overdue: bool = False,
                 q: str = "", start: dt.date | None = None, end: dt.date | None = None):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org_id) if org_id else None
    return selectors.report_list(visible_to=request.user, org=org, status=status or None, group=group_id, overdue=overdue,
                                 q=q, start=start, end=end)


@router.get("/reports/mine", response=list[ReportOut])
def my_reports(request):
    return list(selectors.reports_of(_own_member(request)))


@router.post("/reports", response={201: ReportOut})
def submit_report(request, payload: ReportIn):
    return Status(201, services.safety_report_submit(actor=request.user, reporter=_own_member(request), **payload.dict()))


@router.get("/reports/{int:report_id}", response=ReportOut)
def get_report(request, report_id: int):
    return selectors.report_for(user=request.user, pk=report_id)[0]


@router.post("/reports/{int:report_id}/{action}", response=ReportOut)
def act_on_report(request, report_id: int, action: str, payload: ActionIn):
    report, manages = selectors.report_for(user=request.user, pk=report_id)
    is_reporter = report.reporter.user_id == request.user.pk
    user, p = request.user, payload
    cadre_steps = {
        "forward": lambda: services.safety_report_forward(actor=user, report=report, unit=p.unit, deadline=p.deadline),
        "progress": lambda: services.safety_report_progress(actor=user, report=report, progress=p.progress),
        "answer": lambda: services.safety_report_answer(actor=user, report=report, answer=p.answer, resolved=p.resolved),
    }
    rep_steps = {
        "rate": lambda: services.safety_report_rate(report=report, rating=p.rating, by=user),
        "reopen": lambda: services.safety_report_reopen(report=report, reason=p.reason, by=user),
    }
    step = (cadre_steps.get(action) if manages else None) or (rep_steps.get(action) if is_reporter else None)
    if step is None:
        raise Http404
    return step()


# ---------------------------------------------------------------- hazards, figures

@router.get("/hazards", response=list[HazardPostOut])
@paginate(Pages)
def list_hazard_posts(request, org_id: int | None = None):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org_id) if org_id else None
    return selectors.hazard_post_list(visible_to=request.user, org=org)


@router.post("/hazards", response={201: HazardPostOut})
def create_hazard_post(request, payload: HazardPostIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=payload.org_id)
    return Status(201, services.hazard_post_create(actor=request.user, org=org, name=payload.name, factors=payload.factors,
                                                   surveyed_on=payload.surveyed_on, note=payload.note))


@router.get("/figures")
def figures(request, org_id: int | None = None, start: dt.date | None = None, end: dt.date | None = None):
    """The safety dashboard's figures for an org subtree and a period (default: the user's org, this year)."""
    org = (get_in_reach_or_404(Org.objects.all(), request.user, via="", action="safety.report.view", pk=org_id) if org_id
           else default_org(request.user))
    if org is None:
        raise Http404
    get_in_reach_or_404(Org.objects.all(), request.user, via="", action="safety.report.view", pk=org.pk)
    today = dt.date.today()
    start, end = start or dt.date(today.year, 1, 1), end or dt.date(today.year, 12, 31)
    f = selectors.safety_figures(org=org, start=start, end=end)
    h = selectors.hazard_figures(org=org, start=start, end=end)
    return {
        "org_id": org.pk, "start": start, "end": end,
        "safety": {"received": f.received, "resolved": f.resolved, "in_progress": f.in_progress, "overdue": f.overdue,
                   "reopened": f.reopened, "median_days_to_answer": f.median_days_to_answer, "groups": f.groups, "reps": f.reps},
        "hazards": {"posts_surveyed": h.posts_surveyed, "workers_exposed": h.workers_exposed,
                    "follow_ups_due": h.follow_ups_due, "follow_ups_done": h.follow_ups_done},
        "breakdown": {k: [_plain_row(r) for r in b.rows] for k, b in selectors.safety_breakdown(org=org, start=start, end=end).items()},
    }
