"""The outbox reaching people: a real HTTP gateway on loopback, daily caps, retries, the in-app board."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.alarms import services
from gonghui.alarms.channels import AliyunSms, BoardChannel, HttpSmsGateway, TencentSms, aliyun_signed_query, tencent_authorization
from gonghui.alarms.dispatch import outbox_dispatch
from gonghui.alarms.loopback import LoopbackSmsGateway
from gonghui.alarms.models import GatewayUsage, OutboxNotice
from gonghui.alarms.services import IncomingMessage
from gonghui.core.models import Notice

from .factories import build_plant

pytestmark = pytest.mark.django_db


@pytest.fixture
def fire(cast):
    plant = build_plant(cast.union, actor=cast.chair)
    first = plant.depot.duty.get(position=0)
    first.user = cast.chair
    first.save()
    services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.smoke.code, seq=1, active=True)])
    services.scan_cycle(started=timezone.now(), silent_after=90)
    return plant


def test_the_notice_reaches_the_sms_gateway_once_with_the_alarm_text(fire):
    with LoopbackSmsGateway() as gateway:
        assert outbox_dispatch(channels=[HttpSmsGateway(gateway.url)]) == 1
        assert outbox_dispatch(channels=[HttpSmsGateway(gateway.url)]) == 0
    [sms] = gateway.received
    assert sms["phone"] == "13800000001" and "油库" in sms["text"] and "火警" in sms["text"]
    notice = OutboxNotice.objects.get()
    assert notice.status == "sent" and notice.channel == "sms"


def test_a_gateway_at_its_daily_cap_falls_over_to_the_next_channel(fire):
    with LoopbackSmsGateway(cap=0) as gateway:
        assert outbox_dispatch(channels=[HttpSmsGateway(gateway.url), BoardChannel()]) == 1
    assert OutboxNotice.objects.get().channel == "board"
    assert Notice.objects.filter(title__contains="油库").count() == 1


def test_our_own_count_of_the_daily_cap_also_falls_over(fire, settings):
    settings.GONGHUI_SMS_DAILY_CAP = 5
    GatewayUsage.objects.create(channel="sms", day=timezone.localdate(), sent=5)
    with LoopbackSmsGateway() as gateway:
        outbox_dispatch(channels=[HttpSmsGateway(gateway.url), BoardChannel()])
    assert gateway.received == [] and OutboxNotice.objects.get().channel == "board"


def test_a_failing_gateway_is_retried_later_until_delivered(fire):
    with LoopbackSmsGateway() as gateway:
        gateway.failing = True
        assert outbox_dispatch(channels=[HttpSmsGateway(gateway.url)]) == 0
        notice = OutboxNotice.objects.get()
        assert notice.status == "pending" and notice.attempts == 1 and "503" in notice.last_error
        assert outbox_dispatch(channels=[HttpSmsGateway(gateway.url)]) == 0, "not due yet"
        gateway.failing = False
        assert outbox_dispatch(now=timezone.now() + dt.timedelta(minutes=5), channels=[HttpSmsGateway(gateway.url)]) == 1
    assert len(gateway.received) == 1


def test_a_claimed_notice_is_not_sent_by_a_second_dispatcher(fire):
    OutboxNotice.objects.update(claimed_until=timezone.now() + dt.timedelta(seconds=60))
    with LoopbackSmsGateway() as gateway:
        assert outbox_dispatch(channels=[HttpSmsGateway(gateway.url)]) == 0
    assert gateway.received == []


def test_the_aliyun_request_is_signed_over_the_sorted_encoded_query():
    params = {"B": "2 3", "A": "x*y~", "Action": "SendSms"}
    signed = aliyun_signed_query(params, "secret")
    # The string to sign: GET&%2F& + the percent-encoded canonical query (spaces %20, * %2A, ~ kept).
    import base64
    import hashlib
    import hmac
    sts = "GET&%2F&A%3Dx%252Ay~%26Action%3DSendSms%26B%3D2%25203"
    assert signed["Signature"] == base64.b64encode(hmac.new(b"secret&", sts.encode(), hashlib.sha1).digest()).decode()
    ali = AliyunSms({"access_key_id": "id", "access_key_secret": "s", "sign_name": "工会", "template_code": "SMS_1", "endpoint": ""})
    p = ali.request_params("13800000001", "油库火警", "17", now=dt.datetime(2025, 6, 1, tzinfo=dt.UTC), nonce="n")
    assert p["Timestamp"] == "2025-06-01T00:00:00Z" and p["Action"] == "SendSms" and p["OutId"] == "17"


def test_the_tencent_request_carries_a_tc3_authorization_for_its_payload():
    tc = TencentSms({"secret_id": "AKID", "secret_key": "key", "sdk_app_id": "1400", "sign_name": "工会", "template_id": "1",
                     "region": "ap-guangzhou", "endpoint": "https://sms.tencentcloudapi.com/"})
    headers, payload = tc.request("13800000001", "油库火警", "17", timestamp=1748736000)
    assert headers["Authorization"].startswith("TC3-HMAC-SHA256 Credential=AKID/2025-06-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=")
    assert headers["Authorization"] == tencent_authorization(secret_id="AKID", secret_key="key", host="sms.tencentcloudapi.com",
                                                             payload=payload, timestamp=1748736000)
    assert '"+8613800000001"' in payload and headers["X-TC-Action"] == "SendSms"


def test_a_wecom_style_apprise_channel_delivers_over_http_when_sms_is_down(fire):
    """Apprise's json:// target stands in for a WeCom / DingTalk robot: a real HTTP post on loopback."""
    from gonghui.alarms.channels import AppriseChannel

    with LoopbackSmsGateway() as sms, LoopbackSmsGateway() as robot:
        sms.failing = True
        robot_url = robot.url.replace("http://", "json://")
        assert outbox_dispatch(channels=[HttpSmsGateway(sms.url), AppriseChannel("wecom", robot_url)]) == 1
    assert OutboxNotice.objects.get().channel == "wecom"
    assert "油库" in robot.received[0]["message"]


def test_an_unacknowledged_alarm_reaches_the_next_person_on_the_duty_list_by_sms(fire):
    with LoopbackSmsGateway() as gateway:
        outbox_dispatch(channels=[HttpSmsGateway(gateway.url)])
        later = timezone.now() + dt.timedelta(seconds=301)
        assert services.escalations_sweep(now=later) == 1
        assert outbox_dispatch(now=later, channels=[HttpSmsGateway(gateway.url)]) == 1
        assert services.escalations_sweep(now=later) == 0
        assert outbox_dispatch(now=later, channels=[HttpSmsGateway(gateway.url)]) == 0
    assert [r["phone"] for r in gateway.received] == ["13800000001", "13800000002"]
