"""`raw_sql_figures` (bench/raw_sql/congress.py), the bench's hand-written reference, states exactly the summary's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from bench.raw_sql.congress import NAMED, raw_sql_figures
from gonghui.congress import services
from gonghui.congress.summary import sections
from gonghui.core.formatting import format_count, format_date, format_percent
from gonghui.core.summary import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

from .factories import DAY, assigned_motion, election, motion, seconded_motion, session

pytestmark = pytest.mark.django_db


def summary_figures(org, period: Period) -> dict:
    found: dict = {}
    with translation.override("zh-hans"):
        for section in sections(org=org, period=period):
            for figure in section.figures:
                found[figure.key] = figure.value
    return found


def assert_same(org, period: Period) -> dict:
    """The reference's numbers equal the section's Figures, key for key, and every item it names
    (sessions, elections and who was elected, appraised cadres, contracts) is in the section's text."""
    expected = summary_figures(org, period)
    raw = raw_sql_figures(connection, org, period)
    named = {key: raw.pop(key) for key in NAMED if key in raw}
    assert set(raw) == set(expected), (sorted(raw), sorted(expected))
    for key, value in expected.items():
        assert Decimal(str(raw[key])) == Decimal(str(value)), (key, raw[key], value)
    with translation.override("zh-hans"):
        found = sections(org=org, period=period)
        text = "".join(found[0].paragraphs + found[0].shortcomings) if found else ""
        for title, n in named.get("congress.sessions.named", ()):
            assert title in text, title
        for title, problems in named.get("congress.compositions", ()):
            assert f"{title}的代表构成不符合规定" in text, title
        for title, electorate, returned, elected in named.get("congress.elections.named", ()):
            assert title in text and f"{format_count(returned)}" in text and all(name in text for name in elected), title
        for title, sheets, cadres in named.get("congress.appraisals.named", ()):
            assert title in text and all(f"{name}{format_percent(good, total)}" in text for name, good, total in cadres), title
        for title, signed, start, end in named.get("congress.contracts.named", ()):
            assert title in text and format_date(signed) in text and format_date(end) in text, title
    return expected | named


@pytest.fixture
def records(cast):
    """A session of 6 delegates with motions in every state (one answered and rated, one converted,
    one waiting), a closed election, and last year's session that must not count."""
    s = session(cast, delegates=6)
    delegates = list(s.delegates.all())
    answered = assigned_motion(cast, s, delegates)
    services.motion_answer(actor=cast.chair, motion=answered, text="已加装排风扇。", org=cast.branch, on=dt.date(2025, 5, 20))
    services.motion_rate(actor=cast.member, motion=answered, rating="basically", today=dt.date(2025, 5, 25))
    converted = seconded_motion(cast, s, delegates, title="增设自行车棚")
    services.motion_decide(actor=cast.chair, motion=converted, accept=False, reason="转为合理化建议")
    motion(cast, s, title="延长食堂供餐时间")
    e = election(cast, s, delegates, seats=1, candidates=2)
    first = e.candidates.first()
    services.paper_ballots_issue(actor=None, election=e, issued=5)
    for i in range(5):
        services.paper_ballot_enter(actor=None, election=e, marks={first.pk: "for"}, entry_key=f"raw-{i}")
    services.election_close(actor=cast.chair, election=e)
    services.session_create(actor=cast.chair, org=cast.union, term=1, sitting=9, title="上一届职工代表大会",
                            date=DAY.replace(year=2024), headcount=400)
    return cast


@pytest.mark.parametrize("whose, period", [
    ("union", Period.half(2025, 1)), ("union", Period.half(2025, 2)), ("branch", Period.year(2025)),
    ("federation", Period.years(2024, 2025)),
], ids=lambda v: getattr(v, "key", v))
def test_raw_sql_figures_equal_the_summarys(records, whose, period):
    assert_same(getattr(records, whose), period)


def test_every_kind_of_figure_is_covered(records):
    keys = set(assert_same(records.union, Period.year(2025)))
    assert {"congress.sessions", "congress.delegates", "congress.motions.collected", "congress.motions.accepted",
            "congress.motions.answered", "congress.motions.satisfaction", "congress.elections.held",
            "congress.elections.turnout", "congress.elections.electorate", "congress.elections.returned",
            "congress.motions.converted", "congress.sessions.named", "congress.elections.named"} <= keys


def test_an_org_with_nothing_has_no_figures(cast):
    assert raw_sql_figures(connection, cast.sibling, Period.year(2025)) == {} == summary_figures(cast.sibling, Period.year(2025))


@pytest.mark.parametrize("name", ["fengongsi-2025", "benbu-2025"])
def test_the_scenarios_at_scale_one_agree(name):
    ctx = scenario_load(read_scenario(scenario_path(name)))
    assert_same(ctx.union, ctx.period)  # fengongsi-2025.yaml holds a congress; benbu-2025.yaml none: both sides state nothing
