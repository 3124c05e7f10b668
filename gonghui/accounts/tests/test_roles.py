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
