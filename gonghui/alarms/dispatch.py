"""Sending the outbox: every pending notice, over the first channel that takes it.

A notice is claimed with one conditional UPDATE before it is sent, so two dispatchers
(or a restarted one) never send the same row at once; it is marked sent only after a
channel accepted it, and tried again later when every channel failed. A channel whose
daily cap is reached is skipped, not waited on: the alarm goes out on the next channel.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import conf
from .channels import Channel, configured_channels
from .models import GatewayUsage, OutboxNotice
from .services import outbox_mark_failed, outbox_mark_sent

CLAIM_SECONDS = 60


def notice_text(notice: OutboxNotice) -> str:
    alarm = notice.alarm
    with translation.override("zh-hans"):
        return _("[Gonghui alarm] %(site)s %(zone)s: %(kind)s, %(detector)s at %(address)s (%(cause)s), %(time)s. Please respond at once.") % {
            "site": alarm.zone.site.name, "zone": alarm.zone.name, "kind": alarm.get_kind_display(),
            "detector": alarm.detector.get_kind_display(), "address": alarm.detector.address,
            "cause": alarm.get_cause_display(), "time": timezone.localtime(alarm.raised_at).strftime("%m-%d %H:%M:%S"),
        }


def outbox_dispatch(*, now: dt.datetime | None = None, channels: list[Channel] | None = None, limit: int = 200) -> int:
    """Send what is due; returns how many notices were delivered.

    The due rows are claimed with one UPDATE and the day's usage of each channel is read
    once and written once, so a burst of alarms costs one write per delivered notice.
    """
    now = now or timezone.now()
    channels = configured_channels() if channels is None else channels
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = list(OutboxNotice.objects.filter(free, status="pending", next_attempt_at__lte=now)
               .order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit])
    if not due:
        return 0
    token = now + dt.timedelta(seconds=CLAIM_SECONDS, microseconds=random.randint(0, 999_999))
    OutboxNotice.objects.filter(free, pk__in=due, status="pending").update(claimed_until=token)
    claimed = list(OutboxNotice.objects.filter(pk__in=due, claimed_until=token)
                   .select_related("alarm__zone__site", "alarm__zone__org", "alarm__detector", "person__user", "person__zone__org")
                   .order_by("next_attempt_at", "id"))
    day = timezone.localdate(now)
    used = dict(GatewayUsage.objects.filter(day=day).values_list("channel", "sent"))
    sent_now: dict[str, int] = {}
    delivered = 0
    try:
        for notice in claimed:
            text = notice_text(notice)
            problems = []
            for channel in channels:
                if not channel.available_for(notice.person):
                    continue
                if used.get(channel.name, 0) >= conf.daily_cap(channel.name):
                    problems.append(f"{channel.name}: daily cap")
                    continue
                outcome = channel.send(notice.person, text, str(notice.pk))
                if outcome.accepted:
                    used[channel.name] = used.get(channel.name, 0) + 1
                    sent_now[channel.name] = sent_now.get(channel.name, 0) + 1
                    outbox_mark_sent(notice=notice, channel=channel.name, now=timezone.now())
                    delivered += 1
                    break
                problems.append(f"{channel.name}: {outcome.status} {outcome.detail}")
            else:
                backoff = conf.retry_seconds() * min(2 ** notice.attempts, 30)
                outbox_mark_failed(notice=notice, error="; ".join(problems) or "no channel for this person",
                                   retry_at=now + dt.timedelta(seconds=backoff))
    finally:
        _count_use(sent_now, day)
    return delivered


def _count_use(sent: dict[str, int], day: dt.date) -> None:
    with transaction.atomic():
        for channel, n in sent.items():
            usage, _created = GatewayUsage.objects.get_or_create(channel=channel, day=day)
            GatewayUsage.objects.filter(pk=usage.pk).update(sent=F("sent") + n)
