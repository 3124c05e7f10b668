"""A chair builds the union's tree and committees from the pages; every step is in the history."""

import datetime as dt

import pytest

from gonghui.core.history import history_for
from gonghui.orgs.models import Committee, CommitteeSeat, Org
from gonghui.orgs.services import committee_create, committee_seat_assign

pytestmark = pytest.mark.django_db


def test_the_chair_adds_a_branch_and_a_group_under_it(cast, client_as):
    client = client_as(cast.chair)
    page = client.get(f"/orgs/{cast.union.pk}/children/new/").content.decode()
    assert 'value="branch"' in page and 'value="union"' not in page  # only what may sit under a union
    response = client.post(f"/orgs/{cast.union.pk}/children/new/", {"name": "冷轧作业区", "code": "benbu-lz", "kind": "branch"})
    branch = Org.objects.get(code="BENBU-LZ")
    assert response.status_code == 302 and branch.parent == cast.union and branch.path.startswith(cast.union.path)
    client.post(f"/orgs/{branch.pk}/children/new/", {"name": "甲班", "code": "BENBU-LZ-1", "kind": "group"})
    group = Org.objects.get(code="BENBU-LZ-1")
    assert group.parent == branch and group.kind == "group"
    assert history_for(group).get().actor == cast.chair
    assert "甲班" in client.get(f"/orgs/{branch.pk}/").content.decode()


def test_a_taken_code_or_a_group_under_a_group_is_refused_on_the_form(cast, client_as):
    client = client_as(cast.chair)
    page = client.post(f"/orgs/{cast.union.pk}/children/new/", {"name": "重复", "code": "BENBU-LG", "kind": "branch"})
    assert page.status_code == 200 and "BENBU-LG" in page.content.decode()
    assert client.get(f"/orgs/{cast.group.pk}/children/new/").status_code == 200
    page = client.post(f"/orgs/{cast.group.pk}/children/new/", {"name": "小组", "code": "X-1", "kind": "group"})
    assert page.status_code == 200 and not Org.objects.filter(code="X-1").exists()


def test_a_branch_cadre_renames_their_own_branch_but_not_the_union(cast, client_as):
    client = client_as(cast.cadre)
    assert client.post(f"/orgs/{cast.branch.pk}/rename/", {"name": "炼钢一作业区"}).status_code == 302
    cast.branch.refresh_from_db()
    assert cast.branch.name == "炼钢一作业区"
    assert history_for(cast.branch).filter(action="update").get().changes == {"name": ["炼钢作业区", "炼钢一作业区"]}
    assert client.post(f"/orgs/{cast.union.pk}/rename/", {"name": "改名"}).status_code == 404


def test_the_chair_sets_up_a_committee_fills_its_seats_and_a_member_leaves_it(cast, client_as):
    client = client_as(cast.chair)
    response = client.post(f"/orgs/{cast.union.pk}/committees/new/",
                           {"kind": "funds_review", "term_start": "2025-04-20", "term_end": "2030-04-19"})
    committee = Committee.objects.get(kind="funds_review")
    assert response.status_code == 302 and committee.name == f"{cast.union.name}经费审查委员会"
    url = f"/orgs/committees/{committee.pk}/seats/new/"
    assert client.post(url, {"member": "zhangsan", "title": "chair", "start": "2025-04-20"}).status_code == 302
    seat = CommitteeSeat.objects.get(committee=committee)
    assert seat.member == cast.member_record and seat.title == "chair"
    again = client.post(url, {"member": "张三", "title": "member", "start": "2025-05-01"}).content.decode()
    assert "张三" in again and CommitteeSeat.objects.filter(committee=committee).count() == 1  # one open seat each
    assert "没有找到该会员" in client.post(url, {"member": "王老师", "title": "member", "start": "2025-05-01"}).content.decode()
    before = client.post(f"/orgs/seats/{seat.pk}/end/", {"end": "2025-04-01"})
    assert before.status_code == 200 and CommitteeSeat.objects.get(pk=seat.pk).end is None
    assert client.post(f"/orgs/seats/{seat.pk}/end/", {"end": "2026-01-31"}).status_code == 302
    assert CommitteeSeat.objects.get(pk=seat.pk).end == dt.date(2026, 1, 31)
    seats = [e.changes["seat"] for e in history_for(committee) if "seat" in e.changes]
    assert sorted(seats, key=str) == sorted([[None, "张三 主席"], ["张三 主席", None]], key=str)


def test_a_term_that_ends_before_it_starts_is_refused(cast, client_as):
    page = client_as(cast.chair).post(f"/orgs/{cast.union.pk}/committees/new/",
                                      {"kind": "mediation", "term_start": "2025-04-20", "term_end": "2024-04-20"})
    assert page.status_code == 200 and not Committee.objects.filter(kind="mediation").exists()


def test_a_seat_goes_only_to_someone_on_the_committees_own_roll(cast):
    from django.core.exceptions import ValidationError

    committee = committee_create(actor=None, org=cast.branch, kind="union", term_start=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        committee_seat_assign(actor=None, committee=committee, member=cast.rep_record, start=dt.date(2025, 1, 1))


def test_a_committee_lists_its_chair_then_vice_chairs_then_members(cast, client_as):
    from gonghui.portal.tests.personas import make_member

    committee = committee_create(actor=None, org=cast.union, kind="union", term_start=dt.date(2025, 4, 20))
    for name, title in (("甲委员", "member"), ("乙副主席", "vice_chair"), ("丙主席", "chair")):
        committee_seat_assign(actor=None, committee=committee, member=make_member(cast.group, name), title=title,
                              start=dt.date(2025, 4, 20))
    page = client_as(cast.chair).get(f"/orgs/committees/{committee.pk}/").content.decode()
    assert page.index("丙主席") < page.index("乙副主席") < page.index("甲委员")


def test_the_chair_says_the_union_is_a_school_and_its_branches_write_school_affairs_disclosure(cast, client_as):
    client = client_as(cast.chair)
    response = client.post(f"/orgs/{cast.union.pk}/rename/", {"name": cast.union.name, "sector": "school", "staff_term": ""})
    assert response.status_code == 302
    cast.branch.refresh_from_db()
    cast.union.refresh_from_db()
    assert (cast.union.disclosure_word, cast.union.staff_word) == ("校务公开", "教职工")
    assert cast.branch.sector == "school"
    response = client.post(f"/orgs/{cast.union.pk}/rename/", {"name": cast.union.name, "sector": "mine"})
    assert "mine" in response.content.decode() and cast.union.sector == "school"


def test_the_api_changes_what_a_union_calls_its_people_and_refuses_an_unknown_sector(cast, client):
    from gonghui.accounts.services import api_token_create

    _token, key = api_token_create(user=cast.chair, name="test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    response = client.patch(f"/api/v1/orgs/{cast.union.pk}", {"staff_term": "员工"}, content_type="application/json", **auth)
    assert response.status_code == 200 and response.json()["staff_word"] == "员工"
    response = client.patch(f"/api/v1/orgs/{cast.union.pk}", {"sector": "mine"}, content_type="application/json", **auth)
    assert response.status_code == 422 and response.json()["detail"]["sector"] == ["请从所列单位类型中选择。"]
