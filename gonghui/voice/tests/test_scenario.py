"""The voice and safety parts of a scenario give exactly the figures the file asks for (a small year here)."""

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.summary import Period
from gonghui.reports.scenarios import scenario_load
from gonghui.safety import summary as safety_summary
from gonghui.safety.selectors import hazard_figures, safety_figures
from gonghui.voice import summary
from gonghui.voice.selectors import suggestion_figures

SPEC = {
    "federation": {"code": "GT", "name": "某钢铁公司工会"}, "union": {"code": "BB", "name": "本部工会", "parent": "GT"},
    "period": {"year": 2025}, "members": {"count": 40, "branches": 3},
    "suggestions": {"submitted": 50, "adopted": 47, "themes": ["安全管理", "其他"], "golden_ideas": 2, "savings_yuan": 120000},
    "safety": {"supervision_groups": 3, "safety_reps": 9, "reports": {"received": 30, "resolved": 25, "in_progress": 5}},
    "hazards": {"posts_surveyed": 6, "exposed_workers": 2},
}


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [1, 2])
def test_the_scenario_gives_the_files_figures(scale):
    ctx = scenario_load(SPEC, scale=scale)
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    s = suggestion_figures(org=ctx.union, start=year[0], end=year[1])
    assert (s.submitted, s.adopted, s.rejected, s.golden) == (50 * scale, 47 * scale, 3 * scale, 2 * scale)
    assert s.golden_saving_yuan == Decimal(120000 * scale) and s.members == 40 * scale
    f = safety_figures(org=ctx.union, start=year[0], end=year[1])
    assert (f.groups, f.reps, f.received, f.resolved, f.in_progress) == (3, 9 * scale, 30 * scale, 25 * scale, 5 * scale)
    h = hazard_figures(org=ctx.union, start=year[0], end=year[1])
    assert (h.posts_surveyed, h.workers_exposed) == (6 * scale, 2 * scale)
    if scale == 1:
        (section,) = summary.sections(org=ctx.union, period=Period.year(2025))
        text = " ".join(section.items)
        for figure in ("50条", "1.25条", "94%"):
            assert figure in text, figure
        (section,) = safety_summary.sections(org=ctx.union, period=Period.year(2025))
        text = " ".join(section.items)
        for figure in ("30条", "25条", "5条", "3个", "9名", "6个", "2名"):
            assert figure in text, figure
