"""The scenario's `text:` block: the chair's own words for the summary (reports.models.SummaryText).

```yaml
text:
  opening: |        # the framing at the top, before the computed paragraph
    工会坚持以生产经营为中心……
  credit: 得益于……   # what the period's success owes to: after the achievements
  shortcomings: |   # one per line, added to those read off the records
    工会干部业务培训未能实现
  plans: |          # one per line, the plan's own wording, before the follow-ups the records give
    进一步深化厂务公开
```

A slot not listed here is an error that names it, as everywhere in a scenario.
"""

from __future__ import annotations

from .document import TEXT_SLOTS
from .services import summary_text_set

ORDER = 95   # after every record: the text speaks of the year the records hold


def load(spec: dict, ctx) -> None:
    block = spec.get("text")
    if not block:
        return
    if not isinstance(block, dict):
        raise ValueError("scenario text: must be a mapping of slot: text")
    unknown = set(block) - set(TEXT_SLOTS)
    if unknown:
        raise ValueError(f"unknown key(s) in scenario text: {sorted(unknown)} (known: {', '.join(TEXT_SLOTS)})")
    period = ctx.period   # a span's top-level text speaks of the whole span (2023—2025年)
    for slot in TEXT_SLOTS:
        if block.get(slot):
            summary_text_set(org=ctx.union, period=period, slot=slot, text=str(block[slot]), actor=ctx.actor, note=ctx.note)
