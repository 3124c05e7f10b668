"""Through a real broker: publish a smoke event, see the alarm, see the notice reach an SMS gateway on loopback."""

import time
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from gonghui.alarms import conf, services
from gonghui.alarms.channels import HttpSmsGateway
from gonghui.alarms.dispatch import outbox_dispatch
from gonghui.alarms.loopback import LoopbackSmsGateway
from gonghui.alarms.models import Alarm, DetectorMessage
from gonghui.alarms.mqtt import Ingestor, connect, forget_session, make_client, state_payload, state_topic, subscription

from .factories import build_plant

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def ingestor(mqtt_settings):
    client_id = f"test-scanner-{uuid.uuid4().hex[:8]}"
    ing = Ingestor(conf.broker_address(), client_id=client_id).start()
    assert ing.connected.wait(5), "the scanner could not subscribe"
    time.sleep(0.2)
    yield ing
    ing.stop()
    forget_session(conf.broker_address(), client_id)


def test_a_simulated_smoke_event_through_the_broker_raises_a_fire_alarm_and_an_sms(cast, ingestor):
    plant = build_plant(cast.union, code="e2e-plant")
    call_command("simulate", "fire", site="e2e-plant", detector="od-smoke-1")
    assert wait_for(lambda: DetectorMessage.objects.filter(detector=plant.smoke).exists()), "the message never reached the database"
    services.scan_cycle(started=timezone.now(), silent_after=90)
    alarm = Alarm.objects.get()
    assert (alarm.kind, alarm.detector_id) == ("fire", plant.smoke.pk)
    with LoopbackSmsGateway() as gateway:
        assert outbox_dispatch(channels=[HttpSmsGateway(gateway.url)]) == 1
    assert [r["phone"] for r in gateway.received] == ["13800000001"]
    assert alarm.zone.name in gateway.received[0]["text"]


def test_the_same_sequence_number_published_twice_is_stored_once(cast, ingestor):
    plant = build_plant(cast.union, code="e2e-dup")
    pub = make_client(f"test-pub-{uuid.uuid4().hex[:8]}", persistent=False)
    connect(pub, conf.broker_address())
    pub.loop_start()
    for _ in range(3):
        pub.publish(state_topic("e2e-dup", plant.door.code), state_payload(seq=42, active=True), qos=1).wait_for_publish(5)
    pub.loop_stop()
    pub.disconnect()
    assert wait_for(lambda: ingestor.duplicates + ingestor.stored >= 3)
    assert (ingestor.stored, ingestor.duplicates) == (1, 2)
    assert DetectorMessage.objects.filter(detector=plant.door).count() == 1


def test_a_message_received_but_not_acknowledged_is_redelivered_to_the_restarted_scanner(cast, mqtt_settings):
    """A scanner killed between receiving and storing loses nothing: the broker still holds the message."""
    if mqtt_settings.GONGHUI_MQTT_PROTOCOL == "3.1.1":
        pytest.skip("the embedded amqtt broker does not resend in-flight QoS 1 messages to a resumed session; Mosquitto does")
    plant = build_plant(cast.union, code="e2e-kill")
    address = conf.broker_address()
    client_id = f"test-killed-{uuid.uuid4().hex[:8]}"
    got = []
    doomed = make_client(client_id, persistent=True, manual_ack=True)
    doomed.on_connect = lambda c, *a: c.subscribe(subscription(), qos=1)
    doomed.on_message = lambda c, u, m: got.append(m.payload)  # received, never stored, never acknowledged
    connect(doomed, address)
    doomed.loop_start()
    time.sleep(0.3)
    pub = make_client(f"test-pub-{uuid.uuid4().hex[:8]}", persistent=False)
    connect(pub, address)
    pub.loop_start()
    pub.publish(state_topic("e2e-kill", plant.smoke.code), state_payload(seq=1, active=True), qos=1).wait_for_publish(5)
    assert wait_for(lambda: got)
    doomed.loop_stop()
    doomed.socket().close()  # the process dies: no DISCONNECT, no PUBACK
    time.sleep(0.3)
    revived = Ingestor(address, client_id=client_id).start()
    try:
        assert wait_for(lambda: DetectorMessage.objects.filter(detector=plant.smoke).exists()), "the message was lost"
    finally:
        revived.stop()
        pub.loop_stop()
        pub.disconnect()
        forget_session(address, client_id)
    plant.smoke.refresh_from_db()
    assert plant.smoke.active
