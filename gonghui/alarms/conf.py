"""The alarm system's settings: Django settings first, then the environment, then these defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings


def setting(name: str, default=None):
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name)
    return default if value is None else value


def mqtt_url() -> str:
    """Empty means: no broker configured, the scanner starts an embedded one."""
    return str(setting("GONGHUI_MQTT_URL", "")).strip()


EMBEDDED_HOST = "127.0.0.1"


def embedded_port() -> int:
    return int(setting("GONGHUI_MQTT_EMBEDDED_PORT", 1884))


@dataclass(frozen=True)
class BrokerAddress:
    host: str
    port: int
    username: str | None = None
    password: str | None = None


def broker_address(url: str | None = None) -> BrokerAddress:
    url = mqtt_url() if url is None else url
    if not url:
        return BrokerAddress(EMBEDDED_HOST, embedded_port())
    parts = urlparse(url)
    return BrokerAddress(parts.hostname or "127.0.0.1", parts.port or 1883, parts.username, parts.password)


def mqtt_v5() -> bool:
    """MQTT 5 by default (session expiry, receive maximum); 3.1.1 for the embedded amqtt broker, which speaks only that."""
    value = str(setting("GONGHUI_MQTT_PROTOCOL", "") or ("5" if mqtt_url() else "3.1.1"))
    return value.startswith("5")


def session_expiry() -> int:
    """How long the broker keeps the scanner's session (and queues its messages) while it is away, in seconds."""
    return int(setting("GONGHUI_MQTT_SESSION_EXPIRY", 7 * 24 * 3600))


def topic_prefix() -> str:
    return str(setting("GONGHUI_MQTT_PREFIX", "gonghui"))


def scan_interval() -> float:
    return float(setting("GONGHUI_SCAN_INTERVAL", 1.0))


def scan_group() -> str:
    """The MQTT shared-subscription group of the scanners (``$share/GROUP/...``): empty, each scanner gets every message."""
    return str(setting("GONGHUI_SCAN_GROUP", "")).strip()


def lease_cycles() -> int:
    """A scanner that misses this many cycles loses its zones to the others (and its MQTT session is drained)."""
    return int(setting("GONGHUI_SCAN_LEASE_CYCLES", 3))


def silent_cycles() -> int:
    """A detector not heard for this many cycles is a communication fault (heartbeats come every 30 s)."""
    return int(setting("GONGHUI_SCAN_SILENT_CYCLES", 90))


def lost_after() -> float:
    """Seconds a detector's skipped sequence numbers may take to arrive (a reordered redelivery)
    before the scanner raises the fault "events may have been lost"."""
    return float(setting("GONGHUI_SCAN_LOST_AFTER", 10.0))


# Channels tried in order for every notice; a channel that is not configured or has hit
# its daily cap is skipped, so the notice still goes out on the next one.
def channel_order() -> list[str]:
    value = setting("GONGHUI_ALARM_CHANNELS", "sms,wecom,dingtalk,email,board")
    return [c.strip() for c in str(value).split(",") if c.strip()]


def sms_provider() -> str:
    """'http' (a generic gateway), 'aliyun' or 'tencent'; empty: no SMS."""
    return str(setting("GONGHUI_SMS_PROVIDER", "http" if setting("GONGHUI_SMS_URL") else ""))


def sms_url() -> str:
    return str(setting("GONGHUI_SMS_URL", ""))


def sms_daily_cap() -> int:
    return int(setting("GONGHUI_SMS_DAILY_CAP", 1000))


def sms_token() -> str:
    return str(setting("GONGHUI_SMS_TOKEN", ""))


def aliyun() -> dict:
    return {
        "access_key_id": str(setting("GONGHUI_ALIYUN_ACCESS_KEY_ID", "")),
        "access_key_secret": str(setting("GONGHUI_ALIYUN_ACCESS_KEY_SECRET", "")),
        "sign_name": str(setting("GONGHUI_ALIYUN_SMS_SIGN_NAME", "")),
        "template_code": str(setting("GONGHUI_ALIYUN_SMS_TEMPLATE", "")),
        "endpoint": str(setting("GONGHUI_ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/")),
    }


def tencent() -> dict:
    return {
        "secret_id": str(setting("GONGHUI_TENCENT_SECRET_ID", "")),
        "secret_key": str(setting("GONGHUI_TENCENT_SECRET_KEY", "")),
        "sdk_app_id": str(setting("GONGHUI_TENCENT_SMS_APP_ID", "")),
        "sign_name": str(setting("GONGHUI_TENCENT_SMS_SIGN_NAME", "")),
        "template_id": str(setting("GONGHUI_TENCENT_SMS_TEMPLATE", "")),
        "region": str(setting("GONGHUI_TENCENT_SMS_REGION", "ap-guangzhou")),
        "endpoint": str(setting("GONGHUI_TENCENT_SMS_ENDPOINT", "https://sms.tencentcloudapi.com/")),
    }


def apprise_url(channel: str) -> str:
    """Apprise URLs, e.g. wecombot://KEY, dingtalk://TOKEN/, mailtos://user:pass@host?to={email}."""
    return str(setting(f"GONGHUI_ALARM_{channel.upper()}_URL", ""))


def daily_cap(channel: str) -> int:
    if channel == "sms":
        return sms_daily_cap()
    return int(setting(f"GONGHUI_ALARM_{channel.upper()}_DAILY_CAP", 100000))


def retry_seconds() -> float:
    return float(setting("GONGHUI_ALARM_RETRY_SECONDS", 10))
