"""Who may reach which orgs and do what there: the one place every list, page, export,
API call and write starts from.

Authority is asked by action (`core.authority`): `require(actor=…, org=…, action=…)`
before a write, `in_reach(queryset, user, action=…)` for the rows a selector may show.

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

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .authority import consent_actions, roles_for
from .roles import MANAGING_ROLES, Role

M = TypeVar("M", bound=Model)


def _org_model():
    """The org tree's model (settings.GONGHUI_ORG_MODEL), so the kernel imports no app."""
    return apps.get_model(settings.GONGHUI_ORG_MODEL)


class NotAllowed(PermissionDenied):
    """A write refused for want of authority. The page shows 403, the API answers 403 with the message."""

    def __init__(self, action: str):
        self.action = action
        super().__init__(_("You may not do this here (%(action)s).") % {"action": action})


def _roles(roles, action: str | None):
    return roles_for(action) if action else roles


def may(actor, action: str, org=None) -> bool:
    """Whether `actor` may do `action` on `org` (anywhere, when org is None). None is the system itself."""
    if actor is None:
        return True
    if not getattr(actor, "is_active", False):
        return False
    if getattr(actor, "is_superuser", False):
        return True
    roles = roles_for(action)
    if org is None:
        return any(r in roles for r, _path in _role_paths(actor))
    held = {role for role, path in _role_paths(actor) if role in roles and org.path.startswith(path)}
    if held - {Role.FEDERATION_OFFICER}:
        return True
    # A federation officer reads across its unions; some actions also need the union's consent.
    return bool(held) and (action not in consent_actions() or _union_consents(org))


def _union_consents(org) -> bool:
    """Whether the union `org` lies in lets its federation's officers do what needs consent
    (True for an org above the unions: the federation's own)."""
    consents = getattr(org, "union_allows_federation", None)
    return consents() if consents else False


def require(*, actor, action: str, org=None) -> None:
    """Refuse (NotAllowed) unless `actor` may do `action` on `org`. Every service calls it before it
    writes; None is the system itself (scenario loads, commands), never a request."""
    if not may(actor, action, org):
        raise NotAllowed(action)

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


def reach_paths(user, roles=MANAGING_ROLES, *, action: str | None = None) -> list[str] | None:
    """Path prefixes where the user holds one of `roles` (or may do `action`); None means everything (superuser)."""
    roles = _roles(roles, action)
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


def under(org, via: str = "org") -> Q:
    """Rows in the subtree of `org` (all rows when org is None): the one way to say "under this org"."""
    if org is None:
        return Q()
    return Q(**{f"{via}__path__startswith" if via else "path__startswith": org.path})


def in_reach(queryset: QuerySet[M], user, *, via: str = "org", roles=MANAGING_ROLES, action: str | None = None) -> QuerySet[M]:
    """The rows of `queryset` under an org where the user may do `action` (or holds one of `roles`).
    `via` is the path to the org field."""
    return queryset.filter(path_filter(reach_paths(user, roles, action=action), via))


def orgs_in_reach(user, roles=MANAGING_ROLES, *, action: str | None = None) -> QuerySet:
    return in_reach(_org_model().objects.filter(is_active=True), user, via="", roles=roles, action=action)


def get_in_reach_or_404(queryset: QuerySet[M], user, *, via: str = "org", roles=MANAGING_ROLES,
                        action: str | None = None, **lookup) -> M:
    """One object the user may reach, or 404: never 403, so nobody learns it exists."""
    try:
        return in_reach(queryset, user, via=via, roles=roles, action=action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def can_manage(user, org, roles=MANAGING_ROLES) -> bool:
    paths = reach_paths(user, roles)
    return paths is None or any(org.path.startswith(p) for p in paths)


def own_record(queryset: QuerySet[M], user, *, via: str = "member") -> QuerySet[M]:
    """The rows that are the user's own: `via` leads to the member record linked to the login."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    return queryset.filter(**{f"{via}__user": user})


def published_to(queryset: QuerySet[M], user, *, via: str = "org") -> QuerySet[M]:
    """Rows published to an org the user belongs to, or to one above it (a union's notice reaches its
    branches; a branch's does not reach the union). The caller adds what "published" means."""
    paths = belonging_paths(user)
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    if not paths:
        return queryset.none()
    ancestors = {p[:i] for p in paths for i in range(1, len(p) + 1)}
    field = f"{via}__path__in" if via else "path__in"
    return queryset.filter(**{field: ancestors})


def has_role(user, org, roles: set[str] | frozenset[str]) -> bool:
    """True when the user holds one of `roles` on the org or an ancestor of it."""
    if getattr(user, "is_superuser", False):
        return True
    return any(role in roles and org.path.startswith(path) for role, path in _role_paths(user))


def default_org(user):
    """The org a user's pages open on: the highest one they manage, else the one they belong to."""
    paths = reach_paths(user)
    Org = _org_model()
    if paths is None:
        return Org.objects.filter(parent__isnull=True).order_by("path").first()
    candidates = paths or belonging_paths(user)
    if not candidates:
        return None
    return Org.objects.filter(path=min(candidates, key=len)).first()


__all__ = [
    "NotAllowed",
    "Role",
    "belonging_paths",
    "can_manage",
    "default_org",
    "forget_reach",
    "get_in_reach_or_404",
    "has_role",
    "in_reach",
    "may",
    "orgs_in_reach",
    "own_record",
    "path_filter",
    "published_to",
    "reach_paths",
    "require",
    "under",
]


def org_from_query(request, param: str = "org"):
    """The org a list is filtered to (`?org=<id>`): None when not given, 404 when not a number or out of reach.
    A picker's typed text sent without JavaScript (`?org_q=炼钢`) names the highest org in reach whose name holds it."""
    value = request.GET.get(param, "")
    if not value:
        typed = (request.GET.get(f"{param}_q") or "").strip()[:60]
        if not typed:
            return None
        # none matching: the list is not narrowed (as the member book's own filter does)
        return in_reach(_org_model().objects.filter(name__contains=typed), request.user, via="").order_by("depth", "path").first()
    if not value.isdigit():
        raise Http404
    return get_in_reach_or_404(_org_model().objects.all(), request.user, via="", pk=int(value))
