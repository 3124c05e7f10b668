"""Every change to the org tree and its committees; each asks `scoping.require` first."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import scoping
from gonghui.core.history import history_record, model_update

from .choices import ALLOWED_CHILDREN, CommitteeKind, OrgKind, SeatTitle, Sector
from .models import Committee, CommitteeSeat, Org
from gonghui.core.text import single_line


@transaction.atomic
def org_create(*, actor, code: str, name: str, kind: str, parent: Org | None = None, sector: str = "",
               staff_term: str = "") -> Org:
    if parent is None:
        # A new top of a tree (a federation, a stand-alone union) is set up by the system or an administrator.
        if actor is not None and not (actor.is_active and actor.is_superuser):
            raise scoping.NotAllowed("orgs.org.create")
    else:
        scoping.require(actor=actor, action="orgs.org.create", org=parent)
    code, name = single_line(code), single_line(name)
    if not name:
        raise ValidationError({"name": _("Give the organisation a name.")})
    if parent is None and kind not in (OrgKind.FEDERATION, OrgKind.UNION):
        raise ValidationError(_("A branch or group needs a parent organisation."))
    if parent is not None and kind not in ALLOWED_CHILDREN[OrgKind(parent.kind)]:
        raise ValidationError(
            _("A %(kind)s cannot sit under a %(parent)s.")
            % {"kind": OrgKind(kind).label, "parent": OrgKind(parent.kind).label}
        )
    if Org.objects.filter(code=code).exists():
        raise ValidationError(_("The code %(code)s is already taken.") % {"code": code})
    sector = sector or (parent.sector if parent else Sector.FACTORY)
    if sector not in Sector.values:
        raise ValidationError({"sector": _("Choose one of the listed sectors.")})
    org = Org.objects.create(code=code, name=name, kind=kind, parent=parent, path="", depth=0, sector=sector,
                             staff_term=single_line(staff_term))
    # The id is known only after the insert; the path is built from it.
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.depth = (parent.depth + 1) if parent else 0
    org.save(update_fields=["path", "depth"])
    history_record(obj=org, org=org, actor=actor, action="create", changes={"code": code, "name": name, "kind": kind})
    return org


@transaction.atomic
def org_rename(*, actor, org: Org, name: str) -> Org:
    scoping.require(actor=actor, action="orgs.org.rename", org=org)
    name = single_line(name)
    if not name:
        raise ValidationError({"name": _("Give the organisation a name.")})
    model_update(obj=org, changes={"name": name}, allowed=("name",), actor=actor, org=org)
    return org


@transaction.atomic
def org_federation_consent_set(*, actor, org: Org, allowed: bool) -> Org:
    """The union's chair lets its federation's officers edit its member book and see full ID numbers,
    or takes that back (core.scoping.may asks Org.union_allows_federation). Recorded in the union's history."""
    scoping.require(actor=actor, action="orgs.org.federation_consent", org=org)
    if org.kind != OrgKind.UNION:
        raise ValidationError(_("Only a grassroots union decides what its federation may do in it."))
    model_update(obj=org, changes={"federation_may_edit": bool(allowed)}, allowed=("federation_may_edit",), actor=actor, org=org)
    return org


@transaction.atomic
def org_edit(*, actor, org: Org, name: str | None = None, sector: str | None = None, staff_term: str | None = None) -> Org:
    """The org's edit page and PATCH: whichever of name, sector and staff term is given."""
    if name is not None:
        org_rename(actor=actor, org=org, name=name)
    sector = sector or None      # a form that leaves it out keeps the org's
    if sector is not None or staff_term is not None:
        org_describe(actor=actor, org=org, sector=org.sector if sector is None else sector,
                     staff_term=org.staff_term if staff_term is None else staff_term)
    return org


@transaction.atomic
def org_describe(*, actor, org: Org, sector: str, staff_term: str = "") -> Org:
    """Set what the workplace is and what the union calls its people; the orgs under it follow the sector."""
    scoping.require(actor=actor, action="orgs.org.rename", org=org)
    if sector not in Sector.values:
        raise ValidationError({"sector": _("Choose one of the listed sectors.")})
    model_update(obj=org, changes={"sector": sector, "staff_term": single_line(staff_term)},
                 allowed=("sector", "staff_term"), actor=actor, org=org)
    Org.objects.filter(path__startswith=org.path).exclude(pk=org.pk).update(sector=sector)
    return org


@transaction.atomic
def committee_create(
    *, actor, org: Org, kind: str, term_start: dt.date, name: str = "", term_end: dt.date | None = None
) -> Committee:
    scoping.require(actor=actor, action="orgs.committee.create", org=org)
    name = single_line(name)
    if term_end is not None and term_end < term_start:
        raise ValidationError({"term_end": _("The term ends before it starts.")})
    committee = Committee.objects.create(
        org=org, kind=kind, name=name or f"{org.name}{CommitteeKind(kind).label}", term_start=term_start, term_end=term_end
    )
    history_record(obj=committee, org=org, actor=actor, action="create", changes={"kind": kind, "term_start": str(term_start)})
    return committee


@transaction.atomic
def committee_seat_assign(*, actor, committee: Committee, member, title: str = SeatTitle.MEMBER, start: dt.date) -> CommitteeSeat:
    scoping.require(actor=actor, action="orgs.committee.seat_assign", org=committee.org)
    if not member.org.path.startswith(committee.org.path):
        raise ValidationError({"member": _("%(name)s is not a member of %(org)s.") % {"name": member.name, "org": committee.org.name}})
    if CommitteeSeat.objects.filter(committee=committee, member=member, end__isnull=True).exists():
        raise ValidationError(_("%(name)s already holds a seat on this committee.") % {"name": member.name})
    seat = CommitteeSeat.objects.create(committee=committee, member=member, title=title, start=start)
    history_record(
        obj=committee, org=committee.org, actor=actor, action="update",
        changes={"seat": [None, f"{member.name} {SeatTitle(title).label}"]},
    )
    return seat


@transaction.atomic
def committee_seat_end(*, actor, seat: CommitteeSeat, end: dt.date) -> CommitteeSeat:
    scoping.require(actor=actor, action="orgs.committee.seat_end", org=seat.committee.org)
    if seat.end is not None:
        raise ValidationError(_("This seat has already ended."))
    if end < seat.start:
        raise ValidationError({"end": _("A seat cannot end before it began.")})
    seat.end = end
    seat.save(update_fields=["end", "updated_at"])
    history_record(
        obj=seat.committee, org=seat.committee.org, actor=actor, action="update",
        changes={"seat": [f"{seat.member.name} {seat.get_title_display()}", None]},
    )
    return seat
