"""Every hand on the panel changes the zone once: a double click, a retry or twenty people at
once leave one log row and one notice, and the repeat answers with the state as it stands."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.accounts.services import role_grant, user_create
from gonghui.alarms import panel, services
from gonghui.alarms.models import Alarm, Detector, Event, OutboxNotice, Zone
from gonghui.alarms.services import DETECTOR_INPUT_FIELDS, IncomingMessage, _detector_input, _zone_input
from gonghui.core.history import history_for

from .factories import build_plant

SILENT = 90.0


def smoke(plant, *, active: bool, seq: int):
    services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.smoke.code, seq=seq, active=active,
                                                       received_at=timezone.now())])


def kinds(zone) -> list[str]:
    return list(Event.objects.filter(zone=zone).order_by("id").values_list("kind", flat=True))


@pytest.fixture
def plant(cast):
    return build_plant(cast.union, actor=cast.chair)


@pytest.fixture
def fire(plant):
    smoke(plant, active=True, seq=1)
    services.scan_cycle(started=timezone.now(), silent_after=SILENT)
    return Alarm.objects.get(detector=plant.smoke)


@pytest.mark.django_db
def test_acknowledging_twice_acknowledges_once(plant, fire, cast):
    assert services.zone_acknowledge(actor=cast.chair, zone=plant.depot) == 1
    assert services.zone_acknowledge(actor=cast.chair, zone=plant.depot) == 0
    assert kinds(plant.depot).count("acknowledge") == 1


@pytest.mark.django_db
def test_silencing_twice_silences_once_and_answers_the_quiet_zone(plant, fire, cast):
    services.zone_silence(actor=cast.chair, zone=plant.depot)
    again = services.zone_silence(actor=cast.chair, zone=plant.depot)
    assert again.sounding is False and kinds(plant.depot).count("silence") == 1


@pytest.mark.django_db
def test_resetting_twice_resets_once(plant, fire, cast):
    smoke(plant, active=False, seq=2)
    first = services.zone_reset(actor=cast.chair, zone=plant.depot)
    second = services.zone_reset(actor=cast.chair, zone=plant.depot)
    assert (first.cleared, second.cleared, second.standing) == (1, 0, 0)
    assert kinds(plant.depot).count("reset") == 1
    assert Zone.objects.get(pk=plant.depot.pk).condition == "normal"


@pytest.mark.django_db
def test_a_second_reset_with_the_smoke_still_there_writes_no_second_stands_again(plant, fire, cast):
    services.zone_acknowledge(actor=cast.chair, zone=plant.depot)
    assert services.zone_reset(actor=cast.chair, zone=plant.depot).standing == 1
    assert services.zone_reset(actor=cast.chair, zone=plant.depot).standing == 1
    assert kinds(plant.depot).count("stands_again") == 1
    assert Alarm.objects.get(pk=fire.pk).reset_at is None


@pytest.mark.django_db
def test_resetting_a_normal_zone_twice_logs_one_reset(plant, cast):
    services.zone_reset(actor=cast.chair, zone=plant.depot)
    services.zone_reset(actor=cast.chair, zone=plant.depot)
    assert kinds(plant.depot) == []  # nothing latched, nothing sounding: nothing to reset


@pytest.mark.django_db
def test_arming_and_disarming_twice_log_one_row_each(plant, cast):
    services.zone_arm(actor=cast.chair, zone=plant.store)
    assert services.zone_arm(actor=cast.chair, zone=plant.store).arming == "armed"
    services.zone_disarm(actor=cast.chair, zone=plant.store)
    assert services.zone_disarm(actor=cast.chair, zone=plant.store).arming == "disarmed"
    assert kinds(plant.store) == ["arm", "disarm"]


@pytest.mark.django_db
def test_bypassing_twice_logs_one_row_and_one_history_entry(plant, cast):
    services.detector_bypass(actor=cast.chair, detector=plant.door, bypassed=True)
    assert services.detector_bypass(actor=cast.chair, detector=plant.door, bypassed=True).bypassed
    assert kinds(plant.store) == ["bypass"]
    assert history_for(Detector.objects.get(pk=plant.door.pk)).filter(action="state").count() == 1


@pytest.mark.django_db
def test_removing_a_duty_person_twice_records_one_removal(plant, cast):
    person = plant.depot.duty.last()
    services.duty_person_remove(actor=cast.chair, person=person)
    services.duty_person_remove(actor=cast.chair, person=person)
    assert history_for(plant.depot).filter(action="update").count() == 3 + 1  # three added by the factory, one removed


@pytest.mark.django_db
def test_the_same_verdict_written_twice_raises_one_alarm_one_notice_and_one_arming_move(plant, cast):
    services.zone_arm(actor=cast.chair, zone=plant.store)  # no exit delay: armed at once
    services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.motion.code, seq=1, active=True,
                                                       received_at=timezone.now())])
    judged = Zone.objects.get(pk=plant.store.pk)
    detectors = [_detector_input(r) for r in Detector.objects.filter(zone=judged).values_list(*DETECTOR_INPUT_FIELDS)]
    now = timezone.now()
    verdict = panel.scan_zone(_zone_input(judged, frozenset()), detectors, now=now.timestamp(), silent_after=SILENT,
                              started=now.timestamp())
    assert verdict.arming == "triggered" and len(verdict.raises) == 1
    services.zone_apply_verdict(zone=judged, verdict=verdict, now=now)
    services.zone_apply_verdict(zone=judged, verdict=verdict, now=now)  # a second scanner with the same reading
    assert Alarm.objects.filter(zone=plant.store).count() == 1
    assert OutboxNotice.objects.filter(alarm__zone=plant.store).count() == 1
    assert kinds(plant.store) == ["arm", "alarm", "arming"]


@pytest.mark.django_db
def test_a_verdict_judged_before_a_disarm_does_not_undo_it(plant, cast):
    services.zone_arm(actor=cast.chair, zone=plant.store)
    services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.motion.code, seq=1, active=True,
                                                       received_at=timezone.now())])
    judged = Zone.objects.get(pk=plant.store.pk)
    detectors = [_detector_input(r) for r in Detector.objects.filter(zone=judged).values_list(*DETECTOR_INPUT_FIELDS)]
    now = timezone.now()
    verdict = panel.scan_zone(_zone_input(judged, frozenset()), detectors, now=now.timestamp(), silent_after=SILENT,
                              started=now.timestamp())
    services.zone_disarm(actor=cast.chair, zone=plant.store)  # the owner walks in and disarms meanwhile
    services.zone_apply_verdict(zone=judged, verdict=verdict, now=now)
    assert Zone.objects.get(pk=plant.store.pk).arming == "disarmed"
    assert not Alarm.objects.filter(zone=plant.store).exists()


# ── twenty at once, on PostgreSQL (SQLite serialises every writer, so there is no race to lose) ──

def _at_once(n: int, call) -> list:
    """Run `call()` in n threads released together; each thread has its own database connection."""
    barrier, outcomes, errors = threading.Barrier(n), [], []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            outcomes.append(call())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return outcomes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_twenty_duty_staff_at_once_acknowledge_silence_and_reset_once(cast):
    plant = build_plant(cast.union, actor=cast.chair)
    duty = user_create(actor=None, username="duty-20", password=None, display_name="赵值班")
    role_grant(actor=None, user=duty, org=cast.union, role="duty_staff")
    smoke(plant, active=True, seq=1)
    services.scan_cycle(started=timezone.now(), silent_after=SILENT)
    zone = Zone.objects.get(pk=plant.depot.pk)

    acknowledged = _at_once(20, lambda: services.zone_acknowledge(actor=duty, zone=zone))
    assert sorted(acknowledged) == [0] * 19 + [1]
    _at_once(20, lambda: services.zone_silence(actor=duty, zone=zone))
    smoke(plant, active=False, seq=2)
    resets = _at_once(20, lambda: services.zone_reset(actor=duty, zone=zone))
    assert sum(r.cleared for r in resets) == 1
    assert kinds(zone) == ["alarm", "acknowledge", "silence", "reset"]
    assert OutboxNotice.objects.filter(alarm__zone=zone).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_twenty_scanners_at_once_raise_one_alarm_and_one_notice(cast):
    plant = build_plant(cast.union, actor=cast.chair)
    smoke(plant, active=True, seq=1)
    started = timezone.now()
    _at_once(20, lambda: services.scan_cycle(started=started, silent_after=SILENT))
    assert Alarm.objects.filter(zone=plant.depot).count() == 1
    assert kinds(plant.depot) == ["alarm"]
    assert OutboxNotice.objects.filter(alarm__zone=plant.depot).count() == 1
