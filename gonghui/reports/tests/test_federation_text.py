"""A federation's summary stays readable with hundreds of unions: lists past a handful are added
up or named by title, and the federation speaks in its own voice (on hand-made figures)."""

import datetime as dt

import pytest
from django.utils import translation

from gonghui.activities.selectors import ActivityNames
from gonghui.activities.summary import NAMED_ROWS, courses_named_sentence, events_named_sentence
from gonghui.congress import rules
from gonghui.congress.selectors import SessionFigure
from gonghui.congress.summary import NAMED_LIMIT, composition_shortcomings
from gonghui.core.summary import Figure, Period, Section
from gonghui.reports.document import assemble
from gonghui.reports.voices import FEDERATION
from gonghui.safety.summary import GROUP_ROWS, group_sentence


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def session(i: int, delegates: int = 20, women: int = 5) -> SessionFigure:
    check = rules.composition_check(delegates=delegates, frontline=delegates, management=0, women=women,
                                    headcount=2000, women_on_roll=800)
    return SessionFigure(pk=i, title=f"{i}号工会职代会", composition=check)


def test_a_handful_of_miscomposed_sessions_are_each_named_with_what_they_break():
    figures = []
    found = composition_shortcomings([session(i) for i in range(NAMED_LIMIT)], figures)
    assert len(found) == NAMED_LIMIT and not figures
    assert found[0].startswith("0号工会职代会的代表构成不符合规定：") and found[0].endswith("。")
    assert "。 " not in found[0] and "；" in found[0]   # one clause per problem, not sentences glued by a space


def test_past_a_handful_the_miscomposed_sessions_are_counted_in_one_sentence():
    figures = []
    found = composition_shortcomings([session(i) for i in range(500)] + [session(999, delegates=120, women=60)], figures)
    assert found == ["500次职工代表大会的代表构成不符合规定（女职工代表比例、代表人数）。"]
    assert [(f.key, f.value, f.text) for f in figures] == [("congress.sessions.miscomposed", 500, "500次")]


def test_past_ten_events_they_are_named_by_title_with_how_often_and_how_many():
    names = ActivityNames(events=[(dt.date(2025, 5, 1), "职工运动会", 20, []) for _ in range(NAMED_ROWS)]
                          + [(dt.date(2025, 1, 1), "迎新春联欢会", 30, [])] * 2)
    assert events_named_sentence(names) == "开展的活动有：职工运动会10次（200人参加）、迎新春联欢会2次（60人参加）。"
    few = ActivityNames(events=[(dt.date(2025, 5, 1), "职工运动会", 20, ["金奖"])])
    assert events_named_sentence(few) == "开展的活动有：2025年5月职工运动会（20人参加，获金奖）。"


def test_past_ten_kinds_of_course_the_rest_are_left_at_and_others():
    titles = [f"第{'一二三四五六七八九十'[i % 10]}{'甲乙'[i // 10]}课" for i in range(NAMED_ROWS + 1)]
    names = ActivityNames(courses=[(title, 10, None) for title in titles] + [("第一甲课", 5, 5)])
    text = courses_named_sentence(names)
    assert text.startswith("举办的培训有：第一甲课2期（15人）、") and text.endswith("等。")
    assert text.count("期（") == NAMED_ROWS


def test_past_twenty_groups_the_busiest_are_named_and_the_rest_added_up():
    rows = [{"label": f"{i}组", "total": i, "resolved": 1} for i in range(1, GROUP_ROWS + 6)]
    text = group_sentence(rows)
    assert text.startswith(f"分监督小组看，{GROUP_ROWS + 5}组收到{GROUP_ROWS + 5}条、解决1条")
    assert text.endswith("其余5个小组收到15条、解决5条。")   # groups 1–5: 1+2+3+4+5 reports


def test_a_federation_speaks_for_the_unions_under_it():
    sections = [Section(key="members", order=10, heading="加强工会组织建设", paragraphs=["在册3名。"],
                        figures=[Figure("members.on_roll", "在册职工", 3, "3名")])]
    content = assemble(org_name="某市总工会", parent_name=None, period=Period.year(2025), sections=sections, sector=FEDERATION)
    opening = content["blocks"][0]["paragraphs"][0]
    assert "在上级工会和同级党委的领导下，围绕中心、服务大局，指导所属基层工会" in opening and "企业党政" not in opening


def test_past_five_overspent_budget_lines_they_are_added_up_per_account():
    from decimal import Decimal

    from gonghui.funds.selectors import BudgetRow
    from gonghui.funds.summary import _overspent_added_up

    section = Section(key="funds", order=50, heading="会费收缴与经费管理")
    rows = [BudgetRow(code="501", name="职工活动支出", kind="spending", budget=Decimal(160000), actual=Decimal(160000 + 100 * i),
                      org_name=f"{i}号工会") for i in range(1, 450)]
    _overspent_added_up(section, rows)
    assert section.shortcomings == ["有449个单位职工活动支出超出预算，共超支1,010.25万元。"]   # 100 × (1 + … + 449)
    assert {f.key: f.value for f in section.figures} == {"funds.overspent.501.units": 449, "funds.overspent.501": Decimal(10102500)}


def test_a_hundred_shortcomings_are_still_listed():
    from gonghui.reports.document import enumerate_firstly

    text = enumerate_firstly([f"问题{i}。" for i in range(1, 101)])
    assert text.startswith("一是问题1；二是问题2；") and "九十九是问题99；100是问题100。" in text



def test_past_thirty_unions_the_summary_tells_those_with_the_most_on_record():
    from gonghui.reports.document import UNION_LINES, UnionPart

    def part(i: int) -> UnionPart:
        named = ["2025年4月召开首届职工代表大会"] if i in (3, 35, 39) else []
        return UnionPart(f"{i}号工会", [Section(key="members", order=10, heading="组织", figures=[Figure("members.on_roll", "在册职工", 10, "10名")],
                                               named=named)], None)

    sections = [Section(key="members", order=10, heading="加强工会组织建设", paragraphs=["在册400名。"],
                        figures=[Figure("members.on_roll", "在册职工", 400, "400名")])]
    content = assemble(org_name="某市总工会", parent_name=None, period=Period.year(2025), sections=sections,
                       unions=[part(i) for i in range(40)], sector=FEDERATION)
    lines = next(b for b in content["blocks"] if b["key"] == "unions")["paragraphs"]
    assert lines[0] == "所属40个基层工会中，记录最多的30个本期工作情况如下（其余10个基层工会的情况见各自的工作总结）："
    told = [line.split("、", 1)[1].split("：")[0] for line in lines[1:]]
    assert len(told) == UNION_LINES and {"3号工会", "35号工会", "39号工会"} <= set(told)
    assert told[:4] == ["0号工会", "1号工会", "2号工会", "3号工会"]   # in their own order
    few = assemble(org_name="某市总工会", parent_name=None, period=Period.year(2025), sections=sections,
                   unions=[part(i) for i in range(3)], sector=FEDERATION)
    assert next(b for b in few["blocks"] if b["key"] == "unions")["paragraphs"][0] == "所属3个基层工会本期工作情况如下："
