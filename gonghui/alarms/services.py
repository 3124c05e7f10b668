"""Every write of the alarm system: set-up, ingestion, the scan's verdicts, the hands on the panel.

Each function is one transaction: the alarm row, its event-log row and its outbox
notices are written together or not at all, so a killed scanner never leaves an
alarm nobody is told about.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.history import history_record
from gonghui.core.scoping import require

from . import panel
from .choices import Arming, Channel, Condition, EventKind
from .models import Alarm, Detector, DetectorMessage, DutyPerson, Event, OutboxNotice, Site, Zone

log = logging.getLogger("gonghui.alarms.scan")


def _ts(value: dt.datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


def _dt(value: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(value, tz=dt.UTC)


def _event(*, zone: Zone, kind: str, at: dt.datetime, actor=None, detector_id: int | None = None,
           alarm: Alarm | None = None, note: str = "") -> Event:
    return Event(org_id=zone.org_id, zone=zone, detector_id=detector_id, alarm=alarm, kind=kind,
                 actor=actor if (actor is not None and actor.is_authenticated) else None, at=at, note=note[:300])


# ── set-up ────────────────────────────────────────────────────────────────────

@transaction.atomic
def site_create(*, actor, org, code: str, name: str, address: str = "") -> Site:
    require(actor=actor, action="alarms.site.manage", org=org)
    site = Site.objects.create(org=org, code=code, name=name, address=address)
    history_record(obj=site, org=org, actor=actor, action="create", changes={"code": code, "name": name})
    return site


@transaction.atomic
def zone_create(*, actor, site: Site, code: str, name: str, place_kind: str, position: int = 0, exit_delay_s: int = 0,
                entry_delay_s: int = 0, escalate_after_s: int = 300) -> Zone:
    require(actor=actor, action="alarms.zone.manage", org=site.org)
    zone = Zone.objects.create(org_id=site.org_id, site=site, code=code, name=name, place_kind=place_kind, position=position,
                               exit_delay_s=exit_delay_s, entry_delay_s=entry_delay_s, escalate_after_s=escalate_after_s,
                               arming_since=timezone.now())
    history_record(obj=zone, org=site.org, actor=actor, action="create", changes={"code": code, "name": name})
    return zone


@transaction.atomic
def duty_person_add(*, actor, zone: Zone, name: str, phone: str, email: str = "", user=None) -> DutyPerson:
    """Append a person to the end of the zone's duty list."""
    require(actor=actor, action="alarms.duty.manage", org=zone.org)
    zone = _lock(zone)  # two people adding at once would take the same position
    last = zone.duty.order_by("-position").values_list("position", flat=True).first()
    person = DutyPerson.objects.create(zone=zone, position=0 if last is None else last + 1, name=name, phone=phone,
                                       email=email, user=user)
    history_record(obj=zone, org=zone.org, actor=actor, action="update", changes={"duty": [None, str(person)]})
    return person


@transaction.atomic
def duty_person_remove(*, actor, person: DutyPerson) -> None:
    zone = person.zone
    require(actor=actor, action="alarms.duty.manage", org=zone.org)
    _lock(zone)
    if person.notices.exists():
        # Notices already sent keep their person: keep the row, drop them from the list's end instead.
        raise ValueError(_("This person has already been notified of an alarm and stays on record."))
    deleted, _rows = DutyPerson.objects.filter(pk=person.pk).delete()
    if not deleted:
        return  # removed by a click before this one: nothing more to record
    history_record(obj=zone, org=zone.org, actor=actor, action="update", changes={"duty": [str(person), None]})


@transaction.atomic
def detector_create(*, actor, zone: Zone, code: str, kind: str, address: str, transport: str = "mqtt") -> Detector:
    require(actor=actor, action="alarms.detector.manage", org=zone.org)
    detector = Detector.objects.create(org_id=zone.org_id, site_id=zone.site_id, zone=zone, code=code, kind=kind,
                                       address=address, transport=transport)
    history_record(obj=detector, org=zone.org, actor=actor, action="create", changes={"code": code, "kind": kind})
    return detector


def detectors_bulk_create(*, actor, zone: Zone, rows: list[tuple[str, str, str, str]]) -> list[Detector]:
    """Many detectors at once (benches, the demo): rows of (code, kind, address, transport)."""
    require(actor=actor, action="alarms.detector.manage", org=zone.org)
    made = Detector.objects.bulk_create([
        Detector(org_id=zone.org_id, site_id=zone.site_id, zone=zone, code=c, kind=k, address=a, transport=t)
        for c, k, a, t in rows
    ], batch_size=500)
    return made


@transaction.atomic
def detector_bypass(*, actor, detector: Detector, bypassed: bool) -> Detector:
    require(actor=actor, action="alarms.detector.bypass", org=detector.org)
    return _detector_switch(actor=actor, detector=detector, flag="bypassed", value=bypassed,
                            on=EventKind.BYPASS, off=EventKind.UNBYPASS)


@transaction.atomic
def detector_disable(*, actor, detector: Detector, disabled: bool) -> Detector:
    require(actor=actor, action="alarms.detector.disable", org=detector.org)
    return _detector_switch(actor=actor, detector=detector, flag="disabled", value=disabled,
                            on=EventKind.DISABLE, off=EventKind.ENABLE)


def _detector_switch(*, actor, detector: Detector, flag: str, value: bool, on: str, off: str) -> Detector:
    """Set one of a detector's on/off flags, with its event and history row; no change, no rows."""
    detector = Detector.objects.select_for_update().get(pk=detector.pk)
    if getattr(detector, flag) != value:
        setattr(detector, flag, value)
        detector.save(update_fields=[flag, "updated_at"])
        Event.objects.bulk_create([_event(zone=detector.zone, kind=on if value else off,
                                          at=timezone.now(), actor=actor, detector_id=detector.pk)])
        history_record(obj=detector, org=detector.zone.org, actor=actor, action="state", changes={flag: [not value, value]})
    return detector


# ── ingestion ─────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class IncomingMessage:
    """One MQTT message as it arrived: gonghui/<site>/<detector>/state with a JSON body."""

    site: str
    detector: str
    seq: int
    active: bool
    tamper: bool = False
    battery_low: bool = False
    boot: int = 0            # grows with each restart of the detector, when `seq` starts from 1 again
    sent_at: dt.datetime | None = None
    received_at: dt.datetime | None = None
    payload: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class IngestResult:
    stored: int = 0
    duplicates: int = 0
    unknown: int = 0
    gaps: int = 0        # jumps in a detector's sequence numbers (messages that may have been lost)
    changed_detectors: set[int] = field(default_factory=set)
    changed_zones: set[int] = field(default_factory=set)


@transaction.atomic
def messages_ingest(*, messages: list[IncomingMessage]) -> IngestResult:
    """Store a batch of detector messages and move each detector to its newest state.

    Runs before the broker is acknowledged: once this commits, the messages are safe
    whatever happens to the process. A message whose (detector, boot, seq) is already stored
    is a redelivery and is counted, not stored again. An older message than the one the
    detector's state came from (by boot, then seq) is stored but does not move the state back;
    a restarted detector's first messages (a higher boot, seq from 1) do move it.

    Each detector numbers its messages 1, 2, 3…: a jump (…, 41, 45) counts the skipped numbers as
    missing and an older one arriving late counts one back, so a reordered redelivery closes its
    gap, and a gap that stays open becomes the fault "events may have been lost" (the scan decides
    when, `conf.lost_after`), never a silent loss.
    """
    result = IngestResult()
    if not messages:
        return result
    now = timezone.now()
    wanted = {(m.site, m.detector) for m in messages}
    detectors = {}
    for site_codes in _chunks(sorted({s for s, _d in wanted}), 200):
        for d in Detector.objects.filter(site__code__in=site_codes, code__in={c for s, c in wanted if s in site_codes}).select_related("site"):
            detectors[(d.site.code, d.code)] = d
    by_detector: dict[int, list[IncomingMessage]] = defaultdict(list)
    for m in messages:
        d = detectors.get((m.site, m.detector))
        if d is None:
            result.unknown += 1
            continue
        by_detector[d.pk].append(m)
    by_pk = {d.pk: d for d in detectors.values()}
    seen: set[tuple[int, int]] = set()
    for ids in _chunks(list(by_detector), 500):
        seqs = {m.seq for i in ids for m in by_detector[i]}
        seen.update(DetectorMessage.objects.filter(detector_id__in=ids, seq__in=seqs).values_list("detector_id", "boot", "seq"))
    rows, touched = [], {}
    for det_id, batch in by_detector.items():
        for m in sorted(batch, key=lambda m: (m.boot, m.seq)):  # within a batch, in order: no false gap
            if (det_id, m.boot, m.seq) in seen:
                result.duplicates += 1
                continue
            seen.add((det_id, m.boot, m.seq))
            rows.append(DetectorMessage(detector_id=det_id, boot=m.boot, seq=m.seq, received_at=m.received_at or now,
                                        sent_at=m.sent_at, payload=m.payload))
            d = touched.setdefault(det_id, by_pk[det_id])
            newer = d.last_seq is None or (m.boot, m.seq) > (d.last_boot, d.last_seq)
            # The number this message should carry if nothing went missing: the next one, or 1 after a restart.
            expected = None if d.last_seq is None else (1 if m.boot > d.last_boot else d.last_seq + 1)
            if newer and expected is not None and m.seq > expected:
                skipped = m.seq - expected
                d.missing_count += skipped
                d.missing_since = d.missing_since or now
                result.gaps += 1
                log.warning("detector %s/%s: sequence jumped from %s to %s (boot %s), %s message(s) missing",
                            m.site, m.detector, d.last_seq, m.seq, m.boot, skipped)
            elif not newer and d.missing_count:
                d.missing_count -= 1  # one of the missing ones, late
                if not d.missing_count:
                    d.missing_since = None
            if newer:
                if (d.active, d.tamper, d.battery_low) != (m.active, m.tamper, m.battery_low):
                    result.changed_zones.add(d.zone_id)  # worth a look at once; a plain heartbeat waits for the cycle
                d.active, d.tamper, d.battery_low = m.active, m.tamper, m.battery_low
                d.last_boot, d.last_seq, d.last_heard_at = m.boot, m.seq, m.received_at or now
    DetectorMessage.objects.bulk_create(rows, batch_size=500)
    _detector_states_write(list(touched.values()))
    result.stored = len(rows)
    result.changed_detectors = set(touched)
    return result


def _detector_states_write(detectors: list[Detector]) -> None:
    """One prepared UPDATE run for many rows: bulk_update's CASE expressions cost more than the writing."""
    from django.db import connection

    if not detectors:
        return
    ops = connection.ops
    table = ops.quote_name(Detector._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET active = %s, tamper = %s, battery_low = %s, last_boot = %s, last_seq = %s, last_heard_at = %s,"
            " missing_count = %s, missing_since = %s WHERE id = %s",
            [(d.active, d.tamper, d.battery_low, d.last_boot, d.last_seq, ops.adapt_datetimefield_value(d.last_heard_at),
              d.missing_count, ops.adapt_datetimefield_value(d.missing_since), d.pk) for d in detectors],
        )


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


# ── the scan ──────────────────────────────────────────────────────────────────

@dataclass
class CycleResult:
    zones: int = 0
    detectors: int = 0
    raised: list[int] = field(default_factory=list)   # alarm ids, highest priority first within a zone
    arming_changes: int = 0


def _detector_input(row) -> panel.DetectorInput:
    pk, _zone, kind, active, tamper, battery_low, last_heard_at, bypassed, disabled, missing_since = row
    return panel.DetectorInput(id=pk, kind=kind, active=active, tamper=tamper, battery_low=battery_low,
                               last_heard=_ts(last_heard_at), bypassed=bypassed, disabled=disabled,
                               missing_since=_ts(missing_since))


DETECTOR_INPUT_FIELDS = ("pk", "zone_id", "kind", "active", "tamper", "battery_low", "last_heard_at", "bypassed", "disabled",
                         "missing_since")


def _zone_input(zone: Zone, latched: frozenset) -> panel.ZoneInput:
    return panel.ZoneInput(id=zone.pk, arming=panel.Arming(zone.arming), arming_since=_ts(zone.arming_since) or 0.0,
                           exit_delay=zone.exit_delay_s, entry_delay=zone.entry_delay_s,
                           entry_detector=zone.entry_detector_id, latched=latched)


def _detector_rows(zone_ids: set[int] | None = None):
    """Every detector's latest state, read with one plain query, the last-heard time as epoch seconds.

    The ORM's per-value converters cost more than the scan itself at ten thousand
    detectors, so the database does the conversion and the cursor is read directly.
    """
    from django.db import connection

    table = connection.ops.quote_name(Detector._meta.db_table)
    if connection.vendor == "sqlite":
        epoch = "(julianday({}) - 2440587.5) * 86400.0"
    else:
        epoch = "EXTRACT(EPOCH FROM {})"
    sql = (f"SELECT id, zone_id, kind, active, tamper, battery_low, {epoch.format('last_heard_at')}, bypassed, disabled,"
           f" {epoch.format('missing_since')} FROM {table}")
    params: list[int] = []
    if zone_ids is not None:
        params = sorted(zone_ids)
        sql += f" WHERE zone_id IN ({', '.join(['%s'] * len(params))})"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def scan_cycle(*, now: dt.datetime | None = None, started: dt.datetime, silent_after: float,
               zone_ids: set[int] | None = None, lost_after: float | None = None, holder: str | None = None) -> CycleResult:
    """One pass over every zone (or just `zone_ids`): read each detector's latest state, judge, write what changed.

    Reading is three queries for the whole estate; only zones with something new are
    written, each in its own transaction, so one zone's trouble never holds up another's fire.
    The scanner passes `zone_ids` right after new messages were stored, so an alarm does
    not wait for the next full cycle. With several scanners, `holder` names this one: it passes
    the zones it holds, and writes a verdict only while it still holds the zone's lease.
    """
    from . import conf

    now = now or timezone.now()
    lost_after = conf.lost_after() if lost_after is None else lost_after
    result = CycleResult()
    if zone_ids is not None and not zone_ids:
        return result
    zones_qs = Zone.objects.only("id", "org_id", "arming", "arming_since", "exit_delay_s", "entry_delay_s", "entry_detector_id")
    latched_qs = Alarm.objects.filter(reset_at__isnull=True)
    if zone_ids is not None:
        zones_qs, latched_qs = zones_qs.filter(pk__in=zone_ids), latched_qs.filter(zone_id__in=zone_ids)
    zones = list(zones_qs)
    detectors_by_zone: dict[int, list[panel.DetectorInput]] = defaultdict(list)
    heard: dict[int, float | None] = {}
    for pk, zone_id, kind, active, tamper, battery_low, last_heard, bypassed, disabled, missing in _detector_rows(zone_ids):
        last_heard = float(last_heard) if last_heard is not None else None
        detectors_by_zone[zone_id].append(panel.DetectorInput(
            id=pk, kind=kind, active=bool(active), tamper=bool(tamper), battery_low=bool(battery_low),
            last_heard=last_heard, bypassed=bool(bypassed), disabled=bool(disabled),
            missing_since=float(missing) if missing is not None else None))
        heard[pk] = last_heard
    latched: dict[int, set] = defaultdict(set)
    for zone_id, det, kind, cause in latched_qs.values_list("zone_id", "detector_id", "kind", "cause"):
        latched[zone_id].add((det, kind, cause))
    result.zones, result.detectors = len(zones), len(heard)
    for zone in zones:
        verdict = panel.scan_zone(_zone_input(zone, frozenset(latched[zone.pk])), detectors_by_zone[zone.pk],
                                  now=now.timestamp(), silent_after=silent_after, started=started.timestamp(),
                                  lost_after=lost_after)
        if verdict.changed:
            raised = zone_apply_verdict(zone=zone, verdict=verdict, now=now, heard=heard, holder=holder)
            result.raised += raised
            result.arming_changes += verdict.arming is not None
    return result


@transaction.atomic
def zone_apply_verdict(*, zone: Zone, verdict: panel.ZoneVerdict, now: dt.datetime, heard: dict | None = None,
                       holder: str | None = None) -> list[int]:
    """Write one zone's verdict: the alarms, their log rows and their first notices, and the arming move.

    `zone` is the row the verdict was judged from. The fresh row is locked and compared with it:
    when a person armed, disarmed or reset the zone in between (or a second scanner already wrote
    this verdict), the arming move and the intrusion raises, judged against an arming state that
    no longer holds, are left to the next cycle. Fire and faults do not depend on arming and stand;
    an alarm already latched is not raised twice (the one-latched-per-input constraint).
    A scanner (`holder`) whose lease on the zone ran out meanwhile writes nothing: the zone's new
    holder judges it afresh.
    """
    from .leases import lease_held

    judged = (zone.arming, zone.arming_since, zone.entry_detector_id)
    zone = _lock(zone)
    if holder is not None and not lease_held(zone_id=zone.pk, holder=holder):
        return []
    if (zone.arming, zone.arming_since, zone.entry_detector_id) != judged:
        verdict = panel.ZoneVerdict(raises=[r for r in verdict.raises if r.kind is not panel.AlarmKind.INTRUSION])
    heard = heard or {}
    events: list[Event] = []
    raised: list[int] = []
    first = zone.duty.order_by("position").first()
    for r in verdict.raises:
        try:
            with transaction.atomic():
                alarm = Alarm.objects.create(org_id=zone.org_id, zone=zone, detector_id=r.detector_id, kind=str(r.kind),
                                             cause=str(r.cause), raised_at=now, input_at=_dt(heard[r.detector_id]) if heard.get(r.detector_id) else None)
        except IntegrityError:
            continue  # already latched (another scanner got there first)
        raised.append(alarm.pk)
        events.append(_event(zone=zone, kind=EventKind.FAULT if r.kind is panel.AlarmKind.FAULT else EventKind.ALARM,
                             at=now, detector_id=r.detector_id, alarm=alarm, note=str(alarm.get_cause_display())))
        if first is not None:
            OutboxNotice.objects.create(alarm=alarm, person=first, position=first.position, next_attempt_at=now, created_at=now)
    fields = []
    if verdict.arming is not None:
        zone.arming = str(verdict.arming)
        zone.arming_since = _dt(verdict.arming_since) if verdict.arming_since else now
        zone.entry_detector_id = verdict.entry_detector
        fields += ["arming", "arming_since", "entry_detector"]
        events.append(_event(zone=zone, kind=EventKind.ARMING, at=now, note=str(Arming(zone.arming).label)))
    if raised:
        zone.sounding = panel.sounding_after(sounding=zone.sounding, raised_new=True)
        zone.condition = _condition_of(zone)
        fields += ["sounding", "condition"]
    if fields:
        zone.save(update_fields=fields + ["updated_at"])
    Event.objects.bulk_create(events)
    return raised


def _condition_of(zone: Zone) -> str:
    keys = {(0, k, "") for k in Alarm.objects.filter(zone=zone, reset_at__isnull=True).values_list("kind", flat=True).distinct()}
    return panel.zone_condition(keys)


# ── hands on the panel ────────────────────────────────────────────────────────

def _lock(zone: Zone) -> Zone:
    """The zone's fresh row, locked until the transaction ends: every hand on the panel re-reads its
    state here, so a double click or two people at once change it once (SQLite serialises writers anyway)."""
    return Zone.objects.select_for_update().get(pk=zone.pk)


@transaction.atomic
def zone_acknowledge(*, actor, zone: Zone) -> int:
    """Acknowledge every unacknowledged alarm of the zone: stops escalation to the next person.
    Returns how many this call acknowledged (0 when someone already had)."""
    require(actor=actor, action="alarms.zone.acknowledge", org=zone.org)
    zone = _lock(zone)
    now = timezone.now()
    alarms = list(Alarm.objects.filter(zone=zone, reset_at__isnull=True, acknowledged_at__isnull=True))
    Alarm.objects.filter(pk__in=[a.pk for a in alarms]).update(acknowledged_at=now, acknowledged_by=actor)
    Event.objects.bulk_create([_event(zone=zone, kind=EventKind.ACKNOWLEDGE, at=now, actor=actor, alarm=a, detector_id=a.detector_id)
                               for a in alarms])
    return len(alarms)


@transaction.atomic
def zone_silence(*, actor, zone: Zone) -> Zone:
    """Stop the sounders until the next new alarm; a zone already quiet is left as it is."""
    require(actor=actor, action="alarms.zone.silence", org=zone.org)
    zone = _lock(zone)
    if zone.sounding:
        zone.sounding = panel.sounding_after(sounding=True, raised_new=False, silenced=True)
        zone.save(update_fields=["sounding", "updated_at"])
        Event.objects.bulk_create([_event(zone=zone, kind=EventKind.SILENCE, at=timezone.now(), actor=actor)])
    return zone


@dataclass
class ResetResult:
    cleared: int
    standing: int

    @property
    def zone_normal(self) -> bool:
        return self.standing == 0


@transaction.atomic
def zone_reset(*, actor, zone: Zone, started: dt.datetime | None = None, silent_after: float | None = None) -> ResetResult:
    """Reset: alarms whose input is clear end; the others stand again, unacknowledged and sounding."""
    from . import conf

    require(actor=actor, action="alarms.zone.reset", org=zone.org)
    zone = _lock(zone)
    now = timezone.now()
    silent_after = silent_after if silent_after is not None else conf.scan_interval() * conf.silent_cycles()
    latched = list(Alarm.objects.filter(zone=zone, reset_at__isnull=True))
    # Resetting "events may have been lost" is the person saying they have looked: the gap is forgotten.
    Detector.objects.filter(pk__in=[a.detector_id for a in latched if a.cause == panel.Cause.EVENTS_LOST]).update(
        missing_count=0, missing_since=None)
    detectors = [_detector_input(r) for r in Detector.objects.filter(zone=zone).values_list(*DETECTOR_INPUT_FIELDS)]
    outcome = panel.reset(_zone_input(zone, frozenset(a.key for a in latched)), detectors, now=now.timestamp(),
                          silent_after=silent_after, started=(started or now).timestamp(), lost_after=conf.lost_after())
    cleared = [a for a in latched if a.key in outcome.cleared]
    standing = [a for a in latched if a.key in outcome.standing]
    # An alarm stands *again* when it had been acknowledged or silenced; one still unacknowledged
    # and sounding is where the reset leaves it, so a second click writes nothing.
    again = [a for a in standing if a.acknowledged_at is not None or not zone.sounding]
    if not cleared and not again and outcome.arming == zone.arming and (latched or (zone.condition == Condition.NORMAL and not zone.sounding)):
        return ResetResult(cleared=0, standing=len(standing))
    Alarm.objects.filter(pk__in=[a.pk for a in cleared]).update(reset_at=now, reset_by=actor)
    Alarm.objects.filter(pk__in=[a.pk for a in again]).update(acknowledged_at=None, acknowledged_by=None)
    events = [_event(zone=zone, kind=EventKind.RESET, at=now, actor=actor, alarm=a, detector_id=a.detector_id) for a in cleared]
    events += [_event(zone=zone, kind=EventKind.STANDS_AGAIN, at=now, actor=actor, alarm=a, detector_id=a.detector_id)
               for a in again]
    if not latched:
        events.append(_event(zone=zone, kind=EventKind.RESET, at=now, actor=actor))
    Event.objects.bulk_create(events)
    zone.condition = _condition_of(zone)
    zone.sounding = bool(standing)
    fields = ["condition", "sounding"]
    if outcome.arming != zone.arming:
        zone.arming, zone.arming_since, zone.entry_detector = str(outcome.arming), now, None
        fields += ["arming", "arming_since", "entry_detector"]
    zone.save(update_fields=fields + ["updated_at"])
    return ResetResult(cleared=len(cleared), standing=len(standing))


@transaction.atomic
def zone_arm(*, actor, zone: Zone) -> Zone:
    """Arm for intrusion (through the exit delay). Refused while a door or window is open."""
    require(actor=actor, action="alarms.zone.arm", org=zone.org)
    zone = _lock(zone)
    now = timezone.now()
    detectors = [_detector_input(r) for r in Detector.objects.filter(zone=zone).values_list(*DETECTOR_INPUT_FIELDS)]
    moved = panel.arm(_zone_input(zone, frozenset()), detectors, now=now.timestamp())
    if moved.arming != zone.arming:
        zone.arming, zone.arming_since, zone.entry_detector = str(moved.arming), now, None
        zone.save(update_fields=["arming", "arming_since", "entry_detector", "updated_at"])
        Event.objects.bulk_create([_event(zone=zone, kind=EventKind.ARM, at=now, actor=actor, note=str(Arming(zone.arming).label))])
    return zone


@transaction.atomic
def zone_disarm(*, actor, zone: Zone) -> Zone:
    require(actor=actor, action="alarms.zone.arm", org=zone.org)
    zone = _lock(zone)
    now = timezone.now()
    if zone.arming != Arming.DISARMED:
        zone.arming, zone.arming_since, zone.entry_detector = Arming.DISARMED, now, None
        zone.save(update_fields=["arming", "arming_since", "entry_detector", "updated_at"])
        Event.objects.bulk_create([_event(zone=zone, kind=EventKind.DISARM, at=now, actor=actor)])
    return zone


# ── escalation ────────────────────────────────────────────────────────────────

def escalations_sweep(*, now: dt.datetime | None = None) -> int:
    """Tell the next person on the duty list about every alarm nobody acknowledged in the zone's time."""
    now = now or timezone.now()
    made = 0
    open_alarms = (Alarm.objects.filter(reset_at__isnull=True, acknowledged_at__isnull=True)
                   .select_related("zone").only("id", "zone__escalate_after_s", "zone_id"))
    notified: dict[int, list[tuple[int, dt.datetime]]] = defaultdict(list)
    alarms = list(open_alarms)
    for alarm_id, position, created in OutboxNotice.objects.filter(alarm__in=[a.pk for a in alarms]).values_list(
            "alarm_id", "position", "created_at"):
        notified[alarm_id].append((position, created))
    duty: dict[int, list[DutyPerson]] = defaultdict(list)
    for p in DutyPerson.objects.filter(zone_id__in={a.zone_id for a in alarms}).order_by("position"):
        duty[p.zone_id].append(p)
    for alarm in alarms:
        people = duty[alarm.zone_id]
        sent = notified[alarm.pk]
        nxt = panel.escalation_due(
            notified_positions=[people.index(p) for p in people if p.position in {s[0] for s in sent}],
            duty_count=len(people), last_notified_at=max((s[1].timestamp() for s in sent), default=None),
            acknowledged=False, escalate_after=alarm.zone.escalate_after_s, now=now.timestamp())
        if nxt is None:
            continue
        person = people[nxt]
        try:
            with transaction.atomic():
                OutboxNotice.objects.create(alarm=alarm, person=person, position=person.position, next_attempt_at=now, created_at=now)
                Event.objects.bulk_create([_event(zone=alarm.zone, kind=EventKind.NOTIFIED, at=now, alarm=alarm,
                                                  note=_("escalated to %(name)s") % {"name": person.name})])
        except IntegrityError:
            continue
        made += 1
    return made


def outbox_mark_sent(*, notice: OutboxNotice, channel: str, now: dt.datetime) -> None:
    with transaction.atomic():
        updated = OutboxNotice.objects.filter(pk=notice.pk, status="pending").update(
            status="sent", channel=channel, sent_at=now, attempts=F("attempts") + 1, claimed_until=None, last_error="")
        if updated:
            alarm = notice.alarm
            Event.objects.bulk_create([_event(zone=alarm.zone, kind=EventKind.NOTIFIED, at=now, alarm=alarm,
                                              detector_id=alarm.detector_id,
                                              note=f"{notice.person.name} · {Channel(channel).label}")])


def outbox_mark_failed(*, notice: OutboxNotice, error: str, retry_at: dt.datetime) -> None:
    OutboxNotice.objects.filter(pk=notice.pk, status="pending").update(
        attempts=F("attempts") + 1, next_attempt_at=retry_at, claimed_until=None, last_error=error[:300])




@dataclass(frozen=True)
class PastAlarm:
    """An alarm that has run its course (for the demo's year and imports from an old panel's log)."""

    detector: Detector
    kind: str
    cause: str
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None
    reset_at: dt.datetime | None
    by: object = None


@transaction.atomic
def alarms_history_import(*, actor, rows: list[PastAlarm]) -> int:
    """Write past alarms with their log rows (raise, acknowledge, reset) in one go."""
    for detector in {r.detector.org_id: r.detector for r in rows}.values():  # one check per org, not per row
        require(actor=actor, action="alarms.history.import", org=detector.org)
    alarms = Alarm.objects.bulk_create([
        Alarm(org_id=r.detector.org_id, zone_id=r.detector.zone_id, detector=r.detector, kind=r.kind, cause=r.cause,
              raised_at=r.raised_at, input_at=r.raised_at, acknowledged_at=r.acknowledged_at, acknowledged_by=r.by if r.acknowledged_at else None,
              reset_at=r.reset_at, reset_by=r.by if r.reset_at else None)
        for r in rows
    ], batch_size=500)
    events = []
    for a, r in zip(alarms, rows):
        zone = r.detector.zone
        events.append(_event(zone=zone, kind=EventKind.FAULT if r.kind == "fault" else EventKind.ALARM, at=r.raised_at,
                             alarm=a, detector_id=r.detector.pk))
        if r.acknowledged_at:
            events.append(_event(zone=zone, kind=EventKind.ACKNOWLEDGE, at=r.acknowledged_at, alarm=a, actor=r.by,
                                 detector_id=r.detector.pk))
        if r.reset_at:
            events.append(_event(zone=zone, kind=EventKind.RESET, at=r.reset_at, alarm=a, actor=r.by, detector_id=r.detector.pk))
    Event.objects.bulk_create(events, batch_size=500)
    return len(alarms)
