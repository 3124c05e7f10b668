"""The Word document and the PDF, opened and read back."""

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from gonghui.reports.rendering import render_docx, render_pdf

CONTENT = {
    "title": "本部工会2025年工作总结", "org_name": "本部工会", "date": "2026年1月10日",
    "period": {"key": "2025", "label": "2025年", "start": "2025-01-01", "end": "2025-12-31"},
    "blocks": [
        {"key": "opening", "kind": "opening", "heading": "", "paragraphs": ["2025年，本部工会在上级工会和党政的领导下……"]},
        {"key": "members", "kind": "area", "heading": "一、加强工会组织建设", "paragraphs": ["在册职工1,853名。", "1、规范会员台帐。"]},
        {"key": "shortcomings", "kind": "shortcomings", "heading": "二、存在的不足", "paragraphs": ["一是……；二是……。"]},
    ],
    "figures": [],
}


@pytest.fixture(scope="module")
def document():
    return Document(io.BytesIO(render_docx(CONTENT)))


def east_asian(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_page_is_a4_with_official_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]


def test_the_title_is_centred_in_xiaobiaosong_erhao(document):
    title = document.paragraphs[0]
    assert title.text == "本部工会2025年工作总结"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)


def test_headings_are_heiti_sanhao_and_body_fangsong_with_two_character_indent(document):
    heading = next(p for p in document.paragraphs if p.text == "一、加强工会组织建设")
    assert east_asian(heading.runs[0]) == "黑体" and heading.runs[0].font.size == Pt(16)
    body = next(p for p in document.paragraphs if p.text == "在册职工1,853名。")
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body.paragraph_format.line_spacing == Pt(28)


def test_the_org_and_date_close_the_document_right_aligned(document):
    closing = [p for p in document.paragraphs if p.text][-2:]
    assert [p.text for p in closing] == ["本部工会", "2026年1月10日"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in closing)


def test_the_footer_numbers_the_pages(document):
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "fldChar" in footer


def test_the_pdf_embeds_no_font_file_and_holds_the_text():
    data = render_pdf(CONTENT)
    assert data.startswith(b"%PDF") and b"STSong-Light" in data
