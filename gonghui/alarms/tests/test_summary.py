import datetime as dt

import pytest
from django.utils import timezone

from gonghui.alarms import services
from gonghui.alarms.summary import response_text, sections
from gonghui.core.summary import Period

from .factories import build_plant

pytestmark = pytest.mark.django_db


def at(day, seconds=0):
    return timezone.make_aware(dt.datetime(2025, 3, day, 8, 0)) + dt.timedelta(seconds=seconds)


def test_the_summary_counts_the_periods_alarms_and_the_median_time_to_acknowledge(cast, django_assert_max_num_queries):
    plant = build_plant(cast.union)
    services.alarms_history_import(actor=None, rows=[
        services.PastAlarm(plant.smoke, "fire", "active", at(1), at(1, 40), at(1, 600)),
        services.PastAlarm(plant.door, "intrusion", "active", at(2), at(2, 100), at(2, 700)),
        services.PastAlarm(plant.smoke, "fire", "active", at(3), at(3, 200), at(3, 900)),
        services.PastAlarm(plant.heat, "fault", "low_battery", at(4), at(4, 9000), at(4, 9900)),
        services.PastAlarm(plant.heat, "fault", "comm_lost", at(5) - dt.timedelta(days=400), None, None),
    ])
    with django_assert_max_num_queries(14):
        [section] = sections(org=cast.union, period=Period.year(2025))
    figures = {f.key: f for f in section.figures}
    assert figures["alarms.fire"].text == "2起" and figures["alarms.intrusion"].text == "1起" and figures["alarms.fault"].text == "1次"
    assert figures["alarms.median_ack"].text == "1分40秒"
    # a fault is the panel's upkeep, not union work: no 同比 of it, no line of achievements
    assert figures["alarms.fault"].previous is None
    assert not any("故障" in p for p in section.paragraphs)
    assert "一半的报警在1分40秒内得到确认" in section.paragraphs[1]
    assert section.order == 80 and "2起" in section.paragraphs[1]
    assert section.shortcomings == [], "the one open fault was raised before the period and is no alarm"


def test_a_union_without_zones_has_no_alarm_section(cast):
    assert sections(org=cast.union, period=Period.year(2025)) == []


def test_response_times_read_as_an_office_writes_them():
    assert (response_text(48.2), response_text(135), response_text(120), response_text(None)) == ("48秒", "2分15秒", "2分钟", "—")
