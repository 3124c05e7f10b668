from ninja import Field, Router, Schema

from gonghui.core.api import Refusal
from gonghui.core.scoping import get_in_reach_or_404

from . import services
from .models import Org
from .selectors import org_list

router = Router(tags=["orgs"])


class OrgOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    depth: int
    sector: str
    disclosure_word: str
    staff_word: str


class OrgPatch(Schema):
    name: str | None = Field(None, max_length=100)
    sector: str | None = Field(None, max_length=12)
    staff_term: str | None = Field(None, max_length=10)


@router.get("/", response=list[OrgOut])
def list_orgs(request, kind: str | None = None):
    return list(org_list(visible_to=request.user, kind=kind))


@router.get("/{int:org_id}", response=OrgOut)
def get_org(request, org_id: int):
    return get_in_reach_or_404(Org.objects.all(), request.user, via="", action="orgs.org.view", pk=org_id)


@router.patch("/{int:org_id}", response={200: OrgOut, 403: Refusal, 404: Refusal, 422: Refusal})
def edit_org(request, org_id: int, data: OrgPatch):
    """Rename an org, or say what its workplace is (the sector decides 厂务公开 / 校务公开 …)."""
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="orgs.org.rename", pk=org_id)
    return services.org_edit(actor=request.user, org=org, **data.dict(exclude_unset=True))
