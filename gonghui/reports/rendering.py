"""The summary on paper: a Word document laid out as a union office files it, and a PDF.

Both read the content dict of `document.assemble` (or a saved version), nothing else.

The .docx follows the usual official-document layout (GB/T 9704): A4 with margins of
37/35/28/26 mm, the title in 方正小标宋简体 二号, 一、 headings in 黑体 三号, body in
仿宋_GB2312 三号 with a two-character first-line indent and fixed 28pt lines, page numbers
("— 1 —") in the footer, and the org and date right-aligned at the end. CJK font names
go into w:eastAsia, or Word would set the Chinese text in the Latin font's fallback.

The PDF uses reportlab's built-in CID font STSong-Light, so it needs neither LibreOffice
nor a font file on the machine that writes it.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)     # 二号
BODY_SIZE = Pt(16)      # 三号
LINE = Pt(28)           # fixed line spacing: 22 lines to the page
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def _fonts(run, east_asian: str, size, *, bold: bool = False) -> None:
    run.font.name = LATIN_FONT
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _spacing(paragraph, *, indent_chars: int = 0) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(16 * indent_chars)
        # Word prefers the indent in characters, so it follows the font size if someone changes it.
        ind = paragraph._element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(indent_chars * 100))


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before = paragraph.add_run("— ")
    _fonts(before, "宋体", Pt(14))
    run = paragraph.add_run()
    _fonts(run, "宋体", Pt(14))
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            value = OxmlElement("w:t")
            value.text = text
            run._r.append(value)
    after = paragraph.add_run(" —")
    _fonts(after, "宋体", Pt(14))


def render_docx(content: dict) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(20)
    section.start_type = WD_SECTION.NEW_PAGE

    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(16)   # one blank line's worth under the title
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(36)
    _fonts(title.add_run(content["title"]), TITLE_FONT, TITLE_SIZE)

    for block in content["blocks"]:
        if block["heading"]:
            heading = document.add_paragraph()
            _spacing(heading, indent_chars=2)
            heading.paragraph_format.keep_with_next = True
            _fonts(heading.add_run(block["heading"]), HEADING_FONT, BODY_SIZE)
        for text in block["paragraphs"]:
            body = document.add_paragraph()
            body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _spacing(body, indent_chars=2)
            _fonts(body.add_run(text), BODY_FONT, BODY_SIZE)

    # A blank line, then the org and the date; kept on one page with the last lines of text,
    # so the date never stands alone on a page of its own.
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    gap = document.add_paragraph()
    _spacing(gap)
    gap.paragraph_format.keep_with_next = True
    for text in (content["org_name"], content["date"]):
        signature = document.add_paragraph()
        signature.paragraph_format.keep_with_next = text != content["date"]
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _spacing(signature)
        signature.paragraph_format.right_indent = Pt(32)
        _fonts(signature.add_run(text), BODY_FONT, BODY_SIZE)

    _page_number_footer(section)
    document.core_properties.title = content["title"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(content: dict) -> bytes:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer
    from xml.sax.saxutils import escape

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=16, leading=28, firstLineIndent=32, alignment=TA_JUSTIFY,
                          wordWrap="CJK")
    # STSong-Light is the only simplified-Chinese CID font and has no bold face: headings keep their
    # 一、 numbering and a little air above instead.
    heading = ParagraphStyle("heading", parent=body, spaceBefore=6, keepWithNext=1)
    title = ParagraphStyle("title", fontName=font, fontSize=22, leading=36, alignment=TA_CENTER, spaceAfter=16,
                           wordWrap="CJK")
    signature = ParagraphStyle("signature", parent=body, firstLineIndent=0, alignment=TA_RIGHT, rightIndent=32)

    def page_number(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 14)
        canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {doc.page} —")
        canvas.restoreState()

    flow = [Paragraph(escape(content["title"]), title)]
    for block in content["blocks"]:
        paragraphs = [Paragraph(escape(text), body) for text in block["paragraphs"]]
        if block["heading"]:
            # a heading never ends a page: it goes over with its first paragraph
            paragraphs[:1] = [KeepTogether([Paragraph(escape(block["heading"]), heading), *paragraphs[:1]])]
        flow += paragraphs
    closing = [Spacer(1, 28), Paragraph(escape(content["org_name"]), signature), Paragraph(escape(content["date"]), signature)]
    if len(flow) > 1:
        closing.insert(0, flow.pop())   # the last paragraph goes over with the signature, never the date alone
    flow.append(KeepTogether(closing))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=content["title"],
        topMargin=MARGINS_MM["top"] * mm, bottomMargin=MARGINS_MM["bottom"] * mm,
        leftMargin=MARGINS_MM["left"] * mm, rightMargin=MARGINS_MM["right"] * mm,
    )
    doc.build(flow, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()
