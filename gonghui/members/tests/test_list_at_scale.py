"""The member book at a federation's size: pages by cursor, bounded counts, and the pickers."""

import json

import pytest

from gonghui.core.formatting import format_about_count
from gonghui.members.selectors import RowCount, member_list, member_list_page, parse_cursor, row_count
from gonghui.portal.tests.personas import make_member


def names(page) -> list[str]:
    return [row["name"] for row in page.object_list]


@pytest.fixture
def crowd(cast):
    return [make_member(cast.branch, f"测试{i:02d}") for i in range(55)]


def test_next_and_previous_walk_the_book_by_cursor_without_gaps_or_repeats(cast, crowd):
    everyone = [m.name for m in member_list(visible_to=cast.chair).order_by("name_pinyin", "id")]
    first = member_list_page(visible_to=cast.chair, per_page=10)
    second = member_list_page(visible_to=cast.chair, per_page=10, after=first.next_cursor)
    back = member_list_page(visible_to=cast.chair, per_page=10, before=second.previous_cursor)
    assert names(first) + names(second) == everyone[:20]
    assert names(back) == names(first) and back.previous_cursor is None and first.previous_cursor is None
    pages, cursor = [], None
    while True:
        page = member_list_page(visible_to=cast.chair, per_page=7, after=cursor)
        pages += names(page)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert pages == everyone


def test_a_jump_by_pinyin_letter_opens_at_the_first_name_from_it(cast, crowd):
    make_member(cast.branch, "王五")
    page = member_list_page(visible_to=cast.chair, per_page=5, start="w")
    assert page.object_list[0]["name_pinyin"] >= "w" and page.previous_cursor


def test_a_cursor_that_is_not_one_opens_the_first_page(cast, crowd):
    assert parse_cursor("drop table") is None and parse_cursor("12:zhang") == (12, "zhang")
    assert names(member_list_page(visible_to=cast.chair, per_page=5, after="x:y")) == \
        names(member_list_page(visible_to=cast.chair, per_page=5))


def test_counts_are_exact_up_to_the_bound_and_an_estimate_past_it_is_written_about(cast, crowd):
    rows = member_list(visible_to=cast.chair)
    assert row_count(rows, bound=1000) == RowCount(rows.count(), True)
    past = row_count(rows, bound=10)
    # SQLite counts exactly past the bound; PostgreSQL says what its planner expects, never below the bound
    assert past.value >= 11
    assert format_about_count(1_016_384) == "1,016,000"


def test_the_list_shows_next_and_the_jump_bar_and_keeps_the_filters_in_its_links(cast, client_as, crowd):
    page = client_as(cast.chair).get("/members/", {"union": "yes"}).content.decode()
    assert "下一页" in page and "union=yes&after=" in page and "union=yes&from=w" in page
    assert "上一页" not in page


def test_the_list_does_not_list_every_org_but_offers_a_picker(cast, client_as):
    page = client_as(cast.chair).get("/members/").content.decode()
    assert 'data-picker-url="/orgs/pick/?action=members.member.view"' in page and f'<option value="{cast.branch.pk}"' not in page


def test_without_javascript_the_typed_org_name_filters_the_list(cast, client_as, crowd):
    make_member(cast.other_branch, "轧钢一人")
    page = client_as(cast.chair).get("/members/", {"org_q": "轧钢作业区"}).content.decode()
    assert "轧钢一人" in page and "测试00" not in page
    assert 'value="本部工会 / 轧钢作业区"' in page


def test_the_org_picker_answers_only_within_reach_and_at_most_twenty(cast, client_as):
    found = json.loads(client_as(cast.chair).get("/orgs/pick/", {"q": "工会"}).content)["results"]
    assert [r["label"] for r in found] == ["本部工会"]  # not the federation, not the sibling union
    assert client_as(cast.chair).get("/orgs/pick/", {"action": "no.such.action"}).status_code == 404


def test_the_member_picker_finds_by_name_pinyin_and_initials_within_reach(cast, client_as, crowd):
    client = client_as(cast.outsider)
    assert json.loads(client.get("/members/pick/", {"q": "张"}).content)["results"] == []
    client = client_as(cast.chair)
    for q in ("张", "zhangsan", "zs"):
        labels = [r["label"] for r in json.loads(client.get("/members/pick/", {"q": q}).content)["results"]]
        assert any(label.startswith("张三") for label in labels), q
    many = json.loads(client.get("/members/pick/", {"q": "ceshi"}).content)["results"]
    assert len(many) == 20


def test_the_member_list_query_count_is_the_same_on_a_deep_page(cast, client_as, crowd, django_assert_max_num_queries):
    client = client_as(cast.chair)
    first = member_list_page(visible_to=cast.chair, per_page=5)
    with django_assert_max_num_queries(10):
        assert client.get("/members/", {"after": first.next_cursor}).status_code == 200
