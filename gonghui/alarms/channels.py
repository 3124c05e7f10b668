"""How a notice leaves the building: SMS gateways, WeCom, DingTalk, e-mail, the in-app board.

Every channel answers `send(person, text, key)` with an `Outcome`: accepted, capped (the
gateway's daily quota is used up: the dispatcher falls over to the next channel) or
failed (try again later). `key` is the outbox row's id, passed to gateways that take a
client reference, so a retry after a lost reply can be recognised on their side too.

The Aliyun and Tencent Cloud requests are signed as their public API documents describe
(Aliyun RPC signature v1, HMAC-SHA1; Tencent Cloud API 3.0, TC3-HMAC-SHA256). They were
written from those documents and tested against a local stand-in, not against the live
services.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from urllib.parse import quote, urlparse

import requests

from . import conf

TIMEOUT = 5


@dataclass(frozen=True)
class Outcome:
    status: str  # "accepted" | "capped" | "failed" | "unavailable"
    detail: str = ""

    @property
    def accepted(self) -> bool:
        return self.status == "accepted"


ACCEPTED = Outcome("accepted")
UNAVAILABLE = Outcome("unavailable")


class Channel:
    name = ""

    def available_for(self, person) -> bool:
        return True

    def send(self, person, text: str, key: str) -> Outcome:  # pragma: no cover - interface
        raise NotImplementedError


# ── SMS ───────────────────────────────────────────────────────────────────────

class HttpSmsGateway(Channel):
    """A generic HTTP SMS gateway: POST JSON {id, phone, text}; 2xx accepted, 429 or 'daily_cap' capped."""

    name = "sms"

    def __init__(self, url: str, token: str = ""):
        self.url, self.token = url, token

    def available_for(self, person) -> bool:
        return bool(self.url and person.phone)

    def send(self, person, text: str, key: str) -> Outcome:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            r = requests.post(self.url, json={"id": key, "phone": person.phone, "text": text}, headers=headers, timeout=TIMEOUT)
        except requests.RequestException as exc:
            return Outcome("failed", str(exc)[:200])
        body = r.text[:200]
        if r.status_code == 429 or "daily_cap" in body:
            return Outcome("capped", body)
        if 200 <= r.status_code < 300:
            return ACCEPTED
        return Outcome("failed", f"HTTP {r.status_code} {body}")


def _aliyun_encode(value: str) -> str:
    return quote(value, safe="~")


def aliyun_signed_query(params: dict[str, str], secret: str, method: str = "GET") -> dict[str, str]:
    """Aliyun RPC signature v1: HMAC-SHA1 over the sorted, percent-encoded query."""
    canonical = "&".join(f"{_aliyun_encode(k)}={_aliyun_encode(v)}" for k, v in sorted(params.items()))
    string_to_sign = f"{method}&{_aliyun_encode('/')}&{_aliyun_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return {**params, "Signature": base64.b64encode(digest).decode()}


class AliyunSms(Channel):
    """Aliyun SMS (dysmsapi, SendSms, version 2017-05-25). The template takes ${text}."""

    name = "sms"
    CAPPED_CODES = {"isv.DAY_LIMIT_CONTROL", "isv.BUSINESS_LIMIT_CONTROL", "isv.AMOUNT_NOT_ENOUGH"}

    def __init__(self, cfg: dict):
        self.cfg = cfg

    def available_for(self, person) -> bool:
        return bool(self.cfg["access_key_id"] and person.phone)

    def request_params(self, phone: str, text: str, key: str, now: dt.datetime | None = None, nonce: str | None = None) -> dict:
        now = now or dt.datetime.now(dt.UTC)
        params = {
            "AccessKeyId": self.cfg["access_key_id"], "Action": "SendSms", "Format": "JSON", "RegionId": "cn-hangzhou",
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": nonce or uuid.uuid4().hex, "SignatureVersion": "1.0",
            "Timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25",
            "PhoneNumbers": phone, "SignName": self.cfg["sign_name"], "TemplateCode": self.cfg["template_code"],
            "TemplateParam": json.dumps({"text": text[:35]}, ensure_ascii=False), "OutId": key,
        }
        return aliyun_signed_query(params, self.cfg["access_key_secret"])

    def send(self, person, text: str, key: str) -> Outcome:
        try:
            r = requests.get(self.cfg["endpoint"], params=self.request_params(person.phone, text, key), timeout=TIMEOUT)
            body = r.json()
        except (requests.RequestException, ValueError) as exc:
            return Outcome("failed", str(exc)[:200])
        code = body.get("Code", "")
        if code == "OK":
            return ACCEPTED
        return Outcome("capped" if code in self.CAPPED_CODES else "failed", f"{code} {body.get('Message', '')}"[:200])


def tencent_authorization(*, secret_id: str, secret_key: str, host: str, payload: str, timestamp: int, service: str = "sms") -> str:
    """Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256) for a JSON POST to `host`."""
    date = dt.datetime.fromtimestamp(timestamp, tz=dt.UTC).strftime("%Y-%m-%d")
    canonical_request = "\n".join([
        "POST", "/", "", f"content-type:application/json; charset=utf-8\nhost:{host}\n", "content-type;host",
        hashlib.sha256(payload.encode()).hexdigest(),
    ])
    scope = f"{date}/{service}/tc3_request"
    string_to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(canonical_request.encode()).hexdigest()])

    def sign(key: bytes, msg: str) -> bytes:
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    secret_signing = sign(sign(sign(f"TC3{secret_key}".encode(), date), service), "tc3_request")
    signature = hmac.new(secret_signing, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders=content-type;host, Signature={signature}"


class TencentSms(Channel):
    """Tencent Cloud SMS (SendSms, version 2021-01-11). The template takes one parameter: the text."""

    name = "sms"
    CAPPED_CODES = {"LimitExceeded.PhoneNumberDailyLimit", "LimitExceeded.DailyLimit", "LimitExceeded.AppDailyLimit",
                    "FailedOperation.InsufficientBalanceInSmsPackage"}

    def __init__(self, cfg: dict):
        self.cfg = cfg

    def available_for(self, person) -> bool:
        return bool(self.cfg["secret_id"] and person.phone)

    def request(self, phone: str, text: str, key: str, timestamp: int | None = None) -> tuple[dict, str]:
        timestamp = timestamp or int(time.time())
        host = urlparse(self.cfg["endpoint"]).hostname
        payload = json.dumps({
            "PhoneNumberSet": [phone if phone.startswith("+") else f"+86{phone}"], "SmsSdkAppId": self.cfg["sdk_app_id"],
            "SignName": self.cfg["sign_name"], "TemplateId": self.cfg["template_id"], "TemplateParamSet": [text[:35]],
            "SessionContext": key,
        }, ensure_ascii=False)
        headers = {
            "Authorization": tencent_authorization(secret_id=self.cfg["secret_id"], secret_key=self.cfg["secret_key"],
                                                   host=host, payload=payload, timestamp=timestamp),
            "Content-Type": "application/json; charset=utf-8", "Host": host, "X-TC-Action": "SendSms",
            "X-TC-Timestamp": str(timestamp), "X-TC-Version": "2021-01-11", "X-TC-Region": self.cfg["region"],
        }
        return headers, payload

    def send(self, person, text: str, key: str) -> Outcome:
        headers, payload = self.request(person.phone, text, key)
        try:
            r = requests.post(self.cfg["endpoint"], data=payload.encode(), headers=headers, timeout=TIMEOUT)
            body = r.json().get("Response", {})
        except (requests.RequestException, ValueError) as exc:
            return Outcome("failed", str(exc)[:200])
        if "Error" in body:
            code = body["Error"].get("Code", "")
            return Outcome("capped" if code in self.CAPPED_CODES else "failed", code)
        statuses = body.get("SendStatusSet") or [{}]
        code = statuses[0].get("Code", "")
        if code == "Ok":
            return ACCEPTED
        return Outcome("capped" if code in self.CAPPED_CODES else "failed", code)


# ── apprise: WeCom, DingTalk, e-mail ──────────────────────────────────────────

class AppriseChannel(Channel):
    """WeCom and DingTalk group robots and e-mail through apprise. `{phone}` / `{email}` in the URL are filled per person."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def available_for(self, person) -> bool:
        if not self.url:
            return False
        return "{email}" not in self.url or bool(person.email)

    def send(self, person, text: str, key: str) -> Outcome:
        import apprise

        box = apprise.Apprise()
        if not box.add(self.url.replace("{phone}", person.phone).replace("{email}", person.email)):
            return Outcome("failed", "bad apprise URL")
        return ACCEPTED if box.notify(body=text, title=text[:30]) else Outcome("failed", "apprise could not deliver")


class BoardChannel(Channel):
    """The in-app inbox of the person's login (gonghui.core.services.notice_send)."""

    name = "board"

    def available_for(self, person) -> bool:
        return person.user_id is not None

    def send(self, person, text: str, key: str) -> Outcome:
        from django.urls import reverse

        from gonghui.core.services import notice_send

        notice_send(recipient=person.user, org=person.zone.org, title=text[:120], body=text, url=reverse("alarms:board"))
        return ACCEPTED


def sms_channel() -> Channel | None:
    provider = conf.sms_provider()
    if provider == "aliyun":
        return AliyunSms(conf.aliyun())
    if provider == "tencent":
        return TencentSms(conf.tencent())
    if provider == "http":
        return HttpSmsGateway(conf.sms_url(), conf.sms_token())
    return None


def configured_channels() -> list[Channel]:
    found: list[Channel] = []
    for name in conf.channel_order():
        if name == "sms":
            ch = sms_channel()
        elif name == "board":
            ch = BoardChannel()
        elif name in ("wecom", "dingtalk", "email"):
            url = conf.apprise_url(name)
            ch = AppriseChannel(name, url) if url else None
        else:
            ch = None
        if ch is not None:
            found.append(ch)
    return found
