"""The assembler's sentences, on plain data where the right wording is known (no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from gonghui.reports.document import (
    UnionPart, annotated, assemble, comparison_sentence, enumerate_firstly, figure_change, render_text, signature_date,
    with_edits,
)
from gonghui.core.summary import Figure, Period, Section


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def sections():
    return [
        Section(key="voice", order=30, heading="广开言路，合理化建议活动扎实开展",
                paragraphs=["全年收集合理化建议2,854条，采纳率94%。"], items=["金点子2条全面推广。"],
                figures=[Figure("voice.submitted", "合理化建议", 2854, "2,854条", previous=2541, source="/voice/"),
                         Figure("voice.rate", "采纳率", Decimal("0.94"), "94%", previous=Decimal("0.90"))],
                shortcomings=["安全信息逾期未办结12条。"], plans=["继续开展合理化建议活动"]),
        Section(key="members", order=10, heading="加强工会组织建设", paragraphs=["在册职工1,853名。"],
                figures=[Figure("members.on_roll", "在册职工", 1853, "1,853名", previous=1853)],
                shortcomings=["尚有18名职工未签订劳动合同。"]),
    ]


def test_a_count_that_grew_says_by_how_many_per_cent():
    assert figure_change(Figure("k", "合理化建议", 2854, "2,854条", previous=2541)) == "同比增长12.3%"


def test_a_count_that_fell_says_reduced():
    assert figure_change(Figure("k", "安全信息", 900, "900条", previous=1000)) == "同比减少10%"


def test_a_rate_moves_in_percentage_points_whatever_its_scale():
    assert figure_change(Figure("k", "采纳率", Decimal("0.94"), "94%", previous=Decimal("0.90"))) == "同比提高4个百分点"
    assert figure_change(Figure("k", "采纳率", 94, "94%", previous=96)) == "同比下降2个百分点"


def test_no_comparison_without_last_years_records():
    assert figure_change(Figure("k", "合理化建议", 2854, "2,854条")) == ""
    assert comparison_sentence([Figure("k", "合理化建议", 2854, "2,854条")]) == ""


def test_an_unchanged_figure_is_level():
    assert figure_change(Figure("k", "在册职工", 1853, "1,853名", previous=1853)) == "同比持平"


def test_shortcomings_are_listed_the_seeds_way():
    assert enumerate_firstly(["档案资料尚不齐全。", "活动内容还很单一"]) == "一是档案资料尚不齐全；二是活动内容还很单一。"


def test_the_summary_runs_opening_areas_shortcomings_plans_in_order():
    content = assemble(org_name="本部工会", parent_name="某钢铁公司工会", period=Period.year(2025),
                       sections=sections(), date_text="2026年1月10日")
    assert content["title"] == "本部工会2025年工作总结"
    assert [b["kind"] for b in content["blocks"]] == ["opening", "area", "area", "shortcomings", "plans"]
    assert [b["heading"] for b in content["blocks"]][1:] == [
        "一、加强工会组织建设", "二、广开言路，合理化建议活动扎实开展", "三、存在的不足", "四、下一步工作打算"]
    opening = content["blocks"][0]["paragraphs"][0]
    assert opening.startswith("2025年，本部工会在某钢铁公司工会和企业党政的领导下")
    # each area by its heading's first phrase, so the list reads as one list
    assert "在加强工会组织建设、广开言路等两个方面取得了新的进展" in opening
    voice = content["blocks"][2]["paragraphs"]
    assert voice[1] == "金点子2条全面推广。"   # a single item is not numbered
    assert voice[2] == "合理化建议同比增长12.3%、采纳率同比提高4个百分点。"
    assert content["blocks"][3]["paragraphs"][0].endswith("一是尚有18名职工未签订劳动合同；二是安全信息逾期未办结12条。")
    assert content["blocks"][4]["paragraphs"] == ["1、继续开展合理化建议活动。"]
    assert {f["key"] for f in content["figures"]} == {"voice.submitted", "voice.rate", "members.on_roll"}


def test_no_shortcomings_section_is_invented_when_the_records_show_none():
    clean = [Section(key="members", order=10, heading="加强工会组织建设", paragraphs=["在册职工1,853名。"])]
    content = assemble(org_name="本部工会", parent_name=None, period=Period.half(2025, 1), sections=clean, date_text="")
    assert [b["kind"] for b in content["blocks"]] == ["opening", "area"]
    assert content["title"] == "本部工会2025年上半年工作总结"


def test_a_federation_says_which_union_did_what():
    parts = [UnionPart("本部工会", sections()), UnionPart("学校工会", [])]
    content = assemble(org_name="某钢铁公司工会", parent_name=None, period=Period.year(2025), sections=sections(),
                       date_text="", unions=parts)
    unions = next(b for b in content["blocks"] if b["key"] == "unions")
    assert unions["heading"] == "三、各基层工会工作情况"
    assert unions["paragraphs"][1] == "1、本部工会：在册职工1,853名；合理化建议2,854条、采纳率94%。"
    assert unions["paragraphs"][2] == "2、学校工会：本期尚无记录。"


def test_edits_replace_a_blocks_paragraphs_and_keep_the_figures():
    content = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=sections(), date_text="")
    edited = with_edits(content, title="本部工会2025年度工作总结", texts={"members": "第一段。\n\n第二段。"})
    assert edited["title"] == "本部工会2025年度工作总结"
    assert next(b for b in edited["blocks"] if b["key"] == "members")["paragraphs"] == ["第一段。", "第二段。"]
    assert edited["figures"] == content["figures"]
    assert content["blocks"][1]["paragraphs"] == ["在册职工1,853名。", "在册职工同比持平。"]


def test_figures_in_the_text_link_to_their_records_and_nowhere_else():
    figures = [{"text": "94%", "label": "采纳率", "source": "/voice/", "change": ""},
               {"text": "2,854条", "label": "合理化建议", "source": "", "change": "同比增长12.3%"}]
    html = annotated("收集2,854条，采纳率94%，不是194%。<b>", figures)
    assert '<a class="figure-link" href="/voice/" title="采纳率">94%</a>' in html
    assert '<mark class="figure-link" title="合理化建议 · 同比增长12.3%">2,854条</mark>' in html
    assert "194%" in html and html.count("figure-link") == 2
    assert "&lt;b&gt;" in html


def test_the_text_rendering_has_title_headings_and_signature():
    content = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=sections(),
                       date_text="2026年1月10日")
    text = render_text(content)
    assert text.splitlines()[0] == "本部工会2025年工作总结"
    assert "\n一、加强工会组织建设\n" in text
    # dated the period's end, not the day the draft was generated (date_text)
    assert text.rstrip().endswith("本部工会\n2025年12月31日")


def test_the_signature_is_dated_the_periods_end_or_the_day_it_was_finalised():
    content = assemble(org_name="本部工会", parent_name=None, period=Period.half(2025, 1), sections=sections(),
                       date_text="2025年11月26日")
    assert content["date"] == "2025年6月30日" and content["finalised"] is None
    final = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=sections(),
                     finalised=dt.date(2026, 1, 10))
    assert final["date"] == "2026年1月10日" and render_text(final).rstrip().endswith("2026年1月10日")


def test_finalising_an_edit_dates_the_signature_that_day():
    content = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=sections())
    final = with_edits(content, title=None, texts={}, finalised=dt.date(2026, 1, 12))
    assert final["date"] == "2026年1月12日" and signature_date(final) == "2026年1月12日"
    assert signature_date(with_edits(content, title=None, texts={})) == "2025年12月31日"


def test_a_saved_version_dated_the_day_it_was_generated_prints_the_periods_end():
    old = {"title": "t", "org_name": "本部工会", "date": "2025年11月26日", "blocks": [],
           "period": {"key": "2025", "label": "2025年", "start": "2025-01-01", "end": "2025-12-31"}}
    assert signature_date(old) == "2025年12月31日"
    assert signature_date({**old, "finalised": "2026-01-08"}) == "2026年1月8日"
    assert signature_date({"date": "2025年12月31日"}) == "2025年12月31日"


def test_as_at_the_end_of_the_period_is_written_as_the_periods_last_day():
    section = Section(key="members", order=10, heading="加强工会组织建设",
                      paragraphs=["截至期末，本部工会共有在册职工1,853名。"], items=["截至期末已建档。"])
    content = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=[section])
    area = content["blocks"][1]["paragraphs"]
    assert area[0] == "截至2025年12月31日，本部工会共有在册职工1,853名。"
    assert area[1] == "截至2025年12月31日已建档。"
    assert "期末" not in render_text(content)


def test_a_single_shortcoming_is_a_plain_sentence_without_yishi():
    assert enumerate_firstly(["档案资料尚不齐全。"]) == "档案资料尚不齐全。"
    content = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=sections()[1:])
    shortcomings = next(b for b in content["blocks"] if b["kind"] == "shortcomings")["paragraphs"][0]
    assert "一是" not in shortcomings and shortcomings.endswith("：尚有18名职工未签订劳动合同。")


@pytest.mark.parametrize("value", [Decimal("100"), Decimal("1"), Decimal("1.00")])
def test_a_rate_that_is_whole_stays_100_per_cent(value):
    section = Section(key="members", order=10, heading="加强工会组织建设", paragraphs=["签约率达到100%。"],
                      figures=[Figure("members.contract_rate", "劳动合同签约率", value, "100%")])
    content = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=[section])
    assert content["blocks"][1]["paragraphs"][0] == "签约率达到100%。"


@pytest.mark.parametrize("key,expected", [
    ("2025", Period.year(2025)), ("2025-H1", Period.half(2025, 1)), ("2025-H2", Period.half(2025, 2)),
    ("2023-2025", Period.years(2023, 2025)),
])
def test_a_period_survives_its_url_key(key, expected):
    assert Period.from_key(key) == expected and expected.key == key


@pytest.mark.parametrize("key", ["x", "2025-H3", "2025-1999", "99"])
def test_a_bad_period_key_is_refused(key):
    with pytest.raises(ValueError):
        Period.from_key(key)


def test_dates_are_plain():
    assert Period.choose(2025, half=2).start == dt.date(2025, 7, 1)
    assert Period.choose(2023, to_year=2025).label == "2023—2025年"


def test_last_years_figure_is_written_like_this_years():
    from gonghui.reports.document import previous_text

    assert previous_text(Figure("k", "在册职工", 1853, "1,853名", previous=1650)) == "1,650名"
    assert previous_text(Figure("k", "采纳率", Decimal("0.94"), "94%", previous=Decimal("0.90"))) == "90%"
    assert previous_text(Figure("k", "降本增效", Decimal("1909.21"), "1,909.21万元", previous=Decimal("905.5"))) == "905.5万元"
    assert previous_text(Figure("k", "合理化建议", 2854, "2,854条")) == ""


def test_a_period_still_running_is_dated_today_not_at_its_end():
    from gonghui.reports.document import dated

    period = Period.year(2026)
    assert dated("截至期末，共有在册职工3名。", period, today=dt.date(2026, 11, 27)) == "截至2026年11月27日，共有在册职工3名。"
    assert dated("截至期末，共有在册职工3名。", Period.year(2025), today=dt.date(2026, 11, 27)) == "截至2025年12月31日，共有在册职工3名。"
