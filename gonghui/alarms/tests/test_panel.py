"""The panel's rules as pure functions: every transition, no database, no broker."""

import pytest

from gonghui.alarms import panel
from gonghui.alarms.panel import AlarmKind, Arming, Cause, DetectorInput, Raise, ZoneInput

NOW = 10_000.0
SILENT = 90.0


def scan(zone, detectors, now=NOW):
    return panel.scan_zone(zone, detectors, now=now, silent_after=SILENT, started=NOW - 10)


def heard(**kw):
    return DetectorInput(last_heard=NOW - 1, **kw)


def test_an_active_smoke_detector_raises_a_fire_alarm_in_a_disarmed_zone():
    v = scan(ZoneInput(id=1), [heard(id=5, kind="smoke", active=True)])
    assert v.raises == [Raise(5, AlarmKind.FIRE, Cause.ACTIVE)]


@pytest.mark.parametrize("kind", ["smoke", "heat", "flame", "gas", "call_point"])
def test_every_fire_detector_kind_raises_fire(kind):
    assert scan(ZoneInput(id=1), [heard(id=1, kind=kind, active=True)]).raises[0].kind is AlarmKind.FIRE


def test_a_latched_fire_is_not_raised_twice():
    zone = ZoneInput(id=1, latched=frozenset({(5, "fire", "active")}))
    assert scan(zone, [heard(id=5, kind="smoke", active=True)]).raises == []


def test_an_open_door_in_a_disarmed_zone_raises_nothing():
    v = scan(ZoneInput(id=1), [heard(id=2, kind="door", active=True)])
    assert v.raises == [] and v.arming is None


@pytest.mark.parametrize("kind", ["door", "motion", "vibration", "glass_break"])
def test_an_intrusion_in_an_armed_zone_without_entry_delay_triggers_at_once(kind):
    v = scan(ZoneInput(id=1, arming=Arming.ARMED), [heard(id=2, kind=kind, active=True)])
    assert v.raises == [Raise(2, AlarmKind.INTRUSION, Cause.ACTIVE)]
    assert v.arming is Arming.TRIGGERED


def test_an_intrusion_with_an_entry_delay_first_opens_the_delay():
    zone = ZoneInput(id=1, arming=Arming.ARMED, entry_delay=30)
    v = scan(zone, [heard(id=2, kind="door", active=True)])
    assert v.raises == [] and v.arming is Arming.ENTRY_DELAY and v.entry_detector == 2


def test_the_entry_delay_running_out_raises_even_when_the_door_closed_again():
    zone = ZoneInput(id=1, arming=Arming.ENTRY_DELAY, arming_since=NOW - 31, entry_delay=30, entry_detector=2)
    v = scan(zone, [heard(id=2, kind="door", active=False)])
    assert v.raises == [Raise(2, AlarmKind.INTRUSION, Cause.ACTIVE)] and v.arming is Arming.TRIGGERED


def test_within_the_entry_delay_nothing_is_raised_yet():
    zone = ZoneInput(id=1, arming=Arming.ENTRY_DELAY, arming_since=NOW - 5, entry_delay=30, entry_detector=2)
    assert scan(zone, [heard(id=2, kind="door", active=True)]).raises == []


def test_disarming_during_the_entry_delay_prevents_the_alarm():
    zone = panel.disarm(ZoneInput(id=1, arming=Arming.ENTRY_DELAY, arming_since=NOW - 5, entry_delay=30, entry_detector=2), now=NOW)
    v = scan(zone, [heard(id=2, kind="door", active=True)], now=NOW + 60)
    assert zone.arming is Arming.DISARMED and v.raises == []


def test_the_exit_delay_ends_in_armed():
    zone = ZoneInput(id=1, arming=Arming.EXIT_DELAY, arming_since=NOW - 61, exit_delay=60)
    v = scan(zone, [heard(id=2, kind="door")])
    assert v.arming is Arming.ARMED


def test_an_intrusion_during_the_exit_delay_is_ignored():
    zone = ZoneInput(id=1, arming=Arming.EXIT_DELAY, arming_since=NOW - 10, exit_delay=60)
    v = scan(zone, [heard(id=2, kind="door", active=True)])
    assert v.raises == [] and v.arming is None


def test_arming_with_an_exit_delay_goes_through_exit_delay():
    assert panel.arm(ZoneInput(id=1, exit_delay=60), [], now=NOW).arming is Arming.EXIT_DELAY
    assert panel.arm(ZoneInput(id=1), [], now=NOW).arming is Arming.ARMED


def test_arming_is_refused_while_a_door_is_open_unless_bypassed():
    with pytest.raises(panel.ArmingRefused) as exc:
        panel.arm(ZoneInput(id=1), [heard(id=2, kind="door", active=True)], now=NOW)
    assert exc.value.open_detectors == [2]
    assert panel.arm(ZoneInput(id=1), [heard(id=2, kind="door", active=True, bypassed=True)], now=NOW).arming is Arming.ARMED


def test_a_bypassed_intrusion_detector_does_not_trigger():
    v = scan(ZoneInput(id=1, arming=Arming.ARMED), [heard(id=2, kind="motion", active=True, bypassed=True)])
    assert v.raises == []


def test_a_disabled_detector_is_ignored_entirely_even_for_fire():
    v = scan(ZoneInput(id=1), [DetectorInput(id=3, kind="smoke", active=True, last_heard=None, disabled=True)], now=NOW + 1000)
    assert v.raises == []


def test_a_detector_not_heard_for_the_silent_time_is_a_communication_fault():
    v = scan(ZoneInput(id=1), [DetectorInput(id=3, kind="smoke", last_heard=NOW - SILENT - 1)])
    assert v.raises == [Raise(3, AlarmKind.FAULT, Cause.COMM_LOST)]


def test_a_detector_never_heard_counts_from_when_the_scanner_started():
    d = DetectorInput(id=3, kind="heat", last_heard=None)
    assert panel.scan_zone(ZoneInput(id=1), [d], now=NOW, silent_after=SILENT, started=NOW - 5).raises == []
    assert panel.scan_zone(ZoneInput(id=1), [d], now=NOW, silent_after=SILENT, started=NOW - 100).raises[0].cause is Cause.COMM_LOST


def test_tamper_and_low_battery_are_faults():
    v = scan(ZoneInput(id=1), [heard(id=4, kind="door", tamper=True, battery_low=True), heard(id=6, kind="tamper", active=True)])
    assert set(v.raises) == {Raise(4, AlarmKind.FAULT, Cause.TAMPER), Raise(4, AlarmKind.FAULT, Cause.LOW_BATTERY),
                             Raise(6, AlarmKind.FAULT, Cause.TAMPER)}


def test_a_fire_in_a_zone_with_faults_raises_in_the_same_cycle_and_comes_first():
    zone = ZoneInput(id=1, arming=Arming.ARMED, latched=frozenset({(9, "fault", "comm_lost")}))
    v = scan(zone, [heard(id=4, kind="door", tamper=True), heard(id=7, kind="motion", active=True),
                    heard(id=5, kind="smoke", active=True), DetectorInput(id=9, kind="heat", last_heard=NOW - 500)])
    assert [r.kind for r in v.raises] == [AlarmKind.FIRE, AlarmKind.INTRUSION, AlarmKind.FAULT]


def test_the_tile_shows_the_highest_priority_latched_alarm():
    assert panel.zone_condition(frozenset()) == "normal"
    assert panel.zone_condition({(1, "fault", "tamper"), (2, "intrusion", "active")}) == "intrusion"
    assert panel.zone_condition({(1, "fault", "tamper"), (2, "intrusion", "active"), (3, "fire", "active")}) == "fire"


def test_reset_with_every_input_clear_returns_the_zone_to_normal():
    zone = ZoneInput(id=1, latched=frozenset({(5, "fire", "active")}))
    out = panel.reset(zone, [heard(id=5, kind="smoke")], now=NOW, silent_after=SILENT, started=NOW)
    assert out.zone_normal and out.cleared == {(5, "fire", "active")}


def test_reset_with_smoke_still_present_lets_the_alarm_stand_again():
    zone = ZoneInput(id=1, latched=frozenset({(5, "fire", "active"), (6, "fault", "tamper")}))
    out = panel.reset(zone, [heard(id=5, kind="smoke", active=True), heard(id=6, kind="door")], now=NOW, silent_after=SILENT, started=NOW)
    assert out.standing == {(5, "fire", "active")} and out.cleared == {(6, "fault", "tamper")} and not out.zone_normal


def test_reset_of_a_triggered_zone_goes_back_to_armed_once_the_intrusion_clears():
    zone = ZoneInput(id=1, arming=Arming.TRIGGERED, latched=frozenset({(2, "intrusion", "active")}))
    assert panel.reset(zone, [heard(id=2, kind="door")], now=NOW, silent_after=SILENT, started=NOW).arming is Arming.ARMED
    still = panel.reset(zone, [heard(id=2, kind="door", active=True)], now=NOW, silent_after=SILENT, started=NOW)
    assert still.arming is Arming.TRIGGERED and still.standing


def test_reset_of_an_intrusion_after_disarming_clears_even_with_the_door_open():
    zone = ZoneInput(id=1, arming=Arming.DISARMED, latched=frozenset({(2, "intrusion", "active")}))
    assert panel.reset(zone, [heard(id=2, kind="door", active=True)], now=NOW, silent_after=SILENT, started=NOW).zone_normal


def test_silence_stops_the_sounders_and_a_new_alarm_sounds_again():
    assert panel.sounding_after(sounding=True, raised_new=False, silenced=True) is False
    assert panel.sounding_after(sounding=False, raised_new=False) is False
    assert panel.sounding_after(sounding=False, raised_new=True) is True


def test_escalation_tells_the_first_person_at_once_then_the_next_after_the_zones_time():
    due = dict(duty_count=3, acknowledged=False, escalate_after=300)
    assert panel.escalation_due(notified_positions=[], last_notified_at=None, now=NOW, **due) == 0
    assert panel.escalation_due(notified_positions=[0], last_notified_at=NOW - 100, now=NOW, **due) is None
    assert panel.escalation_due(notified_positions=[0], last_notified_at=NOW - 300, now=NOW, **due) == 1
    assert panel.escalation_due(notified_positions=[0, 1, 2], last_notified_at=NOW - 900, now=NOW, **due) is None


def test_an_acknowledged_alarm_escalates_no_further():
    assert panel.escalation_due(notified_positions=[0], duty_count=3, last_notified_at=NOW - 900, acknowledged=True,
                                escalate_after=300, now=NOW) is None


def test_messages_missing_longer_than_the_grace_are_a_fault_events_may_have_been_lost():
    gap = heard(id=4, kind="door", missing_since=NOW - panel.LOST_AFTER)
    assert scan(ZoneInput(id=1), [gap]).raises == [Raise(4, AlarmKind.FAULT, Cause.EVENTS_LOST)]


def test_a_gap_younger_than_the_grace_may_still_be_a_reordering():
    assert scan(ZoneInput(id=1), [heard(id=4, kind="door", missing_since=NOW - 1)]).raises == []
