"""The chair's text blocks through the edit page and the API."""

import json

from gonghui.core.summary import Period
from gonghui.reports.selectors import summary_content, summary_texts
from gonghui.reports.services import summary_version_save


def test_the_chair_keeps_a_text_block_through_the_api_and_reads_it_back(cast, client_as):
    client = client_as(cast.chair)
    url = f"/api/v1/reports/summary/texts?org_id={cast.union.pk}&year=2025"
    answer = client.put(url, json.dumps({"texts": {"credit": "得益于全体员工的共同努力。"}}), content_type="application/json")
    assert answer.status_code == 200 and answer.json()["texts"] == {"credit": "得益于全体员工的共同努力。"}
    assert client.get(url).json()["texts"]["credit"] == "得益于全体员工的共同努力。"
    blocks = client.get(f"/api/v1/reports/summary?org_id={cast.union.pk}&year=2025").json()["content"]["blocks"]
    assert next(b for b in blocks if b["key"] == "credit")["paragraphs"] == ["得益于全体员工的共同努力。"]


def test_an_unknown_slot_is_refused_by_name_and_nothing_is_kept(cast, client_as):
    answer = client_as(cast.chair).put(f"/api/v1/reports/summary/texts?org_id={cast.union.pk}&year=2025",
                                       json.dumps({"texts": {"opening": "开篇", "thanks": "x"}}), content_type="application/json")
    assert answer.status_code == 422 and "thanks" in json.dumps(answer.json(), ensure_ascii=False)
    assert summary_texts(org=cast.union, period=Period.year(2025)) == {}


def test_the_edit_page_keeps_the_chairs_words_in_a_new_version(cast, client_as):
    period = Period.year(2025)
    summary_version_save(org=cast.union, period=period, actor=cast.chair)
    client = client_as(cast.chair)
    page = client.get(f"/reports/summary/{cast.union.pk}/2025/edit/")
    assert "主席撰写的内容" in page.content.decode()
    answer = client.post(f"/reports/summary/{cast.union.pk}/2025/texts/", {"text-opening": "工会坚持以生产经营为中心。"})
    assert answer.status_code == 302
    content, version = summary_content(org=cast.union, period=period)
    # the computed paragraph leads; the chair's framing follows it and closes the opening with 现将…如下
    assert version.number == 2 and content["blocks"][0]["paragraphs"][1].startswith("工会坚持以生产经营为中心。")
