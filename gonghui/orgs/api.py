from ninja import Router, Schema

from gonghui.core.scoping import get_in_reach_or_404

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


@router.get("/", response=list[OrgOut])
def list_orgs(request, kind: str | None = None):
    return list(org_list(visible_to=request.user, kind=kind))


@router.get("/{int:org_id}", response=OrgOut)
def get_org(request, org_id: int):
    return get_in_reach_or_404(Org.objects.all(), request.user, via="", action="orgs.org.view", pk=org_id)
