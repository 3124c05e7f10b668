"""Keep a handful of child processes running, each on its own: what `demo-serve` stands on.

A child that fails (exits with a non-zero code or is killed by a signal) is started again after a pause that doubles with each quick death
(1 s, 2 s, 4 s … up to a cap) and falls back to the first pause once the child has
stayed up for a while. One child's death never touches the others: the alarm scanner
keeps scanning while a crashed web server comes back. A child that finishes cleanly (exit 0,
e.g. the simulator with no site to drive) has nothing more to do and is left finished, as
systemd's `Restart=on-failure` would. Only `stop()` (Ctrl-C, SIGTERM) ends them all.

In production each of these runs as its own systemd service instead (README), which
does the same job with `Restart=on-failure`.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import TextIO
from collections.abc import Callable


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    quick_deaths: int = 0          # deaths in a row, each soon after its start
    restart_at: float | None = None
    starts: int = 0
    exits: list[int] = field(default_factory=list)


class Supervisor:
    def __init__(
        self, children: list[tuple[str, list[str]]], *, first_pause: float = 1.0, longest_pause: float = 30.0,
        healthy_after: float = 60.0, poll: float = 0.2, log: TextIO | None = None,
        popen: Callable[..., subprocess.Popen] = subprocess.Popen,
    ):
        self.children = [Child(name, list(argv)) for name, argv in children]
        self.first_pause, self.longest_pause = first_pause, longest_pause
        self.healthy_after, self.poll = healthy_after, poll
        self.log, self.popen = log, popen
        self.stopping = threading.Event()

    def say(self, text: str) -> None:
        if self.log is not None:
            self.log.write(text + "\n")
            self.log.flush()

    def pause_after(self, quick_deaths: int) -> float:
        return min(self.first_pause * 2 ** max(quick_deaths - 1, 0), self.longest_pause)

    def start(self, child: Child) -> None:
        child.process = self.popen(child.argv)
        child.started_at, child.restart_at = time.monotonic(), None
        child.starts += 1

    def check(self) -> None:
        """One round: note the children that died, start again those whose pause is over."""
        now = time.monotonic()
        for child in self.children:
            if child.process is not None and child.process.poll() is not None:
                code = child.process.returncode
                child.exits.append(code)
                if code == 0:
                    child.process = None
                    self.say(f"[demo-serve] {child.name} finished")
                    continue
                lived = now - child.started_at
                child.quick_deaths = 1 if lived >= self.healthy_after else child.quick_deaths + 1
                pause = self.pause_after(child.quick_deaths)
                child.process, child.restart_at = None, now + pause
                self.say(f"[demo-serve] {child.name} exited with {code} after {lived:.1f}s; restarting in {pause:.0f}s")
            if child.process is None and child.restart_at is not None and now >= child.restart_at:
                self.start(child)

    def run(self) -> None:
        """Start every child and keep them running until `stop()`; then end them all."""
        for child in self.children:
            self.start(child)
        try:
            while not self.stopping.wait(self.poll):
                self.check()
        finally:
            self.shutdown()

    def stop(self) -> None:
        self.stopping.set()

    def shutdown(self, grace: float = 10.0) -> None:
        running = [c.process for c in self.children if c.process is not None and c.process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for process in running:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
