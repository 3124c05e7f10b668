"""`gonghui simulate --site CODE`: drive a site's detectors over MQTT, as real hardware would.

    gonghui simulate --site BENBU-ALARM heartbeat          # every detector reports "clear"
    gonghui simulate --site BENBU-ALARM fire --zone oil-depot
    gonghui simulate --site BENBU-ALARM intrusion --zone warehouse
    gonghui simulate --site BENBU-ALARM tamper --detector wh-door-1
    gonghui simulate --site BENBU-ALARM clear              # every detector back to normal
    gonghui simulate --site BENBU-ALARM run                # heartbeats, and now and then an event

Sequence numbers continue from the highest the database has seen for each detector,
so a restarted simulator is never taken for a redelivery.
"""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max

from gonghui.alarms import conf
from gonghui.alarms.models import Detector, Site
from gonghui.alarms.mqtt import connect, make_client, state_payload, state_topic
from gonghui.alarms.panel import FAMILY_OF_KIND, Family

ACTIONS = ("heartbeat", "fire", "intrusion", "tamper", "battery", "clear", "run")


class Command(BaseCommand):
    help = "Publish simulated detector states for a site (fire, intrusion, tamper, clear…) over MQTT."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", default="run", choices=ACTIONS)
        parser.add_argument("--site", required=True)
        parser.add_argument("--zone", default="", help="zone code (default: the first fitting detector anywhere on the site)")
        parser.add_argument("--detector", default="", help="detector code")
        parser.add_argument("--every", type=float, default=20.0, help="run: seconds between heartbeats")

    def handle(self, *args, action, site, zone, detector, every, **options):
        site_obj = Site.objects.filter(code=site).first()
        if site_obj is None:
            if action == "run":  # demo-serve starts the simulator on any database: nothing to drive here
                self.stdout.write(f"simulate: no site {site}, nothing to do")
                return
            raise CommandError(f"no site {site}")
        detectors = list(Detector.objects.filter(site=site_obj).select_related("zone").order_by("zone__position", "code"))
        if zone:
            detectors = [d for d in detectors if d.zone.code == zone]
        if detector:
            detectors = [d for d in detectors if d.code == detector]
        if not detectors:
            raise CommandError("no detector matches")
        seqs = dict(Detector.objects.filter(site=site_obj).annotate(top=Max("messages__seq")).values_list("code", "top"))
        self.seq = {code: (top or 0) for code, top in seqs.items()}
        self.site = site
        address = conf.broker_address()
        client = make_client(f"gonghui-sim-{site}-{random.randint(0, 1 << 30)}", persistent=False)
        for attempt in range(60):  # the scanner may still be starting the embedded broker
            try:
                connect(client, address)
                break
            except OSError:
                if action != "run" or attempt == 59:
                    raise CommandError(f"no MQTT broker at {address.host}:{address.port}") from None
                time.sleep(0.5)
        client.loop_start()
        try:
            if action == "run":
                self.run(client, detectors, every)
            else:
                self.once(client, detectors, action)
        finally:
            client.loop_stop()
            client.disconnect()

    def publish(self, client, d: Detector, *, active=False, tamper=False, battery_low=False) -> None:
        self.seq[d.code] = self.seq.get(d.code, 0) + 1
        info = client.publish(state_topic(self.site, d.code), state_payload(seq=self.seq[d.code], active=active, tamper=tamper,
                                                                             battery_low=battery_low), qos=1)
        info.wait_for_publish(timeout=10)

    def once(self, client, detectors: list[Detector], action: str) -> None:
        if action in ("heartbeat", "clear"):
            for d in detectors:
                self.publish(client, d)
            self.stdout.write(f"{len(detectors)} detector(s) report clear")
            return
        family = {"fire": Family.FIRE, "intrusion": Family.INTRUSION}.get(action)
        chosen = next((d for d in detectors if family is None or FAMILY_OF_KIND[d.kind] is family), None)
        if chosen is None:
            raise CommandError("no detector of that kind here")
        self.publish(client, chosen, active=action in ("fire", "intrusion"), tamper=action == "tamper",
                     battery_low=action == "battery")
        self.stdout.write(f"{action}: {chosen.zone.name} {chosen.code} ({chosen.address})")

    def run(self, client, detectors: list[Detector], every: float) -> None:
        try:
            while True:
                for d in detectors:
                    self.publish(client, d)
                time.sleep(every)
        except KeyboardInterrupt:
            return
