"""The summary computed from small hand-made records, where the right sentences are known."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.portal.tests.personas import make_member
from gonghui.members.services import member_leave
from gonghui.core.summary import Period
from gonghui.reports.selectors import summary_draft


def block(content, key):
    return next(b for b in content["blocks"] if b["key"] == key)


def test_the_union_summary_states_the_roll_and_its_year_on_year(cast):
    for name in ("赵一", "钱二"):
        make_member(cast.branch, name)
    content = summary_draft(org=cast.union, period=Period.year(2025))
    members = block(content, "members")
    assert members["heading"] == "一、加强工会组织建设，规范会员台帐管理"
    assert members["paragraphs"][-1] == "在册职工同比持平。"
    assert "共有在册职工4名" in members["paragraphs"][0]
    assert content["blocks"][0]["paragraphs"][0].startswith("2025年，本部工会在某钢铁公司工会和企业党政的领导下")


def test_a_roll_that_shrank_says_so_year_on_year(cast):
    people = [make_member(cast.branch, f"职工{i}") for i in range(4)]
    member_leave(actor=cast.chair, member=people[0], date=dt.date(2024, 6, 30))
    # The roll at each period's end: 6 on 2023-12-31, 5 on 2024-12-31 and 2025-12-31.
    content = summary_draft(org=cast.union, period=Period.year(2025))
    last_year = summary_draft(org=cast.union, period=Period.year(2024))
    assert "在册职工同比减少16.7%。" in block(last_year, "members")["paragraphs"]
    assert "在册职工同比持平。" in block(content, "members")["paragraphs"]


def test_the_whole_summary_takes_as_many_queries_for_many_records_as_for_few(cast):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            summary_draft(org=cast.federation, period=Period.year(2025))
        return len(ctx.captured_queries)

    few = count()
    for i in range(30):
        make_member(cast.branch if i % 2 else cast.sibling, f"职工{i}")
    assert count() == few


def test_a_federation_says_which_union_did_what_in_as_many_queries_for_many_unions_as_for_two(cast):
    from gonghui.orgs.services import org_create

    def federation_summary() -> tuple[dict, int]:
        with CaptureQueriesContext(connection) as ctx:
            content = summary_draft(org=cast.federation, period=Period.year(2025))
        return content, len(ctx.captured_queries)

    content, two_unions = federation_summary()
    lines = block(content, "unions")["paragraphs"]
    assert any(line.startswith("1、本部工会：在册职工") for line in lines)
    for i in range(8):
        union = org_create(actor=None, code=f"NEW{i}", name=f"新建工会{i}", kind="union", parent=cast.federation)
        for j in range(i + 1):
            make_member(union, f"新职工{i}{j}")
    content, ten_unions = federation_summary()
    assert ten_unions == two_unions
    lines = block(content, "unions")["paragraphs"]
    assert any("新建工会7：在册职工8名" in line for line in lines)
    assert any("新建工会0：在册职工1名" in line for line in lines)
