"""The alarm system's part of the work summary: what the panel caught in the period and how fast people answered.

The same figures in hand-written SQL, the summary bench's reference, live with the bench
(bench/raw_sql/alarms.py): each figure keeps one home in the product.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from gonghui.core.formatting import format_count
from gonghui.core.summary import Figure, Period, Section, headline_sections

from .selectors import alarm_figures, zones_by_union


def response_text(seconds: float | None) -> str:
    """A median wait as a Chinese office writes it: 48秒, 2分15秒."""
    if seconds is None:
        return "—"
    s = round(seconds)
    if s < 60:
        return f"{s}秒"
    return f"{s // 60}分钟" if s % 60 == 0 else f"{s // 60}分{s % 60}秒"


ORDER = 80


def _heading() -> str:
    return _("Fire and theft early warning: guarding unmanned sites")


def _zones_figure(n: int) -> Figure:
    return Figure("alarms.zones", _("zones watched"), n, f"{format_count(n)}个", source="/alarms/")


def union_headlines(*, org, period: Period, union_of: dict[int, int]) -> dict[int, Section]:
    """The zones each union's early-warning system watches, for the federation's per-union lines."""
    return headline_sections(zones_by_union(org=org, union_of=union_of),
                             key="alarms", order=ORDER, heading=_heading(), figure=_zones_figure)


def sections(*, org, period: Period) -> list[Section]:
    last = period.same_period_last_year()
    found = alarm_figures(org=org, start=period.start, end=period.end, compare=(last.start, last.end))
    if found is None:   # no zone watched: nothing to report
        return []
    now, before = found
    had_before = before.alarms + before.fault > 0
    figures = [
        _zones_figure(now.zones),
        Figure("alarms.detectors", _("detectors"), now.detectors, f"{format_count(now.detectors)}个"),
        Figure("alarms.fire", _("fire alarms"), now.fire, f"{format_count(now.fire)}起", previous=before.fire if had_before else None,
               source="/alarms/events/?kind=alarm"),
        Figure("alarms.intrusion", _("intrusion alarms"), now.intrusion, f"{format_count(now.intrusion)}起",
               previous=before.intrusion if had_before else None),
        Figure("alarms.fault", _("faults"), now.fault, f"{format_count(now.fault)}次", source="/alarms/events/?kind=fault"),
        Figure("alarms.median_ack", _("median time to acknowledge an alarm"),
               round(now.median_ack_seconds) if now.median_ack_seconds is not None else None, response_text(now.median_ack_seconds)),
    ]
    paragraphs = [_(
        "The cyclic-scanning fire and intrusion early-warning system designed by our workers watches %(zones)s zones "
        "with %(detectors)s detectors in unmanned electrical rooms, warehouses, cable tunnels, hydraulic and lubrication "
        "stations and oil depots, combining fire warning and theft warning in one."
    ) % {"zones": figures[0].text, "detectors": figures[1].text}]
    # The union's work is the system its workers invented and the alarms people answered; a
    # detector's fault is the panel's upkeep, not union work: it stays a figure (and a
    # maintenance shortcoming below), never a line of achievements or a 同比.
    if now.alarms:
        paragraphs.append(_(
            "In %(period)s it raised %(fire)s fire alarms and %(intrusion)s intrusion alarms; each alarm was passed at "
            "once to the people on duty, and half of the alarms were acknowledged within %(ack)s, so every danger was "
            "dealt with in the first moments."
        ) % {"period": period.label, "fire": figures[2].text, "intrusion": figures[3].text, "ack": figures[5].text})
    shortcomings = []
    if now.open_now:
        figures.append(Figure("alarms.open_now", _("alarms still standing"), now.open_now,
                              f"{format_count(now.open_now)}起"))
        shortcomings.append(_("%(n)s alarms are still standing and not yet reset.") % {"n": format_count(now.open_now)})
    if now.fault > now.alarms * 2 and now.fault >= 10:
        shortcomings.append(_(
            "Equipment faults (%(fault)s) far outnumber real alarms: detector maintenance and battery replacement need strengthening."
        ) % {"fault": figures[4].text})
    plans = [_("Keep the early-warning system in good repair and extend it to more unmanned sites.")]
    return [Section(key="alarms", order=ORDER, heading=_heading(),
                    paragraphs=paragraphs, figures=figures, shortcomings=shortcomings, plans=plans)]
