import datetime as dt

from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gonghui.core.api import Pages, Refusal
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.orgs.models import Org

from . import services
from .selectors import member_get, member_list, member_of_user

router = Router(tags=["members"])


class MemberOut(Schema):
    id: int
    name: str
    org_id: int
    org_name: str
    union_id: int
    sex: str
    ethnic_group: str
    birth_year: int
    id_number_masked: str
    phone: str
    post: str
    is_union_member: bool
    join_date: dt.date | None
    status: str
    left_date: dt.date | None
    contract_status: str
    contract_start: dt.date | None
    contract_end: dt.date | None

    @staticmethod
    def resolve_org_name(obj):
        return obj.org.name


class MemberIn(Schema):
    name: str
    id_number: str
    org_id: int
    phone: str = ""
    post: str = ""
    ethnic_group: str = "汉族"
    is_union_member: bool = True
    join_date: dt.date | None = None
    contract_status: str = "unsigned"
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None


class MemberPatch(Schema):
    name: str | None = None
    phone: str | None = None
    post: str | None = None
    ethnic_group: str | None = None
    is_union_member: bool | None = None
    join_date: dt.date | None = None
    contract_status: str | None = None
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None


class TransferIn(Schema):
    to_org_id: int
    date: dt.date
    note: str = ""


class LeaveIn(Schema):
    date: dt.date
    note: str = ""


class IdNumberCorrectionIn(Schema):
    id_number: str
    reason: str


@router.get("/", response=list[MemberOut])
@paginate(Pages)
def list_members(request, q: str = "", org_id: int | None = None, status: str = "active"):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="members.member.view", pk=org_id) if org_id else None
    return member_list(visible_to=request.user, org=org, q=q, status=status or None)


@router.get("/me", response=MemberOut)
def my_record(request):
    member = member_of_user(request.user)
    if member is None:
        from django.http import Http404

        raise Http404
    return member


@router.get("/{int:member_id}", response=MemberOut)
def get_member(request, member_id: int):
    return member_get(visible_to=request.user, pk=member_id)


@router.post("/", response={201: MemberOut})
def create_member(request, payload: MemberIn):
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="members.member.create", pk=payload.org_id)
    data = services.MemberData(org=org, **payload.dict(exclude={"org_id"}))
    return Status(201, services.member_create(actor=request.user, data=data))


@router.patch("/{int:member_id}", response=MemberOut)
def update_member(request, member_id: int, payload: MemberPatch):
    member = member_get(visible_to=request.user, pk=member_id, action="members.member.update")
    return services.member_update(actor=request.user, member=member, **payload.dict(exclude_unset=True))


@router.post("/{int:member_id}/transfer", response=MemberOut)
def transfer_member(request, member_id: int, payload: TransferIn):
    member = member_get(visible_to=request.user, pk=member_id, action="members.member.transfer")
    to_org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="members.member.transfer", pk=payload.to_org_id)
    return services.member_transfer(actor=request.user, member=member, to_org=to_org, date=payload.date, note=payload.note)


@router.post("/{int:member_id}/leave", response=MemberOut)
def member_leaves(request, member_id: int, payload: LeaveIn):
    member = member_get(visible_to=request.user, pk=member_id, action="members.member.leave")
    return services.member_leave(actor=request.user, member=member, date=payload.date, note=payload.note)


@router.post("/{int:member_id}/id-number", response=MemberOut)
def correct_id_number(request, member_id: int, payload: IdNumberCorrectionIn):
    """Put right a mistyped ID-card number (chair or federation officer); the reason goes into the history."""
    member = member_get(visible_to=request.user, pk=member_id)
    return services.member_id_number_correct(actor=request.user, member=member, id_number=payload.id_number,
                                             reason=payload.reason)


class RowErrorOut(Schema):
    row: int
    column: str
    code: str
    reason: str


class ImportOut(Schema):
    dry_run: bool
    rows: int
    created: int
    errors: list[RowErrorOut]
    more_errors: int = 0  # problems beyond those listed in `errors`


@router.post("/import", response={200: ImportOut, 201: ImportOut, 400: ImportOut | Refusal, 422: ImportOut | Refusal})
def import_members(request, org_id: int, dry_run: bool = False, file: UploadedFile | None = File(None)):
    """A roster (.xlsx, multipart field `file`) into an org in reach; all rows or none. 422 lists the bad cells
    (the first 100; `more_errors` counts the rest). The file is checked as on the page: size, zip, sheet area."""
    from .imports import roster_import

    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="members.member.import", pk=org_id)
    if file is None:
        missing = [RowErrorOut(row=0, column="", code="no_file", reason=_("Send the roster as the multipart field 'file'."))]
        return Status(400, ImportOut(dry_run=dry_run, rows=0, created=0, errors=missing))
    result = roster_import(actor=request.user, org=org, source=file, dry_run=dry_run, note=file.name[:200])
    body = ImportOut(
        dry_run=dry_run, rows=result.roster.total, created=result.created,
        errors=[RowErrorOut(row=e.row, column=e.column, code=e.code, reason=e.reason) for e in result.errors],
        more_errors=result.roster.more_errors,
    )
    if not result.ok:
        return Status(200 if dry_run else 422, body)
    return Status(200 if dry_run else 201, body)
