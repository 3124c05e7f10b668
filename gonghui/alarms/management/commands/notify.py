"""`gonghui notify`: sends the alarm outbox and escalates down the duty lists.

A separate small process (demo-serve starts it beside the worker and the scanner)
rather than a django-tasks task: escalation is a matter of time passing with nobody
acknowledging, which needs a loop that looks every fraction of a second, and a
dedicated process keeps an SMS gateway's slow reply from holding up imports or reports.
Everything it knows lives in the outbox table, so it can be killed and restarted freely.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.db import close_old_connections

from gonghui.alarms.dispatch import outbox_dispatch
from gonghui.alarms.services import escalations_sweep

log = logging.getLogger("gonghui.alarms.notify")


class Command(BaseCommand):
    help = "Send alarm notices (SMS, WeCom, DingTalk, e-mail, in-app) and escalate unacknowledged alarms."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=0.2)
        parser.add_argument("--once", action="store_true", help="send what is due, then exit")

    def handle(self, *args, interval, once, **options):
        translation.activate(settings.LANGUAGE_CODE)  # the event log's notes are written in the office's language
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        last_sweep = 0.0
        while not stop.is_set():
            try:
                close_old_connections()
                if time.monotonic() - last_sweep >= 1.0:  # escalation is counted in minutes: once a second is plenty
                    escalations_sweep()
                    last_sweep = time.monotonic()
                sent = outbox_dispatch()
                if sent:
                    self.stdout.write(f"notify: delivered {sent} notice(s)")
            except Exception:  # noqa: BLE001 - keep sending whatever else is due
                log.exception("dispatch failed")
            if once:
                break
            stop.wait(interval)
