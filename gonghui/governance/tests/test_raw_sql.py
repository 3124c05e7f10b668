"""`raw_sql_figures` (bench/raw_sql/governance.py), the bench's hand-written reference, states exactly the summary's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from gonghui.governance import services
from bench.raw_sql.governance import NAMED, raw_sql_figures
from gonghui.governance import selectors
from gonghui.governance.summary import sections
from bench import raw_sql
from gonghui.core.summary import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

from .factories import meeting, published_disclosure, target

pytestmark = pytest.mark.django_db


def summary_figures(org, period: Period) -> dict[str, Decimal | int | None]:
    """The figures as bench/summary.py reads them off the sections: key, and `key.previous` where set."""
    return raw_sql.summary_figures(sections, org, period)


def assert_same(org, period: Period) -> dict[str, Decimal | int | None]:
    """The reference's numbers equal the section's Figures, key for key; its named lists are the
    items the section names (the same rows the product's selectors read, the same plans)."""
    expected = summary_figures(org, period)
    raw = raw_sql_figures(connection, org, period)
    named = {key: raw.pop(key) for key in NAMED if key in raw}
    assert set(raw) == set(expected), (sorted(raw), sorted(expected))
    for key, value in expected.items():
        assert Decimal(str(raw[key])) == Decimal(str(value)), (key, raw[key], value)
    with translation.override("zh-hans"):
        found = sections(org=org, period=period)
    section = found[0] if found else None
    text = "".join(section.paragraphs + section.shortcomings) if section else ""
    start, end = period.start, period.end
    assert named.get("governance.plans.next", ()) == tuple(section.plans if section else ())
    assert named.get("governance.disclosures.titles", ()) == selectors.disclosure_figures(org=org, start=start, end=end).titles
    assert list(named.get("governance.meetings.missed.named", ())) == [
        (m.org_name, m.kind, m.year, m.quarter) for m in selectors.missing_meetings(org=org, start=start, end=end)]
    for title in named.get("governance.disclosures.titles", ()):
        assert title in text, title
    for item in named.get("governance.plans.not_done.named", ()):
        assert item.rstrip("。.；;") in text, item
    for title, day, org_name, n, first in named.get("governance.congresses.named", ()):
        assert title in text and (first is None or first in text), (title, first)
    for day, title, items in named.get("governance.meetings.other.named", ()):
        assert title in text and all(item in text for item in items), (title, items)
    return expected | named


@pytest.fixture
def records(cast):
    """Two years of targets (one new this year, one unchecked, one shared with a branch),
    meetings of several kinds, a quarterly rule missed once, the union's plans, and
    disclosures of both halves and of last year, with objections answered and not."""
    target(cast.union, mid="880.50", final="1909.21")
    target(cast.union, year=2024, mid="300", final="812.34", target="800")
    target(cast.branch, target="100.5", mid="40.25", final="99.99")
    target(cast.union, name="安全培训", unit="人次", target="1000", mid="400", final="850")
    target(cast.union, name="合理化建议", unit="条", target="300")
    target(cast.union, name="合理化建议", unit="条", target="280", year=2024, final="301")
    for month in (2, 5, 8):
        meeting(cast.union, kind="production_review", date=dt.date(2025, month, 12))
    meeting(cast.union, kind="committee", date=dt.date(2025, 9, 3), present=7, expected=9)
    meeting(cast.branch, kind="regular", date=dt.date(2025, 11, 20))
    meeting(cast.union, kind="congress", date=dt.date(2025, 4, 10), title="首届职工代表大会",
            decisions=["《职工代表大会工作条例》", "《集体合同》"], present=90, expected=93)
    for month in (3, 6):
        meeting(cast.union, kind="committee", date=dt.date(2024, month, 15))
    meeting(cast.union, kind="other", date=dt.date(2025, 3, 6), title="工会会员代表大会",
            decisions=["工会组织换届", "选举产生新一届工会委员会"])
    for month in (5, 6):
        meeting(cast.branch, kind="other", date=dt.date(2025, month, 9), title="纪检监察站工作会议")
    services.meeting_rule_set(actor=None, org=cast.union, kind="production_review", since=dt.date(2024, 1, 1))
    services.meeting_rule_set(actor=None, org=cast.branch, kind="regular", since=dt.date(2025, 8, 1))
    for position, (year, half, status) in enumerate(
        [(2025, None, "done"), (2025, None, "planned"), (2025, 1, "done"), (2025, 2, "dropped"), (2026, None, "planned")]
    ):
        services.plan_create(actor=None, org=cast.union, year=year, half=half, text=f"计划{position}", status=status)
    for org, on, category in ((cast.union, dt.date(2025, 3, 3), "decisions"), (cast.union, dt.date(2025, 7, 8), "finance"),
                              (cast.branch, dt.date(2025, 12, 1), "appraisal"), (cast.union, dt.date(2024, 7, 8), "finance")):
        disclosure = published_disclosure(org, on=on, category=category, title=f"{on.year}年{category}")
        for answered in ((True, False) if category == "appraisal" else (True,)):
            objection = services.objection_raise(author=cast.member, disclosure=disclosure, text="请核实", today=on)
            if answered:
                services.objection_answer(actor=cast.chair, objection=objection, answer="已核实")
    services.disclosure_create(actor=None, org=cast.union, title="草案", body="", category="decisions")
    return cast


@pytest.mark.parametrize("period", [Period.year(2025), Period.half(2025, 1), Period.half(2025, 2), Period.years(2024, 2025)],
                         ids=lambda p: p.key)
@pytest.mark.parametrize("whose", ["union", "branch", "federation"])
def test_raw_sql_figures_equal_the_summarys(records, period, whose):
    assert_same(getattr(records, whose), period)


def test_every_kind_of_figure_is_covered(records):
    keys = set(assert_same(records.union, Period.year(2025)))
    for name in ("降本增效", "安全培训"):
        assert {f"governance.target.{name}.{part}" for part in ("target", "actual", "completion")} <= keys
    assert {"governance.target.降本增效.completion.previous", "governance.target.合理化建议.target.previous",
            "governance.meetings.held.previous", "governance.meetings.missed", "governance.plans.done",
            "governance.disclosures.published", "governance.disclosures.objections", "governance.disclosures.answered"} <= keys
    assert "governance.target.合理化建议.actual" not in keys  # not checked yet this year
    assert {"governance.target.降本增效.本部工会.completion", "governance.congresses.held", "governance.congresses.decisions",
            "governance.meetings.production_review", "governance.meetings.other.纪检监察站工作会议",
            "governance.meetings.attendance", "governance.disclosures.decisions", "governance.disclosures.titles",
            "governance.plans.items", "governance.plans.not_done", "governance.plans.not_done.named",
            "governance.plans.next", "governance.congresses.named", "governance.meetings.other.named",
            "governance.meetings.missed.named"} <= keys


def test_an_org_with_nothing_has_no_figures(cast):
    assert raw_sql_figures(connection, cast.sibling, Period.year(2025)) == {} == summary_figures(cast.sibling, Period.year(2025))


@pytest.mark.parametrize("name", ["benbu-2025", "sanlian-2025h1", "suji-2023-2025", "wuguan-2025", "xuexiao-2025",
                                  "fengongsi-2025"])
def test_the_scenarios_at_scale_one(name):
    ctx = scenario_load(read_scenario(scenario_path(name)))
    figures = assert_same(ctx.union, ctx.period)
    assert any(key.startswith("governance.") for key in figures)
