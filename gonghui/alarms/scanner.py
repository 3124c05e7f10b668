"""The scanner's loop: a full cycle every interval, and a quick look at the zones new messages touched in between.

Used by `gonghui scan` and bench/scan.py. The full cycle is what a panel's cyclic scan
is (it also finds the silent detectors and the delays that ran out); the quick look
lets a fire raise its alarm as soon as its message is stored.

With a name (`holder`), the scanner is one of several: each full cycle first renews its
zone leases (gonghui.alarms.leases) and scans only the zones it holds; a quick look covers
only those too. A zone whose message another scanner stored waits for its holder's next
full cycle (one interval at most).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import close_old_connections
from django.utils import timezone

from .services import IngestResult, scan_cycle

log = logging.getLogger("gonghui.alarms.scan")


class Scanner:
    def __init__(self, *, interval: float, silent_after: float, holder: str | None = None, lease_cycles: int = 3,
                 on_orphan: Callable[[str], None] | None = None):
        self.interval, self.silent_after = interval, silent_after
        self.holder, self.on_orphan = holder, on_orphan
        self.lease_ttl = interval * lease_cycles
        self.started = timezone.now()
        self.wake, self.stop = threading.Event(), threading.Event()
        self._lock = threading.Lock()
        self._pending: set[int] = set()
        self.cycle_times: list[float] = []
        self.raised = 0
        self.zones: set[int] | None = None  # the zones held (None: all, a lone scanner without a name)

    def messages_stored(self, result: IngestResult) -> None:
        """Called by the ingestion after each committed batch."""
        if result.changed_zones:
            with self._lock:
                self._pending |= result.changed_zones
            self.wake.set()

    def _take_pending(self) -> set[int]:
        with self._lock:
            zones, self._pending = self._pending, set()
        return zones

    def _renew(self) -> None:
        from .leases import leases_renew, orphans_claim

        held = leases_renew(holder=self.holder, ttl=self.lease_ttl)
        if held.taken or held.released:
            log.info("scanner %s: holds %s zone(s) of %s scanner(s); took %s, gave back %s",
                     self.holder, len(held.zones), held.live, len(held.taken), len(held.released))
        self.zones = held.zones
        if self.on_orphan:
            for name in orphans_claim(holder=self.holder, ttl=self.lease_ttl):
                self.on_orphan(name)

    def run(self, *, cycles: int = 0, on_raise=None) -> None:
        next_full, done = 0.0, 0
        while not self.stop.is_set():
            try:
                close_old_connections()
                if time.monotonic() >= next_full:
                    t0 = time.monotonic()
                    done += 1  # counted even when it fails, so `--cycles` always ends
                    self._take_pending()  # the full cycle covers them
                    if self.holder:
                        self._renew()
                    result = scan_cycle(started=self.started, silent_after=self.silent_after, zone_ids=self.zones,
                                        holder=self.holder)
                    self.cycle_times.append(time.monotonic() - t0)
                    next_full = t0 + self.interval
                else:
                    zones = self._take_pending()
                    if self.zones is not None:
                        zones &= self.zones
                    result = scan_cycle(started=self.started, silent_after=self.silent_after, zone_ids=zones,
                                        holder=self.holder) if zones else None
                if result and result.raised:
                    self.raised += len(result.raised)
                    if on_raise:
                        on_raise(result)
            except Exception:  # noqa: BLE001 - a busy database must not stop the panel
                log.exception("scan failed")
                next_full = time.monotonic() + self.interval
            if cycles and done >= cycles:
                break
            with self._lock:
                busy = bool(self._pending)
            if not busy:
                self.wake.wait(max(0.0, next_full - time.monotonic()))
                self.wake.clear()
