"""Talking to the broker: topics, payloads, the embedded broker, and the ingesting subscriber.

Detectors publish to ``gonghui/<site>/<detector>/state`` with QoS 1 and a JSON body
``{"seq": 17, "active": true, "tamper": false, "battery_low": false, "ts": 1732460000.1, "boot": 3}``:
``seq`` numbers the detector's messages from 1, ``boot`` (optional, 0 when absent) grows with each
restart of the detector, when its numbering starts again.

The subscriber uses a persistent session (clean_session False, a fixed client id) and
acknowledges a message only after `messages_ingest` has committed it to the database.
If the process dies in between, the broker still holds the message and sends it again
when the scanner reconnects; the (detector, boot, seq) constraint recognises the second copy.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable

import paho.mqtt.client as paho

from . import conf

log = logging.getLogger("gonghui.alarms.mqtt")

STATE_SUFFIX = "state"


def state_topic(site: str, detector: str) -> str:
    return f"{conf.topic_prefix()}/{site}/{detector}/{STATE_SUFFIX}"


def subscription(group: str = "") -> str:
    """Every detector's state topic; with a group, as an MQTT shared subscription, so the broker
    gives each message to one scanner of the group (MQTT 5, Mosquitto 2, EMQX)."""
    topic = f"{conf.topic_prefix()}/+/+/{STATE_SUFFIX}"
    return f"$share/{group}/{topic}" if group else topic


def state_payload(*, seq: int, active: bool, tamper: bool = False, battery_low: bool = False, ts: float | None = None,
                  boot: int | None = None) -> bytes:
    body = {"seq": seq, "active": active, "tamper": tamper, "battery_low": battery_low, "ts": time.time() if ts is None else ts}
    if boot is not None:
        body["boot"] = boot
    return json.dumps(body).encode()


def parse_message(topic: str, body: bytes, received_at: dt.datetime):
    """An `IncomingMessage`, or None for a topic or body that is not a detector state."""
    from .services import IncomingMessage

    parts = topic.split("/")
    if len(parts) != 4 or parts[0] != conf.topic_prefix() or parts[3] != STATE_SUFFIX:
        return None
    try:
        data = json.loads(body)
        seq = int(data["seq"])
        boot = int(data.get("boot") or 0)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    ts = data.get("ts")
    sent_at = dt.datetime.fromtimestamp(float(ts), tz=dt.UTC) if isinstance(ts, (int, float)) else None
    return IncomingMessage(site=parts[1], detector=parts[2], seq=seq, boot=boot, active=bool(data.get("active")),
                           tamper=bool(data.get("tamper")), battery_low=bool(data.get("battery_low")),
                           sent_at=sent_at, received_at=received_at, payload=data)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EmbeddedBroker:
    """amqtt in a background thread: the broker for a laptop without Mosquitto."""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None):
        self.host, self.port = host, port or free_port()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._broker = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"mqtt://{self.host}:{self.port}"

    def start(self, timeout: float = 10) -> EmbeddedBroker:
        self._thread = threading.Thread(target=self._run, name="embedded-mqtt", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the embedded MQTT broker did not start")
        if self._error:
            raise RuntimeError(f"the embedded MQTT broker failed: {self._error}")
        return self

    def _run(self) -> None:
        from amqtt.broker import Broker

        for name in ("amqtt", "transitions"):  # amqtt narrates every connection at INFO
            logging.getLogger(name).setLevel(logging.WARNING)
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        config = {
            "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
            "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
        }
        try:
            self._broker = Broker(config, loop=self._loop)
            self._loop.run_until_complete(self._broker.start())
        except BaseException as exc:  # noqa: BLE001 - reported to the starting thread
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._loop.run_forever()

    def stop(self) -> None:
        if self._loop is None or self._broker is None:
            return
        fut = asyncio.run_coroutine_threadsafe(self._broker.shutdown(), self._loop)
        try:
            fut.result(timeout=10)
        except Exception:  # noqa: BLE001
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread:
            self._thread.join(timeout=10)
        self._broker = None


def ensure_broker() -> tuple[conf.BrokerAddress, EmbeddedBroker | None]:
    """The configured broker; with none configured, an embedded one on the embedded port (started here if nobody has)."""
    address = conf.broker_address()
    if conf.mqtt_url() or port_open(address.host, address.port):
        return address, None
    broker = EmbeddedBroker(address.host, address.port).start()
    log.info("started an embedded MQTT broker on %s", broker.url)
    return address, broker


def make_client(client_id: str, *, persistent: bool, manual_ack: bool = False) -> paho.Client:
    if conf.mqtt_v5():
        client = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=paho.MQTTv5, manual_ack=manual_ack)
    else:
        client = paho.Client(paho.CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=not persistent,
                             manual_ack=manual_ack)
    client._gonghui_persistent = persistent
    client.max_inflight_messages_set(1000)
    client.max_queued_messages_set(0)
    client.reconnect_delay_set(min_delay=0.2, max_delay=2)
    return client


def connect(client: paho.Client, address: conf.BrokerAddress, keepalive: int = 30, *, wait: bool = True) -> None:
    """Connect; a persistent MQTT 5 client asks the broker to keep its session and to send up to 1000 unacknowledged messages.

    With MQTT 3.1.1 the broker's own limits apply (Mosquitto: max_inflight_messages 20 and
    max_queued_messages 1000 by default, beyond which it drops QoS 1 messages for a slow client:
    size them for the estate: README, "The alarm system's broker").

    `wait=False` only prepares the connection: `loop_start()` then connects, and keeps trying
    while the broker is down (a scanner started during a broker restart must not die of it).
    """
    if address.username:
        client.username_pw_set(address.username, address.password)
    if client._protocol == paho.MQTTv5:
        from paho.mqtt.packettypes import PacketTypes
        from paho.mqtt.properties import Properties

        props = Properties(PacketTypes.CONNECT)
        persistent = getattr(client, "_gonghui_persistent", False)
        props.SessionExpiryInterval = conf.session_expiry() if persistent else 0
        props.ReceiveMaximum = 1000
        how = client.connect if wait else client.connect_async
        how(address.host, address.port, keepalive=keepalive, clean_start=not persistent, properties=props)
    else:
        (client.connect if wait else client.connect_async)(address.host, address.port, keepalive=keepalive)


class Ingestor:
    """Subscribes with a persistent session and writes messages to the database before acknowledging them.

    paho calls `on_message` on its network thread; the messages go to a queue that one
    writer thread drains in batches (one transaction per batch), then acknowledges the
    whole batch. `on_batch` is told after every commit (the scanner wakes up on it).
    """

    def __init__(self, address: conf.BrokerAddress, *, client_id: str = "gonghui-scanner",
                 on_batch: Callable[[object], None] | None = None, batch_size: int = 500, group: str = ""):
        self.address = address
        self.client_id = client_id
        self.topic = subscription(group)
        self.client = make_client(client_id, persistent=True, manual_ack=True)
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = self._on_subscribe
        self.client.on_message = self._on_message
        self.client.on_disconnect = self._on_disconnect
        self.client.on_unsubscribe = self._on_unsubscribe
        self.unsubscribed = threading.Event()
        self.taken_over = threading.Event()
        self.received = self.handled = 0
        self.last_received = time.monotonic()
        self.queue: queue.Queue = queue.Queue()
        self.on_batch = on_batch
        self.batch_size = batch_size
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._writer = threading.Thread(target=self._write_loop, name="mqtt-ingest", daemon=True)
        self.stored = 0
        self.duplicates = 0
        # Packet ids are per connection: an ack sent after a reconnect for a message of the
        # previous connection would acknowledge whichever new message reuses that id, before
        # it is stored. So each message remembers its connection, and only current ones are acked;
        # the broker redelivers the others and the (detector, boot, seq) constraint drops the copy.
        self.connection_number = 0

    def _on_connect(self, client, userdata, flags, reason_code, properties=None):
        if reason_code == 0 or not getattr(reason_code, "is_failure", False):
            self.connection_number += 1
            client.subscribe(self.topic, qos=1)

    def _on_disconnect(self, client, userdata, flags, reason_code, properties=None):
        # 142: another connection with our client id took the session (the dead scanner came back
        # while a survivor drained its session): the survivor lets go instead of fighting for it.
        if getattr(reason_code, "value", reason_code) == 142:
            self.taken_over.set()
            client.disconnect()  # no automatic reconnect: it would take the session back

    def _on_unsubscribe(self, client, userdata, mid, reason_codes, properties=None):
        self.unsubscribed.set()

    def _on_subscribe(self, client, userdata, mid, reason_codes, properties=None):
        # Set on the broker's SUBACK, not on sending SUBSCRIBE: from here on the session queues for us.
        self.connected.set()

    def _on_message(self, client, userdata, message):
        self.received += 1
        self.last_received = time.monotonic()
        self.queue.put((message.topic, message.payload, message.mid, message.qos, time.time(), self.connection_number))

    def start(self) -> Ingestor:
        connect(self.client, self.address, wait=False)
        self._writer.start()
        self.client.loop_start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._writer.join(timeout=10)
        self.client.loop_stop()
        self.client.disconnect()

    def _settled(self, quiet: float) -> bool:
        return self.queue.empty() and self.handled == self.received and time.monotonic() - self.last_received >= quiet

    def retire(self, *, quiet: float = 1.0, timeout: float = 120.0) -> bool:
        """Drain this session (a dead scanner's, adopted by a survivor) and end it on the broker.

        The broker keeps a dead scanner's session, with the messages it held unacknowledged and,
        under a shared subscription, its turn in the group: Mosquitto 2 goes on queueing every
        other message for it. So a survivor connects with its client id, stores and acknowledges
        what the session holds until it is quiet, unsubscribes (no more arrive after UNSUBACK),
        stores the last ones, and disconnects with a session expiry of 0: the broker forgets the
        session and its place in the group. True when the session was ended.
        """
        deadline = time.monotonic() + timeout
        if not self.connected.wait(max(0.0, deadline - time.monotonic())):
            self.stop()
            return False
        while not self._settled(quiet) and time.monotonic() < deadline and not self.taken_over.is_set():
            time.sleep(0.05)
        self.client.unsubscribe(self.topic)
        self.unsubscribed.wait(max(0.0, deadline - time.monotonic()))
        while not self._settled(0.2) and time.monotonic() < deadline and not self.taken_over.is_set():
            time.sleep(0.05)
        ended = not self.taken_over.is_set() and self._settled(0.0)
        self._stop.set()
        self._writer.join(timeout=10)
        if ended and self.client._protocol == paho.MQTTv5:
            from paho.mqtt.packettypes import PacketTypes
            from paho.mqtt.properties import Properties

            props = Properties(PacketTypes.DISCONNECT)
            props.SessionExpiryInterval = 0
            self.client.disconnect(properties=props)
            time.sleep(0.2)  # let the DISCONNECT leave before the network loop stops
            self.client.loop_stop()
        else:
            self.client.loop_stop()
            self.client.disconnect()
            if ended:
                forget_session(self.address, self.client_id)
        return ended

    def _write_loop(self) -> None:
        from django.db import close_old_connections

        from .services import messages_ingest

        while not self._stop.is_set():
            try:
                first = self.queue.get(timeout=0.2)
            except queue.Empty:
                continue
            batch = [first]
            while len(batch) < self.batch_size:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            messages = []
            for topic, body, _mid, _qos, at, _conn in batch:
                m = parse_message(topic, body, dt.datetime.fromtimestamp(at, tz=dt.UTC))
                if m is not None:
                    messages.append(m)
            result, attempt = None, 0
            while result is None:
                try:
                    close_old_connections()
                    result = messages_ingest(messages=messages)
                except Exception:  # noqa: BLE001 - the database may be busy or restarting
                    # Try again until it is stored: a batch dropped here would sit unacknowledged,
                    # holding the broker's in-flight window shut until a reconnect.
                    attempt += 1
                    log.exception("ingest failed (attempt %s)", attempt)
                    if self._stop.wait(min(0.2 * attempt, 5.0)):
                        return  # stopping: the broker redelivers whatever was not acknowledged
            self.stored += result.stored
            self.duplicates += result.duplicates
            self.handled += len(batch)
            # Only now is the broker told: the rows are committed.
            for _topic, _body, mid, qos, _at, conn in batch:
                if qos > 0 and conn == self.connection_number:
                    self.client.ack(mid, qos)
            if self.on_batch:
                self.on_batch(result)


def forget_session(address: conf.BrokerAddress, client_id: str) -> None:
    """Drop a persistent session on the broker (tests and benches clean up after themselves)."""
    client = make_client(client_id, persistent=False)
    try:
        connect(client, address)
        client.loop_start()
        time.sleep(0.2)
        client.disconnect()
        client.loop_stop()
    except OSError:
        pass
