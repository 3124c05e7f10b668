"""bench/no_loss.py: 20,000 QoS-1 detector events (3,000 with --quick) while the scanner is killed twice and the broker restarted once.

The broker is a Mosquitto of the bench's own, started on a free port with the configuration
block of README.md ("The alarm system's broker"), changing only the listener, the folder, the
log and the password file. The scanner is a real `gonghui scan` process, killed by its PID
with SIGKILL (no goodbye, no PUBACK for what it held) and started again; the broker is
stopped and started once (its persistence file keeps the scanner's session and queue).
Then the database is checked:

* lost: events published (each acknowledged by the broker) that are not stored: target 0;
* duplicated: a message stored twice, a fire alarm latched twice for one detector, an alarm
  logged or notified twice: target 0;
* the fire alarms latched before the first kill are still standing at the end;
* no fault "events may have been lost" (事件可能已丢失) was raised: nothing was.

With `--scanners 2` two scanners share the work (an MQTT shared subscription and a lease per
zone, see gonghui/alarms/leases.py): the first is killed and not started again (the second takes
its zones over and drains the session it left on the broker), the broker is restarted, then the
second is killed and a third started in its place. Every zone's smoke detector fires (the first
ten before the first kill, the others in the second half): each must be alarmed exactly once.

With `--stock` the broker runs with Mosquitto's stock limits and no persistence instead: events
are lost, and the bench checks that every detector with a gap got its 事件可能已丢失 fault
(`unreported` target 0).

    .venv/bin/python bench/no_loss.py [--quick] [--stock] [--keep] [--scanners 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
README_HEADING = "### The alarm system's broker"


def readme_config() -> list[str]:
    """The ```conf block under the README's broker heading, line by line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(README_HEADING)
    block = re.search(r"```conf\n(.*?)```", text[start:], re.S)
    if block is None:
        raise SystemExit("README.md: no ```conf block under " + README_HEADING)
    return block.group(1).splitlines()


def bench_config(folder: Path, port: int, *, stock: bool) -> str:
    """The README's block for a broker of our own: only the listener, folder, log and passwords change."""
    own = {"listener": f"listener {port} 127.0.0.1", "persistence_location": f"persistence_location {folder}/",
           "password_file": None, "allow_anonymous": "allow_anonymous true", "log_dest": f"log_dest file {folder}/mosquitto.log"}
    if stock:  # Mosquitto as installed: no persistence, max_queued_messages 1000, max_inflight_messages 20
        return "\n".join([own["listener"], own["allow_anonymous"], own["log_dest"], "log_type all", ""])
    lines, seen = [], set()
    for line in readme_config():
        key = line.split(" ", 1)[0] if line and not line.startswith("#") else None
        if key in own:
            if key == "log_dest" and key in seen:
                continue
            seen.add(key)
            if own[key] is not None:
                lines.append(own[key])
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


class OwnMosquitto:
    def __init__(self, folder: Path, port: int, *, stock: bool):
        self.folder, self.port = folder, port
        self.config = folder / "mosquitto.conf"
        # Started as root, mosquitto drops to its own user: it must be able to write its store and log here.
        os.chmod(folder, 0o777)
        self.config.write_text(bench_config(folder, port, stock=stock))
        self.process: subprocess.Popen | None = None
        self.restarts = 0

    def start(self) -> None:
        from gonghui.alarms.mqtt import port_open

        self.process = subprocess.Popen([MOSQUITTO, "-c", str(self.config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port, 0.2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mosquitto did not start: {self.process.stderr.read().decode()[-500:]}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # a clean stop: it writes its store on the way out
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()
        self.restarts += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--stock", action="store_true", help="Mosquitto's stock limits, no persistence: show the loss reported")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (database, broker and scanner logs)")
    parser.add_argument("--scanners", type=int, choices=(1, 2), default=1,
                        help="2: two scanners in a shared-subscription group; one killed for good, the other replaced")
    args = parser.parse_args()
    two = args.scanners == 2
    events_n, detectors_n, rate = (3000, 300, 600) if args.quick else (20000, 1000, 1000)
    if two:
        rate //= 2  # time for the survivor to take over between the kills
    fires_n = 10
    if not os.path.exists(MOSQUITTO):
        # No fallback: the embedded amqtt broker keeps sessions in memory only, so it cannot show this.
        print("bench/no_loss.py needs Mosquitto (apt-get -y install mosquitto)")
        print(json.dumps({"bench": "no_loss", "value": None, "limit": 0, "ratio": None, "target": 0, "pass": False,
                          "scanner_kills": 0, "broker_restarts": 0, "lost": None, "duplicated": None,
                          "error": "mosquitto not installed"}))
        return

    (ROOT / "var").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-no-loss-", dir=ROOT / "var"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'db.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count

    from gonghui.alarms import conf, services
    from gonghui.alarms.models import Alarm, DetectorMessage, Event, OutboxNotice, ScannerPresence
    from gonghui.alarms.mqtt import connect, free_port, make_client, state_payload, state_topic, subscription
    from gonghui.orgs.services import org_create

    call_command("migrate", verbosity=0)
    port = free_port()
    broker = OwnMosquitto(work, port, stock=args.stock)
    broker.start()
    prefix = f"gonghui-noloss-{uuid.uuid4().hex[:6]}"
    settings.GONGHUI_MQTT_URL, settings.GONGHUI_MQTT_PREFIX, settings.GONGHUI_MQTT_PROTOCOL = f"mqtt://127.0.0.1:{port}", prefix, "5"
    print(f"broker: own mosquitto on port {port} with {'its stock limits' if args.stock else 'the README configuration'}; "
          f"{events_n} events at {rate}/s over {detectors_n} detectors")

    union = org_create(actor=None, code="NOLOSS", name="不丢测试工会", kind="union")
    site = services.site_create(actor=None, org=union, code="nl", name="测试厂区")
    codes = []
    for z in range(detectors_n // 10):
        zone = services.zone_create(actor=None, site=site, code=f"z{z}", name=f"防区{z}", place_kind="oil_depot")
        services.duty_person_add(actor=None, zone=zone, name="值班员", phone="13800000000")
        services.detectors_bulk_create(actor=None, zone=zone, rows=[(f"d{z}-{i}", "smoke" if i < 3 else "door", f"{z}-{i}", "simulator")
                                                                    for i in range(10)])
        codes += [f"d{z}-{i}" for i in range(10)]
    fire_codes = [f"d{z}-0" for z in range(fires_n)]
    zones_n = detectors_n // 10
    late_fire_codes = [f"d{z}-0" for z in range(fires_n, zones_n)] if two else []

    group = f"scanners-{prefix}" if two else ""
    names = [f"nl-scanner-{prefix}"] if not two else [f"nl-scanner-{prefix}-{n}" for n in "ABC"]
    # The scanners' sessions exist before the first event: MQTT queues only for a session that has
    # subscribed, and the bench measures the scanners' deaths, not their very first start.
    for client_id in names[:2]:
        first = make_client(client_id, persistent=True)
        subscribed = threading.Event()
        first.on_subscribe = lambda *a, **k: subscribed.set()
        connect(first, conf.broker_address())
        first.loop_start()
        first.subscribe(subscription(group), qos=1)
        subscribed.wait(5)
        first.disconnect()
        first.loop_stop()

    env = {**os.environ, "GONGHUI_MQTT_URL": settings.GONGHUI_MQTT_URL, "GONGHUI_MQTT_PREFIX": prefix,
           "GONGHUI_MQTT_PROTOCOL": "5", "GONGHUI_SCAN_SILENT_CYCLES": "1000000", "PYTHONUNBUFFERED": "1",
           "GONGHUI_SCAN_LOST_AFTER": "2", "GONGHUI_SCAN_GROUP": group}
    log_path = work / "scanner.log"
    log = open(log_path, "a")
    starts = 0

    def start_scanner(client_id: str | None = None) -> subprocess.Popen:
        nonlocal starts
        starts += 1
        cmd = [sys.executable, "-m", "gonghui", "scan", "--interval", "0.5", "--client-id", client_id or names[0]]
        return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=log)

    def wait_subscribed(n: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while log_path.read_text().count("scanner: subscribed") < n and time.monotonic() < deadline:
            time.sleep(0.05)

    def wait_log(text: str, n: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while log_path.read_text().count(text) < n and time.monotonic() < deadline:
            time.sleep(0.05)

    scanner = start_scanner()
    others = [start_scanner(names[1])] if two else []  # in two-scanner mode: the one that lives to the end of the first kill
    kills = 0
    latched_before: set[int] = set()
    t_start = time.monotonic()
    try:
        wait_subscribed(1)
        pub = make_client(f"nl-pub-{prefix}", persistent=True)
        pub.max_inflight_messages_set(100)
        pub.max_queued_messages_set(0)
        connect(pub, conf.broker_address())
        pub.loop_start()

        # The fire events come first, so their alarms are latched before the first kill.
        plan = [(c, 1, True) for c in fire_codes]
        seq = {c: (1 if c in fire_codes else 0) for c in codes}
        late = set(late_fire_codes)
        i = 0
        while len(plan) < events_n:
            c = codes[i % len(codes)]
            seq[c] += 1
            plan.append((c, seq[c], c in fire_codes or (c in late and len(plan) > events_n // 2)))
            i += 1
        duration = events_n / rate
        disturbances = [(0.2, "kill scanner"), (0.45, "restart broker"), (0.7, "kill scanner")]

        def disturb():
            nonlocal scanner, kills, latched_before
            t0 = time.monotonic()
            for at, what in disturbances:
                time.sleep(max(0.0, at * duration - (time.monotonic() - t0)))
                if what == "restart broker":
                    broker.restart()
                else:
                    wait_subscribed(starts, timeout=15)  # kill a scanner at work, not one still starting
                    if two and kills == 0:  # both at work: each holds its half of the zones
                        wait_log(f"holds {zones_n // 2} zone(s) of 2 scanner(s)", 2)
                    elif two:  # the survivor has taken the first one's zones and drained its session
                        wait_log("drained and ended", 1)
                    if not latched_before:
                        latched_before = set(Alarm.objects.filter(reset_at__isnull=True, kind="fire").values_list("pk", flat=True))
                    killed = scanner.pid
                    os.kill(scanner.pid, signal.SIGKILL)
                    scanner.wait()
                    kills += 1
                    if not two:
                        scanner = start_scanner()
                    elif kills == 1:  # the first of the two dies for good; the second carries on alone
                        scanner = others.pop()
                    else:  # the second dies too; a third, a new name, takes over from its session and leases
                        scanner = start_scanner(names[2])
                    what = f"{what} (pid {killed})"
                print(f"  {time.monotonic() - t0:5.1f} s: {what}")

        disturber = threading.Thread(target=disturb)
        t0 = time.monotonic()
        disturber.start()
        for n, (code, s, active) in enumerate(plan):
            wait = t0 + n / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            # Published while the broker is down, a QoS-1 message waits in paho and goes on reconnect.
            pub.publish(state_topic("nl", code), state_payload(seq=s, active=active), qos=1)
        disturber.join()
        print(f"published {len(plan)} in {time.monotonic() - t0:.1f} s; waiting for the broker to acknowledge them all")
        deadline = time.monotonic() + 30
        while pub._out_messages and time.monotonic() < deadline:  # paho keeps each until the broker's PUBACK
            time.sleep(0.05)
        unacknowledged = len(pub._out_messages)
        deadline = time.monotonic() + (25 if args.quick else 60)
        while time.monotonic() < deadline:
            if DetectorMessage.objects.filter(detector__site=site).count() >= events_n:
                break
            time.sleep(0.2)
        if two:  # the last scanner also takes over the zones and drains the sessions of the dead ones
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline and (
                    ScannerPresence.objects.filter(name__in=names[:-1]).exists()
                    or Alarm.objects.filter(kind="fire", reset_at__isnull=True).count() < zones_n):
                time.sleep(0.2)
        if args.stock:
            time.sleep(4)  # let open gaps age past GONGHUI_SCAN_LOST_AFTER and the scan raise their faults
        else:
            time.sleep(1.0)
        scanner.send_signal(signal.SIGTERM)
        try:
            scanner.wait(timeout=10)
        except subprocess.TimeoutExpired:
            scanner.kill()
        pub.loop_stop()
        pub.disconnect()
    finally:  # never leave a scanner or a broker of ours behind, whatever happened
        for p in [scanner, *others]:
            if p.poll() is None:
                p.kill()
        broker.stop()
        log.close()

    stored = dict(DetectorMessage.objects.filter(detector__site=site).values("detector").annotate(n=Count("id"))
                  .values_list("detector", "n"))
    logged = sum(stored.values())
    pairs = DetectorMessage.objects.filter(detector__site=site).values("detector", "boot", "seq").distinct().count()
    lost = events_n - pairs
    fire_twice = sum(n - 1 for n in Counter(Alarm.objects.filter(kind="fire").values_list("detector_id", flat=True)).values() if n > 1)
    logged_twice = sum(n - 1 for n in Counter(Event.objects.filter(kind__in=["alarm", "fault"]).values_list("alarm_id", flat=True)).values()
                       if n > 1)
    noticed_twice = sum(n - 1 for n in Counter(OutboxNotice.objects.values_list("alarm_id", "person_id")).values() if n > 1)
    duplicated = (logged - pairs) + fire_twice + logged_twice + noticed_twice
    latched_after = set(Alarm.objects.filter(reset_at__isnull=True, kind="fire").values_list("pk", flat=True))
    survived = bool(latched_before) and latched_before <= latched_after and len(latched_after) == fires_n + len(late_fire_codes)
    orphan_sessions = ScannerPresence.objects.filter(name__in=names[:-1]).count() if two else 0
    gap_faults = set(Alarm.objects.filter(cause="events_lost").values_list("detector_id", flat=True))
    # A detector with a hole below its newest stored number: a loss the scanner could see.
    seqs: dict[int, list[int]] = defaultdict(list)
    for det, s in DetectorMessage.objects.filter(detector__site=site).values_list("detector_id", "seq"):
        seqs[det].append(s)
    holed = {d for d, ss in seqs.items() if max(ss) != len(ss)}  # every detector numbers from 1
    unreported = len(holed - gap_faults)
    recognised = sum(int(n) for n in re.findall(r"recognised (\d+) redelivered", log_path.read_text()))

    print(f"events published and acknowledged by the broker: {events_n - unacknowledged} of {events_n}")
    print(f"events stored: {pairs} (lost {lost}, target 0); redelivered copies recognised by the scanner: {recognised}")
    print(f"duplicated: {duplicated} (messages {logged - pairs}, fire alarms {fire_twice}, log rows {logged_twice}, "
          f"notices {noticed_twice}; target 0)")
    print(f"scanner killed (SIGKILL) {kills} times, broker restarted {broker.restarts} time(s); "
          f"fire alarms latched before the first kill: {len(latched_before)}, standing at the end: {len(latched_after)} of {fires_n + len(late_fire_codes)} "
          f"({'survived' if survived else 'LOST'})")
    print(f"detectors with a gap: {len(holed)}; 事件可能已丢失 faults raised: {len(gap_faults)}; gaps not reported: {unreported}")
    if two:
        drained = [int(n) for n in re.findall(r"drained and ended, (\d+) message", log_path.read_text())]
        print(f"two scanners: fire alarms {len(latched_after)} for {fires_n + len(late_fire_codes)} zones, "
              f"{len(late_fire_codes)} of them fired after the first kill; dead scanners' sessions drained: {len(drained)} "
              f"({sum(drained)} messages stored from them), left undrained: {orphan_sessions}")
    print(f"wall time {time.monotonic() - t_start:.1f} s")
    if args.stock:
        ok = unreported == 0 and duplicated == 0
    else:
        ok = lost == 0 and duplicated == 0 and survived and not gap_faults and kills >= 2 and broker.restarts >= 1 \
            and not orphan_sessions
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    value = lost + duplicated
    print(json.dumps({"bench": "no_loss" + ("_stock" if args.stock else "") + ("_two_scanners" if two else ""), "value": value, "limit": 0,
                      "ratio": round(value / events_n, 4), "target": 0, "pass": ok, "scanner_kills": kills,
                      "broker_restarts": broker.restarts, "lost": lost, "duplicated": duplicated,
                      "gap_faults": len(gap_faults), "unreported": unreported}))
    os._exit(0)


if __name__ == "__main__":
    main()
