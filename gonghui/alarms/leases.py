"""Several scanners, one estate: each zone is scanned by one live scanner at a time.

Every scanner has a presence row it touches each cycle, and holds its zones by lease rows
it renews each cycle with one conditional UPDATE (`WHERE holder = me AND expires_at > now`).
A scanner that misses `GONGHUI_SCAN_LEASE_CYCLES` cycles (killed, stuck, cut off) lets its
leases run out; the others then claim those zones with another conditional UPDATE
(`WHERE expires_at <= now`), so only one of them gets each. Each scanner aims at its fair
share (zones ÷ live scanners) and gives back what is above it, so a scanner that joins gets
work within a cycle or two.

The lease alone does not make an alarm single: `zone_apply_verdict` re-checks it under the
zone's row lock (a scanner that lost its lease mid-cycle writes nothing), and the
one-latched-alarm-per-input constraint stands behind both.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import ScannerPresence, Zone, ZoneLease


@dataclass
class LeaseRound:
    zones: set[int] = field(default_factory=set)   # the zones this scanner holds now
    taken: set[int] = field(default_factory=set)   # newly claimed this round (free, or run out)
    released: set[int] = field(default_factory=set)  # given back, above the fair share
    live: int = 1                                  # scanners alive, this one included


def scanner_present(*, holder: str, now: dt.datetime | None = None) -> None:
    """Say `holder` lives (and take its row back from a survivor that was draining its session)."""
    now = now or timezone.now()
    if not ScannerPresence.objects.filter(name=holder).update(seen_at=now, adopted_by=""):
        try:
            with transaction.atomic():
                ScannerPresence.objects.create(name=holder, seen_at=now)
        except IntegrityError:  # the same name started twice at once
            ScannerPresence.objects.filter(name=holder).update(seen_at=now, adopted_by="")


def leases_renew(*, holder: str, ttl: float, now: dt.datetime | None = None) -> LeaseRound:
    """One round for `holder`: say it lives, renew its leases, claim or give back towards its fair share."""
    now = now or timezone.now()
    until = now + dt.timedelta(seconds=ttl)
    scanner_present(holder=holder, now=now)
    before = set(ZoneLease.objects.filter(holder=holder, expires_at__gt=now).values_list("zone_id", flat=True))
    ZoneLease.objects.filter(holder=holder, expires_at__gt=now).update(expires_at=until)
    live = max(1, ScannerPresence.objects.filter(seen_at__gt=now - dt.timedelta(seconds=ttl), adopted_by="").count())
    fair = math.ceil(Zone.objects.count() / live)
    mine = set(ZoneLease.objects.filter(holder=holder, expires_at__gt=now).values_list("zone_id", flat=True))
    result = LeaseRound(live=live)
    if len(mine) > fair:
        extra = set(sorted(mine)[fair:])
        ZoneLease.objects.filter(holder=holder, zone_id__in=extra).update(expires_at=now)
        mine -= extra
        result.released = extra
    elif len(mine) < fair:
        free = list(Zone.objects.filter(lease__isnull=True).order_by("pk").values_list("pk", flat=True)[:fair - len(mine)])
        if free:
            ZoneLease.objects.bulk_create([ZoneLease(zone_id=z, holder=holder, expires_at=until) for z in free],
                                          ignore_conflicts=True)  # a scanner claiming at the same moment keeps its own
            mine = set(ZoneLease.objects.filter(holder=holder, expires_at__gt=now).values_list("zone_id", flat=True))
        want = fair - len(mine)
        if want > 0:
            lapsed = list(ZoneLease.objects.filter(expires_at__lte=now).order_by("zone_id").values_list("zone_id", flat=True)[:want])
            if lapsed:
                ZoneLease.objects.filter(zone_id__in=lapsed, expires_at__lte=now).update(holder=holder, expires_at=until)
            mine = set(ZoneLease.objects.filter(holder=holder, expires_at__gt=now).values_list("zone_id", flat=True))
    result.zones, result.taken = mine, mine - before
    return result


def lease_held(*, zone_id: int, holder: str) -> bool:
    return ZoneLease.objects.filter(zone_id=zone_id, holder=holder, expires_at__gt=timezone.now()).exists()


def orphans_claim(*, holder: str, ttl: float, now: dt.datetime | None = None) -> list[str]:
    """The dead scanners whose MQTT sessions `holder` now drains: each claimed by one survivor only.

    An adoption that itself died (its adopter gone too) is taken up again after ten lease times.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=ttl)
    stale = (ScannerPresence.objects.filter(seen_at__lt=cutoff).exclude(name=holder)
             .filter(Q(adopted_by="") | Q(seen_at__lt=now - dt.timedelta(seconds=10 * ttl))))
    claimed = []
    for name in stale.values_list("name", flat=True):
        if ScannerPresence.objects.filter(Q(adopted_by="") | Q(seen_at__lt=now - dt.timedelta(seconds=10 * ttl)),
                                          name=name, seen_at__lt=cutoff).update(adopted_by=holder, seen_at=now):
            claimed.append(name)
    return claimed


def orphan_retired(*, name: str, holder: str) -> None:
    """The dead scanner's session is drained and ended: forget it (unless it came back meanwhile)."""
    ScannerPresence.objects.filter(name=name, adopted_by=holder).delete()


def scanner_leave(*, holder: str) -> None:
    """A scanner stopping cleanly gives its zones back at once, so nobody waits for its leases to run out.

    Its presence stays: its MQTT session may still hold messages, and a survivor drains it once
    the presence is stale (or the scanner drains it itself when it comes back).
    """
    ZoneLease.objects.filter(holder=holder).update(expires_at=timezone.now())
