"""The PDF without LibreOffice: lines wrapped by 禁则, pages that keep headings with their text.

pypdf is not in the venv, so the built-in PDF's lines are read back here: reportlab writes one
`(…) Tj` per line, in UTF-16 for the CJK font, inside ASCII85+Flate streams.
"""

import base64
import re
import zlib

import pytest

from gonghui.reports.linebreak import NO_LINE_END, NO_LINE_START
from gonghui.reports.pdf import Line, layout, paginate, parse_pdffonts, pdf_built_in

# Paragraphs written so that a naive wrap at 27-28 characters would put punctuation at a line's start.
PUNCTUATED = [
    "全年共召开职工代表大会一次，审议通过《职工代表大会工作条例》等四个重要事项，完成了换届选举工作。",
    "坚持厂务公开，在公开栏公开财务收支1项、重大决策1项、名单公示1项；公示期间职工提出异议1件，已全部答复。",
    "开展“安康杯”竞赛（覆盖全部班组），职工参与率达到99.9%，获得上级工会表彰：「先进单位」称号！",
    "一是档案资料尚不齐全；二是活动内容还很单一；三是个别基层工会（小组）作用发挥不够充分。",
] * 6

CONTENT = {
    "title": "某钢铁公司工会2025年工作总结", "org_name": "某钢铁公司工会", "date": "2025年12月31日",
    "period": {"key": "2025", "label": "2025年", "start": "2025-01-01", "end": "2025-12-31"},
    "blocks": [
        {"key": "opening", "kind": "opening", "heading": "", "paragraphs": PUNCTUATED[:3]},
        *[{"key": f"area{i}", "kind": "area", "heading": f"{h}、加强工会组织建设，规范会员台帐管理",
           "paragraphs": PUNCTUATED[i:i + 5]} for i, h in enumerate("一二三四五")],
    ],
    "figures": [],
}


def _literal(raw: bytes) -> bytes:
    """A PDF literal string's bytes, escapes undone."""
    out, i = bytearray(), 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C:   # backslash
            nxt = raw[i + 1:i + 2]
            if nxt.isdigit():
                digits = re.match(rb"[0-7]{1,3}", raw[i + 1:]).group()
                out.append(int(digits, 8))
                i += 1 + len(digits)
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(nxt, nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def pdf_lines(data: bytes) -> list[str]:
    lines = []
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = stream.group(1).strip().removesuffix(b"~>")
        try:
            page = zlib.decompress(base64.a85decode(raw))
        except ValueError:
            continue
        for text in re.finditer(rb"\(((?:\\.|[^\\)])*)\) Tj", page, re.S):
            lines.append(_literal(text.group(1)).decode("utf-16-be"))
    return lines


@pytest.fixture(scope="module")
def built_in_lines():
    # The lines are read back from the CID font's UTF-16 strings; a TrueType face found on the
    # machine would write subset codes instead, so the built-in font is asked for here.
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("gonghui.reports.pdf.TRUETYPE_CJK_FONTS", ())
        mp.delenv("GONGHUI_PDF_FONT", raising=False)
        return pdf_lines(pdf_built_in(CONTENT))


def test_the_built_in_pdf_has_every_character_of_the_text(built_in_lines):
    text = "".join(built_in_lines)
    for paragraph in PUNCTUATED[:8]:
        assert paragraph in text
    assert built_in_lines[-1].strip("— ").isdigit()   # the page number, drawn last


def test_no_line_of_the_built_in_pdf_starts_with_a_closing_mark_or_ends_with_an_opening_one(built_in_lines):
    text = [line for line in built_in_lines if not re.fullmatch(r"— \d+ —", line)]   # the footers
    assert len(text) > 60
    assert [line for line in text if line[:1] in NO_LINE_START] == []
    assert [line for line in text if line[-1:] in NO_LINE_END] == []


def test_the_signature_is_dated_the_periods_end(built_in_lines):
    text = [line for line in built_in_lines if not line.startswith("—")]
    assert text[-2:] == ["某钢铁公司工会", "2025年12月31日"]


def lines(n: int, **kw) -> list[Line]:
    return [Line(f"{kw.pop('prefix', 'l')}{i}", **kw) for i in range(n)]


def test_a_heading_never_ends_a_page():
    body = lines(20)
    heading = Line("一、标题", keep_with_next=True)
    first = lines(3, keep_with_next=True)
    pages = paginate([*body, heading, *first, *lines(5)], page_height=28 * 22)
    assert pages[0][-1] is body[-1] and pages[1][0] is heading


def test_keep_rules_never_leave_a_page_half_empty():
    # A long run of lines that all keep with the next cannot all go over: the page breaks where it falls.
    kept = lines(40, keep_with_next=True)
    pages = paginate(kept, page_height=28 * 22)
    assert [len(p) for p in pages] == [22, 18]


def test_the_signature_takes_the_last_lines_of_text_with_it():
    content = {**CONTENT, "blocks": [{"key": "a", "kind": "area", "heading": "", "paragraphs": ["工会工作" * 7 * 21]}]}
    laid = layout(content, width=28, measure=lambda s: float(len(s)), title_measure=lambda s: float(len(s)) * 22 / 16)
    pages = paginate(laid, page_height=28 * 22)
    last = pages[-1]
    assert [line.text for line in last[-2:]] == ["某钢铁公司工会", "2025年12月31日"]
    assert len([line for line in last if line.text]) >= 3      # at least one line of text above it


def test_pdffonts_rows_without_an_embedded_font_are_named():
    listing = (
        "name                                 type              encoding         emb sub uni object ID\n"
        "------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
        "BAAAAA+NotoSerifCJKjp-Bold-VKana     Type 1            Builtin          yes yes yes     28  0\n"
        "STSong-Light                         CID Type 0        UniGB-UCS2-H     no  no  no       5  0\n"
    )
    assert parse_pdffonts(listing) == ["STSong-Light"]
    assert parse_pdffonts(listing.rsplit("\n", 2)[0] + "\n") == []


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.skipif(not __import__("os").path.exists(DEJAVU), reason="needs a TrueType font to embed")
def test_a_truetype_font_on_the_machine_is_embedded_in_the_built_in_pdf(monkeypatch):
    # Any TrueType face shows the path; a CJK one (wqy-zenhei, simfang.ttf) is what a server would name.
    monkeypatch.setenv("GONGHUI_PDF_FONT", DEJAVU)
    data = pdf_built_in({**CONTENT, "title": "Work summary", "org_name": "Union",
                         "blocks": [{"key": "a", "kind": "area", "heading": "", "paragraphs": ["Text."]}]})
    assert b"/FontFile2" in data and b"STSong-Light" not in data
