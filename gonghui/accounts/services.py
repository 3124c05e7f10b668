"""Users, roles and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from gonghui.core.history import history_record
from gonghui.core.scoping import forget_reach

from .models import ApiToken, RoleAssignment, User


@transaction.atomic
def user_create(*, actor, username: str, password: str | None, display_name: str = "", phone: str = "", is_superuser: bool = False) -> User:
    user = User(username=username, display_name=display_name, phone=phone, is_superuser=is_superuser, is_staff=is_superuser)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def role_grant(*, actor, user: User, org, role: str) -> RoleAssignment:
    assignment, created = RoleAssignment.objects.get_or_create(user=user, org=org, role=role)
    if created:
        history_record(obj=assignment, org=org, actor=actor, action="create", changes={"user": user.username, "role": role})
    forget_reach(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor, assignment: RoleAssignment) -> None:
    history_record(
        obj=assignment, org=assignment.org, actor=actor, action="delete",
        changes={"user": assignment.user.username, "role": assignment.role},
    )
    assignment.delete()
    forget_reach(assignment.user)


def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token row and the key, which is shown once and never stored."""
    key = "gh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[3:11], key_hash=_token_hash(key))
    return token, key


def api_token_authenticate(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
