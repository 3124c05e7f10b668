"""The broker for the end-to-end tests.

GONGHUI_REQUIRE_SERVICES=1: Mosquitto at GONGHUI_MQTT_URL (default mqtt://127.0.0.1:1883),
and the tests fail when it cannot be reached. Otherwise Mosquitto when it answers, else an
embedded amqtt broker on a free port.
"""

import os
import uuid

import pytest

from gonghui.alarms.conf import broker_address
from gonghui.alarms.mqtt import EmbeddedBroker, port_open


@pytest.fixture(scope="session")
def broker_url():
    url = os.environ.get("GONGHUI_MQTT_URL") or "mqtt://127.0.0.1:1883"
    address = broker_address(url)
    if port_open(address.host, address.port):
        yield url
        return
    if os.environ.get("GONGHUI_REQUIRE_SERVICES") == "1":
        pytest.fail(f"GONGHUI_REQUIRE_SERVICES=1 but no MQTT broker answers at {url}")
    broker = EmbeddedBroker().start()
    yield broker.url + "#3.1.1"
    broker.stop()


@pytest.fixture
def mqtt_settings(settings, broker_url):
    """A topic prefix of the test's own, so nothing else on the broker reaches it."""
    settings.GONGHUI_MQTT_URL, _hash, protocol = broker_url.partition("#")
    settings.GONGHUI_MQTT_PROTOCOL = protocol or "5"
    settings.GONGHUI_MQTT_PREFIX = f"gonghui-test-{uuid.uuid4().hex[:8]}"
    return settings
