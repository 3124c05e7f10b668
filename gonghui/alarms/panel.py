"""The control panel's rules, as plain functions over plain data (no Django here).

The scanner reads the database into `ZoneInput` / `DetectorInput`, asks `scan_zone`
what has changed, and writes the answer back through the services. Keeping the rules
here lets the tests walk every transition without a database or a broker, and lets
the scanner judge ten thousand detectors in one pass.

The rules follow how a fire / intrusion panel behaves (GB 4717, GB 50394, EN 54-2):

* Fire detection is always live, armed or not; intrusion only counts in an armed zone.
* An intrusion in a zone with an entry delay first opens the delay; the alarm is
  raised when the delay runs out with the zone still armed.
* A detector not heard within `silent_after` seconds, a tamper, a low battery: fault.
* A detector whose sequence numbers jumped, the missing messages not arriving within
  `lost_after` seconds: fault "events may have been lost" (the broker or the network
  dropped them; a person must look, since one of them may have been a fire).
* Priority fire > intrusion > fault, and a zone's faults never hold back its fire.
* Alarms latch until reset; a reset clears only the alarms whose input has cleared,
  the others stand again.
* Silence stops the sounders until the next new alarm.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Family(StrEnum):
    FIRE = "fire"
    INTRUSION = "intrusion"
    TAMPER = "tamper"


FAMILY_OF_KIND: dict[str, Family] = {
    "smoke": Family.FIRE,
    "heat": Family.FIRE,
    "flame": Family.FIRE,
    "gas": Family.FIRE,
    "call_point": Family.FIRE,
    "door": Family.INTRUSION,
    "motion": Family.INTRUSION,
    "vibration": Family.INTRUSION,
    "glass_break": Family.INTRUSION,
    "tamper": Family.TAMPER,
}


class Arming(StrEnum):
    DISARMED = "disarmed"
    EXIT_DELAY = "exit_delay"
    ARMED = "armed"
    ENTRY_DELAY = "entry_delay"
    TRIGGERED = "triggered"


class AlarmKind(StrEnum):
    FIRE = "fire"
    INTRUSION = "intrusion"
    FAULT = "fault"


class Cause(StrEnum):
    ACTIVE = "active"
    COMM_LOST = "comm_lost"
    TAMPER = "tamper"
    LOW_BATTERY = "low_battery"
    EVENTS_LOST = "events_lost"   # the detector's sequence numbers jumped and the missing ones never came


PRIORITY = {AlarmKind.FIRE: 3, AlarmKind.INTRUSION: 2, AlarmKind.FAULT: 1}

# What a zone tile shows: the worst latched alarm, else "normal".
NORMAL = "normal"

ARMED_STATES = frozenset({Arming.ARMED, Arming.ENTRY_DELAY, Arming.TRIGGERED})


@dataclass(frozen=True)
class DetectorInput:
    id: int
    kind: str
    active: bool = False
    tamper: bool = False
    battery_low: bool = False
    last_heard: float | None = None   # epoch seconds of the last message, None when never heard
    bypassed: bool = False            # intrusion only: ignored while bypassed
    disabled: bool = False            # taken out of service: ignored entirely
    missing_since: float | None = None  # epoch seconds since some of its sequence numbers are missing

    @property
    def family(self) -> Family:
        return FAMILY_OF_KIND[self.kind]


# A latched alarm is known by what raised it: (detector id, alarm kind, cause).
AlarmKey = tuple[int, str, str]


@dataclass(frozen=True)
class ZoneInput:
    id: int
    arming: Arming = Arming.DISARMED
    arming_since: float = 0.0         # when the current arming state began
    exit_delay: float = 0.0
    entry_delay: float = 0.0
    entry_detector: int | None = None  # the detector that opened the entry delay
    latched: frozenset[AlarmKey] = frozenset()


@dataclass(frozen=True)
class Raise:
    detector_id: int
    kind: AlarmKind
    cause: Cause

    @property
    def key(self) -> AlarmKey:
        return (self.detector_id, str(self.kind), str(self.cause))


@dataclass
class ZoneVerdict:
    raises: list[Raise] = field(default_factory=list)  # highest priority first
    arming: Arming | None = None        # the new arming state, None when unchanged
    arming_since: float | None = None
    entry_detector: int | None = None

    @property
    def changed(self) -> bool:
        return bool(self.raises) or self.arming is not None


class ArmingRefused(Exception):
    """A zone cannot be armed while an intrusion input is open (and not bypassed)."""

    def __init__(self, open_detectors: list[int]):
        super().__init__(f"open detectors: {open_detectors}")
        self.open_detectors = open_detectors


# Messages of one detector can arrive out of order (a redelivery after a reconnect comes after newer
# ones); a gap that closes within this many seconds was a reordering, not a loss.
LOST_AFTER = 10.0


def detector_conditions(d: DetectorInput, *, now: float, silent_after: float, started: float,
                        lost_after: float = LOST_AFTER) -> list[tuple[AlarmKind, Cause]]:
    """What a detector's latest state says, before arming is considered.

    A detector never heard counts from `started` (when the scanner began watching),
    so a freshly started scanner does not fault every detector at once.
    """
    if d.disabled:
        return []
    found: list[tuple[AlarmKind, Cause]] = []
    heard = d.last_heard if d.last_heard is not None else started
    if now - heard > silent_after:
        found.append((AlarmKind.FAULT, Cause.COMM_LOST))
    if d.tamper or (d.family is Family.TAMPER and d.active):
        found.append((AlarmKind.FAULT, Cause.TAMPER))
    if d.battery_low:
        found.append((AlarmKind.FAULT, Cause.LOW_BATTERY))
    if d.missing_since is not None and now - d.missing_since >= lost_after:
        found.append((AlarmKind.FAULT, Cause.EVENTS_LOST))
    if d.family is Family.FIRE and d.active:
        found.append((AlarmKind.FIRE, Cause.ACTIVE))
    if d.family is Family.INTRUSION and d.active and not d.bypassed:
        found.append((AlarmKind.INTRUSION, Cause.ACTIVE))
    return found


def scan_zone(zone: ZoneInput, detectors: list[DetectorInput], *, now: float, silent_after: float, started: float,
              lost_after: float = LOST_AFTER) -> ZoneVerdict:
    """One cycle for one zone: the alarms to raise and the arming state to move to."""
    verdict = ZoneVerdict()
    arming, since, entry_detector = zone.arming, zone.arming_since, zone.entry_detector

    if arming is Arming.EXIT_DELAY and now - since >= zone.exit_delay:
        arming, since = Arming.ARMED, now

    raises: list[Raise] = []
    intruders: list[int] = []
    for d in detectors:
        for kind, cause in detector_conditions(d, now=now, silent_after=silent_after, started=started, lost_after=lost_after):
            if kind is AlarmKind.INTRUSION:
                intruders.append(d.id)
            else:
                raises.append(Raise(d.id, kind, cause))

    if arming is Arming.ARMED and intruders:
        if zone.entry_delay > 0:
            arming, since, entry_detector = Arming.ENTRY_DELAY, now, intruders[0]
        else:
            arming, since = Arming.TRIGGERED, now
    if arming is Arming.ENTRY_DELAY and now - since >= zone.entry_delay:
        arming, since = Arming.TRIGGERED, now
        # The detector that opened the delay raises even if it has closed again: the door was opened.
        if entry_detector is not None and entry_detector not in intruders:
            intruders.insert(0, entry_detector)
    if arming is Arming.TRIGGERED:
        raises += [Raise(i, AlarmKind.INTRUSION, Cause.ACTIVE) for i in intruders]

    verdict.raises = sorted(
        (r for r in dict.fromkeys(raises) if r.key not in zone.latched),
        key=lambda r: -PRIORITY[r.kind],
    )
    if (arming, since, entry_detector) != (zone.arming, zone.arming_since, zone.entry_detector):
        verdict.arming, verdict.arming_since, verdict.entry_detector = arming, since, entry_detector
    return verdict


def zone_condition(latched: frozenset[AlarmKey] | set[AlarmKey]) -> str:
    """The tile's colour: the highest-priority latched alarm, else normal."""
    if not latched:
        return NORMAL
    return str(max((AlarmKind(k) for _d, k, _c in latched), key=PRIORITY.__getitem__))


def arm(zone: ZoneInput, detectors: list[DetectorInput], *, now: float) -> ZoneInput:
    """Arm a zone: through the exit delay when it has one. Refused while an intrusion input is open."""
    open_ = [d.id for d in detectors if d.family is Family.INTRUSION and d.active and not d.bypassed and not d.disabled]
    if open_:
        raise ArmingRefused(open_)
    if zone.arming is not Arming.DISARMED:
        return zone
    arming = Arming.EXIT_DELAY if zone.exit_delay > 0 else Arming.ARMED
    return replace(zone, arming=arming, arming_since=now, entry_detector=None)


def disarm(zone: ZoneInput, *, now: float) -> ZoneInput:
    """Disarm: stops an entry delay before it raises; latched alarms stay until reset."""
    return replace(zone, arming=Arming.DISARMED, arming_since=now, entry_detector=None)


@dataclass(frozen=True)
class ResetOutcome:
    cleared: frozenset[AlarmKey]
    standing: frozenset[AlarmKey]
    arming: Arming

    @property
    def zone_normal(self) -> bool:
        return not self.standing


def reset(zone: ZoneInput, detectors: list[DetectorInput], *, now: float, silent_after: float, started: float,
          lost_after: float = LOST_AFTER) -> ResetOutcome:
    """Reset a zone: an alarm whose input is still present stands again; the rest clear.

    A triggered zone whose intrusion alarms all clear goes back to armed (the premises
    are still to be guarded); one whose intrusion still stands stays triggered.
    """
    present: set[AlarmKey] = set()
    for d in detectors:
        for kind, cause in detector_conditions(d, now=now, silent_after=silent_after, started=started, lost_after=lost_after):
            if kind is AlarmKind.INTRUSION and zone.arming not in ARMED_STATES:
                continue
            present.add((d.id, str(kind), str(cause)))
    standing = frozenset(k for k in zone.latched if k in present)
    cleared = zone.latched - standing
    arming = zone.arming
    if arming is Arming.TRIGGERED and not any(k == AlarmKind.INTRUSION for _d, k, _c in standing):
        arming = Arming.ARMED
    return ResetOutcome(cleared=cleared, standing=standing, arming=arming)


def sounding_after(*, sounding: bool, raised_new: bool, silenced: bool = False) -> bool:
    """Sounders: a new alarm always sounds, a silence stops them until the next new alarm."""
    if raised_new:
        return True
    if silenced:
        return False
    return sounding


def escalation_due(*, notified_positions: list[int], duty_count: int, last_notified_at: float | None,
                   acknowledged: bool, escalate_after: float, now: float) -> int | None:
    """The next duty-list position to notify, or None.

    The first person is told at once; when nobody has acknowledged within the zone's
    time, the next person on the list, and so on down the list (never anyone twice).
    """
    if acknowledged or duty_count == 0:
        return None
    if not notified_positions:
        return 0
    nxt = max(notified_positions) + 1
    if nxt >= duty_count or last_notified_at is None:
        return None
    return nxt if now - last_notified_at >= escalate_after else None
