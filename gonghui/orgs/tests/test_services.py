import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.history import history_for
from gonghui.orgs.selectors import org_subtree, union_of
from gonghui.orgs.services import committee_create, committee_seat_assign, committee_seat_end, org_create, org_rename


def test_paths_make_a_subtree_one_prefix_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        codes = set(org_subtree(cast.union).values_list("code", flat=True))
    assert codes == {"BENBU", "BENBU-LG", "BENBU-ZG", "BENBU-LG-1"}
    assert cast.group.path == f"{cast.federation.path}{cast.union.pk}/{cast.branch.pk}/{cast.group.pk}/"


def test_the_union_of_a_group_is_found_through_its_path(cast):
    assert union_of(cast.group) == cast.union
    assert union_of(cast.federation) is None


def test_a_group_cannot_sit_under_a_federation(cast):
    with pytest.raises(ValidationError):
        org_create(actor=cast.fed, code="X", name="X", kind="group", parent=cast.federation)


def test_codes_are_unique(cast):
    with pytest.raises(ValidationError):
        org_create(actor=cast.fed, code="BENBU", name="again", kind="union", parent=cast.federation)


def test_renaming_keeps_who_and_what(cast):
    org_rename(actor=cast.chair, org=cast.branch, name="一炼钢作业区")
    entry = history_for(cast.branch).first()
    assert entry.actor == cast.chair and entry.changes == {"name": ["炼钢作业区", "一炼钢作业区"]}


def test_committee_seats_are_kept_with_their_history(cast):
    committee = committee_create(actor=cast.chair, org=cast.union, kind="funds_review", term_start=dt.date(2025, 4, 20))
    assert committee.name == "本部工会经费审查委员会"
    seat = committee_seat_assign(actor=cast.chair, committee=committee, member=cast.member_record, title="chair", start=dt.date(2025, 4, 20))
    with pytest.raises(ValidationError):
        committee_seat_assign(actor=cast.chair, committee=committee, member=cast.member_record, start=dt.date(2025, 5, 1))
    committee_seat_end(actor=cast.chair, seat=seat, end=dt.date(2025, 12, 31))
    actions = [e.changes["seat"] for e in history_for(committee) if "seat" in e.changes]
    assert actions == [["张三 主席", None], [None, "张三 主席"]]
    from gonghui.core.history import change_lines

    created, assigned, _ended = list(history_for(committee))[::-1]
    assert change_lines(created) == [("类别", "", "经费审查委员会"), ("任期开始", "", "2025年4月20日")]
    assert change_lines(assigned) == [("委员席位", "—", "张三 主席")]


def test_a_500_union_federation_reads_its_tree_in_one_query(db, django_assert_num_queries):
    fed = org_create(actor=None, code="BIG", name="大型联合会", kind="federation")
    for i in range(500):
        org_create(actor=None, code=f"U{i}", name=f"工会{i}", kind="union", parent=fed)
    with django_assert_num_queries(1):
        assert org_subtree(fed).filter(kind="union").count() == 500
