"""A federation's pages cost the same number of queries whatever the number of its unions."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.orgs.services import org_create
from gonghui.portal.tests.personas import make_member
from gonghui.voice.services import SuggestionRow, suggestions_bulk_create

PAGES = ("/", "/voice/dashboard/", "/orgs/", "/members/")


def add_unions(cast, first: int, n: int) -> None:
    for i in range(first, first + n):
        union = org_create(actor=None, code=f"SCALE{i}", name=f"规模测试{i}工会", kind="union", parent=cast.federation)
        branch = org_create(actor=None, code=f"SCALE{i}-1", name="一车间", kind="branch", parent=union)
        people = [make_member(branch, f"规模{i}号{j}") for j in range(2)]
        suggestions_bulk_create(actor=None, union=union, rows=[
            SuggestionRow(author=people[0], title="节能建议", body="关灯", submitted_on=dt.date.today())])


def queries(client) -> dict[str, int]:
    counted = {}
    for url in PAGES:
        client.get(url)  # the first visit may fill caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counted[url] = len(ctx.captured_queries)
    return counted


def test_the_federation_pages_take_as_many_queries_with_eight_unions_as_with_four(cast, client_as):
    client = client_as(cast.fed)
    add_unions(cast, 0, 2)
    with_four = queries(client)  # the cast brings two unions of its own
    add_unions(cast, 2, 4)
    assert queries(client) == with_four


def test_the_federation_dashboard_heads_its_roll_up_by_union(cast, client_as):
    add_unions(cast, 0, 2)
    page = client_as(cast.fed).get("/voice/dashboard/").content.decode()
    assert "按基层工会" in page and "按作业区" not in page


def test_the_federations_org_tree_lists_its_unions_with_their_totals_not_every_group(cast, client_as):
    add_unions(cast, 0, 1)
    page = client_as(cast.fed).get("/orgs/").content.decode()
    assert "规模测试0工会" in page and "一车间" not in page and "炼钢作业区" not in page
    chair_page = client_as(cast.chair).get("/orgs/").content.decode()
    assert "炼钢作业区" in chair_page
