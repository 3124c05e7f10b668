"""The summary on paper: a Word document laid out as a union office files it, and a PDF.

Both read the content dict of `document.assemble` (or a saved version), nothing else.

The .docx follows the usual official-document layout (GB/T 9704): A4 with margins of
37/35/28/26 mm, the title 二号 in a Song face, 一、 headings in 黑体 三号, （一） in 楷体, body in
仿宋 三号 with a two-character first-line indent and fixed 28pt lines, page numbers
("— 1 —") in the footer, and the org and date right-aligned, 右空四字, at the end. The title
and headings are Word's Heading 1-3 styles, restyled, with outline levels 0-2, so the
navigation pane and a table of contents see them. CJK font names go into w:eastAsia, or
Word would set the Chinese text in the Latin font's fallback.

The PDF is this .docx printed by LibreOffice where it is installed (fonts embedded,
Chinese line breaking), else reportlab's layout with its own 禁则 line wrapper: see pdf.py.
"""

from __future__ import annotations

import io


from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gonghui.core.text import multi_line

from .document import is_subheading, signature_date

# The official faces (GB/T 9704) are 方正小标宋简体 for the title, 黑体 for 一、, 楷体_GB2312 for
# （一） and 仿宋_GB2312 for the body. A run names one East Asian font only (w:eastAsia: python-docx
# writes no fallback list, and Word reads none), and the 方正 and _GB2312 faces are not on a stock
# Windows or WPS install: a document naming them opens in whatever Word substitutes, often 宋体 for
# everything. So each run names the face a stock Windows (and WPS, and LibreOffice's own
# replacement table) does have, in Chinese, as Word writes it: 宋体 (SimSun) bold standing in for
# 小标宋, 仿宋 (FangSong), 黑体 (SimHei), 楷体 (KaiTi).
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)     # 二号
BODY_SIZE = Pt(16)      # 三号
CHAR = 16               # one character of 三号, in points: indents are counted in characters
LINE = Pt(28)           # fixed line spacing: 22 lines to the page
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
SIGNATURE_RIGHT_CHARS = 4   # 右空四字: the org and the date end four characters short of the margin

# Heading styles, so Word's navigation pane and a table of contents find the outline:
# style name -> (outline level, East Asian font, size, bold, first-line indent in characters)
HEADING_STYLES = {
    "Heading 1": (0, TITLE_FONT, TITLE_SIZE, True, 0),        # the title
    "Heading 2": (1, HEADING_FONT, BODY_SIZE, False, 2),      # 一、
    "Heading 3": (2, SUBHEADING_FONT, BODY_SIZE, False, 2),   # （一）
}

_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_fonts(rpr, east_asian: str) -> None:
    """Name the fonts on a run's or a style's rPr, dropping the template's theme fonts.

    A theme attribute (w:eastAsiaTheme) wins over a named font in Word, so the named one would
    be silently ignored. w:hint="eastAsia" makes the shared punctuation (“”、…) use the East
    Asian font, as Word does when one types Chinese.
    """
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in _THEME_FONT_ATTRIBUTES:
        if fonts.get(qn(attribute)) is not None:
            del fonts.attrib[qn(attribute)]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _fonts(run, east_asian: str, size, *, bold: bool = False) -> None:
    run.font.size = size
    run.font.bold = bold
    _set_fonts(run._element.get_or_add_rPr(), east_asian)


def _indent_chars(paragraph_format, element, *, first_line: int = 0, right: int = 0) -> None:
    """Indents in characters (w:firstLineChars, w:rightChars), with the points for readers that ignore them.

    Word prefers the character count, so the indent follows the font size if someone changes it.
    """
    if first_line:
        paragraph_format.first_line_indent = Pt(CHAR * first_line)
    if right:
        paragraph_format.right_indent = Pt(CHAR * right)
    ind = element.get_or_add_pPr().get_or_add_ind()
    if first_line:
        ind.set(qn("w:firstLineChars"), str(first_line * 100))
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))


def _spacing(paragraph_format, *, line=LINE) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = line
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


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


def _restyle(document) -> None:
    """Normal as the body, Heading 1-3 as the title, 一、 and （一）: official faces, black, no theme."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault"))
        if rpr is not None and rpr.find(qn("w:rPr")) is not None:
            _set_fonts(rpr.find(qn("w:rPr")), BODY_FONT)
            lang = rpr.find(qn("w:rPr")).find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    # Chinese text in a Chinese document: Word and LibreOffice pick the CJK font and line breaking from it.
    lang = normal.element.get_or_add_rPr().find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        normal.element.get_or_add_rPr().append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    _spacing(normal.paragraph_format)
    normal.paragraph_format.widow_control = True

    for name, (level, face, size, bold, indent) in HEADING_STYLES.items():
        style = document.styles[name]
        style.font.size = size
        style.font.bold = bold
        style.font.italic = False
        rpr = style.element.get_or_add_rPr()
        color = rpr.find(qn("w:color"))
        if color is not None:
            rpr.remove(color)
        _set_fonts(rpr, face)
        fmt = style.paragraph_format
        fmt.keep_with_next = True
        fmt.keep_together = True
        if level == 0:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(fmt, line=Pt(36))
            fmt.space_after = Pt(16)    # one blank line's worth under the title
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _spacing(fmt)
            fmt.first_line_indent = Pt(CHAR * indent)
            style.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), str(indent * 100))
        ppr = style.element.get_or_add_pPr()
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            ppr.append(outline)
        outline.set(qn("w:val"), str(level))


def _heading(document, text: str, style: str):
    paragraph = document.add_paragraph(style=style)
    level, face, size, bold, indent = HEADING_STYLES[style]
    _fonts(paragraph.add_run(text), face, size, bold=bold)
    return paragraph


def _without_control_characters(value):
    """The content with every text cleaned: a control character stored before input was cleaned
    (a title pasted from another program) cannot be written into the document's XML."""
    if isinstance(value, str):
        return multi_line(value)
    if isinstance(value, dict):
        return {key: _without_control_characters(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_control_characters(item) for item in value]
    return value


def render_docx(content: dict) -> bytes:
    content = _without_control_characters(content)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(20)
    section.start_type = WD_SECTION.NEW_PAGE
    _restyle(document)

    _heading(document, content["title"], "Heading 1")
    for block in content["blocks"]:
        if block["heading"]:
            _heading(document, block["heading"], "Heading 2")
        for text in block["paragraphs"]:
            if is_subheading(text):
                _heading(document, text, "Heading 3")
                continue
            body = document.add_paragraph()
            body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _spacing(body.paragraph_format)
            _indent_chars(body.paragraph_format, body._element, first_line=2)
            _fonts(body.add_run(text), BODY_FONT, BODY_SIZE)

    # A blank line, then the org and the date, 右空四字. The last paragraph keeps with them, so the
    # date never stands alone on a page; with widow control only its last lines go over, not all of it.
    if len(document.paragraphs) > 1:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    gap = document.add_paragraph()
    _spacing(gap.paragraph_format)
    gap.paragraph_format.keep_with_next = True
    for text in (content["org_name"], signature_date(content)):
        signature = document.add_paragraph()
        signature.paragraph_format.keep_with_next = text == content["org_name"]
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _spacing(signature.paragraph_format)
        _indent_chars(signature.paragraph_format, signature._element, right=SIGNATURE_RIGHT_CHARS)
        _fonts(signature.add_run(text), BODY_FONT, BODY_SIZE)

    _page_number_footer(section)
    document.core_properties.title = content["title"]
    document.core_properties.language = "zh-CN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(content: dict) -> bytes:
    """The PDF: the .docx printed by LibreOffice where it is installed, else the built-in layout (see pdf.py)."""
    from .pdf import render_pdf as pdf

    return pdf(content)
