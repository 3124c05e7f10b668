from gonghui.core.scoping import can_manage, default_org, in_reach, orgs_in_reach
from gonghui.members.models import Member


def test_a_chair_reaches_the_whole_union_and_nothing_beside_it(cast):
    reached = set(orgs_in_reach(cast.chair).values_list("code", flat=True))
    assert reached == {"BENBU", "BENBU-LG", "BENBU-ZG", "BENBU-LG-1"}


def test_a_federation_officer_reaches_every_union_below(cast):
    reached = set(orgs_in_reach(cast.fed).values_list("code", flat=True))
    assert {"GANGTIE", "BENBU", "XUEXIAO", "BENBU-LG-1"} <= reached


def test_a_branch_cadre_reaches_only_the_branch(cast):
    assert can_manage(cast.cadre, cast.group)
    assert not can_manage(cast.cadre, cast.other_branch)
    names = set(in_reach(Member.objects.all(), cast.cadre).values_list("name", flat=True))
    assert names == {"张三"}


def test_a_plain_member_manages_nothing(cast):
    assert not orgs_in_reach(cast.member).exists()
    assert not in_reach(Member.objects.all(), cast.member).exists()


def test_the_outsider_reaches_only_the_sibling_union(cast):
    names = set(in_reach(Member.objects.all(), cast.outsider).values_list("name", flat=True))
    assert names == {"王老师"}
    assert default_org(cast.outsider) == cast.sibling


def test_roles_are_read_once_per_user_object(cast, django_assert_num_queries):
    from gonghui.core.scoping import forget_reach

    forget_reach(cast.fed)
    with django_assert_num_queries(3):  # the roles once, then one query per list
        list(in_reach(Member.objects.all(), cast.fed))
        list(in_reach(Member.objects.all(), cast.fed))


def test_a_list_filtered_to_another_union_or_to_nonsense_is_404(cast, client_as):
    client = client_as(cast.chair)
    assert client.get(f"/members/?org={cast.sibling.pk}").status_code == 404
    assert client.get("/members/?org=abc").status_code == 404
    assert client.get("/voice/dashboard/?org=abc").status_code == 404
    assert client.get(f"/members/?org={cast.branch.pk}").status_code == 200
