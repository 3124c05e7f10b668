"""Reads of the org tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gonghui.core.scoping import in_reach, orgs_in_reach, under

from .choices import OrgKind
from .models import Committee, Org, UnionRollup


def org_subtree(org: Org) -> QuerySet[Org]:
    """The org and everything under it, in one indexed prefix query."""
    return Org.objects.filter(under(org, via=""), is_active=True)


def org_list(*, visible_to, kind: str | None = None, action: str = "orgs.org.view") -> QuerySet[Org]:
    qs = orgs_in_reach(visible_to, action=action)
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


def union_ids_by_org(org: Org) -> dict[int, int]:
    """{org id: id of the grassroots union it belongs to} for every org under `org`, in one query.

    Lets a federation's figures be counted per union with one grouped query per table
    (grouped by org, added up here) instead of one set of queries per union.
    """
    rows = list(Org.objects.filter(under(org, via="")).values_list("id", "path", "kind"))
    union_paths = {path: pk for pk, path, kind in rows if kind == OrgKind.UNION}
    found = {}
    for pk, path, _kind in rows:
        prefix = path
        while prefix and prefix not in union_paths:
            prefix = prefix[: prefix.rstrip("/").rfind("/") + 1] if prefix.rstrip("/") else ""
        if prefix:
            found[pk] = union_paths[prefix]
    return found


def count_by_union(queryset, union_of: dict[int, int]) -> dict[int, int]:
    """{union id: rows} of an OrgOwned queryset: one query grouped by org, added up per union."""
    totals: dict[int, int] = {}
    for org_id, n in queryset.order_by().values_list("org_id").annotate(n=Count("id")):
        union_pk = union_of.get(org_id)
        if union_pk is not None:
            totals[union_pk] = totals.get(union_pk, 0) + n
    return totals


def committee_list(*, visible_to, org: Org | None = None, action: str = "orgs.org.view") -> QuerySet[Committee]:
    qs = in_reach(Committee.objects.select_related("org"), visible_to, action=action).filter(under(org))
    return qs.prefetch_related("seats__member")


def placement_org_list(*, visible_to, action: str | None = None) -> QuerySet[Org]:
    """Orgs where people can sit (unions, branches, groups) and the user may do `action` (by default:
    any org the user manages): the choices of org pickers."""
    return orgs_in_reach(visible_to, action=action).exclude(kind=OrgKind.FEDERATION).select_related("parent")


def org_labels(orgs) -> dict[int, str]:
    """{org id: how a person tells it apart}: its name, or "parent / name" where names repeat
    (three groups called 甲班), or with the code in brackets if even that repeats.

    Every org picker and the import template label orgs this way, and the import reads the
    labels back (`members.imports.import_org_choice`). `orgs` need their parents selected.
    """
    orgs = list(orgs)
    names: dict[str, int] = {}
    for o in orgs:
        names[o.name] = names.get(o.name, 0) + 1
    labels = {o.pk: (o.name if names[o.name] == 1 or o.parent_id is None else qualified_name(o)) for o in orgs}
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    by_pk = {o.pk: o for o in orgs}
    return {pk: (label if seen[label] == 1 else f"{label}（{by_pk[pk].code}）") for pk, label in labels.items()}


ORG_LABEL_SEPARATOR = " / "


def qualified_name(org: Org) -> str:
    """"炼钢作业区 / 甲班": the org's name after its parent's."""
    return f"{org.parent.name}{ORG_LABEL_SEPARATOR}{org.name}" if org.parent_id else org.name


def org_pick_label(org: Org) -> str:
    """How a picker lists an org: a union or a federation by its name, a branch or group after its parent's."""
    return qualified_name(org) if org.kind not in (OrgKind.UNION, OrgKind.FEDERATION) else org.name


def org_search(orgs: QuerySet[Org], text: str) -> QuerySet[Org]:
    """The orgs among `orgs` that a typed text names: "parent / name" or an exact name if any has it,
    else every name containing the text (highest first). What a picker resolves typed text with."""
    text = text.strip()
    parent, separator, name = text.rpartition(ORG_LABEL_SEPARATOR.strip())
    if separator and parent.strip() and name.strip():
        both = orgs.filter(name=name.strip(), parent__name=parent.strip())
        if both.exists():
            return both
    exact = orgs.filter(name=text)
    if exact.exists():
        return exact
    return orgs.filter(name__contains=text).order_by("depth", "path")


# A federation's roll-up older than this is counted again when its officer opens the home page.
ROLLUP_MAX_AGE = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Rollup:
    """A federation's roll-up rows for some years ({(org id, year): figures}) and when they were counted
    (the oldest row's time, which is what a page quoting them must say)."""

    rows: dict[tuple[int, int], dict] = field(default_factory=dict)
    computed_at: dt.datetime | None = None

    def figure(self, org_id: int, year: int, name: str, default=0):
        return self.rows.get((org_id, year), {}).get(name, default)

    def by_org(self, year: int, name: str) -> dict[int, int]:
        """{org id: the figure `name`} of every row of `year` that has it."""
        return {org_id: f[name] for (org_id, y), f in self.rows.items() if y == year and name in f}

    @property
    def stale(self) -> bool:
        return self.computed_at is None or timezone.now() - self.computed_at > ROLLUP_MAX_AGE


def rollup_for(*, federation: Org, years, unions: bool = True) -> Rollup | None:
    """The roll-up of a federation for `years` (its own rows, and its unions' unless `unions` is
    False), in one query; None when it has not been counted yet, so the page counts live instead."""
    rows = list(UnionRollup.objects.filter(under(federation) if unions else Q(org=federation), year__in=list(years))
                .values_list("org_id", "year", "figures", "computed_at"))
    if not rows:
        return None
    return Rollup(rows={(org_id, year): figures for org_id, year, figures, _at in rows},
                  computed_at=min(at for *_rest, at in rows))
