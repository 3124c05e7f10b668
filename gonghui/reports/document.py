"""The work summary's assembly: providers' sections in, the document's structure out.

Pure: plain data in (Sections, Figures, a few facts about the org), a plain dict out,
so every sentence the assembler writes is tested without a database. The dict is what
a version stores, what the API returns and what the renderers (text, .docx, PDF) read:

    {"title", "org_name", "period": {"key", "label", "start", "end"}, "date", "finalised",
     "blocks": [{"key", "kind", "heading", "paragraphs": [...]}, ...],
     "figures": [{"key", "label", "value", "text", "previous", "change", "source"}, ...]}

`kind` is "opening" (no heading), "area" (一、二、… with 1、2、 items), "shortcomings"
or "plans". Headings already carry their numbers, so an edited draft keeps them.

"date" is the signature's date: the day the chair finalised the summary ("finalised", an
ISO date, when there is one), else the period's last day. Never the day it was generated:
a summary printed twice must carry the same date, and a recompute on another day must not
look like a change to the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.formatting import chinese_ordinal, format_count, format_date, format_decimal

from .providers import Figure, Period, Section

CHINESE_FIRSTS = "一二三四五六七八九十"
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@dataclass
class UnionPart:
    """One union of a federation and its own sections (for 'which did what')."""

    name: str
    sections: list[Section] = field(default_factory=list)
    sector: str | None = None   # the union's kind: its line tells its areas in its own order


def figure_change(figure: Figure, *, span: bool = False) -> str:
    """'同比增长12.3%' / '同比减少…' / '同比提高2个百分点'; '' without last year's records.

    A rate (text ending in %) moves in percentage points, read off the text so the scale of
    `value` (0.94 or 94) does not matter; a count or amount moves in per cent of last year's.
    For a span of years (`span`) the words drop 同比: the sentence names the span compared with.
    """
    if figure.previous is None or figure.value is None:
        return ""
    value, previous = Decimal(figure.value), Decimal(figure.previous)
    if figure.text.strip().endswith("%"):
        found = _NUMBER.search(figure.text)
        if not found or not value:
            return ""
        shown = Decimal(found.group().replace(",", ""))
        points = shown - previous * shown / value
        if abs(points) < Decimal("0.05"):
            return _("level with the span before") if span else _("level with the same period last year")
        if span:
            template = _("up %(n)s percentage points") if points > 0 else _("down %(n)s percentage points")
        else:
            template = _("up %(n)s percentage points year on year") if points > 0 else _("down %(n)s percentage points year on year")
        return template % {"n": format_decimal(abs(points), 1, strip=True)}
    if not previous:
        return ""
    change = (value - previous) * 100 / previous
    if abs(change) < Decimal("0.05"):
        return _("level with the span before") if span else _("level with the same period last year")
    if span:
        template = _("up %(pct)s") if change > 0 else _("down %(pct)s")
    else:
        template = _("up %(pct)s year on year") if change > 0 else _("down %(pct)s year on year")
    return template % {"pct": f"{format_decimal(abs(change), 1, strip=True).replace(',', '')}%"}


def previous_text(figure: Figure) -> str:
    """Last year's figure written like this year's: '1,650名', '90%'; '' without records."""
    if figure.previous is None:
        return ""
    found = _NUMBER.search(figure.text)
    if not found:
        return ""
    previous = Decimal(figure.previous)
    if figure.text.strip().endswith("%"):
        if not figure.value:
            return ""
        previous = previous * Decimal(found.group().replace(",", "")) / Decimal(figure.value)
        return f"{format_decimal(previous, 1, strip=True)}%"
    places = 0 if previous == previous.to_integral_value() else 2
    return figure.text[:found.start()] + format_decimal(previous, places, strip=True) + figure.text[found.end():]


def figure_row(figure: Figure) -> dict:
    def plain(v):
        if v is None:
            return None
        return int(v) if isinstance(v, int) or (isinstance(v, Decimal) and v == v.to_integral_value()) else str(v)

    return {
        "key": figure.key, "label": str(figure.label), "value": plain(figure.value), "text": str(figure.text),
        "previous": plain(figure.previous), "previous_text": previous_text(figure), "change": figure_change(figure),
        "source": figure.source,
    }


def _sentence(text: str) -> str:
    """A clause for 一是…；二是…: without its closing full stop."""
    return text.strip().rstrip("。.;；")


def comparison_sentence(figures: list[Figure], *, against: Period | None = None) -> str:
    """One sentence with every 同比 the records allow, or ''. No figure with last year's
    records, no sentence: nothing is compared with nothing.

    `against`, for a span of years: the span before it, named ('与2020—2022年相比，…'); what is
    counted at the period's end (Figure.stock, the roll) against that span's last day
    ('与2022年12月31日相比，在册职工持平').
    """
    span = against is not None

    def parts(chosen) -> str:
        return "、".join(f"{f.label}{change}" for f in chosen if not f.said and (change := figure_change(f, span=span)))

    if not span:
        said = parts(figures)
        return _("Compared with the same period last year, %(parts)s.") % {"parts": said} if said else ""
    sentences = []
    for before, chosen in ((format_date(against.end), [f for f in figures if f.stock]),
                           (against.label, [f for f in figures if not f.stock])):
        if said := parts(chosen):
            sentences.append(_("Compared with %(before)s, %(parts)s.") % {"before": before, "parts": said})
    return "".join(sentences)


def count_in_words(n: int) -> str:
    """3 -> '三', 2 -> '两' (两个方面, never 二个方面); past 99 in digits."""
    if n == 2:
        return "两"
    return chinese_ordinal(n) if 0 < n < 100 else str(n)


def period_phrase(period: Period) -> str:
    """How the text names its period: '2025年', '2025年上半年', or for a span '三年来（2023—2025年）'."""
    if period.is_span:
        return _("over the %(n)s years (%(span)s)") % {"n": count_in_words(period.span_years), "span": period.label}
    return period.label


def opening_paragraphs(*, org_name: str, parent_name: str | None, period: Period, areas: list[str],
                       words: dict | None = None, centre: str = "", framing: str = "", sector: str | None = None,
                       disclosed: bool = True) -> list[str]:
    """The seeds' opening, built only from facts: who, when, under whom, in how many areas.

    The computed paragraph leads, in the voice of the union's kind (`sector`, reports.voices:
    企业党政 / 学校党政 / 连队党支部, and what its work turns on) with its own words (`words`:
    职工 / 教职工, 厂务公开 / 校务公开). `framing` is the chair's own opening (a text block of the
    period): what no record holds, in the union's words; it follows, and the opening closes with
    现将…总结如下. `centre` is accepted for old callers and no longer read. `disclosed`: whether
    the period's records disclosed anything (else the voice names no 厂务公开).
    """
    from gonghui.orgs.choices import DEFAULT_STAFF_WORD, DISCLOSURE_WORD, STAFF_WORD

    from .voices import opening_voice

    # without the org's own words, its sector's (教职工 and 校务公开 at a school)
    words = {"staff": str(STAFF_WORD.get(sector, DEFAULT_STAFF_WORD)),
             "disclosure": str(DISCLOSURE_WORD.get(sector, DISCLOSURE_WORD["factory"])), **(words or {})}
    # an area named after the disclosure (坚持校务公开) says it; the voice does not say it again
    voice = opening_voice(sector, disclosed=disclosed and not any(words["disclosure"] in area for area in areas))
    values = {"period": period_phrase(period), "leader": parent_name or _("the higher-level union"), "org": org_name,
              "n": count_in_words(len(areas)), "staff": words["staff"], "admin": voice["admin"]}
    if not areas:
        return framing_lines(framing) + [_(
            "In %(period)s, under the leadership of %(leader)s and of the Party and administration, %(org)s carried "
            "out the union's work. The records of the period hold no figures yet to report on. "
            "The work of %(period)s is summarised as follows:"
        ) % values]
    values["centre"] = voice["centre"] % {"staff": words["staff"], "disclosure": words["disclosure"]}
    values["areas"] = areas[0] if len(areas) == 1 else _("%(areas)s and %(n)s areas in all") % {
        "areas": "、".join(areas), "n": values["n"]}
    paragraphs = [_(
        "In %(period)s, under the leadership of %(leader)s and of %(admin)s, %(org)s %(centre)s, and made new "
        "progress in %(areas)s."
    ) % values] + framing_lines(framing)
    if not paragraphs[-1].endswith(("：", ":")):   # the chair may have written 现将…如下： already
        paragraphs[-1] += _("The work of %(period)s is summarised as follows:") % values
    return paragraphs


def area_name(heading: str) -> str:
    """What the opening calls an area: its heading's first phrase ('加强工会组织建设，规范会员台帐管理'
    -> '加强工会组织建设'), so the list of areas reads as one list."""
    return re.split("[，,；;]", heading, maxsplit=1)[0]


_NUMBERED = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．)）]|[一二三四五六七八九十]是)\s*")


def unnumbered(line: str) -> str:
    """A chair's line without the number they typed ('1、', '（二）', '一是'): the list numbers it."""
    return _NUMBERED.sub("", line, count=1)


def framing_lines(text: str) -> list[str]:
    """A chair's text block as paragraphs: one per non-empty line."""
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def enumerate_firstly(items: list[str]) -> str:
    """['a。', 'b。'] -> '一是a；二是b。' as the seeds list shortcomings.

    A single item is a plain sentence: 一是 promises a 二是.
    """
    if len(items) == 1:
        return _sentence(items[0]) + "。"
    clauses = [_("%(nth)s is %(what)s") % {"nth": CHINESE_FIRSTS[i] if i < 10 else count_in_words(i + 1), "what": _sentence(t)}
               for i, t in enumerate(items)]
    return "；".join(clauses) + "。"


UNION_LINES = 30   # a federation's summary tells this many unions' own year; past it, those with the most on record


def most_told(unions: list[UnionPart]) -> list[UnionPart]:
    """The unions whose lines a federation's summary prints: all of them up to UNION_LINES, else the
    UNION_LINES with the most on record (what they did by name, then how many areas hold figures), in
    their own order. 500 lines of the same shape were 88 pages of a 96-page document."""
    if len(unions) <= UNION_LINES:
        return unions

    def weight(part: UnionPart) -> tuple[int, int]:
        return (sum(len(s.named) for s in part.sections), sum(1 for s in part.sections if s.figures))

    chosen = set(sorted(range(len(unions)), key=lambda i: (-weight(unions[i])[0], -weight(unions[i])[1], i))[:UNION_LINES])
    return [part for i, part in enumerate(unions) if i in chosen]


def union_part_sentence(part: UnionPart) -> str:
    """'本部工会：在册职工1,853名；合理化建议2,854条、采纳2,683条；2025年4月召开首届职工代表大会……'

    Each area the union has records in, in the order of its kind: its leading figures and what
    it did by name (a congress session, a patent), so the line tells that union's own year.
    """
    from .voices import section_rank

    shown = []
    for s in sorted(part.sections, key=section_rank(part.sector)):
        clause = "、".join(f"{f.label}{f.text}" for f in s.figures[:2])
        named = "，".join(s.named)
        if clause or named:
            shown.append("，".join(x for x in (clause, named) if x))
    if not shown:
        return _("%(org)s: no records for the period yet.") % {"org": part.name}
    return _("%(org)s: %(figures)s.") % {"org": part.name, "figures": "；".join(shown)}


# Providers write "as at the end of the period"; on paper it is the period's own last day, or today
# while the period runs (a draft of this year is not a statement about 31 December to come).
PERIOD_END_PHRASE = "截至期末"


def dated(text: str, period: Period, today: dt.date | None = None) -> str:
    """'截至期末，…' -> '截至2025年12月31日，…' (during 2026: '截至2026年11月27日，…')."""
    if PERIOD_END_PHRASE not in text:
        return text
    return text.replace(PERIOD_END_PHRASE, f"截至{format_date(min(period.end, today or timezone.localdate()))}")


def consistent(section: Section, period: Period) -> Section:
    """A provider's section as the document prints it: its phrases dated. (Rates come right from
    core.formatting.format_percent, which never rounds one into a contradiction.)"""
    return replace(
        section, paragraphs=[dated(p, period) for p in section.paragraphs],
        items=[dated(t, period) for t in section.items],
        shortcomings=[dated(t, period) for t in section.shortcomings],
        plans=[dated(t, period) for t in section.plans],
    )


def signature_date(content: dict) -> str:
    """The date under the org's name: finalised, else the period's end, else what was stored."""
    if content.get("finalised"):
        return format_date(dt.date.fromisoformat(content["finalised"]))
    end = (content.get("period") or {}).get("end")
    if end:
        return format_date(dt.date.fromisoformat(end))
    return content.get("date", "")


# The chair's own text blocks of a period (reports.models.SummaryText): what no record holds.
# opening: the framing at the top; credit: what the period's success 得益于, at the end of the
# achievements; shortcomings: added to those read off the records; plans: the plan's wording.
TEXT_SLOTS = ("opening", "credit", "shortcomings", "plans")
# Besides them, a chair frames an area with words of their own: '<key>:opening' leads the area
# (before what the records give), '<key>:closing' ends it (after them): a 得益于 that closes one
# area's achievements, an 抓规范 paragraph that opens 组织建设. `key` is the area's stable key
# (reports.voices.SECTION_KEYS). Its text stays when the summary is recomputed.
SECTION_TEXT_PARTS = ("opening", "closing")
_SECTION_SLOT = re.compile(r"^([a-z_]+):(opening|closing)$")


def section_slot(key: str, part: str) -> str:
    """'care', 'closing' -> 'care:closing': the text slot that frames one area."""
    return f"{key}:{part}"


def parse_section_slot(slot: str) -> tuple[str, str] | None:
    """'care:closing' -> ('care', 'closing'); None for any other slot, an unknown area's included."""
    from .voices import SECTION_KEYS

    found = _SECTION_SLOT.match(slot or "")
    return (found.group(1), found.group(2)) if found and found.group(1) in SECTION_KEYS else None


def is_text_slot(slot: str) -> bool:
    return slot in TEXT_SLOTS or parse_section_slot(slot) is not None


def assemble(
    *, org_name: str, parent_name: str | None, period: Period, sections: list[Section], date_text: str = "",
    unions: list[UnionPart] | None = None, finalised: dt.date | None = None, words: dict | None = None,
    sector: str | None = None, texts: dict[str, str] | None = None,
) -> dict:
    """The whole draft: opening, 一、二、… by area, 存在的不足, 下一步工作打算, signature.

    The areas run in the order of the union's kind (`sector`, reports.voices) and the text
    uses its words (`words`: core.summary.org_words). `texts` are the chair's blocks
    (TEXT_SLOTS and the areas' '<key>:opening' / '<key>:closing'), placed where the seeds place them. The signature is dated `finalised` or
    the period's end; `date_text` is accepted for old callers and no longer printed.
    """
    from .voices import section_rank

    texts = texts or {}
    sections = sorted((consistent(s, period) for s in sections), key=section_rank(sector))
    if unions:
        unions = [UnionPart(part.name, [consistent(s, period) for s in part.sections], part.sector) for part in unions]
    unions_heading = _("Work of the grassroots unions")
    shortcomings_heading = _("Shortcomings")
    plans_heading = _("Plans for the next period")
    blocks: list[dict] = []
    framed_keys = {parsed[0] for parsed in map(parse_section_slot, texts) if parsed}
    framed = {key: {part: framing_lines(texts.get(section_slot(key, part), "")) for part in SECTION_TEXT_PARTS}
              for key in framed_keys}
    shown = [s for s in sections if s.paragraphs or s.items or any((framed.get(s.key) or {}).values())]
    blocks.append({
        "key": "opening", "kind": "opening", "heading": "",
        "paragraphs": opening_paragraphs(org_name=org_name, parent_name=parent_name, period=period,
                                         areas=[area_name(s.heading) for s in shown], words=words, sector=sector,
                                         framing=texts.get("opening", ""), disclosed=any(
                                             f.key.startswith("governance.disclosures.") and f.value
                                             for s in shown for f in s.figures)),
    })
    number = 0
    for section in shown:   # an area with only plans or shortcomings gets no empty heading
        number += 1
        frame = framed.pop(section.key, {})
        paragraphs = frame.get("opening", []) + list(section.paragraphs)
        # a list is numbered 1、2、…; a single item is a plain paragraph
        paragraphs += [f"{i}、{item}" for i, item in enumerate(section.items, start=1)] if len(section.items) > 1 \
            else list(section.items)
        if compared := comparison_sentence(section.figures, against=period.same_period_last_year() if period.is_span else None):
            paragraphs.append(compared)
        paragraphs += frame.get("closing", [])
        blocks.append({"key": section.key, "kind": "area", "heading": f"{chinese_ordinal(number)}、{section.heading}",
                       "paragraphs": paragraphs})
    if unions:
        number += 1
        told = most_told(unions)
        intro = (_("The federation's %(n)s grassroots unions each reported on their own work:") % {"n": len(unions)}
                 if len(told) == len(unions) else
                 _("Of the federation's %(n)s grassroots unions, the %(shown)s with the most on record reported as follows "
                   "(the other %(rest)s in their own work summaries):") % {
                     "n": format_count(len(unions)), "shown": len(told), "rest": format_count(len(unions) - len(told))})
        blocks.append({
            "key": "unions", "kind": "area",
            "heading": f"{chinese_ordinal(number)}、{unions_heading}",
            "paragraphs": [intro] + [f"{i}、{union_part_sentence(part)}" for i, part in enumerate(told, start=1)],
        })
    # an area framed by the chair that holds nothing this period: its words close the achievements, never lost
    orphaned = [line for key in sorted(framed) for part in SECTION_TEXT_PARTS for line in framed[key][part]]
    if credit := orphaned + framing_lines(texts.get("credit", "")):
        blocks.append({"key": "credit", "kind": "credit", "heading": "", "paragraphs": credit})
    shortcomings = [s for section in sections for s in section.shortcomings] + [
        unnumbered(line) for line in framing_lines(texts.get("shortcomings", ""))]
    if shortcomings:
        number += 1
        blocks.append({
            "key": "shortcomings", "kind": "shortcomings",
            "heading": f"{chinese_ordinal(number)}、{shortcomings_heading}",
            "paragraphs": [_("While affirming these results, we are also aware of the shortcomings the records show:")
                           + enumerate_firstly(shortcomings)],
        })
    plans = [unnumbered(line) for line in framing_lines(texts.get("plans", ""))] + [p for section in sections for p in section.plans]
    if plans:
        number += 1
        blocks.append({
            "key": "plans", "kind": "plans",
            "heading": f"{chinese_ordinal(number)}、{plans_heading}",
            "paragraphs": [f"{i}、{_sentence(p)}。" for i, p in enumerate(plans, start=1)],
        })
    figures = [{**figure_row(f), "block": s.key} for s in sections for f in s.figures]
    if unions:
        figures += [{**figure_row(f), "key": f"{part.name}:{f.key}", "label": f"{part.name}·{f.label}", "block": "unions",
                     "union": part.name}
                    for part in unions for s in part.sections for f in s.figures[:1]]
    return {
        "title": _("%(org)s work summary for %(period)s") % {"org": org_name, "period": period.label},
        "org_name": org_name,
        "period": {"key": period.key, "label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()},
        "date": format_date(finalised or period.end),
        "finalised": finalised.isoformat() if finalised else None,
        "blocks": blocks,
        "figures": figures,
    }


def with_edits(content: dict, *, title: str | None, texts: dict[str, str], finalised: dt.date | None = None) -> dict:
    """A copy of `content` with the chair's edits: a block's text is its paragraphs, one per line.

    `finalised`, the day the chair signs the summary off, dates the signature from then on.
    """
    edited = {**content, "blocks": []}
    if finalised is not None:
        edited["finalised"] = finalised.isoformat()
        edited["date"] = format_date(finalised)
    if title is not None and title.strip():
        edited["title"] = title.strip()
    for block in content["blocks"]:
        if block["key"] in texts:
            paragraphs = [line.strip() for line in texts[block["key"]].replace("\r\n", "\n").split("\n") if line.strip()]
            block = {**block, "paragraphs": paragraphs}
        edited["blocks"].append(block)
    return edited


# A paragraph that is itself a （一） heading (an edited draft may add them): short, no full stop inside.
_SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）[^。]{1,36}。?$")


def is_subheading(text: str) -> bool:
    return bool(_SUBHEADING.match(text))


def block_text(block: dict) -> str:
    return "\n".join(block["paragraphs"])


def render_text(content: dict) -> str:
    """The plain-text summary: what the .txt export and the scenario test read."""
    lines = [content["title"], ""]
    for block in content["blocks"]:
        if block["heading"]:
            lines.append(block["heading"])
        lines += [f"　　{p}" for p in block["paragraphs"]]
    lines += ["", content["org_name"], signature_date(content)]
    return "\n".join(lines) + "\n"


def annotated_blocks(content: dict) -> list[dict]:
    """Each block with its paragraphs as HTML, figures linked where that block states them.

    A figure is looked for only in its own block (and a union's only in that union's line),
    so '18名' in the shortcomings is never taken for a count of the roll.
    """
    result = []
    for block in content["blocks"]:
        own = [f for f in content.get("figures", []) if f.get("block", block["key"]) == block["key"]]
        html = [annotated(p, [f for f in own if not f.get("union") or p.split("：")[0].endswith(f["union"])])
                for p in block["paragraphs"]]
        result.append({**block, "html": html})
    return result


def annotated(text: str, figures: list[dict]) -> str:
    """The paragraph as HTML with each stated figure linked to the list it counts.

    One pass over the text with every figure's wording (longest first), and no digit may
    touch a match, so '94%' is never found inside '194%'.
    """
    from django.utils.html import escape, format_html

    by_text: dict[str, dict] = {}
    for figure in figures:
        if figure.get("text") and figure["text"] not in by_text and figure["text"] != "—":
            by_text[figure["text"]] = figure
    if not by_text:
        return escape(text)
    pattern = re.compile(
        r"(?<![\d.,])(" + "|".join(re.escape(t) for t in sorted(by_text, key=len, reverse=True)) + r")(?![\d])"
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        figure = by_text[match.group(1)]
        out.append(escape(text[last:match.start()]))
        hint = f"{figure['label']}" + (f" · {figure['change']}" if figure.get("change") else "")
        if figure.get("source"):
            out.append(format_html('<a class="figure-link" href="{}" title="{}">{}</a>', figure["source"], hint, match.group(1)))
        else:
            out.append(format_html('<mark class="figure-link" title="{}">{}</mark>', hint, match.group(1)))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(str(part) for part in out)
