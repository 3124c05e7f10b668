"""`gonghui scan`: the alarm system's cyclic scan, and the MQTT ingestion that feeds it.

One process: a subscriber thread writes every detector message to the database before
acknowledging it to the broker; the main thread walks its zones every cycle, and looks
at once at the zones a stored batch touched, so an alarm never waits a whole cycle.
With no broker configured (GONGHUI_MQTT_URL empty) it starts an embedded one.

Several processes share the work when each has its own `--client-id` (its name) and they
share a `--group` (GONGHUI_SCAN_GROUP): the broker hands each detector message to one of
them (an MQTT shared subscription), and each zone is scanned by the one scanner holding its
lease (gonghui.alarms.leases). When a scanner dies, the others take its zones over after
GONGHUI_SCAN_LEASE_CYCLES missed cycles, and one of them drains the MQTT session it left.
"""

from __future__ import annotations

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
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
        parser.add_argument("--client-id", default="gonghui-scanner",
                            help="this scanner's name and MQTT client id: each scanner of a group needs its own")
        parser.add_argument("--group", default=None,
                            help="MQTT shared-subscription group of the scanners (default GONGHUI_SCAN_GROUP; empty: none)")

    def handle(self, *args, interval, cycles, no_mqtt, client_id, group, **options):
        translation.activate(settings.LANGUAGE_CODE)  # the event log's notes are written in the office's language
        interval = interval or conf.scan_interval()
        group = conf.scan_group() if group is None else group
        self.address = self.group = None
        scanner = Scanner(interval=interval, silent_after=interval * conf.silent_cycles(), holder=client_id,
                          lease_cycles=conf.lease_cycles(), on_orphan=None if no_mqtt else self._adopt)
        self.scanner = scanner
        signal.signal(signal.SIGTERM, lambda *_: (scanner.stop.set(), scanner.wake.set()))
        broker = ingestor = None
        # Present before subscribing: a scanner killed before its first cycle still leaves a row,
        # so the survivors know of the session it opened on the broker and drain it.
        from gonghui.alarms.leases import scanner_present

        scanner_present(holder=client_id)
        if not no_mqtt:
            address, broker = ensure_broker()
            self.address, self.group = address, group
            ingestor = Ingestor(address, client_id=client_id, group=group, on_batch=lambda r: self._stored(scanner, r)).start()
            if not ingestor.connected.wait(30):
                self.stdout.write(f"scanner: no broker at {address.host}:{address.port} yet; scanning and still trying")
            else:
                self.stdout.write(f"scanner: subscribed at {address.host}:{address.port}" + (" (embedded broker)" if broker else "")
                                  + (f" in group {group} as {client_id}" if group else ""))
        try:
            scanner.run(cycles=cycles, on_raise=lambda r: self.stdout.write(f"scanner: raised {len(r.raised)} alarm(s)"))
        except KeyboardInterrupt:
            pass
        finally:
            from gonghui.alarms.leases import scanner_leave

            try:
                scanner_leave(holder=client_id)
            except Exception:  # noqa: BLE001 - leaving early is a courtesy; the leases run out anyway
                pass
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

    def _adopt(self, name: str) -> None:
        """A dead scanner's MQTT session still holds messages (and, in a group, keeps receiving its share): drain and end it."""
        self.stdout.write(f"scanner: {name} is gone; draining its MQTT session")

        def drain():
            from gonghui.alarms.leases import orphan_retired

            orphan = Ingestor(self.address, client_id=name, group=self.group,
                              on_batch=lambda r: self._stored(self.scanner, r)).start()
            ended = orphan.retire()
            close_old_connections()
            if ended:
                orphan_retired(name=name, holder=self.scanner.holder)
            self.stdout.write(f"scanner: session of {name} " + ("drained and ended" if ended else "left (it came back)")
                              + f", {orphan.stored} message(s) stored from it")
            close_old_connections()

        threading.Thread(target=drain, name=f"adopt-{name}", daemon=True).start()
