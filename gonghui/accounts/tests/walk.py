"""Accounts' private URLs and services, for the outsider and authority walks (portal/tests)."""

# Not a write on anyone's record by a role-holder: see accounts/services.py's docstring.
UNGUARDED = {
    "user_create": "the system's: the demo, scenarios and an administrator's command make logins",
    "api_token_authenticate": "the API's authentication itself: it reads a key, it changes no record",
}


def private_urls(cast) -> list[tuple]:
    from gonghui.accounts.models import RoleAssignment

    from gonghui.accounts.services import api_token_create

    cadre_role = RoleAssignment.objects.get(user=cast.cadre)
    token, _key = api_token_create(actor=cast.chair, user=cast.chair, name="走查")
    return [
        ("POST", f"/accounts/tokens/{token.pk}/revoke/"),
        ("GET", f"/accounts/roles/{cast.union.pk}/"),
        ("POST", f"/accounts/roles/{cast.union.pk}/"),
        ("POST", f"/accounts/roles/{cast.branch.pk}/", {"revoke": cadre_role.pk}),
        ("POST", f"/accounts/roles/{cast.group.pk}/password/{cast.member.pk}/"),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    """Every guarded write of accounts on BENBU's people, as `call(actor)`."""
    from gonghui.accounts import services
    from gonghui.accounts.models import RoleAssignment

    cadre_role = RoleAssignment.objects.get(user=cast.cadre)
    token, _key = services.api_token_create(actor=cast.chair, user=cast.chair, name="报表")
    return [
        ("role_grant", lambda actor: services.role_grant(actor=actor, user=cast.member, org=cast.union, role="chair")),
        ("role_revoke", lambda actor: services.role_revoke(actor=actor, assignment=cadre_role)),
        ("user_password_change", lambda actor: services.user_password_change(
            actor=actor, user=cast.chair, old_password="pw-chair", new_password="a long enough passphrase")),
        ("user_password_reset", lambda actor: services.user_password_reset(actor=actor, user=cast.cadre)),
        ("api_token_create", lambda actor: services.api_token_create(actor=actor, user=cast.chair, name="x")),
        ("api_token_revoke", lambda actor: services.api_token_revoke(actor=actor, token=token)),
    ]
