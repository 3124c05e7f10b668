"""The panel's behaviour through its services: scan, latch, acknowledge, silence, reset, escalate, ingest."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from gonghui.alarms import services
from gonghui.alarms.models import Alarm, Detector, DetectorMessage, Event, OutboxNotice
from gonghui.alarms.panel import ArmingRefused
from gonghui.alarms.services import IncomingMessage

from .factories import build_plant

pytestmark = pytest.mark.django_db
SILENT = 90.0


@pytest.fixture
def plant(cast):
    return build_plant(cast.union, actor=cast.chair)


def heard(plant, **states):
    """Messages for the named detectors (smoke=True …), every detector heard now."""
    now = timezone.now()
    msgs = []
    for d in Detector.objects.filter(site=plant.site):
        seq = (d.last_seq or 0) + 1
        name = {plant.smoke.pk: "smoke", plant.heat.pk: "heat", plant.door.pk: "door", plant.motion.pk: "motion"}[d.pk]
        state = states.get(name, {})
        if isinstance(state, bool):
            state = {"active": state}
        msgs.append(IncomingMessage(site=plant.site.code, detector=d.code, seq=seq, received_at=now, **{"active": False, **state}))
    return services.messages_ingest(messages=msgs)


def cycle(**kw):
    return services.scan_cycle(started=timezone.now(), silent_after=SILENT, **kw)


def test_a_smoke_message_raises_a_fire_alarm_with_its_log_row_and_its_first_notice(plant):
    heard(plant, smoke=True)
    result = cycle()
    alarm = Alarm.objects.get()
    assert result.raised == [alarm.pk] and alarm.kind == "fire" and alarm.detector == plant.smoke
    assert Event.objects.filter(alarm=alarm, kind="alarm").count() == 1
    notice = OutboxNotice.objects.get(alarm=alarm)
    assert notice.person.name == "张值班" and notice.status == "pending"
    plant.depot.refresh_from_db()
    assert plant.depot.condition == "fire" and plant.depot.sounding


def test_the_next_cycles_do_not_raise_the_same_alarm_again(plant):
    heard(plant, smoke=True)
    cycle()
    assert cycle().raised == [] and Alarm.objects.count() == 1


def test_only_one_latched_alarm_per_input_even_if_two_scanners_race(plant):
    heard(plant, smoke=True)
    cycle()
    with pytest.raises(IntegrityError):
        Alarm.objects.create(org=plant.depot.org, zone=plant.depot, detector=plant.smoke, kind="fire", cause="active",
                             raised_at=timezone.now())


def test_a_fire_in_a_zone_with_a_tamper_fault_raises_both_in_one_cycle_fire_first(plant):
    heard(plant, smoke=True, heat={"tamper": True})
    result = cycle()
    kinds = list(Alarm.objects.filter(pk__in=result.raised).values_list("pk", "kind"))
    assert [dict(kinds)[pk] for pk in result.raised] == ["fire", "fault"]


def test_a_redelivered_message_is_recognised_by_its_sequence_number(plant):
    msg = IncomingMessage(site=plant.site.code, detector=plant.smoke.code, seq=7, active=True)
    first = services.messages_ingest(messages=[msg])
    again = services.messages_ingest(messages=[msg, msg])
    assert (first.stored, again.stored, again.duplicates) == (1, 0, 2)
    assert DetectorMessage.objects.count() == 1


def test_an_older_message_is_kept_but_does_not_move_the_state_back(plant):
    services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.smoke.code, seq=9, active=True)])
    services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.smoke.code, seq=8, active=False)])
    plant.smoke.refresh_from_db()
    assert plant.smoke.active and plant.smoke.last_seq == 9 and DetectorMessage.objects.count() == 2


def test_an_unknown_detector_is_counted_not_stored(plant):
    result = services.messages_ingest(messages=[IncomingMessage(site="nowhere", detector="x", seq=1, active=True)])
    assert result.unknown == 1 and DetectorMessage.objects.count() == 0


def test_a_detector_silent_too_long_raises_a_communication_fault(plant):
    heard(plant)
    Detector.objects.filter(pk=plant.heat.pk).update(last_heard_at=timezone.now() - dt.timedelta(seconds=200))
    cycle()
    assert list(Alarm.objects.values_list("detector", "kind", "cause")) == [(plant.heat.pk, "fault", "comm_lost")]


def test_acknowledging_stops_the_escalation_to_the_next_person(plant, cast):
    heard(plant, smoke=True)
    cycle()
    later = timezone.now() + dt.timedelta(seconds=301)
    services.zone_acknowledge(actor=cast.chair, zone=plant.depot)
    assert services.escalations_sweep(now=later) == 0
    ack = Event.objects.get(kind="acknowledge")
    assert ack.actor == cast.chair


def test_nobody_acknowledging_escalates_down_the_duty_list_never_twice_to_one_person(plant):
    heard(plant, smoke=True)
    cycle()
    start = timezone.now()
    assert services.escalations_sweep(now=start + dt.timedelta(seconds=100)) == 0
    assert services.escalations_sweep(now=start + dt.timedelta(seconds=301)) == 1
    assert services.escalations_sweep(now=start + dt.timedelta(seconds=302)) == 0
    assert services.escalations_sweep(now=start + dt.timedelta(seconds=700)) == 1
    assert services.escalations_sweep(now=start + dt.timedelta(seconds=5000)) == 0
    assert list(OutboxNotice.objects.order_by("position").values_list("person__name", flat=True)) == ["张值班", "李班长", "王主任"]


def test_silence_stops_the_sounders_and_a_new_alarm_sounds_again(plant, cast):
    heard(plant, smoke=True)
    cycle()
    services.zone_silence(actor=cast.chair, zone=plant.depot)
    plant.depot.refresh_from_db()
    assert not plant.depot.sounding
    heard(plant, smoke=True, heat=True)
    cycle()
    plant.depot.refresh_from_db()
    assert plant.depot.sounding


def test_reset_with_the_smoke_still_present_lets_the_alarm_stand_again(plant, cast):
    heard(plant, smoke=True)
    cycle()
    services.zone_acknowledge(actor=cast.chair, zone=plant.depot)
    result = services.zone_reset(actor=cast.chair, zone=plant.depot)
    alarm = Alarm.objects.get()
    plant.depot.refresh_from_db()
    assert (result.cleared, result.standing) == (0, 1)
    assert alarm.reset_at is None and alarm.acknowledged_at is None
    assert plant.depot.condition == "fire" and plant.depot.sounding
    assert Event.objects.filter(kind="stands_again").exists()


def test_reset_with_every_input_clear_returns_the_zone_to_normal(plant, cast):
    heard(plant, smoke=True)
    cycle()
    heard(plant)
    assert Alarm.objects.filter(reset_at__isnull=True).count() == 1, "the alarm latches after the smoke clears"
    result = services.zone_reset(actor=cast.chair, zone=plant.depot)
    plant.depot.refresh_from_db()
    assert result.zone_normal and plant.depot.condition == "normal" and not plant.depot.sounding
    assert Alarm.objects.get().reset_by == cast.chair


def test_arming_is_refused_with_the_door_open(plant, cast):
    heard(plant, door=True)
    with pytest.raises(ArmingRefused):
        services.zone_arm(actor=cast.chair, zone=plant.store)


def test_an_intruder_in_an_armed_zone_raises_an_intrusion_alarm_and_triggers_it(plant, cast):
    heard(plant)
    services.zone_arm(actor=cast.chair, zone=plant.store)
    heard(plant, motion=True)
    cycle()
    plant.store.refresh_from_db()
    assert plant.store.arming == "triggered" and plant.store.condition == "intrusion"
    assert Alarm.objects.get().detector == plant.motion


def test_an_open_door_in_a_disarmed_zone_is_no_alarm(plant):
    heard(plant, door=True)
    assert cycle().raised == []


def test_a_bypassed_detector_does_not_trigger_and_the_bypass_is_logged(plant, cast):
    heard(plant)
    services.detector_bypass(actor=cast.chair, detector=plant.motion, bypassed=True)
    services.zone_arm(actor=cast.chair, zone=plant.store)
    heard(plant, motion=True)
    assert cycle().raised == []
    assert set(Event.objects.filter(zone=plant.store).values_list("kind", flat=True)) == {"bypass", "arm"}


def test_a_disabled_detector_is_ignored_and_the_disable_is_logged(plant, cast):
    services.detector_disable(actor=cast.chair, detector=plant.smoke, disabled=True)
    heard(plant, smoke=True)
    assert cycle().raised == []
    assert Event.objects.get(kind="disable").actor == cast.chair


def test_disarming_is_logged_with_who(plant, cast):
    heard(plant)
    services.zone_arm(actor=cast.chair, zone=plant.store)
    services.zone_disarm(actor=cast.chair, zone=plant.store)
    assert list(Event.objects.order_by("id").values_list("kind", "actor")) == [("arm", cast.chair.pk), ("disarm", cast.chair.pk)]


def test_the_event_log_is_append_only(plant, cast):
    services.zone_silence(actor=cast.chair, zone=plant.depot)
    heard(plant, smoke=True)
    cycle()
    event = Event.objects.first()
    event.note = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_the_scan_command_runs_a_cycle_without_a_broker(plant):
    # transaction=True: the command manages its own connection, as the real process does.
    from django.core.management import call_command

    heard(plant, smoke=True)
    call_command("scan", "--no-mqtt", "--cycles", "1")
    assert Alarm.objects.get().detector == plant.smoke


def test_an_intruder_through_the_entry_delay_raises_only_when_the_delay_has_run_out(cast):
    plant = build_plant(cast.union, code="delay-plant", entry_delay_s=30)
    heard(plant)
    services.zone_arm(actor=cast.chair, zone=plant.store)
    heard(plant, door=True)
    start = timezone.now()
    cycle(now=start)
    plant.store.refresh_from_db()
    assert plant.store.arming == "entry_delay" and not Alarm.objects.exists()
    heard(plant)  # the door closes again: the delay still runs
    cycle(now=start + dt.timedelta(seconds=31))
    plant.store.refresh_from_db()
    assert plant.store.arming == "triggered" and Alarm.objects.get().detector == plant.door


def test_disarming_inside_the_entry_delay_raises_nothing(cast):
    plant = build_plant(cast.union, code="delay-plant-2", entry_delay_s=30)
    heard(plant)
    services.zone_arm(actor=cast.chair, zone=plant.store)
    heard(plant, door=True)
    start = timezone.now()
    cycle(now=start)
    services.zone_disarm(actor=cast.chair, zone=plant.store)
    cycle(now=start + dt.timedelta(seconds=60))
    assert not Alarm.objects.exists()
