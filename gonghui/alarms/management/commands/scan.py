"""`gonghui scan`: the alarm system's cyclic scan, and the MQTT ingestion that feeds it.

One process: a subscriber thread writes every detector message to the database before
acknowledging it to the broker; the main thread walks every zone every cycle (and at
once after a batch of messages has been stored, so an alarm never waits a whole cycle).
With no broker configured (GONGHUI_MQTT_URL empty) it starts an embedded one.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from gonghui.alarms import conf
from gonghui.alarms.mqtt import Ingestor, ensure_broker
from gonghui.alarms.services import scan_cycle

log = logging.getLogger("gonghui.alarms.scan")


class Command(BaseCommand):
    help = "Scan every zone's detectors in a cycle and raise fire, intrusion and fault alarms."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=None, help="seconds per cycle (default GONGHUI_SCAN_INTERVAL or 1)")
        parser.add_argument("--cycles", type=int, default=0, help="stop after this many cycles (0: run until stopped)")
        parser.add_argument("--no-mqtt", action="store_true", help="scan the database only, without subscribing")
        parser.add_argument("--client-id", default="gonghui-scanner")

    def handle(self, *args, interval, cycles, no_mqtt, client_id, **options):
        interval = interval or conf.scan_interval()
        silent_after = interval * conf.silent_cycles()
        wake, stop = threading.Event(), threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        broker = ingestor = None
        if not no_mqtt:
            address, broker = ensure_broker()
            ingestor = Ingestor(address, client_id=client_id, on_batch=lambda _r: wake.set()).start()
            self.stdout.write(f"scanner: subscribed at {address.host}:{address.port}" + (" (embedded broker)" if broker else ""))
        started = timezone.now()
        done = 0
        try:
            while not stop.is_set():
                t0 = time.perf_counter()
                try:
                    close_old_connections()
                    result = scan_cycle(started=started, silent_after=silent_after)
                    if result.raised:
                        self.stdout.write(f"scanner: raised {len(result.raised)} alarm(s)")
                except Exception:  # noqa: BLE001 - a busy database must not stop the panel
                    log.exception("scan cycle failed")
                done += 1
                if cycles and done >= cycles:
                    break
                wake.wait(max(0.0, interval - (time.perf_counter() - t0)))
                wake.clear()
        except KeyboardInterrupt:
            pass
        finally:
            if ingestor:
                ingestor.stop()
            if broker:
                broker.stop()
