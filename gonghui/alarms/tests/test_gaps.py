"""A jump in a detector's sequence numbers is never silent: a late copy closes the gap, a gap that
stays open becomes the fault "events may have been lost" (事件可能已丢失), and a reset forgets it."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from gonghui.alarms import services
from gonghui.alarms.models import Alarm, Detector, Event
from gonghui.alarms.services import IncomingMessage

from .factories import build_plant

pytestmark = pytest.mark.django_db
SILENT = 900.0


@pytest.fixture
def plant(cast):
    return build_plant(cast.union, actor=cast.chair)


def door(plant, *seqs):
    now = timezone.now()
    return services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.door.code, seq=s,
                                                              active=False, received_at=now) for s in seqs])


def cycle(*, later: float = 0.0):
    now = timezone.now() + dt.timedelta(seconds=later)
    return services.scan_cycle(now=now, started=now, silent_after=SILENT, lost_after=10.0)


def missing(plant) -> tuple[int, bool]:
    d = Detector.objects.get(pk=plant.door.pk)
    return d.missing_count, d.missing_since is not None


def test_numbers_in_order_leave_no_gap_even_when_a_batch_arrives_shuffled(plant):
    door(plant, 1, 2)
    assert door(plant, 5, 3, 4).gaps == 0
    assert missing(plant) == (0, False)


def test_a_jump_counts_the_skipped_numbers_and_late_copies_count_them_back(plant):
    door(plant, 1, 2)
    assert door(plant, 6).gaps == 1
    assert missing(plant) == (3, True)
    door(plant, 3, 4)
    assert missing(plant) == (1, True)
    door(plant, 5)
    assert missing(plant) == (0, False)
    assert not cycle(later=60).raised


def test_a_gap_that_stays_open_raises_the_fault_with_its_log_row_and_a_notice(plant):
    door(plant, 1, 2, 7)
    assert not cycle().raised  # within the grace: maybe a reordered redelivery
    raised = cycle(later=11).raised
    alarm = Alarm.objects.get(pk__in=raised)
    assert (alarm.kind, alarm.cause, alarm.detector_id) == ("fault", "events_lost", plant.door.pk)
    with translation.override("zh-hans"):
        assert alarm.get_cause_display() == "事件可能已丢失"
    assert Event.objects.filter(alarm=alarm, kind="fault").count() == 1 and alarm.notices.count() == 1
    assert not cycle(later=20).raised  # latched: raised once


def test_resetting_the_fault_forgets_the_gap(plant, cast):
    door(plant, 1, 9)
    cycle(later=11)
    assert services.zone_reset(actor=cast.chair, zone=plant.store).cleared == 1
    assert missing(plant) == (0, False)
    assert not cycle(later=30).raised
