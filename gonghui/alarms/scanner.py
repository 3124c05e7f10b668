"""The scanner's loop: a full cycle every interval, and a quick look at the zones new messages touched in between.

Used by `gonghui scan` and bench/scan.py. The full cycle is what a panel's cyclic scan
is (it also finds the silent detectors and the delays that ran out); the quick look
lets a fire raise its alarm as soon as its message is stored.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections
from django.utils import timezone

from .services import IngestResult, scan_cycle

log = logging.getLogger("gonghui.alarms.scan")


class Scanner:
    def __init__(self, *, interval: float, silent_after: float):
        self.interval, self.silent_after = interval, silent_after
        self.started = timezone.now()
        self.wake, self.stop = threading.Event(), threading.Event()
        self._lock = threading.Lock()
        self._pending: set[int] = set()
        self.cycle_times: list[float] = []
        self.raised = 0

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

    def run(self, *, cycles: int = 0, on_raise=None) -> None:
        next_full, done = 0.0, 0
        while not self.stop.is_set():
            try:
                close_old_connections()
                if time.monotonic() >= next_full:
                    t0 = time.monotonic()
                    done += 1  # counted even when it fails, so `--cycles` always ends
                    self._take_pending()  # the full cycle covers them
                    result = scan_cycle(started=self.started, silent_after=self.silent_after)
                    self.cycle_times.append(time.monotonic() - t0)
                    next_full = t0 + self.interval
                else:
                    zones = self._take_pending()
                    result = scan_cycle(started=self.started, silent_after=self.silent_after, zone_ids=zones) if zones else None
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
