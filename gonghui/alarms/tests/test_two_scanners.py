"""Two `gonghui scan` processes share the detector stream and the zones; one is killed and the other takes over.

Real processes, a real broker (the suite's: Mosquitto in CI), their own SQLite file: the
scanners share a shared-subscription group, each holds half the zones by lease. Scanner A
is killed with SIGKILL; its zones are taken over by B, B drains the MQTT session A left
(Mosquitto goes on queueing A's share of the group there), and every event published is
stored once and every fire is alarmed once.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from gonghui.alarms.conf import broker_address
from gonghui.alarms.mqtt import connect, forget_session, make_client, state_payload, state_topic

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[3]
ZONES = 12

PLANT = textwrap.dedent(f"""
    import django
    django.setup()
    from gonghui.alarms import services
    from gonghui.orgs.services import org_create
    union = org_create(actor=None, code="TWO", name="双扫描测试工会", kind="union")
    site = services.site_create(actor=None, org=union, code="two", name="测试厂区")
    for z in range({ZONES}):
        zone = services.zone_create(actor=None, site=site, code=f"z{{z}}", name=f"防区{{z}}", place_kind="oil_depot")
        services.duty_person_add(actor=None, zone=zone, name="值班员", phone="13800000000")
        services.detectors_bulk_create(actor=None, zone=zone, rows=[(f"s{{z}}", "smoke", f"{{z}}-1", "mqtt"),
                                                                    (f"d{{z}}", "door", f"{{z}}-2", "mqtt")])
""")


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


class Estate:
    """The scanners' own database, read with sqlite3 (the test's Django database is another one)."""

    def __init__(self, path: Path):
        self.path = path

    def rows(self, sql: str, *params):
        with sqlite3.connect(self.path, timeout=20) as conn:
            return conn.execute(sql, params).fetchall()

    def holders(self) -> dict[str, set[int]]:
        held: dict[str, set[int]] = {}
        for zone, holder in self.rows("SELECT zone_id, holder FROM alarms_zonelease WHERE expires_at > datetime('now')"):
            held.setdefault(holder, set()).add(zone)
        return held

    def fires(self) -> list[tuple[str, int]]:
        return self.rows("SELECT d.code, COUNT(*) FROM alarms_alarm a JOIN alarms_detector d ON d.id = a.detector_id"
                         " WHERE a.kind = 'fire' GROUP BY d.code")

    def stored(self) -> int:
        return self.rows("SELECT COUNT(*) FROM alarms_detectormessage")[0][0]


@pytest.fixture
def estate(tmp_path, broker_url):
    url, _hash, protocol = broker_url.partition("#")
    if protocol == "3.1.1":
        pytest.skip("the embedded amqtt broker has no shared subscriptions; Mosquitto (CI) has")
    prefix = f"gonghui-two-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": f"sqlite:///{tmp_path / 'two.sqlite3'}",
           "GONGHUI_VAR_DIR": str(tmp_path / "var"), "GONGHUI_MQTT_URL": url, "GONGHUI_MQTT_PROTOCOL": "5",
           "GONGHUI_MQTT_PREFIX": prefix, "GONGHUI_SCAN_GROUP": f"scanners-{prefix}", "GONGHUI_SCAN_SILENT_CYCLES": "100000",
           "GONGHUI_SCAN_LEASE_CYCLES": "3", "PYTHONUNBUFFERED": "1"}
    for args in (["-m", "gonghui", "migrate", "-v0"], ["-c", PLANT]):
        done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    yield env, Estate(tmp_path / "two.sqlite3"), tmp_path


def test_a_killed_scanners_zones_are_taken_over_and_every_fire_is_alarmed_once(estate, settings):
    env, db, tmp = estate
    settings.GONGHUI_MQTT_URL, settings.GONGHUI_MQTT_PREFIX = env["GONGHUI_MQTT_URL"], env["GONGHUI_MQTT_PREFIX"]
    settings.GONGHUI_MQTT_PROTOCOL = "5"
    address = broker_address()
    names = {n: f"{env['GONGHUI_MQTT_PREFIX']}-{n}" for n in "AB"}
    logs = {n: tmp / f"scanner-{n}.log" for n in "AB"}
    scanners = {n: subprocess.Popen([sys.executable, "-m", "gonghui", "scan", "--interval", "0.3", "--client-id", names[n]],
                                    env=env, cwd=ROOT, stdout=open(logs[n], "w"), stderr=subprocess.STDOUT) for n in "AB"}
    pub = make_client(f"two-pub-{uuid.uuid4().hex[:8]}", persistent=False)
    published = 0
    seq = {f"{k}{z}": 0 for z in range(ZONES) for k in "sd"}

    def publish(code: str, active: bool):
        nonlocal published
        seq[code] += 1
        pub.publish(state_topic("two", code), state_payload(seq=seq[code], active=active), qos=1).wait_for_publish(5)
        published += 1

    try:
        assert wait_for(lambda: all("subscribed" in logs[n].read_text() for n in "AB")), "a scanner did not subscribe"
        assert wait_for(lambda: sorted(len(z) for z in db.holders().values()) == [ZONES // 2, ZONES // 2]), db.holders()
        a_zones = db.holders()[names["A"]]
        connect(pub, address)
        pub.loop_start()
        # Before the kill: heartbeats from every detector, and a fire in the first half of A's zones and of B's.
        zone_of = dict(db.rows("SELECT code, zone_id FROM alarms_detector"))
        b_zones = set(zone_of.values()) - a_zones
        early_zones = set(sorted(a_zones)[:ZONES // 4]) | set(sorted(b_zones)[:ZONES // 4])
        early = {c for c in seq if c.startswith("s") and zone_of[c] in early_zones}
        for code in seq:
            publish(code, active=code in early)
        assert wait_for(lambda: len(db.fires()) == len(early)), db.fires()

        os.kill(scanners["A"].pid, signal.SIGKILL)
        scanners["A"].wait()
        # At once, while A's leases still run: half of these go to A's session under the shared subscription.
        for _round in range(5):
            for code in seq:
                publish(code, active=code.startswith("s"))

        assert wait_for(lambda: db.holders() == {names["B"]: set(zone_of.values())}), db.holders()
        assert wait_for(lambda: db.stored() == published, timeout=40), (db.stored(), published)
        assert wait_for(lambda: len(db.fires()) == ZONES), db.fires()
        time.sleep(1.0)  # a doubled alarm would show by now
        assert db.stored() == published
        assert sorted(db.fires()) == sorted((f"s{z}", 1) for z in range(ZONES))
        assert db.rows("SELECT COUNT(*), COUNT(DISTINCT alarm_id) FROM alarms_event WHERE kind = 'alarm'")[0] == (ZONES, ZONES)
        assert db.rows("SELECT COUNT(*), COUNT(DISTINCT alarm_id) FROM alarms_outboxnotice")[0] == (ZONES, ZONES)
        assert wait_for(lambda: "drained and ended" in logs["B"].read_text()), logs["B"].read_text()
        drained = re.search(r"session of \S+ drained and ended, (\d+) message", logs["B"].read_text())
        assert int(drained.group(1)) > 0, "the broker gave A's session no share: the test did not test the draining"
        assert db.rows("SELECT name FROM alarms_scannerpresence") == [(names["B"],)]
    finally:
        for p in scanners.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=15)
        if pub.is_connected():
            pub.loop_stop()
            pub.disconnect()
        for name in names.values():
            forget_session(address, name)
