"""Reads of the org tree."""

from __future__ import annotations

from django.db.models import QuerySet

from gonghui.core.scoping import orgs_in_reach

from .choices import OrgKind
from .models import Committee, Org


def org_subtree(org: Org) -> QuerySet[Org]:
    """The org and everything under it, in one indexed prefix query."""
    return Org.objects.filter(path__startswith=org.path, is_active=True)


def org_list(*, visible_to, kind: str | None = None) -> QuerySet[Org]:
    qs = orgs_in_reach(visible_to)
    return qs.filter(kind=kind) if kind else qs


def union_of(org: Org) -> Org | None:
    """The grassroots union an org belongs to (itself, for a union); None above unions."""
    if org.kind == OrgKind.UNION:
        return org
    if org.kind == OrgKind.FEDERATION:
        return None
    return Org.objects.filter(path__in=org.ancestor_paths(), kind=OrgKind.UNION).first()


def unions_under(org: Org) -> QuerySet[Org]:
    return org_subtree(org).filter(kind=OrgKind.UNION)


def committee_list(*, visible_to, org: Org | None = None) -> QuerySet[Committee]:
    from gonghui.core.scoping import in_reach

    qs = in_reach(Committee.objects.select_related("org"), visible_to)
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    return qs.prefetch_related("seats__member")


def placement_org_list(*, visible_to) -> QuerySet[Org]:
    """Orgs in reach where people can sit (unions, branches, groups): the choices of org pickers."""
    return orgs_in_reach(visible_to).exclude(kind=OrgKind.FEDERATION)
