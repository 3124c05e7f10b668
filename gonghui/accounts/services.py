"""Users, roles, passwords and API tokens.

Every write asks `scoping.require` first, except the two that are no one's act on a record:
creating a user (done by the system: the demo, the scenario loader, an administrator's
command) and checking a bearer token (the API's authentication itself).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import scoping
from gonghui.core.history import history_record
from gonghui.core.roles import Role

from .models import ApiToken, RoleAssignment, User

# A token lives this long unless its owner asks for less; an expired one is refused.
TOKEN_DAYS = 90
TOKEN_MAX_DAYS = 365
# Roles that reach nothing beyond the holder's own records: the cadre who links a member
# record to a login, or appoints a safety rep, grants them with the record.
PLAIN_ROLES = frozenset({Role.MEMBER, Role.SAFETY_REP})


@transaction.atomic
def user_create(*, actor, username: str, password: str | None, display_name: str = "", phone: str = "", is_superuser: bool = False) -> User:
    user = User(username=username, display_name=display_name, phone=phone, is_superuser=is_superuser, is_staff=is_superuser)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


# ── roles ────────────────────────────────────────────────────────────────────

def _grant_action(role: str) -> str:
    return "accounts.member_role.grant" if role in PLAIN_ROLES else "accounts.role.grant"


@transaction.atomic
def role_grant(*, actor, user: User, org, role: str) -> RoleAssignment:
    """Give `user` a role on `org`. A role that manages or watches needs the union's leadership;
    a member's or safety rep's role, a cadre of the org."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    scoping.require(actor=actor, action=_grant_action(role), org=org)
    assignment, created = RoleAssignment.objects.get_or_create(user=user, org=org, role=role)
    if created:
        history_record(obj=assignment, org=org, actor=actor, action="create", changes={"user": user.username, "role": role})
    scoping.forget_reach(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    scoping.require(actor=actor, action=_grant_action(assignment.role), org=assignment.org)
    history_record(
        obj=assignment, org=assignment.org, actor=actor, action="delete",
        changes={"user": assignment.user.username, "role": assignment.role},
    )
    assignment.delete()
    scoping.forget_reach(assignment.user)


# ── passwords ────────────────────────────────────────────────────────────────

@transaction.atomic
def user_password_change(*, actor, user: User, old_password: str, new_password: str) -> User:
    """A person changes their own password, giving the current one."""
    if actor is not None and getattr(actor, "pk", None) != user.pk:
        raise scoping.NotAllowed("accounts.password.change")
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("The current password is not right.")})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    return user


def _may_reset(actor, user: User) -> bool:
    """A chair (or federation officer) resets the password of someone all of whose roles lie in
    their subtree, so nobody takes over an account that reaches further than their own."""
    if actor is None:
        return True
    if getattr(actor, "pk", None) == user.pk or (user.is_superuser and not actor.is_superuser):
        return False
    orgs = [a.org for a in user.roles.select_related("org")]
    return bool(orgs) and all(scoping.may(actor, "accounts.password.reset", org) for org in orgs)


@transaction.atomic
def user_password_reset(*, actor, user: User, new_password: str | None = None) -> str:
    """Give a member a new password (a random one unless given), which they must change at
    their next login; returns it, to be passed on to them once."""
    if not _may_reset(actor, user):
        raise scoping.NotAllowed("accounts.password.reset")
    password = new_password or secrets.token_urlsafe(9)
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    # ended: the tokens the old password's holder may have made
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    org = next((a.org for a in user.roles.select_related("org")), None)
    if org is not None:
        history_record(obj=user, org=org, actor=actor, action="update", changes={"password": ["…", "…"]},
                       note=_("password reset"))
    return password


# ── API tokens ───────────────────────────────────────────────────────────────

def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _require_own(actor, user: User, action: str) -> None:
    """A token is its owner's: only they (or the system) make or end it."""
    if actor is None or getattr(actor, "pk", None) == user.pk:
        return
    raise scoping.NotAllowed(action)


# "the user themself", the default actor of a token: a person makes their own tokens
THEMSELF = object()


@transaction.atomic
def api_token_create(*, actor=THEMSELF, user: User, name: str, days: int = TOKEN_DAYS) -> tuple[ApiToken, str]:
    """Returns the token row and the key, which is shown once and never stored."""
    _require_own(user if actor is THEMSELF else actor, user, "accounts.token.create")
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValidationError({"days": _("A token lives between 1 and %(n)s days.") % {"n": TOKEN_MAX_DAYS}})
    key = "gh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[3:11], key_hash=_token_hash(key),
                                    expires_at=timezone.now() + dt.timedelta(days=days))
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """End a token at once. Revoking one already revoked changes nothing."""
    _require_own(actor, token.user, "accounts.token.revoke")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(key), revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user

