"""A federation's pages cost the same number of queries whatever the number of its unions, and the
figures they take from the roll-up (counted in the background) say when they were counted."""

import datetime as dt

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.orgs.models import Org, UnionRollup
from gonghui.orgs.services import org_create
from gonghui.portal.selectors import dashboard
from gonghui.portal.services import rollup_refresh
from gonghui.portal.tests.personas import make_member
from gonghui.voice.selectors import per_head_rolls, rolled_up_dashboard, suggestion_breakdown, suggestion_figures
from gonghui.voice.services import SuggestionRow, suggestions_bulk_create

PAGES = ("/", "/voice/dashboard/", "/orgs/", "/members/")
COUNTED_AT = "统计（后台定时汇总，非实时数）"


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


def test_the_federation_pages_take_as_many_queries_with_twelve_unions_as_with_three(cast, client_as):
    client = client_as(cast.fed)
    add_unions(cast, 0, 1)  # the cast brings two unions of its own
    rollup_refresh(federation=cast.federation)
    with_three = queries(client)
    add_unions(cast, 1, 9)
    rollup_refresh(federation=cast.federation)
    assert queries(client) == with_three


def test_the_federation_home_shows_the_rolled_up_figures_and_when_they_were_counted(cast, client_as):
    add_unions(cast, 0, 2)
    rollup_refresh(federation=cast.federation)
    page = client_as(cast.fed).get("/").content.decode()
    assert COUNTED_AT in page and "截至" in page
    year, areas = dashboard(org=cast.federation)
    assert f"{year}年主要数据" in page
    assert areas and all(figure.text in page for area in areas for figure in area.figures)
    # what waits across the unions is counted every five minutes, and the page says when
    assert "待办事项" in page and "待办数截至" in page
    # a union's chair reads live figures, with no such note
    assert COUNTED_AT not in client_as(cast.chair).get("/").content.decode()


def test_the_federation_home_asks_the_worker_for_a_roll_up_it_lacks(cast, client_as):
    assert not UnionRollup.objects.exists()
    page = client_as(cast.fed).get("/").content.decode()  # the test settings run tasks at once
    assert UnionRollup.objects.filter(org=cast.federation, year=dt.date.today().year).exists()
    assert COUNTED_AT in page


def test_the_org_tree_shows_union_totals_as_last_counted_until_the_roll_up_is_counted_again(cast, client_as):
    add_unions(cast, 0, 1)
    rollup_refresh(federation=cast.federation)
    client = client_as(cast.fed)

    def total_of_scale0() -> str:
        page = client.get("/orgs/").content.decode()
        assert COUNTED_AT in page
        row = page[page.index("规模测试0工会"):]
        return row[:row.index("</tr>")]

    assert "<td>2</td>" in total_of_scale0()
    make_member(Org.objects.get(code="SCALE0-1"), "新来的")
    assert "<td>2</td>" in total_of_scale0()
    call_command("rollup", federation=cast.federation.code)
    assert "<td>3</td>" in total_of_scale0()


def test_the_federation_suggestions_dashboard_from_the_roll_up_states_what_a_live_count_states(cast, client_as):
    add_unions(cast, 0, 3)
    suggestions_bulk_create(actor=None, union=cast.union, rows=[
        SuggestionRow(author=cast.member_record, title=f"建议{n}", body="内容", submitted_on=dt.date.today())
        for n in range(2)])
    rollup_refresh(federation=cast.federation)
    year = dt.date.today().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rolled_up = rolled_up_dashboard(org=cast.federation, year=year)
    live = suggestion_figures(org=cast.federation, start=start, end=end)
    assert rolled_up.figures == live and live.submitted == 5
    assert live.members == per_head_rolls(org=cast.federation, spans=[(start, end)])[end]
    breakdown = suggestion_breakdown(org=cast.federation, start=start, end=end)
    for key in ("theme", "branch", "month"):
        assert ([{k: v for k, v in row.items() if k != "org"} for row in rolled_up.breakdown[key].rows]
                == [{k: v for k, v in row.items() if k != "org"} for row in breakdown[key].rows]), key
    page = client_as(cast.fed).get(f"/voice/dashboard/?year={year}").content.decode()
    assert COUNTED_AT in page and f'<div class="figure">{live.per_member}</div>' in page
    # a union's dashboard counts live
    assert COUNTED_AT not in client_as(cast.chair).get(f"/voice/dashboard/?year={year}").content.decode()


def test_the_federation_dashboard_heads_its_roll_up_by_union(cast, client_as):
    add_unions(cast, 0, 2)
    page = client_as(cast.fed).get("/voice/dashboard/").content.decode()
    assert "按基层工会" in page and "按作业区" not in page


def test_the_federations_org_tree_lists_its_unions_with_their_totals_not_every_group(cast, client_as):
    add_unions(cast, 0, 1)
    page = client_as(cast.fed).get("/orgs/").content.decode()
    assert "规模测试0工会" in page and "一车间" not in page and "炼钢作业区" not in page
    assert "工会在册人数" in page
    chair_page = client_as(cast.chair).get("/orgs/").content.decode()
    assert "炼钢作业区" in chair_page and COUNTED_AT not in chair_page
