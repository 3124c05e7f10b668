"""`gonghui demo-serve`: the web server and the background worker together, for the demo.

Each runs as its own process, as in production; Ctrl-C or SIGTERM stops them all.
"""

from __future__ import annotations

import signal
import subprocess
import sys

from django.core.management.base import BaseCommand

# Extra processes other apps want beside the web server in the demo: (name, argv after `gonghui`).
DEMO_PROCESSES: list[tuple[str, list[str]]] = [
    ("worker", ["worker", "--interval", "1"]),
    # The alarm system: the scanner (starts an embedded MQTT broker when GONGHUI_MQTT_URL is empty),
    # the notifier that sends its outbox, and the simulated detectors' heartbeats.
    ("scan", ["scan"]),
    ("notify", ["notify"]),
    ("simulate", ["simulate", "--site", "benbu", "run"]),
]


def _stop(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Serve the demo: runserver plus the worker (and the alarm scanner when installed)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        # A SIGTERM to this process stops the children too, as Ctrl-C does.
        signal.signal(signal.SIGTERM, _stop)
        base = [sys.executable, "-m", "gonghui"]
        children = [subprocess.Popen(base + argv) for _name, argv in DEMO_PROCESSES]
        self.stdout.write(f"Gonghui demo on http://{host}:{port}/  (logins: admin, chair, fed, member, outsider; password gonghui-demo)")
        web = subprocess.Popen(base + ["runserver", f"{host}:{port}", "--noreload"])
        try:
            web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for p in [web, *children]:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in [web, *children]:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
