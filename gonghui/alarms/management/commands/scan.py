"""`gonghui scan`: the alarm system's cyclic scan, and the MQTT ingestion that feeds it.

One process: a subscriber thread writes every detector message to the database before
acknowledging it to the broker; the main thread walks every zone every cycle, and looks
at once at the zones a stored batch touched, so an alarm never waits a whole cycle.
With no broker configured (GONGHUI_MQTT_URL empty) it starts an embedded one.
"""

from __future__ import annotations

import signal

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from gonghui.alarms import conf
from gonghui.alarms.mqtt import Ingestor, ensure_broker
from gonghui.alarms.scanner import Scanner


class Command(BaseCommand):
    help = "Scan every zone's detectors in a cycle and raise fire, intrusion and fault alarms."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=None, help="seconds per cycle (default GONGHUI_SCAN_INTERVAL or 1)")
        parser.add_argument("--cycles", type=int, default=0, help="stop after this many full cycles (0: run until stopped)")
        parser.add_argument("--no-mqtt", action="store_true", help="scan the database only, without subscribing")
        parser.add_argument("--client-id", default="gonghui-scanner")

    def handle(self, *args, interval, cycles, no_mqtt, client_id, **options):
        translation.activate(settings.LANGUAGE_CODE)  # the event log's notes are written in the office's language
        interval = interval or conf.scan_interval()
        scanner = Scanner(interval=interval, silent_after=interval * conf.silent_cycles())
        signal.signal(signal.SIGTERM, lambda *_: (scanner.stop.set(), scanner.wake.set()))
        broker = ingestor = None
        if not no_mqtt:
            address, broker = ensure_broker()
            ingestor = Ingestor(address, client_id=client_id, on_batch=lambda r: self._stored(scanner, r)).start()
            if not ingestor.connected.wait(30):
                self.stdout.write(f"scanner: no broker at {address.host}:{address.port} yet; scanning and still trying")
            else:
                self.stdout.write(f"scanner: subscribed at {address.host}:{address.port}" + (" (embedded broker)" if broker else ""))
        try:
            scanner.run(cycles=cycles, on_raise=lambda r: self.stdout.write(f"scanner: raised {len(r.raised)} alarm(s)"))
        except KeyboardInterrupt:
            pass
        finally:
            if ingestor:
                ingestor.stop()
            if broker:
                broker.stop()

    def _stored(self, scanner: Scanner, result) -> None:
        """After each committed batch: wake the scanner, and say what the batch recognised."""
        scanner.messages_stored(result)
        if result.duplicates:
            self.stdout.write(f"scanner: recognised {result.duplicates} redelivered message(s), stored once")
        if result.gaps:
            self.stdout.write(f"scanner: {result.gaps} sequence gap(s): events may have been lost")
