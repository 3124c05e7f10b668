"""The summary's pages and API as the chair, the federation and an outsider use them."""

import io

from docx import Document

from gonghui.portal.tests.personas import make_member
from gonghui.reports.models import WorkSummaryVersion
from gonghui.core.summary import Period
from gonghui.reports.services import summary_version_save


def test_the_chair_picks_an_org_and_a_period_and_lands_on_the_summary(cast, client_as):
    response = client_as(cast.chair).get("/reports/", {"org": cast.union.pk, "year": 2025, "half": 1})
    assert response.status_code == 302 and response.url == f"/reports/summary/{cast.union.pk}/2025-H1/"


def test_a_span_of_years_has_its_own_page(cast, client_as):
    response = client_as(cast.chair).get("/reports/", {"org": cast.union.pk, "year": 2023, "to_year": 2025})
    assert response.url == f"/reports/summary/{cast.union.pk}/2023-2025/"
    page = client_as(cast.chair).get(response.url)
    assert "本部工会2023—2025年工作总结" in page.content.decode()


def test_the_chooser_lists_no_org_and_finds_only_those_in_reach(cast, client_as):
    client = client_as(cast.chair)
    html = client.get("/reports/").content.decode()
    # a picker searched as it is typed, never a list of every org (a federation has thousands)
    assert 'data-picker-url="/orgs/pick/?action=reports.summary.view"' in html and "学校工会" not in html
    assert "<option" not in html.split('name="org')[1].split("</div>")[0]
    # the chair's own union, the highest org in their reach, is already chosen
    assert f'data-picker-value="{cast.union.pk}"' in html and 'value="本部工会"' in html
    # typed without JavaScript: the name is resolved among the orgs in reach
    found = client.get("/reports/", {"org_q": "本部工会", "year": 2025})
    assert found.status_code == 302 and found.url == f"/reports/summary/{cast.union.pk}/2025/"
    refused = client.get("/reports/", {"org_q": "学校工会", "year": 2025})
    assert refused.status_code == 200 and "在您的权限范围内没有找到与输入相符的项" in refused.content.decode()


def test_the_reading_page_links_each_figure_to_its_records(cast, client_as):
    html = client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025/").content.decode()
    assert "本部工会2025年工作总结" in html
    assert '<a class="figure-link" href="/members/"' in html
    assert "一、" in html


def test_an_edit_is_kept_as_a_new_version_with_its_figures(cast, client_as):
    client = client_as(cast.chair)
    url = f"/reports/summary/{cast.union.pk}/2025/edit/"
    assert "block-opening" in client.get(url).content.decode()
    client.post(url, {"title": "本部工会2025年度工作总结", "block-opening": "改写后的开篇。", "note": "开篇"})
    client.post(url, {"block-opening": "再次改写。"})
    versions = list(WorkSummaryVersion.objects.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].content["blocks"][0]["paragraphs"] == ["改写后的开篇。"]
    assert versions[1].content["title"] == "本部工会2025年度工作总结"     # the second edit started from the first
    assert versions[1].content["figures"] and versions[1].author == cast.chair
    html = client.get(f"/reports/summary/{cast.union.pk}/2025/").content.decode()
    assert "再次改写。" in html
    old = client.get(f"/reports/summary/{cast.union.pk}/2025/?v=1").content.decode()
    assert "改写后的开篇。" in old
    assert "开篇" in client.get(f"/reports/summary/{cast.union.pk}/2025/versions/").content.decode()


def test_a_version_number_of_nothing_saved_is_404(cast, client_as):
    assert client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025/?v=7").status_code == 404


def test_a_bad_period_is_404(cast, client_as):
    assert client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025-H9/").status_code == 404


def test_the_word_download_is_the_saved_wording(cast, client_as):
    summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"opening": "定稿开篇。"})
    response = client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025/download.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    texts = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert "定稿开篇。" in texts


def test_the_pdf_download_is_a_pdf(cast, client_as):
    response = client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025/download.pdf")
    assert response.content.startswith(b"%PDF")


def test_the_api_returns_the_structured_summary(cast, client_as):
    body = client_as(cast.chair).get(f"/api/v1/reports/summary?org_id={cast.union.pk}&year=2025&half=2").json()
    assert body["period"] == "2025-H2" and body["version"] is None
    assert body["content"]["title"] == "本部工会2025年下半年工作总结"
    assert body["content"]["blocks"][0]["kind"] == "opening"
    assert any(f["key"] == "members.on_roll" for f in body["content"]["figures"])


def test_the_outsider_cannot_read_another_unions_summary(cast, client_as):
    client = client_as(cast.outsider)
    assert client.get(f"/reports/summary/{cast.union.pk}/2025/").status_code == 404
    assert client.get(f"/api/v1/reports/summary?org_id={cast.union.pk}&year=2025").status_code == 404


def test_the_federation_summary_says_what_each_union_did(cast, client_as):
    make_member(cast.sibling, "李老师")
    html = client_as(cast.fed).get(f"/reports/summary/{cast.federation.pk}/2025/").content.decode()
    assert "各基层工会工作情况" in html
    assert '1、本部工会：在册职工<a class="figure-link" href="/members/" title="本部工会·在册职工' in html
    assert '2、学校工会：在册职工<a class="figure-link" href="/members/" title="学校工会·在册职工' in html
    assert "：尚有4名职工未签订劳动合同。" in html     # one shortcoming: no 一是 without 二是


def test_the_summary_page_does_not_query_more_with_more_members(cast, client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(cast.chair)
    url = f"/reports/summary/{cast.union.pk}/2025/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries()
    for i in range(40):
        make_member(cast.branch if i % 2 else cast.group, f"职工{i}")
    assert queries() == small


def test_a_block_can_go_back_to_the_wording_the_records_give(cast, client_as):
    summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"members": "手改的文字。"})
    response = client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025/edit/?restore=members", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.startswith('<textarea id="block-members"') and "共有在册职工" in html and "手改的文字" not in html


def test_a_download_is_named_in_chinese_with_an_ascii_fallback(cast, client_as):
    from urllib.parse import quote

    response = client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025/download.docx")
    header = response["Content-Disposition"]
    assert header.startswith('attachment; filename="work-summary-2025.docx"')
    assert f"filename*=UTF-8''{quote('工作总结-本部工会-2025年.docx')}" in header


def test_saving_what_the_latest_version_says_keeps_no_new_version(cast):
    from gonghui.core.history import history_for
    from gonghui.reports.models import WorkSummary

    first = summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"opening": "定稿。"})
    again = summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"opening": "定稿。"},
                                 base=first.content)
    assert again.pk == first.pk and WorkSummaryVersion.objects.count() == 1
    assert history_for(WorkSummary.objects.get()).count() == 1


def test_a_member_cannot_save_a_summary(cast):
    import pytest

    from gonghui.core.scoping import NotAllowed

    with pytest.raises(NotAllowed):
        summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.member)
    assert not WorkSummaryVersion.objects.exists()
