"""Targets, meetings, plans and disclosures over the API: list, detail, create (a target's checks, a
notice's attachments, the answer to an objection)."""

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gonghui.core.api import Half, Pages, Year
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.orgs.models import Org

from . import selectors, services

router = Router(tags=["governance"])


def _org(request, org_id: int | None):
    return get_in_reach_or_404(Org.objects.all(), request.user, via="", action=selectors.VIEW, pk=org_id) if org_id else None


class CheckOut(Schema):
    id: int
    kind: str
    date: dt.date
    actual: Decimal
    checker: str
    remark: str


class TargetOut(Schema):
    id: int
    org_id: int
    year: Year
    name: str
    unit: str
    target: Decimal
    actual: Decimal | None
    completion: Decimal | None
    note: str


class TargetDetailOut(TargetOut):
    checks: list[CheckOut]

    @staticmethod
    def resolve_checks(obj):
        return list(obj.checks.all())


class TargetIn(Schema):
    org_id: int
    year: Year
    name: str
    unit: str = ""
    target: Decimal
    note: str = ""


class CheckIn(Schema):
    kind: str
    date: dt.date
    actual: Decimal
    checker: str = ""
    remark: str = ""


class MeetingOut(Schema):
    id: int
    org_id: int
    kind: str
    title: str
    date: dt.date
    place: str
    present: int
    expected: int
    agenda: str
    minutes: str
    decisions: list[str]

    @staticmethod
    def resolve_decisions(obj):
        return [d.text for d in obj.decisions.all()]


class MeetingIn(Schema):
    org_id: int
    kind: str
    title: str
    date: dt.date
    place: str = ""
    present: int = 0
    expected: int = 0
    agenda: str = ""
    minutes: str = ""
    decisions: list[str] = []


class MissingOut(Schema):
    org_id: int
    org_name: str
    kind: str
    year: Year
    quarter: int


class PlanOut(Schema):
    id: int
    org_id: int
    year: Year
    half: Half | None
    position: int
    text: str
    owner: str
    status: str
    result: str


class PlanIn(Schema):
    org_id: int
    year: Year
    half: Half | None = None
    text: str
    owner: str = ""
    status: str = "planned"


# ── targets ──

@router.get("/targets", response=list[TargetOut])
@paginate(Pages)
def list_targets(request, year: Year | None = None, org_id: int | None = None):
    return selectors.target_list(visible_to=request.user, org=_org(request, org_id), year=year)


@router.get("/targets/{int:target_id}", response=TargetDetailOut)
def get_target(request, target_id: int):
    return selectors.target_get(visible_to=request.user, pk=target_id)


@router.post("/targets", response={201: TargetOut})
def create_target(request, payload: TargetIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action=selectors.VIEW, pk=payload.org_id)
    return Status(201, services.target_create(actor=request.user, org=org, **payload.dict(exclude={"org_id"})))


@router.post("/targets/{int:target_id}/checks", response={201: CheckOut})
def record_check(request, target_id: int, payload: CheckIn):
    target = selectors.target_get(visible_to=request.user, pk=target_id)
    return Status(201, services.target_check_record(actor=request.user, target=target, **payload.dict()))


# ── meetings ──

@router.get("/meetings", response=list[MeetingOut])
@paginate(Pages)
def list_meetings(request, year: Year | None = None, kind: str | None = None, org_id: int | None = None):
    return selectors.meeting_list(visible_to=request.user, org=_org(request, org_id), kind=kind, year=year).prefetch_related("decisions")


@router.get("/meetings/missing", response=list[MissingOut])
def list_missing(request, year: Year, org_id: int | None = None):
    from gonghui.core.scoping import default_org
    from django.http import Http404

    org = _org(request, org_id) or default_org(request.user)
    if org is None:
        raise Http404
    return selectors.missing_meetings(org=org, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


@router.get("/meetings/{int:meeting_id}", response=MeetingOut)
def get_meeting(request, meeting_id: int):
    return selectors.meeting_get(visible_to=request.user, pk=meeting_id)


@router.post("/meetings", response={201: MeetingOut})
def create_meeting(request, payload: MeetingIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action=selectors.VIEW, pk=payload.org_id)
    return Status(201, services.meeting_record(actor=request.user, org=org, **payload.dict(exclude={"org_id"})))


# ── plans ──

@router.get("/plans", response=list[PlanOut])
@paginate(Pages)
def list_plans(request, year: Year | None = None, half: Half | None = None, status: str | None = None, org_id: int | None = None):
    return selectors.plan_list(visible_to=request.user, org=_org(request, org_id), year=year, half=half, status=status)


@router.get("/plans/{int:plan_id}", response=PlanOut)
def get_plan(request, plan_id: int):
    return selectors.plan_get(visible_to=request.user, pk=plan_id)


@router.post("/plans", response={201: PlanOut})
def create_plan(request, payload: PlanIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action=selectors.VIEW, pk=payload.org_id)
    return Status(201, services.plan_create(actor=request.user, org=org, **payload.dict(exclude={"org_id"})))


# ── disclosures: the notice, its attachments, the answers to objections ──

class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("governance:attachment", args=[obj.disclosure_id, obj.pk])


class ObjectionOut(Schema):
    id: int
    text: str
    status: str
    answer: str


class DisclosureOut(Schema):
    id: int
    org_id: int
    title: str
    body: str
    category: str
    published_on: dt.date | None
    notice_until: dt.date | None


class AnswerIn(Schema):
    answer: str


@router.get("/disclosures", response=list[DisclosureOut])
@paginate(Pages)
def list_disclosures(request, category: str | None = None, org_id: int | None = None):
    return selectors.disclosure_list(visible_to=request.user, org=_org(request, org_id), category=category)


@router.get("/disclosures/{int:disclosure_id}", response=DisclosureOut)
def get_disclosure(request, disclosure_id: int):
    """A cadre's disclosure (drafts too), or a notice published to the member asking."""
    return selectors.disclosure_seen(user=request.user, pk=disclosure_id)


@router.get("/disclosures/{int:disclosure_id}/attachments", response=list[AttachmentOut])
def list_attachments(request, disclosure_id: int):
    return list(selectors.attachments_of(selectors.disclosure_seen(user=request.user, pk=disclosure_id)))


@router.post("/disclosures/{int:disclosure_id}/attachments", response={201: AttachmentOut})
def add_attachment(request, disclosure_id: int, file: UploadedFile | None = File(None)):
    # the file is optional to the schema, so a caller who may not see the notice learns nothing (404, not 422)
    disclosure = selectors.disclosure_get(visible_to=request.user, pk=disclosure_id)
    if file is None:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"file": _("Choose a file to attach.")})
    return Status(201, services.disclosure_attachment_add(actor=request.user, disclosure=disclosure, upload=file))


@router.get("/disclosures/{int:disclosure_id}/objections", response=list[ObjectionOut])
def list_objections(request, disclosure_id: int):
    return list(selectors.objections_of(selectors.disclosure_get(visible_to=request.user, pk=disclosure_id)))


@router.post("/disclosures/{int:disclosure_id}/objections/{int:objection_id}/answer", response=ObjectionOut)
def answer_objection(request, disclosure_id: int, objection_id: int, payload: AnswerIn):
    disclosure = selectors.disclosure_get(visible_to=request.user, pk=disclosure_id)
    objection = get_object_or_404(disclosure.objections.all(), pk=objection_id)
    return services.objection_answer(actor=request.user, objection=objection, answer=payload.answer)
