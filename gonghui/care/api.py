"""Care over the API: files (open, re-check, close), visits, everyday care, aid, talks and home visits, as on the pages."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gonghui.core.api import Pages, Year
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import selectors, services

router = Router(tags=["care"])


class CaseOut(Schema):
    id: int
    org_id: int
    member_id: int
    member_name: str
    kind: str
    level: str
    status: str
    household_size: int
    opened_on: dt.date
    checked_on: dt.date
    closed_on: dt.date | None

    @staticmethod
    def resolve_member_name(obj):
        return obj.member.name


class FiguresIn(Schema):
    household_size: int
    income: Decimal
    essential_spending: Decimal
    hardship_costs: Decimal = Decimal(0)
    major_accident: bool = False


class CaseIn(FiguresIn):
    member_id: int
    reason: str
    kind: str = "new"
    opened_on: dt.date | None = None


class RecheckIn(FiguresIn):
    date: dt.date | None = None
    note: str = ""


class CloseIn(Schema):
    reason: str
    date: dt.date | None = None


class VisitOut(Schema):
    id: int
    org_id: int
    occasion: str
    date: dt.date
    visitee_kind: str
    member_id: int | None
    visitee_name: str
    visitors: str
    cash: Decimal
    goods: str
    goods_value: Decimal
    entry_id: int | None


class VisitIn(Schema):
    org_id: int
    occasion: str
    date: dt.date
    visitee_name: str = ""
    visitors: str
    idempotency_key: str
    visitee_kind: str = "member"
    member_id: int | None = None
    cash: Decimal = Decimal(0)
    goods: str = ""
    goods_value: Decimal = Decimal(0)


class ServiceOut(Schema):
    id: int
    org_id: int
    kind: str
    date: dt.date
    people: int
    member_id: int | None
    note: str


class ServiceIn(Schema):
    org_id: int
    kind: str
    date: dt.date
    idempotency_key: str
    people: int = 1
    member_id: int | None = None
    note: str = ""


class AidOut(Schema):
    id: int
    org_id: int
    member_id: int
    kind: str
    date: dt.date
    amount: Decimal
    goods: str
    goods_value: Decimal
    status: str
    refusal: str
    entry_id: int | None


class AidIn(Schema):
    member_id: int
    kind: str
    date: dt.date
    idempotency_key: str
    amount: Decimal = Decimal(0)
    goods: str = ""
    goods_value: Decimal = Decimal(0)


class TalkOut(Schema):
    id: int
    member_id: int
    kind: str
    date: dt.date
    topic: str
    outcome: str
    follow_up: str


class TalkIn(Schema):
    member_id: int
    kind: str = "talk"
    date: dt.date
    topic: str
    outcome: str = ""
    follow_up: str = ""


class SettingsIO(Schema):
    org_id: int
    low_income_line: Decimal
    aid_limit: Decimal
    education_grant: Decimal


def _settings_out(org: Org) -> dict:
    row = selectors.settings_for(org)
    return {"org_id": org.pk, "low_income_line": row.low_income_line, "aid_limit": row.aid_limit,
            "education_grant": row.education_grant}


def _member(request, pk: int, action: str) -> Member:
    return get_in_reach_or_404(Member.objects.select_related("org"), request.user, action=action, pk=pk)


@router.get("/cases", response=list[CaseOut])
@paginate(Pages)
def list_cases(request, status: str | None = None, level: str | None = None):
    return selectors.case_list(visible_to=request.user, status=status, level=level)


@router.get("/cases/{int:case_id}", response=CaseOut)
def get_case(request, case_id: int):
    return selectors.case_get(visible_to=request.user, pk=case_id)


@router.post("/cases", response={201: CaseOut})
def open_case(request, payload: CaseIn):
    member = _member(request, payload.member_id, "care.case.manage")
    return Status(201, services.case_open(actor=request.user, member=member, **payload.dict(exclude={"member_id"})))


@router.post("/cases/{int:case_id}/recheck", response={201: CaseOut})
def recheck_case(request, case_id: int, payload: RecheckIn):
    case = selectors.case_get(visible_to=request.user, pk=case_id)
    return Status(201, services.case_recheck(actor=request.user, case=case, **payload.dict()))


@router.post("/cases/{int:case_id}/close", response={201: CaseOut})
def close_case(request, case_id: int, payload: CloseIn):
    case = selectors.case_get(visible_to=request.user, pk=case_id)
    return Status(201, services.case_close(actor=request.user, case=case, **payload.dict()))


@router.get("/visits", response=list[VisitOut])
@paginate(Pages)
def list_visits(request, year: Year | None = None, occasion: str | None = None):
    return selectors.visit_list(visible_to=request.user, year=year, occasion=occasion)


@router.get("/visits/{int:visit_id}", response=VisitOut)
def get_visit(request, visit_id: int):
    return selectors.visit_get(visible_to=request.user, pk=visit_id)


@router.post("/visits", response={201: VisitOut})
def record_visit(request, payload: VisitIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="care.visit.record", pk=payload.org_id)
    member = _member(request, payload.member_id, "care.visit.record") if payload.member_id else None
    return Status(201, services.visit_record(actor=request.user, org=org, member=member,
                                             **payload.dict(exclude={"org_id", "member_id"})))


@router.get("/services", response=list[ServiceOut])
@paginate(Pages)
def list_care_services(request, year: Year | None = None, kind: str | None = None):
    """Everyday care the union arranged (病号饭, 休假…), counted in person-times."""
    return selectors.service_list(visible_to=request.user, year=year, kind=kind)


@router.post("/services", response={201: ServiceOut})
def record_care_service(request, payload: ServiceIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="care.visit.record", pk=payload.org_id)
    member = _member(request, payload.member_id, "care.visit.record") if payload.member_id else None
    return Status(201, services.care_service_record(actor=request.user, org=org, member=member,
                                                    **payload.dict(exclude={"org_id", "member_id"})))


@router.get("/aid", response=list[AidOut])
@paginate(Pages)
def list_aid(request, year: Year | None = None, status: str | None = None):
    return selectors.aid_list(visible_to=request.user, year=year, status=status)


@router.get("/aid/{int:aid_id}", response=AidOut)
def get_aid(request, aid_id: int):
    return selectors.aid_get(visible_to=request.user, pk=aid_id)


@router.post("/aid", response={201: AidOut})
def pay_aid(request, payload: AidIn):
    member = _member(request, payload.member_id, "care.aid.pay")
    return Status(201, services.aid_pay(actor=request.user, member=member, **payload.dict(exclude={"member_id"})))


@router.get("/talks", response=list[TalkOut])
@paginate(Pages)
def list_talks(request, org_id: int | None = None, kind: str = ""):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=org_id) if org_id else None
    return selectors.talk_list(visible_to=request.user, org=org, kind=kind or None)


@router.post("/talks", response={201: TalkOut})
def record_talk(request, payload: TalkIn):
    member = _member(request, payload.member_id, "care.talk.record")
    return Status(201, services.talk_record(actor=request.user, member=member, **payload.dict(exclude={"member_id"})))


@router.get("/settings", response=SettingsIO)
def get_settings(request, org_id: int):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="care.case.view", pk=org_id)
    return _settings_out(selectors.union_of(org))


@router.post("/settings", response={201: SettingsIO})
def set_settings(request, payload: SettingsIO):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="care.case.view", pk=payload.org_id)
    services.care_settings_set(actor=request.user, org=org, **payload.dict(exclude={"org_id"}))
    return Status(201, _settings_out(org))
