"""`gonghui demo-serve`: the web server, the worker and the alarm system's processes, for the demo.

Each runs as its own process, as in production, watched by a supervisor: a child that
dies is started again after a growing pause, and never takes the others down with it
(a crashed web server must not stop the alarm scanner). Ctrl-C or SIGTERM stops them all.
"""

from __future__ import annotations

import signal
import sys

from django.core.management.base import BaseCommand

from gonghui.portal.supervision import Supervisor

# Extra processes other apps want beside the web server in the demo: (name, argv after `gonghui`).
DEMO_PROCESSES: list[tuple[str, list[str]]] = [
    ("worker", ["worker", "--interval", "1"]),
    # The alarm system: the scanner (starts an embedded MQTT broker when GONGHUI_MQTT_URL is empty),
    # the notifier that sends its outbox, and the simulated detectors' heartbeats.
    ("scan", ["scan"]),
    ("notify", ["notify"]),
    ("simulate", ["simulate", "--site", "benbu", "run"]),
]


class Command(BaseCommand):
    help = "Serve the demo: runserver plus the worker and the alarm processes, each restarted if it dies."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        base = [sys.executable, "-m", "gonghui"]
        children = [(name, base + argv) for name, argv in DEMO_PROCESSES]
        children.insert(0, ("web", base + ["runserver", f"{host}:{port}", "--noreload"]))
        supervisor = Supervisor(children, log=self.stderr)
        # SIGTERM stops the children too, as Ctrl-C does.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: supervisor.stop())
        self.stdout.write(f"Gonghui demo on http://{host}:{port}/  (logins: admin, chair, fed, member, outsider; password gonghui-demo)")
        supervisor.run()
