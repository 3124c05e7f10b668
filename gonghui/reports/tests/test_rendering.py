"""The Word document and the PDF, opened and read back."""

import io
import shutil

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
        {"key": "members", "kind": "area", "heading": "一、加强工会组织建设",
         "paragraphs": ["（一）会员台帐", "在册职工1,853名。", "1、规范会员台帐。"]},
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


def outline_level(paragraph) -> int | None:
    """The outline level Word's navigation pane reads: the paragraph's own, else its style's."""
    for ppr in (paragraph._element.pPr, paragraph.style.element.pPr):
        found = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if found is not None:
            return int(found.get(qn("w:val")))
    return None


def test_the_title_is_a_centred_heading_1_in_a_song_face_erhao(document):
    title = document.paragraphs[0]
    assert title.text == "本部工会2025年工作总结"
    assert title.style.name == "Heading 1" and outline_level(title) == 0
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian(title.runs[0]) == "宋体" and title.runs[0].font.size == Pt(22)
    assert style_east_asian(title.style) == "宋体"


def style_east_asian(style) -> str:
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_headings_are_heading_styles_with_outline_levels_in_heiti_and_kaiti(document):
    heading = next(p for p in document.paragraphs if p.text == "一、加强工会组织建设")
    assert heading.style.name == "Heading 2" and outline_level(heading) == 1
    assert east_asian(heading.runs[0]) == "黑体" and heading.runs[0].font.size == Pt(16)
    assert style_east_asian(heading.style) == "黑体" and heading.style.paragraph_format.keep_with_next
    sub = next(p for p in document.paragraphs if p.text == "（一）会员台帐")
    assert sub.style.name == "Heading 3" and outline_level(sub) == 2
    assert east_asian(sub.runs[0]) == "楷体" and style_east_asian(sub.style) == "楷体"


def test_the_heading_styles_are_black_and_name_no_theme_font(document):
    # A theme font (w:eastAsiaTheme) would win over the named one in Word, and the template's blue would print.
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        rpr = document.styles[name].element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")], name
        assert rpr.find(qn("w:color")) is None, name
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"


def test_body_is_fangsong_sanhao_with_two_character_indent_and_no_outline_level(document):
    body = next(p for p in document.paragraphs if p.text == "在册职工1,853名。")
    assert east_asian(body.runs[0]) == "仿宋" and body.runs[0].font.size == Pt(16)
    assert style_east_asian(document.styles["Normal"]) == "仿宋"
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body._element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert body.paragraph_format.line_spacing == Pt(28)
    assert outline_level(body) is None


def test_the_org_and_date_close_the_document_right_aligned_four_characters_short(document):
    closing = [p for p in document.paragraphs if p.text][-2:]
    assert [p.text for p in closing] == ["本部工会", "2025年12月31日"]     # the period's end, not the day printed
    for paragraph in closing:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        ind = paragraph._element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:rightChars")) == "400"                    # 右空四字
        assert paragraph.paragraph_format.right_indent == Pt(64)         # four characters of 三号
    assert closing[0].paragraph_format.keep_with_next


def test_a_finalised_summary_is_dated_the_day_the_chair_finalised_it():
    document = Document(io.BytesIO(render_docx({**CONTENT, "finalised": "2026-01-10"})))
    assert [p.text for p in document.paragraphs if p.text][-1] == "2026年1月10日"


def test_the_footer_numbers_the_pages(document):
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "fldChar" in footer


def test_the_built_in_pdf_holds_the_text():
    from gonghui.reports.pdf import pdf_built_in

    data = pdf_built_in(CONTENT)
    assert data.startswith(b"%PDF") and b"/Font" in data


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdffonts"), reason="needs LibreOffice and poppler")
def test_libreoffice_prints_the_docx_with_every_font_embedded():
    from gonghui.reports.pdf import pdf_via_libreoffice, unembedded_fonts

    data = pdf_via_libreoffice(render_docx(CONTENT))
    assert data is not None and data.startswith(b"%PDF")
    assert unembedded_fonts(data) == []


LONG = {**CONTENT, "blocks": [{"key": "a", "kind": "area", "heading": "一、加强工会组织建设", "paragraphs": [
    "坚持厂务公开，在公开栏公开财务收支1项、重大决策1项、名单公示1项；公示期间职工提出异议1件，已全部答复。"
    "开展“安康杯”竞赛（覆盖全部班组），获得上级工会表彰：「先进单位」称号！《条例》审议通过。" * 3] * 4}]}


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="needs LibreOffice and poppler")
def test_libreoffice_breaks_chinese_lines_by_the_rule(tmp_path):
    import subprocess

    from gonghui.reports.linebreak import NO_LINE_END, NO_LINE_START
    from gonghui.reports.pdf import pdf_via_libreoffice

    (tmp_path / "s.pdf").write_bytes(pdf_via_libreoffice(render_docx(LONG)))
    text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("—")]  # footers
    assert len(lines) > 20
    assert [line for line in lines if line[0] in NO_LINE_START or line[-1] in NO_LINE_END] == []


def test_without_libreoffice_the_pdf_is_the_built_in_layout(monkeypatch):
    from gonghui.reports import pdf

    monkeypatch.setattr(pdf, "libreoffice", lambda: None)
    assert render_pdf(CONTENT).startswith(b"%PDF")


def test_a_control_character_stored_in_a_title_cannot_break_the_word_file():
    import io as _io

    from docx import Document as _Document

    from gonghui.reports.rendering import render_docx

    content = {"title": "本部工会\x0b2025年工作总结", "org_name": "本部工会\x01", "date": "2025年12月31日",
               "period": {"end": "2025-12-31"}, "blocks": [{"heading": "一、组织\x0b建设", "paragraphs": ["在册\x0b职工1,853名。"]}]}
    text = "\n".join(p.text for p in _Document(_io.BytesIO(render_docx(content))).paragraphs)
    assert "本部工会2025年工作总结" in text and "在册职工1,853名。" in text
