"""The Mosquitto configuration the README gives for the alarm system is one Mosquitto accepts,
with the limits that keep a scanner's messages through its restarts and the broker's."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from gonghui.alarms.mqtt import free_port, port_open

ROOT = Path(__file__).resolve().parents[3]
MOSQUITTO = shutil.which("mosquitto") or "/usr/sbin/mosquitto"


@pytest.fixture
def no_loss():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import no_loss

        yield no_loss
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_the_readme_block_keeps_sessions_and_sizes_the_queue(no_loss):
    settings = dict(line.split(" ", 1) for line in no_loss.readme_config() if line and not line.startswith("#"))
    assert settings["persistence"] == "true" and settings["persistence_location"]
    assert int(settings["max_queued_messages"]) >= 100000 and int(settings["max_inflight_messages"]) >= 100
    assert int(settings["autosave_interval"]) <= 60


def test_mosquitto_starts_with_the_readme_block(no_loss):
    if not os.path.exists(MOSQUITTO):
        if os.environ.get("GONGHUI_REQUIRE_SERVICES") == "1":
            pytest.fail("GONGHUI_REQUIRE_SERVICES=1 but mosquitto is not installed")
        pytest.skip("mosquitto is not installed")
    port = free_port()
    # Started as root, mosquitto writes its store as its own user: a folder it can reach (pytest's
    # tmp_path sits under a folder only root may enter).
    tmp_path = Path(tempfile.mkdtemp(prefix="gonghui-mosquitto-"))
    os.chmod(tmp_path, 0o777)
    config = tmp_path / "mosquitto.conf"
    config.write_text(no_loss.bench_config(tmp_path, port, stock=False))
    broker = subprocess.Popen([MOSQUITTO, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", port, 0.2):
            assert broker.poll() is None, broker.stderr.read().decode()
            assert time.monotonic() < deadline, "mosquitto did not open its port"
            time.sleep(0.05)
    finally:
        broker.terminate()
        broker.wait(timeout=10)
    try:
        assert (tmp_path / "mosquitto.db").exists()  # the clean stop wrote the store
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)
