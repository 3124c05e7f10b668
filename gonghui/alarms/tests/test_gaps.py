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


def smoke(plant, *, boot: int, seq: int, active: bool):
    return services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.smoke.code, boot=boot, seq=seq,
                                                              active=active, received_at=timezone.now())])


def test_a_restarted_detector_numbering_from_1_again_is_heard_and_its_fire_raised(plant):
    for seq in range(1, 6):
        smoke(plant, boot=1, seq=seq, active=False)
    result = smoke(plant, boot=2, seq=1, active=True)  # the detector rebooted: its 1 is new, not a copy
    assert (result.stored, result.duplicates, result.gaps) == (1, 0, 0)
    assert Alarm.objects.get(pk__in=cycle().raised).kind == "fire"
    assert smoke(plant, boot=2, seq=1, active=True).duplicates == 1  # a redelivery of it is still a copy
    assert smoke(plant, boot=1, seq=5, active=False).duplicates == 1


def test_a_late_message_of_the_previous_boot_does_not_move_the_state_back(plant):
    smoke(plant, boot=1, seq=1, active=False)
    smoke(plant, boot=2, seq=1, active=True)
    smoke(plant, boot=1, seq=2, active=False)  # sent before the restart, arrived after
    assert Detector.objects.get(pk=plant.smoke.pk).active


def test_a_restarted_detector_whose_first_messages_are_missing_has_a_gap(plant):
    smoke(plant, boot=1, seq=1, active=False)
    assert smoke(plant, boot=2, seq=4, active=False).gaps == 1
    d = Detector.objects.get(pk=plant.smoke.pk)
    assert (d.missing_count, d.last_boot, d.last_seq) == (3, 2, 4)


def test_the_boot_number_travels_in_the_payload_and_defaults_to_0():
    from gonghui.alarms.mqtt import parse_message, state_payload, state_topic

    at = timezone.now()
    assert parse_message(state_topic("s", "d"), state_payload(seq=4, active=True, boot=7), at).boot == 7
    assert parse_message(state_topic("s", "d"), state_payload(seq=4, active=True), at).boot == 0
    assert parse_message(state_topic("s", "d"), b'{"seq": 4, "boot": "x"}', at) is None
