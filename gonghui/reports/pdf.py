"""The summary as a PDF: the .docx printed by LibreOffice, or laid out here without it.

LibreOffice is the first choice: it sets the very document the office edits, with its CJK
line breaking (禁则), the heading styles and every font embedded (checked with pdffonts
when poppler is there; a PDF with a font left out is not filed). It runs headless in a
temporary directory with its own profile, so two conversions at once do not fight over
~/.config/libreoffice, and under a timeout, after which its whole process group is killed.

Without LibreOffice (or when it fails), reportlab lays the text out line by line with the
line wrapper of `linebreak` (禁则 included), and paginates it here: a heading never ends a
page, a paragraph leaves neither one line behind nor one line alone at the top of a page,
and the signature goes over with the last lines of text. None of these rules may pull more
than a few lines to the next page, so no page is left half empty. The font is a TrueType
CJK face found on the machine (embedded, subset), else reportlab's built-in STSong-Light,
which every PDF reader supplies but which is not embedded.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .document import is_subheading, signature_date
from .linebreak import wrap

log = logging.getLogger(__name__)

LIBREOFFICE_TIMEOUT = 90   # seconds; a first start builds its profile, which takes a while

# TrueType CJK faces reportlab can embed (it cannot embed the CFF outlines of Noto CJK's .otf/.ttc).
# GONGHUI_PDF_FONT names another; the first that exists wins.
TRUETYPE_CJK_FONTS = (
    "C:/Windows/Fonts/simfang.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
BUILTIN_FONT = "STSong-Light"


# ---------------------------------------------------------------- LibreOffice

# On a server the Windows faces the .docx names are not installed, and fontconfig's own fallback
# sets all four in one sans face: headings would not stand out from the body. LibreOffice is run
# with these aliases first (the system's configuration after them), so the body and the title
# come out in a Song (serif) face and 一、 headings in a Hei (sans) face, whichever of the listed
# families the machine has; a machine that has the real faces uses them.
FONT_ALIASES = {
    ("宋体", "SimSun", "方正小标宋简体", "方正小标宋_GBK"): ("SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
    ("仿宋", "FangSong", "仿宋_GB2312"): ("FangSong", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
    ("楷体", "KaiTi", "楷体_GB2312"): ("KaiTi", "AR PL UKai CN", "Noto Serif CJK SC", "Source Han Serif SC"),
    ("黑体", "SimHei"): ("SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"),
}


def fontconfig_file() -> str:
    """A fonts.conf with FONT_ALIASES ahead of the system's own configuration."""
    from xml.sax.saxutils import escape

    aliases = "".join(
        f"<alias binding=\"same\"><family>{escape(name)}</family><prefer>"
        + "".join(f"<family>{escape(f)}</family>" for f in faces) + "</prefer></alias>\n"
        for names, faces in FONT_ALIASES.items() for name in names
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"{aliases}<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n</fontconfig>\n"
    )


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def unembedded_fonts(pdf: bytes) -> list[str] | None:
    """The fonts a PDF uses but does not embed (pdffonts), or None when pdffonts is not installed."""
    pdffonts = shutil.which("pdffonts")
    if not pdffonts:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        result = subprocess.run([pdffonts, file.name], capture_output=True, text=True, timeout=30, check=False)
    if result.returncode != 0:
        return None
    return parse_pdffonts(result.stdout)


def parse_pdffonts(listing: str) -> list[str]:
    """The names of the rows whose 'emb' column says no, read by the columns the dashes mark."""
    lines = listing.splitlines()
    header = next((i for i, line in enumerate(lines) if line.startswith("----")), None)
    if header is None or header == 0:
        return []
    spans, start = [], 0
    for part in lines[header].split(" "):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    titles = [lines[header - 1][a:b].strip() for a, b in spans]
    if "emb" not in titles:
        return []
    emb = spans[titles.index("emb")]
    missing = []
    for line in lines[header + 1:]:
        # the font's name may be wider than its column; the flags are read from the right
        flags = line[emb[0]:].split()
        if line.strip() and flags and flags[0] != "yes":
            missing.append(line[:spans[0][1]].strip())
    return missing


def pdf_via_libreoffice(docx: bytes, *, timeout: int = LIBREOFFICE_TIMEOUT) -> bytes | None:
    """The .docx printed to PDF by LibreOffice, or None when it is absent, fails, or leaves a font out."""
    soffice = libreoffice()
    if not soffice:
        return None
    with tempfile.TemporaryDirectory(prefix="gonghui-pdf-") as tmp:
        source = Path(tmp) / "summary.docx"
        source.write_bytes(docx)
        fonts = Path(tmp) / "fonts.conf"
        fonts.write_text(fontconfig_file(), encoding="utf-8")
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(source),
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                   env={**os.environ, "HOME": tmp, "FONTCONFIG_FILE": str(fonts)})
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            log.warning("LibreOffice took longer than %ss to print the summary; using the built-in layout", timeout)
            return None
        target = Path(tmp) / "summary.pdf"
        if process.returncode != 0 or not target.exists():
            log.warning("LibreOffice could not print the summary (exit %s); using the built-in layout", process.returncode)
            return None
        pdf = target.read_bytes()
    missing = unembedded_fonts(pdf)
    if missing:
        log.warning("LibreOffice left fonts out of the summary's PDF (%s); using the built-in layout", ", ".join(missing))
        return None
    return pdf


# ---------------------------------------------------------------- the built-in layout

@dataclass
class Line:
    text: str
    size: float = 16
    height: float = 28          # the line's box: fixed line spacing, as in the .docx
    indent: float = 0           # from the left margin
    right_indent: float = 0
    align: str = "justify"      # justify (last line of a paragraph: left), centre, right, left
    bold: bool = False
    keep_with_next: bool = False


# A keep rule may push at most this many lines to the next page; past it the page breaks where it falls.
MOST_LINES_PULLED = 5


def paginate(lines: list[Line], *, page_height: float) -> list[list[Line]]:
    """Lines into pages: greedy, then back off so that no page ends on a line kept with the next."""
    pages: list[list[Line]] = []
    i = 0
    while i < len(lines):
        used, j = 0.0, i
        while j < len(lines) and (j == i or used + lines[j].height <= page_height):
            used += lines[j].height
            j += 1
        if j < len(lines):
            k = j
            while k - 1 > i and lines[k - 1].keep_with_next and j - k < MOST_LINES_PULLED:
                k -= 1
            if not lines[k - 1].keep_with_next:
                j = k
        pages.append(lines[i:j])
        i = j
    return pages


def _paragraph_lines(text: str, *, width: float, measure, first_indent: float, **style) -> list[Line]:
    wrapped = wrap(text, width=width, measure=measure, first_indent=first_indent)
    lines = [Line(t, indent=first_indent if n == 0 else 0, **style) for n, t in enumerate(wrapped)]
    if len(lines) > 1:
        lines[0].keep_with_next = True      # no single first line at the foot of a page
        lines[-2].keep_with_next = True     # no single last line at the head of one
    if lines and lines[-1].align == "justify":
        lines[-1].align = "left"
    return lines


def layout(content: dict, *, width: float, measure, title_measure) -> list[Line]:
    """The summary as lines, each knowing how it is set and whether it keeps with the next."""
    lines = [Line(t, size=22, height=36, align="centre", keep_with_next=True)
             for t in wrap(content["title"], width=width, measure=title_measure)]
    lines.append(Line("", height=16, keep_with_next=True))   # a blank line's worth under the title
    for block in content["blocks"]:
        headings = [block["heading"]] if block["heading"] else []
        for text in [*headings, *block["paragraphs"]]:
            heading = text in headings or is_subheading(text)
            para = _paragraph_lines(text, width=width, measure=measure, first_indent=32, bold=heading,
                                    align="left" if heading else "justify")
            if heading:
                for line in para:
                    line.keep_with_next = True      # with the first two lines of what it heads
            lines += para
    if len(lines) > 2:
        lines[-1].keep_with_next = True             # the last line of text goes over with the signature
    lines.append(Line("", keep_with_next=True))
    lines.append(Line(content["org_name"], align="right", right_indent=64, keep_with_next=True))
    lines.append(Line(signature_date(content), align="right", right_indent=64))
    return lines


def _font() -> tuple[str, bool]:
    """The registered font's name, and whether it is embedded."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    candidates = [os.environ.get("GONGHUI_PDF_FONT", ""), *TRUETYPE_CJK_FONTS]
    for path in filter(None, candidates):
        if not Path(path).is_file():
            continue
        name = "GonghuiCJK-" + Path(path).stem
        if name in registered:
            return name, True
        try:
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
        except Exception:   # a CFF-outlined or damaged file: reportlab cannot embed it, try the next
            log.info("cannot embed %s in the summary's PDF", path)
            continue
        return name, True
    if BUILTIN_FONT not in registered:
        pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN_FONT))
    return BUILTIN_FONT, False


def pdf_built_in(content: dict) -> bytes:
    """The reportlab layout: every line wrapped by `linebreak.wrap` and placed here."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas as pdf_canvas

    from .rendering import MARGINS_MM

    font, _embedded = _font()
    page_width, page_height = A4
    left, right = MARGINS_MM["left"] * mm, MARGINS_MM["right"] * mm
    top, bottom = MARGINS_MM["top"] * mm, MARGINS_MM["bottom"] * mm
    width = page_width - left - right
    lines = layout(content, width=width,
                   measure=lambda s: pdfmetrics.stringWidth(s, font, 16),
                   title_measure=lambda s: pdfmetrics.stringWidth(s, font, 22))

    buffer = io.BytesIO()
    # the CJK font from the start, or reportlab names an unembedded Helvetica it never uses
    canvas = pdf_canvas.Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font, initialFontSize=16)
    canvas.setTitle(content["title"])
    canvas.setAuthor(content["org_name"])
    for number, page in enumerate(paginate(lines, page_height=page_height - top - bottom), start=1):
        cursor = page_height - top
        for line in page:
            # the glyphs centred in the line's box, as Word does with exact line spacing
            baseline = cursor - line.height / 2 - 0.36 * line.size
            cursor -= line.height
            if not line.text:
                continue
            text_width = pdfmetrics.stringWidth(line.text, font, line.size)
            room = width - line.indent - line.right_indent
            x = left + line.indent
            char_space = 0.0
            if line.align == "centre":
                x = left + (width - text_width) / 2
            elif line.align == "right":
                x = left + width - line.right_indent - text_width
            elif line.align == "justify" and len(line.text) > 1 and text_width < room:
                char_space = (room - text_width) / (len(line.text) - 1)
            text = canvas.beginText(x, baseline)
            text.setFont(font, line.size)
            text.setCharSpace(char_space)
            if line.bold:
                # No bold face in one CJK font: a heading is set heavier by stroking its outline too.
                # The render mode is graphics state and outlives the text object: saved and restored.
                canvas.saveState()
                canvas.setLineWidth(0.45)
                text.setTextRenderMode(2)
            text.textOut(line.text)
            canvas.drawText(text)
            if line.bold:
                canvas.restoreState()
        canvas.setFont(font, 14)
        canvas.drawCentredString(page_width / 2, 20 * mm, f"— {number} —")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_pdf(content: dict, *, use_libreoffice: bool | None = None) -> bytes:
    """The PDF: LibreOffice's print of the .docx where it is installed, the built-in layout otherwise.

    GONGHUI_PDF_ENGINE=builtin forces the built-in layout (a machine whose LibreOffice is
    known to be broken, or a test that wants the fallback).
    """
    if use_libreoffice is None:
        use_libreoffice = os.environ.get("GONGHUI_PDF_ENGINE", "") != "builtin"
    if use_libreoffice and libreoffice():
        from .rendering import render_docx

        pdf = pdf_via_libreoffice(render_docx(content))
        if pdf is not None:
            return pdf
    return pdf_built_in(content)
