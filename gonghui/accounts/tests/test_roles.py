from gonghui.accounts.models import RoleAssignment
from gonghui.core.scoping import can_manage


def test_the_chair_appoints_a_cadre_who_then_reaches_the_branch(cast, client_as):
    client = client_as(cast.chair)
    response = client.post(f"/accounts/roles/{cast.other_branch.pk}/", {"username": "member", "role": "cadre"})
    assert response.status_code == 302
    assert can_manage(cast.member, cast.other_branch)
    page = client.get(f"/accounts/roles/{cast.other_branch.pk}/").content.decode()
    assert "工会干部" in page and "张三" in page


def test_a_branch_cadre_sees_roles_but_cannot_grant(cast, client_as):
    client = client_as(cast.cadre)
    assert client.get(f"/accounts/roles/{cast.branch.pk}/").status_code == 200
    assert client.post(f"/accounts/roles/{cast.branch.pk}/", {"username": "member", "role": "chair"}).status_code == 403
    assert not RoleAssignment.objects.filter(user=cast.member, role="chair").exists()


def test_revoking_a_role_ends_the_reach(cast, client_as):
    assignment = RoleAssignment.objects.get(user=cast.cadre)
    client_as(cast.chair).post(f"/accounts/roles/{cast.branch.pk}/", {"revoke": assignment.pk})
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_only_the_leadership_grants_a_role_that_manages(cast):
    import pytest

    from gonghui.accounts.services import role_grant
    from gonghui.core.scoping import NotAllowed

    with pytest.raises(NotAllowed, match="accounts.role.grant"):
        role_grant(actor=cast.cadre, user=cast.member, org=cast.branch, role="cadre")
    assert role_grant(actor=cast.chair, user=cast.member, org=cast.branch, role="cadre").role == "cadre"


def test_a_cadre_gives_a_member_role_in_their_branch_only(cast):
    import pytest

    from gonghui.accounts.services import role_grant
    from gonghui.core.scoping import NotAllowed

    assert role_grant(actor=cast.cadre, user=cast.rep, org=cast.branch, role="member").org == cast.branch
    with pytest.raises(NotAllowed):
        role_grant(actor=cast.cadre, user=cast.rep, org=cast.other_branch, role="member")
