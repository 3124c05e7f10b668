"""raw_sql_figures, the bench's reference, states exactly the summary's alarm figures: same keys, same values."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.alarms import demo, services, summary
from bench import raw_sql
from gonghui.core.summary import Period

from .factories import build_plant


def _bench_reference():
    """bench/raw_sql/alarms.py, the summary bench's hand-written SQL: kept out of the product."""
    from bench.raw_sql import alarms

    return alarms

pytestmark = pytest.mark.django_db

ALL_KEYS = {"alarms.zones", "alarms.detectors", "alarms.fire", "alarms.intrusion", "alarms.fault", "alarms.median_ack",
            "alarms.fire.previous", "alarms.intrusion.previous", "alarms.open_now"}


def at(year, month, day, seconds=0.0):
    return timezone.make_aware(dt.datetime(year, month, day, 8, 0)) + dt.timedelta(seconds=seconds)


def _summary_figures(org, period: Period) -> dict:
    return raw_sql.summary_figures(summary.sections, org, period)


def _assert_same(org, period: Period) -> dict:
    raw, computed = _bench_reference().raw_sql_figures(connection, org, period), _summary_figures(org, period)
    assert raw == computed
    for key, value in raw.items():
        assert type(value) is type(computed[key]), key
    return raw


def _import(plant, *rows):
    services.alarms_history_import(actor=None, rows=[
        services.PastAlarm(getattr(plant, d), kind, "low_battery" if kind == "fault" else "active", raised, ack, reset)
        for d, kind, raised, ack, reset in rows])


def test_the_demo_year_gives_every_figure_of_the_summary(cast):
    demo.site_load(cast.union, cast.chair, year=2025)
    raw = _assert_same(cast.union, Period.year(2025))
    assert set(raw) == ALL_KEYS - {"alarms.fire.previous", "alarms.intrusion.previous", "alarms.open_now"}  # all reset
    assert raw["alarms.fire"] == 7 and raw["alarms.median_ack"] is not None
    for period in (Period.half(2025, 1), Period.half(2025, 2), Period.year(2026), Period.year(2024)):
        _assert_same(cast.union, period)


def test_every_key_with_last_year_and_a_median_of_two_middle_waits_rounded_half_to_even(cast):
    plant = build_plant(cast.union)
    # Waits 10, 40.5, 41.5, 90.25 s (faults do not count): the median is the mean of the middle two, 41.
    _import(plant,
            ("smoke", "fire", at(2025, 3, 1), at(2025, 3, 1, 40.5), at(2025, 3, 1, 600)),
            ("door", "intrusion", at(2025, 3, 2), at(2025, 3, 2, 41.5), None),
            ("heat", "fire", at(2025, 3, 3), at(2025, 3, 3, 10), at(2025, 3, 3, 900)),
            ("motion", "intrusion", at(2025, 3, 4), at(2025, 3, 4, 90.25), at(2025, 3, 4, 900)),
            ("heat", "fault", at(2025, 3, 5), at(2025, 3, 5, 9000), at(2025, 3, 5, 9900)),
            ("smoke", "fault", at(2024, 7, 5), None, at(2024, 7, 6)))
    raw = _assert_same(cast.union, Period.year(2025))
    assert set(raw) == ALL_KEYS
    assert raw["alarms.median_ack"] == 41 and raw["alarms.fire.previous"] == 0
    assert raw["alarms.open_now"] == 1  # the door's intrusion, never reset (a fault still standing is not counted)
    # Two more, one with a microsecond in it: waits 10, 40.5, 40.5, 41.5, 90.25, 100.000001 → 41.
    _import(plant, ("door", "intrusion", at(2025, 4, 2), at(2025, 4, 2, 100.000001), at(2025, 4, 2, 900)),
            ("smoke", "fire", at(2025, 4, 3), at(2025, 4, 3, 40.5), at(2025, 4, 3, 901)))
    raw = _assert_same(cast.union, Period.half(2025, 1))
    assert raw["alarms.median_ack"] == 41
    _assert_same(cast.union, Period.year(2026))  # last year had alarms, this one none: the median is None


def test_half_seconds_round_to_the_even_second(cast):
    plant = build_plant(cast.union)
    _import(plant, ("smoke", "fire", at(2025, 5, 1), at(2025, 5, 1, 46.5), at(2025, 5, 1, 600)))
    assert _assert_same(cast.union, Period.year(2025))["alarms.median_ack"] == 46
    _import(plant, ("door", "intrusion", at(2025, 5, 2), at(2025, 5, 2, 48.5), at(2025, 5, 2, 600)))
    assert _assert_same(cast.union, Period.year(2025))["alarms.median_ack"] == 48  # (46.5 + 48.5) / 2 = 47.5 → 48
    _import(plant, ("motion", "intrusion", at(2025, 5, 3), at(2025, 5, 3, 47), at(2025, 5, 3, 600)),
            ("heat", "fire", at(2025, 5, 4), at(2025, 5, 4, 50), at(2025, 5, 4, 600)))
    assert _assert_same(cast.union, Period.year(2025))["alarms.median_ack"] == 48  # 46.5 47 48.5 50 → 47.75


def test_zones_without_alarms_and_orgs_without_zones(cast):
    assert _bench_reference().raw_sql_figures(connection, cast.union, Period.year(2025)) == {} == _summary_figures(cast.union, Period.year(2025))
    plant = build_plant(cast.union)
    raw = _assert_same(cast.union, Period.year(2025))
    assert raw == {"alarms.zones": 2, "alarms.detectors": 4, "alarms.fire": 0, "alarms.intrusion": 0, "alarms.fault": 0,
                   "alarms.median_ack": None}
    _import(plant, ("smoke", "fire", at(2025, 5, 1), None, None))  # raised, never acknowledged
    assert _assert_same(cast.union, Period.year(2025))["alarms.median_ack"] is None
    for child in cast.union.children.all():
        _assert_same(child, Period.year(2025))
