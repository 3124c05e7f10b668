"""bench/no_loss.py: 10,000 QoS-1 detector events at 500 a second while the broker is restarted twice and the scanner killed once.

The broker is a Mosquitto of the bench's own (free port, persistence in a temporary
folder), so restarting it disturbs nobody; the scanner is a real `gonghui scan` process,
killed with SIGKILL (no goodbye, no PUBACK for what it held) and started again. Prints the
events logged (target exactly the number sent) and the duplicates stored (target 0), and
checks that the fire alarms latched before the restarts are still standing at the end.

    .venv/bin/python bench/no_loss.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


class OwnMosquitto:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.config = folder / "mosquitto.conf"
        # Started as root, mosquitto drops to its own user: it must be able to write its persistence file here.
        os.chmod(folder, 0o777)
        self.config.write_text(
            f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location {folder}/\n"
            "autosave_interval 1\nmax_queued_messages 0\nmax_inflight_messages 0\nlog_dest none\n"
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        from gonghui.alarms.mqtt import port_open

        self.process = subprocess.Popen([MOSQUITTO, "-c", str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port, 0.2):
            if time.monotonic() > deadline:
                raise RuntimeError("mosquitto did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # saves its persistence file on the way out
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


class OwnAmqtt:
    """The fallback without Mosquitto. amqtt keeps sessions in memory only: a restart can lose what it held."""

    def __init__(self, port: int):
        from gonghui.alarms.mqtt import EmbeddedBroker

        self.port, self.cls, self.broker = port, EmbeddedBroker, None

    def start(self) -> None:
        self.broker = self.cls("127.0.0.1", self.port).start()

    def stop(self) -> None:
        if self.broker:
            self.broker.stop()

    def restart(self) -> None:
        self.stop()
        time.sleep(0.3)
        self.start()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--calm", action="store_true", help="no restarts (to compare)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (database, scanner log)")
    args = parser.parse_args()
    events_n, detectors_n, rate = (3000, 300, 500) if args.quick else (10000, 1000, 500)
    fires_n = 10

    (ROOT / "var").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-no-loss-", dir=ROOT / "var"))
    db_file = work / "db.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count

    from gonghui.alarms import conf, services
    from gonghui.alarms.models import Alarm, DetectorMessage
    from gonghui.alarms.mqtt import connect, free_port, make_client, state_payload, state_topic
    from gonghui.orgs.services import org_create

    call_command("migrate", verbosity=0)
    port = free_port()
    own_mosquitto = os.path.exists(MOSQUITTO)
    broker = OwnMosquitto(work, port) if own_mosquitto else OwnAmqtt(port)
    broker.start()
    prefix = f"gonghui-noloss-{uuid.uuid4().hex[:6]}"
    protocol = "5" if own_mosquitto else "3.1.1"
    settings.GONGHUI_MQTT_URL, settings.GONGHUI_MQTT_PREFIX, settings.GONGHUI_MQTT_PROTOCOL = f"mqtt://127.0.0.1:{port}", prefix, protocol
    print(f"broker: {'own mosquitto' if own_mosquitto else 'embedded amqtt (no mosquitto installed)'} on port {port}; "
          f"{events_n} events at {rate}/s over {detectors_n} detectors")

    union = org_create(actor=None, code="NOLOSS", name="不丢测试工会", kind="union")
    site = services.site_create(actor=None, org=union, code="nl", name="测试厂区")
    codes = []
    for z in range(detectors_n // 10):
        zone = services.zone_create(actor=None, site=site, code=f"z{z}", name=f"防区{z}", place_kind="oil_depot")
        services.detectors_bulk_create(actor=None, zone=zone, rows=[(f"d{z}-{i}", "smoke" if i < 3 else "door", f"{z}-{i}", "simulator")
                                                        for i in range(10)])
        codes += [f"d{z}-{i}" for i in range(10)]
    fire_codes = [f"d{z}-0" for z in range(fires_n)]

    env = {**os.environ, "GONGHUI_MQTT_URL": settings.GONGHUI_MQTT_URL, "GONGHUI_MQTT_PREFIX": prefix,
           "GONGHUI_MQTT_PROTOCOL": protocol, "GONGHUI_SCAN_SILENT_CYCLES": "1000000"}
    scanner_cmd = [sys.executable, "-m", "gonghui", "scan", "--interval", "0.5", "--client-id", f"nl-scanner-{prefix}"]
    log = open(work / "scanner.log", "a")

    def start_scanner():
        return subprocess.Popen(scanner_cmd, env=env, cwd=ROOT, stdout=log, stderr=log)

    scanner = None
    try:
        scanner = start_scanner()
        # Publish only once the scanner has subscribed: before its first subscription the broker
        # holds no session for it, and MQTT drops messages nobody is subscribed to. (A fixed sleep
        # lost the first ~100 events whenever Django took longer than that to start.)
        deadline = time.monotonic() + 60
        while "subscribed" not in (work / "scanner.log").read_text() and time.monotonic() < deadline:
            time.sleep(0.1)

        pub = make_client(f"nl-pub-{prefix}", persistent=True)
        pub.max_inflight_messages_set(100)
        connect(pub, conf.broker_address())
        pub.loop_start()

        # The fire events come first, so their alarms are latched before the broker and the scanner go down.
        plan = [(c, 1, True) for c in fire_codes]
        seq = {c: (1 if c in fire_codes else 0) for c in codes}
        i = 0
        while len(plan) < events_n:
            c = codes[i % len(codes)]
            seq[c] += 1
            plan.append((c, seq[c], c in fire_codes))
            i += 1
        duration = events_n / rate
        disturbances = [] if args.calm else [(0.25 * duration, "restart broker"), (0.45 * duration, "kill scanner"), (0.7 * duration, "restart broker")]
        latched_before: set[int] = set()
        infos = []

        def disturb():
            nonlocal scanner, latched_before
            t0 = time.monotonic()
            for at, what in disturbances:
                time.sleep(max(0.0, at - (time.monotonic() - t0)))
                if what == "restart broker":
                    broker.restart()
                else:
                    latched_before = set(Alarm.objects.filter(reset_at__isnull=True, kind="fire").values_list("pk", flat=True))
                    scanner.send_signal(signal.SIGKILL)
                    scanner.wait()
                    time.sleep(0.5)
                    scanner = start_scanner()
                print(f"  {time.monotonic() - t0:5.1f} s: {what}")

        disturber = threading.Thread(target=disturb)
        t0 = time.monotonic()
        disturber.start()
        for n, (code, s, active) in enumerate(plan):
            due = t0 + n / rate
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            infos.append(pub.publish(state_topic("nl", code), state_payload(seq=s, active=active), qos=1))
        disturber.join()
        print(f"published {len(plan)} in {time.monotonic() - t0:.1f} s; waiting for the broker to take them all")
        deadline = time.monotonic() + 60
        # paho keeps every QoS-1 message until the broker's PUBACK (resending after each reconnect);
        # a publish made while the broker was down reports "not connected" but stays queued.
        while pub._out_messages and time.monotonic() < deadline:
            time.sleep(0.1)
        deadline = time.monotonic() + (60 if not args.quick else 25)
        logged = 0
        while time.monotonic() < deadline:
            logged = DetectorMessage.objects.filter(detector__site=site).count()
            if logged >= events_n:
                break
            time.sleep(0.2)
        time.sleep(1.0)
        scanner.send_signal(signal.SIGTERM)
        try:
            scanner.wait(timeout=10)
        except subprocess.TimeoutExpired:
            scanner.kill()
        pub.loop_stop()
        pub.disconnect()
        broker.stop()

    finally:  # never leave a scanner or a broker of ours behind, whatever happened
        if scanner is not None and scanner.poll() is None:
            scanner.kill()
        broker.stop()

    logged = DetectorMessage.objects.filter(detector__site=site).count()
    duplicates = sum(n - 1 for n in DetectorMessage.objects.values("detector", "seq").annotate(n=Count("id")).values_list("n", flat=True) if n > 1)
    latched_after = set(Alarm.objects.filter(reset_at__isnull=True, kind="fire").values_list("pk", flat=True))
    survived = bool(latched_before) and latched_before <= latched_after and len(latched_after) == fires_n
    print(f"events sent: {events_n}")
    print(f"events logged: {logged} (target {events_n})")
    print(f"duplicates stored: {duplicates} (target 0)")
    print(f"fire alarms latched before the scanner was killed: {len(latched_before)}; standing at the end: {len(latched_after)} "
          f"of {fires_n} ({'survived' if survived else 'LOST'})")
    log.close()
    ok = logged == events_n and duplicates == 0 and survived
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"bench": "no_loss", "value": logged, "limit": events_n, "ratio": round(logged / events_n, 4), "target": 1.0,
                      "pass": ok}))
    os._exit(0)


if __name__ == "__main__":
    main()
