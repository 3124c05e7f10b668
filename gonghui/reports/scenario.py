"""The scenario's `text:` block: the chair's own words for the summary (reports.models.SummaryText).

```yaml
text:
  opening: |        # the framing, after the computed paragraph that opens the summary
    工会坚持以生产经营为中心……
  credit: 得益于……   # what the period's success owes to: closing the achievements
  shortcomings: |   # one per line, added to those read off the records
    工会干部业务培训未能实现
  plans: |          # one per line, the plan's own wording, before the follow-ups the records give
    进一步深化厂务公开
  sections:         # words that frame one area, by its key (reports.voices.SECTION_KEYS)
    governance:
      opening: |    # before what the records give in that area
        工会健全了六项工作制度……
    care:
      closing: 回顾上半年的工作，成绩的取得得益于……   # after them: a 得益于 that closes this area
```

An area's framing may also be written flat, as the API names it: `care:closing: …`.
A slot, an area or a part not listed here is an error that names it, as everywhere in a scenario.
"""

from __future__ import annotations

from .document import SECTION_TEXT_PARTS, TEXT_SLOTS, is_text_slot, section_slot
from .services import summary_text_set
from .voices import SECTION_KEYS

ORDER = 95   # after every record: the text speaks of the year the records hold


def _slots(block: dict) -> dict[str, str]:
    """{slot: text} of a `text:` block, the nested `sections:` flattened to '<key>:<part>'."""
    slots = {key: value for key, value in block.items() if key != "sections"}
    unknown = sorted(key for key in slots if not is_text_slot(str(key)))
    if unknown:
        raise ValueError(f"unknown key(s) in scenario text: {unknown} (known: {', '.join(TEXT_SLOTS)}, sections, "
                         f"or <area>:opening / <area>:closing)")
    sections = block.get("sections") or {}
    if not isinstance(sections, dict):
        raise ValueError("scenario text.sections: must be a mapping of area: {opening, closing}")
    for key, parts in sections.items():
        if key not in SECTION_KEYS:
            raise ValueError(f"unknown area in scenario text.sections: {key!r} (known: {', '.join(SECTION_KEYS)})")
        if not isinstance(parts, dict) or set(parts) - set(SECTION_TEXT_PARTS):
            raise ValueError(f"scenario text.sections.{key}: must be a mapping with opening and/or closing")
        for part, text in parts.items():
            slot = section_slot(key, part)
            if slot in slots:
                raise ValueError(f"scenario text gives {slot} twice (flat and under sections)")
            slots[slot] = text
    return slots


def load(spec: dict, ctx) -> None:
    block = spec.get("text")
    if not block:
        return
    if not isinstance(block, dict):
        raise ValueError("scenario text: must be a mapping of slot: text")
    period = ctx.period   # a span's top-level text speaks of the whole span (2023—2025年)
    for slot, text in _slots(block).items():
        if text:
            summary_text_set(org=ctx.union, period=period, slot=slot, text=str(text), actor=ctx.actor, note=ctx.note)
