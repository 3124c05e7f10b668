"""Who may reach which orgs: the one place every list, page, export and API call starts from.

A managing role (federation officer, chair, cadre, funds reviewer) on an org reaches
the org's whole subtree. Members and safety reps manage nothing: they reach their
own records and what is published to their org, through `belonging_paths`.

Everything here filters by materialised-path prefixes, so a reach check is one
indexed predicate, whatever the size of the tree.
"""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from gonghui.accounts.choices import MANAGING_ROLES, Role
from gonghui.orgs.models import Org

M = TypeVar("M", bound=Model)

_CACHE = "_gonghui_role_paths"


def _role_paths(user) -> list[tuple[str, str]]:
    """[(role, org_path), …] for the user, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(user.roles.filter(org__is_active=True).values_list("role", "org__path"))
        setattr(user, _CACHE, cached)
    return cached


def holds_role(user, role: str) -> bool:
    """Whether the user holds `role` anywhere (from the roles already read for this request)."""
    return any(r == role for r, _path in _role_paths(user))


def forget_reach(user) -> None:
    """Call after changing a user's roles in the same request or test."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def _minimal(paths: set[str]) -> list[str]:
    """Drop paths already covered by a shorter one, so the filter has as few terms as possible."""
    kept: list[str] = []
    for p in sorted(paths, key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return kept


def reach_paths(user, roles=MANAGING_ROLES) -> list[str] | None:
    """Path prefixes the user manages; None means everything (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    return _minimal({path for role, path in _role_paths(user) if role in roles})


def belonging_paths(user) -> list[str]:
    """Orgs the user belongs to in any role, member included (for what is published to them)."""
    return _minimal({path for _role, path in _role_paths(user)})


def path_filter(paths: list[str] | None, via: str = "org") -> Q:
    """A Q matching rows whose `via` org lies under any of the paths. Empty reach matches nothing."""
    if paths is None:
        return Q()
    if not paths:
        return Q(pk__in=[])
    field = f"{via}__path__startswith" if via else "path__startswith"
    return reduce(or_, (Q(**{field: p}) for p in paths))


def in_reach(queryset: QuerySet[M], user, *, via: str = "org", roles=MANAGING_ROLES) -> QuerySet[M]:
    """The rows of `queryset` whose org the user manages. `via` is the path to the org field."""
    return queryset.filter(path_filter(reach_paths(user, roles), via))


def orgs_in_reach(user, roles=MANAGING_ROLES) -> QuerySet[Org]:
    return in_reach(Org.objects.filter(is_active=True), user, via="", roles=roles)


def get_in_reach_or_404(queryset: QuerySet[M], user, *, via: str = "org", roles=MANAGING_ROLES, **lookup) -> M:
    """One object the user may reach, or 404: never 403, so nobody learns it exists."""
    try:
        return in_reach(queryset, user, via=via, roles=roles).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def can_manage(user, org: Org, roles=MANAGING_ROLES) -> bool:
    paths = reach_paths(user, roles)
    return paths is None or any(org.path.startswith(p) for p in paths)


def has_role(user, org: Org, roles: set[str] | frozenset[str]) -> bool:
    """True when the user holds one of `roles` on the org or an ancestor of it."""
    if getattr(user, "is_superuser", False):
        return True
    return any(role in roles and org.path.startswith(path) for role, path in _role_paths(user))


def default_org(user) -> Org | None:
    """The org a user's pages open on: the highest one they manage, else the one they belong to."""
    paths = reach_paths(user)
    if paths is None:
        return Org.objects.filter(parent__isnull=True).order_by("path").first()
    candidates = paths or belonging_paths(user)
    if not candidates:
        return None
    return Org.objects.filter(path=min(candidates, key=len)).first()


__all__ = [
    "Role",
    "belonging_paths",
    "can_manage",
    "default_org",
    "forget_reach",
    "get_in_reach_or_404",
    "has_role",
    "in_reach",
    "orgs_in_reach",
    "path_filter",
    "reach_paths",
]


def org_from_query(request, param: str = "org") -> Org | None:
    """The org a list is filtered to (`?org=<id>`): None when not given, 404 when not a number or out of reach."""
    value = request.GET.get(param, "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_in_reach_or_404(Org.objects.all(), request.user, via="", pk=int(value))
